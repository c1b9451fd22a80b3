"""Periods of money figures, resolved against the publication date (never the clock).

Owns: 올해/지난해/작년/내년, 상반기/하반기 (alone or after a year), N분기, YYYY년,
향후 N년(간)/N년간/N년 동안 (a plan from the publication year: YYYY-YYYY),
YYYY년까지 and 내년까지 (from the publication year; "2030년까지 5년간" counts
back from 2030), YYYY~YYYY년, YYYY~YY년, explicit spans (YYYY년부터 YYYY년까지
or 작년까지, YYYY년에서 YYYY년 사이, 올해부터 YYYY년까지, 내년부터 N년간),
YYYY 회계연도/FYYYYY and its quarters ("2025 회계연도 2분기" is FY2025Q2, never
a calendar quarter), spans of fiscal years (FY2020-FY2022), and the quarters of a company's own fiscal calendar
(`Anchor`: "이번 회계연도", a bare "1분기", "지난/직전 분기"), and a filing's
spending window. Results use the CONTRACT forms: YYYY, YYYYH1, YYYYQ4, YYYY-YYYY,
FYYYYY, FYYYYYQn, FYYYYY-FYYYYY (crawler.models.PERIOD). Without a publication date, relative periods are None. Words:
crawler/data/periods.toml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from crawler.figures.korean.scan import anchored, prefix_anchor
from crawler.figures.korean.vocab import load_vocab

_VOCAB = load_vocab("periods")
_YEARS: dict[str, int] = {k.replace(" ", ""): v for k, v in _VOCAB["years"].items()}
_HALVES: dict[str, str] = _VOCAB["halves"]


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s?") for w in sorted(words, key=len, reverse=True))


# a one-syllable word (올) only before a space: 올 한 해, never 올렸다
_REL_WORDS = "|".join(w if len(w) > 1 else f"{w}(?=\\s)" for w in _alt(_VOCAB["years"]).split("|"))
_REL = rf"(?<![가-힣])(?P<rel>{_REL_WORDS})"
_REL_PART = rf"(?<![가-힣])(?P<relp>{_alt(list(_VOCAB['years']))})\s?"
_HALF = rf"(?P<half>{_alt(_HALVES)})"
_QUARTER = r"(?P<q>[1-4])\s?분기"
_COUNT = r"(?P<n>\d{1,2})"
_QUARTERS_SO_FAR = r"(?P<{n}>1\s?[~∼\-]\s?[2-4]\s?분기)"  # '지난해 1~3분기', '2021년 1~3분기': that year so far
_MULTI = _VOCAB["multi_year"]
_TRAIL = _alt(_MULTI["trail"])
_PAST = re.compile(rf"(?:{_alt(_MULTI['past'])})\s?$")
_FISCAL = _alt(_VOCAB["fiscal"]["words"])
_FISCAL_RELATIVE: dict[str, int] = _VOCAB["fiscal_relative"]
# "2025 회계연도 2분기": its second fiscal quarter, FY2025Q2; a half stays the fiscal year
_FISCAL_PART = r"(?:\s?(?:(?P<{name}>[1-4])\s?분기|상반기|하반기))?"
_RANGE_WORDS = _VOCAB["range"]
# '1~3월', '7~12월': the months of a quarter or a half ('4~5월' is neither, and no period here)
_MONTHS = r"(?P<{n}>(?:1|4|7|10)\s?[~∼\-]\s?(?:3|6|9|12))\s?월"
_MONTH_SPANS = {"1~3": "Q1", "4~6": "Q2", "7~9": "Q3", "10~12": "Q4", "1~6": "H1", "7~12": "H2",
                "1~9": "", "1~12": ""}  # nine months or all twelve: the year (so far)
_YEAR_PART = rf"(?:\s?(?:{_alt(_RANGE_WORDS['year_parts'])}))?"
_RANGE = (
    rf"(?P<range>(?:(?<!\d)(?P<ra>\d{{4}})\s?년|(?<![가-힣])(?P<rr>{_alt(w for w in _VOCAB['years'] if len(w) > 1)}))"
    rf"{_YEAR_PART}\s?(?:{_alt(_RANGE_WORDS['from'])})\s?(?:(?:{_alt(_RANGE_WORDS['end_lead'])})\s)?"
    rf"(?:(?P<rb>\d{{4}})\s?년{_YEAR_PART}\s?(?:{_alt(_RANGE_WORDS['to_end'])})"
    rf"|(?P<rbr>{_alt(w for w in _VOCAB['years'] if len(w) > 1)}){_YEAR_PART}\s?(?:{_alt(_RANGE_WORDS['to_end'])})"
    rf"|(?P<rn>\d{{1,2}})\s?년\s?(?:{_TRAIL})))"
)

_PERIOD = re.compile(
    rf"{_RANGE}"
    rf"|(?P<fyspan>(?<!\d)(?P<fs1>\d{{4}})\s?년?\s?[~∼\-–]\s?(?P<fs2>\d{{2,4}})\s?년?\s?(?:{_FISCAL}))"
    rf"|(?P<fy>(?<!\d)(?:FY\s?'?(?P<fy1>\d{{4}})|(?P<fy2>\d{{4}})\s?년?\s?(?:{_FISCAL}){_FISCAL_PART.format(name='fyq')}"
    rf"|(?:{_alt(_VOCAB['fiscal']['words'])}|(?i:{_alt(_VOCAB['fiscal']['english'])}))\s?(?P<fy3>\d{{4}})))"
    rf"|(?P<relfy>(?<![가-힣])(?P<rfw>{_alt(_FISCAL_RELATIVE)})\s?(?:{_FISCAL}){_FISCAL_PART.format(name='rfq')})"
    rf"|(?P<span>(?<!\d)(?P<y1>\d{{4}})\s?년?\s?[~∼\-–]\s?(?P<y2>\d{{2,4}})\s?년(?!\s?\d+\s?월))"
    rf"|(?P<until>(?<!\d)(?P<uy>\d{{4}})\s?년(?:\s?\d{{1,2}}\s?월(?:\s?\d{{1,2}}\s?일)?|{_YEAR_PART})\s?까지)"
    rf"|(?P<runtil>(?<![가-힣])(?P<ruw>{_alt(w for w in _VOCAB['years'] if len(w) > 1 and _VOCAB['years'][w] > 0)})"
    rf"{_YEAR_PART}\s?까지)"
    rf"|(?P<ypart>(?<!\d)(?P<yy>\d{{4}})\s?년\s?(?:{_QUARTERS_SO_FAR.format(n='ycq')}"
    rf"|{_HALF.replace('half', 'yhalf')}|{_QUARTER.replace('q>', 'yq>')}"
    rf"|{_MONTHS.format(n='ym')}))"
    rf"|(?P<relpart>{_REL_PART}(?:{_QUARTERS_SO_FAR.format(n='rcq')}|{_HALF.replace('half', 'rhalf')}"
    rf"|{_QUARTER.replace('q>', 'rq>')}"
    rf"|{_MONTHS.format(n='rm')}))"
    rf"|(?P<months>(?<![\d~∼\-]){_MONTHS.format(n='om')})"
    rf"|(?P<multi>(?:(?P<lead>{_alt(_MULTI['lead'])})\s?(?<![\d가-힣]){_COUNT}"
    rf"\s?년(?:\s?(?:{_TRAIL}))?|(?<![\d가-힣]){_COUNT.replace('<n>', '<n2>')}\s?년\s?(?:{_TRAIL})))"
    rf"|(?P<year>(?<!\d)(?P<y>(?:19|20)\d{{2}})\s?년)"
    rf"|(?P<eyear>(?<![A-Za-z])(?i:{_alt(_VOCAB['english_year']['before'])})\s(?P<ey>(?:19|20)\d{{2}})(?!\d|[.,]\d|%))"
    rf"|(?P<relpair>(?<![가-힣])(?P<rp1>{_REL_WORDS})\s?(?:와|과|·|및|,)\s?(?P<rp2>{_REL_WORDS})"
    rf"(?=(?:에는|에도|에|엔|의|까지|도|은|는)?(?![가-힣])))"
    rf"|{_REL}"
    rf"|(?P<halfonly>(?<![가-힣]){_HALF.replace('half', 'ohalf')})"
    rf"|(?P<fq>(?:{_FISCAL})\s?(?P<fqn>[1-4])\s?분기)"
    rf"|(?P<qcum>(?<![\d~∼\-])(?:[1-4]\s?[~∼\-]\s?)?(?P<qcn>[1-4])\s?분기\s?(?:까지\s?)?누적|(?<!\d)1\s?[~∼\-]\s?(?P<qcr>[2-4])\s?분기)"
    rf"|(?P<qonly>(?<![\d~∼\-])(?P<oq>[1-4])\s?분기)"
    rf"|(?P<lastq>(?<![가-힣])(?P<lqw>{_alt(_VOCAB['quarter_relative'])})\s?분기)"
)


# every alternative of _PERIOD that starts with a digit has (?<!\d): it is tried where a digit run starts
# only, and only where the run is a year (four digits: 2025년, 2025 회계연도, 2025~2027년) or a count,
# a quarter or a month before 년, 분기 or a range's separator (3년간, 1분기, 1~3월): not at 500억 or 26일
_ANCHOR = prefix_anchor(
    [w.replace(" ", "")[:2] for w in list(_VOCAB["years"]) + list(_HALVES) + _MULTI["lead"]
     + _VOCAB["fiscal"]["words"] + _VOCAB["fiscal"]["english"] + _VOCAB["english_year"]["before"]
     + list(_FISCAL_RELATIVE) + list(_VOCAB["quarter_relative"])] + ["FY"],
    digits=True,
    digits_then=r"(?=\d{3}|\d?\s?(?:년|분기|[~∼\-–]))",
)


@dataclass(frozen=True)
class PeriodSpan:
    """A period expression in a text and what it resolves to (None when it cannot be)."""

    start: int
    end: int
    text: str
    value: str | None


@dataclass(frozen=True)
class Anchor:
    """What relative periods are resolved against: the publication date and the fiscal calendar
    of the company the sentence is about (the month its fiscal year ends; 12 = calendar year)."""

    year: int | None
    month: int = 12
    fiscal_end: int = 12
    bare_fiscal: bool = True  # a bare "N분기" is a fiscal quarter (Microsoft), not a calendar one (Alibaba)

    @property
    def fiscal_year(self) -> int | None:
        """The fiscal year the publication date falls in, named by the year it ends in."""
        if self.year is None:
            return None
        return self.year if self.month <= self.fiscal_end or self.fiscal_end == 12 else self.year + 1

    def quarter(self, n: int, *, ahead: bool = False, fiscal: bool = True) -> str | None:
        """Quarter n without a year: the one publication falls in, else the latest that has ended
        ("4분기" in January is last year's, "3분기" in October this year's); with `ahead` (a
        forecast or plan), the first one that has not ended. A company with its own fiscal calendar
        counts its quarters in it: Microsoft's "1분기" said in October 2025 is FY2026Q1 (July to
        September 2025)."""
        if self.year is None:
            return None
        fiscal_end = self.fiscal_end if fiscal else 12
        published = self.year * 12 + self.month - 1  # months since year 0
        first = fiscal_end % 12  # calendar month (0-based) its fiscal year starts in
        index = (published - first) // 3  # the quarter publication falls in, counted in its calendar
        if ahead and ((n - 1) - index) % 4 <= _AHEAD_REACH:
            index += ((n - 1) - index) % 4
        else:  # a quarter three ahead is no forecast ('4분기 매출은 예상치를 웃돌았다' in January)
            index -= (index - (n - 1)) % 4
        fy, q = divmod(index, 4)
        return f"FY{fy + 1}Q{q + 1}" if fiscal_end != 12 else f"{fy}Q{q + 1}"

    def last_quarter(self, back: int) -> str | None:
        """The quarter reported last before publication ("지난 분기"), or `back` quarters before it."""
        if self.year is None:
            return None
        published = self.year * 12 + self.month - 1
        index = (published - self.fiscal_end % 12) // 3 - 1 - back  # quarters since year 0, in its calendar
        fy, q = divmod(index, 4)
        if self.fiscal_end == 12:
            return f"{fy}Q{q + 1}"
        return f"FY{fy + 1}Q{q + 1}"


_FISCAL_YEAR_END: dict[str, int] = _VOCAB["fiscal_year_end"]
_QUARTER_OF_FOUR = re.compile(r"([1-4])\s?·\s?4\s?분기")  # "1·4분기": the older way to write 1분기
_AHEAD = re.compile(_alt(_VOCAB["ahead_words"]))
_PLANNED = re.compile(_alt(_VOCAB["planned_words"]))
_AHEAD_REACH = 2  # quarters: a forecast speaks of this quarter, the next or the one after
_CLAUSE_BREAK = re.compile(r"…|\.\.\.|[;·,]|다\.")  # a forecast word past these is another clause's


_CALENDAR_QUARTERS = frozenset(_VOCAB["calendar_quarters"]["companies"])


def fiscal_year_end(companies: Iterable[str | None]) -> int:
    """The month the fiscal year of the first of `companies` with its own calendar ends (12: none);
    negative when the press gives that company's bare quarters in the calendar year (Alibaba)."""
    for name in companies:
        if name and name in _FISCAL_YEAR_END:
            return -_FISCAL_YEAR_END[name] if name in _CALENDAR_QUARTERS else _FISCAL_YEAR_END[name]
    return 12


