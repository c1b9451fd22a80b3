"""The same money figure stated twice in one article, reported once.

Owns: the same company/amount/currency/kind stated again (a headline and the body, whose
kind is capex when either statement says so, else the body's; a
period missing in one statement is taken from the other, and the evidence is the body's
sentence, which states the figure with its context, not the headline), a rounded restatement of it
within ROUNDING_TOLERANCE ("284억 투자" for 284억8000만 원), a KRW restatement of a figure
whose bracketed conversion it matches within RESTATEMENT_TOLERANCE (3800억 위안(약 74조 원)
... 74조 원), and a figure with no company that restates a named one (whose missing period it gives). Pure.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from crawler.figures.korean.amounts import find_amounts
from crawler.models import Mention

RESTATEMENT_TOLERANCE = 0.02
ROUNDING_TOLERANCE = 0.01
APPROX_TOLERANCE = 0.05  # an approximate restatement ('약 4조5000억원', '4조원대 중반') of a precise figure
_SEGMENT_BREAK = re.compile(r"…|\.\.\.|\|")  # a headline's next segment, often about another company
AT_LEAST_REACH = 0.25  # '1조원 넘는' restates 1조1605억원 (at most a quarter more)


def _close(a: int | None, b: int | None) -> bool:
    return a is not None and b is not None and b != 0 and abs(a - b) <= RESTATEMENT_TOLERANCE * abs(b)


def _same_figure(a: Mention, b: Mention) -> bool:
    return (a.company, a.currency, a.amount, a.amount_max, a.vague) == (
        b.company, b.currency, b.amount, b.amount_max, b.vague
    ) and _same_kind(a, b) and (a.period == b.period or a.period is None or b.period is None)


def _same_kind(a: Mention, b: Mention) -> bool:
    """The same kind, or a precise figure ('2980억원') read as capex once and as no kind in particular
    ('other') when it is stated again ('최종 투자액은 2980억원으로 늘고')."""
    return a.kind == b.kind or ({a.kind, b.kind} == {"capex", "other"} and a.amount is not None
                                and _significant(a.amount) >= 3)


def _headline_then_body(first: Mention, later: Mention, headline: frozenset[str]) -> bool:
    """A headline's figure the body states again, whatever kind the headline's few words gave it
    ('50억달러 더 쏟는다' then '데이터센터를 짓는 등 총 50억달러를 투자')."""
    return first.evidence in headline and later.evidence not in headline and (
        first.currency, first.amount, first.amount_max, first.vague) == (
        later.currency, later.amount, later.amount_max, later.vague
    ) and (first.company == later.company or _named_against_inferred(first, later)) and (
        first.period == later.period or first.period is None or later.period is None
        or _within(first.period, later.period) or _fiscal_of(first.period, later.period)
        or _same_end(first.period, later.period) or _target_after(first.period, later.period))


def _target_after(headline_year: str, body_span: str) -> bool:
    """A headline's year that comes right after the body's span: the goal the spending is for ('쿠팡, 3조 쏟아
    2027년 전국 쿠세권' for '올해부터 2026년까지 … 3조원 이상을 투자')."""
    year, span = re.fullmatch(r"\d{4}", headline_year), re.fullmatch(r"\d{4}-(\d{4})", body_span)
    return bool(year and span and int(headline_year) == int(span.group(1)) + 1)


def _named_against_inferred(headline: Mention, body: Mention) -> bool:
    """Does the headline open with its figure's company and state that one figure in its first segment
    ('이노스페이스, 고흥에 253억 들인 …') where the body's sentence names no company, its company inferred
    from the article ('시험장에는 민간 자본 253억원이 투입됐다')?"""
    if headline.company is None or body.company in (None, headline.company) or _written_in(body) \
            or (headline.company_ko or "").endswith("그룹"):  # '동원그룹, …': a group stands for its affiliate
        return False
    title = headline.evidence.lstrip("[‘'\"“")
    return bool(headline.company_ko) and title.startswith(headline.company_ko or "") and _one_opening_figure(title)


@lru_cache(maxsize=256)
def _one_opening_figure(title: str) -> bool:
    """Does the headline state one figure, in its first segment (the opening company's own)?"""
    figures = find_amounts(title)
    return len(figures) == 1 and not _SEGMENT_BREAK.search(title, 0, figures[0].start)


def _written_in(m: Mention) -> bool:
    names = [n for n in re.split(r"[·,+]", m.company_ko or "") if n]
    return bool(names) and all(n in m.evidence for n in names)


def _same_end(headline_span: str, body_span: str) -> bool:
    """Plans to the same year: a headline's '2030년까지' (from the publication year) and the body's
    '2030년까지 5년간' (the five years that end then)."""
    ends = [re.fullmatch(r"\d{4}-(\d{4})", p) for p in (headline_span, body_span)]
    return all(ends) and ends[0].group(1) == ends[1].group(1)  # type: ignore[union-attr]


def _fiscal_of(year: str, fiscal: str) -> bool:
    """Is `fiscal` the company's own year (or years) that a headline called by the calendar ('올해 설비투자
    350억달러' for Oracle's FY2026, which runs from June 2025; '3년간' for FY2027-FY2029 said in 2026)?"""
    calendar = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", year)
    own = re.fullmatch(r"FY(\d{4})(?:-FY(\d{4}))?", fiscal)
    if not (calendar and own) or bool(calendar.group(2)) != bool(own.group(2)):
        return False
    shift = int(own.group(1)) - int(calendar.group(1))
    return 0 <= shift <= 1 and (not own.group(2) or int(own.group(2)) - int(calendar.group(2)) == shift)


def _within(part: str, whole: str) -> bool:
    """Is `part` a quarter or half of the year `whole` ('FY2025Q4' of 'FY2025'): a headline figure that took
    the lead's reporting quarter, which the body states for the whole year ('회계연도 인프라 지출 880억달러')?"""
    return part.startswith(whole) and part[len(whole) : len(whole) + 1] in ("Q", "H")


def _told_better_in_the_body(m: Mention, kept: list[Mention], headline: frozenset[str],
                             opening: frozenset[str] = frozenset()) -> bool:
    """A headline's figure that the body gives to another company ('딥시크 충격 속 … "800억달러 투자
    약속은 그대로"' and 'MS는 … 800억 달러를 투자하겠다는 약속을 유지'), or one end of a range the body
    gives later, said in the headline or the lead ('최대 1350억달러를 쏟아붓겠다'): the body's reading stands."""
    if m.amount is None or m.evidence not in headline | opening:
        return False
    return any(b.evidence not in headline and b.company is not None and not _named_against_inferred(m, b) and (
        (m.evidence in headline and b.company != m.company
         and (b.currency, b.amount, b.amount_max) == (m.currency, m.amount, m.amount_max))
        or (b is not m and _an_end_of(m, b)
            and (m.evidence in headline or not _OTHERS_ESTIMATE.search(b.evidence or ""))))
        for b in kept)


# '약 8조원을 들여' in the lead is its own figure when the body's range is others' estimate ('업계는 … 7조∼8조원 …
# 분석한다'); '280억달러에서 320억달러 사이로' then the CFO's '280억~320억달러' is one range
_OTHERS_ESTIMATE = re.compile(
    r"업계는|업계에서는|증권가는|증권업계는|시장에서는|전문가들은|분석한다|추정된다|추산된다|관측된다")


def _with_headline_periods(kept: list[Mention], told_better: list[Mention]) -> list[Mention]:
    """The mentions without those the body tells better; a headline figure naming no company still gives its
    period to the body's statement of it that has none ('…2024년까지 2100억 투입' and '사업비는 2100억원이
    투입된다')."""
    out = []
    for m in kept:
        if m in told_better:
            continue
        source = next((h for h in told_better if h.company is None and h.period and m.period is None
                       and (h.currency, h.amount, h.amount_max) == (m.currency, m.amount, m.amount_max)), None)
        out.append(replace(m, period=source.period) if source else m)
    return out


def _an_end_of(m: Mention, body: Mention) -> bool:
    """'연 50억달러 투자' or '올해 최대 420억달러' in a headline, '380억~420억 달러' in the body: the range
    stated again (in its period, or in none)."""
    return (body.amount_max is not None and m.amount_max is None and m.period in (None, body.period)
            and (m.company, m.currency) == (body.company, body.currency) and m.amount in (body.amount, body.amount_max))


def _completed(first: Mention, later: Mention, headline: frozenset[str]) -> Mention:
    from_body = first.evidence in headline and later.evidence not in headline
    return replace(
        first,
        kind=(later.kind if from_body and later.kind in ("revenue", "profit", "market_cap")  # the body's results
              else "capex" if "capex" in (first.kind, later.kind) else later.kind if from_body else first.kind),
        period=later.period if from_body and later.period else first.period or later.period,
        qualifier=later.qualifier if first.qualifier == "exact" else first.qualifier,
        conversions=first.conversions or later.conversions,
        evidence=later.evidence if from_body else first.evidence,
    )


def _restates(m: Mention, other: Mention, opening: frozenset[str] = frozenset(),
              headline: frozenset[str] = frozenset()) -> bool:
    """m states other's figure again: as its conversion (of the same kind, unless said in the headline or lead,
    which name less: not '제천에는 1000억원을 들여' for a cost of '8700만달러(약 983억원)'), or without
    naming the company."""
    if other is m or m.vague:
        return False
    if m.company not in (None, other.company):
        return False
    # a headline or lead rounds the body's figures, and a headline the lead's
    loosely = (m.evidence in opening and other.evidence not in opening) or (
        m.evidence in headline and other.evidence not in headline)
    if (m.kind == other.kind or loosely) and any(
            c.currency == m.currency and (_close(m.amount, c.amount) or (loosely and _rounds(m.amount, c.amount)))
            for c in other.conversions):
        return True  # '바이트댄스, 말레이시아에 3조원 들여' for '100억링깃(약 2조9000억원)'
    if _rounded(m, other, loosely=loosely):
        return True
    return m.company is None and other.company is not None and m.currency == other.currency and _close(
        m.amount, other.amount
    )


def _rounded(m: Mention, other: Mention, *, loosely: bool = False) -> bool:
    """m is other's figure rounded: same company, currency, kind and period, fewer significant digits, within
    1%; `loosely` (m is said in the headline or lead, which round the body's figures) an approximate one
    within 5%, '…넘는' at most a quarter below, an exact one as _rounds has it."""
    if m.company is None or (m.company, m.currency, m.kind) != (other.company, other.currency, other.kind):
        return False
    if m.amount is None or other.amount is None or m.amount_max or other.amount_max:
        return False
    if _significant(m.amount) >= _significant(other.amount) or (m.period and other.period and m.period != other.period):
        return False
    if loosely and m.qualifier == "approx":  # '4조원대 중반' for 4조3345억원
        return abs(m.amount - other.amount) <= APPROX_TOLERANCE * abs(other.amount)
    if loosely and m.qualifier == "at_least":  # '1조원 넘는' for 1조1605억원
        return m.amount <= other.amount <= (1 + AT_LEAST_REACH) * m.amount
    if loosely and _significant(m.amount) > 1 and _cut(m.amount, other.amount):
        return True  # '엘앤에프, 대구에 2.5조 쏟아' for 2조5500억원: cut at its last digit
    return abs(m.amount - other.amount) <= ROUNDING_TOLERANCE * abs(other.amount)


def _rounds(headline: int | None, precise: int | None) -> bool:
    """Is `headline` `precise` with fewer digits, within APPROX_TOLERANCE ('3조원' for '약 2조9000억원'), or
    cut at its last digit ('21조원' for '21조5280억원', '3조원 가까운' for '2조8000억원': within half a unit of
    that digit below it and a whole unit above)?"""
    if headline is None or precise is None or _significant(headline) >= _significant(precise) or headline <= 0:
        return False
    unit = _last_digit_unit(headline)
    return abs(headline - precise) <= APPROX_TOLERANCE * abs(precise) or (
        headline - unit / 2 <= precise < headline + unit and _significant(headline) <= 2)


def _cut(headline: int, precise: int) -> bool:
    """Is `headline` `precise` cut after its last digit (2.5조 for 2조5500억원)?"""
    return headline <= precise < headline + _last_digit_unit(headline)


def _last_digit_unit(amount: int) -> int:
    """The place value of a figure's last nonzero digit (1000억 for 2.5조)."""
    return 10 ** (len(str(amount)) - len(str(amount).rstrip("0")))


def _significant(amount: int) -> int:
    return len(str(amount).rstrip("0"))


def dedupe_mentions(mentions: list[Mention], headline: frozenset[str] = frozenset(),
                    opening: frozenset[str] = frozenset()) -> list[Mention]:
    """The same figure once: the first statement, completed by a later one (period, qualifier,
    conversion) when a headline gave less ("47조 투자" then "47조 원 이상을 투입"); a figure
    the body states again cites the body's sentence, not the `headline`'s; the headline and lead
    (`opening`) round the body's figures more loosely ("4조원대 중반" for 4조3345억원)."""
    kept: list[Mention] = []
    for m in mentions:
        for j, k in enumerate(kept):
            if _same_figure(m, k) or _headline_then_body(k, m, headline):
                kept[j] = _completed(k, m, headline)
                break
        else:
            kept.append(m)
    kept = _with_headline_periods(kept, [m for m in kept if _told_better_in_the_body(m, kept, headline, opening)])
    dropped: set[int] = set()
    for i, m in enumerate(kept):
        for j, other in enumerate(kept):
            if i == j or j in dropped or not _restates(m, other, opening, headline):
                continue
            if j > i and _restates(other, m, opening, headline):
                continue  # each restates the other: keep the earlier
            dropped.add(i)
            if other.period is None and m.kind == other.kind:
                kept[j] = replace(other, period=m.period)  # '4900억 데이터센터', then '2026년까지 … 4900억원을 들여'
            break
    return [m for i, m in enumerate(kept) if i not in dropped]
