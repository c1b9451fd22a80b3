"""The `worker` subcommand: a Celery worker running crawl and backfill tasks (crawler/workers/).

    capexwatch worker --config FILE [--db URL] [--concurrency N]

Takes tasks from `[distributed].broker` (Redis), N at a time (default 1: a worker per
core is the usual layout), each crawl in a child process of its own. Refuses SQLite and
a missing broker with one line and exit 2. SIGTERM: Celery's warm shutdown (the running
crawl finishes); SIGKILL: its task goes back to the queue after the visibility timeout.
"""

from __future__ import annotations

import argparse
import os

from crawler.config import load_config, with_database_url


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", required=True, help="the TOML configuration file")
    parser.add_argument("--db", metavar="URL", help="database URL instead of [database].url")
    parser.add_argument("--concurrency", type=int, default=1, help="crawl tasks at once (default 1)")


def run(args: argparse.Namespace) -> int:
    from crawler.store import open_store
    from crawler.workers import tasks
    from crawler.workers.app import configure
    from crawler.workers.dispatch import require_shared_store

    config = load_config(args.config)
    if args.db:
        config = with_database_url(config, args.db)
    require_shared_store(config, "capexwatch worker")
    open_store(config.database_url, setting=config.database_setting).close()  # reachable, migrated: fail now
    app = configure(config)
    tasks.serve(args.config, args.db, config.crawl.max_seconds)
    level = str(args.log_level).upper()
    app.worker_main(["worker", "--pool", "threads", "--concurrency", str(max(args.concurrency, 1)),
                     "--loglevel", level if level in ("DEBUG", "INFO", "WARNING", "ERROR") else "WARNING",
                     "--without-gossip", "--without-mingle", "--without-heartbeat",
                     "--hostname", f"capexwatch-{os.getpid()}@%h"])
    return 0
