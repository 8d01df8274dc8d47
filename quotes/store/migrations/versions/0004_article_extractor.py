"""Which extractor found an article's quotes, so that an upgraded extractor extracts stored articles again.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Plain ALTER TABLE, not a batch copy: SQLite would rebuild "articles" by dropping it, and with foreign keys on
# that drop deletes every quote (ON DELETE CASCADE). Dropping a column needs SQLite 3.35 or later.


def upgrade() -> None:
    op.add_column("articles", sa.Column("extractor", sa.String(length=64), nullable=True))


def downgrade() -> None:
    op.drop_column("articles", "extractor")
