from __future__ import annotations

import pytest

from crawler.store import open_store
from crawler.store.runs import finish_run, last_runs, start_run


def test_runs_are_recorded_newest_first(db_url):
    store = open_store(db_url)
    crawl = start_run(store.engine, "crawl")
    digest = start_run(store.engine, "digest")
    finish_run(store.engine, crawl, "partial", {"new_articles": 3}, ["feed http://x/rss: timeout"])
    records = last_runs(store.engine)
    assert [r.id for r in records] == [digest, crawl]
    assert records[0].outcome == "running" and records[0].ended_at is None
    assert records[1].outcome == "partial"
    assert records[1].counts == {"new_articles": 3}
    assert records[1].errors == ["feed http://x/rss: timeout"]
    assert [r.kind for r in last_runs(store.engine, kind="crawl")] == ["crawl"]
    store.close()


def test_unknown_outcome_is_refused(sqlite_url):
    store = open_store(sqlite_url)
    with pytest.raises(ValueError):
        finish_run(store.engine, start_run(store.engine, "crawl"), "great")
