"""render_digest is pure: pending changes in, subject/text/HTML out."""

from __future__ import annotations

import re
from datetime import date
from email import message_from_bytes, policy
from html.parser import HTMLParser

import pytest

from crawler.config import DEFAULT_FX_TO_USD
from crawler.digest import wording
from crawler.digest.render import render_digest
from crawler.digest.send import build_message, message_bytes
from crawler.store.deliveries import ArticleRef, PendingChange

TODAY = date(2025, 11, 10)
CHOSUN = ArticleRef(1, "알리바바 3년간 3800억 위안", ("https://biz.chosun.com/it/ali",), "2025-02-24", None)
GENEWS = ArticleRef(2, "알리바바 재확인", ("https://www.g-enews.com/article/1",), "2025-11-09", None)
MT = ArticleRef(3, "빅테크 4사 설비투자", ("https://news.mt.co.kr/1",), "2025-02-07", None)
_ids = iter(range(1, 10_000))


def change(status: str, subject: str, amount: int | None, currency: str | None = "USD", *,
           fact_id: int | None = None, article: ArticleRef = MT, stated_by: tuple[ArticleRef, ...] = (),
           **fields) -> PendingChange:
    values = dict(
        change_id=next(_ids), fact_id=fact_id or abs(hash((subject, fields.get("kind", "capex")))) % 10**6,
        status=status, subject=subject, kind="capex", period="2025", members=None, company_ko=None,
        amount=amount, amount_max=None, currency=currency, qualifier="exact", previous_amount=None,
        previous_amount_max=None, previous_currency=None, change_pct=None, direction=None, trend=None,
        evidence=f"{subject} 근거 문장", article=article, fact_articles=stated_by or (article,),
    )
    values.update(fields)
    return PendingChange(**values)


def render(pending, **kwargs):
    return render_digest(pending, fx_to_usd=DEFAULT_FX_TO_USD, today=TODAY, **kwargs)


def visible_text(html: str) -> str:
    class Text(HTMLParser):
        parts: list[str] = []

        def handle_data(self, data):
            self.parts.append(data)

    parser = Text()
    parser.parts = []
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def test_groups_by_company_largest_first_with_korean_and_english_names():
    digest = render([
        change("new", "Baidu", 4_000_000_000, "CNY", qualifier="approx", period="2024H1"),
        change("new", "Alibaba", 380_000_000_000, "CNY", period="2025-2027", article=CHOSUN),
        change("new", "Amazon", 100_000_000_000),
    ])
    text = digest.text
    order = [text.index(f"■ {name}") for name in ("아마존 (Amazon)", "알리바바 (Alibaba)", "바이두 (Baidu)")]
    assert order == sorted(order)  # USD 100bn > CNY 380bn (~USD 52.8bn) > CNY 4bn
    assert "3,800억 위안 (CNY 380.0bn)" in text and "2025~2027년" in text
    assert "약 40억 위안" in text and "2024년 상반기" in text
    assert "≈ US$52.8bn · 73.9조 원" in text  # approximate USD and KRW from the FX table
    assert "근사" in text
    assert digest.counts["new"] == 3 and digest.subject.endswith("신규 3건, 수정 0건")


def test_revision_shows_before_after_direction_and_percentage():
    digest = render([
        change("revised", "Microsoft", 80_000_000_000, previous_amount=64_000_000_000, previous_currency="USD",
               change_pct=25.0, direction="up"),
        change("revised", "Meta", 54_000_000_000, previous_amount=60_000_000_000, previous_currency="USD",
               change_pct=-10.0, direction="down"),
    ])
    assert "640억 달러 (USD 64.0bn) → 800억 달러 (USD 80.0bn) (▲+25.0%)" in digest.text
    assert "600억 달러 (USD 60.0bn) → 540억 달러 (USD 54.0bn) (▼-10.0%)" in digest.text
    assert "▲+25.0%" in visible_text(digest.html) and "▼-10.0%" in visible_text(digest.html)
    assert digest.counts["revised"] == 2 and "수정 2건" in digest.subject


def test_qualitative_raise_without_a_new_amount():
    digest = render([change("revised", "Naver", None, None, previous_amount=1_000_000_000_000,
                            previous_currency="KRW", direction="up")])
    assert "1조 원 (KRW 1.0tn) → 상향 (새 금액 미공개)" in digest.text
    assert "네이버 (Naver)" in digest.text


