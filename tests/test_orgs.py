"""Open-set company names: a company outside the alias table is still a company (Kiwi)."""

from __future__ import annotations

import pytest

from crawler.figures.korean.companies import find_companies
from crawler.figures.korean.orgs import find_organizations, introduced_hits, introduced_names, titled_people
from crawler.figures.mentions import find_mentions
from crawler.models import Article

EOK = 10**8


def unknown_names(sentence: str) -> list[str]:
    return [h.name for h in find_organizations(sentence, find_companies(sentence))]


@pytest.mark.parametrize(
    "sentence, names",
    [
        ("SGC E&C와 캡스톤자산운용이 3조원 규모의 데이터센터 설립을 추진한다.", ["SGC E&C", "캡스톤자산운용"]),
        ("대원전선, 당진공장 증설에 205억 추가 투자", ["대원전선"]),  # a headline's first word
        ("미국 반도체 기업 스카이워터는 160억달러를 투입한다.", ["스카이워터"]),
        ("대원전선은 당진공장 증설에 1000억원을 투자한다.", ["대원전선"]),
        ("에머슨 일렉트릭은 7억 달러를 투자한다.", ["에머슨 일렉트릭"]),  # two words, one name
        ("제프리 섕크 ESR 최고경영자는 70억 달러를 투자한다고 말했다.", ["ESR"]),  # title and person left out
        ("㈜한울은 데이터센터에 500억원을 쓴다.", ["한울"]),
        ("투자회사 아레스 캐피털은 50억 달러를 직접 투자했다.", ["아레스 캐피털"]),  # a company word ends it
        ("프랑스 통신사 일리아드도 데이터센터에 30억유로를 투입한다.", ["일리아드"]),  # a telecom, not a news agency
    ],
)
def test_unknown_companies_are_found_as_written(sentence: str, names: list[str]) -> None:
    assert unknown_names(sentence) == names


@pytest.mark.parametrize(
    "sentence",
    [
        "회사는 초고압 생산동 옆에 공장을 새로 짓는다.",
        "영천시는 1조원을 지원한다.",
        "미국은 보조금 390억 달러를 준다.",
        "트렌드포스는 시장 규모가 100억 달러라고 밝혔다.",
        "로이터통신은 300억 달러라고 전했다.",
        "AI 데이터센터는 1조원 규모다.",
        "반도체산업은 10조원 규모다.",
        "메모리 반도체는 10조원 규모다.",
        "드레스덴 팹에는 50억 유로를 투입한다.",  # a particle inside: 팹에는
        "28nm 공정에는 7억 달러를 썼다.",  # a process node, not a name
        "지난해 멤피스와 경남 창원 공장에 약 1000억원을 투입했다.",  # a name joined to a place is a place
        "P&T7은 산업단지 내 부지에 총 19조원 규모로 조성된다.",  # a fab's code
        "올해 자본지출 가이던스는 520억~560억달러다.",  # guidance, a word of results
        "앞서 인텔은 지난 6월 독일 정부로부터 99억유로의 보조금을 약속받고 "
        "마그데부르크에 300억유로 규모의 공장 두 곳을 짓기로 했다.",  # a place with its particle
        "지나 러몬도 상무부 장관은 64억달러를 제공할 예정이라고 밝혔다.",  # an official
        "M15 팹과 후공정을 맡는 P&T3에 20조원이 들어갔다.",  # a fab, not its owner
        "Fab9A의 총 자본적지출은 약 67억달러로 추정된다.",  # a fab's code
        "나릿 텃사티라삭 BOI 사무총장은 960억바트 규모를 승인했다고 말했다.",  # an official
        "조호르는 지난해에만 약 320억달러의 디지털 인프라 투자를 끌어모았다.",  # a state of Malaysia
        "타룬 가르그 현대차 인도권역 최고운영책임자(COO)는 \"푸네 공장에만 600억루피를 투자할 계획\"이라고 말했다.",
    ],
)
def test_places_observers_and_common_words_are_not_companies(sentence: str) -> None:
    assert unknown_names(sentence) == []


def test_a_known_name_with_a_follower_word_stays_the_known_company() -> None:
    sentence = "기아그룹은 미국에 10억 달러를 투자한다."
    assert unknown_names(sentence) == []
    assert [h.name for h in find_companies(sentence)] == ["Kia"]


