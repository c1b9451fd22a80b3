"""backfill of list pages: a local site holding dated sitemaps ("maps") and two paginated lists
over 6 months and more ("lists", followed by next-page links; "pages", by page number) ->
every article of the window stored, none outside; each list read page by page back to the
first page older than the window, and not one page further."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.backfill_site import (
    LISTS,
    SINCE,
    TRAP,
    UNTIL,
    backfill,
    build_list,
    build_sitemaps,
    config_text,
    list_items,
    list_page_path,
    sitemap_paths,
)

pytestmark = pytest.mark.slow


def query(db: Path, sql: str) -> list[tuple]:
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        found = [tuple(row) for row in conn.execute(text(sql))]
    engine.dispose()
    return found


def in_window(day: str) -> bool:
    return SINCE <= day <= UNTIL


def test_a_backfill_follows_paginated_lists_back_to_the_window_and_stores_only_it(replay_site, tmp_path):
    build_sitemaps(replay_site)
    pages = {name: build_list(replay_site, name) for name in LISTS}
    db = tmp_path / "db.sqlite"
    config = tmp_path / "config.toml"
    config.write_text(config_text(replay_site, f"sqlite:///{db}", ("maps", "lists", "pages")), encoding="utf-8")
    done = backfill(config)
    assert done.returncode == 0, done.stdout + done.stderr

    wanted = [*sitemap_paths(), *(path for name in LISTS for path, listed, day in list_items(name)
                                  if in_window(listed) and in_window(day))]
    assert query(db, "SELECT url FROM articles ORDER BY url") == sorted((replay_site.url(p),) for p in wanted)
    for name in LISTS:
        for path, listed, _ in list_items(name):  # nothing listed outside the window is fetched
            assert replay_site.hits(path) == (1 if in_window(listed) else 0), path
        dates = {path: listed for path, listed, _ in list_items(name)}
        last = next(n for n, paths in enumerate(pages[name], start=1) if all(dates[p] < SINCE for p in paths))
        assert 1 < last < len(pages[name])  # the window starts within the list, pages past it exist
        assert [replay_site.hits(list_page_path(name, n)) for n in range(1, len(pages[name]) + 1)] == (
            [1] * last + [0] * (len(pages[name]) - last))
    assert query(db, "SELECT url FROM backfill_pages") == [(replay_site.url(TRAP),)]  # fetched, dated July: kept out

    for company in ("SK hynix", "Naver"):  # each list's plan: new, then revised in publication order
        history = query(db, "SELECT c.status, c.amount, a.published FROM changes c JOIN facts f ON f.id = c.fact_id "
                            f"JOIN articles a ON a.id = c.article_id WHERE f.subject = '{company}' ORDER BY c.id")
        assert [status for status, _, _ in history] == ["new"] + ["revised"] * (len(history) - 1)
        assert [amount for _, amount, _ in history] == sorted(amount for _, amount, _ in history)
        assert [published for _, _, published in history] == sorted(published for _, _, published in history)
    published = [day for (day,) in query(db, "SELECT a.published FROM changes c JOIN articles a "
                                              "ON a.id = c.article_id ORDER BY c.id")]
    assert published == sorted(published) and len(published) == 54  # the three sources, interleaved by date
    rows = {line.split()[0]: line.split() for line in done.stdout.splitlines() if line.startswith(("lists ", "pages "))}
    assert (rows["lists"][3], rows["lists"][5], rows["pages"][3], rows["pages"][5]) == ("25", "24", "18", "18")

    replay_site.reset_hits()
    again = backfill(config)
    assert again.returncode == 0, again.stderr
    assert all(replay_site.hits(path) == 0 for name in LISTS for path, _, _ in list_items(name))
