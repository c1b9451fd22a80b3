"""Discovery parsing (feeds, sitemaps, list pages, dates), the domain check, crawl state and health."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from crawler.store import open_store
from crawler.store.crawlstate import (
    SourceRunStats,
    discovery_validators,
    record_source_run,
    remember_discovery,
    remember_fetch,
    source_health,
    unseen_candidates,
)
from spiders.archives import list_page_url, past_window
from spiders.discovery import (
    Entry,
    newest_first,
    next_page_url,
    parse_date,
    parse_feed,
    parse_list_page,
    parse_sitemap,
)
from spiders.middlewares import host_allowed

BASE = "https://www.example.co.kr/rss/allArticle.xml"

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>t</title>
<item><title>a</title><link><![CDATA[https://www.example.co.kr/news/articleView.html?idxno=1]]></link>
<pubDate>2025-02-24 09:30:00</pubDate></item>
<item><title>b</title><link>https://www.example.co.kr/news/articleView.html?idxno=2</link>
<pubDate>Mon, 24 Feb 2025 10:00:00 +0900</pubDate></item>
<item><title>c</title><link>/news/articleView.html?idxno=3</link><dc:date>2025-02-24T11:00:00+09:00</dc:date></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title>x</title><link rel="alternate" href="https://www.example.co.kr/a/1"/>
<published>2025-02-24T01:00:00Z</published><updated>2025-02-25T01:00:00Z</updated></entry></feed>"""


def test_rss_entries_with_cdata_links_relative_links_and_korean_time_for_naive_dates():
    entries = parse_feed(RSS.encode(), BASE)
    assert [e.url for e in entries] == [
        "https://www.example.co.kr/news/articleView.html?idxno=1",
        "https://www.example.co.kr/news/articleView.html?idxno=2",
        "https://www.example.co.kr/news/articleView.html?idxno=3",
    ]
    assert entries[0].published == "2025-02-24T09:30:00+09:00"  # no timezone: Korean time
    assert entries[1].published == "2025-02-24T10:00:00+09:00"
    assert entries[2].lastmod == "2025-02-24T11:00:00+09:00"  # dc:date


def test_atom_entry_uses_updated_as_modification_and_published_as_publication():
    (entry,) = parse_feed(ATOM.encode(), BASE)
    assert entry.url == "https://www.example.co.kr/a/1"
    assert parse_date(entry.lastmod) == datetime(2025, 2, 25, 1, tzinfo=UTC)
    assert parse_date(entry.published) == datetime(2025, 2, 24, 1, tzinfo=UTC)


def test_feed_external_entities_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    hostile = f"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>
<rss version="2.0"><channel><title>&xxe;</title><item><title>&xxe;</title>
<link>https://www.example.co.kr/a/&xxe;</link></item></channel></rss>"""
    with pytest.raises(ValueError, match="entities"):
        parse_feed(hostile.encode(), BASE)


def test_news_sitemap_publication_dates_and_sitemap_index_children():
    news = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://www.example.co.kr/a/1</loc><news:news><news:publication_date>2025-11-09T10:00:00+09:00</news:publication_date>
<news:title>t</news:title></news:news></url>
<url><loc>https://www.example.co.kr/a/2</loc><lastmod>2025-11-10</lastmod></url></urlset>"""
    articles, children = parse_sitemap(news, BASE)
    assert children == []
    published = "2025-11-09T10:00:00+09:00"
    assert articles[0] == Entry("https://www.example.co.kr/a/1", published, published)
    assert articles[1].lastmod == "2025-11-10T00:00:00+09:00"
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://www.example.co.kr/sitemap-2.xml</loc><lastmod>2025-11-01</lastmod></sitemap></sitemapindex>"""
    day = "2025-11-01T00:00:00+09:00"
    assert parse_sitemap(index, BASE) == ([], [Entry("https://www.example.co.kr/sitemap-2.xml", day, day)])


def test_sitemap_external_entities_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    hostile = f"""<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file://{secret}">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://www.example.co.kr/&xxe;</loc></url></urlset>"""
    articles, _ = parse_sitemap(hostile.encode(), BASE)
    assert all("TOP-SECRET" not in e.url for e in articles)


