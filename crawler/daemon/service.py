"""The scheduler daemon (`python scheduler.py --config FILE`): crawls and digests on time, alone.

APScheduler 3 BackgroundScheduler with two jobs, `crawl` and `digest`, each running the
same CLI cron uses as a subprocess (crawler.daemon.runner), so a failing or hanging crawl
never blocks the digest of what is already stored. Jobs persist in the database
(SQLAlchemyJobStore, table `apscheduler_jobs`): `coalesce` and `max_instances=1` mean a
crawl still running is not started twice and missed runs after downtime run once; the
digest's `misfire_grace_time = digest_grace` sends a digest missed while the machine was
off once, when it comes back in time. Only one daemon runs per database (daemon_lock).
SIGTERM/SIGINT: stop scheduling, let a running job finish within `shutdown_grace`,
terminate it otherwise, exit 0.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from crawler.config import Config, ConfigError, load_config
from crawler.daemon.runner import StopRequest, cli_command, close_abandoned_runs, run_job
from crawler.daemon.schedule import job_trigger
from crawler.store import StoreError, open_store
from crawler.store.engine import create_store_engine
from crawler.store.locks import LockHeld, RunnerLock

log = logging.getLogger("capexwatch.daemon")
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
JOBS = ("crawl", "digest")
JOBSTORE_TABLE = "apscheduler_jobs"
LOCK_CHECK_SECONDS = 30.0
EXIT_LOCK_HELD = 3
EXIT_LOCK_LOST = 4

STOP = StopRequest()  # the daemon process's shutdown request, seen by running jobs
_DAEMON_DB: dict[str, Engine] = {}  # the daemon's own store engine, by database URL, while it serves


def scheduled_run(kind: str, config_path: str) -> None:
    """One scheduled `kind` run as a subprocess (the jobs `crawler.daemon:crawl_job`/`digest_job`)."""
    if STOP.requested:
        log.info("%s not started: the daemon is stopping", kind)
        return
    try:
        config = load_config(config_path)  # read at each run: a fixed file takes effect at the next run
        timeout = config.schedule.crawl_timeout if kind == "crawl" else config.schedule.digest_timeout
        with job_engine(config.database_url) as engine:
            command = cli_command(kind, config_path, distributed=config.distributed.daemon_enqueues)
            run_job(kind, command, engine=engine, timeout=timeout, stop=STOP)
    except (ConfigError, StoreError, SQLAlchemyError, OSError) as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        log.error("%s not run: %s", kind, reason)  # the next scheduled run tries again


@contextlib.contextmanager
def job_engine(url: str) -> Iterator[Engine]:
    """The daemon's own store engine for its database; for another URL (the config file was
    changed meanwhile) an engine for this one job, disposed after it. No engine outlives the daemon."""
    engine = _DAEMON_DB.get(url)
    if engine is not None:
        yield engine
        return
    engine = create_store_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()


def setup_logging(log_file: str | None, level: int = logging.INFO) -> None:
    """Plain greppable lines on stderr (and in `log_file`): `2026-11-22 08:00:00 INFO name: msg`."""
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if log_file:
        Path(log_file).parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(log_file, encoding="utf-8"))
    logging.basicConfig(level=level, format=LOG_FORMAT, datefmt=DATE_FORMAT, handlers=handlers, force=True)
    logging.getLogger("alembic").setLevel(max(level, logging.WARNING))  # migrations: only problems


def main(config_path: str) -> int:
    """Run the daemon until SIGTERM/SIGINT; the exit code for scheduler.py."""
    config = load_config(config_path)
    config_file = str(Path(config_path).resolve())
    lock = RunnerLock(config.database_url, "scheduler")
    try:
        lock.acquire()
        store = open_store(config.database_url, setting=config.database_setting)
    except LockHeld as exc:
        log.error("refusing to start: %s", exc)
        return EXIT_LOCK_HELD
    except StoreError:
        lock.release()
        raise
    _DAEMON_DB[config.database_url] = store.engine
    try:
        return _serve(config, config_file, store.engine, lock)
    finally:
        _DAEMON_DB.pop(config.database_url, None)
        store.close()
        lock.release()


def _serve(config: Config, config_file: str, engine: Engine, lock: RunnerLock) -> int:
    longest = max(config.schedule.crawl_timeout, config.schedule.digest_timeout) + 60.0
    if abandoned := close_abandoned_runs(engine, older_than=longest):
        log.warning("%d run(s) left 'running' by a process that died are now recorded as killed", abandoned)
    scheduler = build_scheduler(config, engine)
    scheduler.start(paused=True)
    for kind in JOBS:
        install_job(scheduler, kind, config, config_file)
    _install_signal_handlers(config.schedule.shutdown_grace)
    scheduler.resume()
    log.info("scheduler started (pid %s) on %s: %s", os.getpid(), lock.where, _describe_jobs(scheduler))
    code = 0
    while not STOP.event.wait(LOCK_CHECK_SECONDS):
        if not lock.alive():
            log.error("lost the daemon lock (database connection gone): stopping")
            STOP.request(config.schedule.shutdown_grace)
            code = EXIT_LOCK_LOST
    log.info("stopping: no new runs; a running job may finish within %gs", max(0.0, _grace_left()))
    scheduler.shutdown(wait=True)
    log.info("stopped")
    return code


def build_scheduler(config: Config, engine: Engine) -> BackgroundScheduler:
    return BackgroundScheduler(
        jobstores={"default": SQLAlchemyJobStore(engine=engine, tablename=JOBSTORE_TABLE)},
        executors={"default": ThreadPoolExecutor(max_workers=len(JOBS))},
        job_defaults={"coalesce": True, "max_instances": 1},
        timezone=config.schedule.timezone,
    )


def install_job(scheduler: BackgroundScheduler, kind: str, config: Config, config_file: str) -> None:
    """Add or update the `kind` job; a stored job with the same trigger keeps its next run time.

    Keeping it is what lets a digest missed during downtime run once now (replacing
    the job would recompute the next run time from now and lose the missed one).
    """
    trigger = job_trigger(config.schedule, kind)
    options = {
        "func": f"crawler.daemon:{kind}_job",
        "args": (config_file,),
        "name": f"capexwatch {kind}",
        "misfire_grace_time": int(config.schedule.digest_grace) if kind == "digest" else None,
        "coalesce": True,
        "max_instances": 1,
    }
    existing = scheduler.get_job(kind)
    if existing is not None and same_trigger(existing.trigger, trigger) and existing.next_run_time is not None:
        scheduler.modify_job(kind, **options)
        return
    scheduler.add_job(id=kind, trigger=trigger, replace_existing=True, **options)


def same_trigger(stored: BaseTrigger, wanted: BaseTrigger) -> bool:
    """Same kind, fields and time zone (an interval's start date does not count)."""
    return (type(stored), str(stored), str(getattr(stored, "timezone", ""))) == (
        type(wanted), str(wanted), str(getattr(wanted, "timezone", ""))
    )


def _describe_jobs(scheduler: BackgroundScheduler) -> str:
    parts = [f"{job.id} {job.trigger} next {job.next_run_time:%Y-%m-%d %H:%M:%S %Z}" for job in scheduler.get_jobs()]
    return "; ".join(parts)


def _install_signal_handlers(grace: float) -> None:
    def on_signal(signum: int, _frame: FrameType | None) -> None:
        name = signal.Signals(signum).name
        if STOP.requested:
            log.warning("%s again: terminating running jobs now", name)
            STOP.request(0.0)
            return
        log.info("%s received: stopping", name)
        STOP.request(grace)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)


def _grace_left() -> float:
    return (STOP.deadline or time.monotonic()) - time.monotonic()
