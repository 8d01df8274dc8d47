"""`quotes db ...`: create, upgrade and inspect the store."""

from __future__ import annotations

import click

from quotes.cli.options import db_option as DB_OPTION
from quotes.cli.options import existing_database_url
from quotes.errors import QuotesError


@click.group("db")
def db() -> None:
    """Create, upgrade and inspect the database quotes are stored in."""


@db.command("upgrade")
@DB_OPTION
@click.option("--revision", default="head", show_default=True, help="Schema revision to upgrade to.")
def upgrade_cmd(db_url: str | None, revision: str) -> None:
    """Create the database or bring its schema up to date (safe to run again)."""
    from quotes.store.db import (  # noqa: PLC0415
        current_revision,
        database_errors,
        database_url,
        display_url,
        make_engine,
        upgrade,
    )

    url = database_url(db_url)
    engine = make_engine(url)
    try:
        with database_errors(url):
            before = current_revision(engine)
            upgrade(engine, revision)
            after = current_revision(engine)
    finally:
        engine.dispose()
    if before == after:
        click.echo(f"{display_url(url)}: schema already at {after}", err=True)
    else:
        click.echo(f"{display_url(url)}: schema upgraded from {before or 'empty'} to {after}", err=True)


@db.command("downgrade")
@DB_OPTION
@click.argument("revision")
@click.option("--yes", is_flag=True, help="Confirm: downgrading drops tables and the data in them.")
def downgrade_cmd(db_url: str | None, revision: str, yes: bool) -> None:
    """Take the schema back to REVISION ("base" removes every table)."""
    from quotes.store.db import (  # noqa: PLC0415
        current_revision,
        database_errors,
        display_url,
        downgrade,
        make_engine,
    )

    if not yes:
        raise QuotesError("downgrading can drop data; pass --yes to confirm")
    url = existing_database_url(db_url)
    engine = make_engine(url)
    try:
        with database_errors(url):
            downgrade(engine, revision)
            after = current_revision(engine)
    finally:
        engine.dispose()
    click.echo(f"{display_url(url)}: schema now at {after or 'base (empty)'}", err=True)


@db.command("status")
@DB_OPTION
def status_cmd(db_url: str | None) -> None:
    """Schema revision and what the database holds."""
    from quotes.store import repository  # noqa: PLC0415
    from quotes.store.db import (  # noqa: PLC0415
        current_revision,
        database_errors,
        display_url,
        head_revision,
        make_engine,
        open_store,
    )

    url = existing_database_url(db_url)
    engine = make_engine(url)
    try:
        with database_errors(url):
            current, head = current_revision(engine), head_revision()
    finally:
        engine.dispose()
    click.echo(f"database: {display_url(url)}")
    click.echo(f"schema:   {current or 'empty'} (this quotes: {head})")
    if current != head:
        return
    store = open_store(db_url)
    try:
        with store.sessions() as session:
            s = repository.stats(session)
            runs = repository.list_runs(session, limit=1)
    finally:
        store.close()
    click.echo(f"articles: {s.articles}")
    click.echo(f"quotes:   {s.quotes}  " + "  ".join(f"{k}={n}" for k, n in s.by_status))
    click.echo(f"entities: {s.entities}")
    click.echo(f"errors:   {s.input_errors}")
    if runs:
        r = runs[0]
        click.echo(f"last run: #{r.id} {r.status}, started {r.started_at:%Y-%m-%d %H:%M}, {r.quotes_stored} quotes")


@db.command("errors")
@DB_OPTION
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True)
def errors_cmd(db_url: str | None, limit: int) -> None:
    """Inputs that could not be read or extracted (cleared when they later succeed)."""
    from quotes.store import repository  # noqa: PLC0415
    from quotes.store.db import open_store  # noqa: PLC0415

    store = open_store(existing_database_url(db_url))
    try:
        with store.sessions() as session:
            page = repository.list_errors(session, limit=limit)
    finally:
        store.close()
    for e in page.items:
        click.echo(f"{e.source}: {e.problem}")
    if page.has_more:
        click.echo(f"... {page.total - len(page.items)} more (--limit)", err=True)


COMMANDS = [db]