def test_list_page_selector_and_pattern():
    html = """<ul><li><a href="/view/?no=20250224001">기사</a></li><li><a href="/about">소개</a></li>
    <li><a href="https://other.example/view/?no=1">밖</a></li><li><a href="/view/?no=20250224001">중복</a></li></ul>"""
    entries = parse_list_page(html, "https://zdnet.co.kr/news/", "a::attr(href)", r"/view/\?no=\d+")
    assert [e.url for e in entries] == ["https://zdnet.co.kr/view/?no=20250224001", "https://other.example/view/?no=1"]
    xpath = parse_list_page(html, "https://zdnet.co.kr/news/", "//li[1]/a/@href", None)
    assert [e.url for e in xpath] == ["https://zdnet.co.kr/view/?no=20250224001"]


LIST = """<ul class="news">
  <li><a href="/view/?no=3"><img src="t.jpg"></a><a href="/view/?no=3">셋째</a><em>[산업]</em>
      <span class="date">2025.03.12 09:40</span></li>
  <li class="ad"><a href="/view/?no=2">둘째</a> 2025-03-11 <span class="date">수정 2025.03.13</span></li>
  <li><a href="/view/?no=1">첫째</a> 3시간 전</li>
</ul><a class="next" href="?page=2">다음</a>"""


def test_list_page_items_date_their_links():
    entries = parse_list_page(LIST, "https://zdnet.co.kr/news/", "a::attr(href)", None, "ul.news li")
    first, second = "2025-03-12T09:40:00+09:00", "2025-03-11T00:00:00+09:00"
    assert entries == [Entry("https://zdnet.co.kr/view/?no=3", first, first),
                       Entry("https://zdnet.co.kr/view/?no=2", second, second),
                       Entry("https://zdnet.co.kr/view/?no=1")]  # no full date in the item: undated
    chosen = parse_list_page(LIST, "https://zdnet.co.kr/news/", "./a/@href", None, "//ul/li", "span.date::text")
    assert [(e.url[-1], e.published) for e in chosen] == [("3", "2025-03-12T09:40:00+09:00"),
                                                           ("2", "2025-03-13T00:00:00+09:00"), ("1", None)]


def test_the_next_list_page_and_the_numbered_pages():
    assert next_page_url(LIST, "https://zdnet.co.kr/news/", "a.next::attr(href)") == "https://zdnet.co.kr/news/?page=2"
    assert next_page_url(LIST, "https://zdnet.co.kr/news/", "a.prev::attr(href)") is None
    assert list_page_url("https://x.example/list?cat=1&page={page}", 7) == "https://x.example/list?cat=1&page=7"


def test_a_list_page_is_past_the_window_when_every_dated_entry_is_older():
    since = date(2025, 3, 1)
    older = Entry("a", published="2025-02-28T23:59:00+09:00")
    boundary = Entry("b", published="2025-03-01T00:00:00+09:00")
    utc = Entry("c", published="2025-02-28T15:30:00+00:00")  # March 1, 00:30 in Korea
    assert past_window([older, Entry("undated")], since)
    assert not past_window([older, boundary], since)  # one of its entries is still in the window
    assert not past_window([older, utc], since)
    assert not past_window([Entry("undated")], since)  # nothing says how old it is: go on


@pytest.mark.parametrize(("raw", "expected"), [
    ("Mon, 24 Feb 2025 10:00:00 +0900", "2025-02-24T10:00:00+09:00"),
    ("Mon, 24 Feb 2025 01:00:00 GMT", "2025-02-24T01:00:00+00:00"),
    ("2025-02-24T10:00:00", "2025-02-24T10:00:00+09:00"),
    ("2025.02.24 10:30", "2025-02-24T10:30:00+09:00"),
    ("2025년 2월 24일", "2025-02-24T00:00:00+09:00"),
    ("2025-02-24T01:00:00Z", "2025-02-24T01:00:00+00:00"),
])
def test_dates(raw, expected):
    assert parse_date(raw).isoformat() == expected


