"""The job runner: a subprocess per run, killed when it overruns, its run recorded whatever happens.

Stand-in commands (small Python programs) play the crawl: one that records its run and
hangs, one that ignores SIGTERM, one that exits without recording anything.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest

import crawler.daemon.runner as job_runner
from crawler.daemon.runner import StopRequest, run_job
from crawler.store import open_store
from crawler.store.runs import last_runs


def stand_in(db_url: str, body: str) -> list[str]:
    """A command that records a crawl run (start_run) and then runs `body`."""
    prelude = (
        "import signal, sys, time\n"
        "from crawler.store import open_store\n"
        "from crawler.store.runs import start_run, finish_run\n"
        f"store = open_store({db_url!r})\n"
        "run_id = start_run(store.engine, 'crawl')\n"
        "print('crawl run', run_id, 'started', flush=True)\n"
    )
    return [sys.executable, "-c", prelude + body]


@pytest.fixture
def store(db_url):
    opened = open_store(db_url)
    yield opened
    opened.close()


def test_overrunning_job_is_killed_and_its_run_recorded_as_timeout(store, db_url):
    started = time.monotonic()
    result = run_job("crawl", stand_in(db_url, "time.sleep(60)\n"), engine=store.engine, timeout=2.0)
    assert time.monotonic() - started < 10
    assert result.outcome == "timeout" and result.exit_code != 0
    (record,) = last_runs(store.engine)
    assert record.kind == "crawl" and record.outcome == "timeout" and record.ended_at is not None
    assert any("overran its timeout of 2s" in error for error in record.errors)


def test_job_ignoring_sigterm_is_killed(store, db_url, monkeypatch):
    monkeypatch.setattr(job_runner, "KILL_AFTER", 0.5)
    body = "signal.signal(signal.SIGTERM, signal.SIG_IGN)\ntime.sleep(60)\n"
    started = time.monotonic()
    result = run_job("crawl", stand_in(db_url, body), engine=store.engine, timeout=1.5)
    assert time.monotonic() - started < 8
    assert result.exit_code == -9 and result.outcome == "timeout"


def test_stop_request_terminates_the_job_as_killed(store, db_url):
    stop = StopRequest()
    stop.request(1.0)
    result = run_job("crawl", stand_in(db_url, "time.sleep(60)\n"), engine=store.engine, timeout=60, stop=stop)
    assert result.outcome == "killed"
    assert last_runs(store.engine)[0].outcome == "killed"


def test_finished_run_keeps_the_childs_outcome_and_counts(store, db_url):
    body = "finish_run(store.engine, run_id, 'partial', {'new_articles': 2}, ['feed x: 404'])\nsys.exit(0)\n"
    result = run_job("crawl", stand_in(db_url, body), engine=store.engine, timeout=30)
    assert result.outcome == "partial" and result.exit_code == 0
    (record,) = last_runs(store.engine)
    assert record.counts == {"new_articles": 2} and record.errors == ["feed x: 404"]


def test_crash_leaving_the_run_open_is_recorded_as_failed(store, db_url):
    body = "print('Traceback: boom', file=sys.stderr, flush=True)\nsys.exit(1)\n"
    result = run_job("crawl", stand_in(db_url, body), engine=store.engine, timeout=30)
    (record,) = last_runs(store.engine)
    assert result.outcome == record.outcome == "failed"
    assert record.errors == ["crawl exited with code 1: Traceback: boom"]


def test_job_that_records_nothing_gets_a_run_of_its_own(store):
    command = [sys.executable, "-c", "import sys; print('bad config', file=sys.stderr); sys.exit(2)"]
    result = run_job("digest", command, engine=store.engine, timeout=30)
    (record,) = last_runs(store.engine)
    assert record.kind == "digest" and record.outcome == result.outcome == "failed"
    assert record.counts == {"exit_code": 2} and "bad config" in record.errors[0]
    ok = run_job("digest", [sys.executable, "-c", "pass"], engine=store.engine, timeout=30)
    assert ok.outcome == "ok" and last_runs(store.engine)[0].outcome == "ok"


def test_child_output_levels_keep_warnings_and_quiet_scrapy_chatter():
    import logging

    from crawler.daemon.runner import relay_level

    info = "2026-11-22 15:41:20,123 INFO scrapy.middleware: Enabled extensions:"
    assert relay_level(info, logging.INFO) == logging.DEBUG
    assert relay_level("{'BOT_NAME': 'capexwatch',", logging.DEBUG) == logging.DEBUG  # its continuation
    warning = "2026-11-22 15:41:20,123 WARNING crawler.crawling: source x: feed http://x/rss: 404"
    assert relay_level(warning, logging.DEBUG) == logging.WARNING
    assert relay_level("crawl ok: 2 of 2 sources answered", logging.DEBUG) == logging.INFO  # the summary


def test_runs_left_running_by_a_dead_process_are_closed_as_killed(store):
    from datetime import UTC, datetime, timedelta

    from crawler.daemon.runner import close_abandoned_runs
    from crawler.store.runs import start_run

    old = start_run(store.engine, "crawl", started_at=datetime.now(UTC) - timedelta(hours=2))
    fresh = start_run(store.engine, "crawl")
    assert close_abandoned_runs(store.engine, older_than=3600) == 1
    outcomes = {r.id: r.outcome for r in last_runs(store.engine)}
    assert outcomes == {old: "killed", fresh: "running"}


def test_digest_finding_another_digest_sending_is_recorded_as_nothing(store):
    from crawler.store.locks import EXIT_DIGEST_BUSY

    command = [sys.executable, "-c", f"import sys; print('another digest is being sent; nothing done'); "
               f"sys.exit({EXIT_DIGEST_BUSY})"]
    result = run_job("digest", command, engine=store.engine, timeout=30)
    (record,) = last_runs(store.engine)
    assert record.outcome == result.outcome == "nothing"
    assert "another digest is being sent" in record.errors[0]


def start_manual_run_later(engine, delay: float) -> tuple[threading.Thread, list[int]]:
    """A manual `crawl` (no runner token) that starts while the runner's child is running."""
    from crawler.store.runs import start_run

    started: list[int] = []
    thread = threading.Timer(delay, lambda: started.append(start_run(engine, "crawl")))
    thread.start()
    return thread, started


