"""Which machine and process ran an extraction, so a run whose process died can be told apart.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("runs") as batch:
        batch.add_column(sa.Column("host", sa.String(length=255), nullable=True))
        batch.add_column(sa.Column("pid", sa.Integer(), nullable=True))


def downgrade() -> None:
    # Plain ALTER TABLE: a SQLite batch copy drops "runs", and with foreign keys on that clears every
    # article's run (ON DELETE SET NULL). Needs SQLite 3.35 or later.
    op.drop_column("runs", "pid")
    op.drop_column("runs", "host")
