"""The database tables (SQLAlchemy Core), shared by every repository module.

Constraint names follow one naming convention so Alembic migrations (batch mode on
SQLite) can refer to them. Amounts are integers in units of their currency.
A fact's period is stored as '' when the text names none, so that the unique key
(subject, kind, period) works alike on SQLite and PostgreSQL. Instants are `Instant`
columns: stored in UTC and read back aware (SQLite keeps no offset; migration 0007).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)


class Instant(TypeDecorator[datetime]):
    """A moment in time: written as UTC, read back as an aware UTC datetime, on every dialect.

    SQLite's DATETIME keeps only the wall clock, so 08:00+09:00 written as is would read
    back as 08:00 UTC; PostgreSQL's timestamptz keeps the instant. Converting on the way
    in makes both store the same instant. A naive value is taken as UTC, as the store's
    own readers always did (crawlstate.as_utc).
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)

sources = Table(
    "sources", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("created_at", Instant(), nullable=False),
)

articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", ForeignKey("sources.id"), nullable=True, index=True),
    Column("url", Text, nullable=True, unique=True),  # normalized: no tracking parameters
    Column("canonical_url", Text, nullable=True),
    Column("path", Text, nullable=True),  # a replayed file
    Column("title", Text, nullable=True),
    Column("published", String(40), nullable=True),  # ISO date or datetime as the page gives it
    Column("published_date", Date, nullable=True, index=True),
    Column("author", String(200), nullable=True),
    Column("text", Text, nullable=False),
    Column("fingerprint", String(64), nullable=False, unique=True),  # of the normalized text
    Column("keywords", JSON, nullable=False, default=list),
    Column("fetched_at", Instant(), nullable=False),
    Column("etag", String(300), nullable=True),
    Column("last_modified", String(100), nullable=True),
)

# Every URL an article is known under: its own, tracking-parameter variants, syndicated copies.
article_urls = Table(
    "article_urls", metadata,
    Column("id", Integer, primary_key=True),
    Column("url", Text, nullable=False, unique=True),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
)

# The hashes of an article's substantial paragraphs, to find near copies (crawler/store/copies.py).
article_paragraphs = Table(
    "article_paragraphs", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("hash", String(64), nullable=False, index=True),
)

mentions = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("company", String(300), nullable=True),
    Column("members", JSON, nullable=True),
    Column("company_ko", String(300), nullable=True),
    Column("amount", BigInteger, nullable=True),
    Column("amount_max", BigInteger, nullable=True),
    Column("currency", String(3), nullable=True),
    Column("qualifier", String(20), nullable=False),
    Column("period", String(20), nullable=True),
    Column("kind", String(30), nullable=False),
    Column("evidence", Text, nullable=False),
    Column("vague", Boolean, nullable=False, default=False),
    Column("trend", String(10), nullable=True),
    Column("conversions", JSON, nullable=False, default=list),
)

facts = Table(
    "facts", metadata,
    Column("id", Integer, primary_key=True),
    Column("subject", String(300), nullable=False),
    Column("kind", String(30), nullable=False),
    Column("period", String(20), nullable=False, default=""),
    Column("members", JSON, nullable=True),
    Column("amount", BigInteger, nullable=True),
    Column("amount_max", BigInteger, nullable=True),
    Column("currency", String(3), nullable=True),
    Column("qualifier", String(20), nullable=False),
    Column("first_seen", Date, nullable=True),
    Column("last_seen", Date, nullable=True),
    Column("status", String(20), nullable=False),
    Column("updated_at", Instant(), nullable=False),
    Column("import_sources", JSON, nullable=True),  # the source URLs an imported row named
    UniqueConstraint("subject", "kind", "period", name="uq_facts_subject_kind_period"),
)

