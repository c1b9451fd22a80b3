"""The diff's 'latest statement' of a fact reads one change per fact, not its whole history."""

from __future__ import annotations

from crawler.models import Article, ExtractResult, Mention
from crawler.store import open_store
from crawler.store.engine import reading
from crawler.store.facts import load_known_facts
from tests.row_counter import RowCounter

EOK = 10**8
FX = {"USD": 1.0, "KRW": 0.000714}


def naver_says(amount: int, n: int) -> ExtractResult:
    body = (f"네이버가 올해 데이터센터와 AI 인프라에 {amount // EOK}억원을 투자한다. ({n}번째 보도)",
            f"회사는 세종 데이터센터 증설 계획을 {n}번째로 고쳐 밝혔다.")
    article = Article(body=body, title=f"네이버 투자 {n}", published="2025-03-10", url=f"https://news{n}.kr/a")
    mention = Mention("Naver", amount, "KRW", period="2025", kind="capex", company_ko="네이버")
    return ExtractResult(article=article, keywords=("투자",), mentions=(mention,))


def test_latest_statement_of_a_long_revised_fact_reads_one_change(tmp_path):
    path = tmp_path / "capexwatch.db"
    store = open_store(f"sqlite:///{path}")
    for n in range(80):  # 80 changes of one fact (confirmed, conflict, ...), each from another outlet
        saved = store.save_article(naver_says((10_000 if n % 2 == 0 else 13_000) * EOK, n), source=f"outlet{n}",
                                   fx_to_usd=FX, tolerance=0.02)
        assert saved.changes, n
    store.close()

    counted = RowCounter(path)
    with reading(counted.engine) as conn:
        before = counted.rows
        known = load_known_facts(conn, ["Naver"])
        rows_read = counted.rows - before
    counted.engine.dispose()
    [fact] = known.values()
    # every other outlet conflicts with the stored 1조: the latest statement that counts is outlet78's
    assert fact.last_source == "outlet78" and fact.amount == 10_000 * EOK
    assert rows_read <= 3  # the fact and its latest change, not the 80 changes
