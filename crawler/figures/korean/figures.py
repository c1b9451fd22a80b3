"""A sentence with money figures, and the period each of its figures belongs to.

Owns `FigureSentence` (the sentence's figures, company groups, kind cues and periods, as
found once) and the period choice for one figure: the nearest period in its own clause
before it, else one right after it ("$52.5 billion in 2024", "3800억 위안을 향후 3년간"),
else the nearest earlier one of the sentence, else one later in its own clause (up to a
comma), else the period after a figure listed with it ("아마존은 1000억 달러, MS는 800억
달러를 올해"). "전년 동기(67억 달러)" is a year earlier. Comparisons (지난해보다), the period
of a compared figure ("올해 4조 원보다") and glosses in brackets are not other figures'
periods. Words are crawler/data/mentions.toml [words].
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from crawler.figures.korean.amounts import MoneyAmount
from crawler.figures.korean.companies import CompanyHit
from crawler.figures.korean.kinds import Cue
from crawler.figures.korean.periods import PeriodSpan, find_periods
from crawler.figures.korean.subjects import Group
from crawler.figures.korean.vocab import load_vocab

_WORDS = load_vocab("mentions")["words"]
_COMPARATIVE = re.compile(_WORDS["comparative"])
_SAID_WHEN = re.compile(_WORDS["said_when"])
# '지난해 12월 2분기 실적 발표 때 연간 자본지출 전망을': the calendar year of a results briefing is no
# year of a company whose fiscal year is another
_SAID_LATER_WHEN = re.compile(r"\s?\d{1,2}\s?월(?:\s?[1-4]\s?분기)?\s?실적\s?발표\s?(?:때|당시|에서)")
_LIST_GAP = re.compile(_WORDS["list_gap"])
# '올해 자본지출 전망치를 지난 분기 제시한 26억달러에서': the quarter an earlier guidance was given in
# '2021년 동탄 센터 건립 계획을 밝히며 … 1조원': the year a plan was announced, not when its money is spent
_PLAN_ANNOUNCED_THEN = re.compile(r"(?:\s?\d{1,2}\s?월)?(?:\s[^\s,.\d]+){0,4}\s계획을\s"
                                  r"(?:밝히며|발표하며|내놓으며|공개하며)\s")
_GUIDED_THEN = re.compile(r"(?:에)?\s(?:제시한|제시했던|발표한|발표했던|내놓은|내놨던)\s")
_YEAR_AGO = re.compile(_WORDS["year_ago"])
_ANNUAL = re.compile(_WORDS["annual"])
_SAME_PERIOD = re.compile(_WORDS["same_period"])
_SUB_YEAR = re.compile(r"^((?:FY)?\d{4})[QH]\d$")  # a quarter or half, and its year (FY2025Q4: FY2025)
_SAME_TIME = re.compile(r"\s?(?:같은\s?(?:기간|분기|달)|동기)")  # '지난해 같은 기간보다': compared with
# '2025년 준공을 목표로 5750억원을 투자': the year a project ends, not the figure's period (the
# project's span is read later, crawler.figures.article)
# '2025년 완공 목표', and a headline's '…2025년 본사 이전', '2027년 가동…': the target of a project
_TARGET_FINISH = re.compile(r"\s?(?:말|초|중|상반기|하반기|[1-4]\s?분기|\d{1,2}\s?월)?\s?(?:까지\s)?"
                            r"(?:(?:완공|준공|가동|양산)(?:을|이|은|하는|할|된|되는|되면|한)?\s?(?:목표|예정|계획)"
                            r"|(?:완공|준공|가동|양산|(?:본사|사옥)\s?(?:이전|입주))(?=\s?(?:…|\.\.\.|$)))")
_FINISH_WORDS = ("완공", "준공", "가동", "양산", "이전", "입주")  # every _TARGET_FINISH match holds one
# '올해 4분기 본격적인 건설에 착수하고 2025년 완공할 예정': the start of a project that has a target finish
_STARTS = re.compile(r"\s?(?:말|초|중|상반기|하반기|[1-4]\s?분기|\d{1,2}\s?월)?(?:에)?\s?(?:[^\s\d.,]+\s){0,2}?"
                     r"(?:착공|착수|공사에\s들어가|첫\s삽)")
# '완공 일정을 2030년 이후로 미뤘다': a date put off to, not the figure's period
_PUT_OFF = re.compile(r"\s?(?:이후|以後)?(?:로|으로)\s?(?:미뤘|미뤄|미룬|연기|늦춰|늦췄|지연)")
_UNTIL_DONE = re.compile(r"(?:\s?\d{1,2}\s?월|\s?말)?\s(?:[^\s.,]+\s){0,3}?"
                         r"(?:끝날|끝나는|마칠|마치는|완료될|완공될|준공될)\s때까지")
_PART = re.compile(r"\d{4}([QH][1-4])")
_ANNOUNCED = re.compile(r"\s?(?:에|에는)?\s?(?:발표|밝혔|밝힌|공개|내놓)")
_FINISHED = re.compile(r"(?:\s?\d{1,2}\s?월)?(?:\s?\d{1,2}\s?일)?(?:\s?말)?(?:에)?\s?"
                       r"(?:준공|완공|완료|가동)(?:했|됐|되었|하며|해)")  # a finish in the past
_SINCE = re.compile(r"(?:\s?\d{1,2}\s?월)?(?:\s?\d{1,2}\s?일)?\s?(?:부터"
                    r"(?!\s?(?:\d{4}\s?년|올해|내년|작년|지난해)[^,.]{0,12}까지)"  # no end follows
                    r"|[^,.]{0,20}\s이후\s(?:지금|현재)까지"  # '2012년 국내에 진출한 이후 지금까지'
                   # '2020년 이후 드레스덴에 약 20억 달러를 투자했으며'
                   r"|\s?이후(?:로)?\s(?=[^,.]{0,40}(?:투자했|투입했|들였|집행했|쏟아부었)))")
_FROM_FIGURE = re.compile(r"\s(?:약\s?)?[\d,.]+\s?(?:[조억만천]\s?[\d,.]*\s?)*(?:원|달러|위안|엔|유로)?(?:에서|보다)\s")
# '349억달러로 직전 분기인 … 4분기의 242억달러에서', '2120억원으로 지난해 같은 기간 2780억원보다'
_OF_THE_NEXT_FIGURE = re.compile(r"(?:[^,.]{0,25}의|\s?(?:같은\s?(?:기간|분기|달)|동기)(?:의|인|엔|에는|에)?)"
                                 r"\s(?:약\s)?")
_RIGHT_AFTER = 6  # characters between a figure and a period that belongs to it ("을 향후", " in ")


@dataclass(frozen=True)
class FigureSentence:
    """One sentence with money figures and what was found around them."""

    text: str
    published: str | None
    amounts: list[MoneyAmount]
    groups: list[Group]
    cues: list[Cue]
    periods: list[PeriodSpan]
    hits: list[CompanyHit]
    fiscal_end: int = 12  # the month the fiscal year of the sentence's company ends

    @property
    def has_companies(self) -> bool:
        return bool(self.hits)

    def clause_start(self, i: int) -> int:
        """Where figure i's clause starts: after the figure before it."""
        return self.amounts[i - 1].tail_end if i else 0


