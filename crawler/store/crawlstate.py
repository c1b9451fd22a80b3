"""Crawl state: remembered article URLs, discovery-page validators, per-source runs, health.

- `fetched_urls`: every article URL fetched (normalized), matched or not, with the
  modification date its feed or sitemap entry gave. `unseen_candidates` filters a batch
  of discovered URLs down to those never fetched or whose entry is now newer.
- `discovery_pages`: the ETag/Last-Modified of each feed, sitemap and list page, sent
  back as If-None-Match/If-Modified-Since on the next crawl.
- `source_runs`: one row per source per crawl (the printed summary), read back by
  `source_health` for the digest and `status`.
All functions take an Engine; lookups are batched, nothing is cached in memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, Select, Table, and_, case, func, insert, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from crawler.models import KST
from crawler.store.engine import reading
from crawler.store.schema import discovery_pages, fetched_urls, source_runs

LOOKUP_CHUNK = 500
RECENT_RUNS_KEPT = 10  # runs per source read by source_health (at least [crawl].failing_runs)


def as_utc(moment: datetime | None) -> datetime | None:
    """A timezone-aware datetime (SQLite hands back naive UTC values)."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def parse_iso(value: str | None) -> datetime | None:
    """An ISO date or datetime string as an aware datetime (naive means Korea, +09:00)."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=KST)
    return moment.astimezone(UTC)


def unseen_candidates(engine: Engine, candidates: Mapping[str, str | None],
                      revisits: set[str] | None = None) -> list[str]:
    """The URLs of `candidates` (normalized url -> entry lastmod) worth fetching now.

    A URL is worth fetching when it was never fetched, or when its entry's modification
    date is newer than the one remembered (remembered without a date: newer than the time
    it was fetched); those of the second kind are added to `revisits` when given. Order of
    `candidates` is kept.
    """
    urls = list(candidates)
    known: dict[str, datetime | None] = {}
    with reading(engine) as conn:
        for start in range(0, len(urls), LOOKUP_CHUNK):
            chunk = urls[start:start + LOOKUP_CHUNK]
            query = select(fetched_urls.c.url, fetched_urls.c.lastmod, fetched_urls.c.fetched_at).where(
                fetched_urls.c.url.in_(chunk))
            known.update({row.url: parse_iso(row.lastmod) or as_utc(row.fetched_at) for row in conn.execute(query)})
    fresh = []
    for url in urls:
        if url not in known:
            fresh.append(url)
            continue
        new, old = parse_iso(candidates[url]), known[url]
        if new is not None and (old is None or new > old):
            fresh.append(url)
            if revisits is not None:
                revisits.add(url)
    return fresh


def remember_fetch(
    engine: Engine, url: str, *, source: str, lastmod: str | None, http_status: int | None,
    article_id: int | None = None, matched: bool = False, fetched_at: datetime | None = None,
) -> None:
    """Record that article `url` (normalized) was fetched; updates an earlier record."""
    with engine.begin() as conn:
        remember_fetch_in(conn, url, source=source, lastmod=lastmod, http_status=http_status,
                          article_id=article_id, matched=matched, fetched_at=fetched_at)


def remember_fetch_in(
    conn: Connection, url: str, *, source: str, lastmod: str | None, http_status: int | None,
    article_id: int | None = None, matched: bool = False, fetched_at: datetime | None = None,
) -> None:
    """`remember_fetch` inside the caller's transaction `conn`."""
    values: dict[str, Any] = {
        "source": source, "lastmod": lastmod, "http_status": http_status, "matched": matched,
        "fetched_at": fetched_at or datetime.now(UTC),
    }
    if article_id is not None:
        values["article_id"] = article_id
    _upsert(conn, fetched_urls, url, values)


def due_sitemaps(engine: Engine, children: Mapping[str, str | None]) -> set[str]:
    """The child sitemaps of `children` (url -> entry lastmod) with work to do: never read,
    left unsettled by an earlier run, or modified since they were last read."""
    urls = list(children)
    known: dict[str, tuple[bool, datetime | None]] = {}
    with reading(engine) as conn:
        for start in range(0, len(urls), LOOKUP_CHUNK):
            query = select(discovery_pages.c.url, discovery_pages.c.settled, discovery_pages.c.checked_at).where(
                discovery_pages.c.url.in_(urls[start:start + LOOKUP_CHUNK]))
            known.update({row.url: (bool(row.settled), as_utc(row.checked_at)) for row in conn.execute(query)})
    due = set()
    for url in urls:
        settled, checked = known.get(url, (False, None))
        lastmod = parse_iso(children[url])
        if not settled or checked is None or (lastmod is not None and lastmod > checked):
            due.add(url)
    return due


