"""Company names the alias table does not know: open-set recognition with Kiwi (kiwipiepy).

Owns one question: is the word in a subject, topic, list or possessive position ("X는",
"X가", "X와", "X의", a headline's "X, ...") the name of an organization? The word is
split into name and particle by Kiwi, and it is an organization when the name holds
a Latin part that is not a common acronym ("LG CNS", "SK에코플랜트"), ends in a company
word after a proper noun or an unknown word ("효성중공업", "코람코자산운용"), is a word
Kiwi does not know (its id 2: "키옥시아", "에퀴닉스") or a proper noun that is no place,
or follows an apposition ("반도체 기업 글로벌파운드리스는"). Observers, governments,
places and role words are ruled out (crawler/data/organizations.toml). The name is kept
as the article writes it, particles, ㈜ and 주식회사 stripped.

Kiwi is loaded once per process, on first use, and each word is analysed once (cached):
only the words in those positions of sentences that hold a money figure are analysed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from operator import methodcaller
from typing import Any

from crawler.figures.korean.companies import CompanyHit, canonical_name, is_ambiguous
from crawler.figures.korean.vocab import load_vocab

_VOCAB = load_vocab("organizations")
_STRONG_SUFFIXES = tuple(_VOCAB["corporate_suffixes"])
_SUFFIXES = tuple(_VOCAB["suffixes"])
_ANY_SUFFIX = (*_STRONG_SUFFIXES, *_SUFFIXES)
_SUFFIX_WORDS = frozenset(_ANY_SUFFIX)
_LATIN_STOP = frozenset(w.casefold() for w in _VOCAB["latin_stopwords"])
_PLACES = frozenset(_VOCAB["places"])
_NOT_COMPANY = frozenset(_VOCAB["not_companies"]) | _PLACES
_PLACE_ENDING = re.compile(_VOCAB["place_endings"])
_PLACE_EXCEPTIONS = frozenset(_VOCAB["place_ending_exceptions"])
_APPOSITION = re.compile(_VOCAB["apposition"])
_AFTER_PLACE = re.compile(_VOCAB["after_place"])
_AND_THEN_A_WORD = re.compile(r"(?:와|과)\s([가-힣]+)")
_FIGURE_WORDS = re.compile(_VOCAB["figure_words"])
_UNIT = re.compile(_VOCAB["unit_endings"])
_OBSERVER_AFTER = re.compile(_VOCAB["observer_after"])
_LATIN_CODE = re.compile(_VOCAB["latin_code"])
_FACILITY_ENDING = re.compile(_VOCAB["facility_endings"])
_PLACE_PARTICLES = ("에", "에서", "에는")
_OFFICIAL_AFTER = re.compile(r"(?:도|은|는|이|가)?\s(?:[가-힣]+\s)?"
                             r"(?:장관|차관|의원|대통령|총리|주석|주지사|위원장|청장|대사)")
_OBSERVER_ENDING = re.compile(_VOCAB["observer_endings"])
_OBSERVER_BEFORE = re.compile(_VOCAB["observer_before"])
_NOMINAL_TAGS = frozenset({"NNP", "NNG", "NNB", "NR", "NP", "SL", "SH", "SN", "XSN", "XPN", "SO", "SW"})
_BARE_WORD = re.compile(r"(?:^|\s)([가-힣A-Za-z][가-힣A-Za-z0-9&]*)\s$")
_LATIN_PART = re.compile(r"[A-Za-z][A-Za-z0-9&.\-]*")
_HANGUL_ONLY = re.compile(r"[가-힣]+")
_OOV_ID = 2  # Kiwi's id for a noun not in its dictionary
_START = methodcaller("start")
_LOOKBACK = 40  # characters before a name that the end-anchored context patterns look at

_TITLES = load_vocab("mentions")["titles"]
# where a title may start (no guard if a title were empty: it would match after any space)
_TITLE_GUARD = f"(?=[{''.join(sorted({re.escape(t[0]) for t in _TITLES}))}])" if all(_TITLES) else ""

# A word ending in a particle (or a bracketed gloss, a title word and a particle), or a headline's
# first word before a comma; up to one Latin word before it joins ("LG CNS는").
# Written for the engine, which tries it at every word and every length of it (same matches):
# a run written `*+` (possessive) is followed by a character it cannot hold (a space, '('), so
# giving characters back could never help; an optional part is `(?:(?P<x>...)|)`, cheaper to
# try than `(?P<x>...)?`; the titles' alternation is looked at only where one of them starts.
_CANDIDATE = re.compile(
    r"(?<![\w&.\-])(?P<name>(?:[A-Z][A-Za-z0-9&.\-]*+\s)?(?:㈜|\(주\)|주식회사\s?)?[가-힣A-Za-z0-9&][가-힣A-Za-z0-9&.\-]*)"
    r"(?:(?P<gloss>\([^()]{1,30}\))|)"
    r"(?:(?P<title>\s" + _TITLE_GUARD + r"(?:" + "|".join(map(re.escape, _TITLES)) + r"))|)"
    r"(?P<after>은|는|이|가|의|와|과|도|,|·)(?=[\s,.·\"'”’]|$)"
)
# A bare name right before a figure, in a list of such pairs: "㈜두산 1352억원, 두산퓨얼셀 995억원",
# "LG유플러스(5천870억원), 대성산업(5천815억원)".
_NAME_CHARS = "가-힣A-Za-z0-9&."
_FIGURE_AHEAD = r"(?:약\s?)?\d[\d,.]*\s?(?:[조억만천]\s?[\d,.]*\s?)*(?:원|달러|위안|엔|유로|파운드)"
_BEFORE_FIGURE = re.compile(
    rf"(?<![\w&.\-])(?P<name>(?:㈜|\(주\))?[가-힣A-Za-z][{_NAME_CHARS}]*+)(?P<gloss>)(?P<title>)(?P<after>)"
    rf"(?=[\s(]{_FIGURE_AHEAD})"
)
# Where such a name ends: a space or '(' right after a name character, and a figure after it.
_AFTER_A_NAME = re.compile(rf"[\s(](?<=[{_NAME_CHARS}][\s(])(?={_FIGURE_AHEAD})")
# A bare name that is plainly a company wherever it stands: a Latin group prefix and a Hangul
# name (SK브로드밴드, LG이노텍, HD현대삼호), as in "SK브로드밴드 인프라 투자에 6500억원"; not the
# "Korea" of a national project's name (K클라우드, K반도체).
_GROUP_NAME = re.compile(
    r"(?<![\w&.\-])(?P<name>(?!K[가-힣])[A-Z]{1,4}[가-힣]{2,}[가-힣A-Za-z0-9&]*)(?P<gloss>)(?P<title>)(?P<after>)"
    r"(?<![은는이가을를의와과도에로])(?=\s)"
)
_CORPORATE_MARK = re.compile(r"^(?:㈜|\(주\)|주식회사\s?)")
_LATIN_GLOSS = re.compile(r"\([A-Z][A-Za-z0-9&.\-]*(?:\s[A-Za-z0-9&.\-]+){0,3}\)")
_CORPORATE_STARTS = ("㈜", "(주)", "주식회사")  # how every _CORPORATE_MARK starts
_GROUP_HINT = re.compile(r"[A-Z][가-힣][가-힣]")  # what every _GROUP_NAME holds: the engine finds it in C
_TITLE_AT_END = re.compile(r"\s(?:" + "|".join(map(re.escape, _TITLES)) + r")$")
_FOLLOWERS = frozenset(load_vocab("companies")["followers"])
_AFFILIATES = frozenset({"계열", "계열사", "자회사", "그룹사", "측"})  # 'NTT 계열,': one of the known company's


@dataclass(frozen=True)
class _Word:
    tags: tuple[str, ...]
    oov: bool
    particle_at: int | None  # where the particle starts in the word, or None


@cache
def _kiwi() -> Any:
    from kiwipiepy import Kiwi  # loads its model (about 2 s): once per process, on first use

    return Kiwi()


@lru_cache(maxsize=65536)
def _analyse(word: str) -> _Word:
    tokens = _kiwi().tokenize(word)
    particle_at = None
    if tokens and tokens[-1].tag.startswith("J") and len(tokens) > 1:
        particle_at = tokens[-1].start
    stem = [t for t in tokens if particle_at is None or t.start < particle_at]
    return _Word(tuple(t.tag for t in stem), any(t.tag.startswith("NN") and t.id == _OOV_ID for t in stem),
                 particle_at)


def modifies_a_noun(text: str) -> bool:
    """Does `text` hold a verb in adnominal form ('가동을 멈춘 공장을': 멈추 + ㄴ/ETM), making the clause
    before it a relative clause that describes a noun?"""
    return any(t.tag == "ETM" for t in _kiwi().tokenize(text))


def find_organizations(text: str, known: Sequence[CompanyHit]) -> list[CompanyHit]:
    """Unknown organizations of a sentence, as CompanyHits named as written (not overlapping `known`)."""
    found: list[CompanyHit] = []
    candidates = [*_CANDIDATE.finditer(text), *_listed_names(text),
                  *(_GROUP_NAME.finditer(text) if _GROUP_HINT.search(text) else ())]
    for m in sorted(candidates, key=_START):
        if m.group("name") in _NOT_COMPANY:
            continue  # most candidates: 회사는, 규모의, 정부가
        start, end = m.span("name")
        if known and any(k.start < end and start < k.end and (k.end - k.start) >= (end - start) for k in known):
            continue
        if m.group("after") in ",·" and m.group("after") and not _listed_name(text, m) \
                and not _UNIT_BEFORE.search(text, 0, start):
            continue  # a word before a comma is no name, unless a list's or a unit's ('합작사 NES머티리얼즈, …')
        if known and any(k.start == start and (text[k.end:end] in _FOLLOWERS or text[k.end:end].strip() in _AFFILIATES)
                         for k in known):
            continue  # '현대자동차그룹', 'NTT 계열': a known name and a follower word, not another company
        if known and any(k.start == start and text.startswith(("-", "–"), k.end) for k in known):
            start = next(k.end for k in known if k.start == start) + 1  # 'LG에너지솔루션-혼다': a pair
        government = _GOVERNMENT_PAIR.match(text, start, end)
        if government:
            start = government.end()  # '부산시-이지스자산운용, … 협약': the government's partner is the company
        written = text[start:end]
        if " " in written:
            written = _TITLE_AT_END.sub("", written)  # 'PDG 최고경영자는': the name is PDG
        end = start + len(written)
        name = _CORPORATE_MARK.sub("", written) if written.startswith(_CORPORATE_STARTS) else written
        if name.rsplit(" ", 1)[-1] in _NOT_COMPANY:
            continue  # 'MS 몫이': a company's share, not a company
        if not (_is_organization(name, m, text) or _files_a_disclosure(text, m, name)) \
                or _person_before_title(text, m, name):
            continue
        if not m.group("title") or name in NAME_ENDINGS:  # '최창호 하나마이크론그룹 회장은': a person's name
            start, name = _with_words_before(text, start, name, glossed=bool(m.group("gloss")))
        if name in NAME_ENDINGS:
            continue  # '테크놀로지' alone: a company word, not a company's name
        canonical = known_name(name)  # an alias the table keeps for context ('한화, …' in a headline)
        found.append(CompanyHit(start, end, canonical or name, name, known=canonical is not None))
    return found


_GROUP_WORDS = ("오션", "글로벌", "에어로", "솔루션", "비전", "시스템", "인터", "웰", "USA", "아메리카")
_LEGAL_FORM = re.compile(r"\s?(?:" + "|".join(map(re.escape, _VOCAB["legal_forms"])) + r")$")


def known_name(name: str) -> str | None:
    """The alias table's name for a name as written, or for it without a legal form ('마이크론 테크놀로지')."""
    return canonical_name(name) or (canonical_name(_LEGAL_FORM.sub("", name)) if _LEGAL_FORM.search(name) else None)


