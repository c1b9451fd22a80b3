"""Money figures of an article -> Mention records (pure; periods anchored on article.published).

Owns the sentence walk: split paragraphs into sentences, find each sentence's figures
(crawler.figures.korean.amounts), give each its company (crawler.figures.korean.subjects, falling back to
the previous figure of the sentence, a pronoun such as "이 회사는", "두 회사는" for the pair
named before, or a subject-less clause continuing the article's company; observers such as
"업계는" and the figure's own noun "투자 규모는" do not interrupt it; a quote's figures go to
the company of its credit line "… 이같이 밝혔다"), its period (crawler.figures.korean.figures) and
its kind (crawler.figures.korean.kinds; a sentence without any cue continues the figure before
it, taking its kind and period). "X에서 Y로" reports X as the previous value and Y with its direction, "X 중 Y" makes
Y a part of X. Then the same figure stated twice (headline and body, or a KRW restatement
of a converted foreign figure) is reported once (crawler.figures.korean.duplicates), and the
whole-article passes run (crawler.figures.article: clipped headline names, periods from the
filing window, the project's finish or the plan a figure is a part of).

Known limitation: a per-year figure over a span ("매년 10조 원씩 5년간", "연간 20조 원 규모를
3년간") is reported with the figure as written (10조) and the whole span as its period
(2025-2029); nothing in a Mention says "per year", so it reads as 10조 over five years. A
reader must check the evidence sentence; the total is not computed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from crawler.figures.article import deck, fullest_names, in_spending_window, one_name_each, sentences_naming_more
from crawler.figures.korean.amounts import MoneyAmount, country_currency, find_amounts, may_hold_a_figure
from crawler.figures.korean.companies import CompanyHit, find_companies
from crawler.figures.korean.duplicates import dedupe_mentions
from crawler.figures.korean.figures import (
    FigureSentence,
    annual_of,
    carried_period,
    is_compared,
    is_year_ago,
    period_for,
    same_period_word,
    sentence_periods,
    so_far,
    year_earlier,
)
from crawler.figures.korean.kinds import (
    about_the_order,
    find_cues,
    invests_in_own_unit,
    is_funding_news,
    is_order_news,
    is_stake_news,
    kind_for,
)
from crawler.figures.korean.orgs import (
    UNIT_WORDS,
    find_organizations,
    glossed_names,
    headline_actor,
    introduced_hits,
    introduced_names,
    is_topic,
    merge_hits,
    modifies_a_noun,
    named_by_gloss,
    titled_people,
)
from crawler.figures.korean.periods import (
    PeriodSpan,
    find_periods,
    fiscal_quarter_of,
    fiscal_year_end,
    publication_year,
)
from crawler.figures.korean.scan import Gated, places
from crawler.figures.korean.sentences import split_sentences
from crawler.figures.korean.subjects import (
    Group,
    Subject,
    attribute,
    bracketed_after_name,
    company_groups,
    government_figure,
    group_subject,
    sells,
    topic_above,
)
from crawler.figures.korean.trends import may_revise, mentions_revision, qualitative_revision
from crawler.figures.korean.vocab import load_vocab
from crawler.models import Article, Conversion, Mention

_WORDS = load_vocab("mentions")["words"]
_PARTITIVE = re.compile(_WORDS["partitive"])
_PARTITIVE_LEAD = re.compile(_WORDS["partitive_lead"])

_PRONOUN = Gated(_WORDS["pronoun"], _WORDS["pronoun_words"])
# '세아베스틸지주는 자회사 세아항공방산소재가 … 신설한다고 밝혔다': the unit named as such acts, its parent reports
_SUBSIDIARY_BEFORE = re.compile(rf"(?:{UNIT_WORDS}|법인)\s$")
_REPORTS_THAT = re.compile(r"[다라]고\s(?:\S+\s)?(?:밝혔|공시했|발표했|알렸)")
_OWN_TOPIC = re.compile(r"(?:회사|이\s회사|동사|회사\s측)(?:는|은)\s")  # a sentence opening with the story's company
_TOPIC = re.compile(_WORDS["topic"])
_JOINT_VENTURE = re.compile(_WORDS["joint_venture"])
# '직전 분기(40%)보다': the period of a term compared with, not of the story ('이 기간 …' after it)
_COMPARED_IN_BRACKETS = re.compile(r"\s?\([^()]{1,20}\)\s?(?:보다|대비|[와과]\s?비교|에\s?비해)")
# '100억유로(약 14조7000억원)를 지원하기로', '약 2500억원은 시설투자에': the figure's own verb or use
_OBJECT_THEN = re.compile(r"\s?(?:\([^()]*\))?\s?(?:을|를|은|는)\s")
_VERB_REACH = 14
_VENTURE_TOPIC = re.compile(_WORDS["venture_topic"])
_TOTAL_CAPEX_TOPIC = re.compile(_WORDS["total_capex_topic"])
_N_COMPANIES = re.compile(_WORDS["n_companies"])
_N_FIRMS = re.compile(_WORDS["n_firms"])
_BREAKDOWN = Gated(_WORDS["breakdown"], _WORDS["breakdown_words"])
# '375억달러로 전년 동기보다 66% 늘었다': a figure of the period reported, compared with a year before;
# '4381억원으로 2.2% 줄었다': reported with its change, so of the period reported; so is '2조6085억원으로
# 전년(1조3971억원)보다 86.7% 늘었다' (a year's figure, compared with the year before)
# '349억달러로, 직전 분기의 242억달러보다 44% 늘었다': of the period reported, compared with the quarter before
_VS_A_YEAR_AGO = re.compile(r"(?:으로|로)\s(?:전년\s?동기|1년\s?전|전년\s?같은\s?기간|지난해\s?같은\s?기간)"
                            r"\s?(?:보다|대비|에\s?비해)|(?:으로|로),?\s(?:직전|전)\s?분기(?:의|보다|대비|에\s?비해)"
                            r"|(?:으로|로)\s\d+(?:\.\d+)?\s?%\s?(?:줄었|늘었|감소했|증가했|감소한|증가한)"
                            r"|(?:으로|로)\s(?:전년|작년|지난해)\s?(?:\([^()]{1,20}\)\s?)?(?:보다|대비|에\s?비해)")
_ORDERED_BY = re.compile(r"(?:이|가)\s(?:[가-힣]+\s)?발주(?:한|하는|했던)\s")
_VEHICLE_TOPIC = re.compile(_WORDS["vehicle_topic"])
_CONTRACTOR_BEFORE = re.compile(_WORDS["contractor_before"])
_SUBJECT_MARK_AFTER = re.compile(r"(?:\([^()]*\))?(?:이|가)[\s,]")
_PASSIVE_SPENT = re.compile(_WORDS["passive_spent"])
_INTO_A_UNIT = re.compile(_WORDS["into_a_unit"])
_COLLECTIVE = re.compile(_WORDS["collective"])
_QUOTED_SITE_GLOSS = re.compile(_WORDS["quoted_site_gloss"])
_WHOLE_TOPIC = re.compile(_WORDS["whole_topic"])
_PAIR_TOTAL = re.compile(_WORDS["pair_total"])
_ETC_AFTER = re.compile(r"\s?등(?:이|은|도|과|와)?\s")
_BY_REGION = re.compile(r"(?:지역|국가|권역|나라)별(?:로는|로|로\s보면|은|는)?\s")
_PLURAL_PRONOUN = re.compile(_WORDS["plural_pronoun"])
_GROUP_PRONOUN = re.compile(_WORDS["group_pronoun"])
_MARKET_WIDE = re.compile(_WORDS["market_wide"])
_SUPPLIERS = re.compile(_WORDS["suppliers_subject"])
_CHANGED_FROM = re.compile(_WORDS["changed_from"])
# '6.1% 줄어든 1조3295억원': the level a figure came to after a change
_CHANGED_TO = re.compile(r"\d(?:\.\d+)?\s?%\s?(?:줄어든|늘어난|급감한|급증한|증가한|감소한|뛴|불어난)\s$")
_RELATIVE_CLAUSE = re.compile(_WORDS["relative_clause"])
_PLURAL_COUNT = {"two": 2, "three": 3, "four": 4}
_FIGURE_TOPIC = re.compile(_WORDS["figure_topic"])
_OBSERVER_TOPIC = re.compile(_WORDS["observer_topic"])
_QUOTE_OPEN = re.compile(_WORDS["quote_open"])
_QUOTE_CREDIT = re.compile(_WORDS["quote_credit"])
_EACH_AFTER = re.compile(_WORDS["each_after"])
_EACH = re.compile(_WORDS["each"])
_ALL_TOGETHER = re.compile(_WORDS["all_together"])
_DELTA_BEFORE = re.compile(_WORDS["delta_before"])
_DELTA_AFTER = re.compile(_WORDS["delta_after"])
_CHANGE_BEFORE = re.compile(_WORDS["change_before"])
_CHANGE_AFTER = re.compile(_WORDS["change_after"])
_REPORT_OF = re.compile(_WORDS["report_of"])
_REVISION = re.compile(_WORDS["revision"])
_QUARTER_WORD = re.compile("분기|회계")
_PUBLIC_MONEY = re.compile(_WORDS["public_money"])
_PUBLIC_FUNDS_BEFORE = re.compile(_WORDS["public_funds_before"])
_PUBLIC_FUNDS_AFTER = re.compile(_WORDS["public_funds_after"])
_PROJECT_PRONOUN = re.compile(_WORDS["project_pronoun"])


@dataclass
class _State:
    """What a sentence may carry over from the ones before it."""

    lead: tuple[str | None, list[str]] = (None, [])  # the headline and paragraphs the article's company is read from
    named_in: tuple[str, list] | None = None  # the last sentence naming companies, and its names
    unscanned: list[str] = field(default_factory=list)  # later sentences without figures, not scanned
    previous: list[Mention] = field(default_factory=list)  # figures of the previous sentence
    story: Mention | None = None  # the last figure of the article's story (no comparison), for its breakdowns
    term: Mention | None = None  # a results article's first result of a quarter or half in its opening
    named: dict[str, list[CompanyHit]] = field(default_factory=dict)  # the companies of each sentence read
    read: list[str] = field(default_factory=list)  # the sentences read so far, in order
    split: dict[str, list[str]] = field(default_factory=dict)  # the sentences of each paragraph split
    introduced: tuple[str, ...] = ()  # names the article introduces ("자회사 '퍼힐스'") or marks ("㈜태왕디엔디")

    def sentences(self, paragraph: str) -> list[str]:
        """A paragraph's sentences (split once per article)."""
        if paragraph not in self.split:
            self.split[paragraph] = split_sentences(paragraph)
        return self.split[paragraph]

    def last_period(self, published: str | None, fiscal_end: int) -> str | None:
        """The last period stated before the current sentence (a results article's reporting quarter; not
        a target years ahead, '2030년 가스 생산 60% 확대')."""
        year = publication_year(published)
        for text in reversed(self.read[:-1]):
            periods = [p.value for p in sentence_periods(text, published, fiscal_end)
                       if p.value and not _COMPARED_IN_BRACKETS.match(text, p.end)
                       and not (year and p.value[:4].isdigit() and int(p.value[:4]) > year + 1)]
            if periods:
                return periods[-1]
        return None

    venture: Subject | None = None  # the joint project named last (Stargate), for "이 프로젝트에는 …"
    joint: Subject | None = None  # the pair the sentence naming companies last founds a venture with

    @cached_property
    def opening(self) -> str:
        """The headline, the first line under it and the lead paragraph (after a subtitle), as one text."""
        title, paragraphs = self.lead
        body = paragraphs[1:] if title else paragraphs  # the headline is the first paragraph read
        return " ".join(dict.fromkeys([title or "", *body[:1], *body[len(deck(body)):][:1]]))

    @cached_property
    def funding(self) -> bool:
        """Is the article about a funding round (its headline or lead)? Its investors' tickets are stakes."""
        return is_funding_news(self.opening)

    @cached_property
    def stake(self) -> bool:
        """Does the headline or lead say a company invests in another? Its investment figures are stakes."""
        title, paragraphs = self.lead
        lead = [*([title] if title else []), *self.sentences(paragraphs[1] if title and len(paragraphs) > 1
                                                             else paragraphs[0] if paragraphs else "")[:1]]
        return any(is_stake_news(sentence, self.companies) for sentence in lead) and not any(
            invests_in_own_unit(paragraph) for paragraph in paragraphs[:3])  # the stake is the company's own plant

    @property
    def stakes(self) -> bool:
        """Are the article's investment figures stakes (a funding round, or an investment in a company)?"""
        return self.funding or self.stake

    @cached_property
    def order(self) -> bool:
        """Is the article about an order won (its headline or lead)? Its contract figures are no capex."""
        return is_order_news(self.opening)

    @cached_property
    def public(self) -> bool:
        """Is the article about public money (its headline or lead: 예산안, 정부, 국비)?"""
        title, paragraphs = self.lead
        return _PUBLIC_MONEY.search(" ".join([title or "", *paragraphs[:1]])) is not None

    def companies(self, text: str) -> list[CompanyHit]:
        """The companies a sentence names (read once per article: the headline and lead are read twice)."""
        if text not in self.named:
            hits = _companies(text, self.introduced)
            if not all(h.known for h in hits):  # an unknown name: a known company's gloss, or a person, or itself
                hits = [self._glossed(h) for h in hits if h.known or h.written not in self.people]
            self.named[text] = hits
            ventures = [h for h in self.named[text] if h.members and not h.in_gloss]
            if ventures:
                self.venture = Subject(ventures[-1].name, ventures[-1].members, ventures[-1].written)
        return self.named[text]

    def _glossed(self, hit: CompanyHit) -> CompanyHit:
        """'이퀴닉스' where the article glossed it '이퀴닉스(Equinix)': the known company."""
        known = None if hit.known else self.glossed.get(hit.written)
        return replace(hit, name=known, known=True) if known else hit

    @cached_property
    def glossed(self) -> dict[str, str]:
        """Names the article glosses by a known one ('이퀴닉스(Equinix)'), read when an unknown name is met."""
        return glossed_names([self.lead[0] or "", *self.lead[1]])

    @cached_property
    def people(self) -> frozenset[str]:
        """Surnames of people the article introduces ('일론 머스크 CEO'), read when an unknown name is met."""
        return titled_people([self.lead[0] or "", *self.lead[1]])

    @cached_property
    def main(self) -> Subject | None:
        """The article's company (read on first use: most articles never need it)."""
        return main_company(*self.lead, self.companies)

    def _groups(self) -> list[Group]:
        """The company groups of the last sentence naming companies (sentences without figures
        are scanned only when asked)."""
        while self.unscanned:
            text = self.unscanned.pop()
            _remember_company(self, text, self.companies(text))
        return company_groups(*self.named_in) if self.named_in else []

    @property
    def last_company(self) -> Subject | None:
        """Who a later subject-less clause continues: the company named last, or the pair or
        list named last as the subject ("SK그룹과 AWS가 …. 총 투자비는 …")."""
        groups = self._groups()
        if not groups:
            return None
        subjects = [g for g in groups if g.role == "subject"] or [g for g in groups if g.role == "etc"]
        if not subjects and self.main is not None:
            return self.main  # a company named only in passing does not take over the article's story
        if not subjects and (earlier := self._last_subject_before()) is not None:
            return earlier  # '… 에퀴닉스, 디지털 리얼티에 이어 세계 3위 규모다': rivals named in passing
        if self.main is not None and self.named_in and _OWN_TOPIC.match(self.named_in[0]):
            return self.main  # '회사는 코람코자산운용이 짓는 데이터센터의 운영을 맡는 등': the story's company acts
        sentence = self.named_in[0] if self.named_in else ""
        if self.main is not None and len(subjects) > 1 and len({n for g in subjects for n in g.names}) > 1 \
                and all(len(g.names) == 1 and self.main.company not in g.names for g in subjects) \
                and not _SUBSIDIARY_BEFORE.search(sentence, 0, subjects[-1].start):
            return self.main  # '같은 기간 KT는 110.08%, SK텔레콤은 87.91%였다': rivals compared, the story goes on
        owner = next((g for g in groups if self.named_in and _ORDERED_BY.match(self.named_in[0], g.end)), None)
        if owner is not None:  # '현대건설은 퍼시픽자산운용이 발주한 데이터센터를 준공했다': the owner spends
            return group_subject(owner)
        last = subjects[-1] if subjects else groups[-1]  # '포스코는 … JSW그룹과 합작하기로 했다': 포스코
        if self.main is not None and self.main.company not in last.names and (
                self._examples(last) or self._contractor(last)):
            return self.main  # '메타와 엔비디아 등이 새로 계약을 맺었다', '시공을 맡은 현대건설은': not the story's
        unit = _SUBSIDIARY_BEFORE.search(sentence, 0, last.start) is not None \
            and _REPORTS_THAT.search(sentence, last.end) is not None
        if len(subjects) > 1 and self.named_in and not unit:  # '효성은 미쓰비시전기가 가동을 멈춘 공장을 인수했다'
            last = topic_above(self.named_in[0], subjects, last, len(self.named_in[0])) or last
        if len(last.names) > 1 and last.role == "subject":
            return group_subject(last)
        hit = last.hits[-1]
        if not hit.known and self.main is not None and self.main.company != hit.name and not unit:
            return self.main  # '애저(Azure)가 속한 부문': a product or unit named in passing, not the story's company
        return Subject(hit.name, hit.members, hit.written)

    def _last_subject_before(self) -> Subject | None:
        """The one company that is the subject of the last earlier sentence naming any as its subject (among
        the few sentences before: a story's subject is not far back)."""
        last_named = self.named_in[0] if self.named_in else None
        for text in reversed(self.read[-_SUBJECT_REACH - 1 : -1]):
            if text == last_named:
                continue
            subjects = [g for g in company_groups(text, self.companies(text)) if g.role == "subject"]
            if subjects:
                return group_subject(subjects[-1]) if len(subjects[-1].names) == 1 else None
        return None

    def _examples(self, group: Group) -> bool:
        """Is the group named last a list of examples ("A와 B 등이 …"), not the subject of a clause
        describing a noun ("오픈AI·오라클 등이 참여하는 스타게이트")?"""
        sentence = self.named_in[0] if self.named_in else ""
        etc = _ETC_AFTER.match(sentence, group.end)
        return etc is not None and not modifies_a_noun(" ".join(sentence[etc.end():].split()[:2]))

    def _contractor(self, group: Group) -> bool:
        """Is the group named last the builder of someone else's project ('시공을 맡은 현대건설은')?"""
        sentence = self.named_in[0] if self.named_in else ""
        return _CONTRACTOR_BEFORE.search(sentence, max(0, group.start - 12), group.start) is not None

    def joint_pair(self) -> Subject | None:
        """The pair the last sentence naming companies founds a joint venture with, if it does."""
        self._groups()
        return self.joint

    def most_named(self, count: int) -> Subject | None:
        """The `count` companies the article names most often, together ("통신 3사")."""
        for paragraph in self.lead[1]:
            for text in self.sentences(paragraph):
                self.companies(text)  # read once: later sentences may name them ("3사의 CAPEX는 …. SK텔레콤이 …")
        seen: dict[str, list[CompanyHit]] = {}
        for hits in self.named.values():
            for hit in hits:
                if not hit.in_gloss and not hit.members and hit.known:
                    seen.setdefault(hit.name, []).append(hit)
        ranked = sorted(seen.values(), key=len, reverse=True)
        if len(ranked) < count or (len(ranked) > count and len(ranked[count]) == len(ranked[count - 1])):
            return None  # fewer companies, or no clear N
        members = tuple(sorted(hits[0].name for hits in ranked[:count]))
        return Subject("+".join(members), members, "·".join(hits[0].written for hits in ranked[:count]))

    @property
    def last_subject_group(self) -> Subject | None:
        """The companies named together as the subject of the last sentence naming any ("A와 B는 …")."""
        several = [g for g in self._groups() if len(g.names) > 1 and g.role == "subject"]
        return group_subject(several[-1]) if several else None

    @property
    def last_group(self) -> Subject | None:
        """The group of several companies named in the last sentence naming any company."""
        several = [g for g in self._groups() if len(g.names) > 1]
        return group_subject(several[-1]) if several else None