def fiscal_quarter_of(period: str | None, fiscal_end: int) -> str | None:
    """A calendar quarter as the fiscal quarter of a year ending in month `fiscal_end`
    ('2024Q2' for Microsoft, June: 'FY2024Q4'); anything else unchanged."""
    m = re.fullmatch(r"(\d{4})Q([1-4])", period or "")
    if m is None or not 1 <= fiscal_end <= 11:
        return period
    year, last_month = int(m.group(1)), 3 * int(m.group(2))
    fiscal_year = year if last_month <= fiscal_end else year + 1
    return f"FY{fiscal_year}Q{(last_month - fiscal_end - 1) % 12 // 3 + 1}"


_YEAR_MONTH = re.compile(r"^\d{4}-\d{2}")


@lru_cache(maxsize=1024)
def anchor_of(published: str | None, fiscal_end: int = 12) -> Anchor:
    """The anchor of a publication date and a fiscal calendar (cached: an article asks for it per sentence)."""
    year = publication_year(published)
    month = int(published[5:7]) if year is not None and published and _YEAR_MONTH.match(published) else 12
    return Anchor(year, month, abs(fiscal_end), bare_fiscal=fiscal_end > 0)


def publication_year(published: str | None) -> int | None:
    """The year of an ISO date/datetime string, or None when there is none or it is malformed."""
    if not published or not _YEAR_MONTH.match(published):
        return None
    return int(published[:4])