NAME_ENDINGS = tuple(sorted({*_STRONG_SUFFIXES, *_SUFFIXES, *_VOCAB["legal_forms"]}, key=len, reverse=True))


def is_clipped(short: str, full: str) -> bool:
    """Is `short` the start of `full` cut inside a word ('LS일렉' of 'LS일렉트릭'), not a group's name
    before an affiliate's ending ('롯데' of '롯데케미칼', '한화' of '한화오션', 'GS' of 'GS칼텍스')?"""
    rest = full[len(short):] if full.startswith(short) else ""
    inside_a_word = bool(rest) and "가" <= short[-1] <= "힣" and "가" <= rest[0] <= "힣"  # not 'GS' of 'GS칼텍스'
    return inside_a_word and not rest.startswith(NAME_ENDINGS) and not any(
        rest.startswith(word) for word in _GROUP_WORDS)


def has_latin_name(word: str) -> bool:
    """Does a word carry a Latin name that is no common acronym or product code (스케일AI, 미스트랄AI(Mistral
    AI))? Places and facilities are written in Hangul: '스케일AI에 투자' is a company, 'AI에 투자' is not;
    a gloss counts when it is a word, not an abbreviation ('반도체(DS)')."""
    word, _, gloss = word.partition("(")
    if _LATIN_CODE.match(word) or _UNIT.search(word):
        return False  # M15X, H100; 'DS부문에 10조원': a unit of the company
    latin = [*re.findall(r"[A-Za-z][A-Za-z0-9&.\-]*", word),
             *(p for p in re.findall(r"[A-Za-z][A-Za-z0-9&.\-]*", gloss) if len(p) > 2 and not p.isupper())]
    return any(len(p) > 1 and p.casefold() not in _LATIN_STOP for p in latin)


