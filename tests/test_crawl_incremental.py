"""Only new: a remembered article is fetched again only when its feed entry shows a newer date;
and `scrapy crawl <source>` works from the project root for people who know Scrapy."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow

ARTICLE = ("<html><head><meta charset='utf-8'><title>{title}</title></head><body><article><h1>{title}</h1>"
           "<p>삼성전자는 평택 반도체 공장 증설에 {amount}조원을 투자한다고 24일 밝혔다.</p>"
           "<p>업계에서는 이번 투자가 국내 반도체 생태계 전반의 경쟁력을 높이는 계기가 될 것으로 보고 있다. "
           "회사 측은 구체적인 일정과 세부 계획을 이사회 승인 이후 순차적으로 공개할 예정이라고 설명했다.</p>"
           "</article></body></html>")


def rss(link: str, pub_date: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>'
            f"<item><title>a</title><link>{link}</link><pubDate>{pub_date}</pubDate></item></channel></rss>")


def config_text(site, db: Path) -> str:
    return f"""[database]
url = "sqlite:///{db}"

[crawl]
download_delay = 0.0
autothrottle = false
timeout = 5.0
retries = 0

[[sources]]
name = "site"
feeds = ["{site.url('/rss.xml')}"]
allowed_domains = ["127.0.0.1"]
"""


def crawl(config: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "crawler", "crawl", "--config", str(config)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_article_is_fetched_again_only_when_its_entry_is_newer(replay_site, tmp_path):
    site = replay_site
    site.add("/a.html", ARTICLE.format(title="삼성전자 평택 투자", amount=30))
    site.add("/rss.xml", rss(site.url("/a.html"), "Mon, 24 Feb 2025 10:00:00 +0900"), etag='"1"',
             content_type="application/rss+xml")
    config = tmp_path / "config.toml"
    config.write_text(config_text(site, tmp_path / "db.sqlite"), encoding="utf-8")

    assert crawl(config).returncode == 0
    assert site.hits("/a.html") == 1
    assert crawl(config).returncode == 0  # unchanged feed: 304
    assert site.hits("/rss.xml") == 2 and site.hits("/a.html") == 1

    site.add("/rss.xml", rss(site.url("/a.html"), "Tue, 25 Feb 2025 09:00:00 +0900"), etag='"2"',
             content_type="application/rss+xml")
    site.add("/a.html", ARTICLE.format(title="삼성전자 평택 투자 확대", amount=35))
    third = crawl(config)
    assert third.returncode == 0, third.stderr
    assert site.hits("/a.html") == 2  # the entry is newer: fetched again
    engine = create_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with engine.connect() as conn:
        lastmod = conn.execute(text("SELECT lastmod FROM fetched_urls")).scalar_one()
        # the new version is diffed like any article: the same article, its figure revised
        articles = conn.execute(text("SELECT title, text FROM articles")).all()
        history = conn.execute(text("SELECT status, amount, previous_amount, direction FROM changes "
                                    "ORDER BY id")).all()
        fact = conn.execute(text("SELECT amount, status FROM facts WHERE kind = 'capex'")).one()
    engine.dispose()
    assert lastmod == "2025-02-25T09:00:00+09:00"
    assert [title for title, _ in articles] == ["삼성전자 평택 투자 확대"] and "35조원" in articles[0][1]
    assert [tuple(row) for row in history] == [("new", 30 * 10**12, None, None),
                                               ("revised", 35 * 10**12, 30 * 10**12, "up")]
    assert tuple(fact) == (35 * 10**12, "revised")

    site.add("/rss.xml", rss(site.url("/a.html"), "Mon, 24 Feb 2025 10:00:00 +0900"), etag='"3"',
             content_type="application/rss+xml")  # a feed that changed, but not this entry's date
    assert crawl(config).returncode == 0
    assert site.hits("/a.html") == 2


def test_scrapy_crawl_source_from_the_project_root(replay_site, tmp_path):
    site = replay_site
    site.add("/a.html", ARTICLE.format(title="삼성전자 평택 투자", amount=30))
    site.add("/rss.xml", rss(site.url("/a.html"), "Mon, 24 Feb 2025 10:00:00 +0900"),
             content_type="application/rss+xml")
    config = tmp_path / "config.toml"
    config.write_text(config_text(site, tmp_path / "db.sqlite"), encoding="utf-8")
    scrapy = Path(sys.executable).parent / "scrapy"
    done = subprocess.run([str(scrapy), "crawl", "site", "-s", "LOG_LEVEL=WARNING"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "CAPEXWATCH_CONFIG": str(config)})
    assert done.returncode == 0, done.stderr
    assert site.hits("/a.html") == 1
    engine = create_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM articles")).scalar_one() == 1
        assert conn.execute(text("SELECT source, ok FROM source_runs")).all() == [("site", True)]
    engine.dispose()


def test_a_feed_that_is_not_a_feed_fails_its_source_with_the_url(replay_site, tmp_path):
    replay_site.add("/rss.xml", "<html><body>moved to a new address</body></html>")
    config = tmp_path / "config.toml"
    config.write_text(config_text(replay_site, tmp_path / "db.sqlite"), encoding="utf-8")
    done = crawl(config)
    assert done.returncode == 3
    assert f"{replay_site.url('/rss.xml')}: cannot read this feed: not an RSS or Atom feed" in done.stdout
    assert "crawl failed: 0 of 1 sources answered" in done.stdout


@pytest.mark.postgres
def test_crawl_stores_into_postgresql(replay_site, tmp_path, postgres_url):
    replay_site.add("/a.html", ARTICLE.format(title="삼성전자 평택 투자", amount=30))
    replay_site.add("/rss.xml", rss(replay_site.url("/a.html"), "Mon, 24 Feb 2025 10:00:00 +0900"),
                    content_type="application/rss+xml", etag='"1"')
    config = tmp_path / "config.toml"
    config.write_text(config_text(replay_site, tmp_path / "unused.sqlite"), encoding="utf-8")
    for _ in range(2):
        done = subprocess.run([sys.executable, "-m", "crawler", "crawl", "--config", str(config), "--db", postgres_url],
                              cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
    assert replay_site.hits("/a.html") == 1
    engine = create_engine(postgres_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM articles")).scalar_one() == 1
        assert conn.execute(text("SELECT count(*) FROM facts")).scalar_one() >= 1
        assert conn.execute(text("SELECT etag FROM discovery_pages")).scalar_one() == '"1"'
    engine.dispose()


def second_headers(site, path: str) -> list[dict[str, str]]:
    return [headers for _, p, headers in site.request_headers if p == path]


def test_an_article_that_failed_temporarily_is_fetched_on_the_next_crawl(replay_site, tmp_path):
    """A 503 (beyond retries) must not let the feed answer 304 next time; a 404 may."""
    site = replay_site
    site.add("/a.html", ARTICLE.format(title="삼성전자 평택 투자", amount=30), status=503)
    site.add("/rss.xml", rss(site.url("/a.html"), "Mon, 24 Feb 2025 10:00:00 +0900"), etag='"a1"',
             content_type="application/rss+xml")
    site.add("/gone-rss.xml", rss(site.url("/gone.html"), "Mon, 24 Feb 2025 10:00:00 +0900"), etag='"g1"',
             content_type="application/rss+xml")  # /gone.html answers 404
    config = tmp_path / "config.toml"
    config.write_text(config_text(site, tmp_path / "db.sqlite").replace(
        'feeds = ["', f'feeds = ["{site.url("/gone-rss.xml")}", "'), encoding="utf-8")

    first = crawl(config)
    assert f"{site.url('/a.html')}: HTTP 503, skipped" in first.stdout, first.stdout + first.stderr
    assert site.hits("/a.html") == 1 and site.hits("/gone.html") == 1

    site.add("/a.html", ARTICLE.format(title="삼성전자 평택 투자", amount=30))  # the outage is over
    site.reset_hits()
    second = crawl(config)
    assert second.returncode == 0, second.stderr
    assert site.hits("/a.html") == 1  # offered again by the feed, fetched, stored
    assert second_headers(site, "/rss.xml")[0].get("if-none-match") is None  # read in full, not 304
    assert second_headers(site, "/gone-rss.xml")[0].get("if-none-match") == '"g1"'  # 404: settled, 304
    assert site.hits("/gone.html") == 0
    engine = create_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT title FROM articles")).scalars().all() == ["삼성전자 평택 투자"]
    engine.dispose()

    site.reset_hits()
    assert crawl(config).returncode == 0  # now everything is settled: both feeds answer 304
    assert second_headers(site, "/rss.xml")[0].get("if-none-match") == '"a1"'
    assert site.hits("/a.html") == 0


def test_a_failed_article_of_a_child_sitemap_keeps_its_index_from_answering_304(replay_site, tmp_path):
    site = replay_site
    site.add("/a.html", ARTICLE.format(title="삼성전자 평택 투자", amount=30), fail_first=1)  # one 500, retries 0
    site.add("/index.xml", '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             f"<sitemap><loc>{site.url('/child.xml')}</loc></sitemap></sitemapindex>", etag='"i1"',
             content_type="application/xml")
    site.add("/child.xml", '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             f"<url><loc>{site.url('/a.html')}</loc></url></urlset>", etag='"c1"', content_type="application/xml")
    config = tmp_path / "config.toml"
    config.write_text(config_text(site, tmp_path / "db.sqlite").replace(
        f'feeds = ["{site.url("/rss.xml")}"]', f'sitemaps = ["{site.url("/index.xml")}"]'), encoding="utf-8")
    assert crawl(config).returncode == 0
    assert site.hits("/a.html") == 1
    assert crawl(config).returncode == 0
    assert site.hits("/child.xml") == 2 and site.hits("/a.html") == 2  # the index was read in full again


def test_a_gzipped_sitemap_is_decompressed_no_larger_than_max_page_bytes(replay_site, tmp_path):
    site = replay_site
    site.add("/a.html", ARTICLE.format(title="삼성전자 평택 투자", amount=30))

    def gzipped_sitemap(links: list[str]) -> bytes:
        urls = "".join(f"<url><loc>{link}</loc></url>" for link in links)
        return gzip.compress(f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                             f"{urls}</urlset>".encode())

    small = gzipped_sitemap([site.url("/a.html")])
    bomb = gzipped_sitemap([site.url(f"/old/{n}.html") for n in range(2000)])  # ~80 KB of XML
    assert len(bomb) < 20_000  # the download itself is under the cap; only its XML is over
    site.add("/small.xml.gz", small, content_type="application/x-gzip")
    site.add("/bomb.xml.gz", bomb, content_type="application/x-gzip")
    config = tmp_path / "config.toml"
    config.write_text(config_text(site, tmp_path / "db.sqlite").replace(
        "retries = 0", "retries = 0\nmax_page_bytes = 20000").replace(
        f'feeds = ["{site.url("/rss.xml")}"]',
        f'sitemaps = ["{site.url("/bomb.xml.gz")}", "{site.url("/small.xml.gz")}"]'), encoding="utf-8")
    done = crawl(config)
    assert done.returncode == 0, done.stderr  # the source still read one sitemap
    assert (f"{site.url('/bomb.xml.gz')}: cannot read this sitemap: gzipped sitemap is larger than "
            "[crawl].max_page_bytes (20000 bytes) when decompressed") in done.stdout
    assert site.hits("/a.html") == 1
    assert not any(path.startswith("/old/") for _, path in site.requests)


def rss_items(site, items: list[tuple[str, str]]) -> str:
    entries = "".join(f"<item><title>a</title><link>{site.url(path)}</link><pubDate>{date}</pubDate></item>"
                      for path, date in items)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>{entries}'
            "</channel></rss>")


def summary_row(stdout: str) -> dict[str, str]:
    lines = stdout.splitlines()
    header, row = lines[0].split(), next(line for line in lines if line.startswith("site ")).split()
    return dict(zip(header, row, strict=True))


PLAIN = ("<html><head><meta charset='utf-8'><title>날씨</title></head><body><article><h1>내일 전국 맑음</h1>"
         "<p>기상청은 내일 전국이 대체로 맑고 낮 기온이 평년보다 높겠다고 24일 예보했다.</p>"
         "<p>다만 일부 지역에는 오후 한때 구름이 많겠으며 큰 일교차에 유의해야 한다고 덧붙였다.</p>"
         "</article></body></html>")


def test_the_summary_counts_fetched_new_matched_and_facts_by_status(replay_site, tmp_path):
    site = replay_site
    day = "Mon, 24 Feb 2025 10:00:00 +0900"
    for path, title, amount in (("/a.html", "삼성전자 평택 투자", 30), ("/b.html", "SK하이닉스 청주 투자", 20),
                                ("/c.html", "LG 구미 투자", 5)):
        site.add(path, ARTICLE.format(title=title, amount=amount).replace("삼성전자는", title.split()[0] + "는"))
    site.add("/d.html", PLAIN)
    items = [("/a.html", day), ("/b.html", day), ("/c.html", day), ("/d.html", day)]
    site.add("/rss.xml", rss_items(site, items), etag='"1"', content_type="application/rss+xml")
    config = tmp_path / "config.toml"
    config.write_text(config_text(site, tmp_path / "db.sqlite"), encoding="utf-8")
    first = crawl(config)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[0].split() == ["source", "feeds", "304", "fetched", "new", "matched", "facts:new",
                                                    "confirmed", "revised", "conflicts", "errors", "left"]
    assert summary_row(first.stdout) == {"source": "site", "feeds": "1", "304": "0", "fetched": "4", "new": "4",
                                         "matched": "3", "facts:new": "3", "confirmed": "0", "revised": "0",
                                         "conflicts": "0", "errors": "0", "left": "0"}

    site.add("/a.html", ARTICLE.format(title="삼성전자 평택 투자 확대", amount=35))
    items[0] = ("/a.html", "Tue, 25 Feb 2025 09:00:00 +0900")
    site.add("/rss.xml", rss_items(site, items), etag='"2"', content_type="application/rss+xml")
    second = crawl(config)
    assert second.returncode == 0, second.stderr
    assert summary_row(second.stdout) == {"source": "site", "feeds": "1", "304": "0", "fetched": "1", "new": "0",
                                          "matched": "1", "facts:new": "0", "confirmed": "0", "revised": "1",
                                          "conflicts": "0", "errors": "0", "left": "0"}


def limited_config(site, db: Path, sources: str, limits: str) -> str:
    return config_text(site, db).replace("retries = 0", f"retries = 0\nconcurrent_per_domain = 8\n{limits}").replace(
        f'feeds = ["{site.url("/rss.xml")}"]', sources)


def fetched_paths(site, prefix: str) -> list[str]:
    return sorted(path for _, path in site.requests if path.startswith(prefix))


def test_a_300_entry_feed_is_fetched_whole_over_successive_runs_nothing_twice(replay_site, tmp_path):
    site = replay_site
    items = []
    for n in range(300):  # n = 0 is the newest entry
        site.add(f"/n/{n}.html", PLAIN.replace("내일 전국 맑음", f"날씨 {n}"))
        moment = datetime(2025, 2, 24, 12, 0, tzinfo=UTC) - timedelta(minutes=n)
        items.append((f"/n/{n}.html", format_datetime(moment)))
    site.add("/rss.xml", rss_items(site, items), etag='"300"', content_type="application/rss+xml")
    config = tmp_path / "config.toml"
    config.write_text(limited_config(site, tmp_path / "db.sqlite", f'feeds = ["{site.url("/rss.xml")}"]',
                                     "max_items_per_source = 120"), encoding="utf-8")

    first = crawl(config)
    assert first.returncode == 0, first.stderr
    assert (summary_row(first.stdout)["fetched"], summary_row(first.stdout)["left"]) == ("120", "180")
    assert "  site: 180 left for the next run" in first.stdout
    assert fetched_paths(site, "/n/") == sorted(f"/n/{n}.html" for n in range(120))  # the newest 120
    second = crawl(config)
    assert (summary_row(second.stdout)["fetched"], summary_row(second.stdout)["left"]) == ("120", "60")
    assert second_headers(site, "/rss.xml")[1].get("if-none-match") is None  # entries were left: read in full
    third = crawl(config)
    assert (summary_row(third.stdout)["fetched"], summary_row(third.stdout)["left"]) == ("60", "0")
    assert "left for the next run" not in third.stdout
    fourth = crawl(config)
    assert summary_row(fourth.stdout)["304"] == "1"  # every entry fetched: the feed is settled
    assert second_headers(site, "/rss.xml")[3].get("if-none-match") == '"300"'
    assert fetched_paths(site, "/n/") == sorted(f"/n/{n}.html" for n in range(300))  # each once
    engine = create_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM fetched_urls")).scalar_one() == 300
    engine.dispose()


def urlset(site, paths: list[str]) -> str:
    urls = "".join(f"<url><loc>{site.url(path)}</loc></url>" for path in paths)
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


def test_the_children_of_a_sitemap_index_past_the_limit_are_read_on_the_next_runs(replay_site, tmp_path):
    site = replay_site
    children = []
    for month in range(1, 6):  # five monthly sitemaps of three articles, max_child_sitemaps = 2
        paths = [f"/m{month}/{n}.html" for n in range(3)]
        for path in paths:
            site.add(path, PLAIN)
        site.add(f"/sitemap-{month}.xml", urlset(site, paths), etag=f'"c{month}"', content_type="application/xml")
        children.append(f"<sitemap><loc>{site.url(f'/sitemap-{month}.xml')}</loc>"
                        f"<lastmod>2025-0{month}-28T00:00:00+09:00</lastmod></sitemap>")
    site.add("/index.xml", '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             f"{''.join(children)}</sitemapindex>", etag='"i1"', content_type="application/xml")
    config = tmp_path / "config.toml"
    config.write_text(limited_config(site, tmp_path / "db.sqlite", f'sitemaps = ["{site.url("/index.xml")}"]',
                                     "max_child_sitemaps = 2"), encoding="utf-8")

    first = crawl(config)
    assert first.returncode == 0, first.stderr
    assert "  site: 0 left for the next run (3 child sitemaps not read yet)" in first.stdout
    assert fetched_paths(site, "/sitemap-") == ["/sitemap-4.xml", "/sitemap-5.xml"]  # the newest two
    second = crawl(config)
    assert "(1 child sitemaps not read yet)" in second.stdout
    assert fetched_paths(site, "/sitemap-") == ["/sitemap-2.xml", "/sitemap-3.xml", "/sitemap-4.xml",
                                                "/sitemap-5.xml"]
    third = crawl(config)
    assert "left for the next run" not in third.stdout
    assert summary_row(third.stdout)["fetched"] == "3"
    fourth = crawl(config)
    assert summary_row(fourth.stdout)["304"] == "1"  # every child read: the index is settled
    assert fetched_paths(site, "/m") == sorted(f"/m{m}/{n}.html" for m in range(1, 6) for n in range(3))
