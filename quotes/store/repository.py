"""Query and review functions over the store. All return frozen views (quotes.store.views).

Read functions take a Session. Review actions (accept, reject, set speaker, set kind,
merge and rename entities) are each one transaction that also writes the review log:
they commit the session on success and roll it back on any error, so an action is
either wholly stored with its log entry or not at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlalchemy import Float, Integer, Select, and_, func, literal_column, or_, select, text, update
from sqlalchemy.orm import Session, joinedload, selectinload

from quotes.errors import QuotesError
from quotes.extract.types import KINDS
from quotes.store.entities import Resolver, name_key
from quotes.store.models import (
    REVIEW_STATUSES,
    Alias,
    ArticleRecord,
    ChannelLink,
    Entity,
    EntityRole,
    InputErrorRecord,
    QuoteRecord,
    ReviewEntry,
    Run,
    utcnow,
)
from quotes.store.views import (
    ArticleView,
    ChannelView,
    EntityView,
    ErrorView,
    Page,
    QuoteContext,
    QuoteFilter,
    QuoteView,
    ReviewView,
    RunView,
    StoreStats,
)
from quotes.store.writer import run_died

MAX_LIMIT = 1000
_WORD = re.compile(r"[^\W_]+")


class NotFound(QuotesError):
    """A quote, entity or article id that is not in the store."""


# ---------------------------------------------------------------- conversions


def _span(start: int | None, end: int | None) -> tuple[int, int] | None:
    return (start, end) if start is not None and end is not None else None


def _pieces(stored: list[list[int]] | None) -> tuple[tuple[int, int], ...]:
    """The content_pieces column as spans; NULL (one piece) is none."""
    return tuple((start, end) for start, end in stored or ())


def quote_view(q: QuoteRecord) -> QuoteView:
    article = q.article
    return QuoteView(
        id=q.id,
        article_id=q.article_id,
        article_source=article.source,
        article_title=article.title,
        published=article.published,
        publisher=article.outlet.name if article.outlet else None,
        position=q.position,
        kind=q.kind,
        content=q.content,
        content_span=(q.content_start, q.content_end),
        cue=q.cue,
        cue_span=_span(q.cue_start, q.cue_end),
        speaker_id=q.speaker_id,
        speaker=q.speaker,
        speaker_mention=q.speaker_mention,
        speaker_span=_span(q.speaker_start, q.speaker_end),
        speaker_type=q.speaker_type,
        role=q.role,
        confidence=q.confidence,
        status=q.status,
        speaker_reviewed=q.speaker_reviewed,
        kind_reviewed=q.kind_reviewed,
        stale=q.stale,
        channels=tuple(
            ChannelView(c.entity_id, c.entity.name, c.mention, c.role, (c.start, c.end)) for c in q.channels
        ),
        content_pieces=_pieces(q.content_pieces),
    )


def _article_view(a: ArticleRecord, quotes: int) -> ArticleView:
    return ArticleView(
        id=a.id,
        source=a.source,
        url=a.url,
        title=a.title,
        publisher=a.outlet.name if a.outlet else None,
        published=a.published,
        format=a.format,
        sha256=a.sha256,
        ingested_at=a.ingested_at,
        updated_at=a.updated_at,
        quotes=quotes,
    )


def _review_view(r: ReviewEntry) -> ReviewView:
    return ReviewView(r.id, r.at, r.action, r.quote_id, r.entity_id, r.field, r.old_value, r.new_value, r.note)


def _load_options() -> list[Any]:
    return [
        joinedload(QuoteRecord.article).joinedload(ArticleRecord.outlet),
        selectinload(QuoteRecord.channels).joinedload(ChannelLink.entity),
    ]


def _limit(limit: int) -> int:
    return max(1, min(int(limit), MAX_LIMIT))


# ---------------------------------------------------------------- filters


def _entity_ids(session: Session, ref: int | str) -> list[int]:
    """Entity ids a filter value names: an id, or a name/alias compared by key."""
    if isinstance(ref, int):
        return [ref]
    key = name_key(ref)
    ids = set(session.scalars(select(Entity.id).where(Entity.key == key)))
    ids.update(session.scalars(select(Alias.entity_id).where(Alias.key == key)))
    return sorted(ids)


def _as_tuple(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _apply_filter(session: Session, stmt: Select[Any], f: QuoteFilter | None) -> Select[Any]:
    stmt = stmt.join(ArticleRecord, ArticleRecord.id == QuoteRecord.article_id)
    if f is None:
        return stmt
    if f.speaker is not None:
        ids = _entity_ids(session, f.speaker)
        cond = QuoteRecord.speaker_id.in_(ids)
        if isinstance(f.speaker, str):
            # Quotes whose speaker was never linked to an entity still match by name.
            cond = or_(cond, func.lower(QuoteRecord.speaker) == f.speaker.strip().lower())
        stmt = stmt.where(cond)
    if f.outlet is not None:
        ids = _entity_ids(session, f.outlet)
        via = select(ChannelLink.quote_id).where(ChannelLink.entity_id.in_(ids))
        stmt = stmt.where(or_(QuoteRecord.id.in_(via), ArticleRecord.outlet_id.in_(ids)))
    if f.kind is not None:
        stmt = stmt.where(QuoteRecord.kind.in_(_as_tuple(f.kind)))
    if f.status is not None:
        stmt = stmt.where(QuoteRecord.status.in_(_as_tuple(f.status)))
    if f.article is not None:
        if isinstance(f.article, int):
            stmt = stmt.where(QuoteRecord.article_id == f.article)
        else:
            stmt = stmt.where(ArticleRecord.source == f.article)
    if f.since is not None:
        stmt = stmt.where(ArticleRecord.published >= f.since)
    if f.until is not None:
        stmt = stmt.where(ArticleRecord.published <= f.until)
    if f.min_confidence is not None:
        stmt = stmt.where(QuoteRecord.confidence >= f.min_confidence)
    if f.max_confidence is not None:
        stmt = stmt.where(QuoteRecord.confidence < f.max_confidence)
    if f.stale is not None:
        stmt = stmt.where(QuoteRecord.stale.is_(f.stale))
    return stmt


def _page(session: Session, ids_stmt: Select[Any], offset: int, limit: int) -> Page[QuoteView]:
    """Run a statement selecting quote ids (already ordered) as one page of views."""
    total = session.scalar(select(func.count()).select_from(ids_stmt.order_by(None).subquery())) or 0
    ids = list(session.scalars(ids_stmt.offset(max(offset, 0)).limit(_limit(limit))))
    rows = {
        q.id: q for q in session.scalars(select(QuoteRecord).where(QuoteRecord.id.in_(ids)).options(*_load_options()))
    }
    return Page(tuple(quote_view(rows[i]) for i in ids if i in rows), total, max(offset, 0), _limit(limit))


def list_quotes(
    session: Session, filters: QuoteFilter | None = None, *, offset: int = 0, limit: int = 50
) -> Page[QuoteView]:
    """Quotes matching the filters, newest articles first, in text order within an article."""
    stmt = _apply_filter(session, select(QuoteRecord.id), filters).order_by(
        ArticleRecord.published.desc().nulls_last(), ArticleRecord.id, QuoteRecord.position, QuoteRecord.id
    )
    return _page(session, stmt, offset, limit)


# ---------------------------------------------------------------- full-text search


def search_terms(text_: str) -> list[str]:
    """The words of a user's query; everything else (quotes, operators, punctuation) is dropped."""
    return _WORD.findall(text_)