def test_conflict_puts_the_disagreeing_sources_side_by_side():
    digest = render([change("conflict", "Meta", 65_000_000_000, article=GENEWS, previous_amount=60_000_000_000,
                            previous_currency="USD", stated_by=(MT, GENEWS))])
    assert "상충: 650억 달러 (USD 65.0bn) — 알리바바 재확인" in digest.text
    assert "vs 기존 600억 달러 (USD 60.0bn) — 빅테크 4사 설비투자" in digest.text
    html = visible_text(digest.html)
    assert re.search(r"이 기사 650억 달러 .*재확인.* 기존 자료 600억 달러 .*빅테크 4사 설비투자", html)
    assert digest.counts["conflict"] == 1


def test_confirmations_fold_into_one_line_and_every_article_is_linked():
    fact = 77
    digest = render([
        change("new", "Alibaba", 380_000_000_000, "CNY", fact_id=fact, article=CHOSUN, period="2025-2027"),
        change("confirmed", "Alibaba", 380_000_000_000, "CNY", fact_id=fact, article=GENEWS, period="2025-2027",
               stated_by=(CHOSUN, GENEWS)),
        change("confirmed", "Alibaba", 380_000_000_000, "CNY", fact_id=fact, article=MT, period="2025-2027",
               stated_by=(CHOSUN, GENEWS, MT)),
    ])
    assert digest.text.count("■ 알리바바 (Alibaba)") == 1
    assert digest.text.count("[신규] 3,800억 위안") == 1
    assert "확인 2건: 알리바바 재확인, 빅테크 4사 설비투자" in digest.text
    for url in ("https://biz.chosun.com/it/ali", "https://www.g-enews.com/article/1", "https://news.mt.co.kr/1"):
        assert f'href="{url}"' in digest.html
    assert digest.counts == {**digest.counts, "new": 1, "confirmed": 1}


def test_equity_investments_get_their_own_short_section_and_other_kinds_none():
    digest = render([
        change("new", "Amazon", 100_000_000_000),
        change("new", "Alibaba", 800_000_000, kind="equity_investment", period=None),
        change("new", "Alibaba", 280_200_000_000, "CNY", kind="revenue", period="2024Q4"),
    ])
    capex_part, equity_part = digest.text.split("== 기타 투자 (지분 투자·펀딩) ==")
    assert "8억 달러" in equity_part and "8억 달러" not in capex_part
    assert "2,802억" not in digest.text  # revenue is stored, not mailed
    assert digest.counts["equity"] == 1 and digest.counts["shown"] == 2
    assert len(digest.change_ids) == 3  # the revenue change is covered (delivered) all the same


def test_nothing_worth_sending():
    digest = render([change("new", "Alibaba", 280_200_000_000, "CNY", kind="revenue")])
    assert digest.counts["shown"] == 0


def test_unhealthy_sources_get_a_line_each_in_korean():
    from datetime import UTC, datetime

    from crawler.store.crawlstate import SourceHealth

    ok_at = datetime(2025, 11, 1, tzinfo=UTC)
    health = [
        SourceHealth("mt", False, "failed the last 3 runs: …", ok_at, None, 3,
                     "https://news.mt.co.kr/rss: feed failed: host name not found (DNS lookup failed)"),
        SourceHealth("etnews", False, "newest item is 9 days old (more than 7)", ok_at, ok_at, 0),
        SourceHealth("chosun", True, None, ok_at, ok_at, 0),
    ]
    digest = render([change("new", "Amazon", 1)], health=health)
    assert ("mt: 3회 연속 수집 실패 — 마지막 오류: https://news.mt.co.kr/rss: 피드 요청 실패: "
            "DNS 조회 실패(호스트를 찾을 수 없음) (마지막 정상 수집 2025-11-01)") in digest.text
    assert "etnews: 9일째 새 기사 없음 (가장 최근 기사 2025-11-01)" in digest.text
    assert "chosun" not in digest.text and digest.counts["unhealthy"] == 2