@dataclass(frozen=True)
class Validators:
    etag: str | None
    last_modified: str | None


def discovery_validators(engine: Engine, urls: Iterable[str]) -> dict[str, Validators]:
    """The ETag/Last-Modified remembered for each of `urls` that has any."""
    wanted = list(urls)
    if not wanted:
        return {}
    query = select(discovery_pages.c.url, discovery_pages.c.etag, discovery_pages.c.last_modified).where(
        discovery_pages.c.url.in_(wanted)
    )
    with reading(engine) as conn:
        return {
            row.url: Validators(row.etag, row.last_modified)
            for row in conn.execute(query)
            if row.etag or row.last_modified
        }


def remember_discovery(
    engine: Engine, url: str, *, source: str, etag: str | None, last_modified: str | None,
    http_status: int, newest_item_at: datetime | None, checked_at: datetime | None = None,
    settled: bool = True,
) -> None:
    """Record a feed/sitemap/list page's validators (a 304 keeps the earlier ones).

    An unsettled page (entries left for a later run) keeps no validators: it is read in full next time."""
    values: dict[str, Any] = {
        "source": source, "http_status": http_status, "checked_at": checked_at or datetime.now(UTC),
        "settled": settled,
    }
    if not settled:
        values.update(etag=None, last_modified=None)
    elif http_status != 304:
        values.update(etag=etag, last_modified=last_modified)
    if newest_item_at is not None:
        values["newest_item_at"] = newest_item_at
    _upsert_by_url(engine, discovery_pages, url, values)


def _upsert_by_url(engine: Engine, table: Table, url: str, values: dict[str, Any]) -> None:
    """Insert the row of `url` in `table` (unique on url), or update it: one INSERT ... ON CONFLICT,
    so two workers remembering the same URL at once (a task delivered twice) both succeed."""
    with engine.begin() as conn:
        _upsert(conn, table, url, values)


def _upsert(conn: Connection, table: Table, url: str, values: dict[str, Any]) -> None:
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table).values(url=url, **values)
    conn.execute(statement.on_conflict_do_update(index_elements=[table.c.url], set_=values))


@dataclass(frozen=True)
class SourceRunStats:
    """What one source did in one crawl: the row of the printed summary.

    `fetched` counts article pages downloaded; `new_articles` those that were not known
    (matched or not; a syndicated copy or a changed known article is not new); the facts
    columns count the changes by status; `left` the articles offered but not fetched this
    time (past the per-run limit, the crawl's time ran out, or a failure that may pass), which
    the next run fetches.
    Only the columns health needs are stored per source; the run keeps the totals."""

    source: str
    started_at: datetime
    feeds_checked: int = 0
    not_modified: int = 0
    new_articles: int = 0
    matched: int = 0
    new_facts: int = 0
    errors: tuple[str, ...] = ()
    error_count: int = 0
    newest_item_at: datetime | None = None
    ok: bool = True
    fetched: int = 0
    confirmed_facts: int = 0
    revised_facts: int = 0
    conflicting_facts: int = 0
    left: int = 0
    sitemaps_left: int = 0  # child sitemaps with work to do not read this run (past max_child_sitemaps)
    crawl_delay: float = 0.0  # the largest robots.txt Crawl-delay honoured (seconds, after the cap)
    crawl_delay_asked: float = 0.0  # the largest Crawl-delay robots.txt asked for


def record_source_run(engine: Engine, run_id: int | None, stats: SourceRunStats) -> None:
    with engine.begin() as conn:
        conn.execute(
            insert(source_runs).values(
                run_id=run_id, source=stats.source, started_at=stats.started_at,
                feeds_checked=stats.feeds_checked, not_modified=stats.not_modified,
                new_articles=stats.new_articles, matched=stats.matched, new_facts=stats.new_facts,
                error_count=stats.error_count, errors=list(stats.errors),
                newest_item_at=stats.newest_item_at, ok=stats.ok,
            )
        )


@dataclass(frozen=True)
class SourceHealth:
    name: str
    healthy: bool
    reason: str | None
    last_ok_at: datetime | None
    newest_item_at: datetime | None
    consecutive_failures: int
    last_error: str | None = None  # the newest run's first error, when that run failed


