"""The store holds under concurrency on PostgreSQL: processes saving at the same instant the
same article, near copies of one article, or the same new fact end with one article and one
fact (advisory transaction locks on the article's URLs, text, paragraphs and companies); a
fetched URL remembered by several workers at once is one row (INSERT ... ON CONFLICT).

Four spawned processes meet at a barrier before each save, round after round; on the code
before the locks, near copies saved at one instant were each stored as an article.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import pytest
from sqlalchemy import func, select

from crawler.models import Article, ExtractResult, Mention
from crawler.store import Store, open_store
from crawler.store.crawlstate import remember_fetch
from crawler.store.schema import article_urls, articles, changes, facts, fetched_urls

pytestmark = pytest.mark.postgres
WRITERS = 4
ROUNDS = 6
_stores: dict[str, Store] = {}

PARAGRAPHS = ("{company}가 {n}번째 데이터센터 증설에 {amount}억원을 투자한다고 밝혔다. 수도권 전력 사정을 고려했다",
              "회사 측은 서버와 냉각 설비를 단계적으로 들여와 내년 하반기부터 가동할 계획이라고 설명했다 {n}",
              "업계에서는 인공지능 수요가 늘면서 국내 기업들의 설비 투자 경쟁이 치열해질 것으로 보고 있다 {n}",
              "증권가는 이번 결정이 향후 실적에 미칠 영향을 두고 엇갈린 전망을 내놓으며 발표를 주목하고 있다 {n}")


def _result(n: int, variant: int, *, copy: bool) -> ExtractResult:
    """Round n's article; `copy`: the same paragraphs plus a credit line of its own, on its own site."""
    company, amount = ("Naver", "네이버") if n % 2 else ("Kakao", "카카오"), 1000 + n
    body = tuple(p.format(company=company[1], n=n, amount=amount) for p in PARAGRAPHS)
    if copy:
        body = (*body, f"제공 매체 {variant}")
    mention = Mention(company[0], amount * 10**8, "KRW", period="2025", kind="capex")
    url = f"https://copy{variant}.example.kr/news/{n}" if copy else f"https://news.example.kr/news/{n}"
    return ExtractResult(Article(body=body, published="2025-03-04", url=url), ("투자",), (mention,))


def _fact_result(n: int, variant: int) -> ExtractResult:
    """Different articles (their own text and site) stating one new fact of round n."""
    body = (f"보도 {variant}: SK하이닉스가 {2030 + n}년 청주 공장에 20조원을 투자한다 ({variant}번 매체 단독)",)
    mention = Mention("SK hynix", 20 * 10**12, "KRW", period=str(2030 + n), kind="capex")
    url = f"https://outlet{variant}.example.kr/a/{n}"
    return ExtractResult(Article(body=body, published="2025-03-04", url=url), ("투자",), (mention,))


def _save(db: str, case: str, n: int, variant: int, start) -> bool:
    store = _stores.get(db) or _stores.setdefault(db, open_store(db, migrate=False))
    result = _fact_result(n, variant) if case == "fact" else _result(n, variant, copy=case == "copies")
    start.wait(60)
    return store.save_article(result).created


def _remember(db: str, case: str, n: int, variant: int, start) -> bool:
    store = _stores.get(db) or _stores.setdefault(db, open_store(db, migrate=False))
    start.wait(60)
    remember_fetch(store.engine, f"https://news.example.kr/fetched/{n}", source=f"worker{variant}",
                   lastmod=None, http_status=200)
    return True


def _race(db: str, case: str) -> list[list[bool]]:
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager, ProcessPoolExecutor(WRITERS, mp_context=context) as pool:
        start = manager.Barrier(WRITERS)
        rounds = []
        for n in range(ROUNDS):
            task = _remember if case == "remember" else _save
            saves = [pool.submit(task, db, case, n, variant, start) for variant in range(WRITERS)]
            rounds.append([s.result(timeout=120) for s in saves])
        return rounds


def _count(store: Store, table, *where) -> int:
    with store.reading() as conn:
        return int(conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())


def test_the_same_article_saved_at_one_instant_is_stored_once(postgres_url):
    store = open_store(postgres_url)
    rounds = _race(postgres_url, "same")
    assert [sum(r) for r in rounds] == [1] * ROUNDS
    assert _count(store, articles) == ROUNDS and _count(store, facts) == 2
    assert _count(store, changes) == ROUNDS  # each round's figure once: new, then revised
    store.close()


def test_near_copies_saved_at_one_instant_are_one_article(postgres_url):
    store = open_store(postgres_url)
    rounds = _race(postgres_url, "copies")
    assert [sum(r) for r in rounds] == [1] * ROUNDS
    assert _count(store, articles) == ROUNDS
    assert _count(store, article_urls) == ROUNDS * WRITERS  # every copy's URL is known, on one article
    assert _count(store, changes) == ROUNDS
    store.close()


def test_one_new_fact_stated_at_one_instant_is_one_fact(postgres_url):
    store = open_store(postgres_url)
    rounds = _race(postgres_url, "fact")
    assert [sum(r) for r in rounds] == [WRITERS] * ROUNDS  # different articles: all stored
    assert _count(store, facts) == ROUNDS
    assert _count(store, changes, changes.c.status == "new") == ROUNDS
    assert _count(store, changes, changes.c.status == "confirmed") == ROUNDS * (WRITERS - 1)
    store.close()


def test_one_url_remembered_at_one_instant_is_one_row_and_no_error(postgres_url):
    store = open_store(postgres_url)
    _race(postgres_url, "remember")  # re-raises a writer's IntegrityError
    assert _count(store, fetched_urls) == ROUNDS
    store.close()