def sentence_periods(text: str, published: str | None, fiscal_end: int = 12) -> list[PeriodSpan]:
    """The periods of a sentence that may belong to its figures (no glosses, no comparisons)."""
    finish = _TARGET_FINISH.search(text) if any(word in text for word in _FINISH_WORDS) else None
    periods = [p for p in find_periods(text, published, fiscal_end)
               if (not _in_brackets(text, p.start) or text.endswith(_PLAN_GLOSSED, 0, text.rfind("(", 0, p.start) + 1))
               and not _compared_with(text, p.end) and not _SAID_WHEN.match(text, p.end)
               and not (re.search(r"Q\d$", p.value or "") and _GUIDED_THEN.match(text, p.end))
               and not (re.fullmatch(r"\d{4}", p.value or "") and _PLAN_ANNOUNCED_THEN.match(text, p.end))
               and not (fiscal_end != 12 and _SAID_LATER_WHEN.match(text, p.end))
               and not _TARGET_FINISH.match(text, p.end) and not _PUT_OFF.match(text, p.end)
               and not (finish and p.end <= finish.start() and _STARTS.match(text, p.end))]
    periods = [_until_done(_since(p, text, published), text, published) for p in periods]
    return [_same_part_as(p, periods[k - 1], text) if k else p for k, p in enumerate(periods)]


def _compared_with(text: str, end: int) -> bool:
    """Is the period ending at `end` what a figure is compared with ("지난해보다", "지난해 같은 기간보다")?"""
    same_time = _SAME_TIME.match(text, end)
    return bool(_COMPARATIVE.match(text, same_time.end() if same_time else end))


