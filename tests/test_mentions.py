"""find_mentions: company, amount, period and kind of each figure, on our own sentences and the seeds."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawler.figures.mentions import find_mentions, split_sentences
from crawler.models import KINDS, QUALIFIERS, Article, Conversion, Mention

EOK = 100_000_000
JO = 1_000_000_000_000
PUB = "2025-03-10"


def mentions_of(*paragraphs: str, published: str | None = PUB, title: str | None = None) -> list[Mention]:
    return find_mentions(Article(body=paragraphs, published=published, title=title))


def facts(ms: list[Mention]) -> list[tuple]:
    return [(m.company, m.amount, m.currency, m.qualifier, m.period, m.kind) for m in ms]


# --- kinds -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("삼성전자는 올해 시설투자에 53조6000억 원을 집행한다.",
         ("Samsung Electronics", 53_600_000_000_000, "KRW", "exact", "2025", "capex")),
        ("SK하이닉스는 청주 팹 증설에 약 20조 원을 투입할 계획이다.",
         ("SK hynix", 20 * JO, "KRW", "approx", None, "capex")),
        ("구글은 올해 설비투자로 750억 달러를 쓸 계획이다.", ("Alphabet", 750 * EOK, "USD", "exact", "2025", "capex")),
        ("오라클은 2026 회계연도 자본지출을 250억 달러로 늘린다.",
         ("Oracle", 250 * EOK, "USD", "exact", "FY2026", "capex")),
        ("글로벌파운드리스의 생산시설 확충 예산은 130억달러로 늘었다.",  # a company's own budget: capex
         ("GlobalFoundries", 130 * EOK, "USD", "exact", None, "capex")),
        ("아마존은 올해 AI 부문에 1000억달러를 투자하겠다고 밝혔다.",
         ("Amazon", 1000 * EOK, "USD", "exact", "2025", "capex")),
        ("Microsoft plans to spend $80 billion on AI data centers in fiscal 2025.",
         ("Microsoft", 80_000_000_000, "USD", "exact", "FY2025", "capex")),
        ("xAI는 시리즈 C 투자 유치로 60억 달러를 조달했다.",
         ("xAI", 60 * EOK, "USD", "exact", None, "equity_investment")),
        ("xAI는 최근 200억 달러 규모의 자금 조달을 추진 중이다.",
         ("xAI", 200 * EOK, "USD", "exact", None, "equity_investment")),
        ("오픈AI는 소프트뱅크로부터 400억 달러를 투자받았다.",
         ("OpenAI", 400 * EOK, "USD", "exact", None, "equity_investment")),
        ("네이버, 1조 투입해 AI 데이터센터 '각 세종' 증설", ("Naver", JO, "KRW", "exact", None, "capex")),
        ("앤스로픽은 40억 달러 규모의 펀딩을 마무리했다.",
         ("Anthropic", 40 * EOK, "USD", "exact", None, "equity_investment")),
        ("소프트뱅크는 오픈AI 지분 확보를 위해 400억 달러를 투자한다.",
         ("SoftBank", 400 * EOK, "USD", "exact", None, "equity_investment")),
        ("텐센트는 미니맥스에 5억 달러를 투자했다.", ("Tencent", 5 * EOK, "USD", "exact", None, "equity_investment")),
        ("오픈AI의 기업가치는 3000억 달러로 평가받았다.", ("OpenAI", 3000 * EOK, "USD", "exact", None, "other")),
        ("엔비디아의 시가총액은 3조 달러를 넘어섰다.", ("Nvidia", 3 * JO, "USD", "at_least", None, "market_cap")),
        ("애플은 지난해 4분기 매출 1243억 달러를 기록했다.",
         ("Apple", 1243 * EOK, "USD", "exact", "2024Q4", "revenue")),
        # a bare quarter is the last one reported: in March 2025, last year's third quarter
        ("삼성전자의 3분기 영업이익은 9조1000억 원이다.",
         ("Samsung Electronics", 9_100_000_000_000, "KRW", "exact", "2024Q3", "profit")),
        ("정부는 AI 예산으로 1조8000억 원을 편성했다.", (None, 18000 * EOK, "KRW", "exact", None, "budget")),
        ("테슬라는 현금 보유액이 360억 달러에 달한다.", ("Tesla", 360 * EOK, "USD", "exact", None, "other")),
        ("엔비디아 주가는 장중 150달러를 넘어섰다.", ("Nvidia", 150, "USD", "at_least", None, "other")),
        ("원·달러 환율이 1400원을 돌파했다.", (None, 1400, "KRW", "at_least", None, "other")),
        ("MS의 데이터센터 전력 비용은 연간 100억 달러에 달한다.",
         ("Microsoft", 100 * EOK, "USD", "exact", None, "other")),  # running cost, not capex
        ("MS의 데이터센터 건설 비용은 100억 달러에 달한다.", ("Microsoft", 100 * EOK, "USD", "exact", None, "capex")),
        ("AI 반도체 시장 규모는 2030년 1조 달러에 이를 전망이다.", (None, JO, "USD", "exact", "2030", "other")),
        ("오라클의 클라우드 인프라(OCI) 매출은 30억 달러였다.", ("Oracle", 30 * EOK, "USD", "exact", None, "revenue")),
        ("딥시크의 모델 학습 비용은 600만 달러에 불과했다.", ("DeepSeek", 6_000_000, "USD", "exact", None, "other")),
        ("화웨이는 작년 연구개발비로 1647억 위안을 썼다.", ("Huawei", 1647 * EOK, "CNY", "exact", "2024", "other")),
    ],
)
def test_kind_company_period_of_one_sentence(sentence: str, expected: tuple) -> None:
    assert facts(mentions_of(sentence)) == [expected]


def test_cash_next_to_an_investment_word_is_cash() -> None:
    ms = mentions_of("바이트댄스가 500억 달러(약 66조2700억 원)를 상회하는 현금을 들고 있다는 점도 "
                     "AI 투자액을 키울 수 있는 배경이다.")
    assert facts(ms) == [("ByteDance", 500 * EOK, "USD", "at_least", None, "other")]
    assert ms[0].conversions == (Conversion(66_270_000_000_000, "KRW", "approx"),)


def test_training_cost_is_not_capex() -> None:
    ms = mentions_of("딥시크는 V3를 출시하면서 개발 비용이 557만6000달러(약 81억원)에 그쳤다.")
    assert facts(ms) == [("DeepSeek", 5_576_000, "USD", "exact", None, "other")]


# --- subjects ------------------------------------------------------------------------------

def test_list_of_companies_each_with_its_own_figure() -> None:
    ms = mentions_of("아마존에 앞서 MS는 올해 800억달러, 구글 운영사 알파벳은 750억달러, 메타는 650억달러를 "
                     "투자하겠다고 밝혔다.")
    assert facts(ms) == [
        ("Microsoft", 800 * EOK, "USD", "exact", "2025", "capex"),
        ("Alphabet", 750 * EOK, "USD", "exact", "2025", "capex"),
        ("Meta", 650 * EOK, "USD", "exact", "2025", "capex"),
    ]


def test_each_gives_the_figure_to_every_company() -> None:
    ms = mentions_of("네이버와 카카오가 각각 5000억 원씩 데이터센터에 투자한다.")
    assert [(m.company, m.amount) for m in ms] == [("Naver", 5000 * EOK), ("Kakao", 5000 * EOK)]


def test_ssik_alone_means_each() -> None:
    ms = mentions_of("네이버와 카카오가 5000억 원씩 데이터센터에 투자한다.")
    assert [(m.company, m.amount) for m in ms] == [("Naver", 5000 * EOK), ("Kakao", 5000 * EOK)]


def test_each_with_figures_joined_by_wa() -> None:
    ms = mentions_of("LG전자와 삼성전자는 미국 공장에 각각 2억5000만 달러와 4억 달러를 투자했다.")
    assert [(m.company, m.amount) for m in ms] == [("LG Electronics", 250_000_000),
                                                   ("Samsung Electronics", 400_000_000)]


def test_each_with_as_many_figures_pairs_them_in_order() -> None:
    ms = mentions_of("네이버와 카카오는 각각 5000억 원, 3000억 원을 데이터센터 구축에 쓴다.")
    assert [(m.company, m.amount) for m in ms] == [("Naver", 5000 * EOK), ("Kakao", 3000 * EOK)]


def test_aggregate_of_a_list_with_count() -> None:
    ms = mentions_of("삼성전자와 SK하이닉스, LG전자 등 국내 기업 세 곳이 올해 합산 100조 원을 설비투자에 쓴다.")
    assert len(ms) == 1
    m = ms[0]
    assert (m.company, m.members) == ("LG Electronics+SK hynix+Samsung Electronics",
                                      ("LG Electronics", "SK hynix", "Samsung Electronics"))
    assert (m.amount, m.period, m.kind) == (100 * JO, "2025", "capex")


def test_aggregate_with_dots_and_glosses() -> None:
    ms = mentions_of("아마존·마이크로소프트(MS)·구글·메타 등은 올해 3200억달러(약 463조원) 규모의 투자를 공언했다.")
    assert facts(ms) == [("Alphabet+Amazon+Meta+Microsoft", 3200 * EOK, "USD", "exact", "2025", "capex")]
    assert ms[0].members == ("Alphabet", "Amazon", "Meta", "Microsoft")


def test_one_named_company_among_others_is_no_company() -> None:
    ms = mentions_of("알리바바를 비롯한 중국 기업들이 올해 합산 9조 원이 넘는 금액을 AI 설비 투자에 썼다.")
    assert facts(ms) == [(None, 9 * JO, "KRW", "at_least", "2025", "capex")]


def test_a_company_leading_a_group_as_subject_is_the_company() -> None:
    ms = mentions_of("협약에 따라 카카오엔터프라이즈 등은 2026년까지 장성군 부지에 사업비 4900억원을 들여 "
                     "클라우드 데이터센터를 구축한다.", published="2023-06-26")
    assert [(m.company, m.amount, m.period, m.kind) for m in ms] == [
        ("Kakao Enterprise", 4900 * EOK, "2023-2026", "capex")]


def test_a_headline_figure_takes_the_period_of_its_restatement_without_a_company() -> None:
    ms = mentions_of("장성군에 4900억원 규모의 클라우드 데이터센터가 들어선다.",
                     "협약에 따라 이들 기업은 2026년까지 부지에 사업비 4900억원을 들여 데이터센터를 구축한다.",
                     published="2023-06-26", title="카카오엔터프라이즈, 장성에 4900억 클라우드 데이터센터")
    assert [(m.company, m.amount, m.period, m.kind) for m in ms] == [
        ("Kakao Enterprise", 4900 * EOK, "2023-2026", "capex")]


def test_joint_venture_investing_together() -> None:
    ms = mentions_of("오픈AI는 소프트뱅크, 미국 소프트웨어 기업 오라클과 함께 5000억달러 이상을 투자해 "
                     "AI 인프라 구축을 위한 합작회사 '스타게이트'를 설립한다.")
    assert facts(ms) == [("Stargate", 5000 * EOK, "USD", "at_least", None, "capex")]
    assert ms[0].members == ("OpenAI", "Oracle", "SoftBank")


def test_bare_name_modifying_an_oblique_word_is_not_the_subject() -> None:
    ms = mentions_of("딥시크 충격에도 빅테크 4곳의 올해 설비투자는 3000억 달러가 넘을 전망이다.")
    assert facts(ms) == [(None, 3000 * EOK, "USD", "at_least", "2025", "capex")]
    ms = mentions_of("엔비디아 주가가 급등하면서 시가총액이 4조 달러를 돌파했다.")
    assert facts(ms) == [("Nvidia", 4 * JO, "USD", "at_least", None, "market_cap")]


def test_headline_with_comma_after_the_name() -> None:
    assert facts(mentions_of("MS, 올해 AI 데이터센터에 800억달러 투자")) == [
        ("Microsoft", 800 * EOK, "USD", "exact", "2025", "capex")]


def test_joint_without_venture_is_an_aggregate() -> None:
    ms = mentions_of("삼성전자는 TSMC와 함께 10조 원을 투자해 공장을 짓는다.")
    assert [(m.company, m.members) for m in ms] == [("Samsung Electronics+TSMC", ("Samsung Electronics", "TSMC"))]


def test_subject_beats_the_company_it_invests_in() -> None:
    ms = mentions_of("알리바바가 문샷 AI에 투자한 8억 달러 중 3억 달러 이상이 클라우드 컴퓨팅 인프라 사용 크레딧 "
                     "형태로 제공되었다.", published=None)
    assert facts(ms) == [
        ("Alibaba", 8 * EOK, "USD", "exact", None, "equity_investment"),
        ("Alibaba", 3 * EOK, "USD", "at_least", None, "equity_investment"),  # a part of the stake
    ]


def test_pronoun_takes_the_company_of_the_previous_sentences() -> None:
    ms = mentions_of("알리바바 그룹 홀딩스는 AI 인프라에 계속 투자할 것이라고 밝혔다.",
                     "항저우에 본사를 둔 이 거대 기술 기업은 향후 3년 동안 AI 인프라 지출을 위해 "
                     "3800억 위안(약 74조 원)을 할당했다.", published="2025-11-09")
    assert facts(ms) == [("Alibaba", 3800 * EOK, "CNY", "exact", "2025-2027", "capex")]


def test_hoesaneun_is_the_previous_company() -> None:
    ms = mentions_of("카카오는 안산 데이터센터에 4000억 원을 투입했다고 밝혔다.",
                     "회사는 2030년까지 추가로 1조 원을 투자할 계획이다.")
    assert facts(ms)[1] == ("Kakao", JO, "KRW", "exact", "2025-2030", "capex")


def test_hoesaneun_is_the_articles_company_not_the_investor_named_last() -> None:
    ms = mentions_of("LG디스플레이가 추진하는 1조3600억원 규모 유상증자에 최대주주 LG전자가 참여한다.",
                     "LG전자는 약 4941억원을 투입할 계획이다.",
                     "회사는 조달한 자금 가운데 4159억원을 시설자금에 쓸 계획이다.",
                     title="LG디스플레이, 1조3600억 유상증자")
    assert [(m.company_ko, m.amount) for m in ms][-1] == ("LG디스플레이", 4159 * EOK)


@pytest.mark.parametrize("sentence", [
    "메타가 AI 학습 데이터 스타트업 스케일AI에 140억달러 규모의 전략적 투자를 단행한다.",
    "아마존은 AI 스타트업 앤트로픽에 40억달러를 투자한다.",
    "ASML은 미스트랄AI(Mistral AI)에 13억유로를 투자한다.",
])
def test_an_investment_in_a_startup_named_or_described_is_a_stake(sentence: str) -> None:
    assert [m.kind for m in mentions_of(sentence)] == ["equity_investment"]


@pytest.mark.parametrize("sentence", [
    "삼성전자는 반도체(DS)에 10조9000억원을 투자했다.",
    "삼성전자는 DS부문에 10조2000억원을 투자했다.",
    "SK텔레콤은 AI에 5000억원을 투자한다.",
])
def test_an_investment_in_a_unit_or_a_field_is_no_stake(sentence: str) -> None:
    assert [m.kind for m in mentions_of(sentence)] == ["capex"]


def test_in_an_article_about_a_stake_the_investors_other_figures_are_the_stake() -> None:
    ms = mentions_of("엔비디아가 챗GPT 개발사 오픈AI에 최대 1000억달러를 투자한다.",
                     "엔비디아는 오픈AI와 전략적 파트너십을 맺고 최대 1000억달러를 투자할 계획이라고 발표했다.",
                     "첫 100억달러는 내년 하반기 가동 때 투입된다.",
                     title="엔비디아, 오픈AI에 1000억달러 투자")
    assert {m.kind for m in ms} == {"equity_investment"}


def test_plural_pronoun_is_not_the_previous_company() -> None:
    ms = mentions_of("알리바바는 문샷 AI와 메그비에 투자했다.", "이들은 각각 10억 달러 이상의 기업 가치를 인정받았다.")
    assert facts(ms) == [(None, 10 * EOK, "USD", "at_least", None, "other")]


def test_company_named_after_its_title() -> None:
    ms = mentions_of('앤디 재시 아마존 CEO(최고경영자)는 6일 "올해 AI 부문에 1000억달러(145조원)를 '
                     '투자하겠다"고 밝혔다.')
    assert facts(ms) == [("Amazon", 1000 * EOK, "USD", "exact", "2025", "capex")]
    assert ms[0].conversions == (Conversion(145 * JO, "KRW", "exact"),)


def test_vague_figure_has_no_amount() -> None:
    ms = mentions_of("中 알리바바·텐센트, 자국 AI 스타트업에 수십억 달러 투자")
    assert [(m.company, m.amount, m.vague, m.kind) for m in ms] == [
        ("Alibaba+Tencent", None, True, "equity_investment")
    ]


def test_not_currencies_make_no_mentions() -> None:
    assert mentions_of("엔비디아는 1백만 개 이상의 AI 반도체를 출하한다. 원전 수출과 원화 약세도 변수다.") == []


# --- periods and continuation ----------------------------------------------------------------

def test_breakdown_sentence_continues_the_figure_before_it() -> None:
    ms = mentions_of("알리바바와 텐센트, 바이두 등 세 곳이 올해 상반기에 쓴 자본지출은 "
                     "500억 위안(약 9조3052억 원)이다.",
                     "알리바바와 텐센트가 각각 230억 위안씩 그리고 바이두가 40억 위안 정도다.",
                     published="2024-08-26")
    assert facts(ms) == [
        ("Alibaba+Baidu+Tencent", 500 * EOK, "CNY", "exact", "2024H1", "capex"),
        ("Alibaba", 230 * EOK, "CNY", "exact", "2024H1", "capex"),
        ("Tencent", 230 * EOK, "CNY", "exact", "2024H1", "capex"),
        ("Baidu", 40 * EOK, "CNY", "approx", "2024H1", "capex"),
    ]


def test_a_sentence_with_its_own_cue_does_not_inherit_the_period() -> None:
    ms = mentions_of("바이두는 올해 상반기 설비투자에 40억 위안을 썼다.", "바이두의 현금은 100억 위안이다.")
    assert [m.period for m in ms] == ["2025H1", None]


def test_part_of_the_previous_figure_with_its_own_period() -> None:
    ms = mentions_of("TSMC는 애리조나 공장에 1000억 달러를 추가 투자한다. 이 중 300억 달러는 내년에 집행된다.")
    assert facts(ms) == [("TSMC", 1000 * EOK, "USD", "exact", None, "capex"),
                         ("TSMC", 300 * EOK, "USD", "exact", "2026", "capex")]


def test_range_and_multi_year_and_until() -> None:
    assert facts(mentions_of("메타는 내년 자본지출을 660억~720억달러로 제시했다.")) == [
        ("Meta", 660 * EOK, "USD", "range", "2026", "capex")]
    assert mentions_of("메타는 내년 자본지출을 660억~720억달러로 제시했다.")[0].amount_max == 720 * EOK
    assert facts(mentions_of("LG전자는 향후 5년간 50~60억 달러를 들여 미국 공장을 짓는다.")) == [
        ("LG Electronics", 50 * EOK, "USD", "range", "2025-2029", "capex")]
    assert facts(mentions_of("현대차는 2030년까지 국내에 120조 원을 투자한다.")) == [
        ("Hyundai Motor", 120 * JO, "KRW", "exact", "2025-2030", "capex")]


def test_period_in_brackets_is_a_gloss_of_the_one_before() -> None:
    ms = mentions_of("마이크로소프트(MS)는 2025 회계연도(2024년 7월~2025년 6월)에 AI 데이터센터 구축에 "
                     "800억 달러를 쓸 계획이다.")
    assert facts(ms) == [("Microsoft", 800 * EOK, "USD", "exact", "FY2025", "capex")]


def test_period_after_the_figure_only_in_its_own_clause() -> None:
    ms = mentions_of("인텔은 오하이오 팹 건설에 200억 달러를 투자한다고 밝혔지만, 완공 시점은 2030년 이후로 미뤄졌다.")
    assert [m.period for m in ms] == [None]
    ms = mentions_of("알리바바는 3800억 위안을 향후 3년간 AI 인프라에 투자한다.")
    assert [m.period for m in ms] == ["2025-2027"]


def test_english_sentence() -> None:
    ms = mentions_of("Amazon expects capital expenditures of about $100 billion in 2025.")
    assert facts(ms) == [("Amazon", 100_000_000_000, "USD", "approx", "2025", "capex")]


def test_each_figure_takes_the_period_of_its_own_clause() -> None:
    ms = mentions_of("Alphabet said it expects to spend about $75 billion on capex in 2025, "
                     "up from $52.5 billion in 2024.")
    assert [(m.amount, m.period) for m in ms] == [(75_000_000_000, "2025"), (52_500_000_000, "2024")]


def test_comparison_year_is_not_the_period_and_ineun_continues_the_company() -> None:
    ms = mentions_of("알리바바는 올해 AI에 500억 위안을 투자한다.",
                     "이는 지난해보다 40% 늘어난 규모로, 클라우드 데이터센터에 300억 위안이 들어간다.")
    assert facts(ms) == [("Alibaba", 500 * EOK, "CNY", "exact", "2025", "capex"),
                         ("Alibaba", 300 * EOK, "CNY", "exact", "2025", "capex")]


def test_subjectless_continuation_keeps_company_and_period() -> None:
    ms = mentions_of("엔비디아는 2분기 매출이 300억 달러로 전년 대비 122% 증가했다고 밝혔다. "
                     "데이터센터 매출은 263억 달러였다.")
    # Nvidia's fiscal year ends in January: its second quarter reported by March 2025 is FY2025Q2
    assert facts(ms) == [("Nvidia", 300 * EOK, "USD", "exact", "FY2025Q2", "revenue"),
                         ("Nvidia", 263 * EOK, "USD", "exact", "FY2025Q2", "revenue")]


def test_part_of_a_figure_in_the_same_sentence_after_a_comma() -> None:
    ms = mentions_of("삼성전자의 올해 시설투자 규모는 53조6000억 원으로, 이 중 반도체에 47조9000억 원이 배정됐다.")
    assert facts(ms) == [("Samsung Electronics", 53_600_000_000_000, "KRW", "exact", "2025", "capex"),
                         ("Samsung Electronics", 47_900_000_000_000, "KRW", "exact", "2025", "capex")]


def test_government_figure_has_no_company() -> None:
    assert [m.company for m in mentions_of("정부는 삼성전자 등 반도체 기업에 33조 원을 지원한다.")] == [None]


def test_no_publication_date_leaves_relative_periods_null() -> None:
    ms = mentions_of("MS는 올해 800억달러를 투자한다.", published=None)
    assert facts(ms) == [("Microsoft", 800 * EOK, "USD", "exact", None, "capex")]


# --- revisions ----------------------------------------------------------------------------------

def test_revision_from_to_reports_the_previous_figure_and_the_new_one_with_its_direction() -> None:
    ms = mentions_of("알파벳은 올해 자본지출 가이던스를 750억 달러에서 850억 달러로 상향했다.")
    assert facts(ms) == [("Alphabet", 750 * EOK, "USD", "exact", "2025", "capex"),
                         ("Alphabet", 850 * EOK, "USD", "exact", "2025", "capex")]
    assert [m.trend for m in ms] == ["previous", "up"]
    ms = mentions_of("메타는 올해 설비투자 규모를 기존 640억~720억 달러에서 600억~650억 달러로 낮췄다.")
    assert [(m.amount, m.amount_max, m.trend) for m in ms] == [(640 * EOK, 720 * EOK, "previous"),
                                                               (600 * EOK, 650 * EOK, "down")]


def test_the_previous_value_takes_the_period_of_the_revised_figure_after_it() -> None:
    ms = mentions_of("알파벳이 최근 750억달러에서 850억달러로 올려 잡은 올해 자본지출 계획의 연장선에 있다.")
    assert [(m.amount, m.period, m.trend) for m in ms] == [(750 * EOK, "2025", "previous"), (850 * EOK, "2025", "up")]


def test_two_figures_in_different_currencies_are_no_revision() -> None:
    ms = mentions_of("알리바바는 클라우드에 3800억 위안을 투자하고, 해외에서 100억 달러를 투자한다.")
    assert [(m.amount, m.trend) for m in ms] == [(3800 * EOK, None), (100 * EOK, None)]


def _trends(*paragraphs: str, title: str | None = None) -> list[tuple]:
    ms = find_mentions(Article(body=paragraphs, published="2025-11-09", title=title), qualitative=True)
    return [(m.company, m.amount, m.currency, m.kind, m.trend, m.period) for m in ms if m.amount is None]


def test_qualitative_revision_without_a_figure_when_asked() -> None:
    assert _trends("MS는 올해 데이터센터 투자를 당초 계획보다 늘리기로 했다.") == [
        ("Microsoft", None, None, "capex", "up", "2025")]
    assert _trends("MS는 올해 데이터센터 투자를 당초 계획보다 줄인다.") == [
        ("Microsoft", None, None, "capex", "down", "2025")]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("메타는 올해 설비투자 계획을 상향 조정했다.", ("Meta", "up", "2025")),
    ("네이버는 데이터센터 투자 규모를 증액하기로 했다.", ("Naver", "up", None)),
    ("카카오는 데이터센터 투자 계획을 축소하기로 했다.", ("Kakao", "down", None)),
    ("아마존은 AI 인프라 투자 계획을 하향 조정했다.", ("Amazon", "down", None)),
    ("구글은 지난해 발표한 계획보다 데이터센터 투자를 확대한다.", ("Alphabet", "up", None)),
    ("알리바바는 기존 목표보다 클라우드 인프라 투자를 늘린다.", ("Alibaba", "up", None)),
])
def test_qualitative_revision_refers_to_an_earlier_plan(sentence: str, expected: tuple) -> None:
    assert [(c, t, p) for c, _, _, _, t, p in _trends(sentence)] == [expected]


@pytest.mark.parametrize("sentence", [
    "알리바바, AI 수요 급증에 '초대규모' 컴퓨팅 인프라 투자 2배 확대",  # seed 004's headline: growth, no earlier plan
    "알리바바는 컴퓨팅 인프라 투자를 2배 확대할 계획이다.",
    "이 거대 기술 기업은 AI 부문의 수요를 충족하기 위해 자본 지출을 늘릴 계획이었다.",
    "알리바바는 자본 지출을 늘릴 계획이었다.",
    "아마존은 당초 계획보다 데이터센터 투자를 늘릴 계획이었다.",  # what was planned, not a revision
    "알리바바가 컴퓨팅 인프라를 대폭 확충한다.",
    "삼성전자는 지난해보다 설비투자를 늘린다.",  # year on year growth, not a plan revised
])
def test_growth_without_an_earlier_plan_is_no_revision(sentence: str) -> None:
    assert _trends(sentence) == []


def test_qualitative_revision_needs_a_company_and_capex_words() -> None:
    assert _trends("알리바바는 AI 인재 채용을 당초 계획보다 확대한다.") == []  # not capex
    assert _trends("중국 빅테크들이 설비 투자를 당초 계획보다 확대하고 있다.") == []  # no company
    assert _trends("엔비디아 매출이 당초 전망보다 늘었다.") == []  # revenue


def test_qualitative_revisions_are_off_by_default() -> None:
    assert mentions_of("MS는 올해 데이터센터 투자를 당초 계획보다 늘리기로 했다.") == []


def test_qualitative_revision_in_headline_and_body_once() -> None:
    assert len(_trends("MS는 올해 데이터센터 투자를 당초 계획보다 늘리기로 했다.",
                       title="MS, 올해 데이터센터 투자 당초 계획보다 늘린다")) == 1


# --- duplicates -------------------------------------------------------------------------------

def test_headline_and_body_state_one_figure_once() -> None:
    ms = mentions_of("알리바바가 3년간 3800억위안(약 74조9000억원)을 클라우드에 투자한다.",
                     title="알리바바, 3800억 위안 AI 인프라 투자", published="2025-02-24")
    assert facts(ms) == [("Alibaba", 3800 * EOK, "CNY", "exact", "2025-2027", "capex")]


def test_later_krw_restatement_of_a_converted_figure_is_dropped() -> None:
    ms = mentions_of("알리바바는 향후 3년 동안 AI 인프라에 3800억 위안(약 74조 원)을 투자한다.",
                     "알리바바의 74조 원 AI 인프라 투자는 중국의 AI 굴기를 상징한다.", published="2025-11-09")
    assert facts(ms) == [("Alibaba", 3800 * EOK, "CNY", "exact", "2025-2027", "capex")]


def test_unnamed_restatement_of_a_named_figure_is_dropped() -> None:
    ms = mentions_of("중국 빅테크 AI 인프라에 상반기 500억 위안 투자",
                     "알리바바와 텐센트, 바이두 등 세 곳이 상반기 자본지출로 500억 위안을 썼다.",
                     published="2024-08-26")
    assert [m.company for m in ms] == ["Alibaba+Baidu+Tencent"]


def test_same_amount_for_two_periods_is_two_facts() -> None:
    ms = mentions_of("MS는 지난해 500억달러를 설비투자에 썼고, 올해도 500억달러를 설비투자에 쓴다.")
    assert [m.period for m in ms] == ["2024", "2025"]


def test_evidence_is_the_sentence() -> None:
    ms = mentions_of("첫 문장이다. MS는 올해 800억달러를 투자한다. 끝 문장이다.")
    assert ms[0].evidence == "MS는 올해 800억달러를 투자한다."


def test_sentences_split_after_closing_quotes_but_not_decimals() -> None:
    assert split_sentences('그는 "투자하겠다."고 말했다. 1.5조 원이다.') == [
        '그는 "투자하겠다."고 말했다.', "1.5조 원이다."]


def test_empty_article_has_no_mentions() -> None:
    assert mentions_of() == []


# --- seeds ------------------------------------------------------------------------------------

def _seed_mentions(seeds_dir, name: str, seed: dict) -> list[Mention]:
    lines = (seeds_dir / name).read_text(encoding="utf-8").split("\n")
    body = tuple(lines[i - 1] for i in seed["body_lines"])
    return find_mentions(Article(body=body, published=seed["published"]))


def _fact_tuple(f: dict) -> tuple:
    return (f["company"], f["amount"], f["currency"], f["qualifier"], f["period"], f["kind"])


def test_seed_bodies_give_exactly_the_expected_capex_facts(seeds_dir, seed_expected) -> None:
    for name, seed in seed_expected["seeds"].items():
        ms = _seed_mentions(seeds_dir, name, seed)
        expected = sorted(_fact_tuple(f) for f in seed["facts"] if f["kind"] == "capex")
        alternates = {(a["amount"], a["currency"]) for f in seed["facts"] for a in f.get("alternates", [])}
        capex = [m for m in ms if m.kind == "capex"]
        named = sorted(facts([m for m in capex if m.company is not None]))
        assert named == expected, name
        for m in capex:  # an unnamed figure may only restate a known one
            assert m.company is not None or (m.amount, m.currency) in alternates, (name, m)


def test_seed_members_of_aggregates(seeds_dir, seed_expected) -> None:
    for name, seed in seed_expected["seeds"].items():
        by_company = {m.company: m for m in _seed_mentions(seeds_dir, name, seed)}
        for f in seed["facts"]:
            if f.get("members"):
                assert by_company[f["company"]].members == tuple(f["members"]), name


def test_seed_non_capex_figures_have_their_kind(seeds_dir, seed_expected) -> None:
    for name, seed in seed_expected["seeds"].items():
        got = facts(_seed_mentions(seeds_dir, name, seed))
        for f in seed["facts"]:
            if f["kind"] != "capex":
                assert _fact_tuple(f) in got, (name, f)


# --- robustness ----------------------------------------------------------------------------------

_PIECES = ["알리바바는 ", "MS와 ", "메타, ", "올해 ", "향후 3년간 ", "800억", "달러", "원", "위안(약 ", "74조9000억원)",
           "~", "50", "수십억 ", "이상", "약 ", "최대 ", "각각 ", "씩 ", "중 ", "에서 ", "을 투자했다. ", "매출 ",
           "데이터센터에 ", "(", ")", "$80 billion ", "1,060억 ", "1.5조", " ", ".", "\n"]


@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.sampled_from([None, "2025-02-24"]))
def test_any_text_gives_well_formed_mentions(pieces: list[str], published: str | None) -> None:
    text = "".join(pieces)
    for m in mentions_of(*text.split("\n"), published=published):
        assert m.kind in KINDS and m.qualifier in QUALIFIERS
        assert m.currency in {"KRW", "USD", "CNY", "JPY", "EUR"}
        assert m.evidence and m.evidence in text
        assert (m.amount is None) == m.vague
        assert m.amount_max is None or (m.qualifier == "range" and m.amount is not None and m.amount_max > m.amount)


@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text: str) -> None:
    mentions_of(text, published="2025-01-01")


# --- whole articles of our own ----------------------------------------------------------------

def test_whole_article_korean_chipmaker() -> None:
    article = Article(
        title="삼성전자, 올해 반도체에 47조 투자…HBM 라인 증설", published="2025-01-31T09:00:00+09:00",
        body=(
            "삼성전자가 올해 반도체 부문 시설투자에 47조 원 이상을 투입한다.",
            "삼성전자는 31일 지난해 4분기 실적 발표 콘퍼런스콜에서 이같이 밝혔다. 삼성전자의 지난해 4분기 매출은 "
            "75조8000억 원, 영업이익은 6조5000억 원이었다.",
            "회사는 올해 전체 시설투자 규모를 53조6000억 원으로 잡았으며, 이 중 반도체에 47조5000억 원을 배정했다.",
            "한편 삼성전자 주가는 이날 5만3000원으로 마감했고, 시가총액은 316조 원 수준이다.",
            "업계에서는 SK하이닉스도 올해 설비투자를 지난해보다 늘린 20조 원대 중반으로 잡을 것으로 본다.",
        ),
    )
    samsung = "Samsung Electronics"
    assert facts(find_mentions(article)) == [
        # the headline's 47조 and the lead's "47조 원 이상" round the body's 47조5000억: one figure
        (samsung, 75_800_000_000_000, "KRW", "exact", "2024Q4", "revenue"),
        (samsung, 6_500_000_000_000, "KRW", "exact", "2024Q4", "profit"),
        (samsung, 53_600_000_000_000, "KRW", "exact", "2025", "capex"),
        (samsung, 47_500_000_000_000, "KRW", "exact", "2025", "capex"),
        (samsung, 53_000, "KRW", "exact", None, "other"),  # share price
        (samsung, 316 * JO, "KRW", "approx", None, "market_cap"),
        ("SK hynix", 25 * JO, "KRW", "approx", "2025", "capex"),
    ]


def test_whole_article_us_big_tech() -> None:
    article = Article(
        title="MS·구글·메타, 올해 AI 인프라에 2500억 달러", published="2025-02-03",
        body=(
            "미국 빅테크들이 AI 인프라 투자를 늘리고 있다.",
            "마이크로소프트(MS)는 2025 회계연도에 AI 데이터센터 구축에 약 800억 달러(약 116조 원)를 쓸 계획이다. "
            "구글 모회사 알파벳은 올해 자본지출을 750억 달러로 제시했다.",
            "메타는 올해 설비투자 가이던스를 600억~650억 달러로 제시했다. "
            "이는 지난해(392억 달러)보다 크게 늘어난 규모다.",
            "오픈AI는 최근 소프트뱅크 주도로 400억 달러 규모의 투자 유치를 추진 중이며, "
            "기업가치는 3000억 달러로 평가된다.",
            "반면 딥시크는 V3 모델 학습에 557만6000달러(약 81억 원)를 썼다고 밝혔다.",
        ),
    )
    ms = find_mentions(article)
    assert facts(ms) == [
        ("Alphabet+Meta+Microsoft", 2500 * EOK, "USD", "exact", "2025", "capex"),
        ("Microsoft", 800 * EOK, "USD", "approx", "FY2025", "capex"),
        ("Alphabet", 750 * EOK, "USD", "exact", "2025", "capex"),
        ("Meta", 600 * EOK, "USD", "range", "2025", "capex"),
        ("Meta", 392 * EOK, "USD", "exact", "2024", "capex"),  # last year's, in brackets
        ("OpenAI", 400 * EOK, "USD", "exact", None, "equity_investment"),
        ("OpenAI", 3000 * EOK, "USD", "exact", None, "other"),  # valuation
        ("DeepSeek", 5_576_000, "USD", "exact", None, "other"),  # training cost
    ]
    assert ms[1].conversions == (Conversion(116 * JO, "KRW", "approx"),)


# --- forms found by the held-out set (tests/fixtures/heldout) -----------------------------------

@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("오픈AI가 소프트뱅크 주도로 400억 달러 규모의 투자를 유치했다.",
         ("OpenAI", 400 * EOK, "USD", "exact", None, "equity_investment")),
        ("업스테이지는 1000억 원의 자금을 조달했다.",
         ("Upstage", 1000 * EOK, "KRW", "exact", None, "equity_investment")),
        ("AWS는 이번 투자로 국내총생산(GDP)에 약 15조6000억원을 기여할 것으로 내다봤다.",
         ("Amazon", 156_000 * EOK, "KRW", "approx", None, "other")),
        ("카카오는 이번 투자로 5조 원의 생산유발 효과를 기대한다.", ("Kakao", 5 * JO, "KRW", "exact", None, "other")),
        ("네이버는 엔비디아 GPU 3000장을 추가 확보하는 데 약 1조원을 쓴다.",
         ("Naver", JO, "KRW", "approx", None, "capex")),
    ],
)
def test_heldout_kind_forms(sentence: str, expected: tuple) -> None:
    assert facts(mentions_of(sentence)) == [expected]


def test_adnominal_gateun_is_no_other_topic() -> None:
    ms = mentions_of("SK하이닉스는 2분기 영업이익이 9조2129억원이라고 밝혔다.", "같은 기간 매출은 22조2320억원이었다.")
    assert [m.company for m in ms] == ["SK hynix", "SK hynix"]


def test_breakdown_byeollo_continues_company_and_period() -> None:
    ms = mentions_of("삼성전자는 3분기 시설투자로 12조4000억원을 집행했다고 31일 밝혔다.",
                     "사업별로는 반도체(DS)에 10조9000억원, 디스플레이에 1조원이 각각 투입됐다.",
                     published="2024-10-31")
    assert facts(ms)[1:] == [("Samsung Electronics", 109_000 * EOK, "KRW", "exact", "2024Q3", "capex"),
                             ("Samsung Electronics", JO, "KRW", "exact", "2024Q3", "capex")]


def test_another_topic_still_blocks_the_previous_company() -> None:
    ms = mentions_of("삼성전자는 평택에 30조 원을 투자한다.", "정부는 반도체 지원에 2조 원을 투입한다.")
    assert [m.company for m in ms] == ["Samsung Electronics", None]


@pytest.mark.parametrize("pronoun", ["두 회사는", "양사는", "양사가"])
def test_two_companies_pronoun_takes_the_previous_pair(pronoun: str) -> None:
    ms = mentions_of("SK텔레콤과 아마존웹서비스(AWS)가 울산에 AI 데이터센터를 짓는다.",
                     f"{pronoun} 2029년까지 총 7조 원을 투자할 계획이다.")
    assert facts(ms) == [("Amazon+SK Telecom", 7 * JO, "KRW", "exact", "2025-2029", "capex")]
    assert ms[0].members == ("Amazon", "SK Telecom")


def test_plural_pronoun_with_another_count_is_no_company() -> None:
    ms = mentions_of("SK텔레콤과 아마존웹서비스(AWS)가 울산에 AI 데이터센터를 짓는다.",
                     "세 회사는 총 7조 원을 투자할 계획이다.")
    assert [m.company for m in ms] == [None]


def test_figures_listed_side_by_side_share_the_period_after_them() -> None:
    ms = mentions_of("아마존은 1000억 달러, 마이크로소프트는 800억 달러를 각각 올해 자본지출 규모로 제시했다.")
    assert facts(ms) == [("Amazon", 1000 * EOK, "USD", "exact", "2025", "capex"),
                         ("Microsoft", 800 * EOK, "USD", "exact", "2025", "capex")]


@pytest.mark.parametrize("topic", ["투자 규모는", "총 사업비는", "연간 자본지출 전망치는"])
def test_a_topic_naming_the_figure_continues_the_company(topic: str) -> None:
    ms = mentions_of("LG전자는 인도에 세 번째 가전 공장을 짓는다.", f"{topic} 약 6억 달러로, 2026년 말 가동이 목표다.")
    assert [m.company for m in ms] == ["LG Electronics"]


def test_year_ago_figure_is_a_year_earlier_and_not_continued() -> None:
    ms = mentions_of("메타는 1분기 자본지출이 137억 달러로 전년 동기(67억 달러) 대비 두 배로 늘었다고 밝혔다.",
                     "연간 자본지출 전망치는 640억~720억 달러로 높였다.", published="2025-04-30")
    assert [(m.company, m.amount, m.period) for m in ms] == [
        ("Meta", 137 * EOK, "2025Q1"), ("Meta", 67 * EOK, "2024Q1"), ("Meta", 640 * EOK, "2025")]


def test_a_quarter_continues_into_a_figure_without_annual_word() -> None:
    ms = mentions_of("알파벳은 3분기 자본지출이 240억 달러라고 밝혔다.", "이 중 서버 투자는 150억 달러다.",
                     published="2025-10-30")
    assert [m.period for m in ms] == ["2025Q3", "2025Q3"]


def test_figures_in_brackets_after_names_are_each_companys() -> None:
    ms = mentions_of("미국 빅테크 4곳의 올해 AI 인프라 투자액이 3200억 달러에 이를 전망이다.",
                     "아마존(1000억 달러), 마이크로소프트(약 800억 달러), 메타(650억 달러) 순이다.")
    assert facts(ms)[1:] == [("Amazon", 1000 * EOK, "USD", "exact", "2025", "capex"),
                             ("Microsoft", 800 * EOK, "USD", "approx", "2025", "capex"),
                             ("Meta", 650 * EOK, "USD", "exact", "2025", "capex")]


def test_equipment_worth_is_capex() -> None:
    ms = mentions_of("삼성전자는 네덜란드 ASML로부터 1조 원어치의 극자외선(EUV) 노광장비를 도입하기로 했다.")
    assert facts(ms) == [("Samsung Electronics", JO, "KRW", "exact", None, "capex")]


@pytest.mark.parametrize("observer", ["업계는", "증권가는", "전문가들은"])
def test_an_observer_topic_continues_the_company(observer: str) -> None:
    ms = mentions_of("네이버는 AI 데이터센터 증설을 검토하고 있다.",
                     f"{observer} 투자 규모가 1조5000억 원 안팎이 될 것으로 본다.")
    assert facts(ms) == [("Naver", 15_000 * EOK, "KRW", "approx", None, "capex")]


def test_a_government_subject_keeps_a_named_company_out() -> None:
    ms = mentions_of("산업통상자원부는 SK하이닉스의 용인 클러스터 전력망 구축에 국비 1조8000억 원을 지원한다고 밝혔다.",
                     "SK하이닉스는 이와 별도로 올해 청주 M15X에 5조 원을 투입한다.")
    assert facts(ms) == [(None, 18_000 * EOK, "KRW", "exact", None, "budget"),
                         ("SK hynix", 5 * JO, "KRW", "exact", "2025", "capex")]


def test_spending_into_a_joint_venture_project_is_capex_not_a_stake() -> None:
    ms = mentions_of("손정의 소프트뱅크그룹 회장은 스타게이트 프로젝트에 투입될 5000억 달러 중 1000억 달러를 "
                     "연내 집행하겠다고 말했다.")
    assert [(m.amount, m.period, m.kind) for m in ms] == [(5000 * EOK, None, "capex"), (1000 * EOK, "2025", "capex")]


def test_an_aggregate_of_the_previous_companies_continues_their_period() -> None:
    ms = mentions_of("삼성전자와 SK하이닉스가 올해 반도체 시설투자에 각각 47조 원, 29조 원을 투입한다.",
                     "두 회사의 합산 투자액은 76조 원으로 역대 최대다.")
    assert facts(ms)[2] == ("SK hynix+Samsung Electronics", 76 * JO, "KRW", "exact", "2025", "capex")


def test_a_quote_is_credited_to_the_speakers_company() -> None:
    ms = mentions_of('"앞으로 3년간 AI 인프라에 1조 원을 쏟겠다." 최수연 네이버 대표는 3일 간담회에서 이같이 밝혔다.')
    assert facts(ms) == [("Naver", JO, "KRW", "exact", "2025-2027", "capex")]


def test_a_quote_keeps_no_company_without_a_credit_line() -> None:
    ms = mentions_of('"앞으로 3년간 AI 인프라에 1조 원을 쏟겠다." 네이버 주가는 3일 2% 올랐다.')
    assert [m.company for m in ms] == [None]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("엔비디아는 대만에 10억 달러 규모의 연구개발(R&D) 센터를 짓는다.", "capex"),
        ("인텔은 오하이오에 200억 달러를 들여 새 공장을 짓기로 했다.", "capex"),
        ("LG전자는 연구개발에 4조 원을 쓴다.", "other"),
    ],
)
def test_building_words_and_research(sentence: str, kind: str) -> None:
    assert [m.kind for m in mentions_of(sentence)] == [kind]


def test_part_of_a_figure_with_its_own_specific_cue_takes_that_kind() -> None:
    ms = mentions_of("현대차그룹은 올해 국내에 역대 최대인 24조3000억원을 투자한다.",
                     "이 가운데 연구개발(R&D)에 11조5000억원, 경상투자에 12조원을 배정했다.")
    assert [(m.amount, m.kind, m.period) for m in ms] == [
        (243_000 * EOK, "capex", "2025"), (115_000 * EOK, "other", "2025"), (12 * JO, "capex", "2025")]


def test_investing_in_a_named_company_a_few_words_later_is_a_stake() -> None:
    ms = mentions_of("구글은 앤스로픽에 최대 100억 달러를 추가 투자하는 방안을 논의 중이다.")
    assert facts(ms) == [("Alphabet", 100 * EOK, "USD", "at_most", None, "equity_investment")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("국민연금은 국내 주식에 20조 원을 추가 투자한다.", (None, 20 * JO, "KRW", "exact", None, "equity_investment")),
        ("정부는 반도체 시설투자 세액공제율을 높여 기업들이 연간 2조 원의 세금을 감면받을 것으로 예상했다.",
         (None, 2 * JO, "KRW", "exact", None, "other")),
        ("공정거래위원회는 구글에 과징금 421억 원을 부과했다.", (None, 421 * EOK, "KRW", "exact", None, "other")),
    ],
)
def test_finance_figures_near_investment_words_are_not_capex(sentence: str, expected: tuple) -> None:
    assert facts(mentions_of(sentence)) == [expected]


def test_a_pair_named_as_subject_is_continued_by_a_subjectless_sentence() -> None:
    ms = mentions_of("SK그룹과 아마존웹서비스(AWS)가 울산 AI 데이터센터 규모를 1GW로 확대한다.",
                     "총 투자비는 40조 원 이상으로 늘어날 전망이다.")
    assert facts(ms) == [("Amazon+SK Group", 40 * JO, "KRW", "at_least", None, "capex")]


def test_the_same_period_continues_a_fiscal_quarter() -> None:
    ms = mentions_of("MS는 2025 회계연도 2분기(10~12월) 매출이 696억 달러라고 밝혔다.",
                     "같은 기간 자본지출은 226억 달러였다.", published="2025-01-30")
    assert [(m.company, m.period, m.kind) for m in ms] == [("Microsoft", "FY2025Q2", "revenue"),
                                                            ("Microsoft", "FY2025Q2", "capex")]


def test_the_period_of_a_compared_figure_is_not_the_next_figures() -> None:
    ms = mentions_of("LG화학은 내년 시설투자 규모를 올해 4조 원보다 줄인 3조 원으로 잡았다.", published="2024-10-31")
    assert [(m.amount, m.period) for m in ms] == [(4 * JO, "2024"), (3 * JO, "2025")]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("포스코는 인도 제철소 총 사업비로 약 10조 원을 추산했다.", "capex"),
        ("엔씨소프트는 판교 R&D센터 매각으로 4300억 원을 확보했다.", "other"),
        ("TSMC는 171억4140만달러 규모의 자본예산안을 이사회에서 통과시켰다.", "capex"),  # a capital budget
        ("xAI는 GPU 55만개를 투입할 예정인데, 칩 구매 비용만 약 180억달러에 달한다.", "capex"),  # chips bought
        ("파워테크는 올해 신주(新竹)과학단지에 총 443억 대만달러를 쏟아붓는다.", "capex"),  # Hsinchu, no new shares
        ("회사는 1000억원 규모의 신주 발행을 결정했다.", "equity_investment"),
    ],
)
def test_project_cost_is_capex_and_a_sale_is_not(sentence: str, kind: str) -> None:
    assert [m.kind for m in mentions_of(sentence)] == [kind]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("LS일렉트릭은 미국 빅테크 데이터센터에 1500억 원 규모의 배전반을 공급하는 계약을 따냈다.", "other"),
        ("삼성전자는 테슬라와 22조7648억 원 규모의 파운드리 공급 계약을 체결했다.", "other"),
        ("경기도는 전력 인프라 조성에 2030년까지 도비 3조 원을 투입한다.", "budget"),
        ("SK하이닉스는 데이터센터용 HBM 생산라인에 1조 원을 투입한다.", "capex"),
        ("코어위브는 데이터센터를 소유로 돌려 100억달러가 넘는 임대료 지급 부담을 없앤다.", "other"),  # rent
    ],
)
def test_an_order_after_the_figure_decides_before_a_nearer_capex_word(sentence: str, kind: str) -> None:
    assert [m.kind for m in mentions_of(sentence)] == [kind]


@pytest.mark.parametrize("published", [None, "2026-03-01"])
def test_a_figure_over_an_explicit_span_takes_the_whole_span(published: str | None) -> None:
    ms = mentions_of("삼성전자는 2025년부터 2028년까지 평택 공장에 30조원을 투자한다.", published=published)
    assert facts(ms) == [("Samsung Electronics", 30 * JO, "KRW", "exact", "2025-2028", "capex")]


def test_a_plan_from_next_year_for_three_years() -> None:
    ms = mentions_of("SK하이닉스는 내년부터 3년간 청주 공장 증설에 20조 원을 투입한다.", published="2026-03-01")
    assert [m.period for m in ms] == ["2027-2029"]


def test_a_stake_in_another_company_is_equity_not_capex() -> None:
    ms = mentions_of("앤트로픽에 대한 아마존의 40억달러(약 5조5000억원) 투자가 승인을 받았다.",
                     "아마존은 앤트로픽에 두 차례에 걸쳐 모두 40억달러를 넣었다.",
                     title="아마존의 앤트로픽 40억달러 투자, 英 경쟁당국 문턱 넘었다")
    assert {(m.company, m.amount, m.kind) for m in ms} == {("Amazon", 40 * EOK, "equity_investment")}


def test_in_a_funding_round_an_investor_ticket_is_equity() -> None:
    ms = mentions_of("이번 라운드에서 엔비디아가 최대 20억달러를 투자할 계획이라고 블룸버그가 전했다.")
    assert [(m.company, m.amount, m.kind) for m in ms] == [("Nvidia", 20 * EOK, "equity_investment")]


@pytest.mark.parametrize(
    "paragraphs, published, expected",
    [
        (("아마존은 올해 자본지출이 1000억 달러로 전년(830억 달러)보다 늘어날 것이라고 밝혔다.",), "2025-02-07",
         [("Amazon", 1000 * EOK, "2025"), ("Amazon", 830 * EOK, "2024")]),  # 전년 in brackets: a year earlier
        (("SK하이닉스는 2018년부터 작년까지 시설투자에 50조원을 썼다.",), "2025-03-01",
         [("SK hynix", 50 * JO, "2018-2024")]),
        (("LG CNS는 내년까지 데이터센터에 5000억원을 투자한다.",), "2025-03-01",
         [("LG CNS", 5000 * EOK, "2025-2026")]),  # until next year: the spending starts now
        (("오픈AI와 소프트뱅크, 오라클은 스타게이트 프로젝트를 발표했다.",
          "이 프로젝트에는 향후 4년간 5000억 달러가 투입된다."), "2025-01-22",
         [("Stargate", 5000 * EOK, "2025-2028")]),  # a joint project as the subject of a later sentence
    ],
)
def test_relative_spans_year_ago_brackets_and_joint_projects(paragraphs, published, expected) -> None:
    assert [(m.company, m.amount, m.period) for m in mentions_of(*paragraphs, published=published)] == expected


# --- evidence: the body's sentence, not the headline -------------------------------------

def test_a_figure_in_headline_and_body_cites_the_body_sentence() -> None:
    body = "알리바바가 2027년까지 3년간 AI 인프라에 3800억위안을 투자한다고 24일 밝혔다."
    [m] = mentions_of(body, "다른 문단이다.", title="알리바바, AI 인프라에 3800억 위안 투자", published="2025-02-24")
    assert (m.company, m.amount, m.period, m.evidence) == ("Alibaba", 3800 * EOK, "2025-2027", body)


def test_a_figure_only_the_headline_states_cites_the_headline() -> None:
    title = "알리바바, AI 인프라에 3800억 위안 투자"
    [m] = mentions_of("알리바바가 AI 인프라 투자를 확대한다고 24일 밝혔다.", title=title, published="2025-02-24")
    assert (m.amount, m.evidence) == (3800 * EOK, title)


def test_the_stored_change_of_a_headline_figure_cites_the_body(sqlite_url) -> None:
    from crawler.figures.analyze import analyze
    from crawler.store import open_store
    from crawler.store.deliveries import pending_changes

    body = "알리바바가 2027년까지 3년간 AI 인프라에 3800억위안을 투자한다고 24일 밝혔다."
    text = f"알리바바, AI 인프라에 3800억 위안 투자\n\n{body}\n\n클라우드 수요가 늘고 있다는 설명이다.\n"
    store = open_store(sqlite_url)
    store.save_article(analyze(text, is_html=False, keywords=["투자"], published="2025-02-24",
                               url="https://www.example.com/alibaba"))
    [change] = pending_changes(store.engine)
    store.close()
    assert (change.status, change.evidence) == ("new", body)


def test_allocations_are_capex_for_a_company_and_budget_in_a_public_money_article() -> None:
    ms = mentions_of("회사는 AI 프로세서 구매에만 850억 위안을 배정한 것으로 알려졌다.",
                     title="바이트댄스, 내년 AI 인프라 투자 확대", published="2025-12-24")
    assert [(m.company, m.kind) for m in ms] == [("ByteDance", "capex")]
    ms = mentions_of("반도체 생산 인프라 구축에 3500억원이 배정됐다.", title="[2023 예산안] 반도체에만 1조 투입",
                     published="2022-08-30")
    assert [(m.company, m.amount, m.kind) for m in ms if m.amount == 3500 * EOK] == [(None, 3500 * EOK, "budget")]


def test_in_an_acquisitions_article_spending_on_companies_is_equity() -> None:
    ms = mentions_of("카카오는 올해 M&A에 2조원을 투자했다.", title="올해 500대 기업 M&A 28조8228억…작년의 두 배",
                     published="2021-11-09")
    assert [(m.company, m.kind) for m in ms if m.amount == 2 * JO] == [("Kakao", "equity_investment")]


def test_a_headline_figure_stated_again_in_the_body_is_one_figure_of_the_bodys_capex_kind() -> None:
    ms = mentions_of("아마존웹서비스(AWS)는 2031년까지 인천·경기에 AI 데이터센터를 짓는 등 총 50억달러를 투자한다.",
                     title="AWS, 한국엔 2031년까지 50억달러 더 쏟는다")
    assert facts(ms) == [("Amazon", 50 * EOK, "USD", "exact", "2025-2031", "capex")]


def test_a_cue_past_a_comma_is_the_next_clauses_and_a_copula_form_is_no_name() -> None:
    ms = mentions_of("2분기 연구개발비는 역대 최대인 7조2000억원, 시설투자는 14조5000억원으로 역대 최대치를 기록했다.",
                     title="삼성전자, 2분기 시설투자 역대 최대")
    assert [(m.company, m.amount, m.kind) for m in ms] == [
        ("Samsung Electronics", 72_000 * EOK, "other"), ("Samsung Electronics", 145_000 * EOK, "capex")]


def test_a_headline_or_deck_figure_the_body_gives_to_another_company_is_the_bodys() -> None:
    ms = mentions_of('딥시크 충격 속 실적 발표…나델라 "AI 인프라 800억달러 투자 약속은 그대로"',
                     "마이크로소프트(MS)는 이번 회계연도에 AI 인프라에 800억 달러를 투자하겠다는 약속을 유지했다.",
                     title="마이크로소프트, 2분기 매출 696억달러…애저 둔화", published="2025-01-30")
    assert [(m.company, m.amount) for m in ms if m.amount == 800 * EOK] == [("Microsoft", 800 * EOK)]


@pytest.mark.parametrize("headline", [
    "日정부, 마이크론 히로시마 공장에 최대 5360억엔 추가 지원",
    "일본 정부, 마이크론 공장에 5360억엔 지원",
])
def test_a_governments_subsidy_in_a_headline_is_its_budget(headline: str) -> None:
    ms = mentions_of("마이크론은 2029년까지 모두 1조5000억엔을 들여 히로시마 공장 설비를 증강할 계획이다.",
                     title=headline)
    assert [(m.company, m.amount, m.kind) for m in ms][0][2] == "budget"
    assert ("Micron", 15_000 * EOK, "capex") in [(m.company, m.amount, m.kind) for m in ms]


def test_a_national_projects_k_name_is_no_company() -> None:
    ms = mentions_of("국산 AI 반도체 기반 K클라우드 핵심기술 개발에는 내년 370억원이 배정됐다.",
                     title="2025년 예산안, 반도체에 1조7000억원")
    assert [m.company for m in ms if m.amount == 370 * EOK] == [None]


def test_a_banks_construction_loan_is_no_capex_and_a_chairmans_name_is_no_part_of_his_company() -> None:
    ms = mentions_of("JP모건체이스가 텍사스주에 들어설 220억달러 규모 데이터센터 건설 자금을 지원할 것으로 알려졌다.")
    assert [m.kind for m in ms] == ["other"]
    ms = mentions_of("류광지 금양그룹 회장은 2025년까지 10억달러를 투자하겠다고 밝혔다.")
    assert [m.company_ko for m in ms] == ["금양그룹"]


def test_a_figure_a_year_ago_in_brackets_is_last_years() -> None:
    ms = mentions_of("LG유플러스도 상반기 CAPEX가 7264억원으로 1년 전(9420억원)에 비해 22.9% 줄었다.",
                     published="2025-08-18")
    assert [m.period for m in ms] == ["2025H1", "2024H1"]


def test_a_company_named_with_its_own_figure_after_this_is_no_part_of_the_one_before() -> None:
    ms = mentions_of("4대 빅테크의 상반기 자본지출은 1060억달러에 달했다.",
                     "이 가운데 MS는 330억달러로 78%, 알파벳은 252억달러로 90% 급증했다.", published="2024-08-04")
    assert [(m.company, m.amount) for m in ms][1:] == [("Microsoft", 330 * EOK), ("Alphabet", 252 * EOK)]


def test_a_companys_share_is_no_company() -> None:
    ms = mentions_of("업계에서는 이 가운데 MS 몫이 1조원 이상일 것으로 보고 있다.")
    assert "MS 몫" not in [m.company for m in ms]


def test_the_company_an_adnominal_clause_after_the_figure_describes_spends_it() -> None:
    ms = mentions_of("아마존의 투자 규모는 750억달러를 투자하기로 한 알파벳과 "
                     "800억달러를 쓰겠다는 마이크로소프트보다 많다.")
    assert [(m.company, m.amount) for m in ms] == [("Alphabet", 750 * EOK), ("Microsoft", 800 * EOK)]


def test_a_research_firm_described_so_is_no_company() -> None:
    ms = mentions_of("시장조사기관 델오로그룹은 향후 5년 안에 AI 인프라 구축에 최대 1조달러가 투입될 것으로 내다봤다.")
    assert [m.company for m in ms] == [None]


@pytest.mark.parametrize("opening", ["이번에는", "신축에는", "올해는"])
def test_a_time_or_place_topic_is_no_other_company(opening: str) -> None:
    ms = mentions_of("ASM은 2019년 동탄에 870억원을 들여 연구시설을 세웠다.",
                     f"{opening} 기존 시설 옆 부지에 2025년까지 1350억원을 추가로 투입한다.", published="2023-05-24")
    assert [m.company_ko for m in ms] == ["ASM", "ASM"]


def test_the_noun_a_figure_measures_after_its_genitive_gives_its_kind() -> None:
    ms = mentions_of("텍사스 공장에 4억600만달러의 직접 보조금이 지급된다.")
    assert [m.kind for m in ms] == ["budget"]


def test_in_an_order_article_the_contract_and_order_book_are_no_capex() -> None:
    ms = mentions_of("현대건설은 8074억원 규모의 데이터센터 신축공사 계약을 체결했다고 공시했다.",
                     "현대건설이 8000억원대 데이터센터 신축공사를 따냈다.",
                     title="현대건설, 8074억 규모 안산 데이터센터 신축공사 수주")
    assert {m.kind for m in ms} == {"other"}
    ms = mentions_of("현대건설은 8074억원 규모의 데이터센터 신축공사 계약을 체결했다.",
                     title="현대건설, 데이터센터에 8074억 투자")  # no order in the headline: the usual reading
    assert [m.kind for m in ms] == ["capex"]


def test_a_results_articles_breakdowns_and_last_years_quarter_in_brackets() -> None:
    ms = mentions_of("삼성전자의 지난해 시설투자가 역대 최대인 53조6000억원으로 집계됐다.",
                     "종전 최대였던 2023년(53조1000억원 안팎) 수준을 웃돌았다.",
                     "회사는 31일 이같이 공시했다.",
                     "사업부문별로는 DS(반도체) 46조3000억원, 디스플레이 4조8000억원이 집행됐다.",
                     "지난해 4분기 시설투자는 17조8000억원이다.",
                     "전년 4분기(DS 14조9000억원, 디스플레이 8000억원)와 비교해도 두 부문 모두 투자가 증가했다.",
                     published="2025-01-31", title="삼성전자, 지난해 시설투자 53.6조 역대 최대")
    periods = {m.amount: (m.company, m.period) for m in ms if m.kind == "capex"}
    assert periods[463_000 * EOK] == ("Samsung Electronics", "2024")
    assert periods[48_000 * EOK] == ("Samsung Electronics", "2024")
    assert periods[149_000 * EOK] == ("Samsung Electronics", "2023Q4")
    assert periods[8_000 * EOK] == ("Samsung Electronics", "2023Q4")


def test_borrowed_money_is_no_capex_and_enerbility_is_no_borrowing() -> None:
    ms = mentions_of("재원 마련을 위해 지난해 9월 KDB산업은행과 한국수출입은행에서 2억달러를 빌렸다.")
    assert [m.kind for m in ms] == ["other"]
    ms = mentions_of("두산에너빌리티는 같은 기간 설비에 1조3232억원을 투입한다.")
    assert [m.kind for m in ms] == ["capex"]


def test_the_units_of_a_breakdown_do_not_take_over_the_story() -> None:
    ms = mentions_of("삼성전자가 올해 연간 시설투자를 약 47조4천억원 규모로 집행할 예정이다.",
                     "부문별로는 DS부문이 40조9천억원, 삼성디스플레이(SDC)가 3조3천억원 수준이다.",
                     "지난해 시설투자에 53조6천억원을 집행한 것과 비교하면 6조2천억원 적은 규모다.",
                     published="2025-10-30", title="삼성전자, 올해 시설투자 47.4조")
    assert [m.company for m in ms if m.amount == 536_000 * EOK] == ["Samsung Electronics"]


def test_a_joint_ventures_pair_in_the_headline_builds_what_the_body_spends() -> None:
    ms = mentions_of("CATL과 스텔란티스가 스페인 사라고사에 배터리 합작공장을 짓는다.",
                     "이번 공장 건설에는 40억4000만유로가 투입될 예정이다.",
                     title="CATL·스텔란티스, 스페인에 LFP 배터리 합작공장", published="2025-11-27")
    assert [(m.company, m.members) for m in ms] == [("CATL+Stellantis", ("CATL", "Stellantis"))]


def test_the_european_union_glossed_is_a_government() -> None:
    ms = mentions_of("유럽연합(EU)은 AI 기가팩토리에 200억유로를 지원한다.")
    assert [(m.company, m.kind) for m in ms] == [(None, "budget")]


def test_a_results_articles_total_capex_is_the_story_companys_not_its_affiliate_named_last() -> None:
    ms = mentions_of("삼성전자는 27일 1분기 실적을 발표했다.",
                     "디스플레이를 담당하는 삼성디스플레이(SDC)는 같은 기간 매출 6조6100억원을 기록했다.",
                     "1분기 시설투자는 10조7000억원으로 전년 동기보다 36% 많다.",
                     title="삼성전자 반도체 1분기 4.6조 적자…그래도 시설투자 10.7조", published="2023-04-27")
    assert [m.company for m in ms if m.kind == "capex"] == ["Samsung Electronics"]


def test_a_chairman_named_in_the_headline_is_no_company() -> None:
    ms = mentions_of("정의선 현대차그룹 회장은 24일 2028년까지 미국에 210억달러를 투자한다고 발표했다.",
                     "분야별로는 자동차 생산에 86억달러, 부품·물류·철강에 61억달러가 배정됐다.",
                     title='정의선, 백악관서 "2028년까지 210억달러 대미 투자"', published="2025-03-25")
    assert "정의선" not in {m.company for m in ms}


def test_the_three_companies_an_article_is_about_are_its_3sa() -> None:
    ms = mentions_of("2024년 사업보고서를 단순 합산하면 통신 3사의 CAPEX는 6조6107억원이다.",
                     "SK텔레콤이 1조7410억원, KT가 2조3959억원, LG유플러스가 2조4738억원을 썼다.",
                     "SK텔레콤은 자회사 SK브로드밴드와 함께 AI 데이터센터를 짓는다.",
                     "KT와 LG유플러스는 투자를 줄였다.", published="2025-03-25")
    assert ms[0].company == "KT+LG Uplus+SK Telecom"


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        ("롯데바이오, 송도 바이오캠퍼스 첫 삽…4조6000억 투입",
         ["인천 송도에서 3일 바이오 캠퍼스 착공식이 열린다.", "캠퍼스 조성에는 모두 4조6000억원이 들어간다.",
          "이원직 롯데바이오로직스 대표는 글로벌 수주를 늘리겠다고 말했다."],
         ("Lotte Biologics", "롯데바이오로직스")),
        ("한빛일렉, 美 테네시에 920억 전해액 공장",
         ["미국 테네시주에 연 8만톤 규모 전해액 공장이 들어선다.", "공장에는 920억원이 들어간다.",
          "한빛일렉트로라이트는 논산과 톈진에 생산 거점을 두고 있다."],
         ("한빛일렉트로라이트", "한빛일렉트로라이트")),
    ],
)
def test_a_name_clipped_in_the_headline_takes_the_body_full_name_from_a_sentence_without_figures(
        title: str, body: list[str], expected: tuple) -> None:
    ms = mentions_of(*body, published="2024-04-03", title=title)
    assert [(m.company, m.company_ko) for m in ms if m.kind == "capex"] == [expected]


def test_three_companies_each_then_all_together_in_a_quote() -> None:
    ms = mentions_of("태국 정부가 아마존, 구글, 마이크로소프트(MS) 등 미국 빅테크로부터 투자를 끌어냈다.",
                     '대변인은 "세 회사가 각각 1000억바트씩, 모두 3000억바트를 투자해 데이터센터를 구축할 계획"이라고 '
                     "발표했다.", published="2023-11-16")
    assert [(m.company, m.amount, m.currency, m.kind) for m in ms] == [
        ("Alphabet", 100 * 10**9, "THB", "capex"), ("Amazon", 100 * 10**9, "THB", "capex"),
        ("Microsoft", 100 * 10**9, "THB", "capex"),
        ("Alphabet+Amazon+Microsoft", 300 * 10**9, "THB", "capex")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("LG화학은 이 부지에 32억달러를 들여 2027년까지 생산능력을 연 12만t으로 키운다.",
         ("LG Chem", 32 * 10**8, "2023-2027", "capex")),
        ("LG화학은 지난해 11월 이 부지에 32억달러를 들여 2027년까지 생산능력을 키우겠다고 밝혔다.",
         ("LG Chem", 32 * 10**8, "2022-2027", "capex")),
        ("LS일렉트릭은 592억원을 들여 변압기 제조기업 KOC전기의 지분 51%를 사들이기로 했다.",
         ("LS Electric", 592 * EOK, None, "equity_investment")),
    ],
)
def test_spending_with_deulyeo_its_purpose_and_a_span_decided_last_year(sentence: str, expected: tuple) -> None:
    (m,) = [m for m in mentions_of(sentence, published="2023-12-21") if m.amount == expected[1]]
    assert (m.company, m.amount, m.period, m.kind) == expected


def test_a_halfs_figures_set_against_last_year_and_compared() -> None:
    ms = mentions_of("통신 3사(SK텔레콤·KT·LG유플러스)가 올해 상반기 설비투자를 줄였다.",
                     "유형자산 취득액을 3사 모두 합하면 올해 상반기 3조2880억원이다.",
                     "지난해 같은 기간 약 4조2650억원보다 29% 적다.",
                     "회사별로는 SK텔레콤이 지난해 상반기 1조3984억원에서 올해 1조945억원으로 줄었다.",
                     published="2024-08-22")
    telcos = "KT+LG Uplus+SK Telecom"
    assert [(m.company, m.amount, m.period) for m in ms] == [
        (telcos, 32880 * EOK, "2024H1"), (telcos, 42650 * EOK, "2023H1"),
        ("SK Telecom", 13984 * EOK, "2023H1"), ("SK Telecom", 10945 * EOK, "2024H1")]


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (["HD현대인프라코어가 군산에 엔진 공장을 짓는다.", "인프라코어는 1412억원을 들여 생산라인을 늘린다."],
         "HD현대인프라코어"),
        (["로제타DC가 서울에 데이터센터를 짓는다.", "로제타는 4억달러를 투자한다."], "로제타DC"),
        (["동아원이 진천에 통합센터를 세운다.", "동아원그룹은 4600억원을 투자한다."], "동아원"),
    ],
)
def test_an_unknown_company_written_in_several_forms_goes_by_one(paragraphs: list[str], expected: str) -> None:
    (m,) = [m for m in mentions_of(*paragraphs) if m.kind == "capex"]
    assert (m.company, m.company_ko) == (expected, expected)


def test_the_parts_of_this_years_plan_in_the_lead_take_its_year() -> None:
    ms = mentions_of("4분기 실적 컨퍼런스콜…북미 현지화에 무게",
                     "현대자동차가 올해 연구개발(R&D)과 설비, 전략투자를 합쳐 총 17조8000억원을 투자한다.",
                     "현대차는 29일 지난해 4분기 실적 발표 컨퍼런스콜에서 항목별 계획을 공개했다.",
                     "먼저 R&D에는 전년보다 21% 늘어난 7조4000억원을 배정했다.",
                     "설비투자(CAPEX)에는 9조원을 쓴다.", published="2026-01-29",
                     title="현대차 \"올해 17.8조 투자\"")
    assert [(m.amount, m.period) for m in ms if m.kind == "capex"] == [(178000 * EOK, "2026"), (9 * JO, "2026")]


@pytest.mark.parametrize(
    ("sentence", "company"),
    [
        ("테크크런치와 인텔은 오하이오 공장에 280억달러를 투자한다고 밝혔다.", "Intel"),
        ("웨이비스는 천안테크노파크 산업단지에 352억원을 들여 생산시설을 갖춘다.", "웨이비스"),
    ],
)
def test_outlets_and_places_are_no_companies(sentence: str, company: str) -> None:
    assert [m.company for m in mentions_of(sentence)] == [company]


def test_a_breakdown_is_the_storys_company_and_plan_not_the_company_named_last() -> None:
    ms = mentions_of("회사는 2027년까지 AI 분야에 7조원을 투자할 계획이다.",
                     "KT의 지난해 영업이익 1조6901억원의 82.8%에 이르는 규모로, "
                     "LG그룹이 AI 연구개발비로 책정한 3조6000억원의 두 배에 가깝다.",
                     "세부적으로는 AI 원천기술 확보에 4조원, 클라우드·IDC 고도화에 2조원이 배정됐다.",
                     published="2023-07-19", title="KT, 2027년까지 AI에 7조 투자")
    assert [(m.company, m.amount, m.period) for m in ms if m.kind == "capex"] == [
        ("KT", 7 * JO, "2023-2027"), ("KT", 4 * JO, "2023-2027"), ("KT", 2 * JO, "2023-2027")]


@pytest.mark.parametrize(
    ("sentence", "period"),
    [
        ("포스코홀딩스는 2025년 준공을 목표로 약 5750억원을 투자할 예정이다.", "2023-2025"),
        ("SK온은 2025년 말 가동 예정인 공장에 1조원을 투입한다.", "2023-2025"),
        ("SK온은 2025년 공장에 1조원을 투입한다.", "2025"),
    ],
)
def test_the_year_a_project_ends_is_no_period_of_its_own_but_ends_its_span(sentence: str, period: str) -> None:
    (m,) = mentions_of(sentence, published="2023-02-01")
    assert m.period == period


def test_a_figure_restated_with_the_companys_full_name_and_no_kind_is_one_capex_figure() -> None:
    ms = mentions_of("이번 증설에는 2980억원이 투입됐다.",
                     "동해인더스트리는 당초 2369억원을 들여 증설을 마치겠다고 밝혔지만, "
                     "최종 투자액은 2980억원으로 늘었다.",
                     published="2024-02-22", title="동해인더, 2980억 들인 구미 아라미드 증설 완료")
    assert [(m.company, m.amount, m.kind) for m in ms if m.amount == 2980 * EOK] == [
        ("동해인더스트리", 2980 * EOK, "capex")]


def test_the_other_businesses_of_a_breakdown_are_the_storys_company() -> None:
    ms = mentions_of("SK이노베이션은 올해 설비투자(CAPEX)에 6조원을 쓴다.",
                     "올해 CAPEX를 사업별로 나누면 배터리 부문이 3조5000억원, SK E&S가 1조원이다.",
                     "그 밖의 사업에는 경상 투자와 전략 투자를 합쳐 약 1조5000억원을 쓴다.", published="2025-02-05")
    assert [(m.company, m.amount) for m in ms if m.amount == 15000 * EOK] == [("SK Innovation", 15000 * EOK)]


def test_the_lead_rounds_the_bodys_figures_a_later_paragraph_states_others() -> None:
    ms = mentions_of("LG전자가 올해 시설투자 규모를 4조원대 중반으로 늘려 잡았다. "
                     "생활가전에만 1조원 넘는 돈을 투입한다.",
                     "회사의 올해 시설 등 예상 투자액은 4조3345억원이다.",
                     "사업본부별로는 생활가전을 맡는 HS본부가 1조1605억원으로 가장 많다.",
                     "회사는 2019년 구미 공장에 약 4조2000억원을 들였다.",
                     published="2025-03-17", title="LG전자, 올해 시설투자 4조3천억")
    assert [(m.amount, m.period) for m in ms if m.kind == "capex"] == [
        (43345 * EOK, "2025"), (11605 * EOK, "2025"), (42000 * EOK, "2019")]


def test_this_company_after_a_companys_own_report_is_that_company() -> None:
    ms = mentions_of("국내 방산 빅4(한화에어로스페이스·KAI·LIG넥스원·현대로템)가 설비투자에 속도를 낸다.",
                     "한화에어로스페이스의 1분기 사업보고서에 따르면 이 회사가 계획한 설비투자는 총 1조728억원 규모다.",
                     published="2025-05-20")
    assert [(m.company, m.amount) for m in ms] == [("Hanwha Aerospace", 10728 * EOK)]


def test_the_parts_of_a_plan_the_headline_announces_take_its_span() -> None:
    ms = mentions_of("CEO 인베스터 데이서 중장기 로드맵", "M&A에도 1조~2조 배정",
                     "SKC가 2027년까지 소재 사업에 5조~6조원을 쏟아부어 매출을 키우겠다는 청사진을 내놨다.",
                     "매출 목표는 2025년 7조9000억원, 2027년 11조4000억원이다.",
                     "투자는 크게 두 갈래다. 기존 사업의 글로벌 증설과 신사업에 4조원을 투입한다.",
                     published="2023-04-04", title="SKC “2027년까지 5조~6조 투자”")
    assert [m.period for m in ms if m.kind == "capex" and m.amount == 4 * JO] == ["2023-2027"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("소프트뱅크는 오픈AI 투자와 관련해 모두 2조7965억엔의 투자이익을 장부에 반영했다.", ("SoftBank", "profit")),
        ("LG유플러스는 이사회를 열고 LG디스플레이가 소유한 파주 토지와 건물을 1053억원에 사들이는 안건을 의결했다.",
         ("LG Uplus", "capex")),
        ("삼성전자는 기흥 'NRD-K'에 2030년까지 총 20조원을 투입한다.", ("Samsung Electronics", "capex")),
    ],
)
def test_investment_gains_the_subject_of_a_relative_clause_and_a_quoted_site(sentence: str, expected: tuple) -> None:
    (m,) = mentions_of(sentence)
    assert (m.company, m.kind) == expected


def test_spending_started_in_a_past_year_runs_to_the_publication_year() -> None:
    ms = mentions_of("기아는 지난해 6월부터 공사를 진행하며 4016억원을 투입해 광명 2공장을 전기차 공장으로 바꿨다.",
                     published="2024-10-02")
    assert [(m.company, m.period) for m in ms] == [("Kia", "2023-2024")]


def test_how_much_more_is_no_figure_of_spending_and_the_breakdown_after_it_is() -> None:
    ms = mentions_of("삼성전자의 4분기 시설투자는 17조8000억원으로 전 분기보다 5조4000억원 늘었다.",
                     "사업별로는 DS 16조원, 디스플레이 1조원 수준이다.", published="2025-01-31")
    assert [(m.amount, m.kind) for m in ms] == [(178000 * EOK, "capex"), (54000 * EOK, "other"),
                                                (16 * JO, "capex"), (1 * JO, "capex")]


def test_a_country_as_the_subject_spends_no_companys_money() -> None:
    ms = mentions_of("에미레이트글로벌알루미늄(EGA)이 오클라호마주에 약 40억달러를 들여 제련소를 짓는다.",
                     "UAE는 지난 3월 향후 10년간 미국에 1조4000억달러를 투자하겠다는 계획을 내놓은 바 있다.",
                     published="2025-05-16")
    assert [(m.company, m.amount) for m in ms] == [("에미레이트글로벌알루미늄", 40 * EOK), (None, 14000 * EOK)]


@pytest.mark.parametrize(
    "sentence",
    [
        "SKC가 2027년까지 소재 사업에 5조~6조원을 쏟아부어 연 매출을 지금의 네 배 가까이 키우겠다고 밝혔다.",
        "SKC는 소재 사업에 5조원을 투자해 2027년 영업이익을 두 배로 늘린다는 목표를 세웠다.",
    ],
)
def test_sales_or_profit_a_spending_aims_at_do_not_make_the_spending_revenue(sentence: str) -> None:
    ms = mentions_of(sentence, published="2023-07-04")
    assert [(m.company, m.kind) for m in ms] == [("SKC", "capex")]


def test_research_spending_stays_research_when_sales_follow_its_verb() -> None:
    (m,) = mentions_of("SKC는 연구개발(R&D)에 3000억원을 투입해 매출을 키운다.", published="2023-07-04")
    assert m.kind == "other"


def test_an_unknown_company_first_written_with_its_business_word_keeps_it() -> None:
    ms = mentions_of("미국 정부가 미네소타주의 차량용 반도체 업체 폴라반도체(Polar Semiconductor)에 보조금을 준다. "
                     "폴라는 이를 발판으로 5억2500만달러를 들여 블루밍턴 공장을 증설한다.", published="2024-05-07")
    assert [(m.company, m.amount) for m in ms] == [("폴라반도체", 525 * 10**6)]


def test_a_groups_bare_name_is_not_its_affiliate() -> None:
    ms = mentions_of("한화오션은 올해 4분기에만 7194억원을 설비에 투입한다.",
                     "민관 합동회의에서 HD현대가 15조원, 한화가 11조원 규모의 국내 투자를 약속했다.",
                     published="2025-11-18")
    assert "한화오션" not in [m.company for m in ms]


@pytest.mark.parametrize(
    "sentence",
    [
        "이번 투자에는 미네소타주 정부의 지원금 7500만달러도 보태진다.",
        "조지아주는 공장 유치를 위해 7억달러 규모의 인센티브를 제공하기로 했다.",
    ],
)
def test_a_states_grant_or_incentive_is_public_money(sentence: str) -> None:
    (m,) = mentions_of(sentence, published="2024-05-07")
    assert m.kind == "budget"


def test_a_total_takes_the_period_of_the_parts_the_next_sentence_adds_up_to() -> None:
    ms = mentions_of("한화시스템은 전날 이사회를 열고 2213억원 규모의 구미 신사업장 건설 투자를 의결했다. "
                     "한화시스템은 2025년 말까지 설계·공사비 2116억원과 이전 비용 97억원을 들여 새 사업장을 짓는다.",
                     published="2023-06-27")
    assert [(m.amount, m.period) for m in ms][:2] == [(2213 * EOK, "2023-2025"), (2116 * EOK, "2023-2025")]


def test_parts_that_do_not_add_up_lend_the_total_no_period() -> None:
    ms = mentions_of("한화시스템은 전날 이사회를 열고 2213억원 규모의 구미 신사업장 건설 투자를 의결했다. "
                     "한화시스템은 2025년 말까지 설계·공사비 1500억원과 이전 비용 97억원을 먼저 들인다.",
                     published="2023-06-27")
    assert [(m.amount, m.period) for m in ms][0] == (2213 * EOK, None)


def test_a_figure_among_a_bigger_one_before_it_takes_its_period() -> None:
    ms = mentions_of("현대차그룹은 2025~2028년 미국에 210억달러를 투자하겠다고 발표했다.",
                     "이 가운데 현대제철은 루이지애나주에 58억달러를 들여 전기로 제철소를 짓는다.",
                     published="2025-03-27")
    assert [(m.company, m.period) for m in ms] == [("Hyundai Motor Group", "2025-2028"), ("Hyundai Steel", "2025-2028")]


def test_a_figure_among_a_smaller_one_is_no_part_of_it() -> None:
    ms = mentions_of("현대차그룹은 2025~2028년 미국 부품 공장에 20억달러를 투자하겠다고 발표했다.",
                     "이 가운데 현대제철은 루이지애나주에 58억달러를 들여 전기로 제철소를 짓는다.",
                     published="2025-03-27")
    assert [(m.company, m.period) for m in ms][1] == ("Hyundai Steel", None)


def test_a_headlines_upper_bound_of_this_year_is_the_bodys_range() -> None:
    ms = mentions_of("TSMC는 올해 설비투자 가이던스를 380억~420억달러로 제시했다.", published="2024-01-18",
                     title="TSMC, 올해 설비투자 최대 420억달러")
    assert [(m.amount, m.amount_max, m.qualifier, m.period) for m in ms] == [(380 * EOK, 420 * EOK, "range", "2024")]


@pytest.mark.parametrize(
    ("sentences", "period"),
    [
        (("SK온은 조지아주 커머스 공장에 2조원을 추가 투자한다고 밝혔다.",
          "회사 측은 투자금을 2026년까지 순차 집행할 계획이다."), "2024-2026"),
        (("LS일렉트릭이 부산 사업장에 1000억원 규모를 투자해 변압기 생산능력을 늘린다.",
          "이번 투자는 2025년 말 완료될 예정이다."), "2024-2025"),
    ],
)
def test_when_the_investment_money_is_spent_or_the_work_completed_ends_its_span(sentences: tuple, period: str) -> None:
    (m,) = mentions_of(*sentences, published="2024-12-05")
    assert m.period == period


def test_money_spent_on_an_earlier_plant_takes_no_span_of_the_new_one() -> None:
    ms = mentions_of("이 회사는 2011년 미국에 변압기 공장을 세웠다. 당시 626억원을 투자했다.",
                     "회사 관계자는 \"올해 9월 완공 예정인 울산공장 증설도 차질 없이 마무리하겠다\"고 말했다.",
                     published="2026-03-09", title="HD현대일렉트릭, 美 제2공장 착공")
    assert [(m.amount, m.period) for m in ms if m.period and m.period.startswith("2026")] == []


def test_the_other_side_of_a_contract_does_not_take_over_the_story() -> None:
    ms = mentions_of("오라클은 2026 회계연도 2분기 매출이 161억달러로 1년 전보다 14% 늘었다고 밝혔습니다.",
                     "석 달 새 잔고가 크게 늘어난 것으로, 메타와 엔비디아 등과 맺은 대형 계약이 반영됐습니다.",
                     "데이터센터 투자를 보여주는 2분기 자본지출은 약 120억달러로 크게 늘었습니다.",
                     published="2025-12-11")
    assert [(m.company, m.kind) for m in ms] == [("Oracle", "revenue"), ("Oracle", "capex")]


def test_investors_flocking_to_a_round_make_their_tickets_stakes() -> None:
    ms = mentions_of("국내 AI 반도체 팹리스 리벨리온이 추진하는 신규 자금 조달에 국내외 투자자들이 속속 몰리고 있다.",
                     "카타르투자청(QIA)은 최소 2000만달러를 투자하는 방안을 준비하고 있다.",
                     "대만 전자부품 생산기업 페가트론은 200만달러 투자를 확정했다.", published="2025-08-27")
    assert [m.kind for m in ms] == ["equity_investment", "equity_investment"]


def test_a_companys_subsidiary_abroad_acts_for_it() -> None:
    ms = mentions_of("셀트리온 미국법인은 23일 뉴저지주에 있는 릴리의 생산시설을 약 4600억원에 인수하는 계약을 맺었다.",
                     "회사는 인수 대금에 초기 운영비 등을 더해 총 7000억원을 투입한다.", published="2025-09-23")
    assert [m.company for m in ms] == ["Celltrion", "Celltrion"]


def test_a_subject_inside_a_relative_clause_is_not_the_topics() -> None:
    ms = mentions_of("효성은 2020년 일본 미쓰비시전기가 사업을 줄이며 가동을 멈춘 멤피스 공장을 4500만달러에 인수했다.",
                     "이후 올해 5월에는 5100만달러 규모의 증설 계획을 내놓았다.",
                     "삼성전자는 SK하이닉스가 1조원을 투자한다고 밝혔다.", published="2025-11-18")
    assert [m.company for m in ms] == ["Hyosung", "Hyosung", "SK hynix"]


def test_a_joint_plants_cost_is_the_pairs_that_founded_it() -> None:
    ms = mentions_of("삼성SDI는 지난 24일 세계 4위 완성차 업체인 스텔란티스와 미국 합작법인(JV) 설립 계약을 맺었다. "
                     "합작 공장은 2025년부터 연간 23GWh 규모의 배터리를 생산한다. 총투자비는 25억달러다.",
                     "삼성SDI는 합작법인 지분 51%를 12억8700만달러에 취득할 예정이다.", published="2022-05-30")
    assert [(m.company, m.kind) for m in ms] == [("Samsung SDI+Stellantis", "capex"),
                                                 ("Samsung SDI", "equity_investment")]


def test_a_partners_venture_does_not_take_the_subjects_own_figures() -> None:
    ms = mentions_of("포스코는 인도 JSW그룹과 합작법인을 세우기로 했다. 회사는 올해 시설투자에 5조원을 쓴다.",
                     published="2024-10-21")
    assert [m.company for m in ms] == ["POSCO"]


def test_a_quarter_compared_in_brackets_lends_the_breakdown_after_it_no_period() -> None:
    ms = mentions_of("삼성전자는 31일 4분기 시설투자 규모가 17조8000억원이라고 밝혔다. "
                     "3분기(12조4000억원)와 비교하면 40% 넘게 불어났다. "
                     "사업별로 보면 DS 부문에 약 16조원, 디스플레이에 약 1조원이 들어갔다.", published="2025-01-31")
    assert [(m.amount, m.period) for m in ms] == [(178000 * EOK, "2024Q4"), (124000 * EOK, "2024Q3"),
                                                  (16 * JO, "2024Q4"), (1 * JO, "2024Q4")]


def test_firms_counted_with_got_are_no_one_company_of_the_headline() -> None:
    ms = mentions_of("주요 반도체 기업 8곳이 2029년까지 쏟아붓는 돈만 5조엔에 이른다.",
                     "도시바와 롬은 합계 약 3800억엔을 들여 전력 반도체를 증산한다.",
                     published="2024-07-09", title="소니 이미지센서에 1조6000억엔")
    assert [(m.company, m.amount) for m in ms if m.amount != 16000 * EOK] == [(None, 5 * 10**12),
                                                                             ("Rohm+Toshiba", 3800 * EOK)]


def test_a_listed_name_after_a_descriptor_with_a_gloss_stays_in_the_list() -> None:
    (m,) = mentions_of("소프트뱅크와 오픈AI, 오라클, 아랍에미리트(UAE) 투자회사 MGX가 향후 4년간 미국 AI 인프라에 "
                       "5000억달러를 쏟아붓는다.", published="2025-01-22")
    assert m.company == "MGX+OpenAI+Oracle+SoftBank"


def test_a_headlines_next_segment_lends_its_figure_no_period() -> None:
    ms = mentions_of("마이크로소프트는 회계연도 2분기 자본지출이 115억달러라고 밝혔다.", published="2024-01-31",
                     title="MS, 분기 설비투자 115억달러…\"다음 분기엔 큰 폭 늘린다\"")
    assert [(m.amount, m.period) for m in ms] == [(115 * EOK, "FY2024Q2")]


@pytest.mark.parametrize(
    ("text", "published", "period"),
    [
        ("마이크로소프트는 \"다음 분기 자본지출은 300억달러를 넘어설 것\"이라고 말했다.", "2025-07-31", "FY2026Q1"),
        ("삼성전자는 다음 분기 시설투자를 15조원으로 늘린다.", "2025-01-31", "2025Q1"),
    ],
)
def test_next_quarter_follows_the_quarter_reported_last(text: str, published: str, period: str) -> None:
    (m,) = mentions_of(text, published=published)
    assert m.period == period


def test_a_year_ago_the_same_period_is_the_year_before() -> None:
    ms = mentions_of("삼성전기는 올해 1~3월 패키지솔루션 사업에 1675억원의 설비투자를 집행했다. "
                     "1년 전 같은 기간(967억원)의 약 1.7배다.", published="2024-04-24")
    assert [m.period for m in ms] == ["2024Q1", "2023Q1"]


def test_a_headline_figure_that_took_the_leads_quarter_is_the_bodys_year() -> None:
    ms = mentions_of("회계연도 인프라 지출 880억달러 규모", "MS는 2025 회계연도 4분기(4~6월) 성적표를 내놨다.",
                     "MS가 2025 회계연도 동안 데이터센터와 서버 등에 투입한 돈은 약 880억달러에 이른다.",
                     published="2025-07-31", title="MS, 4분기 매출 764억달러 '어닝 서프라이즈'")
    assert [(m.amount, m.period) for m in ms if m.kind == "capex"] == [(880 * EOK, "FY2025")]


def test_a_part_of_a_plants_cost_that_a_government_grants_is_its_subsidy() -> None:
    ms = mentions_of("독일 정부는 인텔이 마그데부르크에 짓기로 한 공장 건설비 300억유로(약 44조원) 가운데 "
                     "100억유로(약 14조7000억원)를 지원하기로 했다.", published="2024-11-29")
    assert [(m.amount, m.kind) for m in ms] == [(300 * EOK, "capex"), (100 * EOK, "budget")]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("KT클라우드가 사모펀드 운용사 IMM크레딧앤솔루션으로부터 6000억원을 유치했다.", "equity_investment"),
        ("경북도는 LG화학이 1조원 규모의 공장을 짓기로 하면서 대규모 투자를 유치했다.", "capex"),
    ],
)
def test_money_raised_from_an_investor_is_a_stake_a_plant_attracted_is_not(sentence: str, kind: str) -> None:
    (m,) = mentions_of(sentence, published="2023-05-11")
    assert m.kind == kind


def test_how_much_less_than_last_year_is_a_difference_even_with_more_than() -> None:
    ms = mentions_of("삼성전자는 올해 시설투자를 47조4천억원으로 작년보다 6조원 넘게 줄인다.", published="2025-10-30")
    assert [(m.amount, m.kind) for m in ms] == [(474000 * EOK, "capex"), (6 * JO, "other")]


def test_companies_named_with_including_are_one_group() -> None:
    (m,) = mentions_of("월가에서는 메타를 비롯해 마이크로소프트·알파벳·아마존 등 4대 하이퍼스케일러의 "
                       "올해 설비투자 합계가 5000억달러를 넘어설 것으로 보고 있다.", published="2026-01-29")
    assert m.company == "Alphabet+Amazon+Meta+Microsoft"


def test_a_leads_upper_bound_is_the_range_the_body_gives() -> None:
    ms = mentions_of("페이스북 모회사 메타플랫폼스가 올해 AI 인프라에 최대 1350억달러를 쏟아붓겠다고 밝혔다.",
                     "메타는 2026년 연간 자본지출(capex)을 1150억~1350억달러로 전망했다.", published="2026-01-29",
                     title="메타, 올해 AI에 역대 최대 투자")
    assert [(m.amount, m.amount_max) for m in ms] == [(1150 * EOK, 1350 * EOK)]


def test_a_quarter_three_ahead_is_no_forecast() -> None:
    (m,) = mentions_of("메타의 4분기 매출은 598억9000만달러로 시장 예상치를 웃돌았다.", published="2026-01-29")
    assert m.period == "2025Q4"


def test_equipment_delivered_by_a_date_ends_its_span() -> None:
    (m,) = mentions_of("한화오션이 약 6000억원을 투자해 초대형 부유식 도크와 해상 크레인을 새로 들인다.",
                       "부유식 도크는 길이 480m의 초대형 설비로 2027년 3월 말까지 들어온다.", published="2025-04-28")
    assert m.period == "2025-2027"


def test_money_of_before_a_plan_is_no_part_of_it() -> None:
    ms = mentions_of("TSMC가 미국에 1000억달러를 추가로 투자한다.",
                     "웨이 회장은 향후 4년간 미국 내 첨단 반도체 제조에 1000억달러를 더 투자하겠다고 발표했다.",
                     "TSMC는 애리조나주에 이미 650억달러를 들여 반도체 공장 3곳을 짓고 있다.",
                     "당초 애리조나 투자 계획은 400억달러였다.", published="2025-03-04")
    assert [(m.amount, m.period) for m in ms] == [(1000 * EOK, "2025-2028"), (650 * EOK, None), (400 * EOK, None)]


def test_money_spent_on_earlier_plants_is_no_part_of_the_plan() -> None:
    ms = mentions_of("삼성바이오로직스가 1조9800억원을 들여 5공장을 짓는다.",
                     "회사는 올해 상반기 착공해 2025년 9월 가동을 목표로 하고 있다.",
                     "회사는 1~3공장 건설에 약 2조원, 4공장에 1조7400억원을 투자했다.", published="2023-03-17")
    assert [(m.amount, m.period) for m in ms] == [(19800 * EOK, "2023-2025"), (20000 * EOK, None),
                                                  (17400 * EOK, None)]


def test_this_period_is_the_storys_not_a_quarter_compared_with() -> None:
    ms = mentions_of("MS는 2026 회계연도 2분기 매출이 812억7000만달러로 늘었다고 발표했다.",
                     "다만 애저 성장률은 39%로 직전 분기(40%)보다 1%포인트 낮아졌다.",
                     "이 기간 회사의 자본지출은 375억달러로 분기 기준 사상 최대를 기록했다.", published="2026-01-29")
    assert [(m.kind, m.period) for m in ms] == [("revenue", "FY2026Q2"), ("capex", "FY2026Q2")]


def test_a_name_inside_what_a_unit_holds_is_not_the_units_company() -> None:
    ms = mentions_of("MS는 2026 회계연도 2분기 실적을 발표했다.",
                     "MS365와 링크드인이 속한 생산성·비즈니스 프로세스 부문 매출은 341억달러로 견조했다.",
                     published="2026-01-29")
    assert [m.company for m in ms] == ["Microsoft"]


def test_a_ceos_full_foreign_name_is_a_person_and_wall_street_no_company() -> None:
    ms = mentions_of("마크 저커버그 최고경영자는 올해 자본 지출이 600억에서 650억 달러 사이가 될 것이라고 밝혔다.",
                     "월가가 예상했던 510억 달러 안팎도 크게 웃도는 수치입니다.", published="2025-01-25")
    assert [m.company for m in ms] == [None, None]


def test_the_lead_after_the_subtitle_names_the_articles_company() -> None:
    ms = mentions_of("기후현 오노초 신공장…\"시황 악화에도 상승세 반드시 온다\"",
                     "일본 1위 반도체 패키지 기판 업체 이비덴이 신공장 건설에 2500억엔을 투입한다.",
                     "미국 인텔 등이 주요 고객이다. 회사는 앞서 2021년에도 1800억엔을 들여 생산능력을 늘렸다.",
                     published="2022-11-17", title="日 이비덴, 반도체 기판 증설에 2500억엔 투자")
    assert [m.company for m in ms] == ["Ibiden", "Ibiden"]


def test_a_plan_told_as_of_then_counts_its_years_from_then() -> None:
    ms = mentions_of("M15X는 2022년 10월 착공한 공장이다. 당시 회사는 향후 5년간 15조원을 들여 M15X를 짓겠다고 밝혔다.",
                     published="2024-04-24")
    assert [(m.amount, m.period) for m in ms] == [(15 * JO, "2022-2026")]


def test_money_put_in_at_once_is_this_years() -> None:
    ms = mentions_of("세 회사는 합작사 스타게이트를 세워 우선 1000억달러를 즉시 투입하고, "
                     "앞으로 4년에 걸쳐 나머지 자금을 단계적으로 집행한다.", published="2025-01-22")
    assert [(m.amount, m.period) for m in ms] == [(1000 * EOK, "2025")]


def test_the_parts_after_a_figure_twice_another_are_of_the_figure_not_the_other() -> None:
    ms = mentions_of("4분기 시설투자는 20조4000억원으로 3분기(9조2000억원)의 두 배를 웃돌았다. "
                     "이 가운데 DS 부문이 19조원, 디스플레이가 7000억원을 차지했다.", published="2026-01-29",
                     title="삼성전자, 4분기 영업익 20조")
    assert [m.period for m in ms if m.amount in (19 * JO, 7000 * EOK)] == ["2025Q4", "2025Q4"]


def test_a_year_decided_then_until_a_year_before_the_figure_is_a_span() -> None:
    (m,) = mentions_of("LIG넥스원은 2022년 9월에는 구미시와 협약을 맺고 2025년까지 1100억원을 들여 증설하기로 했다.",
                       published="2025-07-01")
    assert m.period == "2022-2025"


def test_a_hyphenated_pair_in_a_headline_is_two_companies_and_both_of_them_one_venture() -> None:
    ms = mentions_of("LG에너지솔루션이 일본 완성차 업체 혼다와 손잡고 미국에 배터리 합작공장을 짓는다.",
                     "LG에너지솔루션은 29일 본사에서 합작법인 설립을 위한 업무협약을 체결했다고 밝혔다.",
                     "양사는 총 44억달러(약 5조1000억원)를 투자해 미국에 배터리 생산공장을 짓는다.",
                     "LG에너지솔루션은 이미 GM과 합작공장을 짓고 있다.",
                     "회사는 올해 시설투자에만 약 7조원을 투입할 계획이다.",
                     published="2022-08-29", title="LG에너지솔루션-혼다, 美 배터리 합작법인 세운다…5조1000억원 투자")
    assert [(m.company, m.amount) for m in ms] == [("Honda+LG Energy Solution", 44 * EOK),
                                                   ("LG Energy Solution", 7 * JO)]


def test_the_hyundai_motor_group_is_not_hyundai_motor() -> None:
    ms = mentions_of("현대차그룹은 2025~2028년 미국에 210억달러를 투자한다.", "현대차는 올해 국내에 12조원을 투자한다.",
                     published="2025-03-25")
    assert [m.company for m in ms] == ["Hyundai Motor Group", "Hyundai Motor"]


def test_shares_bought_to_cancel_and_their_price_are_no_spending_on_plants() -> None:
    ms = mentions_of("삼성전자는 18일부터 3개월 동안 3조원어치를 장내에서 사들여 전량 소각한다. "
                     "금액으로는 보통주 2조6827억원(주당 5만3500원 기준) 규모다.", published="2024-11-15")
    assert [m.kind for m in ms if m.amount in (3 * JO, 26827 * EOK, 53500)] == ["other", "other", "other"]


def test_places_of_a_breakdown_by_region_are_not_companies() -> None:
    ms = mentions_of("효성이 베트남에 투자한 금액은 지금까지 35억달러에 이른다.",
                     "지역별로는 동나이 19억달러, 바리아붕따우 14억달러, 박닌 1억달러다.", published="2025-07-03")
    assert {m.company for m in ms} == {"Hyosung"}


def test_a_project_the_builder_finished_is_its_owners() -> None:
    ms = mentions_of("현대건설은 운용사 퍼시픽자산운용이 발주한 '용인 죽전 데이터센터'를 준공했다고 밝혔다. "
                     "이 프로젝트에는 모두 1조3000억원이 들어갔다.", published="2025-09-24")
    assert [m.company for m in ms] == ["퍼시픽자산운용"]


def test_a_figure_compared_with_a_year_before_is_of_the_period_reported() -> None:
    ms = mentions_of("MS는 2026 회계연도 2분기 매출이 812억7000만달러로 늘었다고 발표했다.",
                     "클라우드 사업이 성장을 이끌었다.",
                     "관심이 쏠린 자본지출은 375억달러로 전년 동기보다 66% 늘었다.", published="2026-01-29")
    assert [(m.kind, m.period) for m in ms] == [("revenue", "FY2026Q2"), ("capex", "FY2026Q2")]


def test_a_partner_alone_is_not_the_subject_but_a_joint_venture_is_the_pairs() -> None:
    ms = mentions_of("아마존웹서비스(AWS)가 한국 데이터센터에 50억달러 이상을 추가로 투자한다.",
                     "이번 발표는 지난 6월 SK그룹과 손잡고 울산에 AI 데이터센터를 짓기로 하면서 제시한 40억달러 이상의 "
                     "투자 계획과는 별개다.", published="2025-10-29")
    assert "SK Group" not in [m.company for m in ms]
    (m,) = mentions_of("혼다는 LG에너지솔루션과 합작해 44억달러 규모의 배터리 공장을 짓는다.", published="2024-04-25")
    assert m.company == "Honda+LG Energy Solution"


def test_money_since_a_year_until_now_spans_to_now() -> None:
    (m,) = mentions_of("AWS가 2012년 국내에 진출한 이후 지금까지 인프라에 투입한 금액은 약 5조6000억원이다.",
                       published="2025-10-29")
    assert m.period == "2012-2025"


def test_a_capex_budget_with_a_gloss_is_capex() -> None:
    (m,) = mentions_of("UMC는 올해 설비투자(캐펙스) 예산을 15억달러로 제시했다.", published="2026-02-04")
    assert m.kind == "capex"


def test_money_spent_between_a_start_and_a_finish_spans_them() -> None:
    (m,) = mentions_of("삼양식품은 2020년 10월 제1공장 공사에 들어가 약 2400억원을 들여 2022년 5월 준공했다.",
                       published="2025-06-11")
    assert m.period == "2020-2022"


def test_the_quarter_of_a_results_announcement_is_not_the_years_figure() -> None:
    ms = mentions_of("삼성전자가 지난해 시설투자에 역대 최대인 53조6000억원을 쏟아부었다.",
                     "삼성전자는 2024년 4분기 실적 발표를 통해 연간 시설투자가 53조6000억원으로 집계됐다고 밝혔다. "
                     "사업별로는 DS(반도체)부문 46조3000억원, 디스플레이 4조8000억원이다.", published="2025-01-31")
    assert [(m.amount, m.period) for m in ms] == [(536000 * EOK, "2024"), (463000 * EOK, "2024"), (48000 * EOK, "2024")]


def test_a_breakdown_after_a_difference_is_of_the_plan_and_the_difference_no_spending() -> None:
    ms = mentions_of("현대자동차그룹이 올해 국내에 24조3000억원을 투자한다. "
                     "지난해 집행액 20조4000억원보다 3조9000억원(19%) 늘어난다.",
                     "부문별로는 연구개발(R&D)에 11조5000억원, 경상투자에 12조원을 각각 투입한다.",
                     published="2025-01-09")
    assert [(m.amount, m.kind, m.period) for m in ms] == [
        (243000 * EOK, "capex", "2025"), (204000 * EOK, "capex", "2024"), (39000 * EOK, "other", "2024"),
        (115000 * EOK, "other", "2025"), (12 * JO, "capex", "2025")]


def test_both_sides_are_the_pair_of_the_story() -> None:
    ms = mentions_of("SK그룹은 지난 20일 AWS, 울산시와 데이터센터 건립 계약을 체결했다고 밝혔다.",
                     "양측이 이 사업에 투입하는 금액은 약 7조원으로 추산된다.", published="2025-06-22",
                     title="SK, AWS와 울산에 7조 규모 AI 데이터센터")
    assert [m.company for m in ms] == ["Amazon+SK Group"]


@pytest.mark.parametrize(
    "sentence",
    [
        "네이버는 부지 선정 당시 제시한 건립 예산은 5400억원이었다고 밝혔다.",
        "MS의 분기 자본지출은 시장이 예상한 362억달러를 넘어섰다.",
    ],
)
def test_a_buildings_budget_and_what_the_market_expected_of_capex_are_capex(sentence: str) -> None:
    (m,) = mentions_of(sentence, published="2025-11-05")
    assert m.kind == "capex"


def test_a_companys_total_assets_are_no_spending() -> None:
    (m,) = mentions_of("롯데바이오로직스는 자산총액이 약 4129억원인 만큼 건설 자금은 유상증자와 차입으로 마련한다.",
                       published="2023-05-10")
    assert m.kind == "other"


def test_the_quarter_construction_starts_is_no_period_of_a_project_with_a_finish() -> None:
    (m,) = mentions_of("현대차는 약 2조원을 신규 투자해 올해 4분기 본격적인 건설에 착수하고 2025년 완공할 예정이다.",
                       published="2023-05-10")
    assert m.period == "2023-2025"


def test_building_to_serve_the_whole_world_is_no_market_wide_figure() -> None:
    (m,) = mentions_of("MS는 2025 회계연도에 애플리케이션을 전 세계에 배포하기 위한 데이터센터 구축에 약 800억달러를 "
                       "투자할 예정이다.", published="2025-01-04")
    assert (m.company, m.kind, m.period) == ("Microsoft", "capex", "FY2025")


def test_a_former_owner_names_a_place_and_kioxia_is_known() -> None:
    ms = mentions_of("LIG넥스원은 지난해 김천 제2공장 건립에 455억원, "
                     "옛 LG전자 구미 A2공장 매입에 496억원을 투입하기로 했다.",
                     "키옥시아와 미국 웨스턴디지털(WD)은 기타카미 공장에 모두 7290억엔을 투자한다.",
                     published="2024-07-01")
    assert [m.company for m in ms] == ["LIG Nex1", "LIG Nex1", "Kioxia+Western Digital"]


def test_money_of_a_finished_plant_takes_no_span_of_a_target_after_it() -> None:
    ms = mentions_of("농협은 지난 1월 말 의왕시에 3200억원을 투입한 NH통합IT센터를 완공했다.",
                     "전산장비를 다섯 단계로 나눠 옮기며, 내년 10월 이전 완료가 목표다.", published="2016-03-04")
    assert [m.period for m in ms] == [None]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("삼성은 2030년까지 테일러 신공장과 연구개발 시설 등에 모두 450억달러를 투자하겠다고 했다.", "capex"),
        ("LS전선은 에너지부가 배정한 9900만달러를 더해 모두 1억4700만달러의 지원을 확보했다.", "budget"),
    ],
)
def test_a_research_building_is_capex_and_support_secured_is_public_money(sentence: str, kind: str) -> None:
    ms = mentions_of(sentence, published="2024-12-21")
    assert ms[-1].kind == kind


def test_a_record_above_a_years_figure_keeps_the_story_for_the_breakdown_after_it() -> None:
    ms = mentions_of("삼성전자는 지난해 연간 시설투자가 53조6000억원으로 집계됐다고 밝혔다. "
                     "종전 최대였던 2022년과 2023년(53조1000억원) 수준을 모두 웃도는 규모다.",
                     "사업별로는 반도체를 담당하는 DS부문이 46조3000억원, 디스플레이가 4조8000억원을 차지했다.",
                     published="2025-01-31")
    assert [m.period for m in ms if m.amount in (463000 * EOK, 48000 * EOK)] == ["2024", "2024"]


def test_the_subject_named_before_customers_is_continued_not_the_customers() -> None:
    ms = mentions_of("도쿄오카공업(TOK)은 약 200억엔을 들여 평택시에 포토레지스트 공장을 짓고 있다.",
                     "TOK는 2030년부터 평택 공장을 가동해 삼성전자 등 국내 반도체 제조사에 공급할 계획이다. "
                     "이와 별도로 약 120억엔을 투입해 고순도 화학약품 공장을 국내에 짓는 방안도 추진하고 있다.",
                     published="2025-12-01")
    assert "Samsung Electronics" not in [m.company for m in ms]


def test_the_quarter_of_a_results_briefing_is_not_the_budgets() -> None:
    ms = mentions_of("ASE는 31일 2분기 실적 설명회에서 기존 25억달러로 잡았던 올해 설비투자 예산에 "
                     "3억~4억달러를 추가하겠다고 밝혔다.", published="2025-07-31")
    assert [(m.amount, m.period) for m in ms][0] == (25 * EOK, "2025")


def test_a_year_earlier_compared_with_is_no_period_of_the_figures_after_it() -> None:
    ms = mentions_of("SK텔레콤은 올해 1분기 매출이 4조2772억원으로 지난해 같은 기간보다 4% 늘었고, "
                     "영업이익은 4324억원으로 15.5% 증가했다고 11일 밝혔다. 설비투자는 2794억원이었다.",
                     published="2022-05-11")
    assert [(m.amount, m.kind, m.period) for m in ms] == [
        (42772 * EOK, "revenue", "2022Q1"), (4324 * EOK, "profit", "2022Q1"), (2794 * EOK, "capex", "2022Q1")]


def test_companies_listed_as_examples_do_not_take_over_the_articles_story() -> None:
    ms = mentions_of("수주잔액은 5230억달러로 680억달러 늘었다. 메타와 엔비디아 등이 새로 계약을 맺었다.",
                     "2분기 자본지출은 약 120억달러로 1분기(85억달러)보다 크게 증가했다.",
                     title="오라클, 연간 자본지출 전망 500억달러로 상향", published="2025-12-11")
    assert {m.company for m in ms if m.kind == "capex"} == {"Oracle"}


def test_companies_in_a_clause_describing_a_project_still_lead_to_it() -> None:
    ms = mentions_of("폭스콘은 오픈AI·오라클·소프트뱅크 등이 참여하는 스타게이트 프로젝트의 서버 공급사로 선정됐다. "
                     "총 5000억 달러가 투입되는 이 프로젝트의 데이터센터 단지 인근에 생산 거점을 뒀다.",
                     title="폭스콘, 미국 AI 서버 생산 확대", published="2025-05-20")
    assert "Foxconn" not in [m.company for m in ms if m.amount == 5000 * EOK]


def test_money_put_into_a_companys_own_shipyard_is_capex_and_a_fund_is_not() -> None:
    ms = mentions_of("한화그룹이 미국 필라델피아의 한화필리조선소에 50억달러(약 7조원)를 추가로 투자한다.",
                     "투자금은 설비 확충에 집중된다. 조선협력펀드 1500억달러가 주요 재원이다.",
                     title="한화, 필리조선소에 50억달러 추가 투자", published="2025-08-27")
    assert [(m.amount, m.kind) for m in ms] == [(50 * EOK, "capex"), (1500 * EOK, "other")]


def test_a_business_segment_named_after_data_centres_reports_sales_not_spending() -> None:
    ms = mentions_of("사업부별로는 클라우드 메모리 부문 매출이 45억4300만달러로 1년 새 세 배 넘게 뛰었다. "
                     "반면 코어 데이터센터 부문은 15억7700만달러로 23% 줄었다.",
                     title="마이크론, 4분기 매출 113억달러", published="2025-09-24")
    assert [m.kind for m in ms if m.amount in (45.43 * EOK, 15.77 * EOK)] == ["revenue", "revenue"]


def test_a_yearly_figure_after_a_fiscal_quarter_is_that_fiscal_year() -> None:
    ms = mentions_of("마이크론은 23일 2025 회계연도 4분기(6~8월) 실적을 발표했다. "
                     "설비투자(순 기준)는 4분기 49억3000만달러, 연간 138억달러로 집계됐다.",
                     title="마이크론, 4분기 매출 113억달러", published="2025-09-24")
    assert [(m.amount, m.period) for m in ms if m.kind == "capex"] == [(49.3 * EOK, "FY2025Q4"), (138 * EOK, "FY2025")]


def test_a_breakdown_after_a_sentence_without_figures_keeps_the_storys_kind() -> None:
    ms = mentions_of("삼성전자가 올해 연간 시설투자 규모를 약 47조4000억원으로 잡았다. "
                     "지난해 집행액보다 6조2000억원 적은 규모다.",
                     "삼성전자는 30일 3분기 실적을 발표하면서 올해 시설투자를 이같이 집행할 예정이라고 밝혔다. "
                     "사업별로는 DS부문이 40조9000억원, 삼성디스플레이가 3조3000억원 수준이다.",
                     published="2025-10-30")
    parts = [(m.company, m.kind, m.period) for m in ms if m.amount in (409000 * EOK, 33000 * EOK)]
    assert parts == [("Samsung Electronics", "capex", "2025"), ("Samsung Display", "capex", "2025")]


def test_a_site_laid_out_for_a_sum_is_the_owners_spending() -> None:
    ms = mentions_of("P&T7은 청주 테크노폴리스 산업단지 내 부지에 총 19조원 규모로 조성된다.",
                     title="SK하이닉스, 청주에 첨단 패키징 팹 짓는다", published="2026-01-14")
    assert [(m.company, m.kind) for m in ms] == [("SK hynix", "capex")]


def test_a_plan_until_a_year_runs_from_the_year_it_was_announced() -> None:
    ms = mentions_of("AWS는 2027년까지 국내 클라우드 인프라에 7조8500억원을 투자하겠다는 계획을 2023년 발표했다.",
                     published="2025-08-29")
    assert [m.period for m in ms] == ["2023-2027"]


def test_a_headline_year_is_the_fiscal_year_the_body_names_and_a_backlog_is_no_spending() -> None:
    ms = mentions_of("오라클은 9일 실적을 발표하고 잔여이행의무(RPO)가 4550억달러로 1년 전보다 359% 늘었다고 밝혔다.",
                     "회사는 이번 회계연도(2025년 6월~2026년 5월) 설비투자 전망을 "
                     "기존 250억달러에서 약 350억달러로 높였다.",
                     title="오라클, 잔여계약 4550억달러로 폭증…올해 설비투자 350억달러로 상향", published="2025-09-10")
    assert [(m.amount, m.period) for m in ms if m.kind == "capex"] == [(350 * EOK, "FY2026"), (250 * EOK, "FY2026")]


def test_a_vehicle_without_a_name_spends_for_the_consortium_the_lead_names() -> None:
    ms = mentions_of("정부의 국가 AI 컴퓨팅센터 구축 사업자로 삼성SDS 컨소시엄이 사실상 확정됐다.",
                     "컨소시엄에는 주관사인 삼성SDS를 비롯해 네이버클라우드, 카카오, KT, "
                     "서남해안기업도시개발이 참여한다.",
                     "민관 합작 특수목적법인(SPC)이 2030년까지 총 2조9000억원 이상을 투입한다.",
                     title="국가AI컴퓨팅센터, 삼성SDS 컨소시엄 품으로", published="2026-03-10")
    assert [(m.company, m.amount) for m in ms if m.kind == "capex"] == [("Samsung SDS", 29000 * EOK)]


def test_a_figure_compared_with_the_quarter_before_is_of_the_quarter_reported() -> None:
    ms = mentions_of("MS는 2026회계연도 1분기(2025년 7~9월) 매출이 777억달러로 "
                     "지난해 같은 기간보다 18% 늘었다고 밝혔다.",
                     "시장의 시선은 투자 규모에 쏠렸다. 데이터센터 지출을 포함한 자본지출은 349억달러로, "
                     "직전 분기의 242억달러보다 약 44% 늘었다.", published="2025-10-30")
    assert [(m.amount, m.period) for m in ms if m.kind == "capex"] == [(349 * EOK, "FY2026Q1"), (242 * EOK, "FY2025Q4")]


def test_a_breakdown_after_last_quarters_figure_is_of_the_quarter_reported() -> None:
    ms = mentions_of("삼성전자는 30일 실적 설명회에서 \"1·4분기 시설투자는 전분기 대비 "
                     "5조8000억원 감소한 12조원\"이라고 밝혔다. "
                     "지난해 4·4분기 시설투자는 17조8000억원이었다.",
                     "부문별로는 반도체(DS) 부문이 10조9000억원, 삼성디스플레이가 5000억원을 집행했다.",
                     published="2025-04-30")
    parts = [(m.company, m.period) for m in ms if m.amount in (109000 * EOK, 5000 * EOK)]
    assert parts == [("Samsung Electronics", "2025Q1"), ("Samsung Display", "2025Q1")]


def test_a_year_before_the_same_fiscal_quarter_is_that_fiscal_quarter_a_year_earlier() -> None:
    ms = mentions_of("MS는 2026회계연도 2분기 자본지출이 375억달러로 사상 최대를 기록했다고 밝혔다. "
                     "1년 전 같은 분기에는 226억달러였다.", published="2026-01-29")
    assert [(m.amount, m.period) for m in ms] == [(375 * EOK, "FY2026Q2"), (226 * EOK, "FY2025Q2")]


def test_earnings_per_share_is_profit_and_a_backlog_written_rpo_is_no_spending() -> None:
    ms = mentions_of("회사는 오픈AI 투자와 관련한 이익이 EPS를 1.02달러 끌어올렸다고 설명했다. "
                     "데이터센터 계약이 쌓이며 RPO가 4550억달러로 늘었다.", published="2026-01-29")
    assert [m.kind for m in ms] == ["profit", "other"]


def test_a_fund_and_a_loss_are_no_spending() -> None:
    ms = mentions_of("애플은 미국 제조업 육성을 위한 첨단 제조 기금은 50억달러에서 100억달러로 두 배로 키운다. "
                     "데이터센터 사업의 손실 규모는 직전 분기 4163억원에서 크게 줄었다.", published="2025-02-25")
    assert [m.kind for m in ms] == ["other", "other", "profit"]


def test_a_headline_segment_naming_a_grant_recipient_makes_no_stake_of_the_next_segment() -> None:
    ms = mentions_of("삼성전자는 이에 맞춰 테일러 투자 규모를 당초 170억달러에서 2030년까지 약 450억달러로 늘린다.",
                     title="美, 삼성전자에 보조금 64억달러…삼성, 텍사스 투자 450억달러로 확대", published="2024-04-16")
    assert {m.kind for m in ms if m.company == "Samsung Electronics"} == {"capex"}


def test_a_fab_after_a_headlines_ellipsis_is_no_company_invested_in() -> None:
    ms = mentions_of("SK하이닉스는 24일 이사회를 열고 M15X 건설에 약 5조3000억원을 투자하기로 의결했다고 밝혔다.",
                     title="SK하이닉스, 청주에 HBM용 D램 기지…M15X에 20조 넘게 쏟는다", published="2024-04-24")
    assert {m.kind for m in ms} == {"capex"}


def test_a_word_of_a_clause_done_before_the_figure_does_not_name_it() -> None:
    ms = mentions_of("회사는 지난해 6월 구미4공장을 인수한 뒤 올해까지 1조4000억원을 들여 생산능력을 늘리고 있다.",
                     title="LG이노텍, 베트남 카메라모듈 공장에 1조3000억 투입", published="2023-02-26")
    assert [(m.amount, m.kind) for m in ms if m.amount == 14000 * EOK] == [(14000 * EOK, "capex")]


def test_meta_platforms_written_without_its_s_is_meta() -> None:
    ms = mentions_of("페이스북·인스타그램 운영사 메타플랫폼(이하 메타)이 올해 자본지출 전망치를 "
                     "기존 300억~370억달러에서 350억~400억달러로 끌어올렸다.", published="2024-04-25")
    assert {m.company for m in ms} == {"Meta"}


def test_the_builder_named_before_the_cost_does_not_take_the_owners_figure() -> None:
    ms = mentions_of("시공을 맡은 현대건설은 30일 각 세종 본동 공사가 이달 말 마무리됐다고 밝혔다.",
                     "각 세종에는 모두 6500억원이 투입됐다.",
                     title="네이버, 6500억 들인 '각 세종' 완공", published="2023-06-30")
    assert {m.company for m in ms} == {"Naver"}


def test_money_that_went_into_a_unit_or_a_company_is_the_article_companys_or_that_companys() -> None:
    ms = mentions_of("삼성전자가 지난해 시설투자를 53조1000억원 규모로 집행했다.",
                     "지난해 시설투자 가운데 DS 부문에 48조4000억원이, 삼성디스플레이에 2조4000억원이 들어갔다. "
                     "현대제철에 따르면 이 제철소에는 총 58억달러가 투입된다.",
                     title="삼성전자 시설투자 53조", published="2024-01-31")
    assert [(m.company, m.kind) for m in ms if m.amount in (484000 * EOK, 24000 * EOK)] == [
        ("Samsung Electronics", "capex"), ("Samsung Display", "capex")]


def test_support_at_a_headline_segments_end_and_money_a_government_will_subsidize_are_budget() -> None:
    ms = mentions_of("자국 업체 키옥시아와 미국 웨스턴디지털(WD)이 메모리를 생산하는 욧카이치 공장에도 "
                     "2430억엔(약 2조1000억원)을 보조할 계획이다.",
                     title="日, TSMC 구마모토 2공장에 7320억엔 지원…1공장은 24일 개소", published="2024-02-22")
    assert [m.kind for m in ms] == ["budget", "budget"]


def test_investment_a_government_draws_in_is_no_spending_of_its_own() -> None:
    ms = mentions_of("말레이시아 정부도 반도체 산업 육성을 위해 1070억달러 규모의 투자를 "
                     "끌어들이겠다는 국가 전략을 내놨다.",
                     title="구글, 말레이시아에 20억달러 데이터센터", published="2024-05-30")
    assert [m.kind for m in ms if m.amount == 1070 * EOK] != ["capex"]


def test_the_calendar_year_of_a_results_briefing_is_no_year_of_a_fiscal_year_company() -> None:
    ms = mentions_of("설비투자는 이번 회계연도에 500억달러에 이를 전망이다. 오라클은 지난해 12월 2분기 실적 발표 때 "
                     "연간 자본지출 전망을 350억달러에서 500억달러로 끌어올린 바 있다.", published="2026-03-11")
    assert {m.period for m in ms} == {"FY2026"}


def test_the_plan_before_a_revision_to_the_storys_figure_is_of_the_storys_period() -> None:
    ms = mentions_of("2026회계연도 설비투자(capex)는 500억달러로 제시했다.",
                     "오라클은 석 달 전 2분기 실적 발표에서 설비투자 전망을 기존 350억달러에서 500억달러로 높였다.",
                     title="오라클, 올해 설비투자 500억달러 유지", published="2026-03-11")
    assert [(m.amount, m.period) for m in ms] == [(500 * EOK, "FY2026"), (350 * EOK, "FY2026")]


def test_the_big_techs_sum_is_no_one_companys() -> None:
    ms = mentions_of("마이크로소프트(MS)도 1400억달러 안팎을 투자할 것으로 예상된다. "
                     "올해 빅테크의 AI 투자액은 7000억달러에 달할 것이라는 전망도 나온다.",
                     title="아마존, 올해 설비투자 2000억달러", published="2026-02-05")
    assert [m.company for m in ms if m.amount == 7000 * EOK] in ([], [None])


def test_a_named_sites_cost_in_its_gloss_is_that_sites() -> None:
    ms = mentions_of("협약에는 베네포스, 대우건설, KT가 참여했다. 장성 센터는 지난해 12월 착공한 "
                     "'장성 파인데이터센터'(26㎿급·3959억원)보다 8배가량 큰 규모다.", published="2026-01-16")
    assert [m.company for m in ms if m.amount == 3959 * EOK] == ["장성 파인데이터센터"]


def test_a_later_headline_segment_naming_no_company_is_the_articles_company() -> None:
    ms = mentions_of("반도체 후공정 기업 하나마이크론이 베트남 박장성에서 2공장 가동에 들어갔다.",
                     title="하나마이크론, 베트남 2공장 가동", published="2023-08-18")
    subtitle = mentions_of("SK하이닉스 후공정 물량 대응…누적 투자 6억달러",
                           "반도체 후공정 기업 하나마이크론이 베트남 박장성에서 2공장 가동에 들어갔다.",
                           title="하나마이크론, 베트남 2공장 가동", published="2023-08-18")
    assert ms == [] and [m.company for m in subtitle] == ["Hana Micron"]


def test_a_period_naming_the_next_figure_is_not_the_figure_befores() -> None:
    ms = mentions_of("자본지출은 349억달러(약 49조8000억원)로 직전 분기인 2025 회계연도 4분기의 "
                     "242억달러(약 34조5000억원)에서 약 44% 늘었다.", published="2025-10-30")
    assert [(m.amount, m.period) for m in ms] == [(349 * EOK, None), (242 * EOK, "FY2025Q4")]


def test_a_lead_figure_is_no_rounding_of_a_headline_figure() -> None:
    ms = mentions_of("마이크로소프트(MS)가 데이터센터 구축에 이번 회계연도에만 약 800억달러를 쏟아붓는다.",
                     title="MS, AI 데이터센터에 베팅…월가 \"연간 자본지출 842억달러 전망\"", published="2025-01-06")
    assert 800 * EOK in [m.amount for m in ms]


def test_the_whole_after_a_partners_part_is_the_storys_and_support_given_is_public_money() -> None:
    ms = mentions_of("이후 LG에너지솔루션과의 합작 배터리 공장이 더해지며 투자액은 76억달러로 늘었고, "
                     "바토우카운티에 SK온과 50억달러 규모의 배터리 합작공장을 추진하면서 "
                     "전체 투자액은 126억달러로 불어났다. "
                     "주정부와 지방정부도 약 20억달러 규모의 세제 혜택과 인프라를 지원했다.",
                     title="현대차그룹, 美 메타플랜트 준공", published="2025-03-26")
    assert [m.company for m in ms if m.amount == 126 * EOK] == ["Hyundai Motor Group"]
    assert [m.kind for m in ms if m.amount == 20 * EOK] == ["budget"]


def test_a_count_of_years_before_an_end_year_counts_back_from_it() -> None:
    # said in November 2025: '2030년까지 5년간' is 2026-2030, not 'from now until 2030'
    ms = mentions_of("삼성전자는 2030년까지 5년간 총 450조원을 국내에 투자한다.",
                     "LG그룹은 2028년까지 3년간 10조원을 국내에 투자한다.", published="2025-11-16")
    assert [(m.company, m.amount, m.period) for m in ms] == [
        ("Samsung Electronics", 450 * JO, "2026-2030"), ("LG", 10 * JO, "2026-2028")]


def test_a_headline_plan_to_a_year_is_the_bodys_plan_counted_back_from_it() -> None:
    ms = mentions_of("현대자동차가 2030년까지 5년간 77조3000억원을 쏟아붓는 중장기 투자 계획을 내놨다.",
                     "총 77조3000억원 가운데 설비투자(CAPEX)에 38조원, 연구개발(R&D)에 30조원 등을 배정했다.",
                     title="현대차, 2030년까지 77조3000억 투자…설비에만 38조", published="2025-09-18")
    assert [(m.amount, m.period) for m in ms if m.kind == "capex"] == [
        (773000 * EOK, "2026-2030"), (38 * JO, "2026-2030")]


def test_a_lead_after_a_subtitle_makes_a_funding_article_whose_investors_tickets_are_stakes() -> None:
    ms = mentions_of("JP모건 자문사 선정…QIA 최소 2000만달러 검토, 페가트론 200만달러 확정",
                     "AI 반도체 팹리스 리벨리온의 자금 조달에 글로벌 투자자들이 잇따라 참여 의사를 밝히고 있다.",
                     "대만 에이수스 계열 전자부품 생산기업 페가트론은 200만달러 투자를 확정했다.",
                     title="리벨리온 2000억 투자 유치에 카타르·대만 '줄섰다'", published="2025-08-27")
    assert [(m.amount, m.kind) for m in ms if m.amount == 2_000_000] == [(2_000_000, "equity_investment")]


def test_an_industrial_park_or_a_public_centre_is_no_company() -> None:
    ms = mentions_of("산업통상자원부가 2026년 예산안을 13조8778억원으로 편성했다고 1일 밝혔다.",
                     "조선 분야에는 기술개발에 1786억원을 지원하고, 한·미 조선협력센터(66억원)를 신설한다.",
                     "금융지원사업은 RE100 산업단지와 해상풍력 확대 등을 위해 6480억원으로 늘었다.",
                     "신재생에너지 핵심기술개발 사업에도 역대 최대인 3358억원이 배정됐다.", published="2025-09-01")
    assert [m.company for m in ms if m.amount in (66 * EOK, 6480 * EOK, 3358 * EOK)] == [None, None, None]


def test_a_segment_named_by_several_words_is_no_spending() -> None:
    ms = mentions_of("글로벌파운드리는 올해 1분기 매출이 18억4100만달러로 5% 줄었다고 발표했다.",
                     "반면 통신 인프라·데이터센터 부문은 3억5200만달러로 8% 늘었다.", published="2023-05-10")
    assert [m.kind for m in ms if m.amount == 352_000_000] != ["capex"]


@pytest.mark.parametrize("sentence", [
    "한화오션은 23일 이사회를 열고 시설자금 등 2조원을 조달하기 위한 유상증자를 결의했다고 공시했다.",
    "회사는 시설자금으로 쓸 15억달러를 조달한다.",
])
def test_money_raised_for_facilities_is_funding_not_spending(sentence: str) -> None:
    assert [m.kind for m in mentions_of(sentence, published="2023-08-23")] == ["equity_investment"]


def test_a_business_bought_for_a_price_in_the_headline_makes_its_payments_stakes() -> None:
    ms = mentions_of("삼성전자는 하만이 15억유로(약 2조6000억원)를 들여 ZF의 ADAS 사업을 인수한다고 밝혔다.",
                     title="삼성 하만, 독일 ZF 전장사업 2조6000억에 인수", published="2025-12-23")
    assert [(m.amount, m.kind) for m in ms] == [(1_500_000_000, "equity_investment")]


def test_a_site_bought_for_a_price_is_still_spending() -> None:
    ms = mentions_of("반도체 장비업체 미래산업이 용인의 공장 부지를 450억원에 사들인다고 26일 밝혔다.",
                     title="미래산업, 450억에 기흥 공장 확보", published="2024-03-26")
    assert [(m.amount, m.kind) for m in ms] == [(450 * EOK, "capex")]


def test_cash_paid_for_property_and_equipment_is_spending() -> None:
    ms = mentions_of("MS는 4분기 금융리스를 포함한 자본지출이 87억달러였으며, "
                     "이 가운데 유형자산 취득에 현금으로 69억달러를 썼다고 밝혔다.", published="2022-07-27")
    assert [(m.amount, m.kind) for m in ms] == [(8_700_000_000, "capex"), (6_900_000_000, "capex")]


def test_a_state_or_province_spending_is_no_companys() -> None:
    ms = mentions_of("인텔은 오하이오주에 200억달러를 들여 반도체 공장 2곳을 짓는다.",
                     "오하이오주는 인텔 공장을 끌어오기 위해 도로·용수 등 기반시설 개선에 10억달러를 투입하기로 했다.",
                     published="2022-01-21")
    assert [(m.company, m.amount) for m in ms] == [("Intel", 20_000_000_000), (None, 1_000_000_000)]


def test_the_company_a_government_signs_an_investment_agreement_with_invests() -> None:
    ms = mentions_of("산업통상자원부는 지난 23일 지이엠코리아와 1조2100억원 규모의 전구체 공장 투자협약을 맺었다.",
                     published="2023-11-30")
    assert [(m.company_ko, m.amount, m.kind) for m in ms] == [("지이엠코리아", 12100 * EOK, "capex")]


def test_a_name_the_article_introduces_in_quotes_is_that_company_when_written_again() -> None:
    ms = mentions_of("전라남도는 투자 그룹 '스톡 팜 로드'의 자회사 '퍼힐스(FIR HILLS)' 관계자들을 만났다.",
                     "당시 모회사인 스톡 팜 로드는 초기 100억 달러를 시작으로 최대 350억 달러까지 "
                     "투자가 늘어날 수 있다고 밝혔다.", published="2025-08-13")
    assert [(m.company, m.amount) for m in ms] == [
        ("스톡 팜 로드", 10_000_000_000), ("스톡 팜 로드", 35_000_000_000)]


def test_the_topic_of_a_clause_gives_its_figure_its_kind() -> None:
    ms = mentions_of("LG유플러스의 AIDC 사업 매출은 자체 데이터센터의 안정적 성장과 신규 설계·구축·운영(DBO) 사업 "
                     "진출에 힘입어 4220억원으로 18.4% 증가했다.", published="2026-02-05")
    assert [(m.amount, m.kind) for m in ms] == [(4220 * EOK, "revenue")]


def test_a_topic_before_a_clause_with_its_own_subject_does_not_reach_its_figure() -> None:
    ms = mentions_of("보조금은 앱솔릭스가 미국 조지아주 코빙턴시에 약 3억달러를 투자해 완공한 양산 공장에 지급된다.",
                     published="2024-05-24")
    assert [(m.amount, m.kind) for m in ms] == [(300_000_000, "capex")]


@pytest.mark.parametrize("sentence", [
    "현대차그룹 협력업체들도 이 프로젝트와 관련해 약 10억달러를 별도로 투자할 예정이다.",
    "현대차, 조지아에 전기차 공장…협력사도 10억달러 추가 투자",
])
def test_suppliers_spending_is_none_of_the_named_companys(sentence: str) -> None:
    ms = mentions_of("현대자동차그룹이 미국 조지아주에 55억달러를 들여 전기차 공장을 짓는다.", sentence,
                     title="현대차그룹, 조지아 전기차 공장에 55억달러", published="2022-05-20")
    assert [(m.company, m.amount) for m in ms if m.amount == 1_000_000_000] == [(None, 1_000_000_000)]


def test_a_total_to_date_after_one_years_figure_has_no_period_of_its_own() -> None:
    ms = mentions_of('마틴 총리는 "인텔은 2019년 50억유로 투자를 비롯해 지금까지 아일랜드에 '
                     '모두 300억유로를 쏟아부었다"고 말했다.', published="2022-03-16")
    assert [(m.amount, m.period) for m in ms] == [(5_000_000_000, "2019"), (30_000_000_000, None)]


@pytest.mark.parametrize("city", ["더블린", "쑤저우", "프랑크푸르트"])
def test_a_foreign_city_with_a_possessive_is_no_company(city: str) -> None:
    ms = mentions_of("SK팜테코는 세종 공장 증설을 마쳤다.",
                     f"앞서 {city}의 캠퍼스에도 3500만달러를 투자해 생산능력을 늘리는 증설을 결정했다.",
                     published="2024-05-01")
    assert [(m.company, m.amount) for m in ms] == [("SK pharmteco", 35_000_000)]


def test_assets_acquired_with_finance_leases_are_spending() -> None:
    ms = mentions_of("MS는 2025 회계연도 1분기(지난해 7~9월)에 자본지출과 금융리스로 취득한 자산 규모가 "
                     "200억달러라고 보고했으며, 이 가운데 149억달러가 부동산과 장비에 쓰였다.", published="2025-01-06")
    assert [(m.amount, m.kind) for m in ms] == [(20_000_000_000, "capex"), (14_900_000_000, "capex")]


def test_a_change_from_a_compared_figure_is_of_the_story_not_of_the_compared_year() -> None:
    ms = mentions_of("SK텔레콤·KT·LG유플러스의 지난해 CAPEX는 6조6107억원이다. 2019년 8조7793억원과 비교하면 "
                     "2조1686억원 감소했다.", "회사별로는 SK텔레콤이 2조3900억원으로 가장 많았다.",
                     published="2025-03-25")
    assert [(m.amount, m.period) for m in ms] == [
        (66107 * EOK, "2024"), (87793 * EOK, "2019"), (21686 * EOK, "2024"), (23900 * EOK, "2024")]


def test_the_value_a_change_starts_from_is_of_the_storys_kind() -> None:
    ms = mentions_of("SK텔레콤·KT·LG유플러스의 지난해 CAPEX 합계는 6조6107억원이다.",
                     "1년 전과 비교하면 3사 모두 투자를 줄였다. SK텔레콤은 2023년 2조7400억원에서 12.8% 감소했고, "
                     "KT는 2조4116억원에서 4.6% 줄었다.", published="2025-03-25")
    assert [(m.company, m.amount, m.kind) for m in ms][1:] == [
        ("SK Telecom", 27400 * EOK, "capex"), ("KT", 24116 * EOK, "capex")]


def test_money_for_buying_other_companies_securities_is_a_stake() -> None:
    ms = mentions_of("한화에어로스페이스의 증권신고서에 따르면 전체 자금 가운데 1조2000억원은 시설자금, "
                     "나머지 2조4000억원은 타법인 증권 취득 자금으로 쓰인다.", published="2025-03-20")
    assert [(m.amount, m.kind) for m in ms] == [(12000 * EOK, "capex"), (24000 * EOK, "equity_investment")]


@pytest.mark.parametrize(("marked", "sentence", "company"), [
    ("박동식 사천시장, ㈜태왕디엔디 관계자 등이 참석했다.",
     "협약에 따라 태왕디엔디는 2028년까지 부지에 모두 1조5000억원을 들여 대규모 데이터센터를 건립한다.", "태왕디엔디"),
    ("전북도는 ㈜에코앤드림이 새만금에 공장을 짓는다고 밝혔다.",
     "에코앤드림은 1800억원을 들여 전구체 공장을 건립한다.", "에코앤드림"),
])
def test_a_name_marked_as_a_company_is_that_company_when_written_again(marked: str, sentence: str,
                                                                       company: str) -> None:
    ms = mentions_of(marked, sentence, published="2025-04-10")
    assert [m.company for m in ms if m.kind == "capex"] == [company]


def test_the_company_marked_after_its_name_signs_the_investment_agreement() -> None:
    ms = mentions_of("세종시는 25일 오케스트로클라우드㈜(대표 박소아)와 7000억원 규모의 데이터센터 건립을 위한 "
                     "투자협약(MOU)을 맺었다고 밝혔다.", published="2025-03-25")
    assert [(m.company, m.amount) for m in ms] == [("오케스트로클라우드", 7000 * EOK)]


def test_a_known_companys_korean_unit_is_that_company() -> None:
    ms = mentions_of("협약에 따라 에어프로덕츠코리아는 2022년 말까지 1억5000만달러(약 1700억원)를 투자한다.",
                     title="에어프로덕츠, 용인에 1700억 투자…반도체용 산업가스 공장 신·증설", published="2021-04-27")
    assert [(m.company, m.amount, m.currency) for m in ms] == [("Air Products", 150_000_000, "USD")]


def test_a_production_capacity_counted_in_won_is_no_spending() -> None:
    ms = mentions_of("한미반도체는 6개 공장에서 금액 기준 1조원 규모의 생산능력을 확보하게 됐다.",
                     "회사는 2025년까지 6000억원을 투자해 연산 7만톤 규모의 생산능력을 갖춘다.", published="2024-04-21")
    assert [(m.amount, m.kind) for m in ms] == [(1 * JO, "other"), (6000 * EOK, "capex")]


def test_a_lead_rounding_a_conversion_states_the_body_figure_again() -> None:
    ms = mentions_of("이사회서 5조1175억원 투자 결의…생산규모 60GWh→129GWh로 두 배 이상",
                     "SK이노베이션이 미국 포드와 세운 배터리 합작법인 '블루오벌SK(BlueOvalSK)'에 5조원이 넘는 돈을 "
                     "쏟아붓는다.", "SK이노베이션은 블루오벌SK 설립과 미국 내 배터리 신규 공장 투자를 위해 "
                     "44억5000만달러(약 5조1175억원)를 투자한다고 28일 공시했다.",
                     title="SK이노베이션, 포드 합작 '블루오벌SK'에 44억5000만달러 투입", published="2021-09-28")
    assert [(m.amount, m.currency) for m in ms] == [(4_450_000_000, "USD")]


def test_what_a_company_will_supply_is_its_order_not_its_spending() -> None:
    ms = mentions_of("LS일렉트릭이 미국 빅테크 기업의 데이터센터 프로젝트에 1600억원대 전력 솔루션을 공급한다.",
                     published="2025-03-18")
    assert [(m.amount, m.kind) for m in ms] == [(1600 * EOK, "other")]


def test_building_for_a_price_is_a_contractors_order() -> None:
    ms = mentions_of("현대엔지니어링은 에틸렌과 프로필렌을 생산하는 단지의 핵심 설비를 7억5700만달러에 건설한다.",
                     published="2022-01-09")
    assert [(m.amount, m.kind) for m in ms] == [(757_000_000, "other")]


def test_a_headline_about_a_stake_makes_the_rounds_figures_stakes() -> None:
    ms = mentions_of("투자액은 비공개…람다 최근 3억2000만달러 유치에 합류",
                     "이렇게 확보한 GPU를 바탕으로 람다는 최근 3억2000만달러 규모의 투자를 유치했는데, "
                     "SK텔레콤이 이 투자에 합류한 것이다.",
                     title="SKT, 美 GPU 클라우드 '람다'에 지분 투자…AI 데이터센터 사업 본격화", published="2024-02-21")
    assert [(m.amount, m.kind) for m in ms] == [(320_000_000, "equity_investment")]


def test_industries_listed_with_their_money_are_no_companies() -> None:
    ms = mentions_of("정부가 150조원 규모 국민성장펀드를 내년에 30조원 이상 운용한다.",
                     "내년 산업별 투자 규모는 AI 6조원, 반도체 4조2000억원, 미래차·모빌리티 3조1000억원 등이다.",
                     published="2025-12-16")
    assert [m.company for m in ms] == [None] * len(ms) and len(ms) == 5


def test_a_price_a_company_is_bought_for_is_a_stake() -> None:
    ms = mentions_of("소프트뱅크는 올해 서버용 반도체 설계업체 앰페어 컴퓨팅을 65억달러에 인수하기로 했다.",
                     published="2025-10-08")
    assert [(m.amount, m.kind) for m in ms] == [(6_500_000_000, "equity_investment")]


def test_the_size_of_an_industry_a_company_enters_is_no_spending() -> None:
    ms = mentions_of("소프트뱅크는 로봇 공장 증설에 10억달러를 투자한다. 애널리스트는 “소프트뱅크가 이번 계약으로 "
                     "연 8%씩 성장하는 750억달러(약 107조원) 규모 로봇 산업에 진입하게 됐다”고 평가했다.",
                     published="2025-10-08")
    assert [(m.amount, m.kind) for m in ms] == [(1_000_000_000, "capex"), (75_000_000_000, "other")]


@pytest.mark.parametrize(("sentence", "kind"), [
    ("오픈AI는 지난 9월 오라클과 3000억달러 규모 계약을 맺었다.", "other"),
    ("MS·오라클·AWS 약정만 합쳐도 6000억달러가 넘는다.", "other"),
    ("xAI는 델과 50억달러 규모의 그래픽처리장치(GPU) 서버 구매 계약을 맺었다.", "capex"),
])
def test_contracts_and_commitments_are_no_spending_unless_they_buy_equipment(sentence: str, kind: str) -> None:
    ms = mentions_of("오픈AI는 데이터센터 구축에 1조달러 이상을 쏟겠다고 밝혔다.", sentence, published="2025-11-04")
    assert [m.kind for m in ms][1:] == [kind]


def test_compensation_is_no_spending() -> None:
    ms = mentions_of("SK텔레콤은 향후 5년간 정보보호 분야에 7000억원을 투입한다.",
                     "고객 보상에는 5000억원이 쓰인다.", published="2025-07-04")
    assert [(m.amount, m.kind) for m in ms] == [(7000 * EOK, "capex"), (5000 * EOK, "other")]


def test_a_capex_cost_compared_with_the_year_before_is_capex_both_years() -> None:
    ms = mentions_of("네이버의 2023년 시설투자 비용은 6923억원으로, 전년(7562억원)보다 8.5% 감소했다.",
                     published="2024-04-11")
    assert [(m.amount, m.kind, m.period) for m in ms] == [
        (6923 * EOK, "capex", "2023"), (7562 * EOK, "capex", "2022")]


@pytest.mark.parametrize(("written", "company"), [
    ("한국조선해양", "Korea Shipbuilding & Offshore Engineering"),
    ("HD한국조선해양", "HD Korea Shipbuilding & Offshore Engineering"),
])
def test_a_company_renamed_with_a_new_english_name_keeps_the_name_it_had(written: str, company: str) -> None:
    ms = mentions_of(f"{written}은 올해 시설투자에 3026억원을 집행했다.", published="2022-08-20")
    assert [m.company for m in ms] == [company]


def test_this_year_and_next_is_both_years() -> None:
    ms = mentions_of("LG는 올해·내년 1조원을 투자한다. SKC는 올해와 내년 두 해에 걸쳐 2조원을 쏟아붓는다.",
                     published="2022-11-10")
    assert [m.period for m in ms] == ["2022-2023", "2022-2023"]


def test_a_figure_before_a_headlines_next_segment_takes_no_kind_from_it() -> None:
    ms = mentions_of("SKC는 동박과 유리기판 공장을 짓는다.",
                     title='SKC "올해·내년 동박·반도체 기판에 2조2000억 투자"…3분기 영업익 70% 급감',
                     published="2022-11-10")
    assert [(m.amount, m.kind) for m in ms] == [(22000 * EOK, "capex")]


def test_a_sentence_opening_with_the_figure_in_won_restates_it() -> None:
    ms = mentions_of("릴라이언스인더스트리가 향후 7년간 AI 인프라에 약 10조루피(약 1100억달러)를 쏟아붓는다. "
                     "한화로 약 150조원에 이르는 규모다.", published="2026-02-20")
    assert [(m.amount, m.currency) for m in ms] == [(10 * JO, "INR")]
    assert [(c.amount, c.currency) for c in ms[0].conversions] == [(1100 * EOK, "USD"), (150 * JO, "KRW")]


def test_a_sentence_opening_with_the_figure_in_dollars_restates_it() -> None:
    ms = mentions_of("케이피항공산업은 다낭하이테크파크에 4800억동(약 260억원)을 들여 공장을 건설한다. "
                     "달러로는 약 1960만달러다.", published="2024-01-15")
    assert [(m.amount, m.currency) for m in ms] == [(4800 * EOK, "VND")]
    assert [(c.amount, c.currency) for c in ms[0].conversions] == [(260 * EOK, "KRW"), (1960 * 10**4, "USD")]


@pytest.mark.parametrize("union", ["EU는", "유럽연합은"])
def test_the_european_unions_money_is_public_money_not_the_companys_named_before(union: str) -> None:
    ms = mentions_of("도이체텔레콤은 뮌헨에 약 10억유로를 들여 AI 데이터센터를 구축한다.",
                     f"{union} 앞서 AI 인프라 확충에 2000억유로를 동원하겠다고 밝혔다.")
    assert [(m.company, m.amount, m.kind) for m in ms] == [("Deutsche Telekom", 10 * EOK, "capex"),
                                                           (None, 2000 * EOK, "budget")]


@pytest.mark.parametrize("bracket", ["전년(약 73억달러)", "전년(73억달러)"])
def test_a_figure_bracketed_after_the_year_before_is_of_the_year_before(bracket: str) -> None:
    ms = mentions_of(f"SMIC의 2025년 자본지출은 81억달러로 {bracket}보다 약 10% 늘었다.", published="2026-02-11")
    assert [(m.amount, m.period) for m in ms] == [(81 * EOK, "2025"), (73 * EOK, "2024")]


def test_net_profit_written_short_is_profit() -> None:
    ms = mentions_of("차이나모바일, 작년 순익 1383억위안 '사상 최대'", published="2025-03-21")
    assert [(m.amount, m.kind) for m in ms] == [(1383 * EOK, "profit")]


def test_in_an_article_about_an_acquisition_talk_the_investment_figures_are_stakes() -> None:
    ms = mentions_of("싱텔 주가는 이날 장중 5.1%까지 오르며 1993년 이후 최고 수준을 기록했다.",
                     "KKR이 주도하고 싱텔이 참여한 컨소시엄은 지난해 6월 STT GDC에 최초 17억5000만싱가포르달러를 "
                     "투자하기로 했다.", "투자 규모는 최대 30억싱가포르달러까지 늘어날 수 있는 구조였다.",
                     title="싱텔, KKR과 STT GDC 인수 막바지 협상", published="2025-11-07")
    assert [(m.amount, m.kind) for m in ms] == [(1_750_000_000, "equity_investment"),
                                                (3_000_000_000, "equity_investment")]


def test_a_company_named_after_the_figure_only_to_describe_it_does_not_take_it() -> None:
    ms = mentions_of("엔켐은 2019년 미국 법인을 세운 뒤 이듬해 조지아주에 첫 공장을 지었다.",
                     "당시 투자액은 6135만달러(약 715억원)로, SK이노베이션(현 SK온) 협력사 가운데 처음으로 "
                     "조지아에 진출한 사례였다.", published="2023-06-30")
    assert [(m.company, m.amount) for m in ms] == [("Enchem", 61_350_000)]


def test_in_a_stake_article_a_plant_named_nearer_than_the_investment_word_is_capex() -> None:
    ms = mentions_of("올해 투자 3조원 중 지분투자에 상반기 9000억원이 들어갔다.",
                     "공장 신·증설 같은 신규 투자는 상반기 1000억원, 하반기 5500억원 규모다.",
                     title="롯데케미칼, 하반기 지분투자 2조 집행", published="2022-08-05")
    assert [(m.amount, m.kind) for m in ms if m.amount in (1000 * EOK, 5500 * EOK)] == [
        (1000 * EOK, "capex"), (5500 * EOK, "capex")]


def test_assets_under_management_are_no_spending() -> None:
    ms = mentions_of("디지털브리지는 디지털 인프라 자산에 투자해 온 운용사로, 운용자산(AUM)이 약 1080억달러에 이른다.")
    assert [(m.amount, m.kind) for m in ms] == [(1080 * EOK, "other")]


def test_the_owner_of_what_is_bought_sells_it_and_the_story_company_spends() -> None:
    ms = mentions_of("후지필름은 미국에 20억달러를 들여 바이오 공장을 짓는다.",
                     "2019년 1월 모리스빌 공장 확장에 약 9000만달러를 투입했고, 같은 해 8월에는 바이오젠의 덴마크 "
                     "생산공장을 8억9000만달러에 인수했다.",
                     "배지 사업을 강화하기 위해 JXTG홀딩스 계열 배지 업체 두 곳을 약 8억달러에 사들이기도 했다.",
                     published="2021-03-22")
    assert [(m.company, m.amount) for m in ms] == [
        ("Fujifilm", 20 * EOK), ("Fujifilm", 9000 * 10**4), ("Fujifilm", 89 * 10**7), ("Fujifilm", 8 * EOK)]


@pytest.mark.parametrize("sentence", [
    "현재 약 2600억원 규모인 초고압 변압기 생산능력은 2026년에는 4330억원까지 확대될 전망이다.",
    "부산사업장 변압기 캐파는 2026년부터 총 5000억원 규모로 늘어난다.",
])
def test_a_capacity_counted_in_won_is_no_spending(sentence: str) -> None:
    ms = mentions_of("일진전기는 홍성공장에 682억원을 투입해 신공장을 지었다.", sentence, published="2024-05-20")
    assert [m.kind for m in ms][0] == "capex" and {m.kind for m in ms[1:]} == {"other"}


def test_money_that_went_into_a_facility_is_spent_on_it() -> None:
    ms = mentions_of("HD현대일렉트릭은 울산에 철심 공장을 지었다.",
                     "약 183억원이 들어간 이 시설 덕분에 조립장을 생산 공간으로 돌릴 수 있게 됐다.")
    assert [(m.amount, m.kind) for m in ms] == [(183 * EOK, "capex")]


@pytest.mark.parametrize("lead_figure", ["21조원", "3조원 가까운 돈"])
def test_a_headline_cuts_the_bodys_conversion_at_its_last_digit(lead_figure: str) -> None:
    body = "21억5000만달러(약 21조5280억원)" if lead_figure == "21조원" else "20억달러(약 2조8000억원)"
    ms = mentions_of("구글이 인도에 대규모 AI 허브를 짓는다.", f"구글은 이 허브에 {body}를 투자한다.",
                     title=f"구글, 인도에 {lead_figure} 투입",
                     published="2025-10-15")
    assert [m.currency for m in ms] == ["USD"]


@pytest.mark.parametrize(("sentence", "kind"), [
    ("델은 2026회계연도 3분기에 123억달러 규모의 AI 서버 주문을 새로 받았다.", "other"),  # a maker's orders
    ("델의 AI 서버 주문 잔고는 사상 최대인 184억달러로 불어났다.", "other"),  # its backlog
    ("델은 연간 AI 서버 출하 전망을 250억달러로 높였다.", "other"),  # its shipments
    ("KB증권이 세운 SPC가 1000억원을 앵커 대주로 넣었다.", "other"),  # a lender's tranche
    ("엣지코어 데이터센터 개발사업은 지난달 약 2000억원 규모의 본PF로 전환됐다.", "other"),  # a loan
    ("디지털브릿지는 약 1080억달러의 자산을 운용한다.", "other"),  # assets managed
    ("하남 데이터센터는 지난해 맥쿼리인프라에 7340억원에 팔렸다.", "equity_investment"),  # a sale
    ("NTT 데이터센터 리츠는 공모로 7억7300만달러를 조달했다.", "equity_investment"),  # an offering
    ("디지털엣지는 16억달러가 넘는 성장 자금을 확보했다.", "equity_investment"),
    ("스톤피크와 공동 투자자는 모두 10억달러의 자본 투입을 약정했다.", "equity_investment"),
    ("넥스트DC는 기초 EBITDA로 2억3500만호주달러를 예상했다.", "profit"),
])
def test_orders_loans_sales_offerings_and_ebitda_are_no_spending(sentence: str, kind: str) -> None:
    assert [m.kind for m in mentions_of(sentence, published="2025-08-10")] == [kind]


def test_ebitda_is_no_company() -> None:
    ms = mentions_of("넥스트DC는 설비투자 가이던스를 18억호주달러로 제시했다.",
                     "기초 EBITDA는 2억3500만호주달러를 예상했다.", published="2025-08-27")
    assert [m.company for m in ms] == ["NextDC", "NextDC"]


def test_a_company_named_inside_the_story_companys_sentence_does_not_take_its_results() -> None:
    ms = mentions_of("LG유플러스는 3분기 영업이익 1617억원을 기록했다고 5일 밝혔다.",
                     "회사는 코람코자산운용이 부산에 짓는 데이터센터의 운영을 맡는 등 DBO 사업을 넓히고 있다.",
                     "설비투자(CAPEX)는 4381억원으로 2.2% 줄었다.", published="2025-11-05")
    assert [(m.company, m.amount, m.period) for m in ms if m.kind == "capex"] == [
        ("LG Uplus", 4381 * EOK, "2025Q3")]


def test_money_of_a_supplementary_budget_is_the_governments_whoever_was_named_before() -> None:
    ms = mentions_of("쿠팡과 NHN클라우드 등 3개 사업자가 선정됐다.",
                     "올해 1차 추경으로 확보한 1조4590억원이 투입되는 사업이다.", published="2025-08-01")
    assert [(m.company, m.amount, m.kind) for m in ms] == [(None, 14590 * EOK, "budget")]


@pytest.mark.parametrize(("sentence", "kind"), [
    ("경기도의 변압기 수출액은 2021년 1억1000만달러에서 지난해 16억1000만달러로 늘었다.", "other"),
    ("SK㈜ 이사회는 판교 데이터센터를 SK브로드밴드에 약 5000억원에 넘기는 안을 의결했다.", "equity_investment"),
])
def test_exports_and_a_site_handed_over_for_a_price_are_no_spending(sentence: str, kind: str) -> None:
    assert {m.kind for m in mentions_of(sentence, published="2025-04-15")} == {kind}


def test_a_name_glossed_by_a_known_one_is_the_known_company_throughout_the_article() -> None:
    ms = mentions_of("대만 업체 파워칩세미컨덕터매뉴팩처링(PSMC)이 약 11조원을 들여 새 공장을 짓는다.",
                     "파워칩세미컨덕터매뉴팩처링의 총투자액은 2780억대만달러다.", published="2021-03-25")
    assert {m.company for m in ms} == {"PSMC"}
    late = mentions_of("이퀴닉스의 신규 capex는 8.9억 달러였다.",
                       "글로벌 데이터센터 기업 이퀴닉스(Equinix)가 시장을 선점했다.")
    assert [m.company for m in late] == ["Equinix"]


def test_a_business_round_table_is_no_funding_round() -> None:
    ms = mentions_of('윅스 회장은 한미 비즈니스 라운드테이블에서 "앞으로 5년간 15억달러를 투자할 것"이라고 밝혔다.',
                     title="코닝, 아산에 5년간 2조 투자", published="2023-04-26")
    assert {m.kind for m in ms} == {"capex"}


def test_a_project_named_with_a_code_is_no_company() -> None:
    ms = mentions_of("TCL CSOT가 우한에 LTPS 공장을 짓는다.", "T5 프로젝트는 총 150억위안이 투입된다.",
                     published="2021-01-20")
    assert [m.company for m in ms] == [None]  # the project's own money: no company named for it


def test_affiliates_plan_in_a_parents_report_is_the_parents_figure() -> None:
    ms = mentions_of("18일 HD한국조선해양의 1분기 보고서에 따르면 자회사인 HD현대중공업·HD현대미포·HD현대삼호는 "
                     "올해 생산설비 투자에 1조515억원을 쓸 계획이다.", published="2025-05-18")
    assert [(m.company, m.amount, m.period) for m in ms] == [
        ("HD Korea Shipbuilding & Offshore Engineering", 10515 * EOK, "2025")]


def test_a_part_takes_the_kind_of_what_it_is_used_for() -> None:
    ms = mentions_of("현대차그룹은 2026년까지 국내에 68조원을 투자한다.",
                     "이 중 31조1000억원은 연구개발(R&D)에 쓰인다.", published="2024-05-20")
    assert [(m.amount, m.kind) for m in ms] == [(68 * JO, "capex"), (311_000 * EOK, "other")]


def test_a_profit_the_plants_will_bring_is_no_spending() -> None:
    ms = mentions_of("회사는 두 설비가 정상 가동되면 연간 8000억원가량의 이익이 새로 생길 것으로 보고 있다.",
                     published="2018-07-26")
    assert [m.kind for m in ms] == ["profit"]


def test_a_headline_naming_its_company_first_owns_the_figure_the_body_states_without_one() -> None:
    ms = mentions_of("국내 민간 우주발사체 기업 이노스페이스가 전남 고흥에 발사체 시험 인프라를 갖췄다. 지난해 "
                     "한화에어로스페이스가 인근 순천에 발사체 조립장을 착공한 데 이어 민간 기업들이 잇따라 "
                     "둥지를 틀고 있다.",
                     "전남도는 종합시험장이 준공돼 운영에 들어갔다고 23일 밝혔다.",
                     "시험장에는 민간 자본 253억원이 투입됐다.",
                     title="이노스페이스, 고흥에 253억 들인 민간 발사체 종합시험장 준공", published="2025-05-23")
    assert [(m.company, m.amount, m.kind) for m in ms] == [("이노스페이스", 253 * EOK, "capex")]


@pytest.mark.parametrize(("title", "body", "expected"), [
    ("엘앤에프, 대구에 2.5조 쏟아 신공장", "엘앤에프가 2조5500억원을 투입해 대구에 신공장을 짓는다.",
     [("L&F", 25500 * EOK, None)]),
    ("쿠팡, 3조 쏟아 2027년 '전국 쿠세권'", "쿠팡은 올해부터 2026년까지 물류센터 확장에 3조원 이상을 투자한다.",
     [("Coupang", 3 * JO, "2024-2026")]),
])
def test_a_headline_cut_or_aimed_past_the_bodys_figure_is_that_figure(title: str, body: str, expected: list) -> None:
    ms = mentions_of(body, title=title, published="2024-03-27")
    assert [(m.company, m.amount, m.period) for m in ms] == expected


@pytest.mark.parametrize(("deck", "amount"), [
    ("생산·포장·물류 원스톱 기지…국내 생산능력 최대 2조3000억원으로", 23000 * EOK),
    ("\"글로벌 전력 변압기 시장 2032년 376억달러로 커진다\"", 376 * EOK),
])
def test_a_decks_capacity_or_market_size_is_no_spending(deck: str, amount: int) -> None:
    ms = mentions_of(deck, "오리온은 진천통합센터에 2027년까지 4600억원을 투입한다.",
                     title="오리온, 4600억 투입 '진천통합센터' 착공", published="2025-07-01")
    assert [(m.amount, m.kind) for m in ms if m.amount == amount] == [(amount, "other")]


def test_a_unit_its_parent_reports_on_spends_the_figure_that_follows() -> None:
    ms = mentions_of("세아베스틸지주가 항공·방산 소재로 사업 전환에 속도를 낸다.",
                     "세아베스틸지주는 자회사 세아항공방산소재가 경남 창녕군에 알루미늄 소재 공장을 신설한다고 28일 "
                     "밝혔다. 총 투자액은 588억원이다.", published="2025-10-28")
    assert [(m.company_ko, m.amount) for m in ms] == [("세아항공방산소재", 588 * EOK)]


def test_a_unit_named_in_passing_does_not_take_the_parents_plan() -> None:
    ms = mentions_of("코오롱인더스트리는 4분기 영업이익이 줄었다고 밝혔다. 자회사 코오롱머티리얼이 원단 사업을 "
                     "접으면서 손실이 났다.",
                     "회사는 올해 설비투자를 약 3500억원으로 늘려 잡았다. 경상투자 700억원을 제외하면 타이어코드 "
                     "증설에 1000억원이 들어간다.", published="2022-02-08")
    assert {m.company for m in ms if m.kind == "capex"} == {"Kolon Industries"}


def test_a_headline_governments_aid_is_public_money_and_aid_is_no_company() -> None:
    ms = mentions_of("독일 정부 1조3000억원 지원 승인…하이데 공장 45억유로 투입",
                     "스웨덴 노스볼트가 독일 하이데에 배터리 공장을 짓는다.",
                     "지원은 7억유로의 직접 보조금과 2억200만유로의 보증으로 구성된다.",
                     title="노스볼트, 美 대신 독일에 배터리 공장", published="2024-01-09")
    assert [(m.company, m.amount, m.kind) for m in ms] == [
        (None, 13000 * EOK, "budget"), ("Northvolt", 45 * EOK, "capex"), (None, 7 * EOK, "budget"),
        (None, 20200 * 10**4, "budget")]


@pytest.mark.parametrize("start", ["생산을 시작할", "생산을 개시할"])
def test_production_starting_in_the_next_sentence_ends_the_plans_span(start: str) -> None:
    ms = mentions_of("말레이시아 공장 증설에 1584억원을 투자한다고 공시했다.",
                     f"증설 라인은 2018년 하반기 {start} 계획이다.", published="2017-03-10")
    assert [(m.amount, m.period) for m in ms] == [(1584 * EOK, "2017-2018")]


def test_a_countrys_procurement_plan_is_public_money_and_an_export_deal_no_spending() -> None:
    ms = mentions_of("루마니아는 2032년까지 399억달러를 들여 무기 체계를 도입한다는 계획이다.",
                     "한화에어로스페이스는 지난해 호주 육군에 129대, 24억달러 규모로 수출한 레드백 장갑차를 앞세워 "
                     "보병전투장갑차 사업에도 도전할 계획이다.", published="2024-07-10")
    assert [(m.company, m.amount, m.kind) for m in ms] == [(None, 399 * EOK, "budget"),
                                                           ("Hanwha Aerospace", 24 * EOK, "other")]


@pytest.mark.parametrize(("sentence", "kind"), [
    ("앰코는 올해 자본지출 예산으로 약 8억5000만달러를 책정했다.", "capex"),
    ("넷플릭스가 올해 한국 콘텐츠 제작에 5500억원을 투자한다.", "other"),
    ("넷플릭스는 2015년 이후 한국 콘텐츠에 약 7700억원을 투자했다.", "other"),
    ("넷플릭스는 콘텐츠 생산기지 확보를 위해 파주 스튜디오에 300억원을 들였다.", "capex"),
])
def test_a_capex_budget_is_capex_and_content_spending_is_not(sentence: str, kind: str) -> None:
    assert [m.kind for m in mentions_of(sentence, published="2025-04-29")] == [kind]


def test_money_of_many_firms_counted_is_no_one_companys() -> None:
    ms = mentions_of("웨이퍼웍스는 약 173억 대만달러를 투자해 얼린단지에 신공장을 짓는다.",
                     "지금까지 1454개 기업이 신청했고 투자 금액은 2조2000억 대만달러를 넘어섰다.",
                     published="2023-03-02")
    assert [(m.company, m.amount) for m in ms] == [("웨이퍼웍스", 173 * EOK), (None, 22000 * EOK)]


def test_the_total_of_many_firms_surveyed_is_no_one_companys() -> None:
    ms = mentions_of("천보는 상반기 2053억원을 투자했다.",
                     "CEO스코어가 중견기업 490곳의 상반기 설비투자를 집계한 결과 총액은 6조8258억원으로 나타났다.",
                     published="2023-08-23")
    assert [(m.company, m.amount) for m in ms] == [("Chunbo", 2053 * EOK), (None, 68258 * EOK)]


def test_a_fulfilment_centre_is_built_and_a_groups_name_before_its_affiliate_is_no_subject() -> None:
    ms = mentions_of("신세계그룹 이마트가 이베이코리아의 새 주인으로 확정됐다.",
                     "이마트는 이베이코리아 지분 80.01%를 3조4404억원에 인수한다.",
                     "딜에는 정용진 신세계그룹 부회장의 의지가 강하게 반영됐다.",
                     "회사는 향후 4년간 온라인 풀필먼트센터에 1조원 이상을 집중 투자하겠다고 밝혔다.",
                     title="정용진, 3.4조에 이베이 품었다…이마트 e커머스 2위", published="2021-06-24")
    assert [(m.company, m.amount, m.kind) for m in ms] == [("E-mart", 34404 * EOK, "equity_investment"),
                                                           ("E-mart", JO, "capex")]


@pytest.mark.parametrize("change", ["전년(1조3971억원)보다 86.7% 늘었다", "지난해보다 86.7% 늘었다",
                                    "전년 대비 86.7% 증가했다"])
def test_a_results_figure_compared_with_the_year_before_is_of_the_year_reported(change: str) -> None:
    ms = mentions_of("LG유플러스는 2019년 연결 기준 매출 12조3820억원을 기록했다고 7일 밝혔다.",
                     "이익 감소는 늘어난 투자와 마케팅 비용 탓이 컸다. 5G 네트워크 구축에 들어간 설비투자(CAPEX)는 "
                     f"2조6085억원으로 {change}.", published="2020-02-07")
    assert [(m.amount, m.period) for m in ms if m.kind == "capex"][:1] == [(26085 * EOK, "2019")]


def test_rivals_compared_in_passing_do_not_take_the_storys_later_figures() -> None:
    ms = mentions_of("LG유플러스는 파주 AI 데이터센터 신규 구축에 6156억원을 투자하기로 했다.",
                     "올해 1분기 LG유플러스의 유동비율은 106.97%였다. 같은 기간 KT는 110.08%, SK텔레콤은 87.91%였다.",
                     "유형자산과 무형자산 취득을 합친 자본적투자(CAPEX)는 올해 1분기 5899억원이었다. "
                     "잉여현금흐름(FCF)은 455억원으로 줄었다.", published="2025-07-01")
    assert [(m.company, m.amount, m.kind) for m in ms] == [
        ("LG Uplus", 6156 * EOK, "capex"), ("LG Uplus", 5899 * EOK, "capex"), ("LG Uplus", 455 * EOK, "other")]


def test_a_headlines_group_stands_for_the_affiliate_the_lead_names() -> None:
    ms = mentions_of("동원그룹의 포장재 계열사 동원시스템즈가 이차전지용 배터리 캔 신공장 건설에 들어갔다.",
                     "회사는 아산사업장에 약 585억원을 투자해 원통형 배터리 캔 생산설비를 들인다.",
                     "2020년에는 약 250억원을 들여 아산사업장에 알루미늄 양극박 생산라인을 증설했다.",
                     title="동원그룹, 아산에 585억 들여 배터리 캔 신공장", published="2022-07-01")
    assert [(m.company_ko, m.amount) for m in ms] == [("동원시스템즈", 585 * EOK), ("동원시스템즈", 250 * EOK)]


def test_a_headlines_group_with_no_affiliate_in_the_lead_is_the_groups() -> None:
    ms = mentions_of("SK그룹이 향후 5년간 국내에 247조원을 투자한다고 밝혔다.",
                     title="SK그룹, 5년간 247조 투자", published="2022-05-26")
    assert [(m.company, m.amount) for m in ms] == [("SK Group", 247 * JO)]


@pytest.mark.parametrize("product", ["FC-BGA", "LFP 양극재", "MLCC"])
def test_money_put_into_a_products_line_is_spending_not_a_stake(product: str) -> None:
    ms = mentions_of(f"대덕전자가 내년까지 {product}에 4000억원을 투입한다.",
                     title=f"대덕전자, 내년까지 {product}에 4000억 쏟는다", published="2021-10-11")
    assert [(m.amount, m.kind) for m in ms] == [(4000 * EOK, "capex")]


def test_a_headlines_venture_named_after_its_parent_is_the_articles_company() -> None:
    ms = mentions_of("농협경제지주 계열사인 남해화학이 세운 합작사 NES머티리얼즈가 반도체 소재 사업에 뛰어든다.",
                     "NES머티리얼즈는 전날 여수 국가산업단지에서 착공식을 열었다고 29일 밝혔다.",
                     "공장 건설에는 총 700억원이 투입된다.",
                     title="남해화학 합작사 NES머티리얼즈, 여수에 700억 반도체용 황산공장 착공", published="2022-04-29")
    assert [(m.company, m.amount) for m in ms] == [("NES머티리얼즈", 700 * EOK)]


def test_a_headlines_period_goes_to_the_bodys_figure_of_the_company_it_did_not_name() -> None:
    ms = mentions_of("가평군은 최근 데이터센터 사업자인 ㈜엔필드와 업무협약을 맺었다.",
                     "엔필드는 성주건설 등이 지분을 투자해 세운 특수목적법인이다. 사업비는 2100억원이 투입된다.",
                     title="가평에 초대형 데이터센터…2024년까지 2100억 투입", published="2021-09-27")
    assert [(m.company, m.amount, m.period) for m in ms] == [("엔필드", 2100 * EOK, "2021-2024")]


def test_a_figure_near_another_kinds_conversion_is_its_own() -> None:
    ms = mentions_of("쿠팡의 1분기 주식 보상 비용만 8700만달러(약 983억원) 수준인 것으로 알려졌다.",
                     "쿠팡은 청주와 완주 등에 신규 물류센터를 짓는 데 8000억원을 투자하겠다고 밝혔다. "
                     "이와 별도로 충북 제천에는 1000억원을 들여 첨단 물류센터를 세운다.", published="2021-05-13")
    assert [(m.amount, m.kind) for m in ms if m.kind == "capex"] == [(8000 * EOK, "capex"), (1000 * EOK, "capex")]


def test_a_decks_segment_figure_the_body_reports_as_revenue_is_revenue() -> None:
    ms = mentions_of("2~4월 매출 71억9000만달러 / 데이터센터 42억8000만달러로 사상 최대",
                     "엔비디아의 데이터센터 부문 매출은 전년 동기 대비 14% 늘어난 42억8000만달러로 집계됐다.",
                     title="엔비디아, AI 칩 수요 급증에 '깜짝 전망'", published="2023-05-25")
    assert [(m.amount, m.kind) for m in ms if m.amount == 4280 * 10**6] == [(4280 * 10**6, "revenue")]


def test_an_article_about_a_stake_taken_makes_its_investment_figures_stakes() -> None:
    ms = mentions_of("포스코홀딩스는 미네랄리소스의 중간지주사 지분 30%를 인수하기로 했다고 12일 밝혔다. "
                     "투자 금액은 7억6500만달러 규모다.",
                     title="포스코홀딩스, 호주 리튬광산 지분 30% 확보…7억6500만달러 투자", published="2025-11-12")
    assert [(m.amount, m.kind) for m in ms] == [(76500 * 10**4, "equity_investment")]


def test_in_an_article_about_public_money_a_sum_a_company_receives_is_a_grant() -> None:
    ms = mentions_of("정부는 반도체 보조금 지급 대상을 확정했다.",
                     "SK하이닉스는 인디애나주에 패키징 공장을 짓는 데 4억5000만달러를 받는다.",
                     title="美 정부, 반도체 보조금 최종 확정", published="2024-12-20")
    assert [(m.amount, m.kind) for m in ms] == [(45000 * 10**4, "budget")]


@pytest.mark.parametrize("sentence", [
    "이날 SKIET는 3000억원 규모의 제3자 배정 유상증자도 결정했다고 공시했다.",  # shares allotted to investors
    "캡스톤자산운용은 펀드 자금을 활용해 이 사업에 모두 1050억원을 투자하며 최대 주주에 올랐다.",
])
def test_money_for_shares_is_equity_not_an_allocation_or_spending(sentence: str) -> None:
    assert [m.kind for m in mentions_of(sentence)] == ["equity_investment"]


def test_grants_a_department_gives_are_budget_whatever_they_build() -> None:
    ms = mentions_of("미국 에너지부(DOE)는 25개 프로젝트에 30억달러를 지원한다고 밝혔다.",
                     "허니웰은 루이지애나에 전해질 염 공장을 짓는 데 1억2660만달러, 다우는 용매 생산에 1억달러를"
                     " 지원받는다.",
                     "탄산리튬을 생산하는 SWA리튬의 사업에는 2억2500만달러가 배정됐다.",
                     "배터리 재활용 시설을 짓는 ABTC에는 1억5000만달러가 돌아간다.",
                     title="美에너지부, 배터리 공급망 25개 사업에 30억달러 지원")
    assert [(m.amount, m.kind) for m in ms] == [(30 * EOK, "budget"), (126_600_000, "budget"), (EOK, "budget"),
                                               (225_000_000, "budget"), (150_000_000, "budget")]


def test_money_a_company_decides_to_spend_is_spending() -> None:
    ms = mentions_of("업계 1위 차이나모바일은 올해 5G에 1000억위안(약 17조4000억원)을 쓰기로 했다.",
                     published="2020-03-25")
    assert [(m.company, m.amount, m.period, m.kind) for m in ms] == [("China Mobile", 1000 * EOK, "2020", "capex")]


def test_a_research_firms_market_forecast_is_nobodys_spending() -> None:
    ms = mentions_of("엔비디아가 AI 칩 판매에 힘입어 깜짝 실적을 낸 가운데, 중국 AI 시장의 전망에도 눈길이 쏠린다.",
                     "시장조사기관 IDC는 지난해 세계 AI 투자는 1288억달러였다고 밝혔다.",
                     "중국의 AI 투자 규모는 연평균 25% 안팎 성장해 2027년 381억달러에 이를 것으로 예상됐다.",
                     title="IDC \"中 AI 투자, 5년간 두 배로\"", published="2023-08-24")
    assert [(m.company, m.kind) for m in ms if m.kind == "capex" or m.company] == []


@pytest.mark.parametrize("lead, company", [
    ("엔비디아가 깜짝 실적을 낸 가운데, 알리바바는 올해 AI 인프라에 500억위안을 투자한다.", "Alibaba"),
    ("알리바바가 올해 AI 인프라 투자를 크게 늘린다.", "Alibaba"),
])
def test_the_articles_company_is_not_the_leads_background_clauses(lead: str, company: str) -> None:
    ms = mentions_of(lead, "회사는 데이터센터 증설에 모두 300억위안을 쓴다고 밝혔다.",
                     title="中 빅테크, AI 인프라 확대")
    assert (ms[-1].company, ms[-1].amount) == (company, 300 * EOK)


def test_money_spent_in_a_results_article_is_of_the_quarter_it_reports() -> None:
    ms = mentions_of("HD현대일렉트릭의 1분기 설비투자는 211억9200만원으로 전년 동기(25억3200만원) 대비 737% 급증했다.",
                     "HD현대일렉트릭은 스마트팩토리 부지 매입에 144억원을 들였다.",
                     "효성중공업은 공장 신·증설에 18억2600만원을 집행해 전년 동기(12억100만원)보다 52% 늘렸다.",
                     "효성중공업은 2030년까지 창원 공장에 3000억원을 투자할 계획이다.", published="2024-05-20")
    assert [m.period for m in ms] == ["2024Q1", "2023Q1", "2024Q1", "2024Q1", "2023Q1", "2024-2030"]


def test_rivals_named_in_passing_leave_the_figure_to_the_company_before_them() -> None:
    ms = mentions_of("일본에서 데이터센터에 투자하는 리츠(부동산투자신탁)가 2026년 처음으로 운용에 들어간다.",
                     "NTT데이터그룹은 현재 세계 30여개 도시에서 120여개 데이터센터를 운영하고 있다. "
                     "미국 에퀴닉스, 디지털 리얼티 트러스트에 이어 세계 3위 규모다.",
                     "향후 5년간 데이터센터 신설에 1조5천억엔(약 13조원)을 쏟아부을 계획이다.",
                     title="日서 데이터센터 리츠 나온다", published="2024-06-25")
    assert [(m.company, m.amount) for m in ms] == [("NTT Data", 15000 * EOK)]


def test_the_next_figure_of_a_list_keeps_the_same_period_word() -> None:
    ms = mentions_of("LG유플러스의 1분기 CAPEX는 3880억원으로 3사 가운데 가장 많았다.",
                     "같은 기간 SK텔레콤은 1650억원, KT는 2894억원을 집행하는 데 그쳤다.", published="2021-05-12")
    assert [(m.company, m.period) for m in ms] == [("LG Uplus", "2021Q1"), ("SK Telecom", "2021Q1"), ("KT", "2021Q1")]


@pytest.mark.parametrize("before, period", [
    ("UMC는 올해 연간 투자 규모도 크게 늘렸다.", "2021"),
    ("투자는 올해부터 두 단계로 나눠 진행된다.", None),  # a start, no span
    ("UMC는 2019년 투자 규모를 크게 줄였다.", None),  # a story of before
])
def test_a_figure_after_a_sentence_about_the_spending_takes_its_period(before: str, period: str | None) -> None:
    ms = mentions_of(before, "지난달 28일 열린 이사회에서 설비 투자에 318억9500만 대만달러를 쓰기로 의결했다.",
                     published="2021-08-03")
    assert [(m.amount, m.period) for m in ms] == [(31_895_000_000, period)]


def test_two_periods_and_two_figures_each_in_turn() -> None:
    ms = mentions_of("한진은 2023년과 2024년에는 각각 1403억원과 1134억원을 투입한다.", published="2022-05-31")
    assert [(m.amount, m.period) for m in ms] == [(140_300_000_000, "2023"), (113_400_000_000, "2024")]


def test_a_place_named_before_a_quote_is_not_what_the_quote_invests_in() -> None:
    ms = mentions_of("순다르 피차이 구글 CEO는 회사 블로그에 올린 글에서 \"올해 130억달러를 투자해 미국 전역에"
                     " 사무실과 데이터센터를 세울 것\"이라고 밝혔다.", published="2019-02-14")
    assert [(m.company, m.amount, m.kind) for m in ms] == [("Alphabet", 130 * EOK, "capex")]


def test_a_difference_in_brackets_after_a_percentage_is_this_periods_and_breaks_no_story() -> None:
    ms = mentions_of("기아는 올해 국내 공장에 1조1854억원을 배정했다.",
                     "지난해 투자액 1조567억원보다 12.2%(1287억원) 늘었다.",
                     "해외에서는 인도 공장 2314억원, 미국 공장 1658억원이 각각 책정됐다.", published="2021-03-14")
    assert [(m.amount, m.period, m.kind) for m in ms] == [
        (1_185_400_000_000, "2021", "capex"), (1_056_700_000_000, "2020", "capex"), (128_700_000_000, "2021", "capex"),
        (231_400_000_000, "2021", "capex"), (165_800_000_000, "2021", "capex")]


@pytest.mark.parametrize("sentence, period", [
    ("롯데케미칼이 올해 시설투자(CAPEX)를 지난해와 비슷한 1조5000억원 안팎으로 유지하겠다고 밝혔다.", "2020"),
    ("회사는 \"2021년 캐펙스도 내년과 비슷하게 1조원을 넘는 수준으로 계획하고 있다\"고 말했다.", "2021"),
])
def test_a_year_the_figure_is_likened_to_is_not_its_period(sentence: str, period: str) -> None:
    assert [m.period for m in mentions_of(sentence, published="2020-05-08")] == [period]


def test_a_company_cited_as_the_source_is_not_what_the_figure_invests_in() -> None:
    ms = mentions_of("22일 LG전자에 따르면 올해 시설 등 투자 계획은 3조3729억원이다.", published="2021-03-22")
    assert [(m.amount, m.kind) for m in ms] == [(3_372_900_000_000, "capex")]


def test_a_grant_agreement_in_a_deck_and_a_countrys_investment_totals_are_no_companys_spending() -> None:
    ms = mentions_of("2023~2024년 7616만 즈워티 지원 협약…브로츠와프 증설에 31억유로 투입",
                     "지난해 동나이성에 유입된 한국 투자는 40개 프로젝트, 2억3420만달러로 투자국 가운데 1위였다.",
                     "빈즈엉성에서도 한국인 투자액이 3억200만달러를 넘어섰다.",
                     title="LG에너지솔루션, 폴란드서 보조금 추가 확보", published="2022-02-04")
    assert [(m.amount, m.kind) for m in ms if m.kind == "capex"] == [(31 * EOK, "capex")]


def test_a_breakdown_by_company_continues_the_story_and_an_industry_is_no_one_company() -> None:
    ms = mentions_of("국내 통신 3사가 올해 상반기 5G 망 등에 3조4400억원 규모의 설비투자를 집행했다.",
                     "연합회는 각 사의 실적 발표를 토대로 이같이 집계됐다고 밝혔다.",
                     "회사별로는 SK텔레콤이 1조4700억원으로 가장 많았고 LG유플러스 1조원, KT 9700억원 순이었다.",
                     "통신업계는 당초 올 상반기 2조7000억원을 투자할 계획이었다.", published="2020-08-07")
    assert [(m.company, m.period, m.kind) for m in ms][1:] == [
        ("SK Telecom", "2020H1", "capex"), ("LG Uplus", "2020H1", "capex"), ("KT", "2020H1", "capex"),
        (None, "2020H1", "capex")]


def test_years_of_spending_told_in_the_past_and_that_year() -> None:
    ms = mentions_of("통신 3사가 4년 동안 영업이익의 두 배가 넘는 30조원대 설비투자를 집행한 것으로 나타났다.",
                     "투자가 가장 몰린 해는 5G가 도입된 2019년이다.",
                     "그해 CAPEX는 SK텔레콤 2조9150억원, KT 3조2570억원이었다.", published="2023-02-23")
    assert [m.period for m in ms] == ["2019-2022", "2019", "2019"]


def test_a_guarantee_is_no_spending() -> None:
    ms = mentions_of("테라울프는 뉴욕 데이터센터 증설에 30억달러를 투자한다.",
                     "구글은 플루이드스택의 임차 의무에 대한 보증을 14억달러 늘리기로 했다.",
                     "이에 따라 구글의 보증 총액은 32억달러로 불어났다.", published="2025-08-15")
    assert [(m.amount, m.kind) for m in ms][1:] == [(14 * EOK, "other"), (32 * EOK, "other")]


def test_the_firms_of_an_agreement_take_the_span_the_agreement_gives_after_its_total() -> None:
    ms = mentions_of("국내 기업 14곳이 충남 6개 시군에 모두 5090억원을 투자해 생산시설을 짓거나 넓힌다.",
                     "충남도는 26일 도청에서 14개 기업 대표가 참석한 가운데 투자협약을 체결했다. "
                     "기업들은 2029년까지 산업단지 등 50만㎡ 부지에 생산시설을 신·증설하거나 이전한다.",
                     "자동차 부품업체 성창오토텍이 542억원을 들여 공장을 새로 짓는다.",
                     "건축자재 제조업체 경동원은 1914억원을 투입해 생산시설을 확장한다.", published="2026-02-26")
    assert [(m.amount, m.period) for m in ms] == [(5090 * EOK, "2026-2029"), (542 * EOK, "2026-2029"),
                                                  (1914 * EOK, "2026-2029")]


def test_a_spending_target_is_no_share_price_target_and_many_projects_are_no_one_companys() -> None:
    ms = mentions_of("DB하이텍은 지난해 설비투자에 3501억원을 투자했다.",
                     "2022년에는 목표가 773억원이었지만 실제로는 1933억원을 집행했다.",
                     "증권가는 DB하이텍 목표가를 6만원으로 올렸다.", published="2024-04-16")
    assert [(m.amount, m.kind) for m in ms] == [(3501 * EOK, "capex"), (773 * EOK, "capex"), (1933 * EOK, "capex"),
                                               (60_000, "other")]
    ms = mentions_of("마이크로소프트는 프랑스 데이터센터에 40억유로를 투입한다.",
                     "올해 행사를 통해 확정된 투자는 56개 프로젝트, 150억유로 규모다.",
                     "이미 지난해 행사의 전체 유치액인 130억유로를 넘어섰다.", published="2024-05-13")
    assert [(m.company, m.kind) for m in ms][1:2] == [(None, "capex")]  # 56 projects: unattributed
    assert ms[2].kind == "other"  # what an event attracted


def test_land_bought_and_a_companys_own_budget_are_spending() -> None:
    ms = mentions_of("AWS는 지난해 초 오하이오주 뉴올버니에서도 400에이커 부지를 1억1700만달러에 인수했다.",
                     "SK하이닉스는 내년까지 HBM 생산능력을 두 배 이상 늘린다. 관련 예산도 약 1조원 규모로 집행한다.",
                     "AWS는 데이터센터 업체 A사를 10억달러에 인수했다.", published="2024-01-11")
    assert [(m.company, m.amount, m.kind) for m in ms] == [
        ("Amazon", 117_000_000, "capex"), ("SK hynix", JO, "capex"), ("Amazon", 10 * EOK, "equity_investment")]


def test_the_name_a_headline_opens_with_is_the_articles_company_though_made_of_common_nouns() -> None:
    ms = mentions_of("동국산업이 원통형 배터리 소재인 니켈도금강판 공장을 완공했다.",
                     "회사는 1330억원을 투자해 연간 최대 13만t 규모의 생산능력을 갖췄다.",
                     title="동국산업, 1330억 들여 니켈도금강판 라인 준공…TCC스틸 독점 깨진다", published="2024-09-26")
    assert {(m.company, m.amount) for m in ms} == {("동국산업", 1330 * EOK)}


def test_figures_after_a_government_topic_are_no_companys_the_article_visits() -> None:
    ms = mentions_of("안 장관은 2일 LG전자 평택 칠러공장을 찾았다.",
                     "정부는 냉각시스템 수출 지원책도 내놨다. 연말까지 3500억원 규모의 수출보험을 공급한다. "
                     "이와 함께 핵심기술 확보에 1300억원, 실증에 180억원을 투입할 계획이다.",
                     title="안덕근 장관, LG전자 칠러공장 찾아", published="2024-12-02")
    assert [m.company for m in ms] == [None, None, None]


def test_the_budget_of_a_companys_capex_story_is_capex() -> None:
    ms = mentions_of("한국전력이 올해 전력설비에 7조4750억원을 투자한다.",
                     "배전 부문 예산을 사업별로 보면 배전계획사업 5106억원, 신규공급사업 1조5564억원이다.",
                     published="2021-02-03")
    assert [(m.company, m.amount, m.kind) for m in ms] == [
        ("KEPCO", 74750 * EOK, "capex"), ("KEPCO", 5106 * EOK, "capex"), ("KEPCO", 15564 * EOK, "capex")]


def test_a_government_budget_after_a_companys_capex_stays_a_budget() -> None:
    ms = mentions_of("한국전력이 올해 전력설비에 7조4750억원을 투자한다.",
                     "정부는 관련 예산 3000억원을 편성했다.", published="2021-02-03")
    assert [(m.amount, m.kind) for m in ms][1:] == [(3000 * EOK, "budget")]


def test_a_figure_then_the_same_time_a_year_ago_keeps_the_reported_quarter() -> None:
    ms = mentions_of("SK텔레콤은 올해 1분기 별도 기준 설비투자에 1340억원을 집행했다.",
                     "SK텔레콤의 연결 기준 CAPEX는 2120억원으로 지난해 같은 기간 2780억원보다 23.7% 감소했다.",
                     published="2023-05-17")
    assert [(m.amount, m.period) for m in ms] == [(1340 * EOK, "2023Q1"), (2120 * EOK, "2023Q1"),
                                                  (2780 * EOK, "2022Q1")]


def test_the_spending_metric_stated_in_a_results_article_is_the_reported_quarter() -> None:
    ms = mentions_of("3사의 1분기 별도 기준 CAPEX는 LG유플러스 5192억원, KT 3135억원으로 집계됐다.",
                     "KT의 연결 기준 CAPEX는 4662억원이다.", published="2023-05-17")
    assert [(m.company, m.amount, m.period) for m in ms] == [
        ("LG Uplus", 5192 * EOK, "2023Q1"), ("KT", 3135 * EOK, "2023Q1"), ("KT", 4662 * EOK, "2023Q1")]


def test_an_article_about_the_philippines_counts_in_philippine_pesos() -> None:
    (m,) = mentions_of("필리핀 통신사 PLDT가 카비테주에 100MW 규모 데이터센터를 짓는다.",
                       "PLDT는 이 데이터센터에 약 400억페소를 투자한다.", published="2025-05-20")
    assert (m.company, m.amount, m.currency) == ("PLDT", 400 * EOK, "PHP")


def test_a_price_per_unit_is_no_spending_but_a_rate_per_quarter_is() -> None:
    ms = mentions_of("NTT데이터그룹이 밀라노 데이터센터에 2000억엔을 투자한다.",
                     "유럽에서 데이터센터를 짓는 데는 전력 1MW당 약 1000만유로가 드는 것이 일반적이다.",
                     "오라클은 분기당 320억달러를 설비투자에 쓸 전망이다.", published="2025-10-14")
    assert [(m.amount, m.currency, m.kind) for m in ms] == [
        (2000 * EOK, "JPY", "capex"), (1000 * 10**4, "EUR", "other"), (320 * EOK, "USD", "capex")]


def test_an_observers_estimate_of_a_companys_figure_is_the_companys() -> None:
    ms = mentions_of("NTT데이터그룹이 이탈리아 밀라노에 데이터센터를 짓는다.",
                     "이탈리아관은 이를 근거로 NTT데이터그룹의 밀라노 투자액을 약 12억8000만유로로 추산했다.",
                     published="2025-10-14")
    assert [(m.company, m.amount, m.currency) for m in ms] == [("NTT Data", 128 * 10**7, "EUR")]


def test_an_agreement_made_then_with_a_list_of_partners_runs_to_its_end() -> None:
    (m,) = mentions_of("대한전선은 지난해 11월 충청남도, 당진시와 약 1조원 규모의 해저2공장 투자협약을 맺고 "
                       "2027년까지 공장을 짓겠다고 밝힌 바 있다.", published="2025-07-16")
    assert (m.amount, m.period) == (10000 * EOK, "2024-2027")


def test_money_spent_since_a_year_runs_to_now() -> None:
    (m,) = mentions_of("GF는 2020년 이후 드레스덴에 약 20억 달러를 투자했으며 현지 고용 인원은 3200명 수준이다.",
                       published="2025-10-28")
    assert (m.amount, m.period) == (20 * EOK, "2020-2025")



def test_the_next_unit_after_a_sentence_without_figures_continues_the_breakdown() -> None:
    ms = mentions_of("LG이노텍의 지난해 시설투자액은 1조2091억원이다.",
                     "부문별로 보면 광학솔루션 부문의 지난해 투자액은 9217억원이다.",
                     "같은 기간 이 부문이 전사 매출에서 차지한 비중은 77.1%로 높아졌다.",
                     "기판소재 부문은 1735억원으로 두 번째로 많았다.", published="2022-03-07")
    assert [(m.amount, m.kind, m.period) for m in ms] == [
        (12091 * EOK, "capex", "2021"), (9217 * EOK, "capex", "2021"), (1735 * EOK, "capex", "2021")]


def test_a_customer_named_before_what_is_made_for_it_is_not_the_spender() -> None:
    ms = mentions_of("3위 자화전자는 1201억원을 투자했다.",
                     "애플 납품용 부품 생산을 위한 구미공장 설립 등으로 전년 동기 354억원보다 847억원 급증했다.",
                     published="2023-08-23")
    assert "Apple" not in {m.company for m in ms}


def test_a_span_of_fiscal_years_and_this_time_after_an_earlier_plan() -> None:
    ms = mentions_of("회사는 앞서 2018년 11월 총 700억엔 규모의 설비투자를 결정한 바 있다.",
                     "이번에는 수요 증가에 대응하기 위해 600억엔가량을 더 투입한다.",
                     "추가 투자액 약 600억엔은 2020~2022회계연도에 걸쳐 집행된다.", published="2020-04-30")
    assert [(m.amount, m.period) for m in ms][:2] == [(700 * EOK, "2018"), (600 * EOK, "FY2020-FY2022")]


def test_a_total_agreed_with_marked_companies_is_theirs_together() -> None:
    ms = mentions_of("부산시는 27일 ㈜동인하이텍, ㈜금강튜브텍, ㈜아이씨맥스와 총 390억원 투자, 143명 일자리 창출을 "
                     "골자로 하는 투자양해각서를 체결한다고 26일 밝혔다.",
                     "아이씨맥스는 내년까지 오리산단에 86억원을 투자한다.", published="2021-05-26")
    assert [(m.company, m.amount) for m in ms] == [("금강튜브텍+동인하이텍+아이씨맥스", 390 * EOK),
                                                   ("아이씨맥스", 86 * EOK)]


def test_spending_in_a_results_article_is_the_reported_quarters() -> None:
    ms = mentions_of("LG유플러스는 2024년 3분기 연결 기준 매출 3조8013억원, 영업이익 2460억원을 기록했다고 8일 밝혔다.",
                     "영업비용은 3조2665억원으로 6.6% 늘었다. 회사 측은 지난해부터 개발 중인 전산 시스템 비용이 "
                     "반영되고 있다고 설명했다.",
                     "마케팅비용은 새 스마트폰 출시 영향으로 0.5% 늘어난 5561억원이었다.",
                     "설비투자(CAPEX)는 기지국 구축이 마무리되면서 지난해 3분기보다 14.4% 줄어든 4484억원을 집행했다.",
                     published="2024-11-08")
    assert [(m.amount, m.period) for m in ms if m.kind == "capex"] == [(4484 * EOK, "2024Q3")]


def test_a_company_named_in_a_breakdown_by_company_is_continued() -> None:
    ms = mentions_of("HD현대중공업과 HD현대삼호, HD현대미포 등 조선 3사는 설비투자에 총 1조7172억원을 투입한다.",
                     "회사별로 보면 HD현대중공업은 내년 12월까지 도장공장 공조설비에 2157억원을 쓴다.",
                     "노후 크레인 교체 등에도 올해 12월까지 1884억원을 투자한다.", published="2024-05-29")
    assert [(m.company, m.amount) for m in ms][1:] == [("HD Hyundai Heavy Industries", 2157 * EOK),
                                                       ("HD Hyundai Heavy Industries", 1884 * EOK)]


@pytest.mark.parametrize(("sentence", "kind"), [
    ("MS는 에코월드로부터 조호르 쿨라이 지역 부지를 4억230만링깃에 매입하기로 했다.", "capex"),
    ("오리온은 레고켐바이오 주식을 5485억원에 매입하기로 했다.", "equity_investment"),
])
def test_land_bought_for_a_price_is_spending_and_shares_bought_are_a_stake(sentence: str, kind: str) -> None:
    ms = mentions_of("풀라이 부지 한 곳은 1억3250만링깃에 지난해 5월 인수를 완료했다.", sentence,
                     published="2025-01-29")
    assert ms[-1].kind == kind


def test_a_companys_spending_worldwide_is_its_own_not_a_markets() -> None:
    ms = mentions_of("클라우드HQ가 멕시코 케레타로주에 48억달러를 투자한다.",
                     "클라우드HQ는 지금까지 전 세계 23개 거점의 디지털 인프라에 170억달러 이상을 투자해 온 업체다.",
                     "전 세계 데이터센터 투자는 올해 5000억달러에 이를 전망이다.", published="2025-09-25")
    assert [(m.company, m.amount, m.kind) for m in ms] == [
        ("클라우드HQ", 48 * EOK, "capex"), ("클라우드HQ", 170 * EOK, "capex"), (None, 5000 * EOK, "other")]


def test_two_unknown_names_joined_by_gwa_are_two_companies() -> None:
    ms = mentions_of("서천 종천2농공단지에는 마스크 제조업체 세가온과 지원테크가 각각 95억원과 100억원을 들여 공장을 "
                     "신설·이전한다.", published="2021-03-30")
    assert [(m.company, m.amount) for m in ms] == [("세가온", 95 * EOK), ("지원테크", 100 * EOK)]


def test_money_put_into_the_companys_own_plant_abroad_is_spending_not_a_stake() -> None:
    ms = mentions_of("LS전선이 멕시코 생산법인을 북미 통합 생산 거점으로 키운다.",
                     "LS전선은 멕시코 중부 케레타로주에 있는 생산법인 LSCMX에 약 2300억원을 투입한다고 15일 밝혔다.",
                     title="LS전선, 멕시코 LSCMX에 2300억 투입…'미주 통합기지'로", published="2026-01-15")
    assert [(m.company, m.amount, m.kind) for m in ms] == [("LS Cable & System", 2300 * EOK, "capex")]


def test_a_site_bought_in_a_headline_without_its_particle_is_spending() -> None:
    (m,) = mentions_of("NTT데이터, 조호르에 290MW급 데이터센터…부지 3억8300만링깃에 매입", published="2024-10-22")
    assert (m.company, m.amount, m.kind) == ("NTT Data", 383 * 10**6, "capex")


def test_wages_are_no_spending() -> None:
    ms = mentions_of("BOE가 베트남 모듈 공장 2기 증설에 20억2000만위안을 투자한다.",
                     "BOE가 베트남 증설에 나선 2023년 중국 제조업 연평균 임금은 9만7528위안으로 올랐다.",
                     published="2023-06-01")
    assert [(m.amount, m.kind) for m in ms] == [(202_000 * 10**4, "capex"), (97528, "other")]


def test_the_board_that_approves_a_budget_is_the_companys() -> None:
    ms = mentions_of("TSMC는 지난해 매출 3조8090억5000만 대만달러를 기록했다고 밝혔다.",
                     "이사회는 생산능력 확충을 위해 약 449억6200만달러 규모의 자본예산을 승인했다.",
                     "VIS 이사회는 전날 VSMC 공장 설비투자 금액으로 241억대만달러를 집행하는 안건을 통과시켰다.",
                     published="2026-02-18")
    assert [(m.company, m.amount) for m in ms][1:] == [("TSMC", 449_6200 * 10**4),
                                                       ("Vanguard International Semiconductor", 241 * EOK)]


def test_the_big_techs_total_is_no_one_companys_and_a_continent_is_no_company() -> None:
    ms = mentions_of("아마존은 올해 자본지출(CapEx) 목표를 경쟁사 가운데 가장 많은 2000억달러로 잡았다.",
                     "주요 빅테크 기업들의 올해 총지출이 7000억달러에 육박할 것으로 예상되는 가운데 북미와 유럽을 "
                     "중심으로 한 인프라 확장 경쟁은 한층 가열되고 있다.", published="2026-02-24")
    assert [(m.company, m.amount) for m in ms] == [("Amazon", 2000 * EOK), (None, 7000 * EOK)]


def test_years_counted_from_a_fiscal_year_are_fiscal_years_and_the_plans_parts_share_them() -> None:
    ms = mentions_of("미국 철강사를 사들인 도요타가 2027회계연도(2027년 4월∼2028년 3월)부터 3년 동안 설비에 약 "
                     "9000억엔을 쏟는다.", "전체 9000억엔 가운데 약 5000억엔은 해외 공장에 들어간다.",
                     title="도요타, 3년간 9000억엔 투자", published="2026-12-01")
    assert [(m.company, m.amount, m.period) for m in ms] == [
        ("Toyota", 9000 * EOK, "FY2027-FY2029"), ("Toyota", 5000 * EOK, "FY2027-FY2029")]


def test_a_headline_that_describes_its_company_by_another_names_the_describer() -> None:
    ms = mentions_of("SK실트론을 인수한 두산이 구미 공장 증설에 나선다.",
                     "제조 기술을 SK실트론에 넘겨 수익성을 높인다는 계획이다.", "국내 공장에는 약 800억원을 배정했다.",
                     title="SK실트론 품은 두산, 구미 증설 착수", published="2026-12-01")
    assert [(m.company, m.amount, m.kind) for m in ms] == [("Doosan", 800 * EOK, "capex")]


def test_capex_spelled_in_hangul_is_no_company_and_a_figure_like_last_years_is_this_years() -> None:
    ms = mentions_of("LG디스플레이는 24일 콘퍼런스콜에서 올해 캐팩스(설비투자)는 지난해와 같은 2조원대 초반이 될 "
                     "것으로 예상한다고 밝혔다.", published="2025-07-24")
    assert [(m.company, m.amount, m.period) for m in ms] == [("LG Display", 2 * JO, "2025")]


def test_a_chief_executive_who_speaks_of_spending_speaks_for_the_company() -> None:
    ms = mentions_of("테슬라가 2분기 실적을 발표했다. 증권가는 이후 일론 머스크 최고경영자(CEO)의 발언에 주목했다.",
                     "머스크는 올해 AI 인프라 투자 규모가 100억 달러를 웃돌 것이라고 밝혔다.", published="2025-07-24")
    assert [(m.company, m.amount, m.period) for m in ms] == [("Tesla", 100 * EOK, "2025")]


def test_what_a_sum_grew_or_shrank_by_is_no_spending() -> None:
    ms = mentions_of("현대차의 올해 상반기 투자액은 5조9502억원으로 전년 동기 대비 13.7% 감소했다.",
                     "울산공장 시설 구축 계획이 연기되면서 상반기 투자액이 약 9000억원 줄었다.",
                     "두 항목의 투자액은 3조1080억원으로 6000억원가량 증가했다.", published="2025-08-22")
    assert [(m.amount, m.kind) for m in ms] == [(59502 * EOK, "capex"), (9000 * EOK, "other"),
                                                 (31080 * EOK, "capex"), (6000 * EOK, "other")]


def test_a_sum_counted_for_several_companies_named_with_a_possessive_is_theirs_together() -> None:
    (m,) = mentions_of("올해 상반기 LG에너지솔루션·삼성SDI·SK온의 합산 설비투자 규모는 14조7000억원으로 집계됐다.",
                       published="2024-08-16")
    assert (m.company, m.members, m.amount) == (
        "LG Energy Solution+SK On+Samsung SDI", ("LG Energy Solution", "SK On", "Samsung SDI"), 147000 * EOK)


def test_companies_of_a_counted_list_are_found_where_the_analyser_splits_their_names() -> None:
    ms = mentions_of("전라남도가 기업 4곳으로부터 557억원 규모의 투자를 끌어냈다.",
                     "전남도는 23일 가온누리, 조은산업, 케이씨, 금호폴리켐 등 4개 기업과 투자협약을 체결했다고 밝혔다.",
                     "기업별로는 가온누리가 133억원을 투입해 공장을 신설한다. 케이씨는 대불국가산업단지에 있는 공장을 "
                     "43억원을 들여 증설한다.", published="2024-04-23")
    assert [(m.company, m.amount) for m in ms if m.company] == [("가온누리", 133 * EOK), ("케이씨", 43 * EOK)]


def test_a_city_as_subject_and_the_per_company_sum_name_no_company() -> None:
    ms = mentions_of("세종시는 11일 오캄바이오, 덕산코트랜 등 2개 기업과 투자협약을 맺었다.",
                     "오캄바이오는 의약품 공장을 짓는다.",
                     "세종시가 유망기업 2곳과 1921억원 규모의 투자협약을 맺었다.",
                     "협약에 따라 두 기업은 공장(덕산코트랜), 생산공장(오캄바이오)을 2025년까지 완공한다.",
                     "기업별 투자액은 100억~250억원씩으로, 모두 510억원에 이른다.", published="2023-07-05")
    assert {m.company for m in ms} == {None}


def test_a_company_the_figure_has_as_its_own_subject_is_not_the_pronouns() -> None:
    ms = mentions_of("에드워드코리아가 충남 아산에 두 번째 공장을 완공했다.",
                     "회사는 주요 고객사인 삼성디스플레이가 아산에 4조1000억원을 투자해 OLED 생산라인을 구축하는 등 "
                     "설비 투자가 이어지는 데 맞춰 공급 능력을 키웠다고 설명했다.", published="2024-05-14")
    assert [(m.company, m.amount) for m in ms] == [("Samsung Display", 41000 * EOK)]


def test_a_newspaper_that_reports_a_figure_is_no_company_and_tiktok_builds_for_bytedance() -> None:
    ms = mentions_of("바이트댄스도 같은 압박을 받고 있다. 사우스차이나모닝포스트(SCMP)는 지난 9일 바이트댄스의 "
                     "올해 AI 인프라 지출이 2000억위안을 넘을 것이라고 보도했다.",
                     "틱톡은 핀란드 두 번째 데이터센터에 10억유로를 투자한다.", published="2026-05-14")
    assert [(m.company, m.amount, m.currency) for m in ms] == [
        ("ByteDance", 2000 * EOK, "CNY"), ("ByteDance", 10 * EOK, "EUR")]


def test_what_a_figure_fell_short_by_or_changed_by_against_another_is_no_spending() -> None:
    ms = mentions_of("이번 분기 자본지출은 309억달러로 시장 예상치 353억달러를 44억달러 밑돌았다.",
                     "사상 최대였던 직전 분기 375억달러와 비교하면 66억달러 줄었다.", published="2026-04-29")
    assert [(m.amount, m.kind) for m in ms if m.kind != "capex"] == [(44 * EOK, "other"), (66 * EOK, "other")]


def test_a_part_of_revenue_that_names_an_infrastructure_segment_is_revenue() -> None:
    ms = mentions_of("오라클의 4분기 클라우드 매출은 99억달러로 47% 늘었다.",
                     "이 가운데 인프라(IaaS)가 58억달러로 93% 급증했다.", published="2026-06-10")
    assert [(m.amount, m.kind) for m in ms] == [(99 * EOK, "revenue"), (58 * EOK, "revenue")]


def test_a_level_after_a_change_continues_the_storys_breakdown_past_a_sentence_without_figures() -> None:
    ms = mentions_of("SK텔레콤·KT·LG유플러스의 올해 1~3분기 CAPEX 합산액은 3조6920억원으로 7.0% 줄었다.",
                     "회사별로 SK텔레콤의 3분기 누적 CAPEX는 1조1980억원으로 2.7% 늘었다. 하지만 이는 자회사 "
                     "SK브로드밴드의 데이터센터 구축 비용이 반영된 결과다. KT는 6.1% 줄어든 1조3295억원에 그쳤다.",
                     published="2025-11-11")
    assert [(m.company, m.amount, m.period, m.kind) for m in ms][-1] == ("KT", 13295 * EOK, "2025", "capex")


def test_last_year_in_brackets_before_a_half_years_figure_is_last_years_half() -> None:
    ms = mentions_of("SK하이닉스는 상반기 시설투자에 지난해(5조9670억원)의 두 배 가까운 11조2490억원을 집행했다.",
                     published="2025-08-17")
    assert [(m.amount, m.period) for m in ms] == [(59670 * EOK, "2024H1"), (112490 * EOK, "2025H1")]


def test_a_share_price_is_too_small_to_be_spending() -> None:
    ms = mentions_of("SK하이닉스는 청주 공장에 2조2000억원을 투자한다.",
                     "22일 오전 9시3분 현재 SK하이닉스는 전날보다 1250원(2.78%) 오른 4만6250원에 거래되고 있다.",
                     published="2016-12-22")
    assert [(m.amount, m.kind) for m in ms] == [(22000 * EOK, "capex"), (1250, "other"), (46250, "other")]


def test_capex_in_hangul_is_spending_and_half_of_last_years_is_this_years() -> None:
    ms = mentions_of("트렌드포스에 따르면 연초 SK하이닉스가 잡아 둔 D램 캐펙스는 35억 달러 수준이었다.",
                     "SK하이닉스는 올해 전체 캐펙스를 지난해의 절반 수준인 9조 원 규모로 잡았다고 밝힌 바 있다.",
                     published="2023-06-20")
    assert [(m.company, m.amount, m.period, m.kind) for m in ms] == [
        ("SK hynix", 35 * EOK, None, "capex"), ("SK hynix", 9 * JO, "2023", "capex")]


def test_the_company_bought_whose_price_a_budget_includes_is_not_the_spender() -> None:
    ms = mentions_of("롯데케미칼은 3분기 실적 발표에서 내년 투자 계획을 밝혔다.",
                     "내년 캐펙스는 일진머티리얼즈 인수 대금을 포함해 약 4조원으로 예상했다.",
                     title="롯데케미칼, 3분기 영업손실…내년 투자 확대", published="2022-11-08")
    assert [(m.company, m.amount, m.kind) for m in ms] == [("Lotte Chemical", 4 * JO, "capex")]


def test_a_figure_beyond_any_company_naming_none_is_no_companys() -> None:
    ms = mentions_of("블루 아울이 보유한 스택 인프라스트럭처가 멜버른에 250메가와트 데이터센터를 짓는다.",
                     "무디스에 따르면 AI 관련 인프라 투자는 앞으로 5년 동안 3조 달러를 넘을 것으로 보인다.",
                     published="2026-02-12")
    assert [(m.company, m.amount) for m in ms] == [(None, 3 * JO)]


def test_a_share_that_the_sentence_calls_government_money_is_a_budget() -> None:
    ms = mentions_of("이지스자산운용이 녹산산단에 짓는 데이터센터의 총사업비는 7100억원이다.",
                     "사업비 가운데 308억원은 정부 재원으로 조성된 환경개선펀드가 마중물로 투입된다.",
                     published="2025-12-10")
    assert [(m.company, m.amount, m.kind) for m in ms] == [
        ("IGIS Asset Management", 7100 * EOK, "capex"), (None, 308 * EOK, "budget")]


def test_zeiss_is_a_known_company() -> None:
    ms = mentions_of("자이스는 대만 신주과학단지에 이노베이션 센터를 열고 향후 10년간 1000억 대만달러를 "
                     "투자하겠다고 밝혔다.", published="2024-06-21")
    assert [(m.company, m.amount, m.currency) for m in ms] == [("Carl Zeiss", 1000 * EOK, "TWD")]


def test_the_leads_own_figure_stays_beside_the_range_others_estimate() -> None:
    ms = mentions_of("삼성전자가 평택캠퍼스 2라인에 약 8조원을 들여 낸드플래시 생산라인을 늘린다.",
                     "삼성전자는 투자 금액을 공개하지 않았다. 다만 업계는 이번 낸드플래시 라인에 7조∼8조원 규모가 "
                     "들어갈 것으로 분석한다.", title="삼성전자, 평택 낸드 라인 증설", published="2020-06-01")
    assert [(m.amount, m.amount_max) for m in ms] == [(8 * JO, None), (7 * JO, 8 * JO)]


def test_a_joint_venture_named_with_some_of_its_members_is_the_venture() -> None:
    (m,) = mentions_of("스타게이트는 소프트뱅크가 오픈AI, 오라클과 함께 미국 전역에 데이터센터 등 AI 인프라를 짓는 "
                       "5000억달러 규모 프로젝트다.", published="2026-01-26")
    assert (m.company, m.members, m.amount) == ("Stargate", ("OpenAI", "Oracle", "SoftBank"), 5000 * EOK)


def test_a_units_figure_after_a_sentence_without_figures_keeps_the_storys_period() -> None:
    ms = mentions_of("삼성전자는 지난해 시설투자에 53조6000억원을 집행했다.",
                     "증가분은 대부분 반도체를 맡은 디바이스솔루션(DS) 부문에서 나왔다. DS 부문은 40조9000억원을 "
                     "쓸 것으로 예상됐지만 실제로는 47조5000억원을 투입했다.", published="2026-01-30")
    assert [(m.amount, m.period) for m in ms] == [
        (536000 * EOK, "2025"), (409000 * EOK, "2025"), (475000 * EOK, "2025")]


def test_the_units_money_goes_to_are_no_spender() -> None:
    (m,) = mentions_of("삼성전자는 “상반기 동안 DS부문과 삼성디스플레이(SDC) 등의 첨단공정 증설·전환과 인프라 투자를 "
                       "중심으로 모두 23조4000억원의 시설투자가 이뤄졌다”고 설명했다.", published="2024-08-14")
    assert (m.company, m.amount, m.period) == ("Samsung Electronics", 234000 * EOK, "2024H1")


def test_companies_unnamed_in_the_plural_are_no_one_companys() -> None:
    ms = mentions_of("대한항공은 보잉 항공기 103대를 들여오기로 했다.",
                     "한경협에 따르면 향후 4년 동안 국내 기업들이 계획하고 있는 대미 직접투자 규모는 1500억 달러 "
                     "수준이다.",
                     published="2025-08-26")
    assert [(m.company, m.amount) for m in ms] == [(None, 1500 * EOK)]
