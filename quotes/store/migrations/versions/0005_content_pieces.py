"""The pieces of a quote's content when its own attribution clause interrupts it ('"A," she said. "B."').

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-14
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Plain ALTER TABLE, not a batch copy, as in 0004: rebuilding "quotes" on SQLite would drop it, and with foreign
# keys on that drop deletes its channels and unlinks its review log. Dropping a column needs SQLite 3.35 or later.
# Existing quotes get NULL: one piece, which is what they were extracted as.


def upgrade() -> None:
    op.add_column("quotes", sa.Column("content_pieces", sa.JSON(), nullable=True))


def downgrade() -> None:
    op.drop_column("quotes", "content_pieces")
