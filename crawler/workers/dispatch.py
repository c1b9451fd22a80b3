"""`crawl --distributed`: one task per source on the broker, the run recorded here, one summary.

The dispatcher refuses SQLite (workers in other processes cannot share its file), records
the crawl run, sends `capexwatch.crawl_source(source, run_id)` per source, waits for every
result, and finishes the run and prints the summary exactly as a one-process crawl does
(crawler.crawling). A task that failed (its crawl process died, the worker raised) is its
source's failure, with the reason; a task re-delivered after its worker died is simply
waited for.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TextIO

from celery.result import AsyncResult
from sqlalchemy.engine import make_url

from crawler.config import Config, ConfigError
from crawler.crawling import CrawlSummary, finish_crawl, sources_and_store, stats_from_json
from crawler.store.crawlstate import SourceRunStats
from crawler.store.runs import start_run
from crawler.workers.app import CRAWL_TASK, configure, visibility_timeout

POLL = 0.5  # seconds between looks at the results


def require_shared_store(config: Config, what: str) -> None:
    """ConfigError (one line) unless the database is one that workers elsewhere can share."""
    if make_url(config.database_url).get_backend_name() == "sqlite":
        raise ConfigError(f"{config.path}: {what} needs PostgreSQL: {config.database_setting} is SQLite "
                          f"({config.database_url}), which workers in other processes cannot share")


def crawl_distributed(config: Config, *, source_names: Sequence[str] | None = None,
                      out: TextIO = sys.stdout) -> CrawlSummary:
    """Enqueue one crawl task per source and wait for all; the same summary as `crawl`."""
    require_shared_store(config, "crawl --distributed")
    app = configure(config)
    with sources_and_store(config, source_names, out, "crawl") as opened:
        if opened is None:
            return CrawlSummary(None, "nothing")
        sources, store = opened
        run_id = start_run(store.engine, "crawl")
        pending = [(s.name, app.send_task(CRAWL_TASK, args=[s.name, run_id])) for s in sources]
        stats, _ = collect(pending, deadline(config, len(pending)))
        return finish_crawl(store, run_id, stats, None, out)


def deadline(config: Config, tasks: int) -> float:
    """When to stop waiting for `tasks` tasks (time.monotonic()): each run at full length one after
    another, plus one re-delivery of a task whose worker died (after the visibility timeout)."""
    return time.monotonic() + (tasks + 1) * visibility_timeout(config)


def collect(pending: Sequence[tuple[str, AsyncResult]], until: float,
            tick: Callable[[], None] = lambda: None) -> tuple[list[SourceRunStats], int]:
    """Each task's source row, in the order of `pending` (source name, result), as the tasks
    finish (`tick` each time), and how many tasks failed or did not finish before `until`
    (each its source's failure)."""
    found: dict[int, SourceRunStats] = {}
    failed = 0
    while len(found) < len(pending) and time.monotonic() < until:
        for index, (name, result) in enumerate(pending):
            if index not in found and result.ready():
                found[index] = stats_from_json(result.get(propagate=False)) if result.successful() else (
                    _failed(name, f"the worker's task failed: {result.result}"))
                failed += 0 if result.successful() else 1
                tick()
        if len(found) < len(pending):
            time.sleep(POLL)
    rows = [found.get(index) or _failed(name, "no worker finished its task in time (is a worker running?)")
            for index, (name, _) in enumerate(pending)]
    return rows, failed + len(pending) - len(found)


def _failed(name: str, reason: str) -> SourceRunStats:
    return SourceRunStats(name, datetime.now(UTC), errors=(reason,), error_count=1, ok=False)