@pytest.mark.parametrize("sentence", ["NTT 계열, 도치기에 2500억엔 AI 데이터센터", "NTT 자회사가 2500억엔을 투자한다."])
def test_a_known_name_and_its_affiliate_word_is_no_other_company(sentence: str) -> None:
    assert unknown_names(sentence) == []


def test_a_group_the_alias_table_names_is_that_group() -> None:
    sentence = "현대자동차그룹은 미국에 210억 달러를 투자한다."
    assert unknown_names(sentence) == []
    assert [h.name for h in find_companies(sentence)] == ["Hyundai Motor Group"]


def _mentions(*paragraphs: str, title: str | None = None, published: str = "2025-06-10") -> list[tuple]:
    article = Article(body=paragraphs, title=title, published=published)
    return [(m.company, m.amount, m.kind, m.period) for m in find_mentions(article)]


def test_an_unknown_company_gets_its_figure_not_a_known_company_named_elsewhere() -> None:
    found = _mentions("네이버클라우드가 인근에 데이터센터를 운영하고 있다.",
                      "캡스톤자산운용은 가평에 1조6000억원을 들여 데이터센터를 짓는다.")
    assert found == [("캡스톤자산운용", 16000 * EOK, "capex", None)]


def test_a_figure_without_a_subject_goes_to_the_headline_company() -> None:
    found = _mentions("당진공장 해저케이블 시설에 205억원을 추가로 투자하기로 확정했다.",
                      title="대원전선, 당진공장 증설에 추가 투자")
    assert found == [("대원전선", 205 * EOK, "capex", None)]


def test_a_results_article_counts_quarters_in_the_company_fiscal_calendar() -> None:
    found = _mentions("마이크로소프트는 1분기 자본지출이 349억 달러로 직전 분기(242억 달러)보다 늘었다고 밝혔다.",
                      published="2025-10-30")
    assert found == [("Microsoft", 349 * EOK, "capex", "FY2026Q1"), ("Microsoft", 242 * EOK, "capex", "FY2025Q4")]


def test_each_company_of_a_list_gets_its_own_figure() -> None:
    found = _mentions("올해만 SK하이닉스 설비투자에 5조4000억원, SK텔레콤 통신망 투자에 1조3000억원, "
                      "SK플래닛 플랫폼 투자에 6500억원을 배정했다.", published="2016-03-09")
    assert [(company, amount) for company, amount, _, _ in found] == [
        ("SK hynix", 54000 * EOK), ("SK Telecom", 13000 * EOK), ("SK플래닛", 6500 * EOK)]


def test_a_pronoun_topic_wins_over_a_company_in_a_subordinate_clause() -> None:
    found = _mentions("LG유플러스가 파주에 AI 데이터센터를 짓는다.",
                      "회사는 이를 위해 지난해 4월 LG디스플레이가 소유하던 산업시설용지를 1053억원에 사들였다.",
                      published="2025-03-01")
    assert [(company, amount) for company, amount, _, _ in found] == [("LG Uplus", 1053 * EOK)]


def test_names_with_their_figure_in_brackets_are_a_list() -> None:
    found = _mentions("이어 LG유플러스(5천870억원), 대성산업(5천815억원), 웅진에너지(5천4억원) 순으로 "
                      "시설투자가 많았다.", published="2013-06-01")
    assert [(company, amount) for company, amount, _, _ in found] == [
        ("LG Uplus", 5870 * EOK), ("대성산업", 5815 * EOK), ("웅진에너지", 5004 * EOK)]


def test_an_observer_counting_a_figure_is_no_company() -> None:
    sentence = "스트리트어카운트가 집계한 시장 전망치는 302억 달러였다."
    assert unknown_names(sentence) == []
    assert unknown_names("런던증권거래소그룹(LSEG)이 집계한 예상치 1152억 달러를 넘었다.") == []


def test_companies_in_a_relative_clause_give_way_to_the_unit_topic() -> None:
    found = _mentions("GS그룹은 향후 5년간 21조원을 투자한다고 26일 밝혔다.",
                      "GS건설과 GS글로벌이 이끄는 건설·서비스 부문에서는 신성장 사업에 2조원을 쓴다.",
                      title="GS그룹, 5년간 21조원 투자", published="2022-05-26")
    assert [(company, amount) for company, amount, _, _ in found] == [("GS", 21 * 10**12), ("GS", 2 * 10**12)]


