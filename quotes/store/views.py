"""Plain frozen values the repository returns; never ORM objects, so callers
(the review UI, the query CLI) cannot touch the database by accident."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Generic, TypeVar

T = TypeVar("T")

Span = tuple[int, int]


@dataclass(frozen=True)
class Page(Generic[T]):
    items: tuple[T, ...]
    total: int  # matches over all pages
    offset: int
    limit: int

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.items) < self.total


@dataclass(frozen=True)
class QuoteFilter:
    """Filters for listing and searching quotes; every given one must hold."""

    speaker: int | str | None = None  # entity id, or a name / alias (case-insensitive)
    outlet: int | str | None = None  # channel entity or the article's publisher: id or name
    kind: str | tuple[str, ...] | None = None
    status: str | tuple[str, ...] | None = None
    article: int | str | None = None  # article id or source
    since: date | None = None  # article published on or after
    until: date | None = None  # article published on or before
    min_confidence: float | None = None  # at least this
    max_confidence: float | None = None  # below this ("low confidence only")
    stale: bool | None = None


@dataclass(frozen=True)
class ChannelView:
    entity_id: int
    name: str  # the outlet entity's name
    mention: str  # as written in the article
    role: str
    span: Span


@dataclass(frozen=True)
class QuoteView:
    id: int
    article_id: int
    article_source: str
    article_title: str | None
    published: date | None
    publisher: str | None
    position: int
    kind: str
    content: str
    content_span: Span
    cue: str | None
    cue_span: Span | None
    speaker_id: int | None
    speaker: str | None
    speaker_mention: str | None
    speaker_span: Span | None
    speaker_type: str
    role: str | None
    confidence: float
    status: str
    speaker_reviewed: bool
    kind_reviewed: bool
    stale: bool
    channels: tuple[ChannelView, ...] = field(default=())
    # The content without the attribution clause that interrupts it, in text order; empty when it is one piece.
    content_pieces: tuple[Span, ...] = ()


@dataclass(frozen=True)
class ArticleView:
    id: int
    source: str
    url: str | None
    title: str | None
    publisher: str | None
    published: date | None
    format: str
    sha256: str
    ingested_at: datetime
    updated_at: datetime
    quotes: int


@dataclass(frozen=True)
class ReviewView:
    id: int
    at: datetime
    action: str
    quote_id: int | None
    entity_id: int | None
    field: str | None
    old_value: str | None
    new_value: str | None
    note: str | None


@dataclass(frozen=True)
class QuoteContext:
    quote: QuoteView
    article: ArticleView
    text: str  # the whole article text the spans refer to
    before: str  # text of the quote's paragraph (and a little more) before the content
    after: str
    history: tuple[ReviewView, ...]


@dataclass(frozen=True)
class EntityView:
    id: int
    name: str
    type: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    quotes: int  # quotes it is the speaker of
    channel_quotes: int  # quotes that came through it
    articles: int  # articles it published


@dataclass(frozen=True)
class RunView:
    id: int
    started_at: datetime
    finished_at: datetime | None
    status: str
    quotes_version: str
    models: str | None
    extractor: str | None
    articles_seen: int
    articles_stored: int
    articles_skipped: int
    quotes_stored: int
    errors: int


@dataclass(frozen=True)
class ErrorView:
    source: str
    problem: str
    run_id: int | None
    last_seen: datetime


@dataclass(frozen=True)
class StoreStats:
    articles: int
    quotes: int
    entities: int
    input_errors: int
    runs: int
    by_status: tuple[tuple[str, int], ...]
    by_kind: tuple[tuple[str, int], ...]
