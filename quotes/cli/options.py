"""Options shared by the query, export and review commands: --db and the quote filters."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from quotes.errors import QuotesError
from quotes.extract.types import KINDS
from quotes.store.db import Store, database_url, display_url, is_empty, make_engine, open_store
from quotes.store.models import REVIEW_STATUSES
from quotes.store.views import QuoteFilter

db_option = click.option(
    "--db",
    "db_url",
    envvar="QUOTES_DB",
    metavar="URL",
    help="Database: a SQLite file or postgresql:// URL (env QUOTES_DB). Default: quotes.db.",
)

_FIRST = "run `quotes extract PATH` first"


def existing_database_url(db_url: str | None) -> str:
    """The URL of a database that exists; a one-line error otherwise.

    Checked before connecting, because connecting to a mistyped SQLite path would create it empty.
    """
    url = database_url(db_url)
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise QuotesError(f"not a database URL: {url!r} (try a file name or postgresql://user@host/db)") from None
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        path = Path(parsed.database).expanduser()
        if not path.exists():
            raise QuotesError(f"no database {path} here: {_FIRST}, or name one with --db / QUOTES_DB")
        if path.is_dir():
            raise QuotesError(f"{path} is a folder, not a database file")
        if path.stat().st_size == 0:
            raise QuotesError(f"database {path} is empty: {_FIRST}")
    return url


def check_database(db_url: str | None) -> str:
    """The URL of a database that exists and holds a store; a one-line error otherwise."""
    url = existing_database_url(db_url)
    where = display_url(url)
    engine = make_engine(url)
    try:
        empty = is_empty(engine)
    except SQLAlchemyError as exc:
        reason = getattr(exc, "orig", None) or exc
        raise QuotesError(f"cannot open database {where}: {str(reason).splitlines()[0]}") from None
    finally:
        engine.dispose()
    if empty:
        raise QuotesError(f"database {where} is empty: {_FIRST}")
    return url


@contextmanager
def existing_store(db_url: str | None) -> Iterator[Store]:
    """An open store that already holds articles (see :func:`check_database`)."""
    from quotes.store.queries import has_articles  # noqa: PLC0415

    store = open_store(check_database(db_url))
    try:
        with store.sessions() as session:
            if not has_articles(session):
                raise QuotesError(f"database {store.url} holds no articles yet: {_FIRST}")
        yield store
    finally:
        store.close()


def ref(value: str | None) -> int | str | None:
    """An id when the value is all digits, else a name (or article source)."""
    if value is None:
        return None
    value = value.strip()
    return int(value) if value.isdigit() else value


_DATE = click.DateTime(formats=["%Y-%m-%d"])

_FILTERS = [
    click.option("--speaker", metavar="NAME|ID", help="Speaker entity id, or a name or alias (any case)."),
    click.option(
        "--outlet", metavar="NAME|ID", help="Outlet id or name: quotes it published or that came through it."
    ),
    click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS), help="Quote kind (repeatable)."),
    click.option(
        "--status", "statuses", multiple=True, type=click.Choice(REVIEW_STATUSES), help="Review status (repeatable)."
    ),
    click.option("--article", metavar="ID|SOURCE", help="One article: its id or its source as stored."),
    click.option("--since", type=_DATE, metavar="YYYY-MM-DD", help="Articles published on or after this date."),
    click.option("--until", type=_DATE, metavar="YYYY-MM-DD", help="Articles published on or before this date."),
    click.option(
        "--min-confidence", type=click.FloatRange(0, 1), metavar="X", help="Only quotes with confidence >= X."
    ),
]
_FILTER_KEYS = ("speaker", "outlet", "kinds", "statuses", "article", "since", "until", "min_confidence")


def filter_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the quote filters to a command, which receives ``filters: QuoteFilter``."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        given = {key: kwargs.pop(key) for key in _FILTER_KEYS}
        kwargs["filters"] = QuoteFilter(
            speaker=ref(given["speaker"]),
            outlet=ref(given["outlet"]),
            kind=tuple(given["kinds"]) or None,
            status=tuple(given["statuses"]) or None,
            article=ref(given["article"]),
            since=given["since"].date() if given["since"] else None,
            until=given["until"].date() if given["until"] else None,
            min_confidence=given["min_confidence"],
        )
        return command(*args, **kwargs)

    for option in reversed(_FILTERS):
        wrapper = option(wrapper)
    return wrapper


def page_options(default_limit: int) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        command = click.option(
            "--offset", type=click.IntRange(min=0), default=0, metavar="N", help="Skip the first N."
        )(command)
        return click.option(
            "--limit",
            type=click.IntRange(min=1),
            default=default_limit,
            metavar="N",
            show_default=True,
            help="Show at most N.",
        )(command)

    return decorate
