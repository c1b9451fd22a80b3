"""The real daemon crawling the local replay site (tests/replay_news.py) on a schedule of seconds:
crawls store facts, an overrunning crawl is killed and recorded as `timeout`, SIGTERM lets a
running crawl finish within `shutdown_grace` and terminates it after; and `run`, for cron.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crawler.store import open_store
from crawler.store.runs import RunRecord, last_runs
from tests.daemon_process import ROOT, STARTED, Daemon
from tests.replay_news import NewsScenario, build_news_site
from tests.replay_site import ReplaySite

NEVER = '"0 0 1 1 *"'


@pytest.fixture
def news(seeds_dir):
    site = ReplaySite().start()
    yield build_news_site(site, seeds_dir)
    site.stop()


def write_config(tmp_path: Path, news: NewsScenario, db_url: str, schedule: str, **crawl: object) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        news.config(db_url, **crawl)
        + '\n[digest]\nto = ["analyst@example.com"]\noutbox = "outbox"\n'
        + f'\n[schedule]\ntimezone = "UTC"\ndigest = {NEVER}\n{schedule}\n',
        encoding="utf-8",
    )
    return path


def crawl_runs(db_url: str) -> list[RunRecord]:
    store = open_store(db_url)
    try:
        return list(reversed(last_runs(store.engine, limit=100, kind="crawl")))  # oldest first
    finally:
        store.close()


def test_scheduled_crawl_stores_facts(tmp_path, news, db_url):
    config = write_config(tmp_path, news, db_url, "crawl_interval_seconds = 1\nshutdown_grace = 5")
    daemon = Daemon(config, tmp_path / "daemon.log")
    try:
        daemon.wait_for(r"crawl finished exit=0 outcome=(ok|partial)", 60)
        assert daemon.stop() == 0
    finally:
        daemon.close()
    line = r"(?m)^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d INFO capexwatch\.daemon: crawl finished exit=0 outcome=\w+ in [\d.]+s$"
    assert re.search(line, daemon.log())  # --log-file
    assert re.search(line, daemon.log_file.with_suffix(".stderr").read_text(encoding="utf-8"))  # and stderr
    first = crawl_runs(db_url)[0]
    assert first.outcome in ("ok", "partial") and first.counts["new_articles"] >= 5
    store = open_store(db_url)
    facts = store.facts()
    store.close()
    alibaba = [f for f in facts if f.key.subject == "Alibaba" and f.key.kind == "capex"]
    assert alibaba and all(news.site.url("/") in " ".join(f.sources) for f in alibaba)  # crawled, not replayed


def test_overrunning_crawl_is_killed_and_recorded_as_timeout(tmp_path, news, sqlite_url):
    # The site's slow page answers after 8 s; the download timeout lets the crawl wait for it.
    config = write_config(tmp_path, news, sqlite_url, "crawl_interval_seconds = 1\ncrawl_timeout = 3\n"
                          "shutdown_grace = 1", timeout=30.0)
    daemon = Daemon(config, tmp_path / "daemon.log")
    try:
        log = daemon.wait_for(r"crawl finished exit=\S+ outcome=timeout", 40)
        assert daemon.stop() == 0
    finally:
        daemon.close()
    assert "crawl overran its timeout of 3s and was terminated" in log
    first = crawl_runs(sqlite_url)[0]
    assert first.outcome == "timeout" and first.ended_at is not None
    assert any("overran its timeout" in error for error in first.errors)


def test_sigterm_waits_for_a_running_crawl_within_grace(tmp_path, news, sqlite_url):
    news.site.add("/slow.html", "<html><body><article><p>느린 페이지</p></article></body></html>", delay=3.0)
    config = write_config(tmp_path, news, sqlite_url, "crawl_interval_seconds = 1\nshutdown_grace = 30",
                          timeout=30.0)
    daemon = Daemon(config, tmp_path / "daemon.log")
    try:
        daemon.wait_for(r"capexwatch.daemon: crawl started", 30)
        daemon.proc.terminate()
        assert daemon.proc.wait(timeout=40) == 0
    finally:
        daemon.close()
    log = daemon.log()
    assert log.index("SIGTERM received") < log.index("crawl finished exit=0")
    (run,) = crawl_runs(sqlite_url)  # no crawl started after SIGTERM
    assert run.outcome in ("ok", "partial")


def test_sigterm_terminates_a_crawl_that_outlasts_the_grace(tmp_path, news, sqlite_url):
    config = write_config(tmp_path, news, sqlite_url, "crawl_interval_seconds = 1\nshutdown_grace = 1",
                          timeout=30.0)
    daemon = Daemon(config, tmp_path / "daemon.log")
    try:
        daemon.wait_for(r"capexwatch.daemon: crawl started", 30)
        time.sleep(0.5)
        signalled = time.monotonic()
        daemon.proc.terminate()
        assert daemon.proc.wait(timeout=30) == 0
        assert time.monotonic() - signalled < 15  # grace 1 s, then SIGTERM, SIGKILL 5 s later at worst
    finally:
        daemon.close()
    (run,) = crawl_runs(sqlite_url)
    assert run.outcome == "killed"
    assert "crawl was terminated because the daemon was stopping" in run.errors[-1]


def run_once(config: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "crawler", "run", "--config", str(config)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_run_crawls_then_sends_the_digest_and_refuses_beside_the_daemon(tmp_path, news, sqlite_url):
    config = write_config(tmp_path, news, sqlite_url, f"crawl = {NEVER}")
    done = run_once(config)
    assert done.returncode == 0, done.stderr
    store = open_store(sqlite_url)
    kinds = [(r.kind, r.outcome) for r in reversed(last_runs(store.engine))]
    store.close()
    assert kinds[0][0] == "crawl" and kinds[0][1] in ("ok", "partial")
    assert kinds[1] == ("digest", "ok")
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1

    daemon = Daemon(config, tmp_path / "daemon.log")
    try:
        daemon.wait_for(STARTED, 30)
        refused = run_once(config)
        assert refused.returncode == 3
        assert "another capexwatch scheduler" in refused.stderr and f"pid {daemon.pid}" in refused.stderr
        assert daemon.stop() == 0
    finally:
        daemon.close()


def test_run_sends_the_digest_even_when_the_crawl_fails(tmp_path, news, sqlite_url):
    config = write_config(tmp_path, news, sqlite_url, f"crawl = {NEVER}", retries=0)
    news.site.stop()  # every source unreachable: the crawl fails
    subprocess.run([sys.executable, "-m", "crawler", "replay", "--db", sqlite_url], cwd=ROOT, check=True,
                   capture_output=True, timeout=120)
    done = run_once(config)
    assert done.returncode == 3, done.stderr  # the crawl's exit: every source failed
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1  # what was already stored is sent


def wait_until(condition, timeout: float, message: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, message
        time.sleep(0.1)


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found.update(int(p) for p in (task / "children").read_text().split())
    return found


def test_kill_9_of_the_daemon_ends_its_running_crawl(tmp_path, news, sqlite_url):
    news.site.add("/slow.html", "<html><body><p>느린 페이지</p></body></html>", delay=30.0)  # crawl lasts 30 s
    config = write_config(tmp_path, news, sqlite_url, "crawl_interval_seconds = 1", timeout=30.0)
    daemon = Daemon(config, tmp_path / "daemon.log")
    try:
        daemon.wait_for(r"capexwatch.daemon: crawl started", 30)
        wait_until(lambda: news.site.hits("/slow.html") > 0, 30, "the crawl never reached the slow page")
        (crawl_pid,) = children(daemon.pid)
        daemon.kill()  # SIGKILL: the daemon cannot clean up; the kernel tells the crawl (PR_SET_PDEATHSIG)
    finally:
        daemon.close()
    deadline = time.monotonic() + 10
    while Path(f"/proc/{crawl_pid}").exists() and "zombie" not in _state(crawl_pid):
        assert time.monotonic() < deadline, "the crawl outlived its daemon by 10 s"
        time.sleep(0.2)
    (run,) = crawl_runs(sqlite_url)
    assert run.outcome != "running" and run.ended_at is not None  # the crawl closed its own run


def _state(pid: int) -> str:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return "gone"
    return next((line for line in status.splitlines() if line.startswith("State:")), "").lower()
