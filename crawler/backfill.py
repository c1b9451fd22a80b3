"""Backfill: each source's archives over a date window, stored in publication order.

`backfill(config, since, until)` records a run of kind "backfill" and runs every source's
spider over its archives (`archive_sitemaps` templates, `sitemaps`, and `list_pages` followed
page by page back to `since`: spiders/archive_reading.py): entries published in the window,
not fetched or staged before, with no per-run limit. Each page is analysed as it arrives and staged in the database
(crawler/store/staging.py), not kept in memory. Only then are the staged pages stored
(`store_staged`), oldest publication first whatever order they were fetched in, so each
fact's history reads as it happened; a page whose own date falls outside the window stays
staged and is not stored. The changes they make are the baseline (crawler/store/baseline.py):
the next digest says "baseline: N facts from M articles (since .. until)" instead of
announcing them one by one.

Killed while fetching, a backfill run again fetches only what it had not staged; killed
while storing, it goes on with the pages not stored yet (each page is stored, marked and
remembered together); nothing is stored twice. Stopped by a signal, it stores nothing and
leaves what it staged to the next backfill. `stage_window` is a worker's task of
`backfill --distributed` (crawler/workers/backfill.py): one source and window fetched and
staged into the shared store, which the dispatcher then stores with `store_staged`.
Progress (storing; the windows done, distributed) is a bar with counts and ETA on a
terminal (stderr), a line a minute otherwise.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TextIO

from sqlalchemy.exc import SQLAlchemyError

from crawler.config import Config
from crawler.crawling import CrawlSummary, finish_crawl, run_spiders, sources_and_store, stats_to_json
from crawler.store import Store
from crawler.store.baseline import record_baseline
from crawler.store.crawlstate import SourceRunStats
from crawler.store.locks import RunnerLock
from crawler.store.runs import start_run
from crawler.store.staging import (
    BATCH,
    StagedPage,
    clear_stored,
    count_to_store,
    mark_stored,
    pages_to_store,
    stored_article_ids,
)

EXIT_SOURCE_BUSY = 75  # EX_TEMPFAIL: another process is fetching this source's archives; try later
PROGRESS_EVERY = 60.0  # seconds between progress lines when stderr is not a terminal
FACT_COUNTERS = {"new": "new_facts", "confirmed": "confirmed_facts", "revised": "revised_facts",
                 "conflict": "conflicting_facts"}


def backfill(config: Config, since: date, until: date, *, source_names: list[str] | None = None,
             out: TextIO = sys.stdout, progress: TextIO = sys.stderr) -> CrawlSummary:
    """Read the sources' archives of [since, until], stage them, and store them in publication order."""
    with sources_and_store(config, source_names, out, "backfill") as opened:
        if opened is None:
            return CrawlSummary(None, "nothing")
        sources, store = opened
        run_id = start_run(store.engine, "backfill")
        stats, stopped_by = run_spiders(config, sources, store, run_id, backfill=(since, until))
        return store_staged(store, config, run_id, stats, stopped_by, (since, until), out=out, progress=progress)


def stage_window(config: Config, source_name: str, since: date, until: date, run_id: int,
                 summary_json: Path, out: TextIO = sys.stdout) -> CrawlSummary:
    """A worker's task (crawler/workers/tasks.py): fetch and stage one source's archives of
    [since, until] into run `run_id` and write the source's row to `summary_json`; the
    dispatcher records the rows and stores the pages. Only one window of a source is fetched
    at a time, so its outlet's politeness stays in one process: LockHeld while another holds it."""
    lock = RunnerLock(config.database_url, f"backfill of {source_name}", name=f"backfill-source:{source_name}")
    lock.acquire()
    try:
        with sources_and_store(config, [source_name], out, "backfill") as opened:
            if opened is None:
                return CrawlSummary(None, "nothing")
            sources, store = opened
            stats, stopped_by = run_spiders(config, sources, store, run_id, backfill=(since, until), record=False)
    finally:
        lock.release()
    if not stopped_by:
        summary_json.write_text(json.dumps(stats_to_json(stats[0])), encoding="utf-8")
    return CrawlSummary(run_id, "killed" if stopped_by else "task", tuple(stats))


