"""Passes over a whole article's figures, after each sentence was read: the headline and its
subtitle (the deck), a headline's clipped company names, one name for an unknown company written
in several forms, and the periods a figure's own sentence
does not state — the filing window, the span of the project it pays for, the plan it is a part of.

Pure functions of the article's paragraphs and the figures found (crawler.figures.mentions calls
them); vocabulary in crawler/data/periods.toml.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from crawler.figures.korean.companies import CompanyHit
from crawler.figures.korean.orgs import NAME_ENDINGS, is_clipped, known_name
from crawler.figures.korean.periods import PROJECT_REACH, filing_window, project_window, publication_year
from crawler.figures.korean.scan import places
from crawler.figures.korean.sentences import split_sentences
from crawler.models import Mention

_FULL_STOP_END = re.compile(r"[다요죠음임함까][.!?][\"”’')\]]*$")
_DECK_MAX = 100  # characters: a subtitle line under the headline is short


def deck(paragraphs: list[str]) -> list[str]:
    """The subtitle lines under a headline: short lines at the top that do not end like a sentence."""
    deck = []
    for paragraph in paragraphs:
        if len(paragraph) > _DECK_MAX or _FULL_STOP_END.search(paragraph):
            break
        deck.append(paragraph)
    return deck if len(deck) < len(paragraphs) else []


def fullest_names(found: list[Mention], headline: frozenset[str], named: dict[str, list[CompanyHit]]) -> list[Mention]:
    """A company the alias table does not know, clipped in the headline ('LS일렉, 美 캠퍼스 준공'), goes by
    the full name the body gives it ('LS일렉트릭은'), known or not: the name readers record."""
    in_headline = {h.written for text in headline for h in named.get(text, ()) if not h.known}
    in_body = {h.written: h.name for text, hits in named.items() if text not in headline for h in hits}
    fuller = {short: max(longer, key=len) for short in in_headline - in_body.keys()  # the body never writes it so
              if len(short) >= 2 and (longer := [n for n in in_body if is_clipped(short, n)])}
    return [replace(m, company=in_body[fuller[m.company]], company_ko=fuller[m.company])
            if m.company in fuller and m.company == m.company_ko and not m.members else m for m in found]


_ENDING = "(?:" + "|".join(re.escape(word) for word in NAME_ENDINGS if word != "그룹") + ")"
_PARTICLE_AHEAD = r"(?=[\s,.·'\"’”)(]|은|는|이|가|의|을|를|와|과|에|도|로|$)"


def one_name_each(found: list[Mention], paragraphs: list[str]) -> list[Mention]:
    """A company the alias table does not know, written in several forms, goes by the one readers
    record: the whole name a later short form ends ('HD현대인프라코어' for '인프라코어'), the name with
    the letters or the business word it was first written with ('엠피리온DC' for '엠피리온', '폴라반도체'
    for '폴라'), and the name without 그룹 when the article writes both ('오리온' for '오리온그룹')."""
    unknown = {m.company for m in found if m.company and m.company == m.company_ko and not m.members}
    if not unknown:
        return found
    text = "\n".join(paragraphs)
    better = {name: fuller for name in unknown if (fuller := _fuller_form(name, text)) != name}
    return [replace(m, company=better[m.company], company_ko=better[m.company])
            if m.company in better and m.company == m.company_ko and not m.members else m for m in found]


# The forms below are looked for with these fixed patterns at the places where the name is written
# (str.find), not with a pattern compiled for each name: compiling one with a Hangul class takes longer
# than the rest of an article's figures, and a crawl sees a new unknown name in most articles.
_PARTICLE_AT = re.compile(_PARTICLE_AHEAD)
_NOT_A_LETTER_BEFORE = re.compile(r"(?<![가-힣A-Za-z])")
_BARE_END = re.compile(r"(?![A-Za-z])" + _PARTICLE_AHEAD)
_CAPITALS = re.compile(r"[A-Z]*")
_LETTERS_BEFORE = re.compile(r"[A-Z가-힣]{1,6}")


def _fuller_form(name: str, text: str) -> str:
    """The form of an unknown company's `name` that the article `text` writes it by (see one_name_each)."""
    if name.endswith("그룹") and len(name) > 4 and any(
            not text.startswith("그룹", at + len(name) - 2) and _PARTICLE_AT.match(text, at + len(name) - 2)
            for at in places(text, name[:-2])):  # the name without 그룹, then no 그룹 but a particle
        return name[:-2]
    if len(name) < 2 or not re.fullmatch(r"[가-힣]+", name):
        return name
    bare = next((at for at in places(text, name) if _NOT_A_LETTER_BEFORE.match(text, at)
                 and _BARE_END.match(text, at + len(name))), None)
    longer = (set(), set()) if len(name) < 3 else (_whole_forms(name, text), _lettered_forms(name, text))
    for forms in (*longer, _forms_with_ending(name, text)):  # two syllables start and end too many words
        if len(forms) == 1 and bare is not None and text.find(next(iter(forms))) < bare:
            return next(iter(forms))  # written whole first, then short
    return name


