"""Open a store: resolve the database URL, configure the engine, keep the schema current.

The default is ``quotes.db`` (SQLite) in the working directory; ``--db URL`` or the
``QUOTES_DB`` environment variable choose another SQLite file or a PostgreSQL server.
A new, empty database is brought to the current schema automatically; an older one
asks for ``quotes db upgrade`` so a schema change is never a surprise.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from quotes.errors import QuotesError

DEFAULT_DB = "quotes.db"
MIGRATIONS = Path(__file__).with_name("migrations")


def database_url(given: str | None = None) -> str:
    """A SQLAlchemy URL from ``--db``/``QUOTES_DB``: a URL, or a plain path meaning a SQLite file."""
    raw = given or os.environ.get("QUOTES_DB") or DEFAULT_DB
    if "://" not in raw:
        return f"sqlite:///{Path(raw).expanduser()}"
    # Users write the URLs libpq and Heroku print; psycopg 3 is the driver we ship.
    for prefix in ("postgres://", "postgresql://"):
        if raw.startswith(prefix):
            return "postgresql+psycopg://" + raw[len(prefix) :]
    return raw


def display_url(url: str) -> str:
    """The URL with any password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    # The sqlite3 module's own transaction handling breaks SAVEPOINT and transactional DDL;
    # turn it off and let SQLAlchemy emit BEGIN (see _sqlite_begin).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    # WAL lets readers (the review UI) work while a batch writes; foreign keys are off by default in SQLite.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


def make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise QuotesError(f"not a database URL: {url!r} (try a file name or postgresql://user@host/db)") from None
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            parent = Path(database).expanduser().resolve().parent
            if not parent.is_dir():
                raise QuotesError(f"cannot create database {database}: folder {parent} does not exist")
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if parsed.get_backend_name() != "postgresql":
        raise QuotesError(f"unsupported database {parsed.get_backend_name()!r}: use SQLite or PostgreSQL")
    try:
        return create_engine(url, pool_pre_ping=True)
    except (ImportError, ArgumentError) as exc:
        raise QuotesError(f"cannot use {display_url(url)}: {exc}") from None


@contextmanager
def database_errors(url: str) -> Iterator[None]:
    """Report a database failure (server down, disk full, locked) as one line for the user."""
    try:
        yield
    except OperationalError as exc:
        raise QuotesError(f"database error on {display_url(url)}: {str(exc.orig).strip()}") from None
    except SQLAlchemyError as exc:
        raise QuotesError(f"database error on {display_url(url)}: {exc}") from None


def alembic_config(engine: Engine | None = None) -> Any:
    from alembic.config import Config  # noqa: PLC0415 - alembic is only needed when migrating

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("path_separator", "os")
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory  # noqa: PLC0415

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext  # noqa: PLC0415

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _run_alembic(engine: Engine, command_name: str, revision: str) -> None:
    from alembic import command  # noqa: PLC0415

    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        getattr(command, command_name)(cfg, revision)


def upgrade(engine: Engine, revision: str = "head") -> None:
    try:
        _run_alembic(engine, "upgrade", revision)
    except OperationalError as exc:
        raise QuotesError(f"cannot upgrade {display_url(str(engine.url))}: {exc.orig}") from None


def downgrade(engine: Engine, revision: str) -> None:
    _run_alembic(engine, "downgrade", revision)


def is_empty(engine: Engine) -> bool:
    names = set(inspect(engine).get_table_names())
    return not (names - {"alembic_version"})


def ensure_schema(engine: Engine) -> None:
    """Create the schema in a new database; refuse to work on an out-of-date one."""
    try:
        current = current_revision(engine)
        empty = current is None and is_empty(engine)
    except OperationalError as exc:
        raise QuotesError(f"cannot open database {display_url(str(engine.url))}: {exc.orig}") from None
    head = head_revision()
    if current == head:
        return
    if empty:
        upgrade(engine)
        return
    if current is None:
        raise QuotesError(f"{display_url(str(engine.url))} holds tables that are not a quotes store")
    from alembic.script import ScriptDirectory  # noqa: PLC0415

    known = {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if current not in known:
        raise QuotesError(f"database schema {current} is newer than this quotes ({head}): upgrade quotes")
    raise QuotesError(f"database schema is at {current}, this quotes needs {head}: run `quotes db upgrade`")


@dataclass
class Store:
    """An engine with a current schema and a session factory."""

    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def url(self) -> str:
        return display_url(str(self.engine.url))

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose work commits on success and rolls back on any error."""
        with self.sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_store(url: str | None = None, *, migrate: bool = True) -> Store:
    engine = make_engine(database_url(url))
    try:
        if migrate:
            ensure_schema(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise QuotesError(f"database error on {display_url(str(engine.url))}: {exc}") from None
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, sessionmaker(engine, expire_on_commit=False))
