"""Paragraph hashes of every article, to find near copies; back-filled from the stored texts.

The hashing is written out here (not imported) so that this migration keeps doing what
it did when crawler/store/copies.py changes: sha256 of each distinct line of at least 30
characters once NFKC-normalized, lower-cased and stripped of whitespace and punctuation.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_NOT_TEXT = re.compile(r"[\W_]+")


def _hashes(text: str) -> list[str]:
    found: dict[str, None] = {}
    for line in text.split("\n"):
        plain = _NOT_TEXT.sub("", unicodedata.normalize("NFKC", line).lower())
        if len(plain) >= 30:
            found[hashlib.sha256(plain.encode("utf-8")).hexdigest()] = None
    return list(found)


def upgrade() -> None:
    paragraphs = op.create_table(
        "article_paragraphs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"],
                                name=op.f("fk_article_paragraphs_article_id_articles"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article_paragraphs")),
    )
    with op.batch_alter_table("article_paragraphs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_article_paragraphs_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_article_paragraphs_hash"), ["hash"], unique=False)
    articles = sa.table("articles", sa.column("id", sa.Integer()), sa.column("text", sa.Text()))
    conn = op.get_bind()
    for article_id, text in conn.execute(sa.select(articles.c.id, articles.c.text).order_by(articles.c.id)).all():
        rows = [{"article_id": article_id, "hash": h} for h in _hashes(text or "")]
        if rows:
            conn.execute(sa.insert(paragraphs), rows)


def downgrade() -> None:
    with op.batch_alter_table("article_paragraphs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_paragraphs_hash"))
        batch_op.drop_index(batch_op.f("ix_article_paragraphs_article_id"))
    op.drop_table("article_paragraphs")