def _whole_forms(name: str, text: str) -> set[str]:
    """The texts of re.finditer(rf"(?<![가-힣A-Za-z])[A-Z가-힣]{1,6}{name}{_PARTICLE_AHEAD}", text): a
    longer name ending in the Hangul `name` ('HD현대인프라코어'). A match starts 1 to 6 characters before a
    place of `name`, the scan resumes at its end, and the greedy run gives back one character at a time."""
    found: set[str] = set()
    resume = 0
    for start in sorted({s for at in places(text, name) for s in range(max(0, at - 6), at)}):
        run = _LETTERS_BEFORE.match(text, start) if start >= resume else None
        if run is None or not _NOT_A_LETTER_BEFORE.match(text, start):
            continue
        end = next((start + k + len(name) for k in range(run.end() - start, 0, -1)
                    if text.startswith(name, start + k) and _PARTICLE_AT.match(text, start + k + len(name))), None)
        if end is not None:
            found.add(text[start:end])
            resume = end
    return found


_ENDING_AT = re.compile(_ENDING + _PARTICLE_AHEAD)


def _forms_with_ending(name: str, text: str) -> set[str]:
    """The Hangul `name` and the business word it was written with ('폴라반도체' for '폴라'), not a group's
    known affiliate ('한화' is not '한화오션')."""
    found: set[str] = set()
    for at in places(text, name):
        ending = _ENDING_AT.match(text, at + len(name)) if _NOT_A_LETTER_BEFORE.match(text, at) else None
        if ending is not None and known_name(text[at : ending.end()]) is None:
            found.add(text[at : ending.end()])
    return found


def _lettered_forms(name: str, text: str) -> set[str]:
    """The texts of re.finditer(rf"(?<![가-힣A-Za-z]){name}[A-Z]{{2,4}}{_PARTICLE_AHEAD}", text): the Hangul
    `name` and the capitals it was written with ('엠피리온DC'). The capitals are the whole run after it (no
    particle starts with a capital), and a match cannot overlap another: inside one, a letter precedes."""
    found: set[str] = set()
    for at in places(text, name):
        end = _CAPITALS.match(text, at + len(name)).end()  # type: ignore[union-attr]
        if 2 <= end - at - len(name) <= 4 and _NOT_A_LETTER_BEFORE.match(text, at) and _PARTICLE_AT.match(text, end):
            found.add(text[at:end])
    return found


def sentences_naming_more(headline: frozenset[str], named: dict[str, list[CompanyHit]], paragraphs: list[str],
                          split: Callable[[str], list[str]] = split_sentences) -> list[str]:
    """The body sentences that write a headline's unknown company name longer ('롯데바이오' in the
    headline, '롯데바이오로직스가 …' in a sentence with no figure): to be read for fullest_names."""
    short = {h.written for text in headline for h in named.get(text, ()) if not h.known and len(h.written) >= 2}
    if not short:
        return []
    names = sorted(short, key=len, reverse=True)
    return [s for p in paragraphs for s in split(p) if s not in headline and _writes_longer(s, names)]


def _writes_longer(sentence: str, names: list[str]) -> bool:
    """Does the sentence write one of the names with a Hangul syllable right after it ('롯데바이오로직스가'
    for '롯데바이오')?"""
    return any("가" <= sentence[at + len(name) : at + len(name) + 1] <= "힣"
               for name in names for at in places(sentence, name))


def in_spending_window(found: list[Mention], paragraphs: list[str], published: str | None,
                        headline: frozenset[str] = frozenset(),
                        split: Callable[[str], list[str]] = split_sentences,
                        announced: frozenset[tuple[str | None, int | None]] = frozenset()) -> list[Mention]:
    """Capex figures that state no period take the article's filing window (투자 기간은 A부터 B까지),
    else the span of the project they pay for (crawler.figures.korean.periods.project_window), else,
    for the parts of a plan that the headline or lead announces ("롯데, 5년간 37조 쏟는다"), its span.
    `split` gives a paragraph's sentences (the caller's, when it has split them already); `announced`
    the (company, amount) of the headline's figures, whose body statement may come later."""
    if not any(_lacks_period(m) for m in found):
        return found
    sentences = [s for p in paragraphs for s in split(p)]
    window = filing_window(sentences, published)
    filer = next((m for m in found if m.kind == "capex"), None)
    out = []
    for at, m in enumerate(found):
        if _lacks_period(m):
            filed = window if filer and _same_company(m, filer) and not _spent_then(m) else None
            m = replace(m, period=filed or _period_of_its_parts(found, at)
                        or _project_period(m, sentences, published, headline) or _period_of_the_whole(found, at))
        out.append(m)
    # then the parts of the plan the headline or lead announces take its span (known now even when it was
    # read from the project: '국내 기업 14곳이 … 모두 5090억원을 투자해' and '기업들은 2029년까지 …')
    plan = _plan(out, [s for p in paragraphs[:3] for s in split(p)], published, announced)
    if plan is None:
        return out
    return [replace(m, period=plan.period) if _lacks_period(m) and _is_part_of(m, plan, sentences) else m
            for m in out]