def _companies(text: str, introduced: Sequence[str] = ()) -> list[CompanyHit]:
    """The companies a sentence names: the alias table's, the names its article introduced, and
    organizations it does not know."""
    known = find_companies(text)
    if introduced:
        again = [h for h in introduced_hits(text, introduced) if not any(
            k.start < h.end and h.start < k.end for k in known)]
        known = sorted([*known, *again], key=lambda h: h.start)
    return named_by_gloss(text, merge_hits(known, find_organizations(text, known)))


def find_mentions(article: Article, *, qualitative: bool = False) -> list[Mention]:
    """Every money figure of the article, with company, period and kind, duplicates removed.

    With `qualitative`, an earlier capex plan revised without a figure ("투자를 당초 계획보다
    늘린다", "투자 계획을 상향 조정"; crawler.figures.korean.trends) is also reported: a Mention with
    amount None and trend "up"/"down". A bare "투자 2배 확대" is growth, not a revision.
    """
    paragraphs = list(article.body)
    headline: frozenset[str] = frozenset()
    introduced = introduced_names([article.title or "", *paragraphs]) + headline_actor(article.title, paragraphs)
    state = _State(lead=(article.title, paragraphs), introduced=introduced)
    if article.title and article.title.strip() not in {p.strip() for p in paragraphs}:
        paragraphs.insert(0, article.title)
        headline = frozenset(state.sentences(article.title))
    headline |= {s for p in deck(paragraphs[1 if headline else 0 :]) for s in state.sentences(p)}
    found: list[Mention] = []
    quoted: list[int] = []  # company-less figures of the previous sentence, a quote
    for paragraph in paragraphs:
        plain = _holds_nothing(paragraph, qualitative)
        for sentence in state.sentences(paragraph):
            state.read.append(sentence)
            if plain:
                new = _unscanned(sentence, state)
            else:
                new = _sentence_mentions(sentence, article.published, state, qualitative)
            if new and found and _restated_in_another_currency(sentence, new[0], found[-1]):
                found[-1] = replace(found[-1], conversions=(*found[-1].conversions, Conversion(
                    new[0].amount or 0, new[0].currency or "KRW", new[0].qualifier)))
                new = new[1:]  # '…10조루피를 쏟아붓는다. 한화로 약 150조원에 이르는 규모로': the same figure
            if quoted and not new and _QUOTE_CREDIT.search(sentence):
                _credit_quote(found, quoted, sentence, state.companies(sentence))
            opens_quote = bool(new) and _QUOTE_OPEN.match(sentence) is not None
            quoted = [len(found) + k for k, m in enumerate(new) if m.company is None] if opens_quote else []
            found.extend(new)
    lead = next((p for p in paragraphs if not set(state.sentences(p)) <= headline), "")
    opening = headline | set(state.sentences(lead))
    announced = frozenset((m.company, m.amount) for m in found if m.evidence in headline)
    found = dedupe_mentions(found, headline, opening)
    for sentence in sentences_naming_more(headline, state.named, paragraphs, state.sentences):
        state.companies(sentence)
    found = one_name_each(fullest_names(found, headline, state.named), paragraphs)
    found = dedupe_mentions(found, headline, opening)  # again: figures whose company had two names are one now
    found = _in_the_articles_currency(found, paragraphs)
    return in_spending_window(found, paragraphs, article.published, headline, split=state.sentences,
                              announced=announced)


