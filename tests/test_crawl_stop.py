"""A crawl told to stop (SIGTERM from the daemon, systemd or the daemon's death) stops
promptly, even with a download in flight, and records its run as killed."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

from crawler.store import open_store
from crawler.store.runs import last_runs
from tests.conftest import ROOT


def test_sigterm_stops_a_crawl_waiting_on_a_slow_page(tmp_path, replay_site, sqlite_url):
    replay_site.add("/slow.html", "<html><body><p>느린 페이지</p></body></html>", delay=30.0)
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        f'<item><title>slow</title><link>{replay_site.url("/slow.html")}</link></item></channel></rss>'
    )
    replay_site.add("/rss.xml", feed, content_type="application/rss+xml")
    config = tmp_path / "config.toml"
    config.write_text(
        f'[database]\nurl = "{sqlite_url}"\n[crawl]\ntimeout = 30.0\ndownload_delay = 0.0\n'
        f'[[sources]]\nname = "slow"\nfeeds = ["{replay_site.url("/rss.xml")}"]\nallowed_domains = ["127.0.0.1"]\n',
        encoding="utf-8",
    )
    crawl = subprocess.Popen([sys.executable, "-m", "crawler", "crawl", "--config", str(config)], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while replay_site.hits("/slow.html") == 0:
            assert time.monotonic() < deadline, "the crawl never requested the slow page"
            time.sleep(0.1)
        sent = time.monotonic()
        crawl.send_signal(signal.SIGTERM)
        out, _err = crawl.communicate(timeout=20)
        took = time.monotonic() - sent
    finally:
        crawl.kill()
    assert took < 15, f"the crawl took {took:.1f}s to stop; the slow page would take 30 s"
    assert crawl.returncode == 143
    assert "stopped by a signal" in out
    store = open_store(sqlite_url)
    (run,) = last_runs(store.engine, kind="crawl")
    store.close()
    assert run.outcome == "killed" and run.ended_at is not None
    assert run.errors[0].startswith("stopped by SIGTERM")