_AMONG_THESE = re.compile(r"^(?:이|그)\s?(?:가운데|중)")


def _period_of_the_whole(found: list[Mention], at: int) -> str | None:
    """'2025~2028년 미국에 210억달러를 투자한다. … 이 가운데 현대제철은 58억달러를 들여 …': a figure of a
    sentence that opens with 이 가운데 / 이 중 is part of the bigger figure before it, and of its period."""
    part = found[at]
    if part.evidence is None or not _AMONG_THESE.match(part.evidence):
        return None
    before = found[:at]
    whole = next((m for m in reversed(before) if m.evidence != part.evidence), None)
    if whole is None or whole.currency != part.currency or (whole.amount or 0) <= (part.amount or 0):
        return None
    return whole.period


def _period_of_its_parts(found: list[Mention], at: int) -> str | None:
    """'2213억원 규모의 투자를 의결했다. 2025년 말까지 공사비 2116억원과 이전 비용 97억원을 들여 …': the
    next sentence's figures of the same company add up to the total and share a period, which is the total's."""
    total = found[at]
    after = [m for m in found[at + 1 :] if m.evidence != total.evidence]
    parts = [m for m in after if m.evidence == after[0].evidence] if after else []
    if len(parts) < 2 or any(m.company != total.company or m.currency != total.currency or m.amount is None
                             for m in parts):
        return None
    periods = {m.period for m in parts}
    adds_up = abs(sum(m.amount or 0 for m in parts) - (total.amount or 0)) <= 0.005 * (total.amount or 0)
    return periods.pop() if adds_up and len(periods) == 1 else None


def _plan(found: list[Mention], lead: list[str], published: str | None,
          announced: frozenset[tuple[str | None, int | None]] = frozenset()) -> Mention | None:
    """The capex plan the headline or lead announces, for this year or later, or over years from now."""
    year = publication_year(published)
    for m in found:
        first = re.match(r"(?:FY)?(\d{4})", m.period or "")  # '2026-2030', 'FY2026-FY2030'
        if m.kind == "capex" and first and (m.evidence in lead or (m.company, m.amount) in announced):
            return m if year is not None and int(first.group(1)) >= year else None
    return None


_EARLIER = re.compile(r"이미|당초|애초|기존\s?(?:계획|투자)|앞서|그동안|지금까지|종전|당시")


def _is_part_of(m: Mention, plan: Mention, sentences: list[str]) -> bool:
    """A later figure of the plan's company or of its affiliates (롯데 -> 롯데렌탈), smaller than the plan."""
    later = m.evidence in sentences and plan.evidence in sentences and (
        sentences.index(m.evidence) > sentences.index(plan.evidence))
    whole = plan.amount_max or plan.amount
    if whole is None or (m.currency == plan.currency and m.amount and m.amount >= whole):
        return False  # a plan of some billions has no parts we can tell; no part is as big as the whole
    if _EARLIER.search(m.evidence or "") or _spent_then(m):
        return False  # '이미 650억달러를 들여 짓고 있다', '당초 계획은 400억달러', '4공장에 …을 투자했다': before
    if plan.company is None:
        return later  # '기업들은 2028년까지 4448억원을 투자해' and then each company's part
    own = plan.company_ko or plan.company or ""
    return later and bool(own) and (m.company == plan.company or (m.company_ko or "").startswith(own))


def _lacks_period(m: Mention) -> bool:
    return m.kind == "capex" and m.period is None and m.amount is not None


# '당시 626억원을 투자했고', '2800억원을 투입한 신사업장을 준공했다': money spent on an earlier or finished
# project, not on the one the article announces
# (unless the sentence says it is this one: '이번 증설을 위해 약 300억원을 투입했다')
_SPENT_THEN = re.compile(r"당시|(?:투자|투입|집행)했(?:고|으며|다)|들였(?:고|으며|다)|(?:준공|완공)(?:했|한\s)")


def _same_company(m: Mention, other: Mention) -> bool:
    """The same company, written alike or not ('HD현대인프라코어', '인프라코어'), or a joint venture's member."""
    names = [{m.company, *(m.members or ())}, {other.company, *(other.members or ())}]
    if names[0] & names[1]:
        return True
    written = [m.company_ko or m.company or "", other.company_ko or other.company or ""]
    return all(written) and (written[0] in written[1] or written[1] in written[0])


def _spent_then(m: Mention) -> bool:
    """Was the figure spent on an earlier or finished project ('2800억원을 들여 신사업장을 준공했다')?"""
    return _SPENT_THEN.search(m.evidence or "") is not None and "이번" not in (m.evidence or "")


def _project_period(m: Mention, sentences: list[str], published: str | None, headline: frozenset[str]) -> str | None:
    """The span of the project a figure pays for: its sentence, the few after it, then the headline and
    its subtitle ('…내년 말 완공')."""
    if m.evidence not in sentences or _spent_then(m):
        return None
    at = sentences.index(m.evidence)
    heading = [s for s in sentences[:at] if s in headline]
    return project_window(sentences[at : at + 1 + PROJECT_REACH], published, heading)