def _in_the_articles_currency(found: list[Mention], paragraphs: list[str]) -> list[Mention]:
    """Figures in a currency word several countries share ('페소'), in the currency of the article's country."""
    text = " ".join(paragraphs)
    return [replace(m, currency=country_currency(m.currency, m.evidence, text)) for m in found]


# a sentence opening with the value of the figure just before it in another currency, named first
_RESTATEMENT = re.compile(r"(?P<currency>한화|우리\s?돈|원화|달러|미화|엔화|유로화|위안화)(?:로|으로)?(?:는)?\s"
                          r"(?:환산하면\s)?(?:약\s?)?\d")
_RESTATEMENT_CURRENCY = {"한화": "KRW", "우리돈": "KRW", "우리 돈": "KRW", "원화": "KRW", "달러": "USD", "미화": "USD",
                         "엔화": "JPY", "유로화": "EUR", "위안화": "CNY"}


def _restated_in_another_currency(sentence: str, first: Mention, before: Mention) -> bool:
    """Does the sentence open with the previous figure in another currency, the one it names first ('한화로 약
    150조원에 이르는 규모로', '달러로는 약 1960만달러다')?"""
    opening = _RESTATEMENT.match(sentence)
    return (opening is not None and first.currency == _RESTATEMENT_CURRENCY[opening.group("currency")]
            and before.currency not in (None, first.currency) and before.amount is not None
            and first.amount is not None and first.evidence == sentence)


def main_company(title: str | None, paragraphs: list[str],
                 companies: Callable[[str], list[CompanyHit]] = _companies) -> Subject | None:
    """The article's company: the subject of its headline ("LS일렉트릭, …", "X가 …"), else of its lead
    ("알리바바를 비롯한 빅테크는" names no one company).

    A figure with no company in reach and no other topic is that company's: results
    articles name the company once and then list "시설투자는 …"."""
    body = paragraphs[1:] if title else paragraphs
    body = body[len(deck(body)):]  # the subtitle under the headline is no lead
    lead = split_sentences(body[0])[:1] if body else []
    found: Subject | None = None
    for sentence in [*([title] if title else []), *lead]:
        groups = company_groups(sentence, companies(sentence))
        subjects = [g for g in groups if g.role == "subject" or (g.start == 0 and g.role == "bare")]
        joint = _JOINT_VENTURE.search(" ".join([title or "", *paragraphs[:2]])) is not None
        subjects = [g for g in subjects if not _a_person(g, paragraphs)
                    and not (sentence != title and _BACKGROUND_CLAUSE.match(sentence, g.end))]
        if len(subjects) > 1 and subjects[0].role == "bare" and subjects[1].start == subjects[0].end + 1:
            subjects = subjects[1:]  # '신세계그룹 이마트가 …': the group's name modifies its affiliate, the subject
        elif subjects and subjects[0].role == "bare" and (unit := _unit_after(sentence, subjects[0], groups)):
            subjects = [unit]  # '남해화학 합작사 NES머티리얼즈, 여수에 …': the venture named after its parent
        elif subjects and subjects[0].role == "bare" and (actor := _described_after(sentence, subjects[0], groups)):
            subjects = [actor]  # 'US스틸 품은 일본제철, …': the company the headline's first name describes
        if subjects and (len(subjects[0].names) == 1 or (joint and len(subjects[0].names) == 2)):
            subject = group_subject(subjects[0])  # 'CATL·스텔란티스, 스페인 합작공장': the pair builds it
            if found is None and _A_GROUP.search(subject.written or "") and sentence == title:
                found = subject  # '동원그룹, 아산에 585억 들여 …': the lead may name the affiliate that builds
                continue
            if found is not None and (subject.members or _A_GROUP.search(subject.written or "")):
                return found
            return subject
    return found


_SUBJECT_REACH = 6  # sentences back where a subject-less figure's company may have been the subject
_A_GROUP = re.compile(r"그룹$")
# '엔비디아가 … 실적을 낸 가운데, 중국 AI 시장의 성장 전망에도 눈길이': a lead's company in the background clause
_BACKGROUND_CLAUSE = re.compile(r"[^,.]{0,80}?[가-힣]\s(?:가운데|와중에|상황에서|속에서?),")
_UNIT_WORD = re.compile(rf"\s{UNIT_WORDS}\s$")


