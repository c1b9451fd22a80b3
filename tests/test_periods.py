"""Periods: every form, resolved against the publication date passed in (never the clock)."""

from __future__ import annotations

import pytest

from crawler.figures.korean.periods import find_periods, publication_year, resolve_period

PUB = "2025-02-24"


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("올해 800억달러를 투자", "2025"),
        ("1000억 달러를 연내 집행", "2025"),
        ("금년 투자액", "2025"),
        ("올 한 해 동안", "2025"),
        ("지난해 매출", "2024"),
        ("작년에도 투자", "2024"),
        ("재작년 대비", "2023"),
        ("내년에 집행된다", "2026"),
        ("상반기에만", "2025H1"),
        ("하반기 투자", "2025H2"),
        ("올해 상반기에 사용한", "2025H1"),
        ("지난해 하반기", "2024H2"),
        ("내년 상반기", "2026H1"),
        ("1분기 실적", "2025Q1"),
        ("지난해 4분기 매출액은", "2024Q4"),
        ("올해 3분기", "2025Q3"),
        ("2024년 상반기", "2024H1"),
        ("2023년 2분기", "2023Q2"),
        ("2026년 투자", "2026"),
        ("향후 3년 74조 원", "2025-2027"),
        ("향후 3년간", "2025-2027"),
        ("3년간 3800억위안", "2025-2027"),
        ("3년 동안", "2025-2027"),
        ("향후 5년에 걸쳐", "2025-2029"),
        ("앞으로 10년간", "2025-2034"),
        ("2030년까지 100조 원", "2025-2030"),
        ("2025~2027년 투자", "2025-2027"),
        ("2025-27년", "2025-2027"),
        ("2025 회계연도", "FY2025"),
        ("2026년 회계연도", "FY2026"),
        ("회계연도 2025", "FY2025"),
        ("FY2025 자본지출", "FY2025"),
        ("2025 회계연도 2분기(10~12월) 매출", "FY2025Q2"),  # a fiscal quarter, not a calendar one
        ("이번 회계연도에 투자", "FY2025"),
        ("지난 회계연도 자본지출", "FY2024"),
        ("내년 회계연도", "FY2026"),
        ("fiscal 2025", "FY2025"),
        ("capital expenditures in 2025.", "2025"),
        ("its 2026 capex forecast", "2026"),
    ],
)
def test_each_period_form(text: str, period: str) -> None:
    assert resolve_period(text, PUB) == period


@pytest.mark.parametrize(
    "text",
    ["1년 전보다 두 배", "전년 대비 8% 늘었는데", "지난 21일 실적 발표", "10년 전", "5개년 계획",
     "2025 세계 인터넷 컨퍼런스", "값이 올랐다", "6일(현지시간)"],
)
def test_not_periods(text: str) -> None:
    assert resolve_period(text, PUB) is None


def test_past_spans_are_not_plans() -> None:
    assert resolve_period("지난 10년간 투입한 총금액", PUB) is None


@pytest.mark.parametrize("text", ["올해", "지난해 4분기", "상반기", "향후 3년간", "2분기", "2030년까지"])
def test_relative_periods_without_a_publication_date_are_none(text: str) -> None:
    spans = find_periods(text, None)
    assert len(spans) == 1 and spans[0].value is None


@pytest.mark.parametrize(("text", "period"), [("2024년 상반기", "2024H1"), ("2025 회계연도", "FY2025"),
                                              ("2023년", "2023")])
def test_explicit_periods_need_no_publication_date(text: str, period: str) -> None:
    assert resolve_period(text, None) == period


def test_the_publication_date_anchors_relative_periods() -> None:
    assert resolve_period("올해 상반기", "2024-08-26T16:31:05+09:00") == "2024H1"
    assert resolve_period("올해 상반기", "2019-01-02") == "2019H1"
    assert resolve_period("향후 3년 동안", "2025-11-09") == "2025-2027"


def test_a_malformed_publication_date_counts_as_none() -> None:
    assert publication_year("yesterday") is None
    assert resolve_period("올해", "yesterday") is None


def test_spans_are_in_order_with_their_text() -> None:
    spans = find_periods("알리바바의 지난해 4분기 매출액은 올해 상반기보다", PUB)
    assert [(p.text, p.value) for p in spans] == [("지난해 4분기", "2024Q4"), ("올해 상반기", "2025H1")]


# --- explicit spans: one period for the whole "from ... to ..." expression ------------------

