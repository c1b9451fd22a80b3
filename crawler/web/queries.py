"""What the web view reads from the store (read-only SELECTs; no function here writes).

Facts as light rows for the table (`fact_rows`), one fact or one company with its
history of changes (`fact_row`, `changes_of`), the articles behind a fact with their
syndicated copies folded under them, and each source's newest article and last errors.
Everything takes an open Connection from `Store.reading()`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Connection, func, select

from crawler.store.schema import article_urls, articles, changes, fact_sources, facts, mentions, source_runs, sources


@dataclass(frozen=True)
class FactRow:
    fact_id: int
    subject: str
    members: tuple[str, ...] | None
    kind: str
    period: str | None
    amount: int | None
    amount_max: int | None
    currency: str | None
    qualifier: str
    first_seen: date | None
    last_seen: date | None
    status: str
    import_sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArticleView:
    article_id: int
    title: str | None
    url: str | None  # the article's own URL (or its file)
    outlet: str  # the configured source, else the URL's host, else the file
    published: str | None
    copies: tuple[str, ...]  # other URLs of the same article: tracking variants, syndicated copies


@dataclass(frozen=True)
class ChangeView:
    change_id: int
    fact_id: int
    status: str
    kind: str
    period: str | None
    amount: int | None
    amount_max: int | None
    currency: str | None
    qualifier: str | None
    previous_amount: int | None
    previous_amount_max: int | None
    previous_currency: str | None
    change_pct: float | None
    direction: str | None
    evidence: str
    created_at: datetime
    article: ArticleView


def _fact_row(row: Any) -> FactRow:
    return FactRow(
        fact_id=row["id"], subject=row["subject"], members=tuple(row["members"]) if row["members"] else None,
        kind=row["kind"], period=row["period"] or None, amount=row["amount"], amount_max=row["amount_max"],
        currency=row["currency"], qualifier=row["qualifier"], first_seen=row["first_seen"],
        last_seen=row["last_seen"], status=row["status"], import_sources=tuple(row["import_sources"] or ()),
    )


def fact_rows(conn: Connection) -> list[FactRow]:
    """Every known fact, without its sources (the table needs none)."""
    query = select(facts).order_by(facts.c.subject, facts.c.kind, facts.c.period)
    return [_fact_row(row) for row in conn.execute(query).mappings()]


def fact_row(conn: Connection, fact_id: int) -> FactRow | None:
    row = conn.execute(select(facts).where(facts.c.id == fact_id)).mappings().first()
    return _fact_row(row) if row else None


def company_rows(conn: Connection, subject: str) -> list[FactRow]:
    query = select(facts).where(facts.c.subject == subject).order_by(facts.c.period, facts.c.kind)
    return [_fact_row(row) for row in conn.execute(query).mappings()]


def changes_of(conn: Connection, fact_ids: Sequence[int]) -> list[ChangeView]:
    """The changes of these facts, oldest first, each with its article and evidence."""
    if not fact_ids:
        return []
    query = (
        select(changes, facts.c.kind, facts.c.period, mentions.c.evidence)
        .join(facts, facts.c.id == changes.c.fact_id)
        .outerjoin(mentions, mentions.c.id == changes.c.mention_id)
        .where(changes.c.fact_id.in_(list(fact_ids)))
        .order_by(changes.c.id)
    )
    rows = list(conn.execute(query).mappings())
    views = article_views(conn, {row["article_id"] for row in rows})
    return [ChangeView(
        change_id=row["id"], fact_id=row["fact_id"], status=row["status"], kind=row["kind"],
        period=row["period"] or None, amount=row["amount"], amount_max=row["amount_max"],
        currency=row["currency"], qualifier=row["qualifier"], previous_amount=row["previous_amount"],
        previous_amount_max=row["previous_amount_max"], previous_currency=row["previous_currency"],
        change_pct=row["change_pct"], direction=row["direction"], evidence=row["evidence"] or "",
        created_at=row["created_at"], article=views[row["article_id"]],
    ) for row in rows]


def stating_articles(conn: Connection, fact_id: int) -> list[ArticleView]:
    """Every article that states the fact, oldest publication first."""
    query = select(fact_sources.c.article_id).where(fact_sources.c.fact_id == fact_id)
    views = article_views(conn, {row.article_id for row in conn.execute(query)})
    return sorted(views.values(), key=lambda a: (a.published or "", a.article_id))


def article_views(conn: Connection, article_ids: set[int]) -> dict[int, ArticleView]:
    if not article_ids:
        return {}
    urls: dict[int, list[str]] = defaultdict(list)
    for row in conn.execute(select(article_urls.c.article_id, article_urls.c.url)
                            .where(article_urls.c.article_id.in_(article_ids)).order_by(article_urls.c.id)):
        urls[row.article_id].append(row.url)
    query = (select(articles.c.id, articles.c.title, articles.c.url, articles.c.path, articles.c.published,
                    sources.c.name)
             .outerjoin(sources, sources.c.id == articles.c.source_id).where(articles.c.id.in_(article_ids)))
    views = {}
    for row in conn.execute(query):
        own = row.url or row.path
        copies = tuple(u for u in dict.fromkeys(urls[row.id]) if u != own)
        outlet = row.name or (urlsplit(row.url).hostname if row.url else None) or row.path or "?"
        views[row.id] = ArticleView(row.id, row.title, own, outlet, row.published, copies)
    return views


@dataclass(frozen=True)
class SourceActivity:
    newest_title: str | None
    newest_url: str | None
    newest_published: str | None
    last_errors: tuple[tuple[datetime, str], ...]  # (run start, error), newest first
    last_runs: tuple[Any, ...]  # source_runs rows, newest first


def source_activity(conn: Connection, names: Sequence[str], runs_kept: int = 5) -> dict[str, SourceActivity]:
    """Per source: its newest stored article, its last runs and the errors they recorded."""
    newest_day = (select(articles.c.source_id, func.max(articles.c.published_date).label("day"))
                  .group_by(articles.c.source_id).subquery())
    newest_query = (select(sources.c.name, articles.c.title, articles.c.url, articles.c.published)
              .join(articles, articles.c.source_id == sources.c.id)
              .join(newest_day, (newest_day.c.source_id == sources.c.id)
                    & (newest_day.c.day == articles.c.published_date))
              .where(sources.c.name.in_(names)).order_by(articles.c.id))
    latest: dict[str, Any] = {}
    for row in conn.execute(newest_query):
        latest[row.name] = row
    result = {}
    for name in names:
        runs = tuple(conn.execute(select(source_runs).where(source_runs.c.source == name)
                                  .order_by(source_runs.c.started_at.desc(), source_runs.c.id.desc())
                                  .limit(runs_kept)).mappings())
        errors = tuple((run["started_at"], str(error)) for run in runs for error in (run["errors"] or [])[:3])
        newest = latest.get(name)
        result[name] = SourceActivity(newest.title if newest else None, newest.url if newest else None,
                                      newest.published if newest else None, errors[:10], runs)
    return result


def run_sources(conn: Connection) -> list[str]:
    """Every source name any crawl recorded (configured or not any more)."""
    return [row.source for row in conn.execute(select(source_runs.c.source).distinct().order_by(source_runs.c.source))]
