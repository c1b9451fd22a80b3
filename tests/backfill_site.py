"""A local archive for the backfill tests: 8 months of articles (2024-12 .. 2025-07) on the
replay site, read over a window of 6 (2025-01-01 .. 2025-06-30).

`build_sitemaps` publishes monthly dated sitemaps of articles about one plan whose figure
grows with each article (so the order of storing shows in the facts' history); `build_list`
publishes a paginated list of another company's articles, newest first, from 2024-10, each
item dated on the list and in its page; `config_text` writes a configuration with the
sources asked for ("maps", and the lists "lists", followed by next-page links, and "pages",
by page number); `snapshot` reads back what a database
holds, to compare two runs; `count` polls a database another process is writing.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from sqlalchemy import create_engine, text

from tests.test_crawl_incremental import ARTICLE

ROOT = Path(__file__).resolve().parent.parent
MONTHS = ["2024-12", "2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07"]
INSIDE = MONTHS[1:7]
SINCE, UNTIL = "2025-01-01", "2025-06-30"
SITEMAP_DAYS = ("05", "20")


def urlset(entries: list[tuple[str, str]]) -> str:
    urls = "".join(f"<url><loc>{loc}</loc><lastmod>{day}T09:00:00+09:00</lastmod></url>" for loc, day in entries)
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


def sitemap_days(per_month: int) -> list[str]:
    return list(SITEMAP_DAYS) if per_month == 2 else [f"{3 + 4 * d:02d}" for d in range(per_month)]


def build_sitemaps(site, per_month: int = 2, delay: float = 0.0, stagger: float = 0.0) -> dict[str, int]:
    """`per_month` articles a month in /sitemap-YYYY-MM.xml, about one plan whose figure grows
    with each: path -> amount (조원). June's sitemap also lists /news/late.html, published July 1.
    Each page answers after `delay` seconds, plus `stagger` more for each page of its month before it."""
    amounts = {}
    for m, month in enumerate(MONTHS):
        entries = []
        for d, day in enumerate(sitemap_days(per_month)):
            path, amount = f"/news/{month}-{day}.html", 10 + per_month * m + d
            body = ARTICLE.format(title=f"삼성전자 평택 투자 {month}-{day}", amount=amount)
            site.add(path, body.replace("증설에", "2026년 증설에"), delay=delay + d * stagger)
            entries.append((site.url(path), f"{month}-{day}"))
            amounts[path] = amount
        if month == "2025-06":  # a late entry of June's sitemap, published in July: outside
            site.add("/news/late.html", ARTICLE.format(title="late", amount=99))
            entries.append((site.url("/news/late.html"), "2025-07-01"))
        site.add(f"/sitemap-{month}.xml", urlset(entries), content_type="application/xml")
    return amounts


def sitemap_paths(per_month: int = 2, months: list[str] = INSIDE) -> list[str]:
    return [f"/news/{month}-{day}.html" for month in months for day in sitemap_days(per_month)]


LIST_MONTHS = ["2024-10", "2024-11", *MONTHS]
LISTS = {"lists": ("SK하이닉스", 2027, ("04", "11", "18", "25"), 5),  # company, plan's year, days, items a page
         "pages": ("네이버", 2028, ("08", "16", "24"), 4)}
TRAP = "/lists/2025-06-29-edited.html"  # June 29 on the list, July 2 in its page: outside


def list_items(name: str) -> list[tuple[str, str, str]]:
    """(path, date on the list, date in the page) of a list's articles, newest first."""
    _, _, days, _ = LISTS[name]
    items = [(f"/{name}/{month}-{day}.html", f"{month}-{day}", f"{month}-{day}") for month in LIST_MONTHS
             for day in days]
    if name == "lists":
        items.append((TRAP, "2025-06-29", "2025-07-02"))
    return sorted(items, key=lambda item: item[1], reverse=True)


def list_page_path(name: str, number: int) -> str:
    first = {"lists": "/lists/", "pages": "/pages/list.html"}[name]
    if number == 1:
        return first
    return f"/lists/?p={number}" if name == "lists" else f"/pages/list.html?page={number}"


