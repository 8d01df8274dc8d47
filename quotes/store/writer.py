"""Write extraction results: articles, their quotes, runs and input errors.

Re-extracting a changed article keeps every human decision: old and new quotes are
paired by content similarity (and nearness in the text), a paired quote is updated
in place so its id, review status, reviewed speaker/kind and review log stay; an
unpaired quote nobody reviewed is deleted, an unpaired reviewed one is kept and
marked ``stale``.
"""

from __future__ import annotations

import hashlib
import os
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher

from sqlalchemy import select
from sqlalchemy.orm import Session

from quotes.extract.types import Attribution
from quotes.ingest.readers import Article
from quotes.store.entities import Resolver, article_names, mention_is_alias
from quotes.store.models import (
    CHANNEL_REVIEW_ACTION,
    ArticleRecord,
    ChannelLink,
    InputErrorRecord,
    QuoteRecord,
    ReviewEntry,
    Run,
    utcnow,
)

MATCH_THRESHOLD = 0.6
NAME_CHARS = 512  # the width of name, cue and role columns


def _clip(value: str | None) -> str | None:
    return value[:NAME_CHARS] if value is not None else None


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class StoreResult:
    article_id: int
    outcome: str  # "new", "updated" or "unchanged"
    quotes: int  # quotes now attached from this extraction
    kept: int = 0  # reviewed quotes carried over from the previous version


def start_run(session: Session, **info: str | None) -> int:
    from quotes import __version__  # noqa: PLC0415 - avoid a cycle at package import

    run = Run(quotes_version=__version__, host=this_host(), pid=os.getpid(), **info)
    session.add(run)
    session.flush()
    return run.id


def settle_dead_runs(session: Session) -> list[int]:
    """Mark as ``killed`` the runs still ``running`` whose process on this machine is gone (a batch
    ended by kill -9 or a crash cannot say so itself). Runs on other machines are left alone."""
    dead = []
    for run in session.scalars(select(Run).where(Run.status == "running", Run.host == this_host())):
        if run_died(run):
            run.status = "killed"
            dead.append(run.id)
    return dead


def this_host() -> str:
    return socket.gethostname()[:255]


def run_died(run: Run) -> bool:
    """Marked running, but its process on this machine is gone."""
    return run.status == "running" and run.host == this_host() and run.pid is not None and not process_alive(run.pid)


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process, alive
        return True
    return True


def finish_run(
    session: Session,
    run_id: int,
    *,
    status: str,
    seen: int,
    stored: int,
    skipped: int,
    quotes: int,
    errors: int,
) -> None:
    run = session.get(Run, run_id)
    if run is None:
        return
    run.status = status
    run.finished_at = utcnow()
    run.articles_seen, run.articles_stored, run.articles_skipped = seen, stored, skipped
    run.quotes_stored, run.errors = quotes, errors


def known_hashes(session: Session, extractor: str | None = None) -> dict[str, str]:
    """source -> sha256 of every stored article, to skip unchanged ones before parsing; with ``extractor``,
    only of the articles that extractor found the quotes of (the others are due again)."""
    query = select(ArticleRecord.source, ArticleRecord.sha256)
    if extractor is not None:
        query = query.where(ArticleRecord.extractor == extractor)
    return dict(session.execute(query).all())


def record_input_error(session: Session, source: str, problem: str, run_id: int | None = None) -> None:
    row = session.scalars(select(InputErrorRecord).where(InputErrorRecord.source == source)).first()
    if row is None:
        session.add(InputErrorRecord(source=source, problem=problem, run_id=run_id))
    else:
        row.problem, row.run_id, row.last_seen = problem, run_id, utcnow()
    session.flush()


