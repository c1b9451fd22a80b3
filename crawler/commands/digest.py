"""The `digest` subcommand: send what changed since the last delivered digest, exactly once.

`python -m crawler digest --config FILE [--dry-run] [--db URL]`. Exit 0 when a digest was
sent or there was nothing to send; 1 when delivery failed (one line naming the server and
its reply; every change stays pending); 2 for a bad configuration or database URL; 75
(EX_TEMPFAIL) when another digest was being sent on the same database and did not finish
within a few seconds: this run changed nothing and the other one delivers what is pending.
A sending digest holds the database's digest lock (crawler.store.locks) from reconciling
to marking, so two digests never send the same message at once; --dry-run takes no lock.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from crawler.commands.settings import add_config_and_db, configured, open_configured_store
from crawler.config import Config, ConfigError
from crawler.store import StoreError
from crawler.store.locks import DIGEST_LOCK, EXIT_DIGEST_BUSY, LockHeld, RunnerLock

LOCK_WAIT = 5.0  # seconds a digest waits for another one to finish sending
BUSY = "another digest is being sent; nothing done"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_config_and_db(parser, config_required=True)
    parser.add_argument("--dry-run", action="store_true", help="print the plain-text digest; send and mark nothing")


def run(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    config = configured(args)
    if not args.dry_run and not config.digest.to:
        raise ConfigError(f"{config.path or 'config'}: [digest].to must list at least one recipient")
    config, store = open_configured_store(args, create=False)  # a digest of a database never filled: a mistake
    if store is None:
        return 2
    try:
        return _dry_run(store.engine, config) if args.dry_run else _send_alone(store.engine, config)
    except SQLAlchemyError as exc:  # the database went away or stayed locked
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        print(f"capexwatch: {config.database_setting}: database error during digest: {reason}", file=sys.stderr)
        return 2
    finally:
        store.close()


def _dry_run(engine: Engine, config: Config) -> int:
    from crawler.digest.deliver import NOTHING, build_pending_digest
    from crawler.store.deliveries import prepared_deliveries

    now = datetime.now(UTC)
    digest = build_pending_digest(engine, settings=config.digest, fx_to_usd=config.fx_to_usd,
                                  today=_today(config, now), health=_unhealthy_sources(engine, config, now))
    print(digest.text if digest.counts.get("shown") or digest.counts.get("baselines") else NOTHING)
    waiting = prepared_deliveries(engine)
    if waiting:
        print(f"capexwatch: {len(waiting)} earlier digest(s) not confirmed sent; the next run re-sends them "
              f"unchanged first: {', '.join(p.message_id for p in waiting)}", file=sys.stderr)
    return 0


def _send_alone(engine: Engine, config: Config) -> int:
    """Send under the digest lock; EXIT_DIGEST_BUSY (changing nothing) if another digest holds it."""
    lock = None if _in_memory(config.database_url) else RunnerLock(config.database_url, "digest", name=DIGEST_LOCK)
    try:
        if lock is not None:
            lock.acquire(wait=LOCK_WAIT)
    except LockHeld as exc:
        print(f"capexwatch: {BUSY} ({exc})", file=sys.stderr)
        return EXIT_DIGEST_BUSY
    except StoreError as exc:
        print(f"capexwatch: {exc}", file=sys.stderr)
        return 2
    try:
        return _send(engine, config)
    finally:
        if lock is not None:
            lock.release()


def _in_memory(database_url: str) -> bool:
    """An in-memory SQLite database: no other process can see it, so no lock is needed."""
    from sqlalchemy.engine import make_url

    url = make_url(database_url)
    return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")


def _send(engine: Engine, config: Config) -> int:
    from crawler.digest.deliver import DigestFailed, send_digest
    from crawler.store.runs import finish_run, start_run

    now = datetime.now(UTC)
    run_id = start_run(engine, "digest", started_at=now)
    try:
        outcome = send_digest(engine, _transport(config), settings=config.digest, fx_to_usd=config.fx_to_usd,
                              now=now, today=_today(config, now), health=_unhealthy_sources(engine, config, now))
    except DigestFailed as exc:
        finish_run(engine, run_id, "failed", {}, [str(exc)])
        print(f"capexwatch: {exc}", file=sys.stderr)
        return 1
    finish_run(engine, run_id, "ok" if outcome.status == "sent" else "nothing",
               {"changes": outcome.changes, "reconciled": outcome.reconciled, **(outcome.counts or {})})
    print(outcome.summary)
    return 0


def _today(config: Config, now: datetime) -> date:
    """The digest's date: the day in the schedule's timezone (Asia/Seoul by default)."""
    return now.astimezone(ZoneInfo(config.schedule.timezone)).date()


def _transport(config: Config) -> Any:
    from crawler.digest.send import OutboxTransport, SmtpTransport

    return SmtpTransport(config.smtp) if config.smtp else OutboxTransport(config.digest.outbox)


def _unhealthy_sources(engine: Engine, config: Config, now: datetime) -> list[Any]:
    """The crawl health (crawler.store.crawlstate) of every enabled source: the digest shows the
    unhealthy ones, or one line when all of them are failing."""
    from crawler.store.crawlstate import source_health

    return source_health(engine, stale_days=config.crawl.stale_days, failing_runs=config.crawl.failing_runs,
                         now=now, names=[s.name for s in config.sources if s.enabled])
