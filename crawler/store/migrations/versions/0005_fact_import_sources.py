"""Facts remember the source URLs an imported row named, so that an export lists them again.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("facts") as batch_op:
        batch_op.add_column(sa.Column("import_sources", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("facts") as batch_op:
        batch_op.drop_column("import_sources")
