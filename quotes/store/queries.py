"""Queries for scripts and exports that the review UI does not need.

Like the repository, functions take a Session and return frozen values. ``iter_quotes``
streams (a server-side cursor on PostgreSQL, SQLite's lazy cursor) so an export of any
size runs in constant memory; ``readonly_rows`` runs a user's SQL on a connection the
database itself keeps read-only.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from itertools import groupby
from typing import Any
from urllib.parse import quote as url_quote

from sqlalchemy import Integer, case, cast, create_engine, func, select, union
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, aliased
from sqlalchemy.pool import NullPool

from quotes.errors import QuotesError
from quotes.store.entities import name_key
from quotes.store.models import Alias, ArticleRecord, ChannelLink, Entity, QuoteRecord

# Shared with list_quotes and search so a filter, and a stored quote's pieces, mean the same everywhere.
from quotes.store.repository import _apply_filter, _pieces, get_entity
from quotes.store.views import ChannelView, EntityView, QuoteFilter, QuoteView

STREAM_BATCH = 1000


def has_articles(session: Session) -> bool:
    return session.scalar(select(ArticleRecord.id).limit(1)) is not None


def existing_quote_ids(session: Session, ids: Sequence[int]) -> set[int]:
    return set(session.scalars(select(QuoteRecord.id).where(QuoteRecord.id.in_(list(ids)))))


# ---------------------------------------------------------------- streaming export


def _span(start: int | None, end: int | None) -> tuple[int, int] | None:
    return (start, end) if start is not None and end is not None else None


def iter_quotes(
    session: Session, filters: QuoteFilter | None = None, *, batch_size: int = STREAM_BATCH
) -> Iterator[QuoteView]:
    """Every quote matching ``filters`` in id order, fetched ``batch_size`` rows at a time.

    One query joins each quote to its channels (one row per channel) in id order, so
    grouping consecutive rows rebuilds a quote without holding more than a batch.
    """
    publisher = aliased(Entity, name="publisher")
    via = aliased(Entity, name="via")
    stmt = select(
        QuoteRecord.id,
        QuoteRecord.article_id,
        ArticleRecord.source,
        ArticleRecord.title,
        ArticleRecord.published,
        publisher.name.label("publisher"),
        QuoteRecord.position,
        QuoteRecord.kind,
        QuoteRecord.content,
        QuoteRecord.content_start,
        QuoteRecord.content_end,
        QuoteRecord.content_pieces,
        QuoteRecord.cue,
        QuoteRecord.cue_start,
        QuoteRecord.cue_end,
        QuoteRecord.speaker_id,
        QuoteRecord.speaker,
        QuoteRecord.speaker_mention,
        QuoteRecord.speaker_start,
        QuoteRecord.speaker_end,
        QuoteRecord.speaker_type,
        QuoteRecord.role,
        QuoteRecord.confidence,
        QuoteRecord.status,
        QuoteRecord.speaker_reviewed,
        QuoteRecord.kind_reviewed,
        QuoteRecord.stale,
        ChannelLink.entity_id.label("via_id"),
        via.name.label("via_name"),
        ChannelLink.mention.label("via_mention"),
        ChannelLink.role.label("via_role"),
        ChannelLink.start.label("via_start"),
        ChannelLink.end.label("via_end"),
    ).select_from(QuoteRecord)
    stmt = (
        _apply_filter(session, stmt, filters)
        .outerjoin(publisher, publisher.id == ArticleRecord.outlet_id)
        .outerjoin(ChannelLink, ChannelLink.quote_id == QuoteRecord.id)
        .outerjoin(via, via.id == ChannelLink.entity_id)
        .order_by(QuoteRecord.id, ChannelLink.position, ChannelLink.id)
    )
    # yield_per streams: a named (server-side) cursor on psycopg, batched fetches on SQLite.
    result = session.execute(stmt.execution_options(yield_per=batch_size))
    try:
        for _, group in groupby(result, key=lambda row: row.id):
            rows = list(group)
            r = rows[0]
            channels = tuple(
                ChannelView(c.via_id, c.via_name, c.via_mention, c.via_role, (c.via_start, c.via_end))
                for c in rows
                if c.via_id is not None
            )
            yield QuoteView(
                id=r.id,
                article_id=r.article_id,
                article_source=r.source,
                article_title=r.title,
                published=r.published,
                publisher=r.publisher,
                position=r.position,
                kind=r.kind,
                content=r.content,
                content_span=(r.content_start, r.content_end),
                cue=r.cue,
                cue_span=_span(r.cue_start, r.cue_end),
                speaker_id=r.speaker_id,
                speaker=r.speaker,
                speaker_mention=r.speaker_mention,
                speaker_span=_span(r.speaker_start, r.speaker_end),
                speaker_type=r.speaker_type,
                role=r.role,
                confidence=r.confidence,
                status=r.status,
                speaker_reviewed=bool(r.speaker_reviewed),
                kind_reviewed=bool(r.kind_reviewed),
                stale=bool(r.stale),
                channels=channels,
                content_pieces=_pieces(r.content_pieces),
            )
    finally:
        result.close()


# ---------------------------------------------------------------- review progress


@dataclass(frozen=True)
class ProgressRow:
    """Quotes in one group (a kind, a speaker, an outlet, or all) by review status."""

    group: str  # "all", "kind", "speaker" or "outlet"
    name: str | None  # the kind or entity name; None for quotes without a speaker
    entity_id: int | None
    quotes: int
    pending: int
    accepted: int
    rejected: int


def _status_counts() -> list[Any]:
    def n(status: str) -> Any:
        return cast(func.coalesce(func.sum(case((QuoteRecord.status == status, 1), else_=0)), 0), Integer)

    return [func.count(QuoteRecord.id), n("pending"), n("accepted"), n("rejected")]


def review_progress(session: Session, group: str, *, top: int = 10) -> tuple[ProgressRow, ...]:
    """Review progress overall (``group="all"``) or for each kind, speaker or outlet, largest first.

    An outlet's quotes are those it published or that came through it, as ``--outlet`` filters.
    """
    counts = _status_counts()
    if group == "all":
        row = session.execute(select(*counts)).one()
        return (ProgressRow("all", "all quotes", None, *row),)
    if group == "kind":
        stmt = select(QuoteRecord.kind, func.cast(None, Integer), *counts).group_by(QuoteRecord.kind)
        order = [counts[0].desc(), QuoteRecord.kind]
    elif group == "speaker":
        stmt = (
            select(Entity.name, QuoteRecord.speaker_id, *counts)
            .outerjoin(Entity, Entity.id == QuoteRecord.speaker_id)
            .group_by(QuoteRecord.speaker_id, Entity.name)
        )
        order = [counts[0].desc(), Entity.name]
    elif group == "outlet":
        # UNION (not UNION ALL): a quote published by and sent through one outlet counts once.
        pairs = union(
            select(QuoteRecord.id.label("quote_id"), ArticleRecord.outlet_id.label("entity_id"))
            .join(ArticleRecord, ArticleRecord.id == QuoteRecord.article_id)
            .where(ArticleRecord.outlet_id.is_not(None)),
            select(ChannelLink.quote_id, ChannelLink.entity_id),
        ).subquery("pairs")
        stmt = (
            select(Entity.name, Entity.id, *counts)
            .select_from(pairs)
            .join(QuoteRecord, QuoteRecord.id == pairs.c.quote_id)
            .join(Entity, Entity.id == pairs.c.entity_id)
            .group_by(Entity.id, Entity.name)
        )
        order = [counts[0].desc(), Entity.name]
    else:
        raise QuotesError(f"unknown group {group!r} (all, kind, speaker or outlet)")
    rows = session.execute(stmt.order_by(*order).limit(max(1, top))).all()
    return tuple(ProgressRow(group, name, entity_id, *rest) for name, entity_id, *rest in rows)


# ---------------------------------------------------------------- entities by id or name


def find_entities(session: Session, ref: int | str) -> list[EntityView]:
    """Entities an id or a name names: an id, else the canonical name (any case), else an alias."""
    if isinstance(ref, int):
        found = get_entity(session, ref)
        return [found] if found else []
    key = name_key(ref)
    ids = list(session.scalars(select(Entity.id).where(Entity.key == key)))
    if not ids:
        ids = sorted(set(session.scalars(select(Alias.entity_id).where(Alias.key == key))))
    return [view for view in (get_entity(session, i) for i in ids) if view is not None]


# ---------------------------------------------------------------- read-only SQL


@dataclass(frozen=True)
class SqlResult:
    columns: tuple[str, ...]
    rows: Iterator[tuple[Any, ...]]


def _deny_attach(action: int, *_args: Any) -> int:
    # mode=ro covers the main database only; ATTACH (and VACUUM INTO, which attaches) would
    # open or create other files for writing.
    if action in (sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH):
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


@contextmanager
def _sqlite_readonly(database: str, sql: str) -> Iterator[SqlResult]:
    uri = f"file:{url_quote(database)}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise QuotesError(f"cannot open {database} read-only: {_one_line(exc)}") from None
    try:
        conn.execute("PRAGMA query_only = ON")
        conn.set_authorizer(_deny_attach)
        try:
            # sqlite3 runs one statement per execute; a second one is an error, never run.
            cursor = conn.execute(sql)
        except (sqlite3.Error, sqlite3.Warning) as exc:
            raise QuotesError(f"sql: {_one_line(exc)}") from None
        columns = tuple(d[0] for d in cursor.description or ())

        def rows() -> Iterator[tuple[Any, ...]]:
            try:
                yield from cursor
            except sqlite3.Error as exc:
                raise QuotesError(f"sql: {_one_line(exc)}") from None

        result = rows()
        try:
            yield SqlResult(columns, result)
        finally:
            result.close()  # a reader that stopped early leaves it half-read; finish it before the connection
    finally:
        conn.close()


@contextmanager
def _postgres_readonly(url: str, sql: str) -> Iterator[SqlResult]:
    import psycopg  # noqa: PLC0415 - only PostgreSQL stores need the driver here

    parsed = make_url(url)
    # Every transaction on this connection starts read-only, whatever the SQL does.
    options = " ".join(filter(None, [parsed.query.get("options"), "-c default_transaction_read_only=on"]))
    # NullPool: the connection is closed, never reused, after this one statement.
    engine = create_engine(parsed.update_query_dict({"options": options}), poolclass=NullPool)
    try:
        raw = engine.raw_connection()
    except Exception as exc:
        engine.dispose()
        raise QuotesError(f"cannot connect: {_one_line(exc)}") from None
    try:
        conn = raw.driver_connection
        assert conn is not None
        cursor = conn.cursor()
        try:
            cursor.execute("SET TRANSACTION READ ONLY")
        except psycopg.Error as exc:
            raise QuotesError(f"sql: {_one_line(exc)}") from None

        # stream() sends the extended protocol: one statement only, so "COMMIT; ..." cannot
        # end the read-only transaction and run more; rows arrive one at a time.
        stream = cursor.stream(sql)
        try:
            first = next(stream, None)
        except psycopg.Error as exc:
            raise QuotesError(f"sql: {_one_line(exc)}") from None
        columns = tuple(d.name for d in cursor.description or ())

        def rows() -> Iterator[tuple[Any, ...]]:
            try:
                if first is not None:
                    yield tuple(first)
                for row in stream:
                    yield tuple(row)
            except psycopg.Error as exc:
                raise QuotesError(f"sql: {_one_line(exc)}") from None

        result = rows()
        try:
            yield SqlResult(columns, result)
        finally:
            # A reader that stopped early leaves the query running: psycopg's stream cancels it when
            # closed, and the rollback below would wait on it otherwise.
            result.close()
            stream.close()
    finally:
        # Nothing to keep; a failed rollback only means the connection is already gone.
        with suppress(Exception):
            raw.rollback()
        raw.close()
        engine.dispose()


@contextmanager
def readonly_rows(url: str, sql: str) -> Iterator[SqlResult]:
    """Run one SQL statement on a read-only connection; any write fails in the database."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise QuotesError("sql needs a database file")
        with _sqlite_readonly(parsed.database, sql) as result:
            yield result
    elif backend == "postgresql":
        with _postgres_readonly(url, sql) as result:
            yield result
    else:
        raise QuotesError(f"sql is not available on {backend}")