fact_sources = Table(
    "fact_sources", metadata,
    Column("id", Integer, primary_key=True),
    Column("fact_id", ForeignKey("facts.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    UniqueConstraint("fact_id", "article_id", name="uq_fact_sources_fact_id_article_id"),
)

deliveries = Table(
    "deliveries", metadata,
    Column("id", Integer, primary_key=True),
    Column("message_id", String(300), nullable=False, unique=True),
    Column("status", String(20), nullable=False),  # prepared, sent
    Column("subject", Text, nullable=False),
    Column("recipients", JSON, nullable=False),
    Column("created_at", Instant(), nullable=False),
    Column("sent_at", Instant(), nullable=True),
    Column("transport", String(20), nullable=False),  # smtp, outbox
    Column("raw_message", LargeBinary, nullable=True),  # the exact bytes, re-sent on reconciliation
)

changes = Table(
    "changes", metadata,
    Column("id", Integer, primary_key=True),
    Column("fact_id", ForeignKey("facts.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("mention_id", ForeignKey("mentions.id", ondelete="CASCADE"), nullable=True),
    Column("status", String(20), nullable=False),
    Column("amount", BigInteger, nullable=True),
    Column("amount_max", BigInteger, nullable=True),
    Column("currency", String(3), nullable=True),
    Column("qualifier", String(20), nullable=True),
    Column("previous_amount", BigInteger, nullable=True),
    Column("previous_amount_max", BigInteger, nullable=True),
    Column("previous_currency", String(3), nullable=True),
    Column("change_pct", Float, nullable=True),
    Column("direction", String(10), nullable=True),
    Column("created_at", Instant(), nullable=False),
    Column("delivery_id", ForeignKey("deliveries.id"), nullable=True, index=True),
)

# Crawl state: every article URL fetched (matched or not) and every feed/sitemap/list page.
fetched_urls = Table(
    "fetched_urls", metadata,
    Column("id", Integer, primary_key=True),
    Column("url", Text, nullable=False, unique=True),  # normalized
    Column("source", String(200), nullable=True),
    Column("article_id", ForeignKey("articles.id", ondelete="SET NULL"), nullable=True),
    Column("lastmod", String(40), nullable=True),  # the feed/sitemap entry's modification date
    Column("http_status", Integer, nullable=True),
    Column("matched", Boolean, nullable=False, default=False),
    Column("fetched_at", Instant(), nullable=False),
)

discovery_pages = Table(
    "discovery_pages", metadata,
    Column("id", Integer, primary_key=True),
    Column("url", Text, nullable=False, unique=True),
    Column("source", String(200), nullable=True),
    Column("etag", String(300), nullable=True),
    Column("last_modified", String(100), nullable=True),
    Column("http_status", Integer, nullable=True),
    Column("newest_item_at", Instant(), nullable=True),
    Column("checked_at", Instant(), nullable=False),
    Column("settled", Boolean, nullable=False, server_default=true()),  # no entry left for a later run
)

runs = Table(
    "runs", metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(20), nullable=False),  # crawl, digest
    Column("started_at", Instant(), nullable=False),
    Column("ended_at", Instant(), nullable=True),
    Column("outcome", String(20), nullable=False),  # running, ok, partial, failed, timeout, killed
    Column("counts", JSON, nullable=False, default=dict),
    Column("errors", JSON, nullable=False, default=list),
    Column("token", String(64), nullable=True),  # set by the job runner that started the process
)

source_runs = Table(
    "source_runs", metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", ForeignKey("runs.id", ondelete="CASCADE"), nullable=True, index=True),
    Column("source", String(200), nullable=False, index=True),
    Column("started_at", Instant(), nullable=False),
    Column("feeds_checked", Integer, nullable=False, default=0),
    Column("not_modified", Integer, nullable=False, default=0),
    Column("new_articles", Integer, nullable=False, default=0),
    Column("matched", Integer, nullable=False, default=0),
    Column("new_facts", Integer, nullable=False, default=0),
    Column("error_count", Integer, nullable=False, default=0),
    Column("errors", JSON, nullable=False, default=list),
    Column("newest_item_at", Instant(), nullable=True),
    Column("ok", Boolean, nullable=False, default=True),
)

# Backfill: pages fetched and analysed, waiting for the storing phase (crawler/store/staging.py).
backfill_pages = Table(
    "backfill_pages", metadata,
    Column("id", Integer, primary_key=True),
    Column("url", Text, nullable=False, unique=True),  # normalized, as fetched_urls: a page is staged once
    Column("source", String(200), nullable=False, index=True),
    Column("run_id", ForeignKey("runs.id", ondelete="SET NULL"), nullable=True),  # the run that fetched it
    Column("final_url", Text, nullable=False),
    Column("http_status", Integer, nullable=False),
    Column("fetched_at", Instant(), nullable=False),
    Column("lastmod", String(40), nullable=True),  # the discovery entry's dates
    Column("entry_published", String(40), nullable=True),
    Column("etag", String(300), nullable=True),
    Column("last_modified", String(100), nullable=True),
    Column("revisit", Boolean, nullable=False, default=False),
    Column("published_at", Instant(), nullable=True, index=True),  # the storing order; NULL: undated, last
    Column("outcome", String(10), nullable=False),  # matched, unmatched (no keyword), failed (unreadable)
    Column("result", JSON, nullable=True),  # the ExtractResult of a matched page
    Column("stored", Boolean, nullable=False, default=False),
    Column("article_id", ForeignKey("articles.id", ondelete="SET NULL"), nullable=True),
)