@pytest.mark.parametrize(("short", "full", "clipped"), [
    ("LS일렉", "LS일렉트릭", True),
    ("ST마이크로", "ST마이크로일렉트로닉스", False),  # a company ending: another reading, the alias table decides
    ("롯데", "롯데케미칼", False),
    ("한화", "한화오션", False),
    ("GS", "GS칼텍스", False),
    ("앰코", "앰코 테크놀로지", False),
])
def test_a_headline_clip_is_cut_inside_a_word_not_before_an_affiliates_ending(short: str, full: str,
                                                                              clipped: bool) -> None:
    from crawler.figures.korean.orgs import is_clipped

    assert is_clipped(short, full) is clipped


def test_a_known_company_with_its_legal_form_is_the_known_company() -> None:
    from crawler.figures.korean.orgs import known_name

    assert known_name("마이크론 테크놀로지") == "Micron"
    assert known_name("마이크론") == "Micron"
    assert known_name("삼성전자서비스") is None


def test_a_company_clipped_in_the_headline_goes_by_its_full_name() -> None:
    from crawler.figures.mentions import find_mentions
    from crawler.models import Article

    article = Article(title="LX세미, 美 텍사스에 2억4000만달러 투자", published="2025-05-20", body=(
        "LX세미콘이 미국 텍사스주에 설계 센터를 준공했다.",
        "LX세미콘은 2030년까지 2억4000만달러를 추가로 투자할 계획이다.",
    ))
    assert {m.company_ko for m in find_mentions(article)} == {"LX세미콘"}


def test_a_verbs_adnominal_syllable_is_no_part_of_the_name_after_it() -> None:
    hits = find_organizations("충남 천안에 본사를 둔 솔머티리얼즈는 새만금에 547억원을 투자한다.", [])
    assert [h.written for h in hits] == ["솔머티리얼즈"]


def test_names_glossed_in_latin_letters_in_a_list_are_organizations() -> None:
    from crawler.figures.mentions import _companies

    text = "진펑테크(Jinfeng Tech)와 화잉마이크론(Huaying Circuit), KMC는 올해 각각 150억~300억 대만달러를 투자한다."
    assert [h.written for h in _companies(text)] == ["진펑테크", "화잉마이크론", "KMC"]


def test_a_known_company_written_in_latin_letters_with_its_legal_form_is_the_known_company() -> None:
    from crawler.figures.mentions import _companies

    hits = _companies("미국 반도체 기업 Micron Technology(나스닥: MU)가 싱가포르에 약 35조원을 쏟아붓는다.")
    assert [(h.name, h.written, h.known) for h in hits] == [("Micron", "Micron Technology", True)]


def test_a_foreign_executive_named_in_full_before_a_title_is_a_person() -> None:
    from crawler.figures.mentions import _companies

    assert _companies('사프라 카츠 CEO는 "이번 분기 설비투자는 59억달러였다"고 밝혔다.') == []
    assert [h.written for h in _companies("류양웨이 폭스콘 회장은 멕시코에 10억달러를 투자한다.")] == ["폭스콘"]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("회사에 따르면 4분기 캐펙스는 5억100만달러였다.", []),
        ("쿤히칸난 케인즈 테크놀로지 대표는 \"300억루피가 넘는 프로젝트\"라고 말했다.", ["케인즈 테크놀로지"]),
    ],
)
def test_capex_and_a_bare_company_word_are_no_names(sentence: str, names: list) -> None:
    assert unknown_names(sentence) == names


@pytest.mark.parametrize("sentence", ["이날 GM 주가는 7.67% 오른 38.10달러에 마감했다.",
                                      "경산성은 최대 2430억엔을 보조한다."])
def test_a_share_price_and_a_ministry_are_not_companies(sentence: str) -> None:
    assert unknown_names(sentence) == []


def test_a_coined_name_after_an_apposition_is_a_company_though_the_analyser_splits_it() -> None:
    sentence = "일본 GPU 클라우드 스타트업 하이레조가 폐교 체육관에 200억엔을 들여 데이터센터를 열었다."
    assert unknown_names(sentence) == ["하이레조"]