def _listed_names(text: str) -> list[re.Match[str]]:
    """_BEFORE_FIGURE's matches when there are two or more (a list of names and figures), else none.

    Fast path: a match's name is a possessive run of name characters, so it ends where
    _AFTER_A_NAME matches (found by the engine in C), one match at each such place at most:
    with fewer than two places there is no list."""
    first = _AFTER_A_NAME.search(text)
    if first is None or _AFTER_A_NAME.search(text, first.end()) is None:
        return []
    # no match starts before the name that ends at the first place (and its ㈜ or (주)): searched from there
    start = first.start()
    while start and _is_name_char(text[start - 1]):
        start -= 1
    found = list(_BEFORE_FIGURE.finditer(text, max(0, start - len("(주)"))))
    return found if len(found) > 1 else []


def _is_name_char(char: str) -> bool:
    """One of _NAME_CHARS."""
    return "가" <= char <= "힣" or (char.isascii() and (char.isalnum() or char in "&."))


def names_a_site(name: str) -> bool:
    """Does the name end in a site's word ('M15 팹', '한화필리조선소'): a place a company owns, not a company?"""
    return _FACILITY_ENDING.search(name.replace(" ", "")) is not None


def is_topic(word: str) -> bool:
    """Does the word end in a topic or subject particle (회사는, 업계가), not a verb form (보여주는)?"""
    return _analyse(word).particle_at is not None


