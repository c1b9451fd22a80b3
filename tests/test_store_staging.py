"""crawler/store/staging.py on SQLite and PostgreSQL: a staged page reads back as it was
analysed, once per URL; the storing phase reads the window's pages oldest first (instants,
whatever their offset; ties by URL; undated last) in batches, and a stored page is remembered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select

from crawler.models import Article, Conversion, ExtractResult, Mention
from crawler.store.schema import fetched_urls
from crawler.store.staging import (
    clear_stored,
    count_to_store,
    mark_stored,
    pages_to_store,
    stage_page,
    staged_among,
    stored_article_ids,
)

FETCHED = datetime(2025, 7, 1, 3, 0, tzinfo=UTC)


@dataclass
class Page:
    url: str
    published: str | None = None
    source: str = "site"
    status: int = 200
    fetched_at: datetime = FETCHED
    lastmod: str | None = None
    etag: str | None = '"e1"'
    last_modified: str | None = None
    revisit: bool = False

    @property
    def final_url(self) -> str:
        return self.url + "?from=redirect"


def analysed(published: str | None, keywords: tuple[str, ...] = ("투자",)) -> ExtractResult:
    article = Article(body=("SK하이닉스가 청주에 20조 원을 투자한다.", "둘째 문단."), title="청주 투자",
                      published=published, author="김기자", url="https://x.example/a", canonical_url=None)
    mentions = (Mention("SK Hynix", 20 * 10**12, "KRW", qualifier="approx", period="2025-2027", kind="capex",
                        evidence="SK하이닉스가 청주에 20조 원을 투자한다.", company_ko="SK하이닉스",
                        conversions=(Conversion(14 * 10**9, "USD", "approx"),)),
                Mention("SK Hynix+Samsung", None, None, kind="capex", members=("SK Hynix", "Samsung"), trend="up"))
    return ExtractResult(article, keywords, mentions)


def test_a_staged_page_reads_back_as_it_was_analysed_and_is_staged_once(any_store):
    engine = any_store.engine
    result = analysed("2025-03-12T09:40:00+09:00")
    stage_page(engine, Page("https://x.example/a"), result, run_id=None)
    stage_page(engine, Page("https://x.example/a"), analysed("2025-01-01"), run_id=None)  # staged already: kept
    stage_page(engine, Page("https://x.example/b", "2025-03-13"), analysed(None, keywords=()), run_id=None)
    stage_page(engine, Page("https://x.example/c", "2025-03-14"), None, run_id=None)
    [a, b, c] = pages_to_store(engine, ["site"], date(2025, 1, 1), date(2025, 6, 30))
    assert (a.url, a.result, a.outcome) == ("https://x.example/a", result, "matched")
    assert (a.final_url, a.http_status, a.fetched_at, a.etag, a.revisit) == (
        "https://x.example/a?from=redirect", 200, FETCHED, '"e1"', False)
    assert a.published_at == datetime(2025, 3, 12, 0, 40, tzinfo=UTC)
    assert (b.outcome, b.result, c.outcome, c.result) == ("unmatched", None, "failed", None)
    assert staged_among(engine, ["https://x.example/a", "https://x.example/z"]) == {"https://x.example/a"}


def test_the_window_is_read_oldest_first_in_batches_undated_last(any_store):
    engine = any_store.engine
    for url, published in [("https://x.example/late", "2025-07-01T08:00:00+09:00"),  # June 30 in UTC, July 1 here
                           ("https://x.example/u2", None), ("https://x.example/u1", None),
                           ("https://x.example/m2", "2025-03-01T00:30:00+00:00"),  # 09:30 KST
                           ("https://x.example/m1", "2025-03-01T09:30:00+09:00"),  # the same instant
                           ("https://x.example/jan", "2025-01-01"),  # midnight, Korean time
                           ("https://x.example/early", "2024-12-31T23:59:00+09:00"),
                           ("https://x.example/feb", "2025-02-10T01:00:00"),  # no offset: Korean time
                           ("https://x.example/other", "2025-02-01")]:
        source = "other" if url.endswith("other") else "site"
        stage_page(engine, Page(url, published, source=source), None, run_id=None)
    window = (date(2025, 1, 1), date(2025, 6, 30))
    order = [p.url.rsplit("/", 1)[1] for p in pages_to_store(engine, ["site"], *window, batch=2)]
    assert order == ["jan", "feb", "m1", "m2", "u1", "u2"]
    assert count_to_store(engine, ["site"], *window) == 6


def test_a_stored_page_is_remembered_and_cleared_after_the_baseline(any_store):
    engine = any_store.engine
    for name in ("a", "b"):
        stage_page(engine, Page(f"https://x.example/{name}", "2025-02-01"), None, run_id=None)
    first, second = pages_to_store(engine, ["site"], date(2025, 1, 1), date(2025, 6, 30))
    mark_stored(engine, [(first, None)])
    assert [p.url for p in pages_to_store(engine, ["site"], date(2025, 1, 1), date(2025, 6, 30))] == [second.url]
    with engine.connect() as conn:
        remembered = conn.execute(select(fetched_urls.c.url, fetched_urls.c.http_status, fetched_urls.c.matched,
                                         fetched_urls.c.fetched_at)).all()
    assert [tuple(row) for row in remembered] == [("https://x.example/a", 200, False, FETCHED)]
    assert stored_article_ids(engine, ["site"]) == []  # not matched: no article
    assert clear_stored(engine, ["site"]) == 1
    assert staged_among(engine, ["https://x.example/a", "https://x.example/b"]) == {"https://x.example/b"}