@pytest.mark.parametrize(
    ("text", "published", "period"),
    [
        ("2025년부터 2028년까지 10조 원을 투자", None, "2025-2028"),
        ("2025년부터 2028년까지 10조 원을 투자", "2026-03-01", "2025-2028"),
        ("2025년부터 오는 2028년까지", "2026-03-01", "2025-2028"),
        ("2025~2028년 투자", None, "2025-2028"),
        ("2025-2028년 투자", "2026-03-01", "2025-2028"),
        ("2025년~2028년 투자", None, "2025-2028"),
        ("2025년에서 2028년 사이에 투자", None, "2025-2028"),
        ("2025년에서 2028년 사이에 투자", "2026-03-01", "2025-2028"),
        ("2025~28년 투자", None, "2025-2028"),
        ("2025년부터 3년간", "2026-03-01", "2025-2027"),
        ("올해부터 2028년까지", "2026-03-01", "2026-2028"),
        ("내년부터 3년간", "2026-03-01", "2027-2029"),
        ("내년부터 3년 동안", "2025-02-24", "2026-2028"),
        ("2025년 하반기부터 2028년 말까지", None, "2025-2028"),
        ("올해 상반기부터 오는 2027년까지", "2026-03-01", "2026-2027"),
    ],
)
def test_explicit_spans(text: str, published: str | None, period: str) -> None:
    spans = find_periods(text, published)
    assert [p.value for p in spans] == [period]


@pytest.mark.parametrize("text", ["올해부터 2028년까지", "내년부터 3년간"])
def test_a_span_from_a_relative_year_needs_the_publication_date(text: str) -> None:
    spans = find_periods(text, None)
    assert len(spans) == 1 and spans[0].value is None


def test_a_move_from_one_year_to_another_is_no_span() -> None:
    """'2025년에서 2028년으로 연기' is a delay: two years, not the span 2025-2028."""
    assert [p.value for p in find_periods("완공 시점을 2025년에서 2028년으로 연기했다", None)] == ["2025", "2028"]


@pytest.mark.parametrize(
    "text, published, fiscal_end, period",
    [
        # a bare quarter is the one publication falls in, else the last one reported
        ("4분기 시설투자", "2026-01-29", 12, "2025Q4"),
        ("3분기 매출", "2025-10-30", 12, "2025Q3"),
        ("1분기 실적", "2025-03-10", 12, "2025Q1"),
        ("2분기 매출 전망치는", "2025-02-10", 12, "2025Q2"),  # a forecast: the quarter ahead
        # a company with its own fiscal calendar counts quarters in it (Microsoft: July-June)
        ("1분기 자본지출", "2025-10-30", 6, "FY2026Q1"),
        ("4분기 자본지출", "2025-10-30", 6, "FY2025Q4"),
        ("3분기 매출", "2025-11-20", 1, "FY2026Q3"),  # Nvidia: February-January
        ("이번 회계연도", "2025-12-11", 5, "FY2026"),  # Oracle: June-May
        ("이번 회계연도", "2025-03-10", 12, "FY2025"),
        ("직전 회계연도", "2024-06-27", 8, "FY2023"),
        # months that make a quarter or a half; a company with its own calendar counts them in it
        ("올해 1~3월 설비투자", "2024-04-24", 12, "2024Q1"),
        ("2024년 7~12월", "2025-03-10", 12, "2024H2"),
        ("7~9월 설비투자", "2025-07-31", 12, "2025Q3"),
        ("7~9월 설비투자", "2025-07-31", 6, "FY2026Q1"),
        ("지난해 4~6월", "2025-07-31", 12, "2024Q2"),  # Micron in June 2024: FY2024 is under way
        # nine months or twelve: the year (so far), as "1~3분기" is
        ("올해 1~9월 누적 설비투자액", "2025-11-14", 12, "2025"),
        ("1~9월 누적", "2025-02-01", 12, "2024"),
        ("2024년 1~12월", "2025-02-01", 12, "2024"),
        ("전 회계연도", "2025-12-11", 5, "FY2025"),
        ("2026 회계연도", "2025-10-30", 6, "FY2026"),  # named: as written, whatever the calendar
        # the quarter reported last, and the one before it
        ("지난 분기", "2025-10-30", 12, "2025Q3"),
        ("직전 분기", "2025-10-30", 12, "2025Q2"),
        ("직전 분기", "2025-10-30", 6, "FY2025Q4"),
    ],
)
def test_relative_quarters_and_fiscal_calendars(text: str, published: str, fiscal_end: int, period: str) -> None:
    assert [p.value for p in find_periods(text, published, fiscal_end)] == [period]