# the words that introduce a company as another's unit ('자회사 세아항공방산소재가', '합작사 NES머티리얼즈,')
UNIT_WORDS = r"(?:합작사|합작법인|자회사|계열사|손자회사|종속회사|현지\s?법인)"
_UNIT_BEFORE = re.compile(rf"(?:^|\s){UNIT_WORDS}\s$")
_GLOSSED = re.compile(r"(?<![가-힣])(?P<name>[가-힣]{2,20})\((?P<gloss>[A-Za-z][A-Za-z0-9 .&\-]{1,30})\)")


def glossed_names(texts: Sequence[str]) -> dict[str, str]:
    """The Hangul names an article glosses with a name the alias table knows ('이퀴닉스(Equinix)'): the known
    company wherever the article writes them."""
    found: dict[str, str] = {}
    for text in texts:
        if "(" in text:
            for m in _GLOSSED.finditer(text):
                canonical = known_name(m.group("gloss"))
                if canonical is not None and known_name(m.group("name")) is None:
                    found.setdefault(m.group("name"), canonical)
    return found


def named_by_gloss(text: str, hits: list[CompanyHit]) -> list[CompanyHit]:
    """'파워칩세미컨덕터매뉴팩처링(PSMC)이': a name the alias table does not know, glossed by one it knows, is
    the known company (the gloss is no second one)."""
    out = list(hits)
    for k, hit in enumerate(hits[:-1]):
        gloss = hits[k + 1]
        if not hit.known and gloss.known and gloss.start == hit.end + 1 and text.startswith("(", hit.end) \
                and text.startswith(")", gloss.end):
            out[k] = replace(hit, name=gloss.name, members=gloss.members, known=True)
            out[k + 1] = replace(gloss, in_gloss=True)
    return out


_INTRODUCED = re.compile(_VOCAB["introduced"])


_MARKED = re.compile(r"(?:㈜|\(주\))\s?(?P<after>[가-힣A-Za-z][가-힣A-Za-z0-9&]+)"
                     r"|(?P<before>[가-힣A-Za-z][가-힣A-Za-z0-9&]+)(?:㈜|\(주\))")


_MARK_AFTER = re.compile(r"\s?(?:㈜|\(주\))")


def introduced_names(texts: Sequence[str]) -> tuple[str, ...]:
    """The names an article introduces in quotes after what they are ("자회사 '퍼힐스(FIR HILLS)'"), marks as
    companies ("㈜태왕디엔디", "오케스트로클라우드㈜") or gives as a short form of a company it names in full
    ("마이크로소프트(MS)": MS is Microsoft all through the article), longest first."""
    names = {m.group("name") for text in texts if "'" in text or "‘" in text or '"' in text or "“" in text
             for m in _INTRODUCED.finditer(text)}
    names |= {_marked_name(m.group("after"), texts) if m.group("after") else m.group("before")
              for text in texts if "㈜" in text or "(주)" in text for m in _MARKED.finditer(text)}
    names |= {item for text in texts if _COUNT_AFTER_ETC.search(text) for m in _COUNTED_LIST.finditer(text)
              for item in re.split(r",\s?|·", m.group("items")) if _listed_company(item)}
    names |= {m.group("short") for text in texts if "(" in text for m in _SHORT_GLOSS.finditer(text)
              if is_ambiguous(m.group("short")) and known_name(m.group("short")) == known_name(m.group("full"))}
    return tuple(sorted((n for n in names if n not in _NOT_COMPANY), key=len, reverse=True))


