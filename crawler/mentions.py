"""Money figures of an article -> Mention records (pure; periods anchored on article.published).

Owns the sentence walk: split paragraphs into sentences, find each sentence's figures
(crawler.korean.amounts), give each its company (crawler.korean.subjects, falling back to
the previous figure of the sentence, a pronoun such as "이 회사는", or a subject-less
clause continuing the article's company), its period (from its own clause first, then
the sentence; comparisons such as 지난해보다 and glosses in brackets are not periods) and
its kind (crawler.korean.kinds; a sentence without any cue continues the figure before
it, taking its kind and period). "X에서 Y로" reports Y with its direction, "X 중 Y" makes
Y a part of X. Then the same figure stated twice (headline and body, or a KRW restatement
of a converted foreign figure) is reported once (crawler.korean.duplicates).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from crawler.korean.amounts import MoneyAmount, find_amounts
from crawler.korean.companies import CompanyHit, find_companies
from crawler.korean.duplicates import dedupe_mentions
from crawler.korean.kinds import Cue, find_cues, kind_for
from crawler.korean.periods import PeriodSpan, find_periods
from crawler.korean.subjects import Group, Subject, attribute, company_groups, group_subject
from crawler.korean.trends import mentions_revision, qualitative_revision
from crawler.korean.vocab import load_vocab
from crawler.models import Article, Mention

_WORDS = load_vocab("mentions")["words"]
_SENTENCE_END = re.compile(r"[.!?](?:[\"'”’」』)\]]*)(?=\s|$)")
_PARTITIVE = re.compile(_WORDS["partitive"])
_PARTITIVE_LEAD = re.compile(_WORDS["partitive_lead"])
_PRONOUN = re.compile(_WORDS["pronoun"])
_TOPIC = re.compile(_WORDS["topic"])
_PLURAL_PRONOUN = re.compile(_WORDS["plural_pronoun"])
_LIST_GAP = re.compile(_WORDS["list_gap"])
_PLURAL_COUNT = {"two": 2, "three": 3, "four": 4}
_FIGURE_TOPIC = re.compile(_WORDS["figure_topic"])
_OBSERVER_TOPIC = re.compile(_WORDS["observer_topic"])
_NAME_BRACKET = re.compile(_WORDS["name_bracket"])
_GOVERNMENT_SUBJECT = re.compile(_WORDS["government_subject"])
_QUOTE_OPEN = re.compile(_WORDS["quote_open"])
_QUOTE_CREDIT = re.compile(_WORDS["quote_credit"])
_YEAR_AGO = re.compile(_WORDS["year_ago"])
_ANNUAL = re.compile(_WORDS["annual"])
_SUB_YEAR = re.compile(r"^(\d{4})[QH]\d$")
_EACH_AFTER = re.compile(_WORDS["each_after"])
_REVISION = re.compile(_WORDS["revision"])
_COMPARATIVE = re.compile(_WORDS["comparative"])
_RIGHT_AFTER = 6  # characters between a figure and a period that belongs to it ("을 향후", " in ")


@dataclass
class _State:
    """What a sentence may carry over from the ones before it."""

    known_company: Subject | None = None  # the last company of the sentences already scanned
    named_in: tuple[str, list] | None = None  # the last sentence naming companies, and its names
    unscanned: list[str] = field(default_factory=list)  # later sentences without figures, not scanned
    previous: list[Mention] = field(default_factory=list)  # figures of the previous sentence

    @property
    def last_company(self) -> Subject | None:
        """The company named last so far (sentences without figures are scanned only when asked)."""
        while self.unscanned:
            text = self.unscanned.pop()
            _remember_company(self, text, find_companies(text))
        return self.known_company

    @property
    def last_group(self) -> Subject | None:
        """The group of several companies named in the last sentence naming any company."""
        _ = self.last_company  # scan what is pending first
        if self.named_in is None:
            return None
        several = [g for g in company_groups(*self.named_in) if len(g.names) > 1]
        return group_subject(several[-1]) if several else None


@dataclass(frozen=True)
class _Sentence:
    text: str
    published: str | None
    amounts: list[MoneyAmount]
    groups: list[Group]
    cues: list[Cue]
    periods: list[PeriodSpan]
    hits: list[CompanyHit]

    @property
    def has_companies(self) -> bool:
        return bool(self.hits)


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of a paragraph: split after . ! ? (and closing quotes) before a space."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(paragraph):
        out.append(paragraph[start : m.end()].strip())
        start = m.end()
    out.append(paragraph[start:].strip())
    return [s for s in out if s]


def find_mentions(article: Article, *, qualitative: bool = False) -> list[Mention]:
    """Every money figure of the article, with company, period and kind, duplicates removed.

    With `qualitative`, an earlier capex plan revised without a figure ("투자를 당초 계획보다
    늘린다", "투자 계획을 상향 조정"; crawler.korean.trends) is also reported: a Mention with
    amount None and trend "up"/"down". A bare "투자 2배 확대" is growth, not a revision.
    """
    paragraphs = list(article.body)
    if article.title and article.title.strip() not in {p.strip() for p in paragraphs}:
        paragraphs.insert(0, article.title)
    state = _State()
    found: list[Mention] = []
    quoted: list[int] = []  # company-less figures of the previous sentence, a quote
    for paragraph in paragraphs:
        for sentence in split_sentences(paragraph):
            new = _sentence_mentions(sentence, article.published, state, qualitative)
            if quoted and not new and _QUOTE_CREDIT.search(sentence):
                _credit_quote(found, quoted, sentence)
            opens_quote = bool(_QUOTE_OPEN.match(sentence))
            quoted = [len(found) + k for k, m in enumerate(new) if m.company is None and opens_quote]
            found.extend(new)
    return dedupe_mentions(found)


def _credit_quote(found: list[Mention], quoted: list[int], sentence: str) -> None:
    """'"… 1조 원을 쏟겠다." 최수연 네이버 대표는 이같이 밝혔다.': the speaker's company gets the quote's figures."""
    hits = find_companies(sentence)
    subjects = attribute(sentence, company_groups(sentence, hits), 0, len(sentence))
    if not subjects or len(subjects) != 1 or subjects[0].company is None:
        return
    subject = subjects[0]
    for k in quoted:
        found[k] = replace(found[k], company=subject.company, members=subject.members, company_ko=subject.written)


def _sentence_mentions(text: str, published: str | None, state: _State, qualitative: bool) -> list[Mention]:
    amounts = find_amounts(text)
    if not amounts:
        state.previous = []
        return _revision_without_figure(text, published, state) if qualitative else _unscanned(text, state)
    hits = find_companies(text)
    periods = [p for p in find_periods(text, published)
               if not _in_brackets(text, p.start) and not _COMPARATIVE.match(text, p.end)]
    sentence = _Sentence(text, published, amounts, company_groups(text, hits), find_cues(text, hits),
                         periods, hits)
    named = _named_subjects(sentence)
    mentions: list[Mention] = []
    per_amount: list[list[Mention]] = []
    for i in range(len(amounts)):
        found = _amount_mentions(sentence, i, named[i], mentions, state)
        per_amount.append(found)
        mentions.extend(found)
    mentions = _apply_revisions(sentence, per_amount)
    _remember_company(state, text, hits)
    comparisons = [m for i, found in enumerate(per_amount) if _is_year_ago(sentence, i) for m in found]
    state.previous = [m for m in mentions if m not in comparisons]  # a later sentence continues these
    return mentions


def _unscanned(text: str, state: _State) -> list[Mention]:
    state.unscanned.append(text)
    return []


def _revision_without_figure(text: str, published: str | None, state: _State) -> list[Mention]:
    if not mentions_revision(text):
        return _unscanned(text, state)
    hits = find_companies(text)
    _remember_company(state, text, hits)
    if not hits:
        return []
    found = qualitative_revision(text, company_groups(text, hits), find_cues(text, hits),
                                 find_periods(text, published))
    return [found] if found else []


def _apply_revisions(s: _Sentence, per_amount: list[list[Mention]]) -> list[Mention]:
    """'750억 달러에서 850억 달러로': the first is the previous value; the second moved up or down."""
    out: list[Mention] = []
    for i, found in enumerate(per_amount):
        if i + 1 < len(per_amount) and _is_revision(s, i):
            continue
        if i and _is_revision(s, i - 1):
            old, new = s.amounts[i - 1].value, s.amounts[i].value
            if old is not None and new is not None and old != new:
                found = [replace(m, trend="up" if new > old else "down") for m in found]
        out.extend(found)
    return out


def _is_revision(s: _Sentence, i: int) -> bool:
    first, second = s.amounts[i], s.amounts[i + 1]
    return first.currency == second.currency and bool(_REVISION.match(s.text[first.tail_end : second.start]))


def _in_brackets(text: str, at: int) -> bool:
    """A period inside (...) glosses the one before it: 2025 회계연도(2024년 7월~2025년 6월)."""
    return text.rfind("(", 0, at) > text.rfind(")", 0, at)


def _remember_company(state: _State, text: str, hits: list) -> None:
    named = [h for h in hits if not h.in_gloss]
    if named:
        state.unscanned.clear()
        state.known_company = Subject(named[-1].name, named[-1].members, named[-1].written)
        state.named_in = (text, hits)


def _named_subjects(s: _Sentence) -> list[list[Subject] | None]:
    """Each figure's companies named in its own clause; "A와 B는 각각 X, Y" pairs them in order."""
    named: list[list[Subject] | None] = []
    for i, amount in enumerate(s.amounts):
        start = s.amounts[i - 1].tail_end if i else 0
        each_after = bool(_EACH_AFTER.match(s.text, amount.tail_end))
        named.append(_bracketed_after_name(s, amount) or _government_figure(s, start, amount.start)
                     or attribute(s.text, s.groups, start, amount.start, each_after=each_after))
    for i, subjects in enumerate(named):
        if not subjects or len(subjects) < 2 or _EACH_AFTER.match(s.text, s.amounts[i].tail_end):
            continue
        following = named[i + 1 : i + len(subjects)]
        if len(following) == len(subjects) - 1 and all(f is None for f in following):
            for k, subject in enumerate(subjects):
                named[i + k] = [subject]
    return named


def _bracketed_after_name(s: _Sentence, amount: MoneyAmount) -> list[Subject] | None:
    """'아마존(1000억 달러), MS(800억 달러)': the name right before the bracket."""
    for hit in s.hits:
        if not hit.in_gloss and hit.end < amount.start and _NAME_BRACKET.match(s.text[hit.end : amount.start]):
            return [Subject(hit.name, hit.members, hit.written)]
    return None


def _government_figure(s: _Sentence, start: int, end: int) -> list[Subject] | None:
    """A government subject of the clause, and no company as subject: the figure is no company's."""
    if not _GOVERNMENT_SUBJECT.search(s.text, start, end):
        return None
    in_clause = [g for g in s.groups if g.start >= start and g.end <= end]
    return None if any(g.role in ("subject", "etc") for g in in_clause) else [Subject(None)]


def _amount_mentions(
    s: _Sentence, i: int, subjects: list[Subject] | None, before: list[Mention], state: _State
) -> list[Mention]:
    amount = s.amounts[i]
    period = _period_for(s, i)
    part_of = _part_of(s, i, before, state)
    if part_of is not None:
        return [_mention(amount, s, Subject(part_of.company, part_of.members, part_of.company_ko),
                         _clause_kind(s, i) or part_of.kind, period or part_of.period)]
    carried = before[-1] if before else (state.previous[-1] if state.previous else None)
    if subjects is None:
        start = s.amounts[i - 1].tail_end if i else 0
        subjects = [_fallback_subject(s, start, amount, before, state)]
        if carried and _same_story(subjects[0], carried):
            period = period or _carried_period(s, i, carried)  # the same company's story goes on
    kind = kind_for(amount, s.cues)
    if kind is None:
        kind = carried.kind if carried else "other"
        period = period or (_carried_period(s, i, carried) if carried else None)
    return [_mention(amount, s, subject, kind, period) for subject in subjects]


def _clause_kind(s: _Sentence, i: int) -> str | None:
    """The kind a specific cue of the figure's own clause gives it ("이 가운데 연구개발(R&D)에 11조 원")."""
    start = s.amounts[i - 1].tail_end if i else 0
    own = [c for c in s.cues if not c.generic and c.start >= start and c.end <= s.amounts[i].start]
    return kind_for(s.amounts[i], own) if own else None


def _same_story(subject: Subject, carried: Mention) -> bool:
    """The figure's company is the one continued, or an aggregate including it ("두 회사의 합산")."""
    if subject.company is None or carried.company is None:
        return False
    return subject.company == carried.company or carried.company in (subject.members or ())


def _part_of(s: _Sentence, i: int, before: list[Mention], state: _State) -> Mention | None:
    """'8억 달러 중 3억 달러' / '이 중 30조 원': the figure is part of the one before."""
    amount = s.amounts[i]
    clause = s.text[s.amounts[i - 1].tail_end if i else 0 : amount.start]
    if i and before and (_PARTITIVE.match(clause) or _PARTITIVE_LEAD.search(clause)):
        return before[-1]
    if not i and state.previous and _PARTITIVE_LEAD.search(clause):
        return state.previous[-1]
    return None


def _fallback_subject(s: _Sentence, start: int, amount: MoneyAmount, before: list[Mention],
                      state: _State) -> Subject:
    """No company in the clause: the sentence's previous figure, a pronoun, or a continuation."""
    if before:
        last = before[-1]
        return Subject(last.company, last.members, last.company_ko)
    clause = s.text[start : amount.start]
    plural = _PLURAL_PRONOUN.search(clause)
    if plural:
        group = state.last_group
        count = _PLURAL_COUNT[plural.lastgroup or "two"]
        return group if group and group.members and len(group.members) == count else Subject(None)
    if _PRONOUN.search(clause) and state.last_company:
        return state.last_company
    if not s.has_companies and not _other_topic(s, start, clause) and state.last_company:
        return state.last_company
    return Subject(None)


def _other_topic(s: _Sentence, start: int, clause: str) -> bool:
    """Does the clause have a topic (X는) other than the figure's own noun (매출은, 설비투자는)?"""
    for m in _TOPIC.finditer(clause):
        at = start + m.start()
        if _FIGURE_TOPIC.search(clause, 0, m.end()) or _OBSERVER_TOPIC.search(clause, 0, m.end()):
            continue
        if not any(c.start < start + m.end() and at < c.end for c in s.cues):
            return True
    return False


def _carried_period(s: _Sentence, i: int, carried: Mention) -> str | None:
    """The period of the figure continued; its year only for a yearly figure ("연간 … 전망치")."""
    clause = s.text[s.amounts[i - 1].tail_end if i else 0 : s.amounts[i].start]
    sub_year = _SUB_YEAR.match(carried.period or "")
    return sub_year.group(1) if sub_year and _ANNUAL.search(clause) else carried.period


def _year_earlier(period: str | None) -> str | None:
    """'2025Q1' -> '2024Q1', '2025' -> '2024' (FY and spans are left alone)."""
    if period and period[:4].isdigit() and "-" not in period:
        return f"{int(period[:4]) - 1}{period[4:]}"
    return period


def _period_for(s: _Sentence, i: int) -> str | None:
    """The figure's own period (_own_period); a year earlier after "전년 동기" ("전년 동기(67억 달러)")."""
    period = _own_period(s, i)
    return _year_earlier(period) if _is_year_ago(s, i) else period


def _is_year_ago(s: _Sentence, i: int) -> bool:
    return bool(_YEAR_AGO.search(s.text, max(0, s.amounts[i].start - 12), s.amounts[i].start))


def _own_period(s: _Sentence, i: int) -> str | None:
    """The figure's period: the nearest one in its own clause before it, else one right after it
    ("$52.5 billion in 2024", "3800억 위안을 향후 3년간"), else the nearest earlier one of the
    sentence, else one later in its own clause (up to a comma)."""
    amount = s.amounts[i]
    clause_start = max(s.amounts[i - 1].tail_end if i else 0, s.text.rfind(", ", 0, amount.start) + 1)
    limit = s.amounts[i + 1].start if i + 1 < len(s.amounts) else len(s.text)
    clause_end = s.text.find(",", amount.tail_end, limit)
    limit = clause_end if clause_end >= 0 else limit
    preceding = [p for p in s.periods if p.end <= amount.start]
    following = [p for p in s.periods if amount.tail_end <= p.start < limit]
    if preceding and preceding[-1].start >= clause_start:
        return preceding[-1].value
    if following and following[0].start - amount.tail_end <= _RIGHT_AFTER:
        return following[0].value
    if preceding:
        return preceding[-1].value
    if following:
        return following[0].value
    listed_next = i + 1 < len(s.amounts) and _LIST_GAP.match(s.text[amount.tail_end : s.amounts[i + 1].start])
    return _own_period(s, i + 1) if listed_next else None


def _mention(amount: MoneyAmount, s: _Sentence, subject: Subject, kind: str, period: str | None) -> Mention:
    return Mention(
        company=subject.company, amount=amount.value, currency=amount.currency,
        qualifier="approx" if amount.vague and amount.qualifier == "exact" else amount.qualifier,
        period=period, kind=kind, evidence=s.text, members=subject.members, company_ko=subject.written,
        amount_max=amount.value_max, conversions=amount.conversions, vague=amount.vague,
    )
