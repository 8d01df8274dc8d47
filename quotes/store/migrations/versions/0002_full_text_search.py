"""Full-text search over quote content and speaker names.

SQLite: an FTS5 table kept in sync with ``quotes`` by triggers (rowid = quote id).
PostgreSQL: a stored generated tsvector column with a GIN index. Both use no
stemming ('simple' / unicode61) so the same query finds the same quotes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SPEAKER = "trim(coalesce(new.speaker, '') || ' ' || coalesce(new.speaker_mention, ''))"

SQLITE_UP = [
    "CREATE VIRTUAL TABLE quotes_fts USING fts5(content, speaker, tokenize = 'unicode61 remove_diacritics 2')",
    f"""CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts(rowid, content, speaker) VALUES (new.id, new.content, {_SPEAKER});
    END""",
    """CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
        DELETE FROM quotes_fts WHERE rowid = old.id;
    END""",
    f"""CREATE TRIGGER quotes_fts_update AFTER UPDATE OF content, speaker, speaker_mention ON quotes BEGIN
        DELETE FROM quotes_fts WHERE rowid = old.id;
        INSERT INTO quotes_fts(rowid, content, speaker) VALUES (new.id, new.content, {_SPEAKER});
    END""",
    # Quotes stored before this revision.
    """INSERT INTO quotes_fts(rowid, content, speaker)
       SELECT id, content, trim(coalesce(speaker, '') || ' ' || coalesce(speaker_mention, '')) FROM quotes""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS quotes_fts_update",
    "DROP TRIGGER IF EXISTS quotes_fts_delete",
    "DROP TRIGGER IF EXISTS quotes_fts_insert",
    "DROP TABLE IF EXISTS quotes_fts",
]
POSTGRES_UP = [
    """ALTER TABLE quotes ADD COLUMN search tsvector GENERATED ALWAYS AS (
        to_tsvector('simple'::regconfig, coalesce(content, '') || ' ' || coalesce(speaker, '')
                    || ' ' || coalesce(speaker_mention, ''))
    ) STORED""",
    "CREATE INDEX ix_quotes_search ON quotes USING gin (search)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS ix_quotes_search",
    "ALTER TABLE quotes DROP COLUMN IF EXISTS search",
]


def _statements(up: bool) -> list[str]:
    name = op.get_context().dialect.name  # works for --sql (offline) runs too
    if name == "sqlite":
        return SQLITE_UP if up else SQLITE_DOWN
    if name == "postgresql":
        return POSTGRES_UP if up else POSTGRES_DOWN
    raise NotImplementedError(f"full-text search is not set up for {name}")


def upgrade() -> None:
    for statement in _statements(up=True):
        op.execute(statement)


def downgrade() -> None:
    for statement in _statements(up=False):
        op.execute(statement)
