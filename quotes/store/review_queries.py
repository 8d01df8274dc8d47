"""Queries and one review action the review UI needs beyond :mod:`quotes.store.repository`.

Same contract as the repository: a Session in, frozen views out; the write
(:func:`set_channel`) is one transaction with its review-log entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from quotes.store import repository
from quotes.store.entities import Resolver, name_key
from quotes.store.models import (
    CHANNEL_REVIEW_ACTION,
    Alias,
    ArticleRecord,
    ChannelLink,
    Entity,
    QuoteRecord,
    ReviewEntry,
    utcnow,
)
from quotes.store.views import EntityView, Page, QuoteFilter, QuoteView

# Low confidence, as the review UI's filter means it.
LOW_CONFIDENCE = 0.7


@dataclass(frozen=True)
class ReviewQuery:
    """What the quote list shows: the repository's filters plus a search text and a confidence ceiling."""

    filters: QuoteFilter = field(default_factory=QuoteFilter)
    search: str = ""
    max_confidence: float | None = None  # below this ("low confidence only")


@dataclass(frozen=True)
class StatusCounts:
    total: int
    pending: int
    accepted: int
    rejected: int
    articles: int


def _ordered(session: Session, query: ReviewQuery) -> tuple[Select[Any], list[Any]] | None:
    """The quote ids the query selects, unordered, and the order to list them in; None when the search has no words."""
    stmt: Select[Any]
    words = repository.search_terms(query.search)
    if query.search.strip() and not words:
        return None
    if words:
        stmt, order = repository.matching_ids(session, words, prefix=True)
        stmt = repository._apply_filter(session, stmt, query.filters)
    else:
        stmt = repository._apply_filter(session, select(QuoteRecord.id), query.filters)
        order = [ArticleRecord.published.desc().nulls_last(), ArticleRecord.id, QuoteRecord.position, QuoteRecord.id]
    if query.max_confidence is not None:
        confidence: Any = QuoteRecord.confidence
        if session.get_bind().dialect.name == "sqlite":
            # Without statistics SQLite walks the confidence index for a range, one table lookup
            # per row; low confidence is a large share of the quotes, and a scan is 6x quicker.
            confidence = confidence + 0
        stmt = stmt.where(confidence < query.max_confidence)
    return stmt, order


def review_page(session: Session, query: ReviewQuery, *, offset: int = 0, limit: int = 100) -> Page[QuoteView]:
    """One page of the quotes ``query`` selects: list order, or best match first when searching
    (the last word of a search matches as a prefix, so results follow typing)."""
    found = _ordered(session, query)
    if found is None:
        return Page((), 0, max(offset, 0), limit)
    stmt, order = found
    return repository._page(session, stmt.order_by(*order), offset, limit)


def next_pending(session: Session, query: ReviewQuery, after: int, *, backwards: bool = False) -> int | None:
    """The list position (0-based) of the nearest pending quote after (or before) position ``after``."""
    found = _ordered(session, query)
    if found is None:
        return None
    stmt, order = found
    numbered = stmt.add_columns(
        (func.row_number().over(order_by=order) - 1).label("pos"), QuoteRecord.status.label("status")
    ).subquery()
    pick = select(numbered.c.pos).where(numbered.c.status == "pending")
    if backwards:
        pick = pick.where(numbered.c.pos < after).order_by(numbered.c.pos.desc())
    else:
        pick = pick.where(numbered.c.pos > after).order_by(numbered.c.pos)
    return session.scalar(pick.limit(1))


def status_counts(session: Session) -> StatusCounts:
    """Quotes by review status: one cheap grouped count, for a periodic refresh."""
    counts = dict(session.execute(select(QuoteRecord.status, func.count()).group_by(QuoteRecord.status)).all())
    articles = session.scalar(select(func.count(ArticleRecord.id))) or 0
    return StatusCounts(
        total=sum(counts.values()),
        pending=counts.get("pending", 0),
        accepted=counts.get("accepted", 0),
        rejected=counts.get("rejected", 0),
        articles=articles,
    )


def entity_names(session: Session, prefix: str, *, outlets: bool = False, limit: int = 20) -> tuple[str, ...]:
    """Names and aliases of known entities starting with ``prefix`` (case-insensitive), for completion.

    With ``outlets`` only outlets are offered; otherwise entities that speak come first."""
    key = name_key(prefix)
    if not key:
        return ()
    like = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    names_stmt = select(Entity.name).where(Entity.key.like(like, escape="\\"))
    aliases_stmt = (
        select(Alias.alias).join(Entity, Entity.id == Alias.entity_id).where(Alias.key.like(like, escape="\\"))
    )
    if outlets:
        is_outlet = or_(Entity.type == "outlet", Entity.id.in_(select(ChannelLink.entity_id)))
        names_stmt = names_stmt.where(is_outlet)
        aliases_stmt = aliases_stmt.where(is_outlet)
        first = Entity.type == "outlet"
    else:
        first = select(QuoteRecord.id).where(QuoteRecord.speaker_id == Entity.id).exists()
    names = session.scalars(names_stmt.order_by(first.desc(), func.length(Entity.name), Entity.name).limit(limit))
    found = list(dict.fromkeys(names))
    if len(found) < limit:
        aliases = session.scalars(aliases_stmt.order_by(func.length(Alias.alias), Alias.alias).limit(limit))
        found.extend(a for a in aliases if a not in found)
    return tuple(found[:limit])


def find_entity(session: Session, name: str) -> EntityView | None:
    """The entity a typed name means: by name, else by an alias only one entity has."""
    key = name_key(name)
    if not key:
        return None
    resolver = Resolver(session)
    entity = resolver.get(key) or resolver.by_alias(key)
    return repository.get_entity(session, entity.id) if entity else None


def set_channel(session: Session, quote_id: int, name: str | None, note: str | None = None) -> QuoteView:
    """Set the outlet a quote came through: the first channel of its chain is relinked to ``name``
    (an outlet, created when new); a quote without a channel gets one; no name removes the chain."""
    try:
        quote = session.get(QuoteRecord, quote_id)
        if quote is None:
            raise repository.NotFound(f"no quote with id {quote_id}")
        old = ", ".join(c.entity.name for c in quote.channels) or None
        entity = Resolver(session).resolve_stored(name, "outlet") if name and name.strip() else None
        if entity is None:
            quote.channels = []
        elif quote.channels:
            quote.channels[0].entity_id = entity.id
        else:
            # A channel the reviewer added is not written in the text: an empty span at the quote.
            at = quote.content_start
            quote.channels = [
                ChannelLink(entity_id=entity.id, role="reported", mention=entity.name, start=at, end=at, position=0)
            ]
        session.add(
            ReviewEntry(
                action=CHANNEL_REVIEW_ACTION,
                at=utcnow(),
                quote_id=quote.id,
                entity_id=entity.id if entity else None,
                field="channel",
                old_value=old,
                new_value=entity.name if entity else None,
                note=note,
            )
        )
        quote.updated_at = utcnow()
        session.commit()
    except BaseException:
        session.rollback()
        raise
    session.expire_all()
    view = repository.get_quote(session, quote_id)
    assert view is not None
    return view


def speakers_page(session: Session, name: str = "", *, offset: int = 0, limit: int = 100) -> Page[EntityView]:
    """Speakers, most quoted first; ``name`` narrows to names containing it."""
    return repository.list_speakers(session, name=name or None, offset=offset, limit=limit)
