"""Alembic environment for the quotes store.

`quotes db upgrade` passes an open connection in ``config.attributes``; plain
``alembic -c db/alembic.ini ...`` reads the URL from ``-x db=URL``, ``QUOTES_DB``
or falls back to ``quotes.db`` like the CLI.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from quotes.store.db import database_url, make_engine
from quotes.store.models import Base

config = context.config
target_metadata = Base.metadata


def _migrate(connection: Connection) -> None:
    # Batch mode lets later migrations alter tables on SQLite (copy-and-move).
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    url = context.get_x_argument(as_dictionary=True).get("db") or config.get_main_option("sqlalchemy.url")
    context.configure(url=database_url(url), target_metadata=target_metadata, literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    given = config.attributes.get("connection")
    if given is not None:
        _migrate(given)
        return
    url = context.get_x_argument(as_dictionary=True).get("db") or config.get_main_option("sqlalchemy.url")
    engine = make_engine(database_url(url))
    try:
        with engine.begin() as connection:
            _migrate(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