def test_fiscal_year_ends_are_data_for_known_calendars() -> None:
    from crawler.figures.korean.periods import fiscal_year_end

    assert fiscal_year_end(["Microsoft"]) == 6
    assert fiscal_year_end([None, "Samsung Electronics", "Oracle"]) == 5  # the first with its own calendar
    assert fiscal_year_end(["Samsung Electronics"]) == 12


def test_bare_quarters_of_some_fiscal_calendars_are_calendar_quarters() -> None:
    from crawler.figures.korean.periods import fiscal_year_end

    alibaba = fiscal_year_end(["Alibaba"])
    assert [p.value for p in find_periods("3분기 자본지출", "2025-11-26", alibaba)] == ["2025Q3"]
    assert [p.value for p in find_periods("회계연도 2분기 실적", "2025-11-25", alibaba)] == ["FY2026Q2"]
    assert [p.value for p in find_periods("이번 회계연도", "2025-11-25", alibaba)] == ["FY2026"]


@pytest.mark.parametrize(
    "sentence, published, window",
    [
        ("투자 기간은 이날부터 2027년 10월31일까지다.", "2024-05-02", "2024-2027"),
        ("투자 기간은 오는 8월부터 2026년 11월까지다.", "2025-06-20", "2025-2026"),
        ("투자 기간은 내년 3월부터 2031년 6월까지 5년여다.", "2025-11-01", "2026-2031"),
        ("6공장은 2027년 가동이 목표다.", "2025-03-01", None),  # a finish date is no spending window
    ],
)
def test_a_filing_window_is_read_from_its_sentence(sentence: str, published: str, window: str | None) -> None:
    from crawler.figures.korean.periods import filing_window

    assert filing_window([sentence], published) == window


def test_a_capex_figure_without_a_period_takes_the_filing_window() -> None:
    from crawler.figures.mentions import find_mentions
    from crawler.models import Article

    article = Article(title="한미반도체, 7공장에 284억 투자", published="2025-06-20",
                      body=("한미반도체는 인천 서구에 건설 중인 제7공장에 284억8000만원을 투자한다고 20일 공시했다. "
                            "투자 기간은 오는 8월부터 2026년 11월까지다.",))
    assert [(m.amount, m.kind, m.period) for m in find_mentions(article)] == [(28_480_000_000, "capex", "2025-2026")]


def test_the_filing_window_is_the_filing_companys_and_not_of_a_finished_project() -> None:
    from crawler.figures.mentions import find_mentions
    from crawler.models import Article

    article = Article(title="LIG넥스원, 구미에 3740억 투자", published="2025-12-04",
                      body=("LIG넥스원은 4일 이사회를 열고 3740억원의 신규 시설투자를 의결했다고 밝혔다. "
                            "투자는 곧바로 시작돼 2029년 6월까지 이어진다.",
                            "구미에는 한화시스템도 최근 2800억원을 들여 신사업장을 준공했다.",
                            "LIG넥스원은 2022년에도 구미 2하우스 증설에 1100억원을 투입했다."))
    found = [(m.company, m.amount, m.period) for m in find_mentions(article) if m.kind == "capex"]
    assert found == [("LIG Nex1", 3740 * 10**8, "2025-2029"), ("Hanwha Systems", 2800 * 10**8, None),
                     ("LIG Nex1", 1100 * 10**8, "2022")]


@pytest.mark.parametrize(
    "text, period",
    [("3분기까지 누적 시설투자액은", "2024"), ("1~3분기 시설투자는", "2024"), ("이번 분기 자본지출", "2024Q3"),
     ("지난해 1~3분기(1478억원)의 두 배", "2023"), ("2022년 1∼3분기 설비투자는", "2022"),  # a year's so far
     ("올해 3분기까지 3사가 집행한 시설투자비는", "2024"), ("3분기까지 1조5910억원을 투자했다", "2024")],
)
def test_cumulative_and_current_quarters(text: str, period: str) -> None:
    assert [p.value for p in find_periods(text, "2024-10-31")] == [period]


