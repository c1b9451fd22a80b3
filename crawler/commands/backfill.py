"""The `backfill` subcommand: a year of history from each source's archives (crawler/backfill.py).

    capexwatch backfill --config FILE --since YYYY-MM-DD [--until YYYY-MM-DD] [--source NAME...] [--db URL]
                        [--distributed]

Exit status as `crawl`: 0 when at least one source answered, 3 when every source failed,
2 for a bad configuration, database or date (--distributed on SQLite), 143 when stopped by
a signal. A worker's task (hidden --run-id and --summary-json: fetch and stage one source's
window) exits 75 when another process is fetching that source.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from crawler.commands.crawl import EXIT_BAD_SETUP, exit_status
from crawler.config import Config, ConfigError, load_config, with_database_url

if TYPE_CHECKING:
    from crawler.crawling import CrawlSummary


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", required=True, help="the TOML configuration file")
    parser.add_argument("--since", required=True, help="first publication date to read (YYYY-MM-DD)")
    parser.add_argument("--until", help="last publication date to read (YYYY-MM-DD; default today)")
    parser.add_argument("--source", action="append", metavar="NAME", help="backfill only this source (repeatable)")
    parser.add_argument("--db", metavar="URL", help="database URL instead of [database].url")
    parser.add_argument("--distributed", action="store_true",
                        help="enqueue one task per source and window ([distributed].backfill_window) for "
                             "`capexwatch worker` processes (PostgreSQL only), then store everything here")
    parser.add_argument("--run-id", type=int, help=argparse.SUPPRESS)  # a worker's task: stage into this run
    parser.add_argument("--summary-json", type=Path, help=argparse.SUPPRESS)  # ... and write its row here


def window(since: str, until: str | None) -> tuple[date, date]:
    """The [since, until] dates (ConfigError naming the option for a bad one)."""
    days = []
    for option, value in (("--since", since), ("--until", until or date.today().isoformat())):
        try:
            days.append(date.fromisoformat(value))
        except ValueError:
            raise ConfigError(f"{option}: not a date (YYYY-MM-DD): {value!r}") from None
    if days[0] > days[1]:
        raise ConfigError(f"--since {days[0]} is after --until {days[1]}")
    return days[0], days[1]


def run(args: argparse.Namespace) -> int:
    from crawler.store import StoreError
    from crawler.store.locks import LockHeld

    since, until = window(args.since, args.until)
    config = load_config(args.config)
    if args.db:
        config = with_database_url(config, args.db)
    try:
        summary = _backfill(args, config, since, until)
    except StoreError as exc:
        print(f"capexwatch: {exc}", file=sys.stderr)
        return EXIT_BAD_SETUP
    except LockHeld as exc:
        from crawler.backfill import EXIT_SOURCE_BUSY

        print(f"capexwatch: {exc}", file=sys.stderr)
        return EXIT_SOURCE_BUSY
    return exit_status(summary)


def _backfill(args: argparse.Namespace, config: Config, since: date, until: date) -> CrawlSummary:
    from crawler.backfill import backfill, stage_window

    if args.distributed:
        from crawler.workers.backfill import backfill_distributed

        return backfill_distributed(config, since, until, source_names=args.source)
    if args.run_id is not None:
        if not args.source or len(args.source) != 1 or args.summary_json is None:
            raise ConfigError("--run-id: a worker's task names one --source and a --summary-json")
        return stage_window(config, args.source[0], since, until, args.run_id, args.summary_json)
    return backfill(config, since, until, source_names=args.source)