# '가온누리, 조은산업, 케이씨, 금호폴리켐 등 4개 기업과': a list the article counts as companies names companies
_LIST_ITEM = r"[가-힣A-Za-z][가-힣A-Za-z0-9&]{1,11}"
_COUNTED_LIST = re.compile(rf"(?<![가-힣A-Za-z0-9&])(?P<items>{_LIST_ITEM}(?:(?:,\s?|·){_LIST_ITEM})+)\s등\s"
                           rf"(?:\d{{1,2}}|[한두세네]|다섯|여섯|일곱|여덟|아홉|열)\s?(?:개\s?)?(?:기업|업체|개사|회사|곳|사)"
                           rf"(?:과|와|이|가|은|는|의|을|를|에|도|\s|,|$)")
# where a list may be counted: the cheap test before _COUNTED_LIST
_COUNT_AFTER_ETC = re.compile(r"\s등\s(?:\d|[한두세네]\s?(?:개|곳)|다섯|여섯|일곱|여덟|아홉|열)")
_SHORT_GLOSS = re.compile(r"(?P<full>[가-힣A-Za-z]{2,20})\((?P<short>[A-Za-z]{1,5})\)")


_GOVERNMENT_ENDING = r"(?:[시군구도청부처]|위원회)"  # not every place ending: 가온누리 is a company
_GOVERNMENT_PAIR = re.compile(rf"[가-힣]{{1,6}}{_GOVERNMENT_ENDING}[-–]")  # '부산시-이지스자산운용'


# '이엔플러스는 … 신규시설 투자를 결정했다고 8일 공시했다': only a listed company files a disclosure
_DISCLOSED = re.compile(r"(?:공시했다|공시를\s통해\s밝혔다|공시했다고\s밝혔다)")


def _files_a_disclosure(text: str, m: re.Match[str], name: str) -> bool:
    """Is the name the topic that opens a sentence saying it filed a disclosure, whatever the analyser reads in it?"""
    if not (m.start("name") == 0 and m.group("after") in ("은", "는", "이", "가") and len(name) > 2
            and _HANGUL_ONLY.fullmatch(name) and name not in _NOT_COMPANY and _DISCLOSED.search(text)
            and not _PLACE_ENDING.search(name)):
        return False
    return _analyse(name).particle_at is None and _analyse(name + m.group("after")).particle_at == len(name)


def _listed_company(item: str) -> bool:
    """An unknown name of a counted list, not a place or a government ('경남도', '김해시') taking part."""
    return canonical_name(item) is None and item not in _NOT_COMPANY and not _GOVERNMENT_NAME.search(item)


_GOVERNMENT_NAME = re.compile(rf"{_GOVERNMENT_ENDING}$")


def _marked_name(word: str, texts: Sequence[str]) -> str:
    """A marked name without its particle ('㈜아이씨맥스와' -> 아이씨맥스), also where the analyser reads the
    particle as the name's last syllable: the article writes the name without it more often."""
    name = _without_particle(word)
    if name == word and len(word) > 3 and word[-1] in _LAST_PARTICLES:
        stem = word[:-1]
        if sum(text.count(stem) for text in texts) > sum(text.count(word) for text in texts):
            return stem
    return name


_LAST_PARTICLES = "와과의은는이가을를도"
_HEADLINE_ACTOR = re.compile(r"^[\[\]'‘’\"“”]*(?P<name>[가-힣]{2,10}),\s")


def headline_actor(title: str | None, body: Sequence[str]) -> tuple[str, ...]:
    """The name a headline opens with before its comma ('동국산업, 1330억 들여 …'), when it ends with a company
    word (산업, 전자, …) and the body writes it as a subject ('동국산업이'): the article's actor, a company
    whatever the analyser reads its first part as (동국: a common noun). An industry is no actor's name
    ('반도체산업, …' is not written as '반도체산업이 … 공장을 완공했다' in the body's lead)."""
    m = _HEADLINE_ACTOR.match(title or "")
    name = m.group("name") if m else ""
    if not name.endswith(_ANY_SUFFIX) or name in NAME_ENDINGS or _name_facts(name).ruled_out:
        return ()
    lead = " ".join(body[:2])
    return (name,) if re.search(rf"(?<![가-힣]){re.escape(name)}(?:이|가|은|는)\s", lead) else ()


def _without_particle(word: str) -> str:
    """'에코앤드림이' -> '에코앤드림' (Kiwi splits the particle off)."""
    particle_at = _analyse(word).particle_at
    return word[:particle_at] if particle_at else word