def test_same_period_and_annual_figures_take_the_period_stated_before() -> None:
    from crawler.figures.mentions import find_mentions
    from crawler.models import Article

    article = Article(published="2024-01-31", body=(
        "삼성전자가 지난해 4분기 16조4000억원, 연간 53조1000억원의 시설투자를 단행했다고 31일 밝혔다.",
        "연간으로는 반도체에 48조4000억원이 집행됐다.",
        "같은 기간 디스플레이 투자는 2조4000억원이었다."))
    found = [(m.amount, m.period) for m in find_mentions(article)]
    assert found == [(16_400_000_000_000, "2023Q4"), (53_100_000_000_000, "2023"), (48_400_000_000_000, "2023"),
                     (2_400_000_000_000, "2023")]


def test_a_named_fiscal_quarter_is_a_fiscal_quarter() -> None:
    assert [p.value for p in find_periods("2026 회계연도 1분기 자본지출", "2025-07-31", 6)] == ["FY2026Q1"]
    assert [p.value for p in find_periods("이번 회계연도 1분기", "2025-07-31", 6)] == ["FY2026Q1"]
    assert [p.value for p in find_periods("2025 회계연도 상반기", "2025-07-31", 6)] == ["FY2025"]


def test_the_older_quarter_notation_and_a_time_something_was_said() -> None:
    assert [p.value for p in find_periods("2025년 1·4분기 시설투자는", "2025-04-30")] == ["2025Q1"]
    from crawler.figures.korean.figures import sentence_periods

    said = "2026 회계연도 자본지출이 지난 9월 1분기 실적 발표 때 제시했던 350억 달러보다 늘어난다."
    assert [p.value for p in sentence_periods(said, "2025-12-11", 5)] == ["FY2026"]


def test_a_filing_window_may_give_only_its_end() -> None:
    from crawler.figures.korean.periods import filing_window

    assert filing_window(["투자는 이날부터 2년 동안 집행된다."], "2025-07-30") == "2025-2027"
    assert filing_window(["투자 기간은 내년 7월 31일까지다."], "2020-09-28") == "2020-2021"
    assert filing_window(["투자 기간은 오는 6월 10일까지다."], "2023-04-26") == "2023"
    assert filing_window(["투자 기간 종료일도 2026년 12월 27일에서 2027년 6월 30일로 변경됐다."],
                         "2024-09-10") == "2024-2027"


@pytest.mark.parametrize(
    "sentences, published, span",
    [
        (["LS일렉트릭은 부산사업장에 205억원을 추가로 투자하기로 했다.", "공사는 내년 9월 마무리가 목표다."],
         "2024-08-13", "2024-2025"),
        (["총 투자액은 6억8100만달러다.", "2027년 3분기 완공, 2028년 1분기 양산 개시가 목표다."],
         "2025-04-29", "2025-2027"),
        (["회사는 40억 달러를 들인다.", "회사는 2026년까지 시설을 완공하는 것이 목표다."], "2023-05-22", "2023-2026"),
        (["회사는 803억원을 쓰기로 했다.", "완공 목표 시점은 내년 9월이다."], "2024-08-13", "2024-2025"),
        (["회사는 2026년 상반기 안에 공장을 준공하고 하반기 양산을 시작한다는 목표다."], "2025-09-04", "2025-2026"),
        (["용인 첫 팹에 투자한다.", "회사는 내년 3월 착공해 2027년 5월 준공한다는 목표다."], "2024-04-24", "2025-2027"),
        # a plant starting to run, in the figure's sentence or the next
        (["6공장에 1조원을 들인다.", "6공장은 2027년 가동이 목표다."], "2025-03-01", "2025-2027"),
        (["코스맥스는 15억바트를 투입해 2026년 9월 가동에 들어간다."], "2025-03-01", "2025-2026"),
        (["한화는 10억달러를 들인다.", "내년 착공해 2030년 양산이 목표다."], "2025-09-15", "2026-2030"),
        # a year by which the plant is built or the equipment brought in, from a stated start if any
        (["네패스는 2800억원 규모의 신규 공장을 짓는다.", "네패스는 2022년까지 산업단지 내 부지에 제3공장을 신축한다."],
         "2019-03-12", "2019-2022"),
        (["1714억원 상당의 장비를 양수한다.", "2026년 1월부터 2027년 3월까지 장비를 순차적으로 들여와 확충한다."],
         "2025-10-15", "2026-2027"),
        (["회사는 3000억원을 투자한다.", "2030년까지 매출을 2조원으로 늘린다는 목표다."], "2025-03-01", None),
        # not a project's span: a finish in the past, a first phase, the long run, a plant starting to run far
        # from the figure
        (["농협은 3200억원을 투입한 센터를 지난해 완공했다."], "2025-03-01", None),
        (["120조원을 투자해 팹 4기를 짓는다.", "첫 번째 팹은 2027년 5월 준공을 목표로 한다."], "2025-03-10", None),
        (["장기적으로 총 20조원 이상을 투입한다.", "2025년 11월 준공이 목표다."], "2024-04-24", None),
        (["6공장에 1조원을 들인다.", "부지는 15만㎡다.", "직원은 300명이다.", "6공장은 2027년 가동이 목표다."],
         "2025-03-01", None),
        # every phase's finish together is the plan's
        (["이디엘은 6005억원을 투자한다.", "1단계는 2024년 말, 2단계는 2025년 말, 3단계는 2026년 말 준공이 목표다."],
         "2023-08-02", "2023-2026"),
    ],
)
def test_a_project_finish_gives_the_span_from_its_announcement(sentences: list[str], published: str,
                                                               span: str | None) -> None:
    from crawler.figures.korean.periods import project_window

    assert project_window(sentences, published) == span


