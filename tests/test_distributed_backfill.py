"""backfill --distributed on the real Redis (DB 13) and PostgreSQL of this machine.

Two worker processes backfilling a local site (monthly sitemaps and two paginated lists, a
window of 6 months cut into monthly tasks) store exactly what a one-process backfill
stores and print the same summary; a task whose source another process is fetching exits
75 in one line, fetching nothing; SQLite is refused in one line. The windows and the
merged summary row are pure functions, checked here too.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from crawler.store.crawlstate import SourceRunStats
from crawler.workers.backfill import merge_stats, windows
from tests.backfill_site import (
    LISTS,
    ROOT,
    SINCE,
    UNTIL,
    build_list,
    build_sitemaps,
    config_text,
    list_items,
    sitemap_days,
    sitemap_paths,
    snapshot,
)
from tests.test_distributed import BROKER, broker, start_worker, stop  # noqa: F401 - broker: a fixture

SOURCES = ("maps", "lists", "pages")
DISTRIBUTED = f'\n[distributed]\nbroker = "{BROKER}"\nvisibility_timeout = 35.0\n'


def cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "crawler", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


def write_config(site, tmp_path, db: str, name: str, page_timeout: float = 5.0):
    config = tmp_path / f"{name}.toml"
    text = config_text(site, db, SOURCES, extra="max_seconds = 30.0\n")
    text = text.replace("timeout = 5.0", f"timeout = {page_timeout}")
    config.write_text(text + DISTRIBUTED, encoding="utf-8")
    return config


def summary_rows(stdout: str) -> dict[str, list[str]]:
    return {line.split()[0]: line.split() for line in stdout.splitlines() if line.startswith(SOURCES)}


@pytest.mark.slow
@pytest.mark.postgres
def test_two_workers_store_exactly_what_one_backfill_process_stores(replay_site, tmp_path, postgres_url,
                                                                   second_postgres, broker):  # noqa: F811
    build_sitemaps(replay_site)
    for name in LISTS:
        build_list(replay_site, name)
    window = ("--since", SINCE, "--until", UNTIL)
    alone = cli("backfill", "--config", str(write_config(replay_site, tmp_path, postgres_url, "alone")), *window)
    assert alone.returncode == 0, alone.stdout + alone.stderr
    config = write_config(replay_site, tmp_path, second_postgres, "spread")
    workers = [start_worker(config, tmp_path / f"worker{n}.log") for n in range(2)]
    try:
        spread = cli("backfill", "--distributed", "--config", str(config), *window)
    finally:
        stop(workers)
    assert spread.returncode == 0, spread.stdout + spread.stderr

    one, two = snapshot(postgres_url), snapshot(second_postgres)
    in_lists = sum(1 for name in LISTS for _, listed, day in list_items(name)
                   if min(listed, day) >= SINCE and max(listed, day) <= UNTIL)
    assert len(one["articles"]) == len(sitemap_paths()) + in_lists == 54
    assert one == two  # the same articles, facts, history in the same order, remembered URLs, baseline
    assert two["baseline"] == [("baseline: 3 facts from 54 articles (2025-01-01 .. 2025-06-30)",)]
    rows_alone, rows_spread = summary_rows(alone.stdout), summary_rows(spread.stdout)
    assert {name: row[3:] for name, row in rows_spread.items()} == {name: row[3:] for name, row in rows_alone.items()}
    assert rows_spread["lists"][3:6] == ["25", "24", "24"]  # fetched, new, matched
    assert "crawl ok: 3 of 3 sources answered" in spread.stdout
    logs = [(tmp_path / f"worker{n}.log").read_text(encoding="utf-8") for n in range(2)]
    done = [re.findall(r"backfill_window\[([0-9a-f-]+)\] succeeded", log) for log in logs]
    assert len(set(done[0] + done[1])) == len(done[0] + done[1]) == 3 * 6, logs  # 3 sources x 6 months, once each
    assert all(done), logs  # both workers fetched windows


@pytest.mark.slow
@pytest.mark.postgres
def test_one_sources_windows_are_fetched_one_at_a_time_by_two_workers(replay_site, tmp_path, postgres_url,
                                                                      broker):  # noqa: F811
    build_sitemaps(replay_site, per_month=4, delay=0.2)
    config = write_config(replay_site, tmp_path, postgres_url, "one")
    workers = [start_worker(config, tmp_path / f"worker{n}.log") for n in range(2)]
    try:
        done = cli("backfill", "--distributed", "--config", str(config), "--source", "maps", "--since", SINCE,
                   "--until", "2025-03-31")
    finally:
        stop(workers)
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(snapshot(postgres_url)["articles"]) == 3 * 4
    spans = []  # each month's requests (its sitemap and articles) from first to last
    for month in ("2025-01", "2025-02", "2025-03"):
        mine = (f"/news/{month}", f"/sitemap-{month}")
        times = [t for t, _, path in replay_site.request_times if path.startswith(mine)]
        assert len(times) == 5
        spans.append((min(times), max(times)))
    spans.sort()
    assert all(end < start for (_, end), (start, _) in zip(spans, spans[1:], strict=False)), spans  # never two at once
    logs = "".join((tmp_path / f"worker{n}.log").read_text(encoding="utf-8") for n in range(2))
    assert "holds the backfill-source:maps lock" in logs  # a worker found the source busy and waited its turn


@pytest.mark.slow
@pytest.mark.postgres
def test_a_worker_killed_mid_window_loses_and_duplicates_nothing(replay_site, tmp_path, postgres_url,
                                                                 broker):  # noqa: F811
    # January: 8 articles, 4 at a time, the n-th answering after n seconds: the last come in long after the
    # first two are stored, even when the first page waits for the analyzer to load on a busy machine
    build_sitemaps(replay_site, per_month=8, delay=1.0, stagger=1.0)
    config = write_config(replay_site, tmp_path, postgres_url, "killed", page_timeout=15.0)
    workers = [start_worker(config, tmp_path / f"worker{n}.log") for n in range(2)]
    try:
        dispatch = subprocess.Popen([sys.executable, "-m", "crawler", "backfill", "--distributed", "--config",
                                     str(config), "--source", "maps", "--since", SINCE, "--until", "2025-01-31"],
                                    cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        fetching = worker_holding(postgres_url, "backfill-source:maps", deadline=time.monotonic() + 60)
        while len(staged := snapshot(postgres_url)["staged"]) < 2:
            time.sleep(0.05)
        os.kill(fetching, signal.SIGKILL)
        out, err = dispatch.communicate(timeout=240)
    finally:
        stop(workers)
    assert dispatch.returncode == 0, out + err
    assert len(staged) < 8  # killed in the middle of the window
    found = snapshot(postgres_url)
    wanted = [f"/news/2025-01-{day}.html" for day in sitemap_days(8)]
    assert [url for url, _, _ in found["fetched"]] == sorted(replay_site.url(path) for path in wanted)  # none lost
    assert all(replay_site.hits(path) == 1 for path in wanted if (replay_site.url(path),) in staged)  # not again
    assert len(found["articles"]) == 8 and found["staged"] == []
    assert [status for _, status, _, _ in found["history"]] == ["new"] + ["revised"] * 7  # once each, in order
    assert [amount for _, _, amount, _ in found["history"]] == sorted(amount for _, _, amount, _ in found["history"])
    killed = next(n for n, worker in enumerate(workers) if worker.pid == fetching)
    [task] = re.findall(r"backfill_window\[([0-9a-f-]+)\] received", (tmp_path / f"worker{killed}.log").read_text())
    assert f"backfill_window[{task}] succeeded" in (tmp_path / f"worker{1 - killed}.log").read_text()  # redelivered


@pytest.mark.slow
@pytest.mark.postgres
def test_with_a_window_unfinished_nothing_is_stored_and_a_line_says_why(replay_site, tmp_path, postgres_url,
                                                                       broker):  # noqa: F811
    from crawler.store import open_store
    from crawler.store.staging import stage_page
    from tests.test_store_staging import Page, analysed

    config = tmp_path / "none.toml"
    config.write_text(config_text(replay_site, postgres_url, ("maps",), extra="max_seconds = 1.0\n")
                      + DISTRIBUTED.replace("35.0", "2.0"), encoding="utf-8")
    store = open_store(postgres_url)
    stage_page(store.engine, Page("https://x.example/staged", source="maps"), analysed("2025-01-15"), run_id=None)
    store.close()
    done = cli("backfill", "--distributed", "--config", str(config), "--since", SINCE, "--until", "2025-01-31",
               timeout=60)  # no worker runs: the window's task never finishes
    assert done.returncode == 3, done.stdout + done.stderr
    assert ("capexwatch: 1 of 1 windows did not finish, so nothing is stored; run the same backfill again "
            "(it fetches only what is missing)") in done.stdout
    assert "maps: no worker finished its task in time (is a worker running?)" in done.stdout
    found = snapshot(postgres_url)
    assert found["articles"] == [] and found["staged"] == [("https://x.example/staged",)]


def worker_holding(db: str, lock: str, deadline: float) -> int:
    """The pid of the worker whose backfill child holds `lock` (its parent), once one does."""
    from crawler.store.claims import advisory_key
    from crawler.store.locks import _advisory_holder

    engine = create_engine(db.replace("postgresql://", "postgresql+psycopg://"))
    try:
        while time.monotonic() < deadline:
            with engine.connect() as conn:
                holder = _advisory_holder(conn, advisory_key(lock))
            if holder:
                child = int(re.search(r"pid (\d+)", holder).group(1))
                return int(Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()[1])
            time.sleep(0.05)
    finally:
        engine.dispose()
    raise AssertionError(f"no process took {lock}")


@pytest.fixture
def second_postgres(postgres_available):
    from tests.conftest import _fresh_postgres_url

    yield from _fresh_postgres_url(postgres_available)


@pytest.mark.slow
@pytest.mark.postgres
def test_a_window_whose_source_is_being_fetched_elsewhere_exits_75_in_one_line(replay_site, tmp_path,
                                                                                postgres_url):
    from crawler.store import open_store
    from crawler.store.locks import RunnerLock
    from crawler.store.runs import start_run

    build_sitemaps(replay_site)
    config = write_config(replay_site, tmp_path, postgres_url, "busy")
    store = open_store(postgres_url)
    run_id = start_run(store.engine, "backfill")
    store.close()
    holder = RunnerLock(postgres_url, "test holder", name="backfill-source:maps")
    holder.acquire()
    try:
        done = cli("backfill", "--config", str(config), "--source", "maps", "--since", SINCE, "--until", UNTIL,
                   "--run-id", str(run_id), "--summary-json", str(tmp_path / "row.json"), timeout=120)
    finally:
        holder.release()
    assert done.returncode == 75, done.stdout + done.stderr
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("capexwatch: another capexwatch test holder (pid ")
    assert "holds the backfill-source:maps lock of this database" in done.stderr
    assert replay_site.total_hits() == 0 and not (tmp_path / "row.json").exists()


@pytest.mark.slow
def test_a_distributed_backfill_on_sqlite_is_refused_in_one_line(replay_site, tmp_path):
    config = write_config(replay_site, tmp_path, f"sqlite:///{tmp_path / 'db.sqlite'}", "sqlite")
    done = cli("backfill", "--distributed", "--config", str(config), "--since", SINCE, timeout=60)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert f"{config}: backfill --distributed needs PostgreSQL: [database].url is SQLite" in done.stderr
    assert not (tmp_path / "db.sqlite").exists()


def test_the_window_is_cut_at_calendar_months_weeks_or_days():
    assert windows(date(2024, 1, 15), date(2024, 3, 10), "month") == [
        (date(2024, 1, 15), date(2024, 1, 31)), (date(2024, 2, 1), date(2024, 2, 29)),
        (date(2024, 3, 1), date(2024, 3, 10))]
    assert windows(date(2025, 1, 1), date(2025, 1, 14), "week") == [  # 2025-01-01 is a Wednesday
        (date(2025, 1, 1), date(2025, 1, 5)), (date(2025, 1, 6), date(2025, 1, 12)),
        (date(2025, 1, 13), date(2025, 1, 14))]
    assert windows(date(2025, 12, 31), date(2026, 1, 1), "day") == [
        (date(2025, 12, 31), date(2025, 12, 31)), (date(2026, 1, 1), date(2026, 1, 1))]
    assert windows(date(2025, 12, 5), date(2025, 12, 5), "month") == [(date(2025, 12, 5), date(2025, 12, 5))]


def test_a_sources_windows_make_one_summary_row():
    first = SourceRunStats("lists", datetime(2025, 7, 1, 3, tzinfo=UTC), feeds_checked=3, fetched=10, left=1,
                           errors=("a: timeout",), error_count=1, newest_item_at=None, ok=False, crawl_delay=2.0)
    second = SourceRunStats("lists", datetime(2025, 7, 1, 2, tzinfo=UTC), feeds_checked=5, fetched=7,
                            newest_item_at=datetime(2025, 2, 1, tzinfo=UTC), crawl_delay=1.0, crawl_delay_asked=4.0)
    assert merge_stats("lists", [first, second]) == SourceRunStats(
        "lists", datetime(2025, 7, 1, 2, tzinfo=UTC), feeds_checked=8, fetched=17, left=1, errors=("a: timeout",),
        error_count=1, newest_item_at=datetime(2025, 2, 1, tzinfo=UTC), ok=True, crawl_delay=2.0,
        crawl_delay_asked=4.0)
    nothing = merge_stats("pages", [])
    assert (nothing.ok, nothing.errors) == (False, ("no window was fetched",))
