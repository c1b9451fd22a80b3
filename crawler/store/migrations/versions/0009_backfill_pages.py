"""Backfill stages its fetched and analysed pages in the database, not in memory.

`backfill_pages` holds each page a backfill fetched (one row per normalized URL, whatever
run fetched it) with what the storing phase needs, until it is stored in publication
order: a killed backfill resumes without fetching again, and a distributed one stages
from its workers into the shared store.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "backfill_pages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("final_url", sa.Text(), nullable=False),
        sa.Column("http_status", sa.Integer(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lastmod", sa.String(length=40), nullable=True),
        sa.Column("entry_published", sa.String(length=40), nullable=True),
        sa.Column("etag", sa.String(length=300), nullable=True),
        sa.Column("last_modified", sa.String(length=100), nullable=True),
        sa.Column("revisit", sa.Boolean(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(length=10), nullable=False),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("stored", sa.Boolean(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name=op.f("fk_backfill_pages_run_id_runs"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name=op.f("fk_backfill_pages_article_id_articles"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_backfill_pages")),
        sa.UniqueConstraint("url", name=op.f("uq_backfill_pages_url")),
    )
    op.create_index(op.f("ix_backfill_pages_source"), "backfill_pages", ["source"])
    op.create_index(op.f("ix_backfill_pages_published_at"), "backfill_pages", ["published_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_backfill_pages_published_at"), table_name="backfill_pages")
    op.drop_index(op.f("ix_backfill_pages_source"), table_name="backfill_pages")
    op.drop_table("backfill_pages")