@pytest.mark.parametrize("sentence, names", [
    ("냉동식품 업체 햇살식품은 134억원을 투자해 공장을 짓는다.", ["햇살식품"]),  # a weak suffix, a maker's word
    ("계룡에는 의료기기 업체 나노소프트가 40억원을 들여 공장을 옮겨온다.", ["나노소프트"]),  # two nouns
    ("회사 자산총액(7877억원)의 약 21.8%에 해당하는 규모다.", []),  # a company's figure, not a name
    ("업체 관계자는 100억원을 투자했다고 말했다.", []),
])
def test_a_makers_name_after_its_trade_is_a_company_though_made_of_common_nouns(sentence: str,
                                                                                names: list[str]) -> None:
    assert unknown_names(sentence) == names


def test_a_taiwanese_paper_is_an_observer() -> None:
    assert unknown_names("연합보는 \"공장 하나를 짓는 데 3000억 대만달러 이상이 필요하다\"고 전했다.") == []


def test_a_data_centre_operators_name_is_a_company_not_a_site() -> None:
    assert [h.name for h in find_organizations("NTT글로벌데이터센터는 이곳에 데이터센터 2개 동을 짓는다.", [])] == [
        "NTT글로벌데이터센터"]
    assert find_organizations("춘천데이터센터는 2027년 가동한다.", []) == []


def test_a_short_form_an_article_glosses_after_the_full_name_names_that_company_all_through() -> None:
    ms = _mentions("마이크로소프트(MS)의 데이터센터 법인이 조호르에서 네 번째 부지를 사들인다.",
                   "MS 법인은 앞서 크레센도로부터 부지 두 곳을 모두 4억4760만링깃에 사들였다.", published="2025-01-29")
    assert [(m[0], m[1]) for m in ms] == [("Microsoft", 447_600_000)]


def test_a_latin_short_form_is_not_found_inside_a_longer_word() -> None:
    names = introduced_names(["마이크로소프트(MS)가 데이터센터를 짓는다."])
    assert names == ("MS",)
    assert introduced_hits("MSCI 지수 편입 효과가 컸다.", names) == []


def test_people_introduced_with_a_first_name_and_a_title_are_no_companies() -> None:
    texts = ["증권가는 실적 발표 이후 일론 머스크 최고경영자(CEO)의 발언에 주목했다.", "앤디 재시 아마존 CEO는 말했다.",
             "무케시 암바니 릴라이언스 회장은 밝혔다.", "김철수 한울소재 대표는 말했다.",
             "이날 한빛테크 대표는 말했다."]
    assert titled_people(texts) == {"머스크", "재시", "암바니"}


def test_a_list_the_article_counts_as_companies_names_companies() -> None:
    names = introduced_names(["전남도는 가온누리, 조은산업, 케이씨, 금호폴리켐 등 4개 기업과 영광·강진 등 2개 군이 "
                              "참여한 가운데 투자협약을 맺었다.", "한화오션, 김해시, 캠프 등 3곳이 참여했다."])
    # not 김해시, nor the known 한화오션
    assert set(names) == {"가온누리", "조은산업", "케이씨", "금호폴리켐", "캠프"}


def test_latin_letters_spelled_in_hangul_are_a_name_where_the_analyser_splits_them() -> None:
    sentence = "경기 파주에 본사를 둔 투디엠은 300억원을 들여 CNT 공장을 새로 짓는다."
    assert [h.name for h in find_organizations(sentence, [])] == ["투디엠"]
    assert find_organizations("이유는 간단하다. 아이는 300억원을 받았다.", []) == []


def test_a_subsidiary_named_for_its_country_keeps_its_parents_name() -> None:
    text = "조지아 주지사는 제이에스링크의 현지법인 제이에스링크 아메리카가 2억2300만달러를 들여 공장을 세운다고 " \
           "밝혔다."
    assert [h.name for h in find_organizations(text, [])][-1] == "제이에스링크 아메리카"


def test_a_government_paired_with_a_company_in_a_headline_leaves_the_company() -> None:
    hits = find_organizations("부산시-한빛데이터, 1조8000억 규모 AI 데이터센터 건립 협약", [])
    assert [(h.name, h.written) for h in hits] == [("한빛데이터", "한빛데이터")]


def test_the_topic_of_a_sentence_saying_it_filed_a_disclosure_is_a_company() -> None:
    text = "이엔플러스는 2차전지 조립동 증축을 위해 139억원 규모의 신규시설 투자를 결정했다고 8일 공시했다."
    assert [h.name for h in find_organizations(text, [])] == ["이엔플러스"]
    assert find_organizations("국내에서는 139억원 규모의 투자를 결정했다고 공시했다.", []) == []
