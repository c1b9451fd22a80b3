"""The `backfill` subcommand: a year of history from each source's archives (crawler/backfill.py).

    capexwatch backfill --config FILE --since YYYY-MM-DD [--until YYYY-MM-DD] [--source NAME...] [--db URL]

Exit status as `crawl`: 0 when at least one source answered, 3 when every source failed,
2 for a bad configuration, database or date, 143 when stopped by a signal.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from crawler.commands.crawl import EXIT_BAD_SETUP, exit_status
from crawler.config import ConfigError, load_config, with_database_url


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", required=True, help="the TOML configuration file")
    parser.add_argument("--since", required=True, help="first publication date to read (YYYY-MM-DD)")
    parser.add_argument("--until", help="last publication date to read (YYYY-MM-DD; default today)")
    parser.add_argument("--source", action="append", metavar="NAME", help="backfill only this source (repeatable)")
    parser.add_argument("--db", metavar="URL", help="database URL instead of [database].url")


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
    from crawler.backfill import backfill
    from crawler.store import StoreError

    since, until = window(args.since, args.until)
    config = load_config(args.config)
    if args.db:
        config = with_database_url(config, args.db)
    try:
        summary = backfill(config, since, until, source_names=args.source)
    except StoreError as exc:
        print(f"capexwatch: {exc}", file=sys.stderr)
        return EXIT_BAD_SETUP
    return exit_status(summary)
