"""The records the query commands print. Field names and their order are a contract for
scripts (documented in the README): add fields at the end, never rename or drop one."""

from __future__ import annotations

from typing import Any

from quotes.cli.output import LIST_SEPARATOR, Shape
from quotes.store.queries import ProgressRow
from quotes.store.views import EntityView, QuoteContext, QuoteView, ReviewView


def _channels_cell(channels: list[dict[str, Any]]) -> str:
    return LIST_SEPARATOR.join(f"{c['name']} ({c['role']})" for c in channels)


def _pieces_cell(pieces: list[list[int]]) -> str:
    # START-END pairs joined like the other list fields; half-open offsets, as content_start/content_end.
    return LIST_SEPARATOR.join(f"{start}-{end}" for start, end in pieces)


def _history_cell(history: list[dict[str, Any]]) -> str:
    return LIST_SEPARATOR.join(
        f"{h['at']} {h['action']} {h['old_value'] or ''} -> {h['new_value'] or ''}".replace("  ", " ") for h in history
    )


# The fields of the first release, in their order. Fields added since come after them, and after the fields
# `show` adds, so that no column of either record moves.
QUOTE_FIELDS = (
    "id",
    "article_id",
    "article",
    "title",
    "published",
    "publisher",
    "position",
    "kind",
    "content",
    "content_start",
    "content_end",
    "cue",
    "cue_start",
    "cue_end",
    "speaker",
    "speaker_id",
    "speaker_mention",
    "speaker_start",
    "speaker_end",
    "speaker_type",
    "role",
    "channels",
    "confidence",
    "status",
    "speaker_reviewed",
    "kind_reviewed",
    "stale",
)
ADDED_QUOTE_FIELDS = ("content_pieces",)

QUOTE = Shape(
    fields=(*QUOTE_FIELDS, *ADDED_QUOTE_FIELDS),
    table=("id", "published", "speaker", "kind", "status", "content", "channels"),
    flatten={"channels": _channels_cell, "content_pieces": _pieces_cell},
    wide=("content", "speaker", "channels"),
)

SHOWN_QUOTE = Shape(
    fields=(*QUOTE_FIELDS, "article_url", "before", "after", "history", *ADDED_QUOTE_FIELDS),
    table=QUOTE.table,
    flatten={"channels": _channels_cell, "history": _history_cell, "content_pieces": _pieces_cell},
)

ENTITY_FIELDS = ("id", "name", "type", "aliases", "roles", "quotes", "channel_quotes", "articles")
SPEAKER = Shape(
    fields=ENTITY_FIELDS, table=("id", "name", "type", "quotes", "aliases", "roles"), wide=("name", "aliases", "roles")
)
OUTLET = Shape(
    fields=ENTITY_FIELDS, table=("id", "name", "channel_quotes", "articles", "aliases"), wide=("name", "aliases")
)

PROGRESS = Shape(
    fields=("group", "name", "entity_id", "quotes", "pending", "accepted", "rejected"),
    table=("group", "name", "quotes", "pending", "accepted", "rejected"),
)


def _span(span: tuple[int, int] | None, i: int) -> int | None:
    return span[i] if span else None


def quote_record(q: QuoteView) -> dict[str, Any]:
    return {
        "id": q.id,
        "article_id": q.article_id,
        "article": q.article_source,
        "title": q.article_title,
        "published": q.published,
        "publisher": q.publisher,
        "position": q.position,
        "kind": q.kind,
        "content": q.content,
        "content_start": q.content_span[0],
        "content_end": q.content_span[1],
        "cue": q.cue,
        "cue_start": _span(q.cue_span, 0),
        "cue_end": _span(q.cue_span, 1),
        "speaker": q.speaker,
        "speaker_id": q.speaker_id,
        "speaker_mention": q.speaker_mention,
        "speaker_start": _span(q.speaker_span, 0),
        "speaker_end": _span(q.speaker_span, 1),
        "speaker_type": q.speaker_type,
        "role": q.role,
        "channels": [
            {"entity_id": c.entity_id, "name": c.name, "mention": c.mention, "role": c.role,
             "start": c.span[0], "end": c.span[1]}
            for c in q.channels
        ],
        "confidence": round(q.confidence, 3),
        "status": q.status,
        "speaker_reviewed": q.speaker_reviewed,
        "kind_reviewed": q.kind_reviewed,
        "stale": q.stale,
        "content_pieces": [list(piece) for piece in q.content_pieces],
    }


def review_record(r: ReviewView) -> dict[str, Any]:
    return {
        "id": r.id,
        "at": r.at,
        "action": r.action,
        "field": r.field,
        "old_value": r.old_value,
        "new_value": r.new_value,
        "note": r.note,
    }


def shown_record(ctx: QuoteContext) -> dict[str, Any]:
    return {
        **quote_record(ctx.quote),
        "article_url": ctx.article.url,
        "before": ctx.before,
        "after": ctx.after,
        "history": [review_record(r) for r in ctx.history],
    }


def entity_record(e: EntityView) -> dict[str, Any]:
    return {
        "id": e.id,
        "name": e.name,
        "type": e.type,
        "aliases": list(e.aliases),
        "roles": list(e.roles),
        "quotes": e.quotes,
        "channel_quotes": e.channel_quotes,
        "articles": e.articles,
    }


def progress_record(p: ProgressRow) -> dict[str, Any]:
    return {
        "group": p.group,
        "name": p.name,
        "entity_id": p.entity_id,
        "quotes": p.quotes,
        "pending": p.pending,
        "accepted": p.accepted,
        "rejected": p.rejected,
    }
