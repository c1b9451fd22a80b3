"""robots.txt Crawl-delay: honoured per domain (AutoThrottle does not go under it), capped by
[crawl].max_crawl_delay, and shown in the source's summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_crawl_incremental import PLAIN, config_text, crawl, rss_items, summary_row

pytestmark = pytest.mark.slow
DAY = "Mon, 24 Feb 2025 10:00:00 +0900"


def delayed_site(site, robots: str, articles: int) -> None:
    site.add("/robots.txt", robots, content_type="text/plain")
    items = []
    for n in range(articles):
        site.add(f"/d/{n}.html", PLAIN)
        items.append((f"/d/{n}.html", DAY))
    site.add("/rss.xml", rss_items(site, items), content_type="application/rss+xml")


def write_config(site, tmp_path: Path, extra: str = "") -> Path:
    config = tmp_path / "config.toml"
    text = config_text(site, tmp_path / "db.sqlite").replace("autothrottle = false", "autothrottle = true")
    config.write_text(text.replace("retries = 0", f"retries = 0\nconcurrent_per_domain = 4\n{extra}"),
                      encoding="utf-8")
    return config


def gaps_after_robots(site) -> list[float]:
    """Seconds between consecutive requests after robots.txt (the feed, then the articles)."""
    times = sorted(moment for moment, _, path in site.request_times if path != "/robots.txt")
    return [later - earlier for earlier, later in zip(times, times[1:], strict=False)]


def test_a_crawl_delay_is_kept_between_requests_to_its_domain(replay_site, tmp_path):
    delayed_site(replay_site, "User-agent: *\nCrawl-delay: 1\nDisallow: /private/\n", articles=4)
    done = crawl(write_config(replay_site, tmp_path))
    assert done.returncode == 0, done.stderr
    assert summary_row(done.stdout)["fetched"] == "4"
    gaps = gaps_after_robots(replay_site)
    assert len(gaps) == 4 and min(gaps) >= 0.95, gaps  # download_delay 0: only robots.txt slows it
    assert "  site: robots.txt Crawl-delay 1s honoured\n" in done.stdout


def test_a_crawl_delay_above_the_cap_is_honoured_as_the_cap(replay_site, tmp_path):
    delayed_site(replay_site, "User-agent: *\nCrawl-delay: 60\n", articles=3)
    done = crawl(write_config(replay_site, tmp_path, "max_crawl_delay = 0.8"))
    assert done.returncode == 0, done.stderr
    gaps = gaps_after_robots(replay_site)
    assert len(gaps) == 3 and min(gaps) >= 0.75 and max(gaps) < 5, gaps
    assert "  site: robots.txt Crawl-delay 0.8s honoured (robots.txt asks 60s, capped)" in done.stdout


def test_without_a_crawl_delay_nothing_is_said_or_slowed(replay_site, tmp_path):
    delayed_site(replay_site, "User-agent: *\nDisallow: /private/\n", articles=3)
    done = crawl(write_config(replay_site, tmp_path))
    assert done.returncode == 0, done.stderr
    assert "Crawl-delay" not in done.stdout
    assert sum(gaps_after_robots(replay_site)) < 2.0