def test_a_capex_figure_takes_the_finish_of_its_own_project_not_of_a_later_one() -> None:
    from crawler.figures.mentions import find_mentions
    from crawler.models import Article

    article = Article(title="LS전선, 美 해저케이블 공장 착공", published="2025-04-29", body=(
        "LS전선은 버지니아주에서 해저케이블 공장을 착공했다고 29일 밝혔다. 총 투자액은 6억8100만달러다.",
        "2027년 3분기 완공이 목표다.",
        "회사는 미국 내 공급망에 의미가 크다고 평가했다.",
        "구 대표는 수요에 대응하겠다고 말했다.",
        "회사는 별도로 2030년까지 다른 설비도 완공할 계획이다.",
    ))
    assert [(m.amount, m.period) for m in find_mentions(article)] == [(681_000_000, "2025-2027")]


def test_the_parts_of_a_plan_announced_in_the_lead_take_its_span() -> None:
    from crawler.figures.mentions import find_mentions
    from crawler.models import Article

    article = Article(title="롯데, 5년간 37조 쏟는다", published="2022-05-24", body=(
        "롯데가 앞으로 5년 동안 37조원을 투자한다.",
        "신성장 부문에서 롯데는 1조원 규모의 국내 공장 신설을 추진한다.",
        "유통·관광 시설 투자에는 롯데가 8조1000억원을 배정했다.",
        "한편 신세계는 공장 신설에 1조원을 투자한다.",
    ))
    periods = {(m.company_ko, m.amount): m.period for m in find_mentions(article) if m.kind == "capex"}
    assert periods[("롯데", 37_000_000_000_000)] == "2022-2026"
    assert periods[("롯데", 1_000_000_000_000)] == "2022-2026"
    assert periods[("롯데", 8_100_000_000_000)] == "2022-2026"
    assert periods[("신세계", 1_000_000_000_000)] is None  # another company's figure is not a part of the plan


def test_a_headlines_segments_keep_their_own_periods() -> None:
    from crawler.figures.mentions import find_mentions
    from crawler.models import Article

    article = Article(title="TSMC, 3분기 매출 331억달러 '어닝 서프라이즈'…설비투자 가이던스 400억~420억달러로 상향",
                      published="2025-11-14", body=(
                          "TSMC는 올해 설비투자 가이던스를 기존 380억~420억달러에서 400억~420억달러로 끌어올렸다.",))
    periods = {(m.kind, m.amount): m.period for m in find_mentions(article)}
    assert periods[("revenue", 33_100_000_000)] == "2025Q3"  # a forecast word in the next segment is not this one's
    assert periods[("capex", 40_000_000_000)] == "2025"


def test_each_companys_figure_is_read_in_its_own_fiscal_calendar() -> None:
    from crawler.figures.mentions import find_mentions
    from crawler.models import Article

    article = Article(published="2024-08-01", body=(
        "2분기 자본지출은 마이크로소프트가 190억달러, 알파벳이 132억달러였다.",))
    periods = {m.company: m.period for m in find_mentions(article)}
    assert periods == {"Microsoft": "FY2024Q4", "Alphabet": "2024Q2"}