def _described_after(sentence: str, first: Group, groups: list[Group]) -> Group | None:
    """The company named right after a headline's first name and one verb that describes it ('US스틸 품은
    일본제철,', 'TSMC 제친 삼성전자,'): the first name is the verb's object, the second the subject."""
    following = next((g for g in groups if g.start > first.end), None)
    if following is None or following.role not in ("subject", "bare"):
        return None
    between = sentence[first.end : following.start]
    return following if re.fullmatch(r"\s[가-힣]{1,4}\s", between) and modifies_a_noun(between) else None


def _unit_after(sentence: str, parent: Group, groups: list[Group]) -> Group | None:
    """The company a headline names right after its parent and a unit word ('남해화학 합작사 NES머티리얼즈,')."""
    following = next((g for g in groups if g.start > parent.end), None)
    if following is None or len(following.names) != 1 or following.role not in ("bare", "subject"):
        return None
    return following if _UNIT_WORD.match(sentence[parent.end : following.start]) else None


_TITLE_WORDS = "회장|부회장|대표|사장|의장|총수|창업자|최고경영자|CEO"
_TITLE_AFTER = re.compile(rf"\s(?:\S+\s){{0,2}}?(?:{_TITLE_WORDS})")  # after the name (no pattern per name)


def _a_person(group: Group, paragraphs: list[str]) -> bool:
    """'정의선, 백악관서 …' then '정의선 현대차그룹 회장은': a Hangul name the article gives a title is a person."""
    written = group.hits[0].written if len(group.hits) == 1 and not group.hits[0].known else ""
    if not re.fullmatch(r"[가-힣]{2,4}", written):
        return False
    return any(_TITLE_AFTER.match(p, at + len(written)) for p in paragraphs[:8] for at in places(p, written))


def _credit_quote(found: list[Mention], quoted: list[int], sentence: str, hits: list[CompanyHit]) -> None:
    """'"… 1조 원을 쏟겠다." 최수연 네이버 대표는 이같이 밝혔다.': the speaker's company gets the quote's figures."""
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
    hits = state.companies(text)
    if (regions := _BY_REGION.search(text)) is not None:  # '지역별로는 동나이 19억달러, 박닌 1억달러': places
        hits = [h for h in hits if h.known or h.start < regions.start()]
    groups = company_groups(text, hits)
    fiscal_end = fiscal_year_end(h.name for h in hits if not h.in_gloss)
    if _mixed_calendars(text, hits):
        fiscal_end = 12  # 'MS가 190억달러, 알파벳이 132억달러': companies compared by calendar quarter
    elif fiscal_end == 12 and _QUARTER_WORD.search(text) and state.main:
        fiscal_end = fiscal_year_end([state.main.company])  # a results article's company, named before
    then = _then(text, state, published)  # '2022년 10월 착공했다. 당시 회사는 향후 5년간 …': from then
    cues = find_cues(text, hits, funding_article=lambda: state.stakes)  # the article's lead read only when needed
    sentence = FigureSentence(text, published, amounts, groups, cues,
                              _the_year_after(sentence_periods(text, then, fiscal_end), text, state), hits, fiscal_end)
    named = _named_subjects(sentence, state)
    mentions: list[Mention] = []
    per_amount: list[list[Mention]] = []
    for i in range(len(amounts)):
        found = _amount_mentions(sentence, i, named[i], mentions, state)
        per_amount.append(found)
        mentions.extend(found)
    mentions = _apply_revisions(sentence, per_amount, state.story)
    _remember_company(state, text, hits)
    comparisons = [m for i, found in enumerate(per_amount)
                   if is_compared(sentence, i) or _is_delta(sentence.amounts[i], text) for m in found]
    story = [m for m in mentions if m not in comparisons]  # a later sentence continues these
    state.previous = story or (state.previous if comparisons else [])  # past a sentence of records compared
    if state.term is None and len(state.read) <= _OPENING:
        state.term = next((m for m in story if m.kind in ("revenue", "profit") and m.period and m.company
                           and _REPORTED_TERM.search(m.period)), None)
    if not _BREAKDOWN.search(text):  # '사업별로 나누면 배터리 부문이 3조5000억원': parts, the story goes on
        latest = next((m for m in reversed(story) if m.kind == "capex" and m.period), None)
        if latest is not None and not _before(latest.period, state.story.period if state.story else None):
            state.story = latest  # not '지난해 4분기 시설투자는 17조8000억원이었다' after this quarter's
    return mentions


