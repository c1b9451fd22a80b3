"""Instants keep their meaning on SQLite and PostgreSQL: 08:00 KST is 23:00 UTC the day before,
in what `source_health` and `status` read, and after migration 0007 for rows written before it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import text

from crawler.store import open_store
from crawler.store.crawlstate import SourceRunStats, record_source_run, remember_discovery, source_health
from crawler.store.engine import create_store_engine, reading, upgrade_schema

KST = timezone(timedelta(hours=9))
PUBLISHED = datetime(2026, 11, 30, 8, 0, tzinfo=KST)  # a feed item of 08:00 Korean time
IN_UTC = datetime(2026, 11, 29, 23, 0, tzinfo=UTC)  # the same instant


def test_a_feed_time_in_korean_time_reads_back_as_the_same_instant(db_url):
    store = open_store(db_url)
    record_source_run(store.engine, None, SourceRunStats("etnews", datetime(2026, 11, 30, 0, 10, tzinfo=UTC),
                                                         newest_item_at=PUBLISHED))
    # 25.5 hours after the item: stale with stale_days=1 (read as 08:00 UTC it would look 16.5 hours old)
    now = datetime(2026, 12, 1, 0, 30, tzinfo=UTC)
    [health] = source_health(store.engine, stale_days=1, failing_runs=3, now=now)
    store.close()
    assert health.newest_item_at == IN_UTC
    assert health.newest_item_at.utcoffset() == timedelta(0)
    assert not health.healthy and health.reason is not None


def test_the_newest_of_two_feeds_with_different_offsets_is_the_later_instant(db_url):
    store = open_store(db_url)
    started = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)
    record_source_run(store.engine, None, SourceRunStats("a", started, newest_item_at=PUBLISHED))  # 23:00 UTC
    record_source_run(store.engine, None, SourceRunStats("a", started + timedelta(minutes=30),
                                                         newest_item_at=datetime(2026, 11, 30, 0, 30, tzinfo=UTC)))
    [health] = source_health(store.engine, stale_days=7, failing_runs=3, now=started + timedelta(hours=1))
    store.close()
    assert health.newest_item_at == datetime(2026, 11, 30, 0, 30, tzinfo=UTC)  # not 08:00 "UTC"


def _write_before_0007(engine, sqlite: bool) -> None:
    """Rows as the code before migration 0007 left them: the feed's wall clock on SQLite."""
    stamp = "2026-11-30 08:00:00.000000" if sqlite else "2026-11-30 08:00:00+09:00"
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO source_runs (source, started_at, feeds_checked, not_modified, new_articles, "
                          "matched, new_facts, error_count, errors, newest_item_at, ok) VALUES ('etnews', "
                          ":started, 1, 0, 0, 0, 0, 0, '[]', :stamp, :ok)"),
                     {"started": "2026-11-30 00:10:00.000000" if sqlite else "2026-11-30 00:10:00+00:00",
                      "stamp": stamp, "ok": True})
        conn.execute(text("INSERT INTO discovery_pages (url, source, http_status, newest_item_at, checked_at) "
                          "VALUES ('https://www.etnews.com/rss', 'etnews', 200, :stamp, :checked)"),
                     {"stamp": stamp, "checked": "2026-11-30 00:10:00.000000" if sqlite else "2026-11-30 00:10Z"})


def test_migration_0007_moves_stored_feed_times_to_utc(db_url):
    engine = create_store_engine(db_url)
    upgrade_schema(engine, "0006")
    _write_before_0007(engine, db_url.startswith("sqlite"))
    upgrade_schema(engine)
    [health] = source_health(engine, stale_days=7, failing_runs=3, now=datetime(2026, 11, 30, 1, tzinfo=UTC))
    with reading(engine) as conn:
        checked = conn.execute(text("SELECT newest_item_at FROM discovery_pages")).scalar()
    engine.dispose()
    assert health.newest_item_at == IN_UTC
    assert health.last_ok_at == datetime(2026, 11, 30, 0, 10, tzinfo=UTC)  # written in UTC: left alone
    if db_url.startswith("sqlite"):
        assert checked == "2026-11-29 23:00:00.000000"
    else:
        assert checked == IN_UTC


def test_discovery_page_times_are_stored_in_utc(sqlite_url):
    store = open_store(sqlite_url)
    remember_discovery(store.engine, "https://www.etnews.com/rss", source="etnews", etag=None,
                          last_modified=None, http_status=200, newest_item_at=PUBLISHED)
    with reading(store.engine) as conn:
        stored = conn.execute(text("SELECT newest_item_at FROM discovery_pages")).scalar()
    store.close()
    assert stored == "2026-11-29 23:00:00.000000"