def test_a_source_failing_for_the_first_time_shows_its_error_in_korean():
    from crawler.store.crawlstate import SourceHealth

    broken = SourceHealth("brokenfeed", False, "failed the last 1 run: …", None, None, 1,
                          "http://127.0.0.1:8000/rss.xml: feed failed: HTTP 404")
    digest = render([change("new", "Amazon", 1)], health=[broken])
    [line] = [line.strip() for line in digest.text.splitlines() if "brokenfeed" in line]
    assert line == ("! brokenfeed: 1회 연속 수집 실패 — 마지막 오류: "
                    "http://127.0.0.1:8000/rss.xml: 피드 요청 실패: HTTP 404 (정상 수집 기록 없음)")


def test_every_source_failing_is_one_summary_line():
    from datetime import UTC, datetime

    from crawler.store.crawlstate import SourceHealth

    ok_at = datetime(2025, 11, 9, tzinfo=UTC)
    health = [SourceHealth(f"outlet{i}", i % 2 == 0, None, ok_at, ok_at, 1,
                           f"https://outlet{i}.kr/rss: feed failed: host name not found (DNS lookup failed)")
              for i in range(14)]
    digest = render([change("new", "Amazon", 1)], health=health)
    lines = [line.strip() for line in digest.text.split("== 수집 이상 (Source health) ==")[1].splitlines()
             if line.startswith("  !")]
    assert lines == ["! 모든 소스(14곳) 수집 실패 — 네트워크 연결을 확인하세요. 마지막 오류: https://outlet0.kr/rss: "
                     "피드 요청 실패: DNS 조회 실패(호스트를 찾을 수 없음)"]
    assert "outlet3" not in digest.text


def test_sources_never_crawled_are_one_line():
    from crawler.store.crawlstate import SourceHealth

    health = [SourceHealth(f"outlet{i}", False, "never crawled", None, None, 0) for i in range(14)]
    digest = render([change("new", "Amazon", 1)], health=health)
    lines = [line.strip() for line in digest.text.splitlines() if line.startswith("  !")]
    assert lines == ["! 아직 수집한 소스가 없음 (14곳 설정됨) — crawl을 실행하세요"]


def test_the_footnote_lists_only_the_rates_used():
    yuan_and_dollars = render([change("new", "Alibaba", 380_000_000_000, "CNY"), change("new", "Amazon", 10**11)])
    note = "환산 금액은 근사치입니다 (approximate, config [fx]): 1 USD ≈ 7.20 CNY, 1 USD ≈ 1,400 KRW"
    assert note in yuan_and_dollars.text and note in visible_text(yuan_and_dollars.html)
    assert "JPY" not in yuan_and_dollars.text and "EUR" not in yuan_and_dollars.text
    won_only = render([change("revised", "Naver", 15 * 10**11, "KRW", previous_amount=10**12, previous_currency="KRW",
                              change_pct=50.0, direction="up")])
    assert "(approximate, config [fx]): 1 USD ≈ 1,400 KRW\n" in won_only.text
    revised_from_yen = render([change("revised", "SoftBank", 10**10, "USD", previous_amount=10**12,
                                      previous_currency="JPY", change_pct=50.0, direction="up")])
    assert "(approximate, config [fx]): 1 USD ≈ 150 JPY, 1 USD ≈ 1,400 KRW\n" in revised_from_yen.text


def test_bar_chart_says_how_many_figures_it_leaves_out():
    many = [change("new", f"Company{i}", (i + 1) * 1_000_000_000) for i in range(14)]
    digest = render(many)
    assert len(re.findall(r'<td width="(\d+)%" height="12"', digest.html)) == 12
    assert "나머지 2건은 아래 목록에" in digest.html and "나머지 2건은 아래 목록에" in digest.text


def test_bar_chart_of_new_capex_uses_only_tables_and_inline_css():
    digest = render([change("new", "Amazon", 100_000_000_000), change("new", "Meta", 50_000_000_000),
                     change("revised", "Microsoft", 80_000_000_000, previous_amount=1, previous_currency="USD")])
    html = digest.html.lower()
    assert "<img" not in html and "<script" not in html and "<style" not in html and "url(" not in html
    widths = re.findall(r'<td width="(\d+)%" height="12"', digest.html)
    assert widths == ["100", "50"]  # Amazon the largest new figure, Meta half of it; revisions are no bars