def _since(period: PeriodSpan, text: str, published: str | None) -> PeriodSpan:
    """'지난해 6월부터 공사를 진행하며 4016억원을 투입해': a past year the spending started in, with no
    end, runs to the publication year."""
    year = published[:4] if published else None
    if year is None or not re.fullmatch(r"\d{4}", period.value or "") or not (period.value or "") < year:
        return period
    return replace(period, value=f"{period.value}-{year}") if _SINCE.match(text, period.end) else period


def _until_done(period: PeriodSpan, text: str, published: str | None) -> PeriodSpan:
    """'2026년 1단계 공사가 끝날 때까지 약 830억엔이 들어갈 전망': from publication until then."""
    year = published[:4] if published else None
    if year is None or not re.fullmatch(r"\d{4}", period.value or "") or not _UNTIL_DONE.match(text, period.end):
        return period
    return replace(period, value=f"{year}-{period.value}") if (period.value or "") > year else period


def _same_part_as(period: PeriodSpan, before: PeriodSpan, text: str) -> PeriodSpan:
    """'지난해 상반기 1조3984억원에서 올해 1조945억원으로': a bare year set against a half or quarter
    of another year right before it is the same half or quarter of its own."""
    part = _PART.fullmatch(before.value or "")
    if not part or not re.fullmatch(r"\d{4}", period.value or "") or not _FROM_FIGURE.fullmatch(
            text[before.end : period.start]):
        return period
    return replace(period, value=f"{period.value}{part.group(1)}")


# a plan glossed with its span: '9차 계획(2019~2034년)에서 잡았던 29조원'
_PLAN_GLOSSED = ("계획(", "사업(", "프로젝트(")


def _in_brackets(text: str, at: int) -> bool:
    """A period inside (...) glosses the one before it: 2025 회계연도(2024년 7월~2025년 6월)."""
    return text.rfind("(", 0, at) > text.rfind(")", 0, at)


def period_for(s: FigureSentence, i: int) -> str | None:
    """Figure i's own period; a year earlier after "전년 동기" ("전년 동기(67억 달러)"); the whole
    year of a quarter named before it when its own clause says 연간 ("4분기 16조, 연간 53조")."""
    period = _respective_period(s, i) or _own_period(s, i)
    if is_year_ago(s, i):
        at = s.amounts[i].start
        last_year = year_earlier(_year(s))
        if any(at - 14 <= p.start and p.end <= at and p.value == last_year for p in s.periods):
            return None  # '지난해 같은 기간 4조원': the story's period a year before (the caller carries it)
        return year_earlier(period)
    return annual_of(s, i, period)


_JOINED = re.compile(r"(?:과|와|,)\s?$")
_RESPECTIVELY = re.compile(r"(?:에는|에|엔|은|는)?\s?각각\s")
_FIGURES_JOINED = re.compile(r"(?:을|를|이|가)?\s?(?:과|와|,)\s?$")


def _respective_period(s: FigureSentence, i: int) -> str | None:
    """'2023년과 2024년에는 각각 1403억원과 1134억원을': two periods, then each, then two figures in turn."""
    for first, second in zip(s.periods, s.periods[1:], strict=False):
        if not first.value or not second.value or not _JOINED.fullmatch(s.text[first.end : second.start]):
            continue
        each = _RESPECTIVELY.match(s.text, second.end)
        after = [j for j, a in enumerate(s.amounts) if each and a.start >= each.end()]
        if len(after) < 2 or not _FIGURES_JOINED.fullmatch(s.text[s.amounts[after[0]].tail_end :
                                                                   s.amounts[after[1]].start]):
            continue
        return {after[0]: first.value, after[1]: second.value}.get(i)
    return None


def _year(s: FigureSentence) -> str | None:
    return s.published[:4] if s.published else None


def annual_of(s: FigureSentence, i: int, period: str | None) -> str | None:
    """The year of `period` when figure i's own clause says it is a yearly figure (연간)."""
    sub_year = _SUB_YEAR.match(period or "")
    clause = s.text[s.clause_start(i) : s.amounts[i].start]
    own = any(s.clause_start(i) <= p.start < s.amounts[i].start for p in s.periods)
    return sub_year.group(1) if sub_year and not own and _ANNUAL.search(clause) else period


