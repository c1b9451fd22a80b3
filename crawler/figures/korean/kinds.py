"""What a money figure is (capex, equity_investment, revenue, profit, market_cap, budget, other).

Owns the kind decision from cue words in the figure's sentence: the cue nearest to the
figure wins (a decisive cue such as "공급 계약", "수주" shortly after the figure first);
generic investment words (투자, 지출) count as capex only when no specific cue is about as
close, and an investment "in a company" (문샷 AI에 투자한) is a stake.
Returns None when the sentence has no cue at all (the caller may carry the kind of the
previous figure). Cue words are crawler/data/kinds.toml.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from crawler.figures.korean.amounts import MoneyAmount
from crawler.figures.korean.companies import CompanyHit
from crawler.figures.korean.orgs import has_latin_name, names_a_site
from crawler.figures.korean.scan import anchored_at, literal_prefix, prefix_anchor
from crawler.figures.korean.vocab import load_vocab

_VOCAB = load_vocab("kinds")
_PENALTY: int = _VOCAB["generic_penalty"]
_REACH: int = _VOCAB["decisive_reach"]
_NEXT_CLAUSE: int = _VOCAB["next_clause_penalty"]
_SECTIONS = (("decisive", "d"), ("specific", "s"), ("generic", "g"))
_EQUITY_BETWEEN = re.compile(_VOCAB["equity_target"]["between"])
_FUNDING = re.compile(_VOCAB["funding_context"])
_FUNDING_ARTICLE = re.compile(_VOCAB["funding_article"])
_MEASURES = re.compile(_VOCAB["measures"])
_FIGURE_BETWEEN = re.compile(_VOCAB["equity_target"]["figure_between"])
# '스타트업 스케일AI에 140억달러 규모의 전략적 투자': a startup or a company (described so, or named
# in Latin letters) before 에, maybe the figure, then the investment word
_NAMED_TARGET = re.compile(rf"(?:(?P<described>{_VOCAB['equity_target']['described_as']})\s)?"
                           r"(?P<name>[^\s(…]+?(?:\([^()]*\))?)"
                           r"(?:에게|에)(?!\s따르면)\s(?:대한\s?)?(?:[^\s…\"“]+\s){0,5}$")  # not into a quote


def _cue_pattern(first: str | None = None) -> re.Pattern[str]:
    """One alternation: decisive, then specific, then generic cues, so 설비 투자 wins over 투자; with
    `first`, only the cues that can start with that character (a group with none left out)."""
    parts = []
    for section, prefix in _SECTIONS:
        for i, words in enumerate(_VOCAB[section].values()):
            if first is not None:
                words = [w for w in words if first in _first_characters(w)]
            if words:
                parts.append(f"(?P<{prefix}{i}>{'|'.join(words)})")
    return re.compile("|".join(parts))


def _first_characters(word: str) -> set[str]:
    """The characters a cue can start with: its first literal character, in any case under (?i:
    (where i, k and s also match İ, ı, K and ſ)."""
    first = literal_prefix(word)[0]
    if not word.startswith("(?i:"):
        return {first}
    matcher = re.compile(f"(?i:{re.escape(first)})")
    return {c for c in (first, first.lower(), first.upper(), "İ", "ı", "K", "ſ") if matcher.fullmatch(c)}


_WORDS = [w for section, _ in _SECTIONS for words in _VOCAB[section].values() for w in words]
_CUES = _cue_pattern()
# The cues that can start with a place's character, for anchored_at: the same first match as _CUES
# there (the cues left out cannot match at that place, and the order of the others is kept), but the
# engine looks at a few cues, not at all 250.
_CUES_AT = {first: _cue_pattern(first) for first in {c for w in _WORDS for c in _first_characters(w)}}
_ANCHOR = prefix_anchor(literal_prefix(w) for w in _WORDS)
_GROUP_KIND = {
    f"{prefix}{i}": (kind, prefix)
    for section, prefix in _SECTIONS
    for i, kind in enumerate(_VOCAB[section])
}


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    kind: str
    generic: bool
    decisive: bool = False


def find_cues(sentence: str, companies: list[CompanyHit], *,
              funding_article: bool | Callable[[], bool] = False) -> list[Cue]:
    """The kind cue words of a sentence, with investments in a named company, or in a sentence (or an
    article) about a funding round, made stakes. A word inside a company's name is no cue (두산건설).
    `funding_article` may be a function: it is asked only when a generic investment word needs it."""
    cues = []
    funding: bool | None = None
    for m in anchored_at(_CUES_AT, _ANCHOR, sentence):
        if any(c.start <= m.start() < c.end for c in companies):
            continue
        kind, section = _GROUP_KIND[m.lastgroup or ""]
        if kind == "equity_investment" and m.group(0).startswith("에") and _SITE_BOUGHT.search(
                sentence, max(0, m.start() - 40), m.start()):
            kind, section = "capex", "s"  # '400에이커 부지를 1억1700만달러에 인수': land bought is spending
        if kind == "capex" and section == "s" and _SEGMENT_AFTER.match(sentence, m.end()):
            continue  # '코어 데이터센터 부문은 15억달러로 23% 줄었다': a segment's name, no spending
        generic = section == "g"
        if generic and kind == "capex" and _STAKE_VERB.match(m.group(0)) and _invested_in_company(
                sentence, m.start(), companies):
            kind, generic = "equity_investment", False  # '오픈AI에 400억달러를 투자': a stake, whatever is near
        elif generic and kind == "capex":
            if funding is None:  # asked once, and only here
                funding = _FUNDING.search(sentence) is not None or (
                    funding_article() if callable(funding_article) else funding_article)
            if funding:
                kind = "equity_investment"  # a round's ticket, unless a plant or a fab is named nearer
        cues.append(Cue(m.start(), m.end(), kind, generic, decisive=section == "d"))
    return cues


def _invested_in_company(sentence: str, at: int, companies: list[CompanyHit]) -> bool:
    """A generic investment word after '<company>에': a stake, unless the company is a joint venture
    (investing in the Stargate project is building its infrastructure)."""
    if any(c.end <= at and not c.members and not names_a_site(c.written) and not _OWN_UNIT.search(sentence, 0, c.start)
           and (_EQUITY_BETWEEN.match(sentence[c.end : at]) or _owned_by_another(sentence, c, at, companies))
           for c in companies):
        return True
    start = max(0, at - 80)
    if "에" not in sentence[start:at]:
        return False  # the target is named before 에 or 에게: without it the search below cannot match
    target = _NAMED_TARGET.search(sentence, start, at)
    if target is not None and (target.group("name").startswith(_QUOTES) or names_a_site(target.group("name"))
                               or _OWN_UNIT.search(sentence, 0, target.start("name"))):
        return False  # "기흥 'NRD-K'에 … 20조 쏟는다", '한화필리조선소에', '생산법인 LSCMX에': not another company
    return target is not None and (target.group("described") is not None or has_latin_name(target.group("name"))) \
        and not any(c.start <= target.start("name") < c.end and c.members for c in companies)


def _owned_by_another(sentence: str, target: CompanyHit, at: int, companies: list[CompanyHit]) -> bool:
    """'아마존의 앤트로픽 40억달러 투자': a company right after another's possessive, then the figure."""
    investor = any(c.end <= target.start and sentence[c.end : target.start] in ("의 ", "의") for c in companies)
    return investor and bool(_FIGURE_BETWEEN.match(sentence[target.end : at]))


_TARGET_MARK = re.compile("[에의]")
# '멕시코 생산법인 LSCMX에 약 2300억원을 투입': the company's own plant abroad, where it spends
_OWN_UNIT_WORDS = r"(?:생산\s?법인|생산\s?기지|현지\s?생산\s?법인)"
_OWN_UNIT = re.compile(_OWN_UNIT_WORDS + r"\s$")
_SITE_BOUGHT = re.compile(r"(?:부지|토지|땅|건물|사옥)(?:을|를)?\s(?:[^\s,]+\s){0,2}[^\s,]*$")
# the words that buy into a company ('오픈AI에 400억달러를 투자', '…를 쏟아붓는다'); money that goes into a
# unit ('삼성디스플레이에 2조4000억원이 들어갔다') or is allotted to one is spent, not a stake
_STAKE_VERB = re.compile(r"투자|투입|넣|쏟|(?i:invest)")
_CLAUSE_DONE = re.compile(r"(?:한|된|인수한|마친)\s(?:뒤|후|다음)\s")  # a clause done before the figure's
_CAPACITY_MEASURED = re.compile(_VOCAB["capacity_measured"])
_CAPACITY_TOPIC = re.compile(_VOCAB["capacity_topic"])
_CAPACITY_REACH = 40  # characters before a figure where its topic, a capacity, is looked for
_TOPIC_CUE = re.compile(r"(?:은|는)\s")
_TOPIC_BETWEEN = re.compile(r"[가-힣](?:은|는|이|가)\s|,")
_TOPIC_REACH = 3  # a topic noun ('매출은') counts as this near the figure its clause states
_SEGMENT_AFTER = re.compile(r"[가-힣A-Za-z]{0,4}(?:·[가-힣A-Za-z]{1,8})*\s?(?:부문|사업부)(?:은|는|도|이|가|의)?\s")
_QUOTES = ("'", "‘", "\"", "“")


def is_stake_news(sentence: str, companies: Callable[[str], list[CompanyHit]]) -> bool:
    """Does a headline or lead sentence say a company invests in another ('엔비디아, 오픈AI에 1000억달러
    투자', '아마존의 앤트로픽 40억달러 투자')? Then the article's other investment figures are that stake.
    `companies` names the sentence's companies; it is asked only when a generic investment word follows
    an 에 or a 의 (which every such sentence has)."""
    generic = [m.start() for m in anchored_at(_CUES_AT, _ANCHOR, sentence) if m.lastgroup
               and _GROUP_KIND[m.lastgroup] == ("capex", "g") and _TARGET_MARK.search(sentence, 0, m.start())]
    if not generic:
        return False
    hits = companies(sentence)
    return any(_invested_in_company(sentence, at, hits) for at in generic)


def invests_in_own_unit(sentence: str) -> bool:
    """Does the sentence put money into the company's own plant abroad ('생산법인 LSCMX에 약 2300억원을 투입')?
    A headline that names the unit alone ('LSCMX에 2300억 투입') then tells no stake."""
    return _OWN_UNIT_TARGET.search(sentence) is not None


_OWN_UNIT_TARGET = re.compile(_OWN_UNIT_WORDS + r"\s[^\s]+에\s")
_ORDER_ARTICLE = re.compile(_VOCAB["order_article"])
_ORDER_SENTENCE = re.compile(_VOCAB["order_sentence"])


def is_order_news(text: str) -> bool:
    """Is a headline or lead about an order won (수주, 공사 계약)?"""
    return _ORDER_ARTICLE.search(text) is not None


def about_the_order(sentence: str) -> bool:
    """Does a sentence of an order article speak of the contract or the order book?"""
    return _ORDER_SENTENCE.search(sentence) is not None


def is_funding_news(text: str) -> bool:
    """Is a headline or lead about a funding round (투자 유치, 시리즈 B, 기업가치)?"""
    return _FUNDING_ARTICLE.search(text) is not None


_OBJECT_MARK = re.compile(r"^(?:을|를)\s?$")
_OUTCOMES = ("revenue", "profit", "market_cap")


def _before_its_verb(amount: MoneyAmount, cues: list[Cue], text: str) -> list[Cue]:
    """The cues that may give a figure its kind: when a spending verb takes the figure as its object
    ('5조원을 쏟아부어 연 매출을 네 배로 키운다'), the sales or profit named after it are what the
    spending aims at, not what the figure is."""
    verb = next((cue for cue in cues if cue.generic and cue.start >= amount.tail_end
                 and _OBJECT_MARK.match(text[amount.tail_end : cue.start])), None)
    if verb is None:
        return cues
    return [cue for cue in cues if cue.start <= verb.start or cue.kind not in _OUTCOMES]


def _head_of(cues: list[Cue], at: int) -> Cue:
    """Cue `at`, or the noun of no spending it modifies ('AI 서버 주문': 주문, what is counted)."""
    while at + 1 < len(cues) and 0 <= cues[at + 1].start - cues[at].end <= 1 and cues[at + 1].kind == "other" \
            and not cues[at + 1].generic:
        at += 1
    return cues[at]


def kind_for(amount: MoneyAmount, cues: list[Cue], text: str = "") -> str | None:
    """The kind the nearest cue gives a figure (a decisive cue shortly after it first, then the noun
    the figure measures: "890억원 규모의 계열사 출자"), or None when the sentence has no cue."""
    for cue in cues:
        if cue.decisive and 0 <= cue.start - amount.tail_end <= _REACH:
            return cue.kind
    for at, cue in enumerate(cues):  # '890억원 규모의 계열사 출자': the noun the figure measures
        if text and cue.start >= amount.tail_end and _MEASURES.match(text[amount.tail_end : cue.start]):
            return _head_of(cues, at).kind
    if text and (_CAPACITY_MEASURED.match(text, amount.tail_end) or _CAPACITY_TOPIC.search(
            text, max(0, amount.start - _CAPACITY_REACH), amount.start)):
        return "other"  # '금액 기준 1조원 규모의 생산능력': what the plants can make, not what they cost
    best: tuple[int, str] | None = None
    for cue in _before_its_verb(amount, cues, text):
        if cue.end <= amount.start:
            distance = amount.start - cue.end
            if text and _CLAUSE_DONE.search(text, cue.end, amount.start):
                distance += _NEXT_CLAUSE  # '구미4공장을 인수한 뒤 … 1조4000억원을 들여': an earlier clause's noun
            elif text and not cue.generic and _TOPIC_CUE.match(text, cue.end) and not _TOPIC_BETWEEN.search(
                    text, cue.end + 2, amount.start):
                distance = min(distance, _TOPIC_REACH)  # 'AIDC 매출은 … 구축 … 4220억원': the clause's topic
        elif cue.start >= amount.tail_end:
            distance = cue.start - amount.tail_end
            between = text[amount.tail_end : cue.start] if text else ""
            if "," in between or "…" in between:  # '연구개발비는 7조원, 시설투자는 14조원', '… 투자"…3분기 영업익'
                distance += _NEXT_CLAUSE  # the next clause's noun, or the next headline segment's
        else:
            continue
        score = distance + (_PENALTY if cue.generic else 0)
        if best is None or score < best[0]:
            best = (score, cue.kind)
    return best[1] if best else None
