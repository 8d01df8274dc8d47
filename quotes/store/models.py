"""Tables of the store, as SQLAlchemy 2 typed models.

The schema itself is created by the Alembic migrations in ``quotes/store/migrations``
(never by ``create_all``), so these classes and the migrations must agree; a test
compares them. Full-text search objects (SQLite FTS5 table and triggers, the
PostgreSQL tsvector column and GIN index) exist only in the migrations.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names so migrations can alter them on every backend.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

REVIEW_STATUSES = ("pending", "accepted", "rejected")
# The review-log action for a channel a person set; re-extraction leaves such a quote's channels alone.
CHANNEL_REVIEW_ACTION = "set_channel"
ENTITY_TYPES = ("person", "organization", "outlet", "group", "unknown")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)  # noqa: UP017 - target-version is py310


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite stores them without a zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)  # noqa: UP017
        return value.astimezone(timezone.utc)  # noqa: UP017

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)  # noqa: UP017
        return value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime}


class Run(Base):
    """One `quotes extract` invocation: what it used and what it did."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column()
    # running, finished, interrupted, failed; killed when its process ended without saying so (kill -9)
    status: Mapped[str] = mapped_column(String(16), default="running")
    quotes_version: Mapped[str] = mapped_column(String(32))
    models: Mapped[str | None] = mapped_column(Text)  # description of the stanza models
    models_path: Mapped[str | None] = mapped_column(Text)
    stanza_version: Mapped[str | None] = mapped_column(String(32))
    extractor: Mapped[str | None] = mapped_column(String(128))
    articles_seen: Mapped[int] = mapped_column(Integer, default=0)
    articles_stored: Mapped[int] = mapped_column(Integer, default=0)
    articles_skipped: Mapped[int] = mapped_column(Integer, default=0)
    quotes_stored: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    host: Mapped[str | None] = mapped_column(String(255))  # where the run's process ran
    pid: Mapped[int | None] = mapped_column(Integer)


class Entity(Base):
    """A person, organisation or outlet; one row however many articles mention it."""

    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(512))
    key: Mapped[str] = mapped_column(String(512), unique=True)  # casefolded name, the identity
    type: Mapped[str] = mapped_column(String(16), default="unknown")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    aliases: Mapped[list[Alias]] = relationship(back_populates="entity", cascade="all, delete-orphan")
    roles: Mapped[list[EntityRole]] = relationship(back_populates="entity", cascade="all, delete-orphan")


class Alias(Base):
    """Another way articles name an entity ("Peskov" for "Dmitry Peskov")."""

    __tablename__ = "entity_aliases"
    __table_args__ = (UniqueConstraint("entity_id", "key", name="uq_entity_aliases_entity_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(512))
    key: Mapped[str] = mapped_column(String(512), index=True)

    entity: Mapped[Entity] = relationship(back_populates="aliases")


class EntityRole(Base):
    """A title or role seen with an entity ("Kremlin spokesperson"), kept apart from its name."""

    __tablename__ = "entity_roles"
    __table_args__ = (UniqueConstraint("entity_id", "role", name="uq_entity_roles_entity_role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(512))

    entity: Mapped[Entity] = relationship(back_populates="roles")


class ArticleRecord(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(2048), unique=True)  # path as given, "path:LINE", or URL
    url: Mapped[str | None] = mapped_column(String(2048))
    title: Mapped[str | None] = mapped_column(Text)
    outlet_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id", ondelete="SET NULL"), index=True)
    published: Mapped[date | None] = mapped_column(Date, index=True)
    format: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    # The fingerprint of the extractor (and parse models) that found its quotes; None when not recorded.
    extractor: Mapped[str | None] = mapped_column(String(64))
    ingested_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))

    outlet: Mapped[Entity | None] = relationship()
    quotes: Mapped[list[QuoteRecord]] = relationship(
        back_populates="article", cascade="all, delete-orphan", order_by="QuoteRecord.position"
    )


class QuoteRecord(Base):
    __tablename__ = "quotes"
    __table_args__ = (Index("ix_quotes_article_position", "article_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(Integer)  # order in the article text
    kind: Mapped[str] = mapped_column(String(16), index=True)
    content: Mapped[str] = mapped_column(Text)
    content_start: Mapped[int] = mapped_column(Integer)
    content_end: Mapped[int] = mapped_column(Integer)
    # [[start, end], ...] of a content its attribution clause interrupts, in text order; NULL when the content
    # is one piece. none_as_null: None is SQL NULL, not the JSON text 'null'.
    content_pieces: Mapped[list[list[int]] | None] = mapped_column(JSON(none_as_null=True))
    cue: Mapped[str | None] = mapped_column(String(512))
    cue_start: Mapped[int | None] = mapped_column(Integer)
    cue_end: Mapped[int | None] = mapped_column(Integer)
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id", ondelete="SET NULL"), index=True)
    speaker: Mapped[str | None] = mapped_column(String(512))  # the speaker entity's name (or the name extracted)
    speaker_mention: Mapped[str | None] = mapped_column(String(512))
    speaker_start: Mapped[int | None] = mapped_column(Integer)
    speaker_end: Mapped[int | None] = mapped_column(Integer)
    speaker_type: Mapped[str] = mapped_column(String(16), default="unknown")
    role: Mapped[str | None] = mapped_column(String(512))
    confidence: Mapped[float] = mapped_column(Float, default=1.0, index=True)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    speaker_reviewed: Mapped[bool] = mapped_column(Boolean, default=False)  # a person set the speaker
    kind_reviewed: Mapped[bool] = mapped_column(Boolean, default=False)
    # A reviewed quote whose article changed and whose text no longer appears in it.
    stale: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    article: Mapped[ArticleRecord] = relationship(back_populates="quotes")
    speaker_entity: Mapped[Entity | None] = relationship()
    channels: Mapped[list[ChannelLink]] = relationship(
        back_populates="quote", cascade="all, delete-orphan", order_by="ChannelLink.position"
    )


class ChannelLink(Base):
    """Quote -> outlet entity it came through, and how (reported, citing, told, according_to...)."""

    __tablename__ = "quote_channels"

    id: Mapped[int] = mapped_column(primary_key=True)
    quote_id: Mapped[int] = mapped_column(ForeignKey("quotes.id", ondelete="CASCADE"), index=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(32))
    mention: Mapped[str] = mapped_column(String(512))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)

    quote: Mapped[QuoteRecord] = relationship(back_populates="channels")
    entity: Mapped[Entity] = relationship()


class InputErrorRecord(Base):
    """An input that could not be read or extracted; one row per source, cleared when it later succeeds."""

    __tablename__ = "input_errors"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(2048), unique=True)
    problem: Mapped[str] = mapped_column(Text)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))
    first_seen: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(default=utcnow)


class ReviewEntry(Base):
    """One human decision: what changed, from what to what, when."""

    __tablename__ = "review_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    action: Mapped[str] = mapped_column(String(32))  # accept, reject, reset, set_speaker, set_kind, merge, ...
    quote_id: Mapped[int | None] = mapped_column(ForeignKey("quotes.id", ondelete="SET NULL"), index=True)
    entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id", ondelete="SET NULL"))
    field: Mapped[str | None] = mapped_column(String(32))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