def same_period_word(s: FigureSentence, i: int) -> bool:
    """Does figure i's clause say it is of the period of the sentences before ("같은 기간", "연간으로는")?"""
    clause = s.text[s.clause_start(i) : s.amounts[i].start]
    if _SAME_PERIOD.search(clause) or _ANNUAL.search(clause):
        return True
    # '같은 기간 SK텔레콤은 1650억원, KT는 2894억원을': the next of a list continues the first's period
    return bool(i and _LIST_NEXT.match(s.text[s.amounts[i - 1].tail_end : s.amounts[i].start])
                and same_period_word(s, i - 1))


_LIST_NEXT = re.compile(r"(?:을|를|이|가)?,\s(?:[^\s,]+\s){1,2}$")


def is_year_ago(s: FigureSentence, i: int) -> bool:
    """Is figure i the same period a year earlier, a comparison ("전년 동기(67억 달러)"), or listed in
    the same bracket after one ("전년 4분기(DS 14조9000억원, 디스플레이 8000억원)")?"""
    if _YEAR_AGO.search(s.text, max(0, s.amounts[i].start - 16), s.amounts[i].start):
        return True
    if not i or not _in_brackets(s.text, s.amounts[i].start):
        return False
    opened = s.text.rfind("(", 0, s.amounts[i].start)
    return opened < s.amounts[i - 1].start and is_year_ago(s, i - 1)


def carried_period(s: FigureSentence, i: int, period: str | None) -> str | None:
    """The period of a figure continued by figure i; its year only for a yearly figure ("연간 … 전망치")."""
    sub_year = _SUB_YEAR.match(period or "")
    clause = s.text[s.clause_start(i) : s.amounts[i].start]
    return sub_year.group(1) if sub_year and _ANNUAL.search(clause) else period


def is_compared(s: FigureSentence, i: int) -> bool:
    """Is figure i only the term of a comparison ("직전 분기의 5.7억 달러보다", "전년 동기(67억 달러)")?"""
    return is_year_ago(s, i) or bool(_COMPARATIVE.match(s.text, s.amounts[i].tail_end))


def year_earlier(period: str | None) -> str | None:
    """'2025Q1' -> '2024Q1', '2025' -> '2024', 'FY2026Q2' -> 'FY2025Q2' (spans are left alone)."""
    year = re.match(r"(FY)?(\d{4})", period or "")
    if period and year and "-" not in period:
        return f"{year.group(1) or ''}{int(year.group(2)) - 1}{period[year.end():]}"
    return period


def _compared_elsewhere(s: FigureSentence, period: PeriodSpan, i: int) -> bool:
    """'올해 4조 원보다 줄인 2조 원': a period right before a compared figure is that figure's only."""
    return any(j != i and 0 <= amount.start - period.end <= 2 and _COMPARATIVE.match(s.text, amount.tail_end)
               for j, amount in enumerate(s.amounts))


def _from_start_to_finish(s: FigureSentence, then: PeriodSpan, end: PeriodSpan | None) -> str | None:
    """'2020년 10월 공사에 들어가 약 2400억원을 들여 2022년 5월 준공했다': from the start to the finish."""
    if end is None or not re.fullmatch(r"\d{4}", then.value or "") or not re.fullmatch(r"\d{4}", end.value or ""):
        return None
    finished = _FINISHED.match(s.text, end.end)
    return f"{then.value}-{end.value}" if finished and then.value < end.value else None  # type: ignore[operator]


_SINCE_START = re.compile(r"\s?(?:\d{1,2}\s?월\s?)?(?:착공|공사를\s시작|첫\s삽을\s뜬)\s?(?:한\s)?(?:이후|뒤|후)\s")
_SPENT_BY_NOW = re.compile(r"[이가을를]?\s(?:[^\s.]+\s)?(?:투입됐|투입되었|들어갔|들었|투자됐|투입했|들였)")


def _since_the_start(s: FigureSentence, start: PeriodSpan, i: int) -> str | None:
    """'2021년 착공 이후 약 3년 만으로, 총 2850억원이 투입됐다': spent from the start year until now."""
    year = _year(s)
    if not re.fullmatch(r"\d{4}", start.value or "") or year is None or not (start.value or "") < year:
        return None
    if not _SINCE_START.match(s.text, start.end) or not _SPENT_BY_NOW.match(s.text, s.amounts[i].tail_end):
        return None
    return f"{start.value}-{year}"


def _from_then_until(then: PeriodSpan, until: PeriodSpan | None) -> str | None:
    """'지난해 11월 … 32억달러를 들여 2027년까지': from the past year it was decided to the end it gives."""
    year = then.value or ""
    if until is None or not until.text.endswith("까지") or not re.fullmatch(r"\d{4}", year):
        return None
    span = re.fullmatch(r"(?:\d{4}-)?(\d{4})", until.value or "")  # '2027년까지' said in 2025 or in 2027
    return f"{year}-{span.group(1)}" if span and year < span.group(1) else None


