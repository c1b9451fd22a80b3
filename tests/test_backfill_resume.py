"""A backfill killed with SIGKILL (a real subprocess) while fetching, or while storing, and run
again ends with exactly what an uninterrupted backfill stores -- the same articles, facts,
history, remembered URLs and baseline, nothing twice -- and the second run fetches only the
article pages the first had not staged (the site's request log)."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.backfill_site import (
    ROOT,
    backfill,
    backfill_command,
    build_sitemaps,
    config_text,
    count,
    sitemap_paths,
    snapshot,
)

pytestmark = pytest.mark.slow
PER_MONTH = 6  # 36 articles in the window: a storing phase long enough to be killed in the middle


def uninterrupted(site, tmp_path: Path) -> dict[str, list[tuple]]:
    """What a backfill that nobody stops stores (its own database); the site's log is reset after."""
    db = f"sqlite:///{tmp_path / 'reference.sqlite'}"
    config = tmp_path / "reference.toml"
    config.write_text(config_text(site, db), encoding="utf-8")
    done = backfill(config)
    assert done.returncode == 0, done.stdout + done.stderr
    site.reset_hits()
    return snapshot(db)


def kill_when(config: Path, ready) -> None:
    """Start a backfill and SIGKILL it as soon as `ready()` holds."""
    process = subprocess.Popen(backfill_command(config), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    deadline = time.monotonic() + 120
    while not ready():
        assert process.poll() is None, "the backfill ended before it could be killed: " + process.communicate()[1]
        assert time.monotonic() < deadline
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)


def article_hits(site) -> dict[str, int]:
    return {path: site.hits(path) for path in sitemap_paths(PER_MONTH)}


def test_a_backfill_killed_while_fetching_fetches_only_what_it_had_not_staged(replay_site, tmp_path):
    build_sitemaps(replay_site, per_month=PER_MONTH, delay=0.3)
    reference = uninterrupted(replay_site, tmp_path)
    db = tmp_path / "db.sqlite"
    config = tmp_path / "config.toml"
    config.write_text(config_text(replay_site, f"sqlite:///{db}"), encoding="utf-8")
    kill_when(config, lambda: count(db, "SELECT count(*) FROM backfill_pages") >= 8)

    killed = snapshot(f"sqlite:///{db}")
    assert killed["articles"] == [] and killed["fetched"] == []  # killed before storing anything
    staged = {url for (url,) in killed["staged"]}
    assert 8 <= len(staged) < len(sitemap_paths(PER_MONTH))
    replay_site.reset_hits()
    resumed = backfill(config)
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    assert article_hits(replay_site) == {path: 0 if replay_site.url(path) in staged else 1
                                         for path in sitemap_paths(PER_MONTH)}
    assert snapshot(f"sqlite:///{db}") == reference


def test_a_backfill_killed_while_storing_stores_the_rest_without_fetching(replay_site, tmp_path):
    build_sitemaps(replay_site, per_month=PER_MONTH)
    reference = uninterrupted(replay_site, tmp_path)
    assert len(reference["articles"]) == 36 and reference["baseline"] == [
        ("baseline: 1 facts from 36 articles (2025-01-01 .. 2025-06-30)",)]
    db = tmp_path / "db.sqlite"
    config = tmp_path / "config.toml"
    config.write_text(config_text(replay_site, f"sqlite:///{db}"), encoding="utf-8")
    kill_when(config, lambda: count(db, "SELECT count(*) FROM articles") >= 1)

    killed = snapshot(f"sqlite:///{db}")
    assert 0 < len(killed["articles"]) < 36 and len(killed["staged"]) == 36  # really in the middle of storing
    assert killed["baseline"] == []
    replay_site.reset_hits()
    resumed = backfill(config)
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    assert article_hits(replay_site) == dict.fromkeys(sitemap_paths(PER_MONTH), 0)  # nothing fetched again
    assert snapshot(f"sqlite:///{db}") == reference
