"""Investment keywords: particles attached, optional spaces, case-insensitive Latin, config order."""

from __future__ import annotations

from pathlib import Path

from crawler.config import DEFAULT_KEYWORDS, load_config
from crawler.figures.keywords import match_keywords

KEYWORDS = ("투자", "설비투자", "자본 지출", "CAPEX", "데이터센터", "인프라", "증설")


def test_particles_attached_still_match() -> None:
    text = "알리바바가 데이터센터에 3800억 위안을 투자했다. 인프라를 늘린다."
    assert match_keywords(text, KEYWORDS) == ("투자", "데이터센터", "인프라")


def test_space_inside_a_keyword_is_optional_both_ways() -> None:
    assert match_keywords("설비 투자와 자본지출을 늘렸다", KEYWORDS) == ("투자", "설비투자", "자본 지출")


def test_latin_keywords_are_case_insensitive_whole_words() -> None:
    assert match_keywords("이런 종류의 설비투자(capex)는", KEYWORDS) == ("투자", "설비투자", "CAPEX")
    assert match_keywords("Capex guidance", ["CAPEX"]) == ("CAPEX",)
    assert match_keywords("capexwatch 소개", ["CAPEX"]) == ()


def test_full_width_text_is_normalized() -> None:
    assert match_keywords("ＣＡＰＥＸ 가이던스", ["CAPEX"]) == ("CAPEX",)


def test_reported_in_config_order_once() -> None:
    text = "증설 투자 증설 투자"
    assert match_keywords(text, ["증설", "투자", "증설", "capex", "CAPEX"]) == ("증설", "투자")


def test_no_keyword_no_match() -> None:
    assert match_keywords("날씨가 맑고 기온이 올랐다", DEFAULT_KEYWORDS) == ()
    assert match_keywords("", KEYWORDS) == ()
    assert match_keywords("투자", []) == ()


def test_latin_keywords_match_plural_and_verb_forms_but_not_other_words() -> None:
    words = ["invest", "investment", "data center", "capital expenditure", "GPU"]
    text = "Microsoft is investing in datacenters; capital expenditures rose. GPUs were bought."
    assert match_keywords(text, words) == ("invest", "data center", "capital expenditure", "GPU")
    assert match_keywords("Investments in data centers", words) == ("investment", "data center")
    assert match_keywords("investors and investigators", words) == ()


def test_default_keywords_catch_plans_that_never_say_investment() -> None:
    for text in ["삼성전자는 1조 원어치의 노광장비를 도입하기로 했다.",
                 "엔비디아는 대만에 10억 달러 규모의 R&D 센터를 짓는다.",
                 "포스코의 제철소 총 사업비는 약 10조 원이다.",
                 "네이버는 엔비디아 GPU 3000장을 확보하는 데 약 1조원을 쓴다.",
                 "SK는 새 연구소 건립에 5000억 원을 쓴다.",
                 "풍산은 올해 680억원을 들여 155mm 포탄 생산능력을 두 배로 늘린다.",
                 "The company will invest $80 billion to build out AI-enabled datacenters."]:
        assert match_keywords(text, DEFAULT_KEYWORDS), text


def test_default_keywords_leave_out_articles_without_an_investment_word() -> None:
    for text in ["SK하이닉스의 시가총액이 200조 원을 넘었다.",
                 "공정위는 과징금 500억 원을 부과했다.",
                 "회사는 1조 원 규모의 자사주를 매입해 소각한다.",
                 "Shares rose 5% after earnings beat estimates."]:
        assert match_keywords(text, DEFAULT_KEYWORDS) == (), text


def test_the_shipped_config_lists_the_default_keywords() -> None:
    shipped = load_config(Path(__file__).parent.parent / "config.toml").keywords
    assert {k.casefold() for k in shipped} == {k.casefold() for k in DEFAULT_KEYWORDS}