@pytest.mark.parametrize(("period", "fiscal_end", "fiscal"), [
    ("2024Q2", 6, "FY2024Q4"), ("2024Q3", 6, "FY2025Q1"), ("2024Q2", 1, "FY2025Q2"), ("2024Q4", 5, "FY2025Q3"),
    ("2024", 6, "2024"), ("2024Q2", 12, "2024Q2"),
])
def test_a_calendar_quarter_in_a_fiscal_calendar(period: str, fiscal_end: int, fiscal: str) -> None:
    from crawler.figures.korean.periods import fiscal_quarter_of

    assert fiscal_quarter_of(period, fiscal_end) == fiscal


def test_a_forecast_word_past_a_comma_does_not_move_a_reported_quarter_ahead() -> None:
    said = "회사는 2분기 자본 지출이 132억 달러로 늘었다고 밝혔는데, 분석가들이 예상했던 122억 달러를 웃돈다."
    assert [p.value for p in find_periods(said, "2024-07-25")] == ["2024Q2"]
    assert [p.value for p in find_periods("4분기 자본 지출은 140억 달러로 예상된다.", "2024-07-25")] == ["2024Q4"]


def test_a_quarter_with_its_year_cumulated_is_the_year_so_far_and_its_share_is_a_part() -> None:
    from crawler.figures.mentions import find_mentions
    from crawler.models import Article

    assert [p.value for p in find_periods("올해 3분기까지 누적 시설투자 금액은", "2024-11-14")] == ["2024"]
    ms = find_mentions(Article(published="2024-11-14", body=(
        "삼성전자의 올해 3분기까지 누적 시설투자 금액은 35조8409억 원이다.",
        "누적 시설투자의 84.5%인 30조3111억 원이 DS 부문 공장 신·증설과 보완에 쓰였다.")))
    assert [(m.company, m.period) for m in ms] == [("Samsung Electronics", "2024")] * 2


def test_a_filing_says_when_its_investment_runs_and_a_subtitle_when_the_plant_is_finished() -> None:
    from crawler.figures.korean.periods import filing_window
    from crawler.figures.mentions import find_mentions
    from crawler.models import Article

    assert filing_window(["투자는 내년 1월 31일까지 이어진다."], "2024-06-10") == "2024-2025"
    article = Article(title="한미반도체, 300억 들여 TC본더 공장 또 늘린다", published="2024-07-23", body=(
        "인천 주안국가산단에 연면적 3만3000㎡ 증설…내년 말 완공",
        "한미반도체는 TC본더 공장 증설에 300억원을 투자한다고 23일 밝혔다.",
        "회사는 HBM 수요에 대응한다.",
    ))
    assert [(m.amount, m.period) for m in find_mentions(article)] == [(300 * 10**8, "2024-2025")]


def test_a_headline_end_of_a_range_the_body_gives_is_the_range() -> None:
    from crawler.figures.mentions import find_mentions
    from crawler.models import Article

    article = Article(title="에퀴닉스, AI 인프라에 연 50억달러 투자 예고", published="2025-06-30", body=(
        "에퀴닉스는 2026~2029년 연간 CAPEX를 40억~50억 달러로 늘리겠다고 발표했다.",))
    assert [(m.amount, m.amount_max, m.period) for m in find_mentions(article)] == [
        (40 * 10**8, 50 * 10**8, "2026-2029")]


def test_a_span_counted_again_in_years_stays_the_span() -> None:
    said = "2026년부터 2029년까지 4년간 175억달러를 투자한다."
    assert [p.value for p in find_periods(said, "2025-12-10")] == ["2026-2029", "2026-2029"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("이달부터 2025년 12월까지 900억원을 투자한다", "2024-2025"),
        ("2025년 말까지 설계·공사비 2116억원을 투입한다", "2024-2025"),
        ("2025년 상반기까지 1조원을 들인다", "2024-2025"),
        ("2027년까지 5조원을 투자한다", "2024-2027"),
    ],
)
def test_until_a_month_or_part_of_a_later_year_is_a_span_from_now(text: str, value: str) -> None:
    from crawler.figures.korean.periods import find_periods

    assert [p.value for p in find_periods(text, "2024-01-10")] == [value]


@pytest.mark.parametrize("text", ["4~5월 설비투자", "2024년 7월~2025년 6월"])
def test_months_that_make_no_quarter_give_no_quarter(text: str) -> None:
    assert not [p.value for p in find_periods(text, "2025-07-31") if p.value and "Q" in p.value]


def test_until_this_very_year_is_that_year() -> None:
    assert [p.value for p in find_periods("2025년까지", "2025-07-01")] == ["2025"]