def introduced_hits(text: str, names: Sequence[str]) -> list[CompanyHit]:
    """Where a sentence writes an introduced name again ("스톡 팜 로드는"), each place once (a longer name first)."""
    hits: list[CompanyHit] = []
    for name in names:
        for at in _places_of(text, name):
            if not any(h.start < at + len(name) and at < h.end for h in hits):
                canonical = known_name(name)
                mark = _MARK_AFTER.match(text, at + len(name))  # '오케스트로클라우드㈜': the mark is the name's
                end = mark.end() if mark else at + len(name)
                hits.append(CompanyHit(at, end, canonical or name, name, known=canonical is not None))
    return sorted(hits, key=lambda hit: hit.start)


def _places_of(text: str, word: str) -> list[int]:
    """Where `word` stands in `text` as a word of its own (not inside a longer one)."""
    found, at = [], text.find(word)
    while at >= 0:
        before = text[at - 1] if at else " "
        after = text[at + len(word) : at + len(word) + 1]
        if not (before.isalnum() or before in "&.-") and not (after.isascii() and after.isalpha()):
            found.append(at)
        at = text.find(word, at + 1)
    return found


def merge_hits(known: Sequence[CompanyHit], unknown: Sequence[CompanyHit]) -> list[CompanyHit]:
    """Known and unknown names in text order; a known name inside a longer unknown one gives way."""
    kept = [k for k in known if not any(u.start <= k.start and k.end <= u.end for u in unknown)]
    return sorted([*kept, *unknown], key=lambda h: h.start)


_PERSON_TITLES = "|".join(map(re.escape, _VOCAB["person_titles"]))
_FAMILY_NAMES = _VOCAB["family_names"]
_FIRST_NAMES = frozenset(_VOCAB["first_names_also_words"])
_PERSON_TITLE = re.compile(rf"\s\(?(?:{_PERSON_TITLES})(?:은|는|이|가|의|도|와|과)?(?![가-힣])")
# before a title: a first name, a surname and maybe a company ('일론 머스크 ', '샘 올트먼 오픈AI ')
_FIRST_AND_SURNAME = r"(?<![가-힣A-Za-z0-9])(?P<first>[가-힣]{1,3})\s(?P<name>[가-힣]{1,5})"
_NAMED_BEFORE = (re.compile(_FIRST_AND_SURNAME + r"\s(?P<org>[^\s()]+)$"),
                 re.compile(_FIRST_AND_SURNAME + r"(?P<org>)$"))


def titled_people(texts: Sequence[str]) -> frozenset[str]:
    """The surnames of the people an article introduces with a first name and a title ('일론 머스크 최고경영자
    (CEO)'): '머스크는' alone later is that person, no company. A Korean full name before a word ('김철수 한울소재
    대표') leaves the word a company."""
    people, their_companies = set(), set()
    for text in texts:
        for title in _PERSON_TITLE.finditer(text):
            before = text[max(0, title.start() - 30) : title.start()]
            for pattern in _NAMED_BEFORE:  # '무케시 암바니 릴라이언스 회장' first, then '일론 머스크 CEO'
                m = pattern.search(before)
                if m and _a_person_named(m.group("first"), m.group("name")):
                    people.add(m.group("name"))
                    their_companies.add(m.group("org"))  # '무케시 암바니 릴라이언스 회장': 릴라이언스 is no surname
                    break
    return frozenset(people - their_companies)


_SPELLED = re.compile("(?:" + "|".join(sorted(map(re.escape, _VOCAB["spelled_letters"]), key=len, reverse=True)) + ")+")


def _spelled_letters(word: str) -> bool:
    """'케이씨', '투디엠', '에치디엘': Latin letters spelled in Hangul (not '유지', '아이': two syllables)."""
    return len(word) >= 3 and _SPELLED.fullmatch(word) is not None


def _a_person_named(first: str, name: str) -> bool:
    """'일론 머스크', '젠슨 황': a first name and a surname, neither a company, not a Korean full name and a word."""
    korean_full_name = len(first) == 3 and first[0] in _FAMILY_NAMES
    return not (korean_full_name or canonical_name(first) or canonical_name(name) or first in _NOT_COMPANY
                or name in _NOT_COMPANY or name.endswith(_ANY_SUFFIX)) and _a_first_name(first)


def _a_first_name(word: str) -> bool:
    """'일론', '젠슨', '마크': a name the dictionary does not know or knows as a proper noun (not '이날', '신임')."""
    if word in _FIRST_NAMES:
        return True
    analysed = _analyse(word)
    return analysed.oov or analysed.tags == ("NNP",)