def source_health(
    engine: Engine, *, stale_days: int, failing_runs: int, now: datetime | None = None,
    names: Sequence[str] | None = None,
) -> list[SourceHealth]:
    """Each source's health: unhealthy when it failed its last `failing_runs` runs, or
    when its newest item is older than `stale_days` days. `names` adds sources that
    never ran (reported unhealthy: never crawled); by default every source with runs.

    Reads one aggregate row and the last few runs per source (not every run ever), so
    the cost does not grow with months of history."""
    now = as_utc(now or datetime.now(UTC))
    assert now is not None
    keep = max(failing_runs, RECENT_RUNS_KEPT)
    with reading(engine) as conn:
        totals = {row.source: row for row in conn.execute(_totals_query(names))}
        recent: dict[str, list[Any]] = {}
        for row in conn.execute(_recent_runs_query(names, keep)):
            recent.setdefault(row.source, []).append(row)
        wanted = list(names) if names is not None else sorted(totals)
        healths = []
        for name in wanted:
            runs = recent.get(name, [])
            failures = _consecutive_failures(conn, name, runs, keep)
            healths.append(_health(name, runs, totals.get(name), failures, stale_days, failing_runs, now))
        return healths


def _totals_query(names: Sequence[str] | None) -> Select[Any]:
    """Per source: when it last ran fine, and the newest item any of its runs saw."""
    query = select(
        source_runs.c.source,
        func.max(case((source_runs.c.ok.is_(True), source_runs.c.started_at))).label("last_ok_at"),
        func.max(source_runs.c.newest_item_at).label("newest_item_at"),
    ).group_by(source_runs.c.source)
    return query.where(source_runs.c.source.in_(names)) if names is not None else query


def _recent_runs_query(names: Sequence[str] | None, keep: int) -> Select[Any]:
    """The `keep` newest runs of each source, newest first."""
    rank = func.row_number().over(partition_by=source_runs.c.source,
                                  order_by=(source_runs.c.started_at.desc(), source_runs.c.id.desc()))
    ranked = select(source_runs.c.source, source_runs.c.ok, source_runs.c.errors, rank.label("rank"))
    if names is not None:
        ranked = ranked.where(source_runs.c.source.in_(names))
    recent = ranked.subquery()
    return select(recent).where(recent.c.rank <= keep).order_by(recent.c.source, recent.c.rank)


def _consecutive_failures(conn: Connection, name: str, runs: list[Any], keep: int) -> int:
    """How many runs failed in a row, newest first (counted in the database past `keep`)."""
    failures = 0
    for run in runs:
        if run.ok:
            return failures
        failures += 1
    if len(runs) < keep:
        return failures  # the whole history failed, and it is all here
    last_ok = conn.execute(
        select(source_runs.c.started_at, source_runs.c.id)
        .where(source_runs.c.source == name, source_runs.c.ok.is_(True))
        .order_by(source_runs.c.started_at.desc(), source_runs.c.id.desc()).limit(1)
    ).first()
    count = select(func.count()).select_from(source_runs).where(source_runs.c.source == name)
    if last_ok is not None:
        count = count.where(or_(source_runs.c.started_at > last_ok.started_at,
                                and_(source_runs.c.started_at == last_ok.started_at, source_runs.c.id > last_ok.id)))
    return int(conn.execute(count).scalar_one())


def _health(
    name: str, runs: list[Any], totals: Any, failures: int, stale_days: int, failing_runs: int, now: datetime,
) -> SourceHealth:
    if not runs or totals is None:
        return SourceHealth(name, False, "never crawled", None, None, 0)
    last_ok, newest = as_utc(totals.last_ok_at), as_utc(totals.newest_item_at)
    last_error = (runs[0].errors or ["no error recorded"])[0] if failures else None
    failing = f"failed the last {failures} run{'s' if failures > 1 else ''}: {last_error}"
    reason = None
    if failures >= failing_runs:
        reason = failing
    elif newest is None:
        if last_ok is None or now - last_ok > timedelta(days=stale_days):
            reason = failing if failures else "no dated item seen yet"  # the error, from the first failure
    elif now - newest > timedelta(days=stale_days):
        reason = f"newest item is {(now - newest).days} days old (more than {stale_days})"
        reason += f"; {failing}" if failures else ""
    return SourceHealth(name, reason is None, reason, last_ok, newest, failures, last_error)
