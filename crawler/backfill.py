"""Backfill: each source's archives over a date window, stored in publication order.

`backfill(config, since, until)` records a run of kind "backfill", runs every source's
spider over its archives (`archive_sitemaps` templates and `sitemaps`, spiders/archives.py:
entries published in the window, not fetched before, with no per-run limit), and only then
stores the analysed pages, oldest publication first, whatever order they were fetched in,
so each fact's history reads as it happened. The changes they make are the baseline
(crawler/store/baseline.py): the next digest says "baseline: N facts from M articles
(since .. until)" instead of announcing them one by one. Each page is stored and remembered together;
a backfill stopped while storing goes on where it stopped (what was stored is remembered
and not fetched again; what was not is fetched by the next backfill), and nothing is stored
twice. Storing shows its progress: a bar with counts and ETA on a terminal (stderr), a line
a minute otherwise.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import replace
from datetime import date
from typing import Any, TextIO

from sqlalchemy.exc import SQLAlchemyError

from crawler.config import Config
from crawler.crawling import CrawlSummary, finish_crawl, run_spiders, sources_and_store
from crawler.store import Store
from crawler.store.baseline import record_baseline
from crawler.store.crawlstate import remember_fetch
from crawler.store.runs import start_run

PROGRESS_EVERY = 60.0  # seconds between progress lines when stderr is not a terminal
FACT_COUNTERS = {"new": "new_facts", "confirmed": "confirmed_facts", "revised": "revised_facts",
                 "conflict": "conflicting_facts"}


def backfill(config: Config, since: date, until: date, *, source_names: list[str] | None = None,
             out: TextIO = sys.stdout, progress: TextIO = sys.stderr) -> CrawlSummary:
    """Read the sources' archives of [since, until] and store them in publication order."""
    with sources_and_store(config, source_names, out, "backfill") as opened:
        if opened is None:
            return CrawlSummary(None, "nothing")
        sources, store = opened
        run_id = start_run(store.engine, "backfill")
        staged: list[Any] = []
        stats, stopped_by = run_spiders(config, sources, store, run_id, backfill=(since, until), staged=staged)
        saved: list[int] = []
        counts = store_in_order(store, config, staged, Progress(len(staged), progress), saved)
        line = record_baseline(store.engine, saved, since, until)
        if line:
            print(line, file=out)
        stats = [replace(s, **{key: getattr(s, key) + n for key, n in counts.get(s.source, Counter()).items()})
                 for s in stats]
        return finish_crawl(store, run_id, stats, stopped_by, out)


def publication_order(staged: list[Any]) -> list[Any]:
    """Staged (result, page) pairs oldest publication first (undated last), then by URL."""
    def key(pair: Any) -> tuple[int, str, str]:
        result, page = pair
        published = (result.article.published if result is not None else None) or page.published
        return (0, published, page.url) if published else (1, "", page.url)
    return sorted(staged, key=key)


def store_in_order(store: Store, config: Config, staged: list[Any], progress: Progress,
                   saved: list[int]) -> dict[str, Counter[str]]:
    """Store and remember each staged page in publication order; the counts per source.
    The ids of the articles stored are added to `saved`."""
    counts: dict[str, Counter[str]] = {}
    for result, page in publication_order(staged):
        counted = counts.setdefault(page.source, Counter())
        try:
            article_id, matched = _store_one(store, config, result, page, counted)
        except SQLAlchemyError as exc:  # our database: not remembered, the next backfill fetches it again
            counted["error_count"] += 1
            print(f"capexwatch: {page.final_url}: cannot store: {type(exc).__name__}", file=sys.stderr)
            continue
        if article_id is not None:
            saved.append(article_id)
        remember_fetch(store.engine, page.url, source=page.source, lastmod=page.lastmod, http_status=page.status,
                       article_id=article_id, matched=matched, fetched_at=page.fetched_at)
        progress.tick()
    progress.done()
    return counts


def _store_one(store: Store, config: Config, result: Any, page: Any, counted: Counter[str]) -> tuple[int | None, bool]:
    if result is None:
        return None, False
    if not result.keywords:
        counted["new_articles"] += 0 if page.revisit else 1
        return None, False
    saved = store.save_article(result, source=page.source, fetched_at=page.fetched_at, etag=page.etag,
                               last_modified=page.last_modified, fx_to_usd=config.fx_to_usd,
                               tolerance=config.confirm_tolerance, fx_tolerance=config.fx_tolerance)
    counted["matched"] += 1
    counted["new_articles"] += 1 if saved.created else 0
    for change in saved.changes:
        counted[FACT_COUNTERS[change.status]] += 1
    return saved.article_id, True


class Progress:
    """Storing progress: a bar with counts and ETA on a terminal, a line a minute otherwise."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total, self.stream, self.done_count = total, stream, 0
        self.started = self.last_line = time.monotonic()
        self.terminal = stream.isatty()

    def tick(self) -> None:
        self.done_count += 1
        now = time.monotonic()
        if self.terminal:
            self.stream.write(f"\r{self.line(now)}")
            self.stream.flush()
        elif now - self.last_line >= PROGRESS_EVERY:
            print(f"capexwatch: backfill {self.line(now)}", file=self.stream, flush=True)
            self.last_line = now

    def line(self, now: float) -> str:
        share = self.done_count / self.total if self.total else 1.0
        filled = int(30 * share)
        left = (now - self.started) / share * (1 - share) if share else 0.0
        return (f"[{'#' * filled}{'.' * (30 - filled)}] {self.done_count}/{self.total} articles stored, "
                f"ETA {int(left) // 60}:{int(left) % 60:02d}")

    def done(self) -> None:
        if self.terminal and self.total:
            self.stream.write("\n")
