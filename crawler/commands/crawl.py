"""The `crawl` subcommand: one crawl of every configured source (or the ones named).

Exit status: 0 when at least one source answered (or none is enabled); 3 when every
source failed (no network, every feed gone); 2 for a bad configuration or database.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from crawler.config import load_config, with_database_url

if TYPE_CHECKING:
    from crawler.crawling import CrawlSummary

EXIT_ALL_FAILED = 3
EXIT_STOPPED = 143  # stopped by SIGTERM/SIGINT (128 + 15), like a shell reports it
EXIT_BAD_SETUP = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", required=True, help="the TOML configuration file")
    parser.add_argument("--source", action="append", metavar="NAME", help="crawl only this source (repeatable)")
    parser.add_argument("--db", metavar="URL", help="database URL instead of [database].url")
    parser.add_argument("--distributed", action="store_true",
                        help="enqueue one task per source for `capexwatch worker` processes ([distributed].broker; "
                             "PostgreSQL only) and print the summary when all are done")
    parser.add_argument("--run-id", type=int, help=argparse.SUPPRESS)  # a worker's task: record into this run
    parser.add_argument("--summary-json", type=Path, help=argparse.SUPPRESS)  # ... and write its row here


def run(args: argparse.Namespace) -> int:
    from crawler.crawling import crawl
    from crawler.store import StoreError

    config = load_config(args.config)
    if args.db:
        config = with_database_url(config, args.db)
    try:
        if args.distributed:
            from crawler.workers.dispatch import crawl_distributed

            summary = crawl_distributed(config, source_names=args.source)
        else:
            summary = crawl(config, source_names=args.source, run_id=args.run_id, summary_json=args.summary_json)
    except StoreError as exc:
        print(f"capexwatch: {exc}", file=sys.stderr)
        return EXIT_BAD_SETUP
    return exit_status(summary)


def exit_status(summary: CrawlSummary) -> int:
    """0 when a source answered (or there was nothing to do), 143 when stopped, 3 when every source failed."""
    if summary.outcome == "killed":
        return EXIT_STOPPED
    if summary.outcome == "nothing" or summary.any_ok:
        return 0
    print("capexwatch: every source failed (see the errors above)", file=sys.stderr)
    return EXIT_ALL_FAILED