def _person_before_title(text: str, m: re.Match[str], name: str) -> bool:
    """'살가메 CEO는', '나델라 CEO는': a lone Hangul name before a title, nothing named before it, is a
    person's (a company there comes with the person: '류양웨이 폭스콘 회장은')."""
    if not m.group("title") or not _HANGUL_ONLY.fullmatch(name) or name.endswith(_ANY_SUFFIX):
        return False
    before = _BARE_WORD.search(text, max(0, m.start("name") - _LOOKBACK), m.start("name"))
    if before is None:
        return True
    # '사프라 카츠 CEO는': a first name and a short surname-like word right before the title
    first = before.group(1)
    return len(name) <= 4 and 2 <= len(first) <= 4 and bool(_HANGUL_ONLY.fullmatch(first)) \
        and before.end() == m.start("name") and canonical_name(first) is None


def _with_words_before(text: str, start: int, name: str, *, glossed: bool) -> tuple[int, str]:
    """'슈나이더 일렉트릭은', '어플라이드 머티어리얼즈는': up to two unknown words before the name join it."""
    for _ in range(2):
        if name[0].isascii() or not (glossed or _is_suffix_only(name) or _analyse(name.split()[0]).oov):
            break  # a Latin name takes no word before it: '살가메 PDG' is a person and a company
        before = _BARE_WORD.search(text, max(0, start - _LOOKBACK), start)
        if before is None or before.group(1) in _NOT_COMPANY or _PLACE_ENDING.search(before.group(1)):
            break
        if _adnominal_syllable(before.group(1)):
            break  # '본사를 둔 솔머티리얼즈': a verb's one-syllable adnominal form is no part of a name
        if len(before.group(1)) > 2 and before.group(1)[-1] in "와과":
            break  # '세가온과 지원테크가': two names joined, not one name of two words
        word = _analyse(before.group(1))
        if not (word.oov or word.tags == ("NNP",) or _is_suffix_only(before.group(1))) or word.particle_at is not None:
            break
        start, name = before.start(1), f"{before.group(1)} {name}"
    return start, name


_NEXT_WORD = re.compile(r"\s([가-힣A-Za-z0-9&]{2,})(?=[\s,.]|$)")


def _name_follows(text: str, end: int) -> bool:
    """Is the next word an unknown name with its particle ('세가온과 지원테크가'), the other of a pair?"""
    nxt = _NEXT_WORD.match(text, end)
    if nxt is None:
        return False
    word = _analyse(nxt.group(1))
    return word.oov and word.particle_at is not None and not _PLACE_ENDING.search(nxt.group(1))


def _is_copula_form(word: str) -> bool:
    """'최대인', '수준인': a common noun and 인 (이다), which the analyzer reads as one unknown word alone."""
    if len(word) < 3 or not word.endswith("인"):
        return False
    stem = _analyse(word[:-1])
    return not stem.oov and stem.tags == ("NNG",)


def _adnominal_syllable(word: str) -> bool:
    """A lone syllable ending in ㄴ (둔, 한, 된): a verb's adnominal form, not a name's first word (델 is)."""
    return len(word) == 1 and "가" <= word <= "힣" and (ord(word) - 0xAC00) % 28 == 4


def _is_suffix_only(name: str) -> bool:
    return name in _SUFFIX_WORDS


def _listed_name(text: str, m: re.Match[str]) -> bool:
    """A bare name before a comma or a middle dot counts at a headline's start, in a list of names, or
    glossed with its Latin name ('전딩테크(Zhen Ding Tech)와 유니마이크론(Unimicron), EMC는')."""
    return (m.start() == 0 or m.group("after") == "·" or text[max(0, m.start() - 1)] == "·"
            or bool(m.group("gloss") and _LATIN_GLOSS.fullmatch(m.group("gloss"))))


@dataclass(frozen=True)
class _NameFacts:
    """What _is_organization reads from the name alone (cached per name: the same words recur)."""

    ruled_out: bool  # too short, a number, a word that is no company, an observer, a unit, a code or a site
    latin: bool  # a Latin part that is no common acronym
    figure_or_place: bool  # no Latin part, no company word at its end, and a figure's noun or a place's name


# a brand, its words and 데이터센터 together: a data-centre operator ('NTT글로벌데이터센터는'), not one centre
_OPERATOR_NAME = re.compile(r"^[A-Z][A-Za-z&]+[가-힣]{2,}데이터센터$")


@lru_cache(maxsize=65536)
def _name_facts(name: str) -> _NameFacts:
    compact = name.replace(" ", "")
    ruled_out = (len(compact) < 2 or compact[0].isdigit() or name in _NOT_COMPANY or compact in _NOT_COMPANY
                 or _OBSERVER_ENDING.search(compact) is not None
                 or _UNIT.search(compact) is not None  # 'DS부문이': a unit of the company, named before
                 or _LATIN_CODE.match(compact) is not None  # M15X, H100
                 or (names_a_site(compact) and not _OPERATOR_NAME.match(compact)))  # 'M15 팹', not an operator
    latin = not ruled_out and _has_latin_part(name)
    plain = not ruled_out and not latin and not compact.endswith(_ANY_SUFFIX)
    return _NameFacts(ruled_out, latin, plain and _figure_or_place_word(compact))


