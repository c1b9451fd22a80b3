"""Discovery pages remember whether their work is settled (every entry offered was fetched).

A feed or sitemap whose entries were left for the next run (the per-run limit, a failure
that may pass) is stored unsettled: its validators are not kept, and a sitemap index
reads an unsettled child again before the children it has finished.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("discovery_pages") as batch_op:
        batch_op.add_column(sa.Column("settled", sa.Boolean(), nullable=False, server_default=sa.true()))


def downgrade() -> None:
    with op.batch_alter_table("discovery_pages") as batch_op:
        batch_op.drop_column("settled")
