"""The real daemon (`python scheduler.py`) as a user runs it: alone on its database, stopping cleanly,
catching up a digest missed while the machine was off, once.

Each test starts scheduler.py as a subprocess with a config in tmp_path and waits on its
log file with bounded waits; SQLite and PostgreSQL (the `db_url` fixture) alike.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore

from crawler.config import load_config
from crawler.daemon.service import JOBS, JOBSTORE_TABLE, build_scheduler, install_job
from crawler.store import open_store
from crawler.store.locks import lock_holder
from crawler.store.runs import last_runs
from tests.daemon_process import ROOT, STARTED, Daemon, run_refused, write_config

NEVER = '"0 0 1 1 *"'  # once a year: no run during a test
IDLE = f'timezone = "UTC"\ncrawl = {NEVER}\ndigest = {NEVER}\n'


def status(config: Path) -> list[dict]:
    done = subprocess.run(
        [sys.executable, "-m", "crawler", "status", "--config", str(config), "--format", "jsonl"],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=True,
    )
    return [json.loads(line) for line in done.stdout.splitlines()]


def wait_until_unlocked(db_url: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while lock_holder(db_url) is not None:
        assert time.monotonic() < deadline, f"lock still held {timeout}s after its holder died"
        time.sleep(0.1)


def test_second_daemon_refuses_and_kill_9_frees_the_database(tmp_path, db_url):
    config = write_config(tmp_path, db_url, schedule=IDLE)
    first = Daemon(config, tmp_path / "first.log")
    third = None
    try:
        first.wait_for(STARTED, 30)
        (daemon,) = [line for line in status(config) if line["type"] == "daemon"]
        assert daemon["running"] and f"pid {first.pid}" in daemon["holder"]

        second = run_refused(config, tmp_path / "second.log")
        assert second.returncode == 3
        assert "refusing to start: another capexwatch scheduler" in second.stdout + second.stderr
        assert f"pid {first.pid}" in second.stdout + second.stderr
        assert first.proc.poll() is None  # the first one is unaffected

        first.kill()  # kill -9: no chance to clean up
        wait_until_unlocked(db_url)
        third = Daemon(config, tmp_path / "third.log")
        third.wait_for(STARTED, 30)
        assert third.stop() == 0
        assert "capexwatch.daemon: stopped" in third.log()
    finally:
        first.close()
        if third:
            third.close()


def test_sigint_stops_the_daemon_with_exit_0(tmp_path, sqlite_url):
    config = write_config(tmp_path, sqlite_url, schedule=IDLE)
    daemon = Daemon(config, tmp_path / "daemon.log")
    try:
        daemon.wait_for(STARTED, 30)
        daemon.proc.send_signal(signal.SIGINT)
        assert daemon.proc.wait(timeout=20) == 0
        assert "SIGINT received: stopping" in daemon.log()
    finally:
        daemon.close()
    assert lock_holder(sqlite_url) is None


def persist_jobs(config_path: Path, next_run: datetime, job_id: str = "digest") -> None:
    """The job store as a daemon stopped before the job's time leaves it, that time now past."""
    config = load_config(config_path)
    store = open_store(config.database_url)
    scheduler = build_scheduler(config, store.engine)
    scheduler.start(paused=True)
    for kind in JOBS:
        install_job(scheduler, kind, config, str(config_path))
    scheduler.shutdown()
    # Move the stored next run time without a running scheduler (which might act on it).
    offline = build_scheduler(config, store.engine)
    jobstore = SQLAlchemyJobStore(engine=store.engine, tablename=JOBSTORE_TABLE)
    jobstore.start(offline, "default")
    job = jobstore.lookup_job(job_id)
    job._modify(next_run_time=next_run)
    jobstore.update_job(job)
    store.close()


def digest_runs(db_url: str) -> int:
    store = open_store(db_url)
    try:
        return len(last_runs(store.engine, limit=100, kind="digest"))
    finally:
        store.close()


def replay_seeds(db_url: str) -> None:
    subprocess.run([sys.executable, "-m", "crawler", "replay", "--db", db_url], cwd=ROOT, check=True,
                   capture_output=True, timeout=120)


def test_digest_missed_while_down_is_sent_once_within_grace(tmp_path, db_url):
    schedule = f'timezone = "UTC"\ncrawl = {NEVER}\ndigest = "0 8 * * *"\ndigest_grace = 3600\n'
    config = write_config(tmp_path, db_url, schedule=schedule)
    replay_seeds(db_url)  # changes waiting for the digest
    persist_jobs(config, datetime.now(UTC) - timedelta(minutes=10))  # was due 10 minutes ago

    daemon = Daemon(config, tmp_path / "first.log")
    try:
        daemon.wait_for(r"digest finished exit=", 30)
        assert daemon.stop() == 0
    finally:
        daemon.close()
    assert digest_runs(db_url) == 1
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1

    again = Daemon(config, tmp_path / "second.log")  # a restart must not send it again
    try:
        again.wait_for(STARTED, 30)
        time.sleep(2)
        assert again.stop() == 0
    finally:
        again.close()
    assert "digest started" not in again.log()
    assert digest_runs(db_url) == 1
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1
    (daemon_line,) = [line for line in status(config) if line["type"] == "daemon"]
    next_digest = datetime.fromisoformat(daemon_line["next_runs"]["digest"])
    assert next_digest > datetime.now(UTC) and (next_digest.hour, next_digest.minute) == (8, 0)