def _is_organization(name: str, m: re.Match[str], text: str) -> bool:
    compact = name.replace(" ", "")
    facts = _name_facts(name)
    if facts.ruled_out or _OBSERVER_AFTER.match(text, m.end("name")) or _OBSERVER_AFTER.match(
            text, m.end()) or _OBSERVER_BEFORE.search(text, max(0, m.start("name") - 12), m.start("name")):
        return False
    latin = facts.latin
    if not latin and not compact.endswith(_ANY_SUFFIX) and (facts.figure_or_place or _after_a_place(m, text)):
        return False  # where the checks below end whatever the analyser says: the word is not analysed
    if _is_copula_form(compact):
        return False  # '역대 최대인 7조원': a noun with the copula's ending, not a name
    particle = m.group("after") if m.group("after") not in ",·" else ""
    word = _analyse(compact + particle)
    if particle and word.particle_at is None and not m.group("gloss"):
        alone = _analyse(compact)
        if particle not in "와과" or len(compact) < 3 or not alone.oov or len(alone.tags) > 1 \
                or not _name_follows(text, m.end()):
            return False  # the last syllable was part of the word, not a particle (디스플레이)
        word = alone  # '세가온과 지원테크가': an unknown name the analyser read with its 과
    if not m.group("after") and (word.particle_at is not None or compact.endswith(_PLACE_PARTICLES)):
        return False  # a bare name before a figure has no particle: '한국에 30조원', '마그데부르크에 300억유로'
    if _OFFICIAL_AFTER.match(text, m.end()):
        return False  # '지나 러몬도 상무부 장관은': a person holding an office
    if not _NOMINAL_TAGS.issuperset(word.tags):
        return False  # a verb or a particle inside: '팹에는' is not a name
    if latin or _spelled_letters(compact):
        return True  # 'LG CNS는', '케이씨는': letters, a name
    proper = word.oov or "NNP" in word.tags
    if _is_suffix_only(compact):
        return _with_words_before(text, m.start("name"), compact, glossed=False)[1] != compact
    if compact.endswith(_STRONG_SUFFIXES):
        return True
    # here no figure word or place: asked above (_name_facts, _after_a_place), with no Latin part
    apposition = _APPOSITION.search(text, max(0, m.start() - _LOOKBACK), m.start())
    if apposition:  # '스타트업 하이레조가', '업체 햇살식품은': a name the analyser splits into nouns
        return proper or _coined(compact, word, _MAKER_BEFORE.search(apposition.group(0)) is not None)
    if compact.endswith(_SUFFIXES):
        return proper
    return word.oov or word.tags == ("NNP",)


_MAKER_BEFORE = re.compile(r"(?:업체|기업|제조사|개발사)\s$")  # not '회사 자산총액'


def _coined(compact: str, word: _Word, maker_before: bool) -> bool:
    """A Hangul word of three or more syllables that the analyser reads as several common nouns ('하이레조':
    하이+레+조; after a maker's word, two: '업체 나노소프트가', 나노+소프트): after an apposition ('스타트업'),
    a coined name rather than a phrase."""
    return len(compact) >= 3 and _HANGUL_ONLY.fullmatch(compact) is not None \
        and len(word.tags) >= (2 if maker_before else 3) and set(word.tags) <= {"NNG", "NNP"}


def _has_latin_part(name: str) -> bool:
    """Does the name hold a Latin word that is no common acronym ('LG CNS', 'SK에코플랜트')?"""
    return any(len(p) > 1 and p.casefold() not in _LATIN_STOP for p in _LATIN_PART.findall(name))


def _figure_or_place_word(compact: str) -> bool:
    """The figure's own noun (주당순이익, 투자금) or a place's name: no company (asked of a name with no
    Latin part and no company word at its end)."""
    return bool(_FIGURE_WORDS.search(compact) or (_PLACE_ENDING.search(compact) and compact not in _PLACE_EXCEPTIONS))


def _after_a_place(m: re.Match[str], text: str) -> bool:
    """A word after a place's, or joined to a place: no company either (what the sentence says around the name)."""
    return _AFTER_PLACE.search(text, max(0, m.start() - _LOOKBACK), m.start()) is not None or _with_a_place(text, m)


def _with_a_place(text: str, m: re.Match[str]) -> bool:
    """'멤피스와 경남 창원 공장에': a name joined to a place by 와/과 is a place too."""
    joined = _AND_THEN_A_WORD.match(text, m.end("name"))
    return joined is not None and joined.group(1) in _PLACES
