"""Storing articles and diffing them against the known facts, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from crawler.models import Article, Conversion, ExtractResult, Fact, FactKey, Mention
from crawler.store import open_store
from crawler.store.articles import fingerprint
from crawler.store.schema import metadata

JO, EOK = 10**12, 10**8
FX = {"USD": 1.0, "KRW": 0.000714, "CNY": 0.139}

NAVER_PLAN = (
    "네이버가 올해 데이터센터와 AI 인프라에 1조원을 투자한다.",
    "회사는 세종 데이터센터 증설에 투자금 대부분을 투입할 계획이라고 밝혔다.",
)
NAVER_MORE = ("네이버가 올해 AI 인프라 투자를 1조3000억원으로 늘린다.", "당초 계획한 1조원보다 30% 많다.")
NAVER_LESS = ("네이버가 올해 인프라 투자를 8000억원으로 줄인다.", "경기 둔화로 데이터센터 증설 일정을 늦췄다.")
NAVER_OTHER = ("네이버는 올해 데이터센터에 1조5000억원을 쏟아붓는다고 업계 관계자가 전했다.",)
NAVER_RAISE = ("네이버는 올해 AI 인프라 투자를 당초 계획보다 늘리기로 했다.", "구체적인 금액은 밝히지 않았다.")
ALIBABA_PLAN = ("알리바바가 3년간 AI 인프라에 3800억위안(약 74조9000억원)을 투자한다.",)
ALIBABA_KRW = ("알리바바, 향후 3년 74조 원 투자.", "알리바바는 AI 수요 급증에 대비해 클라우드 투자를 이어간다.")


def naver(amount: int | None, period: str = "2025", **kw) -> Mention:
    return Mention("Naver", amount, "KRW", period=period, kind="capex", company_ko="네이버", **kw)


def result(body, mentions, *, url=None, published="2025-03-10", path=None, title=None) -> ExtractResult:
    article = Article(body=tuple(body), title=title, published=published, url=url, path=path)
    return ExtractResult(article=article, keywords=("투자",), mentions=tuple(mentions))


@pytest.fixture
def store(db_url):
    store = open_store(db_url)
    yield store
    store.close()


def row_counts(store) -> dict[str, int]:
    with store.reading() as conn:
        return {name: conn.execute(select(func.count()).select_from(t)).scalar() for name, t in metadata.tables.items()}


def save(store, res, **kw):
    return store.save_article(res, fx_to_usd=FX, tolerance=0.02, fx_tolerance=0.10, **kw)


def only_fact(store, subject="Naver") -> Fact:
    [fact] = [f for f in store.facts() if f.key.subject == subject]
    return fact


def test_new_article_stores_mentions_and_new_facts(store):
    vague = Mention("Naver", None, "KRW", period="2025", kind="capex", vague=True, evidence="수천억원")
    revenue = Mention("Naver", 10 * JO, "KRW", period="2025", kind="revenue")
    saved = save(store, result(NAVER_PLAN, [naver(JO), vague, revenue], url="https://news.example.kr/a?idxno=1"),
                 source="example")
    assert saved.created and [(c.status, c.key.kind) for c in saved.changes] == [("new", "capex"), ("new", "revenue")]
    counts = row_counts(store)
    assert (counts["articles"], counts["mentions"], counts["facts"], counts["changes"]) == (1, 3, 2, 2)
    capex = [f for f in store.facts() if f.key.kind == "capex"][0]
    assert (capex.amount, capex.currency, capex.first_seen, capex.status) == (JO, "KRW", "2025-03-10", "new")
    assert capex.sources == ("https://news.example.kr/a?idxno=1",)


def test_same_url_with_tracking_parameters_is_not_a_duplicate(store):
    url = "https://news.example.kr/news/articleView.html?idxno=77"
    first = save(store, result(NAVER_PLAN, [naver(JO)], url=url))
    before = row_counts(store)
    # the same page fetched again through a share link: tracking parameters, one edited word
    tracked = url + "&utm_source=naver&utm_medium=referral&fbclid=IwAR0x#reply"
    again = save(store, result(NAVER_PLAN[:1] + ("회사는 세종 데이터센터 증설에 투자한다.",), [naver(JO)], url=tracked))
    assert (again.article_id, again.created, again.changes) == (first.article_id, False, [])
    # the edited version replaces the paragraph hashes: its only long line was shortened below the threshold
    assert row_counts(store) == {**before, "article_paragraphs": 0}
    assert only_fact(store).sources == (url,)


def test_syndicated_copy_is_one_article_and_one_fact_with_two_sources(store):
    original = save(store, result(NAVER_PLAN, [naver(JO)], url="https://www.hankyung.com/article/2025031001"))
    before = row_counts(store)
    copy_body = tuple(" ".join(p.split()) + " " for p in NAVER_PLAN)  # whitespace differs on the board
    copy = save(store, result(copy_body, [naver(JO)], url="https://board.example.com/view?no=5&utm_source=x"))
    assert (copy.article_id, copy.created, copy.changes) == (original.article_id, False, [])
    after = row_counts(store)
    assert after["article_urls"] == before["article_urls"] + 1
    assert {k: v for k, v in after.items() if k != "article_urls"} == {
        k: v for k, v in before.items() if k != "article_urls"}
    fact = only_fact(store)
    assert fact.sources == ("https://www.hankyung.com/article/2025031001", "https://board.example.com/view?no=5")


def test_revision_up_then_down_updates_the_fact_and_keeps_history(store):
    save(store, result(NAVER_PLAN, [naver(JO)], url="https://a.kr/1", published="2025-03-10"))
    up = save(store, result(NAVER_MORE, [naver(13 * 10**11)], url="https://b.kr/2", published="2025-05-02"))
    [change] = up.changes
    assert (change.status, change.direction, change.change_pct, change.previous.amount) == ("revised", "up", 30.0, JO)
    assert only_fact(store).amount == 13 * 10**11
    down = save(store, result(NAVER_LESS, [naver(8000 * EOK)], url="https://c.kr/3", published="2025-09-01"))
    [change] = down.changes
    assert (change.status, change.direction, change.change_pct) == ("revised", "down", -38.5)
    fact = only_fact(store)
    assert (fact.amount, fact.status, fact.first_seen) == (8000 * EOK, "revised", "2025-03-10")
    assert fact.sources == ("https://a.kr/1", "https://b.kr/2", "https://c.kr/3")
    with store.reading() as conn:
        from crawler.store.schema import changes

        rows = conn.execute(select(changes.c.status, changes.c.amount, changes.c.previous_amount)
                            .order_by(changes.c.id)).all()
    assert [tuple(r) for r in rows] == [("new", JO, None), ("revised", 13 * 10**11, JO),
                                        ("revised", 8000 * EOK, 13 * 10**11)]


def test_qualitative_raise_is_revised_up_and_keeps_the_amount(store):
    save(store, result(NAVER_PLAN, [naver(JO)], url="https://a.kr/1"))
    raised = save(store, result(NAVER_RAISE, [naver(None, trend="up")], url="https://b.kr/9", published="2025-06-01"))
    [change] = raised.changes
    assert (change.status, change.direction, change.mention.amount) == ("revised", "up", None)
    fact = only_fact(store)
    assert (fact.amount, fact.status) == (JO, "revised")


def test_two_outlets_disagreeing_the_same_day_is_a_conflict(store):
    save(store, result(NAVER_PLAN, [naver(JO)], url="https://www.hankyung.com/1", published="2025-03-10"))
    other = save(store, result(NAVER_OTHER, [naver(15 * 10**11)], url="https://www.mk.co.kr/2", published="2025-03-10"))
    [change] = other.changes
    assert (change.status, change.previous.amount) == ("conflict", JO)
    fact = only_fact(store)
    assert (fact.amount, fact.status) == (JO, "conflict")  # the known value is not overwritten
    assert set(fact.sources) == {"https://www.hankyung.com/1", "https://www.mk.co.kr/2"}


def test_krw_restatement_confirms_the_yuan_plan(store):
    plan = Mention("Alibaba", 3800 * EOK, "CNY", period="2025-2027", kind="capex",
                   conversions=(Conversion(749 * 10**11, "KRW", "approx"),))
    save(store, result(ALIBABA_PLAN, [plan], url="https://biz.chosun.com/1", published="2025-02-24"))
    restated = Mention("Alibaba", 74 * JO, "KRW", period="2025-2027", kind="capex", evidence=ALIBABA_KRW[0])
    headline = Mention("Alibaba", 74 * JO, "KRW", period=None, kind="capex")
    later = save(store, result(ALIBABA_KRW, [headline, restated], url="https://g-enews.com/2", published="2025-11-09"))
    assert [(c.status, c.key.period) for c in later.changes] == [("confirmed", "2025-2027")]
    fact = only_fact(store, "Alibaba")
    assert (fact.amount, fact.currency, fact.status) == (3800 * EOK, "CNY", "confirmed")
    assert len(store.facts()) == 1


def test_saving_everything_twice_adds_no_rows(store):
    articles = [
        result(NAVER_PLAN, [naver(JO)], url="https://a.kr/1"),
        result(NAVER_MORE, [naver(13 * 10**11)], path="files/more.txt", published="2025-04-01"),
    ]
    first = [save(store, a) for a in articles]
    counts = row_counts(store)
    second = [save(store, a) for a in articles]
    assert row_counts(store) == counts
    assert [s.article_id for s in second] == [s.article_id for s in first]
    assert all(not s.created and s.changes == [] for s in second)


def test_imported_baseline_is_confirmed_by_a_new_article(store):
    baseline = [Fact(FactKey("Naver", "capex", "2025"), JO, "KRW", first_seen="2025-01-15", status="new"),
                Fact(FactKey("Kakao", "capex", None), 5000 * EOK, "KRW", first_seen="2025-01-20")]
    assert store.import_facts(baseline) == 2
    assert store.import_facts(baseline) == 2
    assert row_counts(store)["facts"] == 2 and row_counts(store)["changes"] == 0
    saved = save(store, result(NAVER_PLAN, [naver(JO)], url="https://a.kr/1"))
    assert [c.status for c in saved.changes] == ["confirmed"]
    kakao = only_fact(store, "Kakao")
    assert (kakao.key.period, kakao.amount, kakao.first_seen) == (None, 5000 * EOK, "2025-01-20")


def test_fingerprint_ignores_whitespace_and_punctuation_but_not_words():
    assert fingerprint("네이버가 1조원을 투자한다.") == fingerprint(" 네이버가  1조원을, 투자한다 ")
    assert fingerprint("네이버가 1조원을 투자한다.") != fingerprint("네이버가 2조원을 투자한다.")


def test_a_misread_giant_figure_is_left_out_and_the_rest_stored(store):
    giant = naver(10**20, evidence="네이버가 1해원을 투자")  # beyond any 64-bit column
    saved = save(store, result(NAVER_PLAN, [giant, naver(JO)], url="https://a.kr/big"))
    assert saved.created and [(c.status, c.mention.amount) for c in saved.changes] == [("new", JO)]
    assert row_counts(store)["mentions"] == 1


# --- a new version of a stored article (its feed entry said it changed) ---------------------

ARTICLE_URL = "https://news.example.kr/news/articleView.html?idxno=500"
NAVER_PLAN_V2 = ("네이버가 올해 데이터센터와 AI 인프라에 1조3000억원을 투자한다.",
                 "회사는 세종 데이터센터 증설에 투자금 대부분을 투입할 계획이라고 밝혔다.")
NAVER_PLAN_TYPO = (NAVER_PLAN[0], "회사는 세종 데이터센터 증설에 투자금의 대부분을 투입할 계획이라고 밝혔다.")


def article_row(store, article_id):
    from crawler.store.schema import articles, mentions

    with store.reading() as conn:
        row = conn.execute(select(articles).where(articles.c.id == article_id)).mappings().one()
        amounts = conn.execute(select(mentions.c.amount).where(mentions.c.article_id == article_id)
                               .order_by(mentions.c.id)).scalars().all()
    return row, amounts


def test_changed_article_at_its_own_url_is_rediffed_and_the_figure_revised(store):
    first = save(store, result(NAVER_PLAN, [naver(JO)], url=ARTICLE_URL, title="네이버 1조 투자"), etag='"v1"')
    again = save(store, result(NAVER_PLAN_V2, [naver(13 * 10**11)], url=ARTICLE_URL + "&utm_source=rss",
                               title="네이버 1.3조 투자", published="2025-03-11"), etag='"v2"')
    assert (again.article_id, again.created, again.updated) == (first.article_id, False, True)
    [change] = again.changes
    assert (change.status, change.direction, change.change_pct, change.previous.amount) == ("revised", "up", 30.0, JO)
    fact = only_fact(store)
    assert (fact.amount, fact.status, fact.last_seen, fact.sources) == (
        13 * 10**11, "revised", "2025-03-11", (ARTICLE_URL,))
    row, amounts = article_row(store, first.article_id)
    assert (row["title"], row["etag"], row["published"], row["fingerprint"]) == (
        "네이버 1.3조 투자", '"v2"', "2025-03-11", fingerprint("\n".join(NAVER_PLAN_V2)))
    # the first version's mention stays only as the evidence of the 'new' change it made
    assert amounts == [JO, 13 * 10**11]
    counts = row_counts(store)
    assert (counts["articles"], counts["facts"], counts["changes"], counts["fact_sources"]) == (1, 1, 2, 1)

    # the same new text again: nothing
    repeat = save(store, result(NAVER_PLAN_V2, [naver(13 * 10**11)], url=ARTICLE_URL, published="2025-03-11"))
    assert (repeat.article_id, repeat.created, repeat.updated, repeat.changes) == (first.article_id, False, False, [])
    assert row_counts(store) == counts


def test_changed_article_with_the_same_figures_confirms_nothing(store):
    first = save(store, result(NAVER_PLAN, [naver(JO)], url=ARTICLE_URL))
    edited = save(store, result(NAVER_PLAN_TYPO, [naver(JO, evidence="edited")], url=ARTICLE_URL))
    assert (edited.article_id, edited.updated, edited.changes) == (first.article_id, True, [])
    fact = only_fact(store)
    assert (fact.amount, fact.status) == (JO, "new")
    row, amounts = article_row(store, first.article_id)
    assert row["text"] == "\n".join(NAVER_PLAN_TYPO) and amounts == [JO]  # replaced, not added
    assert row_counts(store)["changes"] == 1


def test_changed_article_does_not_undo_a_later_revision_by_another_outlet(store):
    first = save(store, result(NAVER_PLAN, [naver(JO)], url=ARTICLE_URL, published="2025-03-10"))
    save(store, result(NAVER_MORE, [naver(13 * 10**11)], url="https://b.kr/2", published="2025-05-02"))
    # the first article is edited (a typo) and still says 1조: not a revision back down
    edited = save(store, result(NAVER_PLAN_TYPO, [naver(JO)], url=ARTICLE_URL, published="2025-03-10"))
    assert (edited.article_id, edited.updated, edited.changes) == (first.article_id, True, [])
    assert only_fact(store).amount == 13 * 10**11


def test_changed_article_adds_a_new_figure_as_new(store):
    save(store, result(NAVER_PLAN, [naver(JO)], url=ARTICLE_URL))
    kakao = Mention("Kakao", 5000 * EOK, "KRW", period="2025", kind="capex")
    longer = NAVER_PLAN + ("카카오도 올해 5000억원을 데이터센터에 투자한다.",)
    edited = save(store, result(longer, [naver(JO), kakao], url=ARTICLE_URL))
    assert [(c.status, c.key.subject) for c in edited.changes] == [("new", "Kakao")]


def test_a_copy_url_whose_text_changed_does_not_overwrite_the_original(store):
    original = save(store, result(NAVER_PLAN, [naver(JO)], url="https://www.hankyung.com/article/2025031001"))
    save(store, result(NAVER_PLAN, [naver(JO)], url="https://board.example.com/view?no=5"))  # a copy
    edited_copy = save(store, result(NAVER_PLAN_V2, [naver(13 * 10**11)], url="https://board.example.com/view?no=5"))
    assert (edited_copy.article_id, edited_copy.updated, edited_copy.changes) == (original.article_id, False, [])
    row, _ = article_row(store, original.article_id)
    assert row["text"] == "\n".join(NAVER_PLAN) and only_fact(store).amount == JO


# --- canonical URLs: an identity only when they are an article's address --------------------

KAKAO_PLAN = ("카카오가 올해 안산 데이터센터 증설에 6000억원을 투자한다.",)


def kakao(amount: int) -> Mention:
    return Mention("Kakao", amount, "KRW", period="2025", kind="capex", company_ko="카카오")


def with_canonical(body, mentions, *, url, canonical) -> ExtractResult:
    res = result(body, mentions, url=url)
    return ExtractResult(article=Article(**{**res.article.__dict__, "canonical_url": canonical}),
                         keywords=res.keywords, mentions=res.mentions)


@pytest.mark.parametrize("canonical", ["https://site.example.kr/", "https://site.example.kr",
                                       "https://site.example.kr/news/", "https://site.example.kr/news/articleList.html"
                                       "?sc_section_code=S1N2"])
def test_articles_sharing_a_home_or_section_canonical_stay_two_articles(store, canonical):
    first = save(store, with_canonical(NAVER_PLAN, [naver(JO)], url="https://site.example.kr/view/1001",
                                       canonical=canonical))
    second = save(store, with_canonical(KAKAO_PLAN, [kakao(6000 * EOK)], url="https://site.example.kr/view/1002",
                                        canonical=canonical))
    assert second.created and second.article_id != first.article_id
    assert [(c.status, c.key.subject) for c in second.changes] == [("new", "Kakao")]
    assert row_counts(store)["articles"] == 2


def test_a_canonical_that_is_a_known_feed_or_list_page_is_no_identity(store):
    from datetime import UTC, datetime

    from crawler.store.schema import discovery_pages

    listing = "https://site.example.kr/news/latest?page=1"
    with store.writing() as conn:
        conn.execute(discovery_pages.insert().values(url=listing, source="site", http_status=200,
                                                     checked_at=datetime.now(UTC)))
    save(store, with_canonical(NAVER_PLAN, [naver(JO)], url="https://site.example.kr/view/1001", canonical=listing))
    second = save(store, with_canonical(KAKAO_PLAN, [kakao(6000 * EOK)], url="https://site.example.kr/view/1002",
                                        canonical=listing))
    assert second.created and row_counts(store)["articles"] == 2


def test_a_copy_whose_canonical_is_the_original_article_is_that_article(store):
    original_url = "https://www.etnews.com/20250310000123"
    original = save(store, result(NAVER_PLAN, [naver(JO)], url=original_url))
    # the portal copy has its own URL and a credit line (another text), and points at the original
    copy_body = NAVER_PLAN + ("전자신문 제공.",)
    copy = save(store, with_canonical(copy_body, [naver(JO)], url="https://portal.example.com/news/read?oid=030&aid=1",
                                      canonical=original_url + "?utm_source=portal"))
    assert (copy.article_id, copy.created, copy.updated, copy.changes) == (original.article_id, False, False, [])
    row, _ = article_row(store, original.article_id)
    assert row["text"] == "\n".join(NAVER_PLAN)  # the copy does not overwrite the original
    assert only_fact(store).sources == (original_url, "https://portal.example.com/news/read?aid=1&oid=030")


def test_article_address_rule():
    from crawler.store.identity import is_article_address

    articles_ = ["https://www.hankyung.com/article/2025031001", "https://x.kr/news/articleView.html?idxno=77",
                 "https://biz.chosun.com/it-science/2025/02/24/ABCDEF/", "https://blog.example.com/posts/naver-ai-capex",
                 "https://zdnet.co.kr/view/?no=20250224"]
    not_articles = ["https://x.kr/", "https://x.kr", "https://x.kr/news/", "https://x.kr/index.html",
                    "https://x.kr/news/articleList.html?sc_section_code=S1N2", "https://x.kr/rss/allArticle.xml?x=1",
                    "https://x.kr/economy", "https://x.kr/tag/capex?page=2"]
    assert [u for u in articles_ if not is_article_address(u)] == []
    assert [u for u in not_articles if is_article_address(u)] == []