def test_digest_missed_beyond_grace_is_skipped(tmp_path, sqlite_url):
    # a daily time half a day away: no run of it falls between the stored time (two hours ago) and now,
    # whatever the hour the test runs at (at 8:30 a "0 8" digest would be due, missed by less than the grace)
    hour = (datetime.now(UTC) + timedelta(hours=12)).hour
    schedule = f'timezone = "UTC"\ncrawl = {NEVER}\ndigest = "0 {hour} * * *"\ndigest_grace = 3600\n'
    config = write_config(tmp_path, sqlite_url, schedule=schedule)
    replay_seeds(sqlite_url)
    persist_jobs(config, datetime.now(UTC) - timedelta(hours=2))

    daemon = Daemon(config, tmp_path / "daemon.log")
    try:
        daemon.wait_for(r'Run time of job "capexwatch digest.*was missed by', 30)
        assert daemon.stop() == 0
    finally:
        daemon.close()
    assert "digest started" not in daemon.log()
    assert digest_runs(sqlite_url) == 0
    assert not list((tmp_path / "outbox").glob("*.eml"))


def test_changed_crontab_replaces_the_stored_next_run(tmp_path, sqlite_url):
    schedule = f'timezone = "UTC"\ncrawl = {NEVER}\ndigest = "0 8 * * *"\n'
    config_path = write_config(tmp_path, sqlite_url, schedule=schedule)
    persist_jobs(config_path, datetime.now(UTC) - timedelta(minutes=10))
    config_path = write_config(tmp_path, sqlite_url, schedule=schedule.replace("0 8", "30 9"))
    config = load_config(config_path)
    store = open_store(sqlite_url)
    scheduler = build_scheduler(config, store.engine)
    scheduler.start(paused=True)
    try:
        install_job(scheduler, "digest", config, str(config_path))
        job = scheduler.get_job("digest")
        assert job.next_run_time > datetime.now(UTC)  # a new schedule: the old missed time is dropped
        assert (job.next_run_time.hour, job.next_run_time.minute) == (9, 30)
    finally:
        scheduler.shutdown()
        store.close()


def test_bad_crontab_stops_the_daemon_at_start_naming_the_setting(tmp_path, sqlite_url):
    config = write_config(tmp_path, sqlite_url, schedule='crawl = "*/30 * * *"')
    done = run_refused(config, tmp_path / "daemon.log")
    assert done.returncode == 2
    assert "[schedule].crawl" in done.stderr and "crontab" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_crawls_missed_while_down_run_once_not_once_per_slot(tmp_path, sqlite_url):
    schedule = f'timezone = "UTC"\ncrawl = "*/30 * * * *"\ndigest = {NEVER}\n'
    config = write_config(tmp_path, sqlite_url, schedule=schedule)
    persist_jobs(config, datetime.now(UTC) - timedelta(hours=2), job_id="crawl")  # four slots missed
    daemon = Daemon(config, tmp_path / "daemon.log")
    try:
        daemon.wait_for(r"crawl finished exit=", 30)
        time.sleep(1.5)
        assert daemon.stop() == 0
    finally:
        daemon.close()
    assert daemon.log().count("capexwatch.daemon: crawl started") == 1
    store = open_store(sqlite_url)
    assert len(last_runs(store.engine, kind="crawl")) == 1
    store.close()


def test_config_broken_while_running_skips_runs_with_one_line_and_keeps_the_daemon(tmp_path, sqlite_url):
    config = write_config(tmp_path, sqlite_url, schedule=f'crawl_interval_seconds = 1\ndigest = {NEVER}')
    daemon = Daemon(config, tmp_path / "daemon.log")
    try:
        daemon.wait_for(STARTED, 30)
        config.write_text("[database\n", encoding="utf-8")  # an operator's typo
        log = daemon.wait_for(r"ERROR capexwatch.daemon: crawl not run: .*not valid TOML", 30)
        assert "Traceback" not in log and daemon.proc.poll() is None
        assert daemon.stop() == 0
    finally:
        daemon.close()


def test_jobs_use_the_daemons_engine_and_dispose_any_other(tmp_path, sqlite_url, monkeypatch):
    """No engine per job piles up in the daemon: its own for its database, a disposed one otherwise."""
    from sqlalchemy import text

    import crawler.daemon as jobs  # the functions the job store names
    import crawler.daemon.service as daemon

    engines = []

    def fake_run_job(kind, command, *, engine, timeout, stop):
        with engine.connect() as conn:  # the job's bookkeeping leaves a pooled connection behind
            conn.execute(text("SELECT 1"))
        engines.append(engine)

    monkeypatch.setattr(daemon, "run_job", fake_run_job)
    config = write_config(tmp_path, sqlite_url, schedule=IDLE)
    store = open_store(sqlite_url)
    try:
        monkeypatch.setitem(daemon._DAEMON_DB, sqlite_url, store.engine)
        jobs.digest_job(str(config))
        jobs.crawl_job(str(config))
        assert engines == [store.engine, store.engine]
        monkeypatch.delitem(daemon._DAEMON_DB, sqlite_url)
        jobs.digest_job(str(config))  # the config now names a database the daemon did not open
        other = engines[-1]
        assert other is not store.engine and other.pool.checkedin() == 0  # disposed: no connection left open
    finally:
        store.close()
