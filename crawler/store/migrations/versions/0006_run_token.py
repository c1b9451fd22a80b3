"""Runs remember the token of the job runner that started their process (CAPEXWATCH_RUN_TOKEN).

The daemon and `run` find their child's run by this token only, never by id or kind, so
a manual crawl or digest running at the same time keeps its own outcome.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("runs") as batch_op:
        batch_op.add_column(sa.Column("token", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("runs") as batch_op:
        batch_op.drop_column("token")