def test_a_date_put_off_to_is_no_period_of_the_figure() -> None:
    from crawler.figures.korean.figures import sentence_periods

    text = "인텔이 짓고 있는 280억달러 규모 반도체 공장의 완공 일정을 2030년 이후로 미뤘다."
    assert [p.value for p in sentence_periods(text, "2025-03-01")] == []


def test_until_a_work_is_done_spans_from_now() -> None:
    from crawler.figures.korean.figures import sentence_periods

    text = "2026년 1단계 공사가 끝날 때까지 토지 취득비를 포함해 약 830억엔이 들어갈 전망이다."
    assert [p.value for p in sentence_periods(text, "2024-06-01")] == ["2024-2026"]


def test_this_quarter_of_a_plan_is_the_quarter_under_way_not_the_one_reported() -> None:
    planned = "이번 분기에만 300억달러가 넘는 돈을 설비에 투입하겠다고 밝혔다"
    assert [p.value for p in find_periods(planned, "2025-07-31", 6)] == ["FY2026Q1"]
    reported = "이번 분기 주당순이익이 4.14달러로 시장 예상치 3.92달러를 넘어섰다"
    assert [p.value for p in find_periods(reported, "2026-01-29", 6)] == ["FY2026Q2"]


def test_an_annual_figure_is_of_the_year_reported_not_of_a_target_years_ahead() -> None:
    from crawler.figures.mentions import find_mentions
    from crawler.models import Article

    target = Article(title='아람코 "연간 설비투자 520억~580억달러 유지"', published="2025-11-05",
                     body=("휴메인 주요 주주로 참여…2030년 가스 생산 60% 이상 확대",
                           "아람코는 연간 자본지출 목표가 520억~580억달러 수준이라고 재확인했다."))
    assert [(m.amount, m.period) for m in find_mentions(target)] == [(520 * 10**8, None)]
    results = Article(title="SK하이닉스 실적", published="2025-01-23",
                      body=("SK하이닉스는 지난해 4분기 시설투자로 5조원을 집행했다.", "연간으로는 20조원을 투자했다."))
    assert [(m.amount, m.period) for m in find_mentions(results)] == [(5 * 10**12, "2024Q4"), (20 * 10**12, "2024")]


def test_the_year_after_is_the_year_after_the_one_named_before_it() -> None:
    from crawler.figures.mentions import find_mentions
    from crawler.models import Article

    plan = Article(published="2022-10-20", body=(
        "삼양식품은 2019년 12월 밀양시와 투자협약을 맺으며 공장에 1300억원을 투자하겠다고 밝혔다.",
        "이듬해 착공 단계에서 투자액을 2000억원으로 늘렸다."))
    assert [(m.amount, m.period) for m in find_mentions(plan)] == [(1300 * 10**8, "2019"), (2000 * 10**8, "2020")]
    series = Article(published="2024-02-01", body=(
        "LG이노텍 광학솔루션 시설투자는 2020년 4798억원에서 이듬해 8355억원으로 뛰었고, 2022년 1조516억원, "
        "지난해 1조6563억원으로 늘었다.",))
    assert [m.period for m in find_mentions(series)] == ["2020", "2021", "2022", "2023"]


def test_a_period_of_a_clause_done_before_the_figures_is_not_its_period() -> None:
    from crawler.figures.mentions import find_mentions
    from crawler.models import Article

    article = Article(published="2024-01-24", body=(
        "대한전선이 지난해 최대 영업이익을 올린 데 이어 해저케이블 공장에 1조원에 가까운 자금을 투입한다.",
        "마이크론은 2018년 말레이시아에 진출한 뒤 지금까지 페낭 거점에 10억 달러를 투입했다."))
    assert [(m.amount, m.period) for m in find_mentions(article)] == [(10**12, None), (10**9, "2018")]


@pytest.mark.parametrize("sentence", ["2021년 착공 이후 약 3년 만으로, 총 2850억원이 투입됐다.",
                                      "2021년 착공한 뒤 지금까지 2850억원이 들어갔다."])
def test_money_spent_since_the_start_of_works_spans_until_now(sentence: str) -> None:
    from crawler.figures.mentions import find_mentions
    from crawler.models import Article

    article = Article(published="2024-01-15", body=("한진은 대전 메가허브 터미널을 개장했다.", sentence))
    assert [(m.amount, m.period) for m in find_mentions(article)] == [(2850 * 10**8, "2021-2024")]


