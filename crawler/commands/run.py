"""The `run` subcommand, for cron: one crawl, then one digest, each a timed subprocess.

The same subprocesses the daemon starts (crawler.daemon.runner), bounded by
`[schedule].crawl_timeout` / `digest_timeout` and recorded in `runs`. The digest runs
even when the crawl failed (it sends what is already stored). It takes the runner lock
of the database, so it refuses to run beside the daemon or beside another `run`.
Exit: 0 both fine; else the crawl's non-zero exit (3 every source failed, ...), else the
digest's; 3 also when the database is busy with another runner; 2 bad configuration.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from crawler.commands.settings import add_config_and_db, configured
from crawler.daemon.runner import JobResult, cli_command, run_job
from crawler.daemon.service import setup_logging
from crawler.store import open_store
from crawler.store.locks import LockHeld, RunnerLock

log = logging.getLogger("capexwatch.run")
EXIT_LOCK_HELD = 3
EXIT_TIMEOUT = 124  # as timeout(1): the step was killed


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_config_and_db(parser, config_required=True)


def run(args: argparse.Namespace) -> int:
    config = configured(args)
    config_file = str(Path(args.config).resolve())
    db = ["--db", config.database_url] if args.db else []  # each step opens the same database
    lock = RunnerLock(config.database_url, "run")
    try:
        lock.acquire()
    except LockHeld as exc:
        print(f"capexwatch: not running: {exc}", file=sys.stderr)
        return EXIT_LOCK_HELD
    setup_logging(None, _level(args.log_level))  # the daemon's one line format: each step's start, output, outcome
    store = open_store(config.database_url, setting=config.database_setting)
    try:
        schedule = config.schedule
        crawl = run_job("crawl", [*cli_command("crawl", config_file), *db], engine=store.engine,
                        timeout=schedule.crawl_timeout)
        digest = run_job("digest", [*cli_command("digest", config_file), *db], engine=store.engine,
                         timeout=schedule.digest_timeout)
    finally:
        store.close()
        lock.release()
    return _exit_code(crawl) or _exit_code(digest)


def _level(name: str) -> int:
    """The --log-level, but at least INFO: `run` reports each step's start and outcome."""
    return min(getattr(logging, str(name).upper(), logging.WARNING), logging.INFO)


def _exit_code(result: JobResult) -> int:
    if result.outcome in ("timeout", "killed"):
        return EXIT_TIMEOUT
    if result.exit_code:
        return result.exit_code
    return 1 if result.outcome == "failed" else 0