def _announced_then(s: FigureSentence, until: PeriodSpan, when: PeriodSpan | None) -> str | None:
    """'2027년까지 … 7조8500억원을 투자하겠다는 계획을 2023년 발표했다': from the year the plan was announced."""
    span = re.fullmatch(r"(\d{4})-(\d{4})", until.value or "")
    if when is None or span is None or not until.text.endswith("까지") or not re.fullmatch(r"\d{4}", when.value or ""):
        return None
    announced = when.value or ""
    return f"{announced}-{span.group(2)}" if announced < span.group(1) and _ANNOUNCED.match(s.text, when.end) else None


def _of_the_next_figure(s: FigureSentence, i: int, period: PeriodSpan) -> bool:
    """'349억달러로 직전 분기인 2025 회계연도 4분기의 242억달러에서': a period naming the next figure's."""
    following = s.amounts[i + 1].start if i + 1 < len(s.amounts) else None
    return following is not None and _OF_THE_NEXT_FIGURE.fullmatch(s.text, period.end, following) is not None


_TO_DATE = re.compile(_WORDS["to_date"])


def so_far(s: FigureSentence, i: int) -> bool:
    """Does figure i's clause say it is a total to date ('지금까지 모두 300억유로를 쏟아부었다')?"""
    return _TO_DATE.search(s.text, s.clause_start(i), s.amounts[i].start) is not None


# a clause done before the figure's: '지난해 최대 이익을 올린 데 이어 … 1조원을 투입', '2019년 법인을 세운 뒤'
_CLAUSE_BEFORE_DONE = re.compile(r"(?:\s데|것에)\s이어\s|[한된]\s(?:뒤|후|다음)(?:에)?\s(?!지금까지|현재까지|이제까지)")


def _own_period(s: FigureSentence, i: int) -> str | None:
    amount = s.amounts[i]
    clause_start = max(s.clause_start(i), s.text.rfind(", ", 0, amount.start) + 1)
    limit = s.amounts[i + 1].start if i + 1 < len(s.amounts) else len(s.text)
    clause_end = s.text.find(",", amount.tail_end, limit)
    limit = clause_end if clause_end >= 0 else limit
    next_segment = s.text.find("…", amount.tail_end, limit)  # '분기 설비투자 115억달러…"다음 분기엔 …"'
    limit = next_segment if next_segment >= 0 else limit
    segment = max(s.text.rfind("…", 0, amount.start), s.text.rfind("...", 0, amount.start))
    periods = [p for p in s.periods if not _compared_elsewhere(s, p, i) and p.start > segment]  # '3분기 매출…가이던스
    preceding = [p for p in periods if p.end <= amount.start
                 and not _CLAUSE_BEFORE_DONE.search(s.text, p.end, amount.start)]  # '지난해 … 올린 데 이어'
    if preceding and so_far(s, i) and any(preceding[-1].end <= other.start < amount.start for other in s.amounts):
        preceding = []  # '2019년 50억유로 투자를 비롯해 지금까지 모두 300억유로': every year so far
    following = [p for p in periods if amount.tail_end <= p.start < limit and not _of_the_next_figure(s, i, p)]
    if preceding and preceding[-1].start >= clause_start:
        then_until = len(preceding) > 1 and preceding[-2].start >= clause_start and _from_then_until(
            preceding[-2], preceding[-1])  # '2022년 9월에는 … 2025년까지 1100억원을 들여'
        after = following[0] if following else None
        return then_until or _from_then_until(preceding[-1], after) or _announced_then(s, preceding[-1], after) \
            or _from_start_to_finish(s, preceding[-1], after) or _since_the_start(s, preceding[-1], i) \
            or preceding[-1].value
    if following and following[0].start - amount.tail_end <= _RIGHT_AFTER:
        return following[0].value
    if preceding:  # before a list's comma ('지난해 11월 충청남도, 당진시와 … 2027년까지'): the same reading
        after = following[0] if following else None
        return _since_the_start(s, preceding[-1], i) or _from_then_until(preceding[-1], after) or preceding[-1].value
    if following:
        return following[0].value
    listed_next = i + 1 < len(s.amounts) and _LIST_GAP.match(s.text[amount.tail_end : s.amounts[i + 1].start])
    return _own_period(s, i + 1) if listed_next else None