@pytest.mark.parametrize(("headline", "body", "period"), [
    ("SK바이오사이언스, 송도에 3200억 투입해 2025년 본사 이전",
     "SK바이오사이언스는 송도 R&PD센터에 3200억원을 투입한다.", "2023-2025"),
    ("오리온, 진천에 4600억 들여 통합센터…2027년 가동",
     "오리온은 진천에 4600억원을 들여 통합센터를 짓는다.", "2023-2027"),
])
def test_a_headlines_target_year_after_the_figure_ends_the_spending(headline: str, body: str, period: str) -> None:
    from crawler.figures.mentions import find_mentions
    from crawler.models import Article

    article = Article(title=headline, published="2023-06-01", body=(body,))
    assert [m.period for m in find_mentions(article)] == [period]


def test_the_quarter_of_a_results_call_is_when_it_was_said_not_a_figures_period() -> None:
    from crawler.figures.korean.figures import sentence_periods

    text = '차동석 CFO는 28일 열린 3분기 실적발표 컨퍼런스콜에서 "올해 설비투자는 2조원대 중반"이라고 밝혔다.'
    assert [p.value for p in sentence_periods(text, "2024-10-28")] == ["2024"]


def test_the_quarter_an_earlier_guidance_was_given_in_is_no_period_of_the_guidance() -> None:
    from crawler.figures.mentions import find_mentions
    from crawler.models import Article

    article = Article(published="2022-08-12", body=(
        "리비안은 올해 자본지출 전망치를 지난 분기 제시한 26억달러에서 20억달러로 낮췄다.",))
    assert [(m.amount, m.period) for m in find_mentions(article)] == [(26 * 10**8, "2022"), (20 * 10**8, "2022")]


def test_the_year_a_plan_was_announced_in_is_not_when_its_money_is_spent() -> None:
    from crawler.figures.mentions import find_mentions
    from crawler.models import Article

    article = Article(published="2026-01-22", body=(
        "삼성SDS는 2021년 동탄 센터 건립 계획을 밝히며 토지·건물에 2367억원을 투입하겠다고 했다.",))
    assert [(m.amount, m.period) for m in find_mentions(article)] == [(2367 * 10**8, None)]


def test_a_plan_glossed_with_its_span_gives_its_figure_that_span() -> None:
    from crawler.figures.mentions import find_mentions
    from crawler.models import Article

    article = Article(published="2023-05-08", body=(
        "한전은 2036년까지 송·변전 설비에 56조5000억원을 투자한다.",
        "2년 전 수립한 9차 계획(2019~2034년)에서 잡았던 29조원의 두 배 가까운 규모다."))
    assert [(m.amount, m.period) for m in find_mentions(article)] == [(565 * 10**11, "2023-2036"),
                                                                      (29 * 10**12, "2019-2034")]


@pytest.mark.parametrize(("text", "expected"), [
    ("2028년도까지 이 공장에 총 680억엔을 투입한다", [("2028년도까지", "2024-2028")]),
    ("2025년도까지 3년간 설비투자를 약 9000억엔으로 늘린다", [("2025년도까지", "2023-2025"), ("3년간", "2023-2025")]),
    ("2025년도 3분기 설비투자는 줄었다", [("2025년도 3분기", "2025Q3")]),
])
def test_a_year_numbered_with_nendo_is_that_year(text: str, expected: list) -> None:
    assert [(p.text, p.value) for p in find_periods(text, "2024-08-29")] == expected


@pytest.mark.parametrize("text", ["73조원을 올해와 내년에 집중 집행한다", "올해와 내년엔 73조원을 쓴다",
                                  "올해·내년 73조원"])
def test_this_year_and_next_with_a_particle_is_both_years(text: str) -> None:
    assert [p.value for p in find_periods(text, "2022-09-14")] == ["2022-2023"]


@pytest.mark.parametrize(("text", "period"), [
    ("알리바바는 지난해 발표한 3년간 3800억위안 규모의 투자 사이클 한가운데 있다.", "2025-2027"),
    ("회사가 2024년 2월 밝힌 향후 5년간 10조원 투자도 진행 중이다.", "2024-2028"),
    ("회사는 향후 3년간 3800억위안을 투자한다.", "2026-2028"),
])
def test_a_plans_years_count_from_when_it_was_announced(text: str, period: str) -> None:
    assert [p.value for p in find_periods(text, "2026-05-14")][-1] == period
