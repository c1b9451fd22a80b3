"""One crawl: every enabled source in one Scrapy CrawlerProcess, recorded as a run.

`crawl(config)` opens the store, records a crawl run, runs one spider per source (all in
one process: Twisted's reactor cannot restart, so the daemon starts crawls as
subprocesses of the CLI), stores each source's summary, records the run's outcome
(ok: every source answered; partial: some; failed: none) and prints a table.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TextIO

from crawler.config import Config, ConfigError, Source
from crawler.store import Store, open_store
from crawler.store.crawlstate import SourceRunStats
from crawler.store.runs import finish_run, start_run

# (header, SourceRunStats field): discovery pages, 304s, article pages fetched, new articles, matched
# a keyword, fact changes by status, errors, articles left for the next run
COLUMNS = (("source", "source"), ("feeds", "feeds_checked"), ("304", "not_modified"), ("fetched", "fetched"),
           ("new", "new_articles"), ("matched", "matched"), ("facts:new", "new_facts"),
           ("confirmed", "confirmed_facts"), ("revised", "revised_facts"), ("conflicts", "conflicting_facts"),
           ("errors", "error_count"), ("left", "left"))
STOP_GRACE = 3.0  # seconds in-flight downloads get after SIGTERM/SIGINT before the crawl stops anyway


@dataclass(frozen=True)
class CrawlSummary:
    run_id: int | None
    outcome: str  # ok, partial, failed, nothing
    sources: tuple[SourceRunStats, ...] = field(default_factory=tuple)

    @property
    def any_ok(self) -> bool:
        return any(s.ok for s in self.sources)

    def totals(self) -> dict[str, int]:
        totals = {key: sum(getattr(s, key) for s in self.sources) for _, key in COLUMNS[1:]}
        totals["sources_ok"] = sum(1 for s in self.sources if s.ok)
        totals["sources_failed"] = sum(1 for s in self.sources if not s.ok)
        return totals


def select_sources(config: Config, names: Sequence[str] | None) -> list[Source]:
    """The enabled sources, or the ones named (ConfigError for an unknown name)."""
    if not names:
        return [s for s in config.sources if s.enabled]
    known = {s.name: s for s in config.sources}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ConfigError(f"{config.path}: no [[sources]] named {', '.join(unknown)} (known: {', '.join(known)})")
    return [known[n] for n in names]


def crawl(config: Config, *, source_names: Sequence[str] | None = None, out: TextIO = sys.stdout,
          run_id: int | None = None, summary_json: Path | None = None) -> CrawlSummary:
    """Crawl the sources once; returns what each did. Raises StoreError if the DB is unusable.

    With `run_id` (a worker's task: crawler/workers) the sources are recorded in that run,
    which its dispatcher finishes, and the first source's row is written to `summary_json`."""
    with sources_and_store(config, source_names, out, "crawl") as opened:
        if opened is None:
            return CrawlSummary(None, "nothing")
        sources, store = opened
        if run_id is not None:
            stats, stopped_by = run_spiders(config, sources, store, run_id)
            if summary_json is not None and not stopped_by:
                summary_json.write_text(json.dumps(stats_to_json(stats[0])), encoding="utf-8")
            summary = CrawlSummary(run_id, "killed" if stopped_by else "task", tuple(stats))
            print_summary(summary, out)
            return summary
        run_id = start_run(store.engine, "crawl")
        stats, stopped_by = run_spiders(config, sources, store, run_id)
        return finish_crawl(store, run_id, stats, stopped_by, out)


@contextmanager
def sources_and_store(config: Config, source_names: Sequence[str] | None, out: TextIO,
                      verb: str) -> Iterator[tuple[list[Source], Store] | None]:
    """The enabled sources asked for and the opened store (closed afterwards); None, saying so on
    `out`, when no source is enabled. Shared by crawl, crawl --distributed and backfill."""
    sources = select_sources(config, source_names)
    store = open_store(config.database_url, setting=config.database_setting)
    try:
        if not sources:
            print(f"capexwatch: no enabled sources to {verb}", file=out)
            yield None
        else:
            yield sources, store
    finally:
        store.close()


def finish_crawl(store: Store, run_id: int, stats: list[SourceRunStats], stopped_by: str | None,
                 out: TextIO) -> CrawlSummary:
    """Record the run's outcome (ok, partial, failed, killed) and totals, and print the summary."""
    ok = sum(1 for s in stats if s.ok)
    outcome = "ok" if ok == len(stats) else "partial" if ok else "failed"
    if stopped_by:
        outcome = "killed"
    summary = CrawlSummary(run_id, outcome, tuple(stats))
    errors = [f"{s.source}: {s.errors[0]}" for s in stats if s.errors]
    if stopped_by:
        errors.insert(0, f"stopped by {stopped_by} before every source finished")
    finish_run(store.engine, run_id, outcome, summary.totals(), errors)
    print_summary(summary, out)
    return summary


def stats_to_json(stats: SourceRunStats) -> dict[str, Any]:
    """A source's summary row as JSON (a worker's task result)."""
    values = asdict(stats)
    for key in ("started_at", "newest_item_at"):
        values[key] = values[key].isoformat() if values[key] is not None else None
    values["errors"] = list(stats.errors)
    return values


def stats_from_json(values: dict[str, Any]) -> SourceRunStats:
    moments = {key: datetime.fromisoformat(values[key]) if values.get(key) else None
               for key in ("started_at", "newest_item_at")}
    return SourceRunStats(**{**values, **moments, "errors": tuple(values.get("errors", ()))})


def run_spiders(config: Config, sources: list[Source], store: Store, run_id: int, *,
                backfill: tuple[date, date] | None = None,
                record: bool = True) -> tuple[list[SourceRunStats], str | None]:
    """Run every source's spider in one process; returns their stats and the signal that stopped it, if any.

    With `backfill` (since, until) the spiders read their archives of that window and stage
    what they fetched (crawler/store/staging.py). Not `record`: the sources' rows are not
    written to `source_runs` (a backfill task's dispatcher records one row per source)."""
    from scrapy.settings import Settings

    from spiders.loader import spider_class

    settings = Settings()
    settings.setmodule("spiders.settings", priority="project")
    settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")  # cli.py's logging shows what is asked
    _quiet_scrapy_logging()
    process = _process_class()(settings)
    crawlers = []
    for source in sources:
        crawler = process.create_crawler(spider_class(source, config, backfill))
        process.crawl(crawler, store=store, run_id=run_id, record=record)
        crawlers.append((source, crawler))
    _quiet_scrapy_logging()
    process.start()
    results = []
    for source, crawler in crawlers:
        spider = crawler.spider
        stats = getattr(spider, "run_stats", None) if spider is not None else None
        if stats is None:
            stats = SourceRunStats(source.name, datetime.now(UTC), errors=("the spider did not run",),
                                   error_count=1, ok=False)
        results.append(stats)
    return results, process.stopped_by


def _process_class() -> type:
    """A CrawlerProcess whose shutdown on SIGTERM/SIGINT is bounded.

    Scrapy's graceful stop waits for every download in flight (a slow page: its whole
    timeout); a crawl told to stop by the daemon, by systemd or by the daemon's death
    must stop promptly and still record its run, so the reactor stops STOP_GRACE
    seconds after the signal whatever is still downloading.
    """
    from scrapy.crawler import CrawlerProcess

    class BoundedShutdownProcess(CrawlerProcess):
        stopped_by: str | None = None

        def _signal_shutdown(self, signum: int, frame: object) -> None:
            import signal

            from twisted.internet import reactor  # the one Scrapy installed

            self.stopped_by = signal.Signals(signum).name
            super()._signal_shutdown(signum, frame)
            reactor.callFromThread(reactor.callLater, STOP_GRACE, self._stop_reactor)

    return BoundedShutdownProcess


def _quiet_scrapy_logging() -> None:
    """Scrapy sets its loggers to DEBUG: bring them to the level the command line asked for."""
    level = logging.getLogger().getEffectiveLevel()
    for handler in logging.getLogger().handlers:  # cli.py's handler: filter whatever Scrapy's loggers say
        handler.setLevel(max(level, handler.level))
    for name in ("scrapy", "twisted", "py.warnings"):
        logger = logging.getLogger(name)
        logger.setLevel(max(level, logger.level))
    if level > logging.DEBUG:  # robots.txt download errors come with a traceback; the page's own error says it
        logging.getLogger("scrapy.downloadermiddlewares.robotstxt").setLevel(logging.CRITICAL)


def source_notes(stats: SourceRunStats) -> list[str]:
    """The lines under a source's summary row: what waits for the next run, the Crawl-delay kept."""
    notes = []
    if stats.left or stats.sitemaps_left:
        sitemaps = f" ({stats.sitemaps_left} child sitemaps not read yet)" if stats.sitemaps_left else ""
        notes.append(f"{stats.left} left for the next run{sitemaps}")
    if stats.crawl_delay:
        asked = stats.crawl_delay_asked
        capped = f" (robots.txt asks {asked:g}s, capped)" if asked > stats.crawl_delay else ""
        notes.append(f"robots.txt Crawl-delay {stats.crawl_delay:g}s honoured{capped}")
    return notes


def print_summary(summary: CrawlSummary, out: TextIO) -> None:
    rows = [tuple(header for header, _ in COLUMNS)] + [
        tuple(str(getattr(s, key)) for _, key in COLUMNS) for s in summary.sources
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    for row in rows:
        cells = (c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))
        print("  ".join(cells), file=out)
    for s in summary.sources:
        for note in source_notes(s):
            print(f"  {s.source}: {note}", file=out)
        for message in s.errors[:3]:
            print(f"  {s.source}: {message}", file=out)
        if len(s.errors) > 3:
            print(f"  {s.source}: ... {s.error_count - 3} more errors", file=out)
    ok = sum(1 for s in summary.sources if s.ok)
    print(f"crawl {summary.outcome}: {ok} of {len(summary.sources)} sources answered", file=out)
    if summary.outcome == "killed":
        print("capexwatch: the crawl was stopped by a signal; what was stored is kept", file=out)
