"""Anchored scanning finds exactly what a plain scan of the same pattern finds."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import crawler.figures.korean.amounts as amounts
import crawler.figures.korean.companies as companies
import crawler.figures.korean.kinds as kinds
import crawler.figures.korean.periods as periods
from crawler.figures.korean.scan import anchored, anchored_at, literal_prefix, prefix_anchor

_WORDS = (
    list(companies._ALIASES)
    + [w for section in ("specific", "generic") for ws in kinds._VOCAB[section].values() for w in ws
       if "\\" not in w and "(" not in w]
    + ["올해 ", "지난해 4분기", "2025 회계연도", "향후 3년간 ", "in 2025", "FY2026", "상반기", "3분기", "2030년까지"]
    + ["800억달러", "74조9000억원", "$80 billion", "US$ 65bn", "수십억 달러", "50~60억 달러", "1,060억을 투입"]
    + [" ", "는 ", "에 ", ", ", "(", ")", "약 ", "이상", "수", "하", "이"]
)


def _plain(pattern, text: str) -> list[tuple[int, int, str | None]]:
    out, pos = [], 0
    while (m := pattern.search(text, pos)) is not None:
        out.append((m.start(), m.end(), m.lastgroup))
        pos = max(m.end(), m.start() + 1)
    return out


@pytest.mark.parametrize("module", [companies, periods, kinds])
@given(pieces=st.lists(st.sampled_from(_WORDS), max_size=30))
@example(pieces=["Hanwha Q CELLS", "는 "])  # found by hypothesis: a space right after a name's first letter
@example(pieces=["델 테크놀로지스", "는 "])
@example(pieces=["이", "삼성전자", "는 ", "삼성전자", "(", "SK하이닉스", ")"])  # a prefix inside a word
def test_anchored_scan_equals_plain_scan(module, pieces: list[str]) -> None:
    pattern = {companies: companies.name_pattern(), periods: periods._PERIOD, kinds: kinds._CUES}[module]
    text = "".join(pieces)
    split = {companies: companies._NAME_AT, kinds: kinds._CUES_AT}.get(module)
    found = anchored(pattern, module._ANCHOR, text) if split is None else anchored_at(split, module._ANCHOR, text)
    assert [(m.start(), m.end(), m.lastgroup) for m in found] == _plain(pattern, text)


@given(pieces=st.lists(st.sampled_from(_WORDS), max_size=30))
@example(pieces=["Alibaba", "$80 billion"])  # found by hypothesis: a `$` right after a Latin letter
@example(pieces=["수", "십", "억 달러"])
@example(pieces=["AI ", "2025년 ", "US$ 65bn", "40% ", "1.5", "조 원"])  # digit runs and letters that start no figure
@example(pieces=["HK$", "1,000", " to ", "2,000", " billion", " billions of dollars"])
def test_amount_anchor_covers_every_figure_start(pieces: list[str]) -> None:
    text = "".join(pieces)
    starts = {m.start() for m in amounts._ANCHOR.finditer(text)}
    for start, _end, _group in _plain(amounts._MONEY, text):
        assert start in starts, text


@given(pieces=st.lists(st.sampled_from(_WORDS), max_size=30))
@example(pieces=["수", "십", "억 달러"])
def test_a_text_without_the_figure_hint_holds_no_figure(pieces: list[str]) -> None:
    text = "".join(pieces)
    if amounts._scan(text):
        assert amounts._MAY_HOLD_A_FIGURE.search(text), text


def test_literal_prefix_of_vocabulary_patterns() -> None:
    assert literal_prefix("(?i:capex)") == "ca"
    assert literal_prefix("설비\\s?투자") == "설비"
    assert literal_prefix("팹") == "팹"
    with pytest.raises(ValueError, match="literal"):
        literal_prefix("(?:a|b)")


def test_prefix_anchor_candidates() -> None:
    anchor = prefix_anchor(["MS", "팹"], digits=True)
    assert [m.start() for m in anchor.finditer("ms MS 팹 7 MX")] == [0, 3, 6, 8]



_FORM_PIECES = ["현대", "현대차", "인프라코어", "HD", "D", "DC", "ABCDE", "그룹", "오리온", "엠피", "리온", "차",
                "는", "은", "의", "가", "도", "에", " ", ",", "\n", "(", ")", "·", "'", "a", "x"]
_FORM_NAMES = ["현대차", "인프라코어", "오리온그룹", "현대현대", "엠피리온", "차차차", "현대차그룹", "오리온"]


def _fuller_form_by_patterns(name: str, text: str) -> str:
    """crawler.figures.article._fuller_form as it was, with a pattern compiled for each name."""
    import re

    from crawler.figures.article import _PARTICLE_AHEAD as ahead

    if name.endswith("그룹") and len(name) > 4 and re.search(re.escape(name[:-2]) + "(?!그룹)" + ahead, text):
        return name[:-2]
    if len(name) < 3 or not re.fullmatch(r"[가-힣]+", name):
        return name
    own, word_start = re.escape(name), "(?<![가-힣A-Za-z])"
    whole = {m.group(0) for m in re.finditer(rf"{word_start}[A-Z가-힣]{{1,6}}{own}{ahead}", text)}
    lettered = {m.group(0) for m in re.finditer(rf"{word_start}{own}[A-Z]{{2,4}}{ahead}", text)}
    bare = re.search(rf"{word_start}{own}(?![A-Za-z]){ahead}", text)
    for forms in (whole, lettered):
        if len(forms) == 1 and bare and text.find(next(iter(forms))) < bare.start():
            return next(iter(forms))
    return name


@given(pieces=st.lists(st.sampled_from(_FORM_PIECES), max_size=16), name=st.sampled_from(_FORM_NAMES))
@example(pieces=["A", "현대차", "현대차", "는"], name="현대차")  # the greedy run gives a character back
@example(pieces=["A", "현대차", "는", "현대차", "는"], name="현대차")  # the longest run that can end in the name
@example(pieces=["HD", "현대차", "는 ", "현대차", "가"], name="현대차")
def test_name_forms_equal_the_patterns_they_replace(pieces: list[str], name: str) -> None:
    """crawler.figures.article looks for a name's forms at its places (str.find), not with a pattern compiled
    for the name; it finds what the pattern would."""
    import re

    from crawler.figures import article

    text, own, ahead = "".join(pieces), re.escape(name), article._PARTICLE_AHEAD
    assert article._fuller_form(name, text) == _fuller_form_by_patterns(name, text)
    whole = {m.group(0) for m in re.finditer(rf"(?<![가-힣A-Za-z])[A-Z가-힣]{{1,6}}{own}{ahead}", text)}
    lettered = {m.group(0) for m in re.finditer(rf"(?<![가-힣A-Za-z]){own}[A-Z]{{2,4}}{ahead}", text)}
    if re.fullmatch("[가-힣]+", name):
        assert (article._whole_forms(name, text), article._lettered_forms(name, text)) == (whole, lettered)
    names = sorted({name, *(p for p in pieces if len(p) > 1 and p.isalpha())}, key=len, reverse=True)
    longer = re.compile("(?:" + "|".join(map(re.escape, names)) + ")[가-힣]")  # any name, a syllable after it
    assert article._writes_longer(text, names) == bool(longer.search(text))