def fts5_query(words: Sequence[str], prefix: bool = False) -> str:
    """An FTS5 MATCH expression: every word as a quoted string, all required."""
    parts = ['"' + w.replace('"', '""') + '"' for w in words]
    if prefix and parts:
        parts[-1] += " *"
    return " ".join(parts)


def tsquery(words: Sequence[str], prefix: bool = False) -> str:
    """A to_tsquery expression of plain words joined by AND (words hold no operator characters)."""
    parts = [w.lower() for w in words]
    if prefix and parts:
        parts[-1] += ":*"
    return " & ".join(parts)


def search(
    session: Session,
    query: str,
    filters: QuoteFilter | None = None,
    *,
    prefix: bool = False,
    offset: int = 0,
    limit: int = 50,
) -> Page[QuoteView]:
    """Quotes whose content or speaker contains every word of ``query``, best match first.

    User input is never passed through as query syntax: quotes, ``AND``/``OR``/``NOT``,
    ``*``, ``:`` and parentheses are plain text. ``prefix`` makes the last word match
    as a prefix (for search-as-you-type).
    """
    words = search_terms(query)
    if not words:
        return Page((), 0, max(offset, 0), _limit(limit))
    stmt, order = matching_ids(session, words, prefix)
    stmt = _apply_filter(session, stmt, filters).order_by(*order)
    return _page(session, stmt, offset, limit)


