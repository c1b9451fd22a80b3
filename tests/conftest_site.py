"""Fixtures for the local replay site (tests/replay_site.py, tests/replay_news.py).

    def test_x(replay_site): replay_site.add("/a.html", "<html>..."); replay_site.url("/a.html")
    def test_y(news_site): news_site.config(db_url) -> a config.toml text crawling the standard scenario
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.replay_news import NewsScenario, build_news_site
from tests.replay_site import ReplaySite


@pytest.fixture
def replay_site() -> Iterator[ReplaySite]:
    """An empty ReplaySite on 127.0.0.1 (also "localhost"), stopped after the test."""
    site = ReplaySite().start()
    try:
        yield site
    finally:
        site.stop()


@pytest.fixture
def news_site(replay_site: ReplaySite, seeds_dir) -> NewsScenario:
    """The standard news scenario (seed pages, feeds, sitemap, list page, hostile cases)."""
    return build_news_site(replay_site, seeds_dir)
