"""`backfill --distributed`: one task per source and date window, the storing done here.

The dispatcher refuses SQLite, records a backfill run, cuts [since, until] into calendar
windows (`[distributed].backfill_window`: day, week or month) and sends one
`capexwatch.backfill_window(source, since, until, run_id)` per source and window, the
windows of one source spread among the others' (crawler/workers/tasks.py: a worker fetches
and stages the window into the shared PostgreSQL store; one window of a source at a time).
When every task is done it records each source's row (its windows' rows merged), stores
every staged page of the window in publication order and prints the same per-source
summary as `backfill` (crawler/backfill.py store_staged). If a task failed or never
finished, it stores nothing (the missing window's facts would come after later ones) and
says so: run again, the backfill fetches only what is missing.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import fields
from datetime import UTC, date, datetime, timedelta
from typing import Any, TextIO

from crawler.backfill import Progress, store_staged
from crawler.config import Config
from crawler.crawling import CrawlSummary, finish_crawl, sources_and_store
from crawler.store.crawlstate import SourceRunStats, record_source_run
from crawler.store.runs import start_run
from crawler.workers.app import BACKFILL_TASK, configure
from crawler.workers.dispatch import collect, deadline, require_shared_store

MAX_ERRORS_KEPT = 50  # as a spider keeps


def backfill_distributed(config: Config, since: date, until: date, *, source_names: Sequence[str] | None = None,
                         out: TextIO = sys.stdout, progress: TextIO = sys.stderr) -> CrawlSummary:
    """Enqueue one backfill task per source and window, wait for all, then store in publication order."""
    require_shared_store(config, "backfill --distributed")
    app = configure(config)
    with sources_and_store(config, source_names, out, "backfill") as opened:
        if opened is None:
            return CrawlSummary(None, "nothing")
        sources, store = opened
        run_id = start_run(store.engine, "backfill")
        pending = [(source.name, app.send_task(BACKFILL_TASK, args=[source.name, start.isoformat(),
                                                                    end.isoformat(), run_id]))
                   for start, end in windows(since, until, config.distributed.backfill_window)
                   for source in sources]
        fetched = Progress(len(pending), progress, "windows fetched")
        rows, unfinished = collect(pending, deadline(config, len(pending)), fetched.tick)
        fetched.done()
        stats = [merge_stats(source.name, [row for row in rows if row.source == source.name]) for source in sources]
        for row in stats:
            record_source_run(store.engine, run_id, row)
        if unfinished:  # storing now would put the missing windows' facts after later ones
            print(f"capexwatch: {unfinished} of {len(pending)} windows did not finish, so nothing is stored; run "
                  "the same backfill again (it fetches only what is missing)", file=out)
            return finish_crawl(store, run_id, stats, None, out)
        return store_staged(store, config, run_id, stats, None, (since, until), out=out, progress=progress)


def windows(since: date, until: date, unit: str) -> list[tuple[date, date]]:
    """[since, until] cut at calendar days, weeks (Monday to Sunday) or months, oldest first."""
    parts = []
    start = since
    while start <= until:
        end = min(_period_end(start, unit), until)
        parts.append((start, end))
        start = end + timedelta(days=1)
    return parts


def _period_end(day: date, unit: str) -> date:
    if unit == "day":
        return day
    if unit == "week":
        return day + timedelta(days=6 - day.weekday())
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def merge_stats(name: str, rows: list[SourceRunStats]) -> SourceRunStats:
    """One source's row from its windows' rows: counts added, the first errors kept, answered
    when any window answered, the earliest start, the newest item and the largest delays."""
    if not rows:
        return SourceRunStats(name, datetime.now(UTC), errors=("no window was fetched",), error_count=1, ok=False)
    return SourceRunStats(**{field.name: _merge(field.name, [getattr(row, field.name) for row in rows])
                             for field in fields(SourceRunStats)})


def _merge(key: str, values: list[Any]) -> Any:
    present = [value for value in values if value is not None]
    if key == "source":
        return values[0]
    if key == "started_at":
        return min(present)
    if key == "newest_item_at":
        return max(present, default=None)
    if key == "errors":
        return tuple(error for errors in values for error in errors)[:MAX_ERRORS_KEPT]
    if key == "ok":
        return any(values)
    if key.startswith("crawl_delay"):
        return max(values)
    return sum(values)