def matching_ids(session: Session, words: Sequence[str], prefix: bool) -> tuple[Select[Any], list[Any]]:
    """The ids of quotes whose content or speaker holds every word, and the best-match-first order."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        hits = (
            text("SELECT rowid AS quote_id, rank AS score FROM quotes_fts WHERE quotes_fts MATCH :match")
            .bindparams(match=fts5_query(words, prefix))
            .columns(quote_id=Integer, score=Float)
            .subquery("hits")
        )
        # "+ 0" stops SQLite from running the MATCH once per quote a filter keeps (a count with a kind
        # filter took 35 s at 100,000 quotes): the search runs once, first.
        stmt = select(QuoteRecord.id).join(hits, hits.c.quote_id + 0 == QuoteRecord.id)
        return stmt, [hits.c.score.asc(), QuoteRecord.id]
    if dialect == "postgresql":
        q = func.to_tsquery(literal_column("'simple'::regconfig"), tsquery(words, prefix))
        vector = literal_column("quotes.search")
        return select(QuoteRecord.id).where(vector.op("@@")(q)), [func.ts_rank(vector, q).desc(), QuoteRecord.id]
    raise QuotesError(f"search is not available on {dialect}")


# ---------------------------------------------------------------- single items


def get_quote(session: Session, quote_id: int) -> QuoteView | None:
    q = session.scalars(select(QuoteRecord).where(QuoteRecord.id == quote_id).options(*_load_options())).first()
    return quote_view(q) if q else None


def _quote_count(session: Session, article_id: int) -> int:
    return session.scalar(select(func.count(QuoteRecord.id)).where(QuoteRecord.article_id == article_id)) or 0


def get_quote_context(session: Session, quote_id: int, chars: int = 400) -> QuoteContext | None:
    """A quote with its article, the surrounding text and its review history."""
    q = session.scalars(select(QuoteRecord).where(QuoteRecord.id == quote_id).options(*_load_options())).first()
    if q is None:
        return None
    body = q.article.text
    start, end = q.content_start, q.content_end
    for s in (q.cue_start, q.speaker_start):
        if s is not None:
            start = min(start, s)
    for e in (q.cue_end, q.speaker_end):
        if e is not None:
            end = max(end, e)
    # Widen to the paragraph, capped at ``chars`` either side.
    para_start = body.rfind("\n\n", 0, start)
    para_end = body.find("\n\n", end)
    lo = max(para_start + 2 if para_start >= 0 else 0, start - chars)
    hi = min(para_end if para_end >= 0 else len(body), end + chars)
    history = session.scalars(select(ReviewEntry).where(ReviewEntry.quote_id == quote_id).order_by(ReviewEntry.id))
    return QuoteContext(
        quote=quote_view(q),
        article=_article_view(q.article, _quote_count(session, q.article_id)),
        text=body,
        before=body[lo : q.content_start],
        after=body[q.content_end : hi],
        history=tuple(_review_view(r) for r in history),
    )


def get_article(session: Session, ref: int | str) -> ArticleView | None:
    cond = ArticleRecord.id == ref if isinstance(ref, int) else ArticleRecord.source == ref
    a = session.scalars(select(ArticleRecord).where(cond).options(joinedload(ArticleRecord.outlet))).first()
    return _article_view(a, _quote_count(session, a.id)) if a else None


def list_articles(session: Session, *, offset: int = 0, limit: int = 50) -> Page[ArticleView]:
    total = session.scalar(select(func.count(ArticleRecord.id))) or 0
    counts = (
        select(QuoteRecord.article_id, func.count(QuoteRecord.id).label("n"))
        .group_by(QuoteRecord.article_id)
        .subquery()
    )
    rows = session.execute(
        select(ArticleRecord, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.article_id == ArticleRecord.id)
        .options(joinedload(ArticleRecord.outlet))
        .order_by(ArticleRecord.published.desc().nulls_last(), ArticleRecord.id)
        .offset(max(offset, 0))
        .limit(_limit(limit))
    ).all()
    return Page(tuple(_article_view(a, n) for a, n in rows), total, max(offset, 0), _limit(limit))


# ---------------------------------------------------------------- entities


def _entity_views(session: Session, rows: Sequence[tuple[Entity, int, int, int]]) -> tuple[EntityView, ...]:
    ids = [e.id for e, *_ in rows]
    aliases: dict[int, list[str]] = {}
    for entity_id, alias in session.execute(
        select(Alias.entity_id, Alias.alias).where(Alias.entity_id.in_(ids)).order_by(Alias.alias)
    ):
        aliases.setdefault(entity_id, []).append(alias)
    roles: dict[int, list[str]] = {}
    for entity_id, role in session.execute(
        select(EntityRole.entity_id, EntityRole.role).where(EntityRole.entity_id.in_(ids)).order_by(EntityRole.role)
    ):
        roles.setdefault(entity_id, []).append(role)
    return tuple(
        EntityView(e.id, e.name, e.type, tuple(aliases.get(e.id, ())), tuple(roles.get(e.id, ())), sq, cq, na)
        for e, sq, cq, na in rows
    )


def _entity_counts() -> tuple[Any, Any, Any]:
    spoke = (
        select(QuoteRecord.speaker_id.label("entity_id"), func.count(QuoteRecord.id).label("n"))
        .where(QuoteRecord.speaker_id.is_not(None))
        .group_by(QuoteRecord.speaker_id)
        .subquery("spoke")
    )
    via = (
        select(ChannelLink.entity_id, func.count(func.distinct(ChannelLink.quote_id)).label("n"))
        .group_by(ChannelLink.entity_id)
        .subquery("via")
    )
    published = (
        select(ArticleRecord.outlet_id.label("entity_id"), func.count(ArticleRecord.id).label("n"))
        .where(ArticleRecord.outlet_id.is_not(None))
        .group_by(ArticleRecord.outlet_id)
        .subquery("published")
    )
    return spoke, via, published


def _list_entities(
    session: Session, *, outlets: bool, name: str | None, type_: str | None, offset: int, limit: int
) -> Page[EntityView]:
    spoke, via, published = _entity_counts()
    n_spoke = func.coalesce(spoke.c.n, 0)
    n_via = func.coalesce(via.c.n, 0)
    n_pub = func.coalesce(published.c.n, 0)
    stmt = (
        select(Entity, n_spoke, n_via, n_pub)
        .outerjoin(spoke, spoke.c.entity_id == Entity.id)
        .outerjoin(via, via.c.entity_id == Entity.id)
        .outerjoin(published, published.c.entity_id == Entity.id)
    )
    if outlets:
        stmt = stmt.where(or_(n_via > 0, n_pub > 0))
        order = [(n_via + n_pub).desc(), Entity.name, Entity.id]
    else:
        stmt = stmt.where(n_spoke > 0)
        order = [n_spoke.desc(), Entity.name, Entity.id]
    if name:
        stmt = stmt.where(Entity.key.contains(name_key(name), autoescape=True))
    if type_:
        stmt = stmt.where(Entity.type == type_)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = session.execute(stmt.order_by(*order).offset(max(offset, 0)).limit(_limit(limit))).all()
    return Page(_entity_views(session, rows), total, max(offset, 0), _limit(limit))


def list_speakers(
    session: Session, *, name: str | None = None, type: str | None = None, offset: int = 0, limit: int = 50
) -> Page[EntityView]:
    """Entities that speak in at least one quote, most quoted first; ``name`` matches a part of the name."""
    return _list_entities(session, outlets=False, name=name, type_=type, offset=offset, limit=limit)


def list_outlets(session: Session, *, name: str | None = None, offset: int = 0, limit: int = 50) -> Page[EntityView]:
    """Entities that quotes came through or that published articles, busiest first."""
    return _list_entities(session, outlets=True, name=name, type_=None, offset=offset, limit=limit)


def get_entity(session: Session, entity_id: int) -> EntityView | None:
    spoke, via, published = _entity_counts()
    row = session.execute(
        select(Entity, func.coalesce(spoke.c.n, 0), func.coalesce(via.c.n, 0), func.coalesce(published.c.n, 0))
        .outerjoin(spoke, spoke.c.entity_id == Entity.id)
        .outerjoin(via, via.c.entity_id == Entity.id)
        .outerjoin(published, published.c.entity_id == Entity.id)
        .where(Entity.id == entity_id)
    ).first()
    return _entity_views(session, [tuple(row)])[0] if row else None  # type: ignore[list-item]


# ---------------------------------------------------------------- runs, errors, log, stats


def list_runs(session: Session, *, limit: int = 20) -> list[RunView]:
    """The latest runs. One still marked running whose process on this machine is gone shows as
    ``killed`` (the next batch records that)."""
    runs = session.scalars(select(Run).order_by(Run.id.desc()).limit(_limit(limit)))
    return [
        RunView(
            r.id,
            r.started_at,
            r.finished_at,
            "killed" if run_died(r) else r.status,
            r.quotes_version,
            r.models,
            r.extractor,
            r.articles_seen,
            r.articles_stored,
            r.articles_skipped,
            r.quotes_stored,
            r.errors,
        )
        for r in runs
    ]


def list_errors(session: Session, *, offset: int = 0, limit: int = 100) -> Page[ErrorView]:
    total = session.scalar(select(func.count(InputErrorRecord.id))) or 0
    rows = session.scalars(
        select(InputErrorRecord).order_by(InputErrorRecord.source).offset(max(offset, 0)).limit(_limit(limit))
    )
    return Page(
        tuple(ErrorView(e.source, e.problem, e.run_id, e.last_seen) for e in rows), total, max(offset, 0), _limit(limit)
    )


def review_log(
    session: Session,
    *,
    quote_id: int | None = None,
    entity_id: int | None = None,
    offset: int = 0,
    limit: int = 100,
) -> Page[ReviewView]:
    """Review decisions, newest first."""
    stmt = select(ReviewEntry)
    if quote_id is not None:
        stmt = stmt.where(ReviewEntry.quote_id == quote_id)
    if entity_id is not None:
        stmt = stmt.where(ReviewEntry.entity_id == entity_id)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = session.scalars(stmt.order_by(ReviewEntry.id.desc()).offset(max(offset, 0)).limit(_limit(limit)))
    return Page(tuple(_review_view(r) for r in rows), total, max(offset, 0), _limit(limit))


def stats(session: Session) -> StoreStats:
    def count(model: Any) -> int:
        return session.scalar(select(func.count(model.id))) or 0

    by_status = session.execute(
        select(QuoteRecord.status, func.count(QuoteRecord.id)).group_by(QuoteRecord.status).order_by(QuoteRecord.status)
    )
    by_kind = session.execute(
        select(QuoteRecord.kind, func.count(QuoteRecord.id)).group_by(QuoteRecord.kind).order_by(QuoteRecord.kind)
    )
    return StoreStats(
        count(ArticleRecord),
        count(QuoteRecord),
        count(Entity),
        count(InputErrorRecord),
        count(Run),
        tuple(by_status),
        tuple(by_kind),
    )


# ---------------------------------------------------------------- review actions


@contextmanager
def _atomic(session: Session) -> Iterator[None]:
    try:
        yield
        session.commit()
    except BaseException:
        session.rollback()
        raise


def _quote(session: Session, quote_id: int) -> QuoteRecord:
    q = session.get(QuoteRecord, quote_id)
    if q is None:
        raise NotFound(f"no quote with id {quote_id}")
    return q


def _log(session: Session, action: str, **fields: Any) -> None:
    session.add(ReviewEntry(action=action, at=utcnow(), **fields))


def set_status(session: Session, quote_id: int, status: str, note: str | None = None) -> QuoteView:
    if status not in REVIEW_STATUSES:
        raise QuotesError(f"unknown review status {status!r} (one of {', '.join(REVIEW_STATUSES)})")
    with _atomic(session):
        q = _quote(session, quote_id)
        if q.status != status:
            action = {"accepted": "accept", "rejected": "reject", "pending": "reset"}[status]
            _log(session, action, quote_id=q.id, field="status", old_value=q.status, new_value=status, note=note)
            q.status = status
            q.updated_at = utcnow()
    session.expire_all()
    view = get_quote(session, quote_id)
    assert view is not None
    return view


def accept(session: Session, quote_id: int, note: str | None = None) -> QuoteView:
    return set_status(session, quote_id, "accepted", note)


def reject(session: Session, quote_id: int, note: str | None = None) -> QuoteView:
    return set_status(session, quote_id, "rejected", note)


def set_kind(session: Session, quote_id: int, kind: str, note: str | None = None) -> QuoteView:
    if kind not in KINDS:
        raise QuotesError(f"unknown quote kind {kind!r} (one of {', '.join(KINDS)})")
    with _atomic(session):
        q = _quote(session, quote_id)
        _log(session, "set_kind", quote_id=q.id, field="kind", old_value=q.kind, new_value=kind, note=note)
        q.kind, q.kind_reviewed, q.updated_at = kind, True, utcnow()
    session.expire_all()
    view = get_quote(session, quote_id)
    assert view is not None
    return view


def set_speaker(
    session: Session,
    quote_id: int,
    name: str | None = None,
    *,
    entity_id: int | None = None,
    type: str = "person",
    note: str | None = None,
) -> QuoteView:
    """Give a quote a speaker: an existing entity by id, or a name (linked by the entity rules, created
    when new). With neither, the quote has no speaker. The choice survives re-extraction."""
    with _atomic(session):
        q = _quote(session, quote_id)
        entity: Entity | None
        if entity_id is not None:
            entity = session.get(Entity, entity_id)
            if entity is None:
                raise NotFound(f"no entity with id {entity_id}")
        elif name is not None and name.strip():
            entity = Resolver(session).resolve_stored(name, type)
        else:
            entity = None
        _log(
            session,
            "set_speaker",
            quote_id=q.id,
            entity_id=entity.id if entity else None,
            field="speaker",
            old_value=q.speaker,
            new_value=entity.name if entity else None,
            note=note,
        )
        q.speaker_id = entity.id if entity else None
        q.speaker = entity.name if entity else None
        q.speaker_reviewed, q.updated_at = True, utcnow()
    session.expire_all()
    view = get_quote(session, quote_id)
    assert view is not None
    return view


def merge_entities(session: Session, keep_id: int, merge_id: int, note: str | None = None) -> EntityView:
    """Fold entity ``merge_id`` into ``keep_id``: its quotes, channel links, articles, aliases and
    roles move over, its name becomes an alias (so later extractions link to ``keep_id``), and it is deleted."""
    if keep_id == merge_id:
        raise QuotesError("cannot merge an entity into itself")
    with _atomic(session):
        keep, gone = session.get(Entity, keep_id), session.get(Entity, merge_id)
        if keep is None or gone is None:
            raise NotFound(f"no entity with id {keep_id if keep is None else merge_id}")
        moved = session.execute(
            update(QuoteRecord)
            .where(QuoteRecord.speaker_id == gone.id)
            .values(speaker_id=keep.id, speaker=keep.name, updated_at=utcnow())
            .execution_options(synchronize_session=False)
        ).rowcount
        session.execute(
            update(ChannelLink)
            .where(ChannelLink.entity_id == gone.id)
            .values(entity_id=keep.id)
            .execution_options(synchronize_session=False)
        )
        session.execute(
            update(ArticleRecord)
            .where(ArticleRecord.outlet_id == gone.id)
            .values(outlet_id=keep.id)
            .execution_options(synchronize_session=False)
        )
        session.execute(
            update(ReviewEntry)
            .where(ReviewEntry.entity_id == gone.id)
            .values(entity_id=keep.id)
            .execution_options(synchronize_session=False)
        )
        resolver = Resolver(session)
        for alias in [a.alias for a in gone.aliases] + [gone.name]:
            resolver.add_alias(keep, alias)
        for role in [r.role for r in gone.roles]:
            resolver.add_role(keep, role)
        if keep.type == "unknown":
            keep.type = gone.type
        _log(
            session,
            "merge",
            entity_id=keep.id,
            field="entity",
            old_value=f"{gone.name} (#{gone.id})",
            new_value=f"{keep.name} (#{keep.id})",
            note=note or f"{moved} quotes moved",
        )
        session.delete(gone)
    session.expire_all()
    view = get_entity(session, keep_id)
    assert view is not None
    return view


def rename_entity(session: Session, entity_id: int, name: str, note: str | None = None) -> EntityView:
    """Change an entity's canonical name; the old name stays as an alias."""
    cleaned = name.strip()
    if not cleaned:
        raise QuotesError("an entity name cannot be empty")
    with _atomic(session):
        entity = session.get(Entity, entity_id)
        if entity is None:
            raise NotFound(f"no entity with id {entity_id}")
        clash = session.scalars(select(Entity.id).where(and_(Entity.key == name_key(cleaned), Entity.id != entity_id)))
        if clash.first() is not None:
            raise QuotesError(f"another entity is already called {cleaned!r}: merge them instead")
        old = entity.name
        _log(session, "rename", entity_id=entity.id, field="name", old_value=old, new_value=cleaned, note=note)
        entity.name, entity.key = cleaned, name_key(cleaned)
        session.flush()
        Resolver(session).add_alias(entity, old)
        session.execute(
            update(QuoteRecord)
            .where(QuoteRecord.speaker_id == entity.id)
            .values(speaker=cleaned)
            .execution_options(synchronize_session=False)
        )
    session.expire_all()
    view = get_entity(session, entity_id)
    assert view is not None
    return view


def since_date(value: str | date | None) -> date | None:
    """Parse a --since/--until value (ISO date)."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise QuotesError(f"not a date: {value!r} (use YYYY-MM-DD)") from None