def _before(period: str | None, story: str | None) -> bool:
    """Does `period` end before the story's starts ('2024Q4' before '2025Q1', '2024' before '2025-2027')?"""
    def bounds(value: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
        years = re.findall(r"(\d{4})(?:[QH](\d))?", value)
        if not years or re.match(r"FY", value):
            return None
        (y1, p1), (y2, p2) = years[0], years[-1]
        return (int(y1), int(p1 or 0)), (int(y2), int(p2 or 9))
    ours, theirs = bounds(period or ""), bounds(story or "")
    return ours is not None and theirs is not None and ours[1] < theirs[0]


def _unscanned(text: str, state: _State) -> list[Mention]:
    """A sentence without figures: no figures before the next one, and scanned for companies only if asked."""
    state.previous = []
    state.unscanned.append(text)
    return []


def _holds_nothing(paragraph: str, qualitative: bool) -> bool:
    """Does no sentence of the paragraph hold a figure, nor (`qualitative`) a revision? Then each is only
    remembered as unscanned, as _sentence_mentions would do: both tests look at the whole paragraph once
    (what they find in a sentence they find in its paragraph)."""
    return not may_hold_a_figure(paragraph) and not (qualitative and may_revise(paragraph))


def _revision_without_figure(text: str, published: str | None, state: _State) -> list[Mention]:
    if not mentions_revision(text):
        return _unscanned(text, state)
    hits = state.companies(text)
    _remember_company(state, text, hits)
    if not hits:
        return []
    cues = find_cues(text, hits, funding_article=lambda: state.stakes)
    found = qualitative_revision(text, company_groups(text, hits), cues,
                                 find_periods(text, published))
    return [found] if found else []


def _apply_revisions(s: FigureSentence, per_amount: list[list[Mention]], story: Mention | None) -> list[Mention]:
    """'750억 달러에서 850억 달러로': the first is the previous value (trend "previous", a figure readers
    record but no current value); the second moved up or down. Both are of the revised figure's period,
    or of the story's when the revised figure is the story's ('500억달러로 제시했다. … 기존 350억달러에서
    500억달러로 높여')."""
    out: list[Mention] = []
    for i, found in enumerate(per_amount):
        if i + 1 < len(per_amount) and _is_revision(s, i):
            revised = s.amounts[i + 1].value
            then = next((m.period for m in per_amount[i + 1] if m.period), None) or (
                story.period if story and story.amount == revised and story.currency == s.amounts[i + 1].currency
                else None)
            found = [replace(m, trend="previous", period=m.period or then) for m in found]
        if i and _is_revision(s, i - 1):
            old, new = s.amounts[i - 1].value, s.amounts[i].value
            if old is not None and new is not None and old != new:
                found = [replace(m, trend="up" if new > old else "down") for m in found]
        out.extend(found)
    return out


def _is_revision(s: FigureSentence, i: int) -> bool:
    first, second = s.amounts[i], s.amounts[i + 1]
    return first.currency == second.currency and bool(_REVISION.match(s.text[first.tail_end : second.start]))


_BY_COMPANY = re.compile(r"(?:회사|업체|기업|계열사)별")


def _remember_company(state: _State, text: str, hits: list) -> None:
    """The sentence names companies a later subject-less one may continue; not the units of a breakdown
    ('부문별로는 DS부문이 40조원, 삼성디스플레이가 3조원'), which are parts of the story's company."""
    named = [h for h in hits if not h.in_gloss]
    if named and (not _BREAKDOWN.match(text) or _BY_COMPANY.match(text)):  # '회사별로 보면 HD현대중공업은': one
        state.unscanned.clear()
        state.named_in = (text, hits)
        state.joint = _joint_pair(text, hits) or state.joint  # the venture named last stays until another


def _joint_pair(text: str, hits: list[CompanyHit]) -> Subject | None:
    """'삼성SDI는 스텔란티스와 미국 합작법인(JV) 설립 계약을 맺었다': the subject and its partner, together."""
    if not _JOINT_VENTURE.search(text):
        return None
    groups = company_groups(text, hits)
    subject = next((g for g in groups if g.role == "subject" and len(g.names) == 1), None)
    partner = next((g for g in groups if subject and g.start > subject.end and len(g.names) == 1
                    and text.startswith(("와", "과"), g.end) and _JOINT_VENTURE.search(text, g.end)), None)
    if subject is None or partner is None:
        return None
    return group_subject(Group((*subject.hits, *partner.hits), partner.end, "subject"))


def _pronoun_is_the_subject(s: FigureSentence, start: int, end: int) -> bool:
    """A pronoun topic ("회사는", "이 회사는", "부문에서는") before any company named as a subject in the
    clause: names after it stand in a subordinate clause ("…가 소유하던 부지") or modify a noun; so do
    names before it in a relative clause ("GS건설과 GS글로벌이 이끄는 건설 부문에서는")."""
    pronoun = _PRONOUN.search(s.text, start, end)
    if pronoun is None or pronoun.group(0).strip().startswith(("이는", "이것은", "이 금액은")):
        return False
    if any(pronoun.end() <= g.start and g.end <= end and g.role == "subject"
           and not modifies_a_noun(s.text[g.end : end]) for g in s.groups):
        return False  # '회사는 고객사인 삼성디스플레이가 아산에 4조1000억원을 투자해 …': the figure's own subject
    return not any(start <= g.start < pronoun.start() and g.role in ("subject", "etc")
                   and not _RELATIVE_CLAUSE.match(s.text, g.end) for g in s.groups)


def _named_subjects(s: FigureSentence, state: _State) -> list[list[Subject] | None]:
    """Each figure's companies named in its own clause; "A와 B는 각각 X, Y" pairs them in order. A figure
    in a headline's later segment naming no company ("SK하이닉스 후공정 물량 대응…누적 투자 6억달러") is the
    article's company's when the headline or lead names one."""
    named: list[list[Subject] | None] = []
    for i, amount in enumerate(s.amounts):
        start = s.amounts[i - 1].tail_end if i else 0
        if _SUPPLIERS.search(s.text, start, amount.start):
            named.append([Subject(None)])  # '협력업체들도 약 10억달러를 별도로 투자': many suppliers', none named
            continue
        segment = s.text.rfind("…", start, amount.start) + 1
        if segment and not any(segment <= g.start < amount.start for g in s.groups) \
                and not _TOPIC.search(s.text[segment : amount.start]) and state.main is not None:
            named.append([state.main])
            continue
        each_after = bool(_EACH_AFTER.match(s.text, amount.tail_end))
        if _market_wide(s, start, amount.start):
            named.append([Subject(None)])  # the whole industry's figure
            continue
        if _pronoun_is_the_subject(s, start, amount.start):
            named.append(None)  # '회사는 … LG디스플레이가 소유하던 부지를 1053억원에': the company before
            continue
        named.append(bracketed_after_name(s.text, s.hits, amount.start)
                     or government_figure(s.text, s.groups, start, amount.start)
                     or _spender_after(s, i)
                     or _owner_estimated(s, start, i)
                     or attribute(s.text, s.groups, start, amount.start, each_after=each_after))
    named = [_reporting_parent(s, subjects) for subjects in named]
    for i, subjects in enumerate(named):
        if not subjects or len(subjects) < 2 or _EACH_AFTER.match(s.text, s.amounts[i].tail_end):
            continue
        following = named[i + 1 : i + len(subjects)]
        if len(following) == len(subjects) - 1 and all(f is None for f in following):
            for k, subject in enumerate(subjects):
                named[i + k] = [subject]
    return named


def _reporting_parent(s: FigureSentence, subjects: list[Subject] | None) -> list[Subject] | None:
    """'HD한국조선해양의 1분기 보고서에 따르면 자회사인 HD현대중공업·HD현대미포·HD현대삼호는 … 1조515억원을 쓸
    계획이다': the affiliates' plan, together, is the reporting parent's (its consolidated figure)."""
    if not subjects or len(subjects) != 1 or not subjects[0].members or len(subjects[0].members) < 2:
        return subjects
    report = _REPORT_OF.search(s.text)
    parent = next((h for h in s.hits if report and h.end <= report.start() and h.known and not h.members
                   and s.text.startswith("의 ", h.end) and h.name not in subjects[0].members), None)
    return [Subject(parent.name, None, parent.written)] if parent else subjects


# '750억달러를 투자하기로 한 알파벳과', '800억달러를 쓰겠다는 마이크로소프트보다': a verb's adnominal form
# right after the figure, then the company that spends it
_ADNOMINAL_TO_NAME = re.compile(r"^(?:을|를)?\s(?:[^\s,.]+\s){0,2}[^\s,.]*"
                                r"(?:기로\s한|키로\s한|겠다는|한다는|했던|하는|하던|한|할|쓴|쓰는|들인|들이는)\s$")


def _spender_after(s: FigureSentence, i: int) -> list[Subject] | None:
    """The company an adnominal clause right after figure i describes as spending it."""
    amount = s.amounts[i]
    limit = s.amounts[i + 1].start if i + 1 < len(s.amounts) else len(s.text)
    after = [h for h in s.hits if amount.tail_end < h.start < limit and not h.in_gloss]
    if not after or not _ADNOMINAL_TO_NAME.match(s.text[amount.tail_end : after[0].start]):
        return None
    group = next((g for g in s.groups if amount.tail_end < g.start <= after[0].start < g.end <= limit), None)
    return [group_subject(group)] if group else [Subject(after[0].name, after[0].members, after[0].written)]


_ESTIMATED_AS = re.compile(r"(?:으로|로)\s(?:추산|추정|예상|전망|집계|분석|계산|평가)(?:했|한|된|됐|하고|하며|해)")


def _owner_estimated(s: FigureSentence, start: int, i: int) -> list[Subject] | None:
    """'이탈리아관은 … NTT데이터그룹의 밀라노 투자액을 약 12억8000만유로로 추산했다': the company whose figure an
    observer estimates (named with 의 in the figure's clause), not the observer."""
    amount = s.amounts[i]
    if not _ESTIMATED_AS.match(s.text, amount.tail_end):
        return None
    owner = next((g for g in reversed(s.groups) if start <= g.start and g.end < amount.start
                  and _POSSESSIVE.match(s.text, g.end) and not all(h.in_gloss for h in g.hits)), None)
    return [group_subject(owner)] if owner else None  # 'LG에너지솔루션·삼성SDI·SK온의 합산 …': the three


_POSSESSIVE = re.compile(r"(?:그룹)?의\s")
_LAST_YEAR_BRACKET = re.compile(r"(?:지난해|작년|전년)\s?\($")
_SMALLEST_CAPEX: dict[str, int] = load_vocab("mentions")["smallest_capex"]
_LARGEST_COMPANY_FIGURE: dict[str, int] = load_vocab("mentions")["largest_company_figure"]
_RESULTS = ("revenue", "profit")  # a part of a revenue or a profit is one too, whatever segment it names


def _amount_mentions(
    s: FigureSentence, i: int, subjects: list[Subject] | None, before: list[Mention], state: _State
) -> list[Mention]:
    amount = s.amounts[i]
    if not subjects and (_PUBLIC_FUNDS_BEFORE.search(s.text, s.clause_start(i), amount.start)
                         or _PUBLIC_FUNDS_AFTER.match(s.text, amount.tail_end)):
        return [_mention(amount, s, Subject(None), "budget", period_for(s, i))]  # '추경으로 확보한 1조4590억원이'
    period = own = period_for(s, i)
    own_company = bool(subjects) and any(subject.company for subject in subjects or ())
    part_of = None if own_company else _part_of(s, i, before, state)  # '이 가운데 MS는 330억달러': MS's
    if part_of is not None:
        # '클라우드 매출은 99억달러 … 이 가운데 인프라가 58억달러': a part of revenue is revenue
        part_kind = part_of.kind if part_of.kind in _RESULTS else _clause_kind(s, i) or part_of.kind
        return [_mention(amount, s, Subject(part_of.company, part_of.members, part_of.company_ko),
                         part_kind, period or part_of.period)]
    told = before[:-1] if i and before and is_compared(s, i - 1) else before  # '8조원과 비교하면 2조원 감소': not it
    carried = told[-1] if told else (state.previous[-1] if state.previous else None)
    story = _story_broken_down(s, amount, state)  # each part listed after the breakdown word
    if subjects is None:
        start = s.amounts[i - 1].tail_end if i else 0
        fallback = Subject(None) if _beyond_any_company(amount) else _fallback_subject(s, start, amount, before, state)
        subjects = _each_of(s, i, fallback)  # '… 인프라 투자는 5년 동안 3조 달러를 넘을 것': no one company's
        if story and _same_story(subjects[0], story):
            period = period or story.period  # '세부적으로는 … 4조원': a part of the story's plan
        if carried and _same_story(subjects[0], carried) and not story and not so_far(s, i) \
                and not _THIS_TIME.match(s.text):  # '앞서 2018년 11월 700억엔 …. 이번에는 600억엔을': now
            period = period or carried_period(s, i, carried.period)  # a breakdown's parts: the story goes on
    kind = kind_for(amount, s.cues, s.text)
    if kind is None and story:
        kind = story.kind  # '사업별로는 DS부문이 40조9000억원': a part of the story's figure
    unit_of_the_story = carried is None and _UNIT_TOPIC.match(s.text) is not None and state.story is not None \
        and _same_story(subjects[0], state.story)
    if kind is None and unit_of_the_story:
        carried = state.story  # '부문별로 보면 … 9217억원으로 …. (비중 …) 기판소재 부문은 1735억원으로': its next part
    elif unit_of_the_story and state.story and kind == state.story.kind and not i:
        period = period or carried_period(s, i, state.story.period)  # '… 몫이었다. DS부문 투자액은 10조9480억원
    if kind is None and carried is None:
        kind = _story_kind(state.story, subjects, s, i)
        if state.story and kind == state.story.kind != "other":
            period = period or state.story.period  # 'KT는 6.1% 줄어든 1조3295억원': the story's period too
    if kind is None:
        kind = carried.kind if carried else "other"
        period = period or (carried_period(s, i, carried.period) if carried else None)
    period = period or _period_told_before(s, i, kind, story, state)
    kind = _settled_kind(s, i, kind, subjects, state)
    period = _compared_period(s, i, period, own, state)
    public = _public_figure(s, i, subjects, state)
    return [_mention(amount, s, subject, "budget" if _public(kind, subject, public, s.text) else kind,
                     _in_own_calendar(s, i, subject, period, own))
            for subject in subjects]


def _compared_period(s: FigureSentence, i: int, period: str | None, own: str | None, state: _State) -> str | None:
    """The period of a figure that is a change or a comparison: the story's for the change in brackets
    ('지난해 2조2370억원보다 48.5%(1조858억원) 많다'), a year before for '전년 830억 달러보다'."""
    amount = s.amounts[i]
    if _BRACKETED_CHANGE.search(s.text, max(0, amount.start - 24), amount.start) and state.story:
        return state.story.period
    if own and own.isdigit() and _LAST_YEAR_BRACKET.search(s.text, max(0, amount.start - 6), amount.start):
        compared = period_for(s, i + 1) if i + 1 < len(s.amounts) else None  # the figure it is compared with
        if compared and re.fullmatch(rf"{int(own) + 1}[QH]\d", compared):
            return year_earlier(compared)  # '상반기 시설투자에 지난해(5조9670억원)의 두 배인 11조원': last year's H1
    return year_earlier(period) if own is None and is_year_ago(s, i) else period


def _public_figure(s: FigureSentence, i: int, subjects: list[Subject], state: _State) -> bool:
    """Is a figure of no company public money ('루마니아는 … 399억달러를 들여 무기를 도입')? Asked only then."""
    return any(subject.company is None for subject in subjects) and (
        state.public or _PUBLIC_MONEY.search(s.text) is not None
        or government_figure(s.text, s.groups, s.clause_start(i), s.amounts[i].start) is not None)


def _period_told_before(s: FigureSentence, i: int, kind: str, story: Mention | None, state: _State) -> str | None:
    """The period of a figure whose clause states none, from the sentences before it."""
    if same_period_word(s, i) or _VS_A_YEAR_AGO.match(s.text, s.amounts[i].tail_end):
        return annual_of(s, i, state.last_period(s.published, s.fiscal_end))  # '같은 기간 자본지출은'
    if kind == "capex" and story and not so_far(s, i):
        return story.period  # '사업부문별로는 DS 46조3000억원': the parts of the story's figure
    if year := _that_year(s, state):
        return year  # '투자가 가장 몰린 해는 2019년이다. 그해 CAPEX는 …': the year just named
    if kind == "capex" and not i and (topic := _spending_topic_before(s, state)):
        return topic  # '올해 연간 투자 규모도 크게 늘렸다. 이사회에서 … 318억 대만달러를 쓰기로': this year's
    if kind == "capex" and (term := _spent_in_the_reported_term(s, i, state)):
        return term  # '부지 매입에 144억원을 들였고', 'CAPEX는 … 4484억원을 집행했다': this quarter's
    return None


def _market_wide(s: FigureSentence, start: int, end: int) -> bool:
    """Is the figure a market's or an industry's, not that of a company the clause has as its subject
    ('클라우드HQ는 지금까지 전 세계 23개 거점의 디지털 인프라에 170억달러 이상을 투자해 온 업체다')?"""
    market = _MARKET_WIDE.search(s.text, start, end)
    return market is not None and not any(
        g.role in ("subject", "etc") and start <= g.start < market.start() for g in s.groups)


def _settled_kind(s: FigureSentence, i: int, kind: str, subjects: list[Subject], state: _State) -> str:
    """The kind once the sentence and the article are weighed: a market's figure, an order's, a company's own
    budget spent, a grant a company receives."""
    if _market_wide(s, s.clause_start(i), s.amounts[i].start):
        return "other"  # '2029년 전 세계 AI 지출이 1조3000억 달러': a market's figure
    if _PER_UNIT.search(s.text, max(0, s.amounts[i].start - 14), s.amounts[i].start):
        return "other"  # '1MW당 약 1000만유로가 드는 것이 일반적': a price per unit, not a spending
    if kind == "capex" and _too_small_to_build(s.amounts[i]):
        return "other"  # '1250원(2.78%) 오른 4만6250원': a share price, no plant
    if kind == "capex" and state.order and about_the_order(s.text):
        return "other"  # '8074억원 규모의 데이터센터 신축공사 계약을 체결': the contractor's order
    if kind == "budget" and not state.public and _OWN_BUDGET.search(s.text) and not _PUBLIC_MONEY.search(s.text) \
            and subjects and all(subject.company and not subject.members for subject in subjects):
        return "capex"  # 'SK하이닉스는 … 관련 예산도 약 1조원 규모로 집행한다': a company's own budget is spent
    if kind == "budget" and "예산" in s.text and not state.public and _story_of(state, subjects, "capex") \
            and not _PUBLIC_MONEY.search(s.text):
        return "capex"  # '배전 부문 예산을 사업별로 보면 …': the budget of the company's capex story
    if state.public and kind == "capex" and _received(s, i):
        return "budget"  # '허니웰은 … 공장을 짓는 데 1억2660만달러를 받는다': a grant the company receives
    return kind


def _beyond_any_company(amount: MoneyAmount) -> bool:
    """Is the figure more than any one company spends (mentions.toml `largest_company_figure`: 1조 달러 and
    its like), so that, naming no company, it is a market's or an economy's, not the company named before?"""
    value = amount.value
    ceiling = _LARGEST_COMPANY_FIGURE.get(amount.currency or "")
    return value is not None and ceiling is not None and value >= ceiling


def _too_small_to_build(amount: MoneyAmount) -> bool:
    """Is the figure below what any facility costs (mentions.toml `smallest_capex`: 1억원, 1000만엔, 10만 of
    other currencies)?"""
    value = amount.value_max or amount.value
    floor = _SMALLEST_CAPEX.get(amount.currency or "", _SMALLEST_CAPEX["other"])
    return value is not None and value < floor


def _story_of(state: _State, subjects: list[Subject], kind: str) -> bool:
    """Is the article's story a figure of `kind` of these companies?"""
    story = state.story
    return story is not None and story.kind == kind and bool(subjects) and all(
        subject.company and subject.company == story.company for subject in subjects)


# a price per unit ('1MW당', '장당', '주당'), not per period ('분기당 320억달러' is a spending rate)
_PER_UNIT = re.compile(r"(?<![가-힣])(?!분기당|연당|년당|월당|해당|하루당)[0-9A-Za-z가-힣㎿]{1,6}당"
                       r"\s?(?:약\s?|평균\s?)?$")
_OWN_BUDGET = re.compile(r"예산(?:도|을|를|은|는|이|가)?\s(?:[^\s]+\s){0,3}?[^\s]*\s?(?:집행|투입|투자|편성)")
_THAT_YEAR = re.compile(r"(?:그해|그\s해|같은\s해|이\s해|당해)\s")


def _that_year(s: FigureSentence, state: _State) -> str | None:
    """The year the sentence before names last, when this one opens with 그해 ('that year')."""
    if not _THAT_YEAR.match(s.text):
        return None
    years = _YEAR_MONTH.findall(state.read[-2]) if len(state.read) > 1 else []
    return years[-1][0] if years else None


_SPENDING_TOPIC = re.compile(r"(?:투자|CAPEX|캐펙스|설비\s?투자|시설\s?투자)\s?(?:규모|계획|예산)?(?:도|를|은|는|가)\s")


def _spending_topic_before(s: FigureSentence, state: _State) -> str | None:
    """The one period of the sentence just before, when it states no figure and speaks of the spending
    ('UMC는 올해 연간 투자 규모도 크게 늘렸다.'): the figure that follows, with none of its own, is of it."""
    before = state.read[-2] if len(state.read) > 1 else ""
    if not before or may_hold_a_figure(before) or not _SPENDING_TOPIC.search(before):
        return None
    year = publication_year(s.published)
    periods = {p.value for p in sentence_periods(before, s.published, s.fiscal_end)
               if p.value and p.value[:4].isdigit() and year and int(p.value[:4]) >= year
               and not before.startswith("부터", p.end)}  # '올해부터 두 단계로': a start, no span
    return periods.pop() if len(periods) == 1 else None  # this year's or later: not a story of before


_REPORTED_TERM = re.compile(r"\d{4}(?:Q[1-4]|H[12])$")
_OPENING = 4  # sentences: a headline, its subtitle and the lead, where a results article states its term
# 'KT의 연결 기준 CAPEX는 4662억원이다': the value of the spending metric itself
_METRIC_IS = re.compile(r"(?:CAPEX|캐펙스|설비\s?투자|시설\s?투자|자본적?\s?지출)(?:액|\s?규모)?(?:은|는|이|가)\s"
                        r"(?:[^\s]+\s){0,2}$")
_SPENT_RIGHT_AFTER = re.compile(r"(?:을|를)?\s?(?:들였|썼|집행했|집행해|투입했|투자했|쏟았)")


def _spent_in_the_reported_term(s: FigureSentence, i: int, state: _State) -> str | None:
    """A figure spent ('들였고', '집행해') with no period of its own, in a results article whose story is a
    quarter's or a half's spending ('1분기 설비투자는 211억원 … 부지 매입에 144억원을 들였고'), or whose opening
    reports a quarter's results ('3분기 매출 3조8013억원 …. CAPEX는 … 4484억원을 집행했다'): that term's."""
    term = next((m.period for m in (state.story, state.term) if m and m.period and _REPORTED_TERM.search(m.period)),
                None)
    spent = _SPENT_RIGHT_AFTER.match(s.text, s.amounts[i].tail_end) or _METRIC_IS.search(
        s.text, s.clause_start(i), s.amounts[i].start)
    return term if spent else None


_RECEIVED = re.compile(r"(?:을|를|이|가)?\s?(?:받|지원받|배정받|배정됐|배정되|돌아가|돌아간|돌아갔)")


def _received(s: FigureSentence, i: int) -> bool:
    """Is the figure received ('1억달러를 지원받는다', '1억5000만달러가 돌아간다'), itself or as the first of two
    grants listed in one sentence ('공장을 짓는 데 1억2660만달러, 다우는 … 1억달러를 지원받는다')?"""
    end = s.amounts[i].tail_end
    return _RECEIVED.match(s.text, end) is not None or (
        i + 1 < len(s.amounts) and s.text.startswith(",", end)
        and _RECEIVED.match(s.text, s.amounts[i + 1].tail_end) is not None)


_AT_THAT_TIME = re.compile(r"^(?:당시|그때|이때)\s")
_YEAR_MONTH = re.compile(r"(?<!\d)((?:19|20)\d{2})\s?년(?:\s?(\d{1,2})\s?월)?")


def _then(text: str, state: _State, published: str | None) -> str | None:
    """The date a sentence opening with 당시 speaks from: the last year (and month) the sentence before it
    names, when earlier than publication; else publication itself."""
    before = state.read[-2] if len(state.read) > 1 else ""
    dates = _YEAR_MONTH.findall(before) if _AT_THAT_TIME.match(text) else []
    if not dates or not published or dates[-1][0] >= published[:4]:
        return published
    year, month = dates[-1]
    return f"{year}-{int(month or 6):02d}-15"


def _the_year_after(periods: list[PeriodSpan], text: str, state: _State) -> list[PeriodSpan]:
    """'2019년 12월 협약을 맺었다. 이듬해 착공': 이듬해 is the year after the last one named before it (in its
    sentence or the one before), else none."""
    if "이듬해" not in text:
        return periods
    out = []
    for p in periods:
        if p.text.startswith("이듬해"):
            years = _YEAR_MONTH.findall(" ".join([state.read[-2] if len(state.read) > 1 else "", text[: p.start]]))
            p = replace(p, value=str(int(years[-1][0]) + 1) if years else None)
        out.append(p)
    return out


def _mixed_calendars(text: str, hits: list[CompanyHit]) -> bool:
    """Does a sentence compare companies whose fiscal years end in different months (and name no
    회계연도)? Its bare quarters are then the calendar's."""
    ends = {fiscal_year_end([h.name]) for h in hits if not h.in_gloss and not h.members}
    return len(ends) > 1 and "회계" not in text


def _in_own_calendar(s: FigureSentence, i: int, subject: Subject, period: str | None, own: str | None) -> str | None:
    """Figure i's own period read in its company's fiscal calendar when the sentence was read in another's
    ('MS는 190억달러, 알파벳은 132억달러': Microsoft's quarter is fiscal, Alphabet's is not)."""
    if own is None or period != own or subject.company is None or subject.members:
        return period
    fiscal_end = fiscal_year_end([subject.company])
    if fiscal_end == s.fiscal_end or (fiscal_end == 12 and s.fiscal_end < 0):
        return period
    if s.fiscal_end == 12 and fiscal_end > 0 and _mixed_calendars(s.text, s.hits):
        return fiscal_quarter_of(period, fiscal_end)
    again = replace(s, periods=sentence_periods(s.text, s.published, fiscal_end), fiscal_end=fiscal_end)
    return period_for(again, i)


def _story_kind(story: Mention | None, subjects: list[Subject], s: FigureSentence, i: int) -> str:
    """A figure with no kind word, nothing before it in reach, that a change starts from: the kind of the
    story's figure when it is of the story's companies ('3사의 CAPEX는 6조원 …. SK텔레콤은 2조7400억원에서
    12.8% 감소했고', 'KT는 6.1% 줄어든 1조3295억원'), else other."""
    amount = s.amounts[i]
    changed = _CHANGED_FROM.match(s.text, amount.tail_end) or _CHANGED_TO.search(s.text, 0, amount.start)
    if story is None or not subjects or not changed:
        return "other"
    ours = {story.company, *(story.members or ())}
    return story.kind if all(subject.company in ours for subject in subjects) else "other"


def _public(kind: str, subject: Subject, public: bool, text: str) -> bool:
    """A capex figure of no company in a sentence or article about public money is that money: a budget; so is
    a guarantee of no company there ('2억200만유로의 보증으로 구성된다': the state's aid)."""
    return subject.company is None and public and (
        kind == "capex" or (kind == "other" and _GUARANTEE.search(text) is not None))


_GUARANTEE = re.compile("보증")


def _clause_kind(s: FigureSentence, i: int) -> str | None:
    """The kind a specific cue of the figure's own clause gives it ("이 가운데 연구개발(R&D)에 11조 원"), or
    the verb right after it ("300억유로 가운데 100억유로를 지원하기로": a subsidy, not the plant's cost)."""
    start = s.amounts[i - 1].tail_end if i else 0
    amount = s.amounts[i]
    own = [c for c in s.cues if not c.generic and c.start >= start and c.end <= amount.start
           and not (i and c.start - start <= 1)]  # '5500억원 증자 계획을 … 약 2500억원은': the noun of the one before
    after = [c for c in s.cues if not c.generic and 0 <= c.start - amount.tail_end <= _VERB_REACH
             and _OBJECT_THEN.match(s.text, amount.tail_end)]
    return kind_for(amount, own + after) if own or after else None


def _same_story(subject: Subject, carried: Mention) -> bool:
    """The figure's company is the one continued, or an aggregate including it ("두 회사의 합산")."""
    if subject.company is None or carried.company is None:
        return False
    return subject.company == carried.company or carried.company in (subject.members or ())


def _part_of(s: FigureSentence, i: int, before: list[Mention], state: _State) -> Mention | None:
    """'8억 달러 중 3억 달러' / '이 중 30조 원': the figure is part of the one before."""
    amount = s.amounts[i]
    start = s.amounts[i - 1].tail_end if i else 0
    clause = s.text[start : amount.start]
    if government_figure(s.text, s.groups, start, amount.start):
        return None  # '정부는 이 가운데 12조원을 보조금으로 지원한다': the government's share, not a part
    if i and before and (_PARTITIVE.match(clause) or _PARTITIVE_LEAD.search(clause)):
        return before[-1]
    if not i and state.previous and _PARTITIVE_LEAD.search(clause):
        return state.previous[-1]
    return None


def _each_of(s: FigureSentence, i: int, subject: Subject) -> list[Subject]:
    """'세 회사가 각각 1000억바트씩': a group's figure that each of its members spends."""
    amount = s.amounts[i]
    start = s.amounts[i - 1].tail_end if i else 0
    each = _EACH_AFTER.match(s.text, amount.tail_end) or _EACH.search(s.text, start, amount.start)
    if not each or not subject.members or subject.company not in ("+".join(subject.members), None):
        return [subject]
    return [Subject(member, None, member) for member in subject.members]


def _sum_of_each(before: list[Mention], clause: str) -> Subject | None:
    """'세 회사가 각각 1000억바트씩, 모두 3000억바트를': the companies of the figure before, together."""
    last = before[-1]
    each = [m for m in before if (m.amount, m.currency, m.evidence) == (last.amount, last.currency, last.evidence)]
    if len(each) < 2 or not _ALL_TOGETHER.search(clause) or any(m.company is None for m in each):
        return None
    members = tuple(sorted({m.company for m in each if m.company}))
    return Subject("+".join(members), members, "·".join(m.company_ko or m.company or "" for m in each))


def _story_broken_down(s: FigureSentence, amount: MoneyAmount, state: _State) -> Mention | None:
    """The story's figure when the sentence breaks it down before `amount` ('세부적으로는 AI에 4조원')."""
    return state.story if state.story and _BREAKDOWN.search(s.text, 0, amount.start) else None


def _allocated_to(s: FigureSentence, start: int, amount: MoneyAmount, state: _State) -> Subject | None:
    """'DS 부문에 48조4000억원이, 삼성디스플레이에 2조4000억원이 들어갔다': money that went into a company
    is its spending; into a unit ('부문에'), the article's company's."""
    if not _SUBJECT_MARK_AFTER.match(s.text, amount.tail_end) or not _PASSIVE_SPENT.search(s.text, amount.tail_end):
        return None
    into = [h for h in s.hits if start <= h.start and h.end < amount.start and not h.in_gloss
            and s.text.startswith("에 ", h.end) and not s.text.startswith(("따르면", "의하면"), h.end + 2)]
    if into:
        return Subject(into[-1].name, into[-1].members, into[-1].written)
    return state.main if _INTO_A_UNIT.search(s.text, start, amount.start) else None


def _fallback_subject(s: FigureSentence, start: int, amount: MoneyAmount, before: list[Mention],
                      state: _State) -> Subject:
    """No company in the clause: the sentence's previous figure, a pronoun, or a continuation."""
    clause = s.text[start : amount.start]
    target = _allocated_to(s, start, amount, state)
    if target is not None:
        return target
    site = _QUOTED_SITE_GLOSS.search(s.text, max(0, amount.start - 60), amount.start)
    if site is not None:  # "'장성 파인데이터센터'(26㎿급·3959억원)": the named site's own cost
        return Subject(site.group(1), None, site.group(1))
    if before:
        last = before[-1]
        if _WHOLE_TOPIC.search(clause) and not _PAIR_TOTAL.search(clause) and not state.stakes \
                and state.main is not None and state.main.company != last.company:
            return state.main  # '… SK온과 50억달러 규모의 합작공장을 추진하면서 전체 투자액은 126억달러로': the story's
        return _sum_of_each(before, clause) or Subject(last.company, last.members, last.company_ko)
    story = _story_broken_down(s, amount, state)
    if story and story.company and not s.has_companies:  # '세부적으로는 AI 원천기술에 4조원': its parts
        return Subject(story.company, story.members, story.company_ko)
    if state.previous and not s.has_companies and is_compared(s, s.amounts.index(amount)):
        told = state.previous[-1]  # '3사 합산 3조2880억원이다. 지난해 같은 기간 4조2650억원보다 29% 적다.'
        return Subject(told.company, told.members, told.company_ko)
    ventures = [h for h in s.hits if h.members and not h.in_gloss and start <= h.start < amount.start]
    if ventures:  # '스타게이트 프로젝트에는 5000억 달러가 투입된다': the project is what is built
        return Subject(ventures[-1].name, ventures[-1].members, ventures[-1].written)
    if _PROJECT_PRONOUN.search(clause) and state.last_company is not None and state.venture:
        return state.venture
    if _GROUP_PRONOUN.search(clause) and state.last_subject_group:
        return state.last_subject_group  # '오픈AI와 소프트뱅크는 … 이들은 …'
    plural = _PLURAL_PRONOUN.search(clause)
    if plural:
        count = _PLURAL_COUNT[plural.lastgroup or "two"]
        group = state.last_group or _pair_of_the_story(state, count)
        return group if group and group.members and len(group.members) == count else Subject(None)
    several = _N_COMPANIES.search(clause) or _N_FIRMS.search(clause)
    if several:  # '3사의 CAPEX는 6조6107억원': the three companies the article is about, else none of them
        return state.most_named(int(several.group("n"))) or Subject(None)
    pronoun = _PRONOUN.search(clause)
    if pronoun:  # '회사는': the company its sentence names before it, the article's, else the one named last
        before_it = [h for h in s.hits if not h.in_gloss and h.end <= start + pronoun.start()
                     and s.text.startswith("의 ", h.end) and _REPORT_OF.search(s.text, h.end, start + pronoun.start())]
        if before_it:  # '한화에어로스페이스의 사업보고서에 따르면 이 회사가 계획한 설비투자는'
            return Subject(before_it[-1].name, before_it[-1].members, before_it[-1].written)
        pronoun_means = state.main or state.last_company
        if pronoun_means and pronoun_means.members and (one := state.last_company) and not one.members:
            pronoun_means = one  # '회사는' after a pair's headline: the one company named last
        if pronoun_means is not None:
            return pronoun_means
    if not s.has_companies and _about_the_venture(clause, state) and (pair := state.joint_pair()):
        return pair  # '합작 공장은 … 생산한다. 총투자비는 25억달러로': the venture's, the pair's
    if not s.has_companies and _VEHICLE_TOPIC.search(clause) and state.main is not None:
        return state.main  # '특수목적법인(SPC)이 2조9000억원을 투입한다': the vehicle of the article's company
    if not s.has_companies and _COLLECTIVE.search(clause):
        return Subject(None)  # '올해 빅테크의 AI 투자액은 7000억달러': many companies', no one's
    if not s.has_companies and _government_before(state):
        return Subject(None)  # '정부는 … 지원책도 내놨다. 연말까지 3500억원 규모의 수출보험을': the state's
    if (not _names_a_subject(s) or _named_after_only(s, amount)) and not _other_topic(s, start, clause, state.people):
        named_last, main = state.last_company, state.main
        if named_last and main and _TOTAL_CAPEX_TOPIC.search(clause) and main.company != main.written \
                and named_last.company != main.company and _same_group(named_last, main):
            return main  # '삼성디스플레이는 … 매출' then '1분기 시설투자는': the story's company, not its unit
        return named_last or main or Subject(None)
    return Subject(None)


def _government_before(state: _State) -> bool:
    """Does one of the two sentences before open with a government as its topic ('정부는', '산업부는'), no
    company named since ('정부는 … 지원책도 내놨다. 연말까지 3500억원 …. 이와 함께 … 1300억원')?"""
    for before in reversed(state.read[-3:-1]):
        if _GOVERNMENT_TOPIC.match(before):
            return True
        if state.companies(before):
            return False
    return False


_GOVERNMENT_TOPIC = re.compile(_WORDS["government_topic"])


def _about_the_venture(clause: str, state: _State) -> bool:
    """Does the clause, or the sentence before it (naming no company), speak of the joint venture?"""
    before = state.read[-2] if len(state.read) > 1 else ""
    return bool(_VENTURE_TOPIC.search(clause)) or (before != (state.named_in or ("",))[0]
                                                   and _VENTURE_TOPIC.match(before) is not None)


def _pair_of_the_story(state: _State, count: int) -> Subject | None:
    """'양사는' with no group named just before: the venture's pair, else the article's, if it is a pair."""
    if count != 2:
        return None
    main = state.main
    return state.joint_pair() or (main if main and main.members and len(main.members) == 2 else None)


def _named_after_only(s: FigureSentence, amount: MoneyAmount) -> bool:
    """Are the sentence's companies all named after the figure, none as a subject ('당시 투자액은 6135만달러로,
    SK이노베이션 협력사 가운데 처음으로'), or as the seller of what it buys ('JXTG홀딩스 계열 업체 두 곳을 8억달러에
    사들였다')? They do not own it; the company before does."""
    return all((g.start >= amount.tail_end and g.role in ("bare", "possessive")) or sells(s.text, g, amount.start)
               for g in s.groups)


def _names_a_subject(s: FigureSentence) -> bool:
    """Does the sentence name a company outside a relative clause ('MS365와 링크드인이 속한 부문' names none)?"""
    return s.has_companies and any(g.role != "relative" for g in s.groups)


def _same_group(a: Subject, b: Subject) -> bool:
    """Are two companies of one group ('Samsung Display' and 'Samsung Electronics', 'SK온'/'SK이노베이션')?"""
    if a.members or b.members or not a.company or not b.company:
        return False
    first = a.company.split()[0], b.company.split()[0]
    return (len(first[0]) > 2 and first[0] == first[1]) or (a.written or "")[:2] == (b.written or "")[:2] != ""


def _other_topic(s: FigureSentence, start: int, clause: str, people: frozenset[str] = frozenset()) -> bool:
    """Does the clause have a topic (X는) other than the figure's own noun (매출은, 설비투자는) or a person
    who speaks for the company ('머스크는' after '일론 머스크 최고경영자')?"""
    for m in _TOPIC.finditer(clause):
        at = start + m.start()
        if _FIGURE_TOPIC.search(clause, 0, m.end()) or _OBSERVER_TOPIC.search(clause, 0, m.end()):
            continue
        if m.group(0).strip()[:-1] in people:
            continue
        if not any(c.start < start + m.end() and at < c.end for c in s.cues) and is_topic(m.group(0).strip()):
            return True  # a topic, not a verb's adnominal form ('보여주는', '짓는')
    return False


_THIS_TIME = re.compile(r"이번(?:에는|에도|에|엔)\s")
_UNIT_TOPIC = re.compile(r"[가-힣A-Za-z·]+\s?(?:부문|사업부|사업)(?:은|는|이|가|에는|에서는|에)\s")  # '기판소재 부문은'
# the change, in brackets after a percentage, from a figure compared with ('…보다 48.5%(1조858억원) 많다')
_BRACKETED_CHANGE = re.compile(r"(?:보다|대비|비해)\s(?:약\s)?\d+(?:\.\d+)?\s?%(?:포인트)?\s?\($")


def _is_delta(amount: MoneyAmount, text: str) -> bool:
    """'당초 예상보다 800억달러 늘어', '투자액이 약 9000억원 줄었다': how much more, not how much."""
    return bool(_DELTA_BEFORE.search(text, max(0, amount.start - 14), amount.start)
                and _DELTA_AFTER.match(text, amount.tail_end)) or bool(
        _CHANGE_BEFORE.search(text, max(0, amount.start - 8), amount.start)
        and _CHANGE_AFTER.match(text, amount.tail_end))


def _mention(amount: MoneyAmount, s: FigureSentence, subject: Subject, kind: str, period: str | None) -> Mention:
    return Mention(
        company=subject.company, amount=amount.value, currency=amount.currency,
        qualifier="approx" if amount.vague and amount.qualifier == "exact" else amount.qualifier,
        period=period, kind="other" if kind == "capex" and _is_delta(amount, s.text) else kind, evidence=s.text,
        members=subject.members, company_ko=subject.written, amount_max=amount.value_max,
        conversions=amount.conversions, vague=amount.vague,
    )