def build_list(site, name: str, delay: float = 0.0) -> list[list[str]]:
    """The list `name` and its articles (each its own figure of one plan); its pages' article paths."""
    company, year, _, per_page = LISTS[name]
    items = list_items(name)
    pages = [items[start:start + per_page] for start in range(0, len(items), per_page)]
    for n, page in enumerate(pages, start=1):
        rows = "".join(f'<li><a href="{path}">{company} 투자 {listed}</a> <span class="date">'
                       f'{listed.replace("-", ".")} 10:00</span></li>' for path, listed, _ in page)
        more = f'<a class="next" href="?p={n + 1}">다음</a>' if name == "lists" and n < len(pages) else ""
        site.add(list_page_path(name, n), f'<html><body><ul class="news">{rows}</ul>{more}</body></html>')
    for amount, (path, _, day) in enumerate(reversed(items), start=1):
        body = ARTICLE.format(title=f"{company} 투자 {day}", amount=amount).replace("삼성전자는", f"{company}는")
        body = body.replace("증설에", f"{year}년 증설에").replace(
            "<title>", f'<meta property="article:published_time" content="{day}T10:00:00+09:00"><title>')
        site.add(path, body, delay=delay)
    return [[path for path, _, _ in page] for page in pages]


def source_text(site, name: str) -> str:
    pagination = {"lists": 'next_page = "a.next::attr(href)"',
                  "pages": f'page_template = "{site.url("/pages/list.html?page={page}")}"'}
    discovery = {"maps": f'feeds = ["{site.url("/rss.xml")}"]\n'
                         f'archive_sitemaps = ["{site.url("/sitemap-{yyyy}-{mm}.xml")}"]\n',
                 **{name: f'list_pages = [{{ url = "{site.url(list_page_path(name, 1))}", item_selector = '
                          f'"ul.news li", {pagination[name]} }}]\n' for name in LISTS}}
    return f'\n[[sources]]\nname = "{name}"\n{discovery[name]}allowed_domains = ["127.0.0.1"]\n'


def config_text(site, db: str, sources: tuple[str, ...] = ("maps",), extra: str = "") -> str:
    """A configuration reading `sources` of the site into `db` (a database URL)."""
    return (f'[database]\nurl = "{db}"\n\n[crawl]\ndownload_delay = 0.0\nautothrottle = false\ntimeout = 5.0\n'
            f"retries = 0\nconcurrent_per_domain = 4\n{extra}" + "".join(source_text(site, s) for s in sources))


def backfill(config: Path, *extra: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    return subprocess.run(backfill_command(config, *extra), cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


def backfill_command(config: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "crawler", "backfill", "--config", str(config), "--since", SINCE,
            "--until", UNTIL, *extra]


SNAPSHOT = {
    "articles": "SELECT url, title, published, text FROM articles ORDER BY url",
    "facts": "SELECT subject, kind, period, amount, currency, status, first_seen, last_seen FROM facts "
             "ORDER BY subject, kind, period",
    "history": "SELECT a.url, c.status, c.amount, c.previous_amount FROM changes c JOIN articles a "
               "ON a.id = c.article_id ORDER BY c.id",
    "fetched": "SELECT f.url, f.matched, a.url FROM fetched_urls f LEFT JOIN articles a ON a.id = f.article_id "
               "ORDER BY f.url",
    "baseline": "SELECT subject FROM deliveries WHERE status = 'baseline'",
    "staged": "SELECT url FROM backfill_pages ORDER BY url",
}


def snapshot(db: str) -> dict[str, list[tuple]]:
    """What the database at `db` holds that a backfill decides (ids left out)."""
    engine = create_engine(db.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as conn:
        found = {name: [tuple(row) for row in conn.execute(text(sql))] for name, sql in SNAPSHOT.items()}
    engine.dispose()
    return found


def count(path: Path, sql: str) -> int:
    """A count from the SQLite file another process is writing (0 while it has no such table)."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)) as conn:
            return int(conn.execute(sql).fetchone()[0])
    except sqlite3.Error:
        return 0
