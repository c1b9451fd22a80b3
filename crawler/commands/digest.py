"""The `digest` subcommand: send what changed since the last delivered digest, exactly once.

`python -m crawler digest --config FILE [--dry-run] [--db URL]`. Exit 0 when a digest was
sent or there was nothing to send; 1 when delivery failed (one line naming the server and
its reply; every change stays pending); 2 for a bad configuration or database URL.
"""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from crawler.commands.settings import add_config_and_db, configured, open_configured_store
from crawler.config import Config, ConfigError

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_config_and_db(parser)
    parser.add_argument("--dry-run", action="store_true", help="print the plain-text digest; send and mark nothing")


def run(args: argparse.Namespace) -> int:
    from crawler.digest.deliver import NOTHING, DigestFailed, build_pending_digest, send_digest
    from crawler.store.runs import finish_run, start_run

    config = configured(args)
    if not args.dry_run and not config.digest.to:
        raise ConfigError(f"{config.path or 'config'}: [digest].to must list at least one recipient")
    config, store = open_configured_store(args)
    if store is None:
        return 2
    now = datetime.now(UTC)
    today = now.astimezone(ZoneInfo(config.schedule.timezone)).date()
    health = _unhealthy_sources(store.engine, config, now)
    try:
        if args.dry_run:
            digest = build_pending_digest(store.engine, settings=config.digest, fx_to_usd=config.fx_to_usd,
                                          today=today, health=health)
            print(digest.text if digest.counts.get("shown") else NOTHING)
            return 0
        run_id = start_run(store.engine, "digest", started_at=now)
        try:
            outcome = send_digest(store.engine, _transport(config), settings=config.digest,
                                  fx_to_usd=config.fx_to_usd, now=now, today=today, health=health)
        except DigestFailed as exc:
            finish_run(store.engine, run_id, "failed", {}, [str(exc)])
            print(f"capexwatch: {exc}", file=sys.stderr)
            return 1
        finish_run(store.engine, run_id, "ok" if outcome.status == "sent" else "nothing",
                   {"changes": outcome.changes, "reconciled": outcome.reconciled, **(outcome.counts or {})})
        print(outcome.summary)
        return 0
    finally:
        store.close()


def _transport(config: Config) -> Any:
    from crawler.digest.send import OutboxTransport, SmtpTransport

    return SmtpTransport(config.smtp) if config.smtp else OutboxTransport(config.digest.outbox)


def _unhealthy_sources(engine, config: Config, now: datetime) -> list[Any]:
    """The crawl health lines (crawler.store.crawlstate) of the sources that need attention."""
    try:
        from crawler.store.crawlstate import source_health
    except ImportError:
        return []
    health = source_health(engine, stale_days=config.crawl.stale_days, failing_runs=config.crawl.failing_runs,
                           now=now, names=[s.name for s in config.sources if s.enabled])
    return [h for h in health if not h.healthy]
