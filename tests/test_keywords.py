"""Investment keywords: particles attached, optional spaces, case-insensitive Latin, config order."""

from __future__ import annotations

from crawler.config import DEFAULT_KEYWORDS
from crawler.keywords import match_keywords

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