def test_script_in_title_and_evidence_is_escaped():
    evil = ArticleRef(9, "<script>alert('t')</script> 제목", ("https://x.example/a",), "2025-01-01", None)
    digest = render([change("new", "Amazon", 100_000_000_000, article=evil,
                            evidence="아마존 <script>alert('e')</script> <b onmouseover=x>1000억</b> 달러")])
    assert "<script" not in digest.html.lower() and "onmouseover=x>" not in digest.html
    assert "&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; 제목" in digest.html
    assert "&lt;script&gt;alert(&#39;e&#39;)" in digest.html


def test_javascript_and_data_urls_are_never_linked():
    bad = ArticleRef(9, "나쁜 링크", ("javascript:alert(1)", "JavaScript://ok.example/%0Aalert(1)", "data:text/html,x",
                                     "https://ok.example/a"), None, None)
    only_bad = ArticleRef(10, "링크 없음", ("javascript:alert(1)",), None, None)
    digest = render([change("new", "Amazon", 1, article=bad), change("new", "Meta", 1, article=only_bad)])
    hrefs = re.findall(r'href="([^"]*)"', digest.html)
    assert hrefs == ["https://ok.example/a"]
    assert "링크 없음" in visible_text(digest.html) and "javascript" not in digest.html.lower()


def test_crlf_in_a_title_cannot_add_a_header():
    evil = ArticleRef(9, "제목\r\nBcc: victim@example.com\r\n\r\n<b>body</b>", ("https://x.example/a",), None, None)
    digest = render([change("new", "Amazon", 100_000_000_000, article=evil, evidence="줄\r\nX-Evil: 1")],
                    subject_prefix="[cw]\r\nX-Injected: yes")
    raw = message_bytes(build_message(digest, sender="cw@example.com", recipients=["a@example.com"],
                                      now=__import__("datetime").datetime(2025, 11, 10, 8), message_id="<1@x>"))
    parsed = message_from_bytes(raw, policy=policy.default)
    assert parsed["Bcc"] is None and parsed["X-Injected"] is None and parsed["X-Evil"] is None
    assert "\n" not in str(parsed["Subject"]) and "Bcc" not in str(parsed["Subject"])
    assert parsed["Subject"].startswith("[cw] X-Injected: yes 설비투자 브리핑 2025-11-10")


@pytest.mark.parametrize("amount, currency, qualifier, expected", [
    (380_000_000_000, "CNY", "exact", "3,800억 위안"),
    (74_900_000_000_000, "KRW", "approx", "약 74조 9,000억 원"),
    (150_000_000_000, "CNY", "at_least", "1,500억 위안 이상"),
    (5_576_000, "USD", "exact", "557만 6,000 달러"),
    (500_000_000_000, "USD", "at_most", "5,000억 달러 이하"),
])
def test_korean_amounts(amount, currency, qualifier, expected):
    assert wording.korean_amount(amount, currency, qualifier) == expected


def test_korean_range_and_periods():
    assert wording.korean_amount(10_000_000_000, "USD", "range", 12_000_000_000) == "100억~120억 달러"
    assert [wording.period_label(p) for p in ("2025", "2024H2", "2025Q3", "FY2025", None)] == [
        "2025년", "2024년 하반기", "2025년 3분기", "2025 회계연도", "기간 미상"]
    assert wording.company_label("Alibaba+Baidu+Tencent", ("Alibaba", "Baidu", "Tencent")) == (
        "알리바바·바이두·텐센트 합산 (Alibaba+Baidu+Tencent)")
    assert wording.company_label("Zhipu", None, "즈푸") == "즈푸 (Zhipu)"


def test_each_fact_links_to_its_web_page_when_web_base_url_is_set():
    pending = [change("new", "Alibaba", 380_000_000_000, "CNY", fact_id=41, article=CHOSUN)]
    digest = render(pending, fact_links="https://capex.example.com/watch/")
    assert '<a class="fact-link" href="https://capex.example.com/watch/facts/41"' in digest.html
    assert "이력: https://capex.example.com/watch/facts/41" in digest.text


def test_without_web_base_url_the_digest_has_no_fact_links():
    pending = [change("new", "Alibaba", 380_000_000_000, "CNY", fact_id=41, article=CHOSUN)]
    digest = render(pending)
    assert "/facts/41" not in digest.html and "fact-link" not in digest.html
    assert "이력" not in digest.text
