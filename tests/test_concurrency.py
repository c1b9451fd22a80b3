"""Writers and a reader at once: no "database is locked", no duplicate rows.

Two writer processes save the same twenty articles (in opposite orders) while the test
reads the known facts in a loop. On SQLite the writers queue on BEGIN IMMEDIATE and the
reader never waits (WAL); on PostgreSQL the loser of a unique-key race retries once.
"""

from __future__ import annotations

import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor, wait

from sqlalchemy import func, select

from crawler.models import Article, ExtractResult, Mention
from crawler.store import open_store
from crawler.store.schema import articles, changes, facts, mentions

COMPANIES = ("Naver", "Kakao", "SK hynix", "Samsung Electronics")
ARTICLES = 20


def _article(i: int) -> ExtractResult:
    company = COMPANIES[i % len(COMPANIES)]
    amount = (1000 + 100 * i) * 10**8
    body = (f"{company}가 올해 데이터센터 증설에 {1000 + 100 * i}억원을 투자한다. 기사 번호 {i}.",)
    mention = Mention(company, amount, "KRW", period="2025", kind="capex")
    article = Article(body=body, published=f"2025-03-{1 + i:02d}", url=f"https://news.example.kr/{i}?utm_source=x")
    return ExtractResult(article, ("투자",), (mention,))


def _write(url: str, order: list[int], start) -> int:
    store = open_store(url)
    start.wait(60)  # both writers begin together
    try:
        return sum(1 for i in order if store.save_article(_article(i)).created)
    finally:
        store.close()


def test_two_writers_and_a_reader_at_once(db_url):
    open_store(db_url).close()  # migrate once before the race
    forward = list(range(ARTICLES))
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager, ProcessPoolExecutor(2, mp_context=context) as pool:
        start = manager.Barrier(2)
        writers = [pool.submit(_write, db_url, forward, start), pool.submit(_write, db_url, forward[::-1], start)]
        reader = open_store(db_url)
        reads = 0
        deadline = time.monotonic() + 120
        while not all(w.done() for w in writers) and time.monotonic() < deadline:
            assert len(reader.facts()) <= len(COMPANIES)
            reads += 1
        wait(writers)
    created = [w.result() for w in writers]  # re-raises a writer's error, e.g. "database is locked"
    assert sum(created) == ARTICLES and reads > 0
    with reader.reading() as conn:
        tables = (articles, mentions, facts, changes)
        counts = [conn.execute(select(func.count()).select_from(t)).scalar() for t in tables]
    assert counts == [ARTICLES, ARTICLES, len(COMPANIES), ARTICLES]
    assert sorted(f.key.subject for f in reader.facts()) == sorted(COMPANIES)
    reader.close()
