"""source_health over a long history: the same answers, and only a few rows read per source."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from crawler.store import open_store
from crawler.store.crawlstate import SourceRunStats, record_source_run, source_health
from tests.row_counter import RowCounter

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)


def record(engine, source: str, hours_ago: float, *, ok: bool, newest: datetime | None = None, error: str = "") -> None:
    stats = SourceRunStats(source, NOW - timedelta(hours=hours_ago), ok=ok, newest_item_at=newest,
                           errors=(error,) if error else (), error_count=0 if ok else 1)
    record_source_run(engine, None, stats)


def test_months_of_history_give_the_same_health_reading_few_rows(tmp_path):
    path = tmp_path / "capexwatch.db"
    store = open_store(f"sqlite:///{path}")
    # "steady": 600 good runs; its newest item was seen by its very first run
    record(store.engine, "steady", 900, ok=True, newest=NOW - timedelta(days=2))
    for hours in range(599, 0, -1):
        record(store.engine, "steady", hours, ok=True)
    # "broken": fine long ago, then 250 failed runs in a row
    record(store.engine, "broken", 800, ok=True, newest=NOW - timedelta(days=40))
    for hours in range(250, 0, -1):
        record(store.engine, "broken", hours, ok=False, error=f"https://b.kr/rss: HTTP 503 ({hours}h ago)")
    # "dead": has never worked in 300 runs
    for hours in range(300, 0, -1):
        record(store.engine, "dead", hours, ok=False, error="https://d.kr/rss: host name not found")
    store.close()

    counted = RowCounter(path)
    health = {h.name: h for h in source_health(counted.engine, stale_days=7, failing_runs=3, now=NOW)}
    counted.engine.dispose()

    assert health["steady"].healthy and health["steady"].newest_item_at == NOW - timedelta(days=2)
    assert health["steady"].last_ok_at == NOW - timedelta(hours=1)
    assert not health["broken"].healthy and health["broken"].consecutive_failures == 250
    assert health["broken"].reason == "failed the last 250 runs: https://b.kr/rss: HTTP 503 (1h ago)"
    assert health["broken"].last_ok_at == NOW - timedelta(hours=800)
    assert health["broken"].newest_item_at == NOW - timedelta(days=40)
    assert health["dead"].consecutive_failures == 300 and health["dead"].last_ok_at is None
    assert counted.rows < 60  # not the 1,151 runs recorded: a few per source


def test_the_first_failure_already_names_its_error(sqlite_url):
    store = open_store(sqlite_url)
    record(store.engine, "brokenfeed", 1, ok=False, error="http://127.0.0.1:8000/rss.xml: feed failed: HTTP 404")
    [health] = source_health(store.engine, stale_days=7, failing_runs=3, now=NOW)
    store.close()
    assert not health.healthy and health.consecutive_failures == 1
    assert health.reason == "failed the last 1 run: http://127.0.0.1:8000/rss.xml: feed failed: HTTP 404"
    assert health.last_error == "http://127.0.0.1:8000/rss.xml: feed failed: HTTP 404"