@pytest.mark.parametrize("child_ends", ["by itself", "by timeout"])
def test_a_manual_run_meanwhile_keeps_its_own_outcome(store, db_url, monkeypatch, child_ends):
    from crawler.store.runs import RUN_TOKEN_ENV, finish_run

    monkeypatch.delenv(RUN_TOKEN_ENV, raising=False)
    if child_ends == "by itself":
        finish = "finish_run(store.engine, run_id, 'partial', {}, ['feed x: 404'])\n"
        body, timeout, expected = f"time.sleep(2.5)\n{finish}", 30, "partial"
    else:
        body, timeout, expected = "time.sleep(60)\n", 2.5, "timeout"
    manual, started = start_manual_run_later(store.engine, 1.0)
    result = run_job("crawl", stand_in(db_url, body), engine=store.engine, timeout=timeout)
    manual.join()
    (manual_id,) = started
    outcomes = {r.id: r.outcome for r in last_runs(store.engine)}
    assert result.outcome == expected
    assert outcomes.pop(manual_id) == "running"  # still alive: not the runner's to finish
    assert list(outcomes.values()) == [expected]
    finish_run(store.engine, manual_id, "ok")
    assert {r.outcome for r in last_runs(store.engine)} == {"ok", expected}


def test_relayed_child_records_lose_their_own_timestamp_and_repeats_are_left_out(caplog):
    import collections
    import io
    import logging

    from crawler.daemon.runner import _relay

    child = (b"2026-11-30 14:26:53,998 WARNING brokenfeed: "
             b"http://127.0.0.1:9/rss.xml: feed failed: connection refused\n"
             b"source      feeds  errors\n"
             b"brokenfeed      0       1\n"
             b"  brokenfeed: http://127.0.0.1:9/rss.xml: feed failed: connection refused\n"
             b"crawl failed: 0 of 1 sources answered\n")
    tail: collections.deque[str] = collections.deque(maxlen=20)
    with caplog.at_level(logging.DEBUG, logger="capexwatch.crawl"):
        _relay(io.BytesIO(child), "crawl", tail)
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("WARNING", "| brokenfeed: http://127.0.0.1:9/rss.xml: feed failed: connection refused"),
        ("INFO", "| source      feeds  errors"),
        ("INFO", "| brokenfeed      0       1"),
        ("INFO", "| crawl failed: 0 of 1 sources answered"),
    ]


def test_run_logs_each_event_once_with_one_timestamp(tmp_path):
    import re

    from tests.conftest import ROOT

    config = tmp_path / "config.toml"
    config.write_text('[database]\nurl = "sqlite:///db.sqlite"\n[crawl]\ntimeout = 3.0\nretries = 0\n'
                      'download_delay = 0.0\n[digest]\nto = ["a@example.com"]\noutbox = "outbox"\n'
                      '[[sources]]\nname = "brokenfeed"\nfeeds = ["http://127.0.0.1:9/rss.xml"]\n'
                      'allowed_domains = ["127.0.0.1"]\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "crawler", "run", "--config", str(config)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 3, done.stderr
    lines = done.stderr.splitlines()
    stamp = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")
    assert lines and all(len(stamp.findall(line)) == 1 for line in lines), done.stderr
    assert all(re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (INFO|WARNING|ERROR) capexwatch\.", line) for line in lines)
    assert done.stderr.count("http://127.0.0.1:9/rss.xml: feed failed: connection refused") == 1, done.stderr
