"""`python -m crawler crawl` of pages whose text is only in their AMP or print version, on the local
replay site (spiders/alternates.py): the version is fetched through Scrapy when the page's own
text fails, the source allows it and the link is on its domains, and the article is stored
under the page's own URL; otherwise the page is handled as before (its "no article text"
reported). One crawl of two sources serves every test here; the server's request log proves
what was and was not fetched.

    /article/20251105093000123          empty app shell -> its AMP version (layout case amp_linked)
    /news/articleView.html?idxno=51877  lead only -> its print version (layout case print_linked)
    /fine/40211                         a full article that also links AMP and print versions
    /offsite/1                          shell whose AMP version is on "localhost", not an allowed domain
    /broken/2                           shell whose AMP version answers 404
    /private/3                          shell whose AMP version robots.txt disallows
    /strict/4 (source "strict")         shell of a source with alternate_versions = false
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import ROOT
from tests.layoutcases import CASES
from tests.replay_site import ReplaySite

pytestmark = pytest.mark.slow

AMP_ORIGIN, PRINT_ORIGIN = "https://www.techplus.example", "https://www.enterdaily.example"
AMP_PAGE, AMP_VERSION = "/article/20251105093000123", "/amp/article/20251105093000123"
PRINT_PAGE, PRINT_VERSION = "/news/articleView.html?idxno=51877", "/news/articlePrint.html?idxno=51877"
SHELLS = {"/offsite/1": "/amp/offsite/1", "/broken/2": "/amp/broken/2", "/private/3": "/private-amp/3",
          "/strict/4": "/amp/strict/4"}


@dataclass
class Crawl:
    site: ReplaySite
    output: str
    db_url: str

    def rows(self, query: str, **params: object) -> list[tuple]:
        engine = create_engine(self.db_url)
        try:
            with engine.connect() as conn:
                return [tuple(r) for r in conn.execute(text(query), params)]
        finally:
            engine.dispose()

    def mentions(self, path: str) -> list[tuple]:
        return self.rows("SELECT m.company, m.amount, m.currency, m.kind, m.period FROM mentions m "
                         "JOIN articles a ON a.id = m.article_id WHERE a.url = :url ORDER BY m.id",
                         url=self.site.url(path))


def _case(name: str, file: str, origin: str, base: str) -> str:
    return (CASES / name / file).read_text(encoding="utf-8").replace(origin, base)


def _shell(amp_url: str) -> str:
    """The amp_linked case's app shell, linking `amp_url` as its AMP version."""
    page = _case("amp_linked", "page.html", AMP_ORIGIN, "")
    return page.replace(f'href="{AMP_VERSION}"', f'href="{amp_url}"')


def _fine_page() -> str:
    page = (CASES / "articleview_idxno" / "page.html").read_text(encoding="utf-8")
    links = '<link rel="amphtml" href="/amp/fine/40211">\n</head>'
    return page.replace("</head>", links, 1).replace("<a>URL복사</a>", '<a href="/print/fine/40211">프린트</a>')


def _rss(site: ReplaySite, paths: list[str], dated: bool = True) -> str:
    date = "<pubDate>Wed, 05 Nov 2025 09:30:00 +0900</pubDate>" if dated else ""
    items = "".join(f"<item><title>{p}</title><link>{site.url(p)}</link>{date}</item>" for p in paths)
    return f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'


def _serve(site: ReplaySite) -> None:
    base = site.url("")
    site.add(AMP_PAGE, _case("amp_linked", "page.html", AMP_ORIGIN, base))
    site.add(AMP_VERSION, _case("amp_linked", "alternate.html", AMP_ORIGIN, base))
    site.add(PRINT_PAGE, _case("print_linked", "page.html", PRINT_ORIGIN, base))
    site.add(PRINT_VERSION, _case("print_linked", "alternate.html", PRINT_ORIGIN, base))
    site.add("/fine/40211", _fine_page())
    for path in ("/amp/fine/40211", "/print/fine/40211", "/amp/offsite/1", "/private-amp/3", "/amp/strict/4"):
        site.add(path, _case("amp_linked", "alternate.html", AMP_ORIGIN, base))  # /amp/broken/2: 404
    site.add("/offsite/1", _shell(site.url("/amp/offsite/1", host="localhost")))
    for path in ("/broken/2", "/private/3", "/strict/4"):
        site.add(path, _shell(SHELLS[path]))
    site.add("/robots.txt", "User-agent: *\nDisallow: /private-amp/\n", content_type="text/plain")
    news = [AMP_PAGE, "/fine/40211", "/offsite/1", "/broken/2", "/private/3"]
    site.add("/news.xml", _rss(site, news), content_type="application/rss+xml")
    site.add("/print.xml", _rss(site, [PRINT_PAGE], dated=False), content_type="application/rss+xml")
    site.add("/strict.xml", _rss(site, ["/strict/4"]), content_type="application/rss+xml")


def _config(site: ReplaySite, db_url: str) -> str:
    return f"""[database]
url = {json.dumps(db_url)}

[crawl]
download_delay = 0.0
autothrottle = false
timeout = 5.0
retries = 0
max_seconds = 90.0

[[sources]]
name = "news"
feeds = [{json.dumps(site.url('/news.xml'))}, {json.dumps(site.url('/print.xml'))}]
allowed_domains = ["127.0.0.1"]

[[sources]]
name = "strict"
feeds = [{json.dumps(site.url('/strict.xml'))}]
allowed_domains = ["127.0.0.1"]
alternate_versions = false
"""