# '지난해 발표한 3년간 3800억위안', '2024년 2월 밝힌 향후 5년간': a plan's years count from when it was announced
_ANNOUNCED_BEFORE = re.compile(r"(?:(?P<y>\d{4})\s?년|(?<![가-힣])(?P<r>지난해|작년))(?:\s?\d{1,2}\s?월)?(?:에)?\s"
                               r"(?:발표한|밝힌|내놓은|공개한|내건)\s(?:향후\s)?$")


def _announced_year(m: re.Match[str], year: int) -> int | None:
    """The year a plan given as 'N년간' was announced, when the words before it say so (said in `year`)."""
    before = _ANNOUNCED_BEFORE.search(m.string, max(0, m.start() - 24), m.start())
    if before is None:
        return None
    return int(before.group("y")) if before.group("y") else year - 1


def _full_year(y1: int, y2: str) -> int:
    return int(y2) if len(y2) == 4 else (y1 // 100) * 100 + int(y2)


def _resolve(m: re.Match[str], anchor: Anchor) -> str | None:  # noqa: C901 - one branch per form
    g = m.groupdict()
    year = anchor.year
    if g["range"]:
        return _explicit_range(g, year)
    if g["fyspan"]:  # '2021~2023 회계연도': the fiscal years from the first to the last
        return f"FY{g['fs1']}-FY{_full_year(int(g['fs1']), g['fs2'])}"
    if g["fy"]:
        return f"FY{g['fy1'] or g['fy2'] or g['fy3']}" + (f"Q{g['fyq']}" if g["fyq"] else "")
    if g["relfy"]:
        fiscal_year = anchor.fiscal_year
        if fiscal_year is None:
            return None
        return f"FY{fiscal_year + _FISCAL_RELATIVE[g['rfw']]}" + (f"Q{g['rfq']}" if g["rfq"] else "")
    if g["span"]:
        return f"{g['y1']}-{_full_year(int(g['y1']), g['y2'])}"
    if g["runtil"]:  # '내년까지': from publication to next year
        return f"{year}-{year + _YEARS[''.join(g['ruw'].split())]}" if year is not None else None
    if g["until"]:
        end = int(g["uy"])
        return (f"{year}-{end}" if end > year else str(end)) if year is not None and end >= year else None
    if g["ypart"]:
        if g["ycq"]:
            return g["yy"]
        if g["ym"]:
            return _in_fiscal_quarters(_months_of(g["yy"], g["ym"]), anchor)
        return g["yy"] + (_HALVES[g["yhalf"]] if g["yhalf"] else f"Q{g['yq']}")
    if g["relpart"]:
        if year is None:
            return None
        base = year + _YEARS["".join(g["relp"].split())]
        if g["rcq"] or (g["rq"] and _UNTIL_AFTER.match(m.string, m.end())):
            return str(base)  # '지난해 1~3분기', '올해 3분기까지 집행한': the year so far
        if g["rm"]:
            return _in_fiscal_quarters(_months_of(str(base), g["rm"]), anchor)
        return f"{base}{_HALVES[g['rhalf']]}" if g["rhalf"] else f"{base}Q{g['rq']}"
    if g["months"]:  # '7~9월' alone: that quarter of the calendar, the one publication falls in or the last
        span = _months_of("", g["om"])
        if span is None or year is None:
            return None
        if span.startswith("H"):
            return f"{year}{span}"
        if not span:  # '1~9월 누적': the year whose third (or fourth) quarter is under way or last reported
            reported = anchor.quarter(3 if "9" in (g["om"] or "") else 4, fiscal=False)
            return reported[:4] if reported else None
        return _in_fiscal_quarters(anchor.quarter(int(span[1]), fiscal=False), anchor)
    if g["multi"]:
        if not g["lead"] and year is not None and _said_spent(m):  # '4년 동안 … 설비투자를 집행한 것으로': before
            return _multi_year(g, year - int(g["n"] or g["n2"] or 1))
        return _multi_year(g, (_announced_year(m, year) if year is not None else None) or year)
    if g["year"] or g["eyear"]:
        return g["y"] or g["ey"]
    if g["relpair"]:  # '올해와 내년': the two years, in order
        first, last = (_YEARS["".join(g[k].split())] for k in ("rp1", "rp2"))
        return f"{year + first}-{year + last}" if year is not None and first < last else None
    if g["rel"]:
        return str(year + _YEARS["".join(g["rel"].split())]) if year is not None else None
    if g["halfonly"]:
        return f"{year}{_HALVES[g['ohalf']]}" if year is not None else None
    if g["lastq"]:
        back = _VOCAB["quarter_relative"]["".join(g["lqw"].split())]
        planned = back == 0 and _said_ahead(m, _PLANNED)  # '이번 분기에 … 투입하겠다', not '예상치를 넘었다'
        return anchor.last_quarter(-1 if planned else back)
    if g["fq"]:
        return anchor.quarter(int(g["fqn"]))
    if g["qcum"]:  # '3분기까지 누적', '1~3분기': the year so far
        quarter = anchor.quarter(int(g["qcn"] or g["qcr"]), fiscal=anchor.bare_fiscal)
        return quarter.split("Q")[0] if quarter else None
    quarter = anchor.quarter(int(g["oq"]), ahead=_said_ahead(m), fiscal=anchor.bare_fiscal)
    if quarter and _UNTIL_AFTER.match(m.string, m.end()):
        return quarter.split("Q")[0]  # '3분기까지 1조5910억원을 투자했다': the year so far
    return quarter


_UNTIL_AFTER = re.compile(r"\s?까지")


_SPENT = re.compile(r"(?:집행|투자|투입|지출)(?:했|한\s것으로|해\s왔|해왔)|썼|들였|쏟아부었|쏟았")


def _said_spent(m: re.Match[str]) -> bool:
    """Does the sentence say, after the period, that the money was spent (past tense)?"""
    return _SPENT.search(m.string, m.end()) is not None and not _AHEAD.search(m.string, m.end())


def _said_ahead(m: re.Match[str], words: re.Pattern[str] = _AHEAD) -> bool:
    """Does the clause after the period speak of the future ("전망", "계획", "투입하겠다")?"""
    clause_end = _CLAUSE_BREAK.search(m.string, m.end(), m.end() + 40)
    return bool(words.search(m.string, m.end(), clause_end.start() if clause_end else m.end() + 40))


def _in_fiscal_quarters(period: str | None, anchor: Anchor) -> str | None:
    """A calendar quarter of months ('7~9월') as the fiscal quarter of a company that counts its quarters
    in its own fiscal year (Microsoft: FY2026Q1), as its bare quarters are."""
    if period and anchor.bare_fiscal and anchor.fiscal_end != 12 and "Q" in period:
        return fiscal_quarter_of(period, anchor.fiscal_end)
    return period


def _months_of(year: str, months: str) -> str | None:
    """'2024', '1~3' -> '2024Q1'; '7 ~ 12' -> 'H2' (None for months that are no quarter or half)."""
    span = _MONTH_SPANS.get(re.sub(r"\s", "", months).replace("∼", "~").replace("-", "~"))
    return f"{year}{span}" if span is not None else None


def _explicit_range(g: dict[str, str | None], year: int | None) -> str | None:
    """'2025년부터 2028년까지' -> 2025-2028; '내년부터 3년간' -> the 3 years from next year."""
    if g["ra"]:
        start = int(g["ra"])
    elif year is not None and g["rr"]:
        start = year + _YEARS["".join(g["rr"].split())]
    else:
        return None
    if g["rb"]:
        end = int(g["rb"])
    elif g["rbr"]:  # '2018년부터 작년까지'
        if year is None:
            return None
        end = year + _YEARS["".join(g["rbr"].split())]
    else:
        count = int(g["rn"] or 0)
        if count < 1 or count > 30:
            return None
        end = start + count - 1
    if end < start:
        return None
    return f"{start}-{end}" if end > start else str(start)


def _multi_year(g: dict[str, str | None], year: int | None) -> str | None:
    count = g["n"] or g["n2"]
    if year is None or count is None:
        return None
    n = int(count)
    if n < 1 or n > 30:
        return None
    return f"{year}-{year + n - 1}" if n > 1 else str(year)


_CUMULATIVE_AFTER = re.compile(r"\s?까지\s?(?:의\s)?누적")
_NUMBERED_YEAR = re.compile(r"(?<!\d)(\d{4})년도")


def find_periods(text: str, published: str | None, fiscal_end: int = 12) -> list[PeriodSpan]:
    """Every period expression of a text, in order, resolved against `published` (and the fiscal
    calendar of the company it is about, `fiscal_end` the month its fiscal year ends)."""
    anchor = anchor_of(published, fiscal_end)
    said = text  # the rewrites below keep every offset
    if "·" in text:  # 1·4분기
        text = _QUARTER_OF_FOUR.sub(lambda m: f"{m.group(1)}분기" + " " * (len(m.group(0)) - 3), text)
    if "년도" in text:  # '2028년도까지': a (fiscal) year, read as the year it is numbered by (same length)
        text = _NUMBERED_YEAR.sub(r"\1 년", text)
    spans: list[PeriodSpan] = []
    until: re.Match[str] | None = None  # the last match, when it was 'YYYY년까지'
    for m in anchored(_PERIOD, _ANCHOR, text):
        past = m.group("multi") is not None and _PAST.search(text, max(0, m.start() - 8), m.start())
        value = None if past else _resolve(m, anchor)
        if value and _CUMULATIVE_AFTER.match(text, m.end()) and re.fullmatch(r"(?:FY)?\d{4}Q[1-4]", value):
            value = value.split("Q")[0]  # '올해 3분기까지 누적': the year so far
        if m.group("multi") and spans and "-" in (spans[-1].value or "") and m.start() - spans[-1].end <= 2:
            value = spans[-1].value  # '2026년부터 2029년까지 4년간': the span counted again
            if until is not None and not past:  # '2030년까지 5년간' said in 2025: the five years that end in 2030
                end = int(until.group("uy"))
                value = f"{end - int(m.group('n') or m.group('n2')) + 1}-{end}"
                spans[-1] = replace(spans[-1], value=value)
        if m.group("multi") and not past:
            value = _fiscal_years_from(spans, text, m) or value
        until = m if m.group("until") else None
        spans.append(PeriodSpan(m.start(), m.end(), said[m.start() : m.end()], value))
    return spans


_FROM_THEN = re.compile(r"\s?(?:\([^()]*\))?\s?부터\s?")


def _fiscal_years_from(spans: list[PeriodSpan], text: str, m: re.Match[str]) -> str | None:
    """'2026회계연도(2026년 4월∼2027년 3월)부터 5년 동안': the five fiscal years from that one, FY2026-FY2030."""
    for span in reversed(spans):
        if _FROM_THEN.fullmatch(text, span.end, m.start()):
            fiscal = re.fullmatch(r"FY(\d{4})", span.value or "")
            years = _multi_year(m.groupdict(), int(fiscal.group(1))) if fiscal else None
            return "FY" + years.replace("-", "-FY") if years and "-" in years else None
        if span.start < m.start() - 40:
            return None
    return None


def resolve_period(text: str, published: str | None) -> str | None:
    """The period of the first period expression in `text` (None when there is none)."""
    for span in find_periods(text, published):
        return span.value
    return None


_WINDOW = _VOCAB["window"]
_POINT = (rf"(?:(?P<{{n}}y>\d{{{{4}}}})\s?년|(?P<{{n}}r>{_alt(w for w in _VOCAB['years'] if len(w) > 1)})"
          rf"|(?P<{{n}}now>{_alt(_WINDOW['now_words'])})|(?P<{{n}}m>오는)|(?=(?P<{{n}}mo>\d{{{{1,2}}}}\s?월)))"
          rf"(?:\s?(?:\d{{{{1,2}}}}\s?[월일]|말|초|중순?|[1-4]\s?분기|[상하]반기))*")
_FILING_WINDOW = re.compile(
    rf"(?:{_alt(_WINDOW['period_words'])})(?:은|는|이)?\s?(?:[^\s\d]+\s){{0,3}}?(?:{_POINT.format(n='a')})\s?(?:부터|~|∼|-)\s?"
    rf"(?:{_POINT.format(n='b')})"
)
# "투자 기간은 내년 7월 31일까지다": a window from the filing's day to its end; "투자 종료일도 2026년 12월
# 27일에서 2027년 6월 30일로 변경": the end it is moved to
_DATE_MOVED_FROM = r"(?:\d{4}\s?년(?:\s?\d{1,2}\s?월)?(?:\s?\d{1,2}\s?일)?\s?에서\s?)?"
_FILING_UNTIL = re.compile(
    rf"(?:{_alt(_WINDOW['period_words'])})(?:은|는|이|도)?\s?(?:[^\s\d]+\s){{0,3}}?{_DATE_MOVED_FROM}"
    rf"(?:{_POINT.format(n='b')})\s?(?:까지|로\s)"
)


# "투자는 이날부터 2년 동안 집행된다": from the filing's day, N years on (said in July 2025: 2025-2027)
_FROM_NOW_FOR = re.compile(rf"(?:{_alt(_WINDOW['now_words'])})\s?부터\s?(?P<n>\d{{1,2}})\s?년\s?(?:동안|간)")


def _point_year(m: re.Match[str], n: str, year: int) -> int | None:
    g = m.groupdict()
    if g[f"{n}y"]:
        return int(g[f"{n}y"])
    if g[f"{n}r"]:
        return year + _YEARS["".join(g[f"{n}r"].split())]
    return year if g[f"{n}now"] or g[f"{n}m"] or g[f"{n}mo"] else None  # today, 오는 N월, a bare month


def filing_window(sentences: Iterable[str], published: str | None) -> str | None:
    """A filing's spending window: "투자 기간은 2025년 3월부터 2027년 12월까지" -> 2025-2027, "투자 기간은
    내년 7월 31일까지" said in 2020 -> 2020-2021 (one per article)."""
    year = publication_year(published)
    if year is None:
        return None
    found = set()
    for sentence in sentences:
        for m in _FILING_WINDOW.finditer(sentence):
            start, end = _point_year(m, "a", year), _point_year(m, "b", year)
            if start is not None and end is not None and end >= start:
                found.add(f"{start}-{end}" if end > start else str(start))
        for m in _FROM_NOW_FOR.finditer(sentence):
            if 1 <= int(m.group("n")) <= 15:
                found.add(f"{year}-{year + int(m.group('n'))}")
        if not found:
            for m in _FILING_UNTIL.finditer(sentence):
                end = _point_year(m, "b", year)
                if end is not None and year <= end <= year + 15:
                    found.add(f"{year}-{end}" if end > year else str(year))
    return found.pop() if len(found) == 1 else None


_YEAR_POINT = (rf"(?:(?P<y>\d{{4}})\s?년|(?<![가-힣])(?P<r>{_alt(w for w in _VOCAB['years'] if len(w) > 1)}))"
               rf"(?:\s?(?:\d{{1,2}}\s?[월일]|말|초|중순?|[1-4]\s?분기|[상하]반기))*\s?(?:까지|중|내|께|경)?"
               r"(?!\s?(?:이후|以後|뒤로|넘어))")  # '완공 시점은 2030년 이후로 미뤄졌다': no target
_PROJECT_POINT = {
    kind: re.compile(rf"{_YEAR_POINT}\s?(?:[^\s\d.,]+\s){{0,2}}?(?:{_alt(_WINDOW[f'{kind}_words'])})")
    for kind in ("finish", "start", "run")
}
# "완공 목표 시점은 내년 9월이다": the finish word first
_FINISH_FIRST = re.compile(rf"(?:{_alt(_WINDOW['finish_words'])})\s?(?:목표\s?)?(?:시점|시기|예정\s?시기|예정일|목표)"
                           rf"(?:은|는|이)?\s?{_YEAR_POINT}")
# "2022년까지 … 제3공장을 신축한다", "2026년 1월부터 2027년 3월까지 장비를 순차적으로 들여와": built by a year
_BUILT_BY = re.compile(rf"(?<!\d)(?P<y>\d{{4}})\s?년(?:\s?\d{{1,2}}\s?월|\s?말|\s?[상하]반기)?\s?까지\s"
                       rf"(?:[^\s.,]+\s){{0,6}}?[^\s.,]*?(?:{_alt(_WINDOW['built_words'])})")
_FROM_YEAR = re.compile(r"(?<!\d)(?P<y>\d{4})\s?년(?:\s?\d{1,2}\s?월)?\s?부터\s?$")
_YEAR_POINT_RE = re.compile(_YEAR_POINT)
_PHASES = re.compile(r"[1-9]\s?(?:단계|차|기)(?=[는은의이가,\s]|$)")
_PHASE = re.compile(_alt(_WINDOW["phase_words"]))
_LONG_RUN = re.compile(_alt(_WINDOW["long_run_words"]))
PROJECT_REACH = 8  # sentences after a figure's own that may give its project's finish


def project_window(sentences: Iterable[str], published: str | None, heading: Iterable[str] = ()) -> str | None:
    """The span of the project that a figure's sentences (its own first, then the few after it) and
    the `heading` describe: from its announcement, or its stated start ("내년 3월 착공"), to the first
    target finish they give ("2027년 3분기 완공이 목표다"), else to when the plant starts running
    ("2026년 말 가동") as its own sentence, the next or the heading says (further away, readers differ).
    A finish before the announcement is the past, one phase's finish is not the plan's (all phases'
    is: "1단계는 2024년 말, 3단계는 2026년 말 준공"), and the long run has no span."""
    year = publication_year(published)
    sentences, heading = list(sentences), list(heading)
    if year is None or not sentences or _LONG_RUN.search(sentences[0]):
        return None
    for kinds, where in ((("finish", "finish_first", "built_by"), sentences + heading),
                         (("run",), sentences[:2] + heading)):
        for sentence in where:
            ends = [e for e in (_year_of(m, year) for kind in kinds for m in _finishes(kind, sentence))
                    if year <= e <= year + 10]
            if ends and len(set(_PHASES.findall(sentence))) > 1:  # '1단계는 2024년 말, …, 3단계는 2026년 말 준공'
                ends = [e for e in (_year_of(m, year) for m in _YEAR_POINT_RE.finditer(sentence))
                        if year <= e <= year + 10]
            elif _PHASE.search(sentence):
                ends = []  # '첫 번째 팹은 2027년 5월 준공': one phase
            if not ends:
                continue
            end = max(ends)
            starts = [_year_of(s, year) for s in _PROJECT_POINT["start"].finditer(sentence)]
            starts += [int(f.group("y")) for b in _BUILT_BY.finditer(sentence)
                       if (f := _FROM_YEAR.search(sentence, max(0, b.start() - 20), b.start()))]
            start = min([s for s in starts if year - 1 <= s <= end], default=year)
            return f"{start}-{end}" if end > start else str(end)
    return None


def _finishes(kind: str, sentence: str) -> Iterator[re.Match[str]]:
    pattern = {"finish_first": _FINISH_FIRST, "built_by": _BUILT_BY}.get(kind) or _PROJECT_POINT[kind]
    return pattern.finditer(sentence)


def _year_of(m: re.Match[str], year: int) -> int:
    return int(m.group("y")) if m.group("y") else year + _YEARS["".join(m.group("r").split())]