def store_staged(store: Store, config: Config, run_id: int, stats: list[SourceRunStats], stopped_by: str | None,
                 window: tuple[date, date], *, out: TextIO, progress: TextIO) -> CrawlSummary:
    """The storing phase: the sources' staged pages of `window` stored in publication order, the
    baseline recorded, the stored rows cleared; then the run finished and its summary printed."""
    names = [s.source for s in stats]
    if stopped_by:  # what was staged waits for the next backfill
        return finish_crawl(store, run_id, stats, stopped_by, out)
    total = count_to_store(store.engine, names, *window)
    counts = store_in_order(store, config, pages_to_store(store.engine, names, *window), Progress(total, progress))
    line = record_baseline(store.engine, stored_article_ids(store.engine, names), *window)
    clear_stored(store.engine, names)
    if line:
        print(line, file=out)
    stats = [replace(s, **{key: getattr(s, key) + n for key, n in counts.get(s.source, Counter()).items()})
             for s in stats]
    return finish_crawl(store, run_id, stats, stopped_by, out)


def store_in_order(store: Store, config: Config, staged: Iterable[StagedPage],
                   progress: Progress) -> dict[str, Counter[str]]:
    """Store each staged page in the order given, marked stored and remembered in the same
    transaction; the counts per source. Pages without an article to save (no keyword,
    unreadable) change no fact, so they are marked a batch at a time. A page our database
    could not store stays staged: the next backfill stores it."""
    counts: dict[str, Counter[str]] = {}
    idle: list[StagedPage] = []
    for page in staged:
        if page.result is None:
            idle.append(page)
            if len(idle) >= BATCH:
                _mark_idle(store, idle, counts, progress)
            continue
        counted = counts.setdefault(page.source, Counter())
        try:
            saved = store.save_article(page.result, source=page.source, fetched_at=page.fetched_at, etag=page.etag,
                                       last_modified=page.last_modified, fx_to_usd=config.fx_to_usd,
                                       tolerance=config.confirm_tolerance, fx_tolerance=config.fx_tolerance)
            mark_stored(store.engine, [(page, saved.article_id)])
        except SQLAlchemyError as exc:
            counted["error_count"] += 1
            print(f"capexwatch: {page.final_url}: cannot store: {type(exc).__name__}", file=sys.stderr)
            continue
        counted.update(matched=1, new_articles=int(saved.created))
        counted.update(FACT_COUNTERS[change.status] for change in saved.changes)
        progress.tick()
    _mark_idle(store, idle, counts, progress)
    progress.done()
    return counts


def _mark_idle(store: Store, pages: list[StagedPage], counts: dict[str, Counter[str]], progress: Progress) -> None:
    """Mark `pages` (none with an article to save) stored and remembered, in one transaction; empty `pages`."""
    if not pages:
        return
    try:
        mark_stored(store.engine, [(page, None) for page in pages])
    except SQLAlchemyError as exc:
        for page in pages:
            counts.setdefault(page.source, Counter())["error_count"] += 1
        print(f"capexwatch: {pages[0].final_url} and {len(pages) - 1} more pages without a keyword: cannot "
              f"remember them: {type(exc).__name__}", file=sys.stderr)
    else:
        for page in pages:  # an unreadable page, or one fetched before, is no new article
            new = page.outcome == "unmatched" and not page.revisit
            counts.setdefault(page.source, Counter())["new_articles"] += int(new)
            progress.tick()
    pages.clear()


class Progress:
    """Progress (of storing, by default): a bar with counts and ETA on a terminal, a line a minute otherwise."""

    def __init__(self, total: int, stream: TextIO, what: str = "articles stored") -> None:
        self.total, self.stream, self.what, self.done_count = total, stream, what, 0
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
        return (f"[{'#' * filled}{'.' * (30 - filled)}] {self.done_count}/{self.total} {self.what}, "
                f"ETA {int(left) // 60}:{int(left) % 60:02d}")

    def done(self) -> None:
        if self.terminal and self.total:
            self.stream.write("\n")