@pytest.fixture(scope="module")
def crawl(tmp_path_factory) -> Iterator[Crawl]:
    tmp = tmp_path_factory.mktemp("alternates")
    with ReplaySite() as site:
        _serve(site)
        db_url = f"sqlite:///{tmp / 'capexwatch.db'}"
        config = tmp / "config.toml"
        config.write_text(_config(site, db_url), encoding="utf-8")
        run = subprocess.run([sys.executable, "-m", "crawler", "--log-level", "DEBUG", "crawl", "--config",
                              str(config)], cwd=ROOT, capture_output=True, text=True, timeout=180,
                             env=dict(os.environ))
        assert run.returncode == 0, run.stdout + run.stderr[-5000:]
        yield Crawl(site, run.stdout + run.stderr, db_url)


def test_an_app_shell_is_read_from_its_amp_version_and_stored_under_its_own_url(crawl):
    # written down from the AMP text (5 November 2025): 2027년까지 8000억원을 투자한다
    assert crawl.mentions(AMP_PAGE) == [("Naver", 800_000_000_000, "KRW", "capex", "2025-2027")]
    assert crawl.site.hits(AMP_VERSION) == 1
    assert crawl.rows("SELECT url FROM articles WHERE url LIKE '%/amp/%'") == []
    stored = crawl.rows("SELECT title, published, author FROM articles WHERE url = :u", u=crawl.site.url(AMP_PAGE))
    assert stored == [("네이버, 각 세종 2단계에 8000억 투자", "2025-11-05T09:30:00+09:00", "문다해")]
    line = (f"{crawl.site.url(AMP_PAGE)}: no article text (no article text found in the page); "
            f"reading its AMP version {crawl.site.url(AMP_VERSION)}")
    assert line in crawl.output


def test_a_lead_only_page_is_read_from_its_print_version_with_the_pages_own_date(crawl):
    # 올해 3500억원 in a page of 22 September 2025; the print version gives no date, the feed none either
    assert crawl.mentions(PRINT_PAGE) == [("LG Uplus", 350_000_000_000, "KRW", "capex", "2025")]
    assert crawl.site.hits(PRINT_VERSION) == 1
    stored = crawl.rows("SELECT title, published, author, text FROM articles WHERE url = :u",
                        u=crawl.site.url(PRINT_PAGE))
    assert stored[0][:3] == ("LG유플러스, 파주 AI 데이터센터에 올해 3500억 투입", "2025-09-22T16:10:00+09:00", "한도윤")
    assert "파주 데이터센터는 수전 용량 200메가와트 규모로" in stored[0][3]
    assert f"{crawl.site.url(PRINT_PAGE)}: weak article text (only " in crawl.output


def test_a_page_whose_text_is_fine_never_asks_for_its_alternates(crawl):
    assert crawl.site.hits("/fine/40211") == 1
    assert crawl.site.hits("/amp/fine/40211") == 0
    assert crawl.site.hits("/print/fine/40211") == 0
    titles = crawl.rows("SELECT title FROM articles WHERE url = :u", u=crawl.site.url("/fine/40211"))
    assert titles == [("SK하이닉스, 청주 M15X에 5조3000억 추가 투입",)]


def test_an_alternate_outside_the_domains_is_not_fetched_and_the_page_is_reported(crawl):
    assert crawl.site.hits("/amp/offsite/1", host="localhost") == 0
    assert crawl.site.hits("/amp/offsite/1") == 0
    assert f"{crawl.site.url('/offsite/1')}: cannot extract: ExtractError: no article text found" in crawl.output
    assert "/amp/offsite/1 is outside the source's domains, not fetched" in crawl.output


@pytest.mark.parametrize("page, hits", [("/broken/2", 1), ("/private/3", 0), ("/strict/4", 0)])
def test_a_failed_forbidden_or_switched_off_alternate_leaves_the_page_as_it_was(crawl, page, hits):
    """404 (asked once), robots.txt Disallow (never asked), alternate_versions = false (never asked):
    the page is reported as having no text and remembered, no article stored."""
    assert crawl.site.hits(SHELLS[page]) == hits
    assert f"{crawl.site.url(page)}: cannot extract: ExtractError: no article text found" in crawl.output
    assert crawl.rows("SELECT article_id FROM fetched_urls WHERE url = :u", u=crawl.site.url(page)) == [(None,)]
    assert crawl.rows("SELECT id FROM articles WHERE url = :u", u=crawl.site.url(page)) == []


def test_the_summary_counts_the_pages_without_text_and_leaves_none_waiting(crawl):
    table = {}
    for line in crawl.output.splitlines():
        cells = line.split()
        if cells and cells[0] in ("source", "news", "strict"):
            table[cells[0]] = cells[1:]
    columns = table.pop("source")
    news, strict = (dict(zip(columns, table[name], strict=True)) for name in ("news", "strict"))
    # news: 6 pages fetched, 3 stored with figures (AMP, print, fine), 3 without text (offsite, broken, private)
    assert (news["fetched"], news["matched"], news["errors"], news["left"]) == ("6", "3", "3", "0")
    assert (strict["fetched"], strict["errors"], strict["left"]) == ("1", "1", "0")