def test_unparseable_dates_are_none():
    assert parse_date("어제") is None
    assert parse_date("") is None


def test_newest_first_keeps_dated_newest_then_undated_in_page_order():
    jan, feb = "2025-01-01T00:00:00+09:00", "2025-02-01T00:00:00+09:00"
    entries = [Entry("u1"), Entry("d1", jan), Entry("u2"), Entry("d2", feb)]
    assert [e.url for e in newest_first(entries, 3)] == ["d2", "d1", "u1"]


def test_host_allowed_ignores_port_and_accepts_subdomains_only():
    assert host_allowed("http://127.0.0.1:8123/a", ["127.0.0.1"])
    assert host_allowed("https://news.mt.co.kr/mtview.php?no=1", ["mt.co.kr"])
    assert not host_allowed("https://evilmt.co.kr/", ["mt.co.kr"])
    assert not host_allowed("http://localhost:8123/a", ["127.0.0.1"])


def test_remembered_urls_are_skipped_unless_their_entry_is_newer(db_url):
    store = open_store(db_url)
    remember_fetch(store.engine, "https://a.kr/1", source="s", lastmod="2025-02-24T10:00:00+09:00", http_status=200)
    remember_fetch(store.engine, "https://a.kr/2", source="s", lastmod=None, http_status=200,
                   fetched_at=datetime(2025, 2, 24, 12, 0, tzinfo=UTC))
    fresh = unseen_candidates(store.engine, {
        "https://a.kr/1": "2025-02-24T10:00:00+09:00",  # same version
        "https://a.kr/2": None,
        "https://a.kr/3": None,  # never seen
    })
    assert fresh == ["https://a.kr/3"]
    assert unseen_candidates(store.engine, {"https://a.kr/1": "2025-02-25T10:00:00+09:00"}) == ["https://a.kr/1"]
    assert unseen_candidates(store.engine, {"https://a.kr/2": "2025-02-25T10:00:00+09:00"}) == ["https://a.kr/2"]
    # remembered without a date: an entry dated before the fetch shows nothing newer
    assert unseen_candidates(store.engine, {"https://a.kr/2": "2025-02-24T20:00:00+09:00"}) == []
    store.close()


def test_discovery_validators_survive_a_304(db_url):
    store = open_store(db_url)
    remember_discovery(store.engine, "https://a.kr/rss", source="s", etag='"v1"', last_modified="x", http_status=200,
                       newest_item_at=None)
    remember_discovery(store.engine, "https://a.kr/rss", source="s", etag=None, last_modified=None, http_status=304,
                       newest_item_at=None)
    validators = discovery_validators(store.engine, ["https://a.kr/rss", "https://a.kr/other"])
    assert list(validators) == ["https://a.kr/rss"]
    assert validators["https://a.kr/rss"].etag == '"v1"'
    store.close()


def test_source_health_flags_failing_and_stale_sources(db_url):
    store = open_store(db_url)
    now = datetime(2026, 11, 22, 12, tzinfo=UTC)
    for hours in (3, 2, 1):  # three failed runs in a row
        failed = SourceRunStats("down", now - timedelta(hours=hours), errors=("https://a.kr/rss: host name not found",),
                                error_count=1, ok=False)
        record_source_run(store.engine, None, failed)
    record_source_run(store.engine, None, SourceRunStats("stale", now - timedelta(hours=1),
                                                         newest_item_at=now - timedelta(days=10)))
    record_source_run(store.engine, None, SourceRunStats("fresh", now - timedelta(hours=1),
                                                         newest_item_at=now - timedelta(days=1)))
    health = {h.name: h for h in source_health(store.engine, stale_days=7, failing_runs=3, now=now,
                                               names=["down", "stale", "fresh", "new"])}
    assert not health["down"].healthy and health["down"].consecutive_failures == 3
    assert "host name not found" in health["down"].reason
    assert not health["stale"].healthy and "10 days" in health["stale"].reason
    assert health["fresh"].healthy and health["fresh"].reason is None
    assert health["fresh"].last_ok_at == now - timedelta(hours=1)
    assert not health["new"].healthy and health["new"].reason == "never crawled"
    store.close()
