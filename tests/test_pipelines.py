"""The item pipeline: a page our database could not store is fetched again next crawl; a page
without text that links its AMP version waits for it and is stored from the better reading;
a page that cannot be read is remembered (not fetched again and again)."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

from scrapy.settings import Settings
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

import crawler.pipelines as pipelines
from crawler.store import open_store
from crawler.store.schema import articles, fetched_urls
from spiders.items import FetchedPage

PAGE = ("<html><head><title>삼성전자 평택 투자</title></head><body><article>"
        "<p>삼성전자는 올해 평택 반도체 공장에 30조원을 투자한다고 밝혔다. 설비투자 규모는 역대 최대다.</p>"
        "<p>회사는 데이터센터용 메모리 수요에 대응하기 위해 생산능력을 늘린다고 설명했다.</p></article></body></html>")


class Spider:
    def __init__(self, store):
        self.store, self.errors, self.counts = store, [], {}
        self.source = SimpleNamespace(site_rule=None)

    def note_error(self, message):
        self.errors.append(message)

    def count(self, name, n=1):
        self.counts[name] = self.counts.get(name, 0) + n

    def note_newest(self, moment):
        pass


def run_pipeline(store, text):
    settings = Settings({"CAPEXWATCH_KEYWORDS": ["투자"], "CAPEXWATCH_FX_TO_USD": {"USD": 1.0, "KRW": 0.0007}})
    spider = Spider(store)
    pipeline = pipelines.ArticlePipeline(SimpleNamespace(settings=settings, spider=spider))
    page = FetchedPage(source="s", url="http://127.0.0.1/a.html", final_url="http://127.0.0.1/a.html", text=text,
                       encoding="utf-8", status=200, fetched_at=datetime.now(UTC))
    pipeline.process_item(page)
    with store.reading() as conn:
        return spider, conn.execute(select(fetched_urls.c.url)).scalars().all()


def test_a_page_the_database_could_not_store_is_not_remembered(sqlite_url, monkeypatch):
    store = open_store(sqlite_url)

    def locked(*args, **kwargs):
        raise OperationalError("INSERT", {}, Exception("database is locked"))

    monkeypatch.setattr(pipelines, "save_article", locked)
    spider, remembered = run_pipeline(store, PAGE)
    assert remembered == []  # the next crawl fetches it again
    assert "fetched again next crawl" in spider.errors[0]
    monkeypatch.undo()
    spider, remembered = run_pipeline(store, PAGE)
    assert remembered == ["http://127.0.0.1/a.html"] and spider.counts.get("new_articles") == 1
    store.close()


def test_a_page_that_cannot_be_read_is_remembered(sqlite_url):
    store = open_store(sqlite_url)
    spider, remembered = run_pipeline(store, "<html><body></body></html>")
    assert remembered == ["http://127.0.0.1/a.html"]
    assert "cannot extract" in spider.errors[0]
    store.close()


def test_a_new_page_without_a_keyword_is_a_new_article_but_not_matched(sqlite_url):
    store = open_store(sqlite_url)
    weather = ("<html><head><meta charset='utf-8'><title>내일 날씨</title></head><body><article><h1>내일 날씨</h1>"
               "<p>기상청은 내일 전국이 대체로 맑고 낮 기온이 평년보다 높겠다고 24일 예보했다.</p>"
               "</article></body></html>")
    spider, _ = run_pipeline(store, weather)
    store.close()
    assert (spider.counts.get("new_articles"), spider.counts.get("matched")) == (1, None)



# -- AMP and print versions (spiders/alternates.py): the page waits, then is stored from the better reading --
SHELL = ('<html><head><title>삼성전자 평택 투자</title>'
         '<meta property="article:published_time" content="2025-03-04T10:00:00+09:00">'
         '<link rel="amphtml" href="/amp/a.html"></head><body><div id="app"></div></body></html>')
LEAD = "삼성전자는 올해 평택 반도체 공장에 30조원을 투자한다고 밝혔다. 설비투자 규모는 역대 최대다."
MORE = "회사는 데이터센터용 메모리 수요에 대응하기 위해 생산능력을 늘린다고 설명했다."


class Engine:
    def __init__(self):
        self.requests = []

    def crawl(self, request):
        self.requests.append(request)


def fetch_with_alternate(store, page, alternate_text, alternate_versions=True):
    """The page through the pipeline; its alternate's request answered with `alternate_text`.
    Returns the spider, the request (None when none was made) and what was remembered meanwhile."""
    settings = Settings({"CAPEXWATCH_KEYWORDS": ["투자"], "CAPEXWATCH_FX_TO_USD": {"USD": 1.0, "KRW": 0.0007}})
    spider, engine = Spider(store), Engine()
    spider.source = SimpleNamespace(site_rule=None, alternate_versions=alternate_versions)
    spider.allowed_domains = ["127.0.0.1"]
    pipeline = pipelines.ArticlePipeline(SimpleNamespace(settings=settings, spider=spider, engine=engine))
    pipeline.process_item(FetchedPage(source="s", url="http://127.0.0.1/a.html", final_url="http://127.0.0.1/a.html",
                                      text=page, encoding="utf-8", status=200, fetched_at=datetime.now(UTC)))
    with store.reading() as conn:
        waiting = conn.execute(select(fetched_urls.c.url)).scalars().all()
    request = engine.requests[0] if engine.requests else None
    if request is not None:
        answer = request.meta["alternate_page"]
        answer.text = alternate_text
        pipeline.process_item(answer)
    return spider, request, waiting


def stored_articles(store):
    with store.reading() as conn:
        return [tuple(r) for r in conn.execute(select(articles.c.url, articles.c.published, articles.c.text))]


def test_a_shell_waits_for_its_amp_version_and_is_stored_from_it_under_its_own_url(sqlite_url):
    store = open_store(sqlite_url)
    amp = f"<html><head><title>AMP</title></head><body><article><p>{LEAD}</p><p>{MORE}</p></article></body></html>"
    spider, request, waiting = fetch_with_alternate(store, SHELL, amp)
    assert (request.url, request.dont_filter) == ("http://127.0.0.1/amp/a.html", True)
    assert waiting == []  # not remembered while its alternate is on the way
    assert stored_articles(store) == [("http://127.0.0.1/a.html", "2025-03-04T10:00:00+09:00", f"{LEAD}\n{MORE}")]
    assert spider.counts["alternates_waiting"] == 0 and spider.errors == []
    store.close()


def test_an_alternate_without_text_leaves_the_page_reported_as_without_text(sqlite_url):
    store = open_store(sqlite_url)
    spider, request, _ = fetch_with_alternate(store, SHELL, "<html><body><nav>메뉴</nav></body></html>")
    assert request is not None
    assert stored_articles(store) == []
    assert spider.errors == ["http://127.0.0.1/a.html: cannot extract: ExtractError: "
                             "no article text found in the page, skipped"]
    with store.reading() as conn:
        assert conn.execute(select(fetched_urls.c.url)).scalars().all() == ["http://127.0.0.1/a.html"]
    store.close()


def test_an_alternate_with_less_prose_leaves_the_pages_own_text(sqlite_url):
    store = open_store(sqlite_url)
    weak = SHELL.replace('<div id="app"></div>', f"<article><p>{LEAD}</p></article>")
    shorter = ("<html><body><article><p>삼성전자는 평택 공장에 30조원을 투자한다고 밝혔다. 역대 최대 규모다.</p>"
               "</article></body></html>")
    _spider, request, _ = fetch_with_alternate(store, weak, shorter)
    assert request is not None
    assert stored_articles(store) == [("http://127.0.0.1/a.html", "2025-03-04T10:00:00+09:00", LEAD)]
    store.close()


def test_a_source_that_turns_alternates_off_makes_no_request(sqlite_url):
    store = open_store(sqlite_url)
    spider, request, remembered = fetch_with_alternate(store, SHELL, "", alternate_versions=False)
    assert request is None
    assert remembered == ["http://127.0.0.1/a.html"]
    assert "no article text found in the page" in spider.errors[0]
    store.close()
