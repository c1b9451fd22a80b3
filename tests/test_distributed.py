"""Celery workers on the real Redis (DB 13, this issue's) and PostgreSQL of this machine.

A two-worker `crawl --distributed` of a local three-source site stores exactly what a
one-process crawl stores; a worker killed with SIGKILL mid-crawl loses and duplicates
nothing (its task goes back to the queue after the visibility timeout and the other
worker crawls the source; the store is idempotent); SQLite is refused with one line.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.test_crawl_incremental import ARTICLE, rss_items

ROOT = Path(__file__).resolve().parent.parent
BROKER = "redis://127.0.0.1:6379/13"
pytestmark = [pytest.mark.slow, pytest.mark.postgres]
SOURCES = ("alpha", "beta", "gamma")
COMPANIES = ("삼성전자", "SK하이닉스", "네이버", "카카오")


@pytest.fixture
def broker():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(BROKER)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip(f"Redis not reachable at {BROKER}")
    client.flushdb()
    yield BROKER
    client.flushdb()


def build_site(site, per_source: int = 4, delay: float = 0.0) -> None:
    for s, name in enumerate(SOURCES):
        items = []
        for n in range(per_source):
            path = f"/{name}/{n}.html"
            company = COMPANIES[(s + n) % len(COMPANIES)]
            body = ARTICLE.format(title=f"{company} {name} {n} 투자", amount=10 * s + n + 1)
            body = body.replace("삼성전자는", f"{company}는").replace("증설에", f"{2001 + 10 * s + n}년 증설에")
            site.add(path, body, delay=delay)  # each article: its own fact (company, year)
            items.append((path, f"Mon, 24 Feb 2025 {10 + n}:00:00 +0900"))
        site.add(f"/{name}/rss.xml", rss_items(site, items), content_type="application/rss+xml")


def write_config(site, tmp_path: Path, db: str, extra: str = "") -> Path:
    sources = "".join(f'\n[[sources]]\nname = "{name}"\nfeeds = ["{site.url(f"/{name}/rss.xml")}"]\n'
                      f'allowed_domains = ["127.0.0.1"]\n' for name in SOURCES)
    config = tmp_path / f"config-{abs(hash(db)) % 10000}.toml"
    config.write_text(f'[database]\nurl = "{db}"\n\n[crawl]\ndownload_delay = 0.0\nautothrottle = false\n'
                      f"timeout = 5.0\nretries = 0\nmax_seconds = 20.0\n\n[distributed]\n"
                      f'broker = "{BROKER}"\nvisibility_timeout = 25.0\n{extra}{sources}', encoding="utf-8")
    return config


def cli(*args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "crawler", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


opened: list = []  # the workers' log files, closed by stop()


def start_worker(config: Path, log: Path) -> subprocess.Popen:
    handle = log.open("w")
    worker = subprocess.Popen([sys.executable, "-m", "crawler", "--log-level", "INFO", "worker", "--config",
                               str(config)], cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT)
    opened.append(handle)
    deadline = time.monotonic() + 60
    while "ready." not in log.read_text(encoding="utf-8", errors="replace"):
        assert worker.poll() is None and time.monotonic() < deadline, log.read_text(encoding="utf-8")
        time.sleep(0.2)
    return worker


def stop(workers: list[subprocess.Popen]) -> None:
    for worker in workers:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
    for worker in workers:
        try:
            worker.wait(30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
    while opened:
        opened.pop().close()


def stored(db: str) -> dict[str, list]:
    engine = create_engine(db.replace("postgresql://", "postgresql+psycopg://"))
    queries = {"articles": "SELECT url, title FROM articles ORDER BY url",
               "facts": "SELECT subject, kind, period, amount, currency FROM facts ORDER BY subject, amount",
               "fetched": "SELECT url FROM fetched_urls ORDER BY url",
               "changes": "SELECT count(*) FROM changes"}
    with engine.connect() as conn:
        found = {name: [tuple(row) for row in conn.execute(text(sql))] for name, sql in queries.items()}
    engine.dispose()
    return found


@pytest.fixture
def second_postgres(postgres_available):
    from tests.conftest import _fresh_postgres_url

    yield from _fresh_postgres_url(postgres_available)


def test_two_workers_store_exactly_what_one_process_stores(replay_site, tmp_path, postgres_url, second_postgres,
                                                          broker):
    build_site(replay_site)
    alone = cli("crawl", "--config", str(write_config(replay_site, tmp_path, postgres_url)))
    assert alone.returncode == 0, alone.stderr
    config = write_config(replay_site, tmp_path, second_postgres)
    workers = [start_worker(config, tmp_path / f"worker{n}.log") for n in range(2)]
    try:
        spread = cli("crawl", "--distributed", "--config", str(config))
    finally:
        stop(workers)
    assert spread.returncode == 0, spread.stdout + spread.stderr
    assert spread.stdout.splitlines()[0] == alone.stdout.splitlines()[0]  # the same summary table
    for name in SOURCES:
        row = next(line for line in spread.stdout.splitlines() if line.startswith(name + " ")).split()
        assert row[3:6] == ["4", "4", "4"], spread.stdout  # fetched, new, matched
    assert "crawl ok: 3 of 3 sources answered" in spread.stdout
    one, two = stored(postgres_url), stored(second_postgres)
    assert len(one["articles"]) == 12 and len(one["facts"]) == 12
    assert one == two
    logs = [(tmp_path / f"worker{n}.log").read_text(encoding="utf-8") for n in range(2)]
    assert all("capexwatch.crawl_source" in log and "succeeded" in log for log in logs), logs  # both worked


def test_a_worker_killed_mid_crawl_loses_and_duplicates_nothing(replay_site, tmp_path, postgres_url, broker):
    build_site(replay_site, per_source=6, delay=0.6)  # each source takes a few seconds
    config = write_config(replay_site, tmp_path, postgres_url)
    workers = [start_worker(config, tmp_path / f"worker{n}.log") for n in range(2)]
    try:
        dispatch = subprocess.Popen([sys.executable, "-m", "crawler", "crawl", "--distributed", "--config",
                                     str(config)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while replay_site.total_hits() < 4 and time.monotonic() < deadline:  # both workers are crawling
            time.sleep(0.1)
        os.kill(workers[0].pid, signal.SIGKILL)
        out, err = dispatch.communicate(timeout=240)
    finally:
        stop(workers)
    assert dispatch.returncode == 0, out + err
    assert "crawl ok: 3 of 3 sources answered" in out, out
    found = stored(postgres_url)
    expected = sorted((replay_site.url(f"/{name}/{n}.html"),) for name in SOURCES for n in range(6))
    assert found["fetched"] == expected  # nothing lost
    assert len(found["articles"]) == 18 and len(found["facts"]) == 18  # nothing twice
    assert found["changes"] == [(18,)]
    killed, survivor = ((tmp_path / f"worker{n}.log").read_text(encoding="utf-8") for n in range(2))
    taken = set(re.findall(r"crawl_source\[([0-9a-f-]+)\] received", killed))
    finished_there = set(re.findall(r"crawl_source\[([0-9a-f-]+)\] succeeded", killed))
    redelivered = taken - finished_there
    assert redelivered, killed  # the killed worker was in the middle of a task ...
    assert all(f"crawl_source[{task}] succeeded" in survivor for task in redelivered)  # ... the other one did it


def test_a_distributed_crawl_on_sqlite_is_refused_in_one_line(replay_site, tmp_path):
    build_site(replay_site, per_source=1)
    config = write_config(replay_site, tmp_path, f"sqlite:///{tmp_path / 'db.sqlite'}")
    done = cli("crawl", "--distributed", "--config", str(config), timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0
    assert "crawl --distributed needs PostgreSQL: [database].url is SQLite" in done.stderr
    worker = cli("worker", "--config", str(config), timeout=60)
    assert worker.returncode == 2 and "capexwatch worker needs PostgreSQL" in worker.stderr


def test_the_daemon_enqueues_its_crawl_for_the_workers(replay_site, tmp_path, postgres_url, broker):
    from crawler.daemon.service import scheduled_run

    build_site(replay_site, per_source=2)
    config = write_config(replay_site, tmp_path, postgres_url, extra="daemon_enqueues = true\n")
    workers = [start_worker(config, tmp_path / "worker0.log")]
    try:
        scheduled_run("crawl", str(config))  # what the daemon's crawl job does
    finally:
        stop(workers)
    assert (tmp_path / "worker0.log").read_text(encoding="utf-8").count("succeeded") == len(SOURCES)
    engine = create_engine(postgres_url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT kind, outcome FROM runs")).all() == [("crawl", "ok")]
        assert conn.execute(text("SELECT count(*) FROM articles")).scalar_one() == 6
    engine.dispose()


def test_a_visibility_timeout_not_longer_than_a_crawl_is_refused(tmp_path):
    from crawler.config import ConfigError, load_config

    config = tmp_path / "config.toml"
    config.write_text('[crawl]\nmax_seconds = 600.0\n\n[distributed]\nbroker = "redis://127.0.0.1:6379/13"\n'
                      "visibility_timeout = 300.0\n", encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_config(config)
    assert str(refused.value) == (f"{config}: [distributed].visibility_timeout must be longer than "
                                  "[crawl].max_seconds (600): a task still running would be delivered again")
