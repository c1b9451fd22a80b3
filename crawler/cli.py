"""Command-line entry point: parses the subcommand and hands over to crawler.commands.<name>.

Each subcommand lives in its own module exposing `HELP`, `add_arguments(parser)` and
`run(args) -> int`; modules are imported lazily so that `extract` does not pay for
Scrapy or SQLAlchemy. See ../shared/CONTRACT.md for the interface the checks drive.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

from crawler.errors import ConfigError, StoreError

COMMANDS = ("extract", "replay", "facts", "crawl", "digest", "run", "status", "serve", "worker", "backfill")
HELP = {
    "extract": "print one JSON line of article text and money figures per file",
    "replay": "feed saved pages through the whole offline pipeline (store and diff)",
    "facts": "print, import or export the known facts",
    "crawl": "one crawl of every configured source",
    "digest": "send (or with --dry-run print) the pending changes as an email",
    "run": "one crawl then one digest, for cron",
    "status": "the last runs and each source's health",
    "serve": "the read-only web view for analysts (facts, companies, sources)",
    "backfill": "read each source's archives over a date window, stored in publication order",
    "worker": "a Celery worker running crawl tasks from [distributed].broker (crawl --distributed)",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="capexwatch", description="capexwatch: capex announcements in Korean news")
    parser.add_argument("--log-level", default="WARNING", help="DEBUG, INFO, WARNING (default), ERROR")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        sub.add_parser(name, help=HELP[name], add_help=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    known, _rest = parser.parse_known_args(argv)
    module = importlib.import_module(f"crawler.commands.{known.command}")
    command_parser = argparse.ArgumentParser(prog=f"capexwatch {known.command}", description=HELP[known.command])
    command_parser.add_argument("--log-level", default=known.log_level, help=argparse.SUPPRESS)
    module.add_arguments(command_parser)
    index = argv.index(known.command)
    args = command_parser.parse_args(argv[:index] + argv[index + 1:])
    logging.basicConfig(
        level=getattr(logging, str(args.log_level).upper(), logging.WARNING),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        return int(module.run(args) or 0)
    except (ConfigError, StoreError) as exc:
        print(f"capexwatch: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `capexwatch facts | head`: the reader left; not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