def _published(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def store_article(
    session: Session,
    article: Article,
    attributions: Sequence[Attribution],
    run_id: int | None = None,
    resolver: Resolver | None = None,
    extractor: str | None = None,
) -> StoreResult:
    """Insert or update one article and its quotes (caller commits). ``extractor`` fingerprints what found
    them: an article with the same text is unchanged only when the same extractor found its stored quotes."""
    resolver = resolver or Resolver(session)
    sha = text_sha256(article.text)
    record = session.scalars(select(ArticleRecord).where(ArticleRecord.source == article.source)).first()
    if record is not None and record.sha256 == sha and (extractor is None or record.extractor == extractor):
        return StoreResult(record.id, "unchanged", len(record.quotes))
    ordered = sorted(attributions, key=lambda a: (a.content_span[0], a.content_span[1]))
    resolver.prefetch(_names_to_resolve(article, ordered))
    outlet = resolver.resolve(article.outlet, "outlet") if article.outlet else None
    fields = {
        "url": article.url,
        "title": article.title,
        "outlet": outlet,
        "published": _published(article.published),
        "format": article.format,
        "text": article.text,
        "sha256": sha,
        "extractor": extractor,
        "run_id": run_id,
    }
    names = article_names([a.speaker for a in ordered if a.speaker])
    if record is None:
        record = ArticleRecord(source=article.source, **fields)
        session.add(record)
        session.flush()
        quotes = [_new_quote(record.id, position, a, run_id, resolver, names) for position, a in enumerate(ordered)]
        session.add_all(quotes)
        outcome, kept = "new", 0
    else:
        for name, value in fields.items():
            setattr(record, name, value)
        record.updated_at = utcnow()
        kept = _reconcile(session, record, ordered, run_id, resolver, names)
        outcome = "updated"
    session.execute(InputErrorRecord.__table__.delete().where(InputErrorRecord.source == article.source))
    session.flush()
    return StoreResult(record.id, outcome, len(ordered), kept)


def _names_to_resolve(article: Article, attributions: Sequence[Attribution]) -> set[str]:
    names = {article.outlet} if article.outlet else set()
    for a in attributions:
        if a.speaker:
            names.add(a.speaker)
        if a.speaker_mention:
            names.add(a.speaker_mention)
        names.update(channel.name for channel in a.via)
    return names


def _speaker_fields(attribution: Attribution, resolver: Resolver, names: dict[str, str]) -> dict[str, object]:
    entity = None
    if attribution.speaker:
        entity = resolver.resolve(attribution.speaker, attribution.speaker_type, names)
        if entity is not None:
            if mention_is_alias(attribution.speaker_mention, entity.name):
                resolver.add_alias(entity, attribution.speaker_mention or "")
            if attribution.role:
                resolver.add_role(entity, attribution.role)
    return {
        "speaker_entity": entity,
        "speaker": entity.name if entity else _clip(attribution.speaker),
    }


def _extracted_fields(position: int, a: Attribution, run_id: int | None) -> dict[str, object]:
    return {
        "position": position,
        "run_id": run_id,
        "content": a.content,
        "content_start": a.content_span[0],
        "content_end": a.content_span[1],
        # NULL for a content in one piece, as the column says.
        "content_pieces": [list(piece) for piece in a.content_pieces] or None,
        "cue": _clip(a.cue),
        "cue_start": a.cue_span[0] if a.cue_span else None,
        "cue_end": a.cue_span[1] if a.cue_span else None,
        "speaker_mention": _clip(a.speaker_mention),
        "speaker_start": a.speaker_span[0] if a.speaker_span else None,
        "speaker_end": a.speaker_span[1] if a.speaker_span else None,
        "speaker_type": a.speaker_type,
        "role": _clip(a.role),
        "confidence": float(a.confidence),
    }


def _channels(a: Attribution, resolver: Resolver) -> list[ChannelLink]:
    links = []
    for position, channel in enumerate(a.via):
        entity = resolver.resolve(channel.name, "outlet")
        if entity is None:
            continue
        links.append(
            ChannelLink(
                entity=entity,
                role=channel.role[:32],
                mention=channel.name[:NAME_CHARS],
                start=channel.span[0],
                end=channel.span[1],
                position=position,
            )
        )
    return links


def _new_quote(
    article_id: int, position: int, a: Attribution, run_id: int | None, resolver: Resolver, names: dict[str, str]
) -> QuoteRecord:
    quote = QuoteRecord(
        article_id=article_id,
        kind=a.kind,
        status="pending",
        speaker_reviewed=False,
        kind_reviewed=False,
        stale=False,
        **_extracted_fields(position, a, run_id),
        **_speaker_fields(a, resolver, names),
    )
    quote.channels = _channels(a, resolver)
    return quote


def _similarity(old: QuoteRecord, new: Attribution, old_len: int, new_len: int) -> float:
    matcher = SequenceMatcher(None, old.content, new.content, autojunk=False)
    if matcher.real_quick_ratio() < MATCH_THRESHOLD or matcher.quick_ratio() < MATCH_THRESHOLD:
        return 0.0
    score = matcher.ratio()
    # Nearness in the text breaks ties between repeated, similar quotes.
    old_at = old.content_start / max(old_len, 1)
    new_at = new.content_span[0] / max(new_len, 1)
    return score - 0.05 * abs(old_at - new_at)


def _channel_reviewed_ids(session: Session, quote_ids: list[int]) -> set[int]:
    """Quotes whose channel a person set; the review log is the record of that decision."""
    if not quote_ids:
        return set()
    rows = session.scalars(
        select(ReviewEntry.quote_id).where(
            ReviewEntry.action == CHANNEL_REVIEW_ACTION, ReviewEntry.quote_id.in_(quote_ids)
        )
    )
    return {quote_id for quote_id in rows if quote_id is not None}


def _reconcile(
    session: Session,
    record: ArticleRecord,
    ordered: Sequence[Attribution],
    run_id: int | None,
    resolver: Resolver,
    names: dict[str, str],
) -> int:
    """Pair old quotes with the new extraction; returns how many reviewed quotes were carried over."""
    old_quotes = list(record.quotes)
    old_len = max((q.content_end for q in old_quotes), default=1)
    new_len = len(record.text)
    pairs = []
    for i, old in enumerate(old_quotes):
        for j, new in enumerate(ordered):
            score = _similarity(old, new, old_len, new_len)
            if score >= MATCH_THRESHOLD - 0.05:
                pairs.append((score, i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    old_to_new: dict[int, int] = {}
    taken: set[int] = set()
    for score, i, j in pairs:
        if i in old_to_new or j in taken or score < MATCH_THRESHOLD - 0.05:
            continue
        old_to_new[i] = j
        taken.add(j)
    channels_set = _channel_reviewed_ids(session, [q.id for q in old_quotes])
    kept = 0
    for i, old in enumerate(old_quotes):
        channel_reviewed = old.id in channels_set
        reviewed = old.status != "pending" or old.speaker_reviewed or old.kind_reviewed or channel_reviewed
        j = old_to_new.get(i)
        if j is None:
            if reviewed:
                old.stale = True
                old.updated_at = utcnow()
            else:
                record.quotes.remove(old)  # delete-orphan removes the row
            continue
        new = ordered[j]
        kept += int(reviewed)
        for name, value in _extracted_fields(j, new, run_id).items():
            setattr(old, name, value)
        if not old.kind_reviewed:
            old.kind = new.kind
        speaker = _speaker_fields(new, resolver, names)
        if not old.speaker_reviewed:
            old.speaker_entity, old.speaker = speaker["speaker_entity"], speaker["speaker"]  # type: ignore[assignment]
        old.stale = False
        old.updated_at = utcnow()
        if not channel_reviewed:
            old.channels = _channels(new, resolver)
    session.flush()
    for j, new in enumerate(ordered):
        if j not in taken:
            quote = _new_quote(record.id, j, new, run_id, resolver, names)
            record.quotes.append(quote)
    session.flush()
    return kept
