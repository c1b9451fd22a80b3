"""Near copies (crawler/store/copies.py): a copy that adds or drops a few lines is one article."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import MetaData, func, insert, select

from crawler.cli import main
from crawler.models import Article, ExtractResult, Mention
from crawler.store import open_store
from crawler.store.engine import create_store_engine, upgrade_schema
from crawler.store.schema import articles, changes, fact_sources
from tests.test_replay import replay

JO = 10**12
PLANT = (
    "삼성전자가 평택캠퍼스 5라인 건설에 올해 30조원을 투자하기로 했다고 10일 밝혔다.",
    "회사는 인공지능 서버용 고대역폭메모리 수요가 예상보다 빠르게 늘고 있다고 설명했다.",
    "새 라인은 내년 하반기부터 가동되며 월 10만장 규모의 웨이퍼를 생산할 수 있게 된다.",
    "업계에서는 이번 결정이 경쟁사들의 설비 투자 확대를 자극할 것이라는 관측이 나온다.",
    "삼성전자는 지난해에도 메모리 업황 부진 속에서도 시설 투자를 줄이지 않는 전략을 유지했다.",
)
CAPTION = "경기 평택시 삼성전자 평택캠퍼스 전경. 삼성전자는 이곳 5라인에 신규 설비를 들인다."
CREDIT = "이 글은 한국경제신문 기사를 옮겨 온 것입니다. 원문 출처를 밝히고 게시판에 공유합니다."
QUOTE = ("\"인공지능 시대의 반도체 경쟁은 결국 누가 더 빨리, 더 많이 생산 능력을 확보하느냐의 싸움이 될 것\"이라고 "
         "한 증권사 연구원은 말했다.")
BOILERPLATE = "저작권자 © 테크뉴스 무단전재 및 재배포 금지, AI 학습 및 활용 금지 (기사 제보는 홈페이지로)"


def samsung(amount: int = 30 * JO) -> Mention:
    return Mention("Samsung Electronics", amount, "KRW", period="2025", kind="capex", company_ko="삼성전자",
                   evidence=PLANT[0])


def result(body, mentions, *, url, published="2025-03-10") -> ExtractResult:
    return ExtractResult(Article(body=tuple(body), published=published, url=url), ("투자",), tuple(mentions))


@pytest.fixture
def store(db_url):
    store = open_store(db_url)
    yield store
    store.close()


def count(store, table) -> int:
    with store.reading() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar())


def test_board_copy_with_a_credit_line_and_without_the_caption_is_the_same_article(store):
    first = store.save_article(result((*PLANT[:3], CAPTION, *PLANT[3:]), [samsung()],
                                      url="https://www.hankyung.com/article/2025031012345"))
    # a later board post: the caption gone, a credit line added, posted a day later
    copy = store.save_article(result((CREDIT, *PLANT), [samsung()], url="https://cafe.example.com/board/991",
                                     published="2025-03-11"))
    assert (copy.article_id, copy.created, copy.changes) == (first.article_id, False, [])
    assert (count(store, articles), count(store, changes), count(store, fact_sources)) == (1, 1, 1)
    [fact] = store.facts()
    assert fact.sources == ("https://www.hankyung.com/article/2025031012345", "https://cafe.example.com/board/991")


def test_articles_sharing_boilerplate_and_a_long_quote_stay_two(store):
    store.save_article(result((*PLANT, QUOTE, BOILERPLATE), [samsung()], url="https://news.example.kr/a/1"))
    other = (
        "SK하이닉스가 청주 M15X 공장의 장비 반입 일정을 앞당기기로 했다고 업계가 전했다.",
        "회사는 고대역폭메모리 생산 비중을 높이기 위해 기존 라인의 전환 투자도 검토하고 있다.",
        "다만 구체적인 투자 규모와 완공 시점은 아직 공개하지 않았다고 관계자는 덧붙였다.",
        QUOTE, BOILERPLATE,
    )
    second = store.save_article(result(other, [], url="https://news.example.kr/a/2"))
    assert second.created is True
    assert count(store, articles) == 2


def test_a_near_copy_with_a_changed_figure_is_diffed_as_an_article(store):
    store.save_article(result((*PLANT, CAPTION), [samsung()], url="https://news.example.kr/a/1"))
    # five of its six paragraphs are the stored article's, but its lead states another figure
    raised = ("삼성전자가 평택캠퍼스 5라인 건설에 올해 35조원을 투자하기로 했다고 12일 밝혔다.", *PLANT[1:], CAPTION)
    later = store.save_article(result(raised, [samsung(35 * JO)], url="https://other.example.kr/b/2",
                                      published="2025-03-12"))
    assert later.created is True and [c.status for c in later.changes] == ["revised"]


def test_a_new_version_at_its_own_url_is_still_an_update(store):
    url = "https://news.example.kr/a/1"
    first = store.save_article(result(PLANT, [samsung()], url=url))
    again = store.save_article(result((*PLANT, CAPTION), [samsung(35 * JO)], url=url))
    assert (again.article_id, again.created, again.updated) == (first.article_id, False, True)
    assert [c.status for c in again.changes] == ["revised"]
    # the version's paragraphs are the article's now: a copy of it (with the caption) is the same article
    copy = store.save_article(result((CAPTION, *PLANT[1:]), [samsung(35 * JO)], url="https://cafe.example.com/1"))
    assert (copy.article_id, copy.created, copy.changes) == (first.article_id, False, [])


def test_html_copy_of_a_text_seed_adds_no_article_and_no_change(db_url, seeds_dir, capsys):
    code, _records, _err = replay(capsys, db_url, str(seeds_dir))
    assert code == 0
    store = open_store(db_url)
    stored = count(store, articles), count(store, changes)
    store.close()
    # the HTML page of seed 004 loses its two subheadlines: another fingerprint, the same article
    code, [record], err = replay(capsys, db_url, str(seeds_dir / "html" / "004_9aab289c862344ac.html"))
    assert (code, err, record["created"], record["changes"]) == (0, "", False, [])
    store = open_store(db_url)
    assert (count(store, articles), count(store, changes)) == stored
    store.close()


def test_articles_stored_before_migration_0004_are_found_as_near_copies(db_url):
    engine = create_store_engine(db_url)
    upgrade_schema(engine, "0003")
    old = MetaData()
    old.reflect(engine)
    assert "article_paragraphs" not in old.tables
    now = datetime(2025, 3, 10, 9, tzinfo=UTC)
    with engine.begin() as conn:
        article_id = conn.execute(insert(old.tables["articles"]).values(
            url="https://www.hankyung.com/article/1", text="\n".join((*PLANT, CAPTION)), fingerprint="f" * 64,
            keywords=["투자"], fetched_at=now, published="2025-03-10", published_date=date(2025, 3, 10),
        )).inserted_primary_key[0]
        conn.execute(insert(old.tables["mentions"]).values(
            article_id=article_id, position=0, company="Samsung Electronics", amount=30 * JO, currency="KRW",
            qualifier="exact", period="2025", kind="capex", evidence=PLANT[0], vague=False, conversions=[]))
    upgrade_schema(engine)
    engine.dispose()
    store = open_store(db_url)
    copy = store.save_article(result((CREDIT, *PLANT), [samsung()], url="https://cafe.example.com/board/1"))
    assert (copy.article_id, copy.created) == (article_id, False)
    assert count(store, articles) == 1
    store.close()


def test_replay_of_text_and_html_seeds_stores_one_article_per_seed(sqlite_url, seeds_dir, capsys):
    assert main(["replay", "--db", sqlite_url, str(seeds_dir), str(seeds_dir / "html")]) == 0
    capsys.readouterr()
    store = open_store(sqlite_url)
    assert count(store, articles) == 5
    store.close()


def test_an_outlets_closing_paragraph_under_every_article_neither_merges_them_nor_hides_a_copy(store):
    from crawler.store.copies import COMMON

    outlet_footer = "업계에서는 이번 투자가 국내 반도체와 인공지능 생태계 전반의 경쟁력을 높일 것으로 본다."

    def story(i: int) -> list[str]:
        return [f"{i}번째 기사: 회사는 공장 {i}곳에 새 설비를 들이는 데 모두 {i}천억원을 쓴다고 밝혔다.",
                f"{i}번째 기사의 둘째 문단은 공장 {i}곳의 위치와 착공 시점에 관한 설명을 담고 있다고 한다.",
                f"{i}번째 기사의 셋째 문단은 투자 재원과 조달 방식, 그리고 {i}개 협력사에 관한 내용이다.",
                outlet_footer]

    for i in range(COMMON + 5):  # the footer is now more common than COMMON
        store.save_article(result(story(i), [], url=f"https://news.example/{i}"))
    assert count(store, articles) == COMMON + 5
    copy = store.save_article(result(["[펌] 게시판 공유", *story(3)], [], url="https://board.example/77"))
    assert not copy.created and count(store, articles) == COMMON + 5
