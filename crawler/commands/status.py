"""The `status` subcommand: the daemon, the next scheduled runs, the last runs, each source's health.

Plain text by default (times in the `[schedule]` time zone); `--format jsonl` prints one
JSON object per line: `{"type": "daemon", ...}`, then `{"type": "run", ...}` per run
(newest first), then `{"type": "source", ...}` per configured source.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from crawler.commands.settings import add_config_and_db, configured
from crawler.config import Config
from crawler.store import open_store
from crawler.store.crawlstate import SourceHealth, source_health
from crawler.store.engine import reading
from crawler.store.locks import lock_holder
from crawler.store.runs import RunRecord, last_runs


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_config_and_db(parser, config_required=True)
    parser.add_argument("--format", choices=("text", "jsonl"), default="text")
    parser.add_argument("--limit", type=int, default=10, help="how many runs to show (default 10)")
    parser.add_argument("--kind", choices=("crawl", "digest"), help="only runs of this kind")


def run(args: argparse.Namespace) -> int:
    config = configured(args)
    store = open_store(config.database_url, create=False, setting=config.database_setting)  # only reads
    try:
        holder = lock_holder(config.database_url)
        daemon: dict[str, Any] = {"running": holder is not None, "holder": holder,
                                  "next_runs": next_runs(store.engine)}
        runs = last_runs(store.engine, limit=max(1, args.limit), kind=args.kind)
        names = [s.name for s in config.sources if s.enabled]
        health = source_health(
            store.engine, stale_days=config.crawl.stale_days, failing_runs=config.crawl.failing_runs, names=names,
        )
    finally:
        store.close()
    if args.format == "jsonl":
        _print_jsonl(daemon, runs, health)
    else:
        print(render_text(config, daemon, runs, health))
    return 0


def next_runs(engine: Engine) -> dict[str, datetime | None]:
    """The next run time of each scheduled job, from the daemon's job store (empty if none)."""
    try:
        with reading(engine) as conn:
            rows = conn.execute(text("SELECT id, next_run_time FROM apscheduler_jobs ORDER BY id")).all()
    except SQLAlchemyError:
        return {}  # no daemon ever ran on this database
    return {job: datetime.fromtimestamp(stamp, UTC) if stamp is not None else None for job, stamp in rows}


def _print_jsonl(daemon: dict[str, Any], runs: list[RunRecord], health: list[SourceHealth]) -> None:
    print(json.dumps({"type": "daemon", **daemon}, ensure_ascii=False, default=_iso))
    for record in runs:
        print(json.dumps({"type": "run", **asdict(record), "seconds": _seconds(record)}, ensure_ascii=False,
                         default=_iso))
    for source in health:
        print(json.dumps({"type": "source", **asdict(source)}, ensure_ascii=False, default=_iso))


def render_text(config: Config, daemon: dict[str, Any], runs: list[RunRecord], health: list[SourceHealth]) -> str:
    zone = ZoneInfo(config.schedule.timezone)
    lines = [f"daemon: {'running: ' + daemon['holder'] if daemon['running'] else 'not running'}"]
    for job, moment in daemon["next_runs"].items() if daemon["running"] else ():  # stored times mean nothing then
        lines.append(f"  next {job}: {_when(moment, zone) if moment else 'paused'}")
    lines.append(f"last runs (newest first, times {config.schedule.timezone}):" if runs else "last runs: none yet")
    for record in runs:
        seconds = _seconds(record)
        took = f"{seconds:.1f}s" if seconds is not None else "-"
        counts = " ".join(f"{k}={v}" for k, v in sorted(record.counts.items()))
        ended = f"{_aware(record.ended_at).astimezone(zone):%H:%M:%S}" if record.ended_at else "...     "
        lines.append(f"  #{record.id} {record.kind:<6} {_when(record.started_at, zone)} -> {ended} {took:>8}  "
                     f"{record.outcome:<8} {counts}".rstrip())
        lines.extend(f"      error: {error}" for error in record.errors[:5])
        if len(record.errors) > 5:
            lines.append(f"      ... and {len(record.errors) - 5} more errors")
    lines.append("sources:" if health else "sources: none configured")
    for source in health:
        state = "ok" if source.healthy else "UNHEALTHY"
        last_ok = _when(source.last_ok_at, zone) if source.last_ok_at else "never"
        newest = _when(source.newest_item_at, zone) if source.newest_item_at else "none"
        line = f"  {source.name:<20} {state:<9} last ok {last_ok}, newest item {newest}"
        lines.append(line + (f" - {source.reason}" if source.reason else ""))
    return "\n".join(lines)


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment  # SQLite gives naive UTC


def _when(moment: datetime, zone: ZoneInfo) -> str:
    return f"{_aware(moment).astimezone(zone):%Y-%m-%d %H:%M:%S}"


def _seconds(record: RunRecord) -> float | None:
    if record.ended_at is None:
        return None
    return round((_aware(record.ended_at) - _aware(record.started_at)).total_seconds(), 1)


def _iso(value: object) -> str:
    if isinstance(value, datetime):
        return _aware(value).isoformat()
    return str(value)
