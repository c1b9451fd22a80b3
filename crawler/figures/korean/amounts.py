"""Money amounts in Korean and English news text, as pure functions.

Owns the amount grammar: Korean unit numbers (800억, 74조9000억, 3천800억, 557만6000,
1,060억, 1.5조), English forms ($80 billion, US$ 65bn), ranges (660억~720억달러, 최소 60조원에서 최대 80조원,
50~60억 달러: the unit of the upper end applies to a bare lower end; "between $70 billion
and $72 billion"), vague magnitudes (수십억 달러: vague, no value), bands (2조원 후반: 2조5000억~3조), the
currency (ISO 4217, with word-boundary care so that 엔비디아, 원전, 원화, 파운드리 are not
currencies; 호주달러 is AUD), the qualifier words around a figure (약, 이상, 최대, ...) and a
bracketed conversion right after it (3800억위안(약 74조9000억원)).
Words live in crawler/data/amounts.toml; only the grammar is here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation, getcontext
from functools import lru_cache

from crawler.figures.korean.vocab import hangul_has_final, load_vocab
from crawler.models import Conversion

_VOCAB = load_vocab("amounts")
_BIG: dict[str, int] = _VOCAB["units"]["big"]
_SMALL: dict[str, int] = _VOCAB["units"]["small"]
_SCALES: dict[str, int] = _VOCAB["english_scales"]
# Every ISO 4217 code a figure can come out with (the diff and digest need a USD rate for each).
CURRENCIES: frozenset[str] = frozenset(_VOCAB["currencies"]) | {_VOCAB["bare_krw"]["currency"]}

# digits: 1,060 / 1060 / 1.5 — atomic, so a failed match never re-splits a digit run
_DIGITS = r"(?>\d{1,3}(?:,\d{3})+(?![\d,])|\d+)(?:\.\d+)?(?![\d])"
_KNUM = rf"(?=[\d천백십])(?:{_DIGITS}|[천백십조억만]|(?<=[조억만])\s(?=\d))+"
_NUMBER_TOKEN = re.compile(r"(\d[\d,]*(?:\.\d+)?)|([조억만천백십])")
_WORD_NUMBER = re.compile(r"[천백십][조억만]")  # 천억, 십억: a number without digits


@dataclass(frozen=True)
class MoneyAmount:
    """One money figure found in a text, with its span (end = end of the currency word)."""

    start: int
    end: int
    tail_end: int  # end including a bracketed conversion
    text: str
    value: int | None
    currency: str
    qualifier: str = "exact"
    value_max: int | None = None
    vague: bool = False
    conversions: tuple[Conversion, ...] = ()


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s?") for w in sorted(words, key=len, reverse=True))


def _korean_currency_pattern() -> tuple[str, dict[str, str]]:
    """One alternation of every Korean currency word, each with its word-boundary lookahead."""
    followers = _VOCAB["followers"]
    by_word: dict[str, str] = {}
    parts = []
    spaced_forms: dict[str, str] = {}
    after_unit: set[str] = set()
    for code, spec in _VOCAB["currencies"].items():
        for word in spec["korean"]:
            by_word[word.replace(" ", "")] = code
            if " " in word:
                spaced_forms[word.replace(" ", "")] = r"\s?".join(map(re.escape, word.split(" ")))
        for word in spec.get("after_unit", []):
            by_word[word] = code
            after_unit.add(word)
    for word in sorted(by_word, key=len, reverse=True):
        last = word[-1]
        if not ("가" <= last <= "힣"):
            parts.append(re.escape(word) + r"(?![A-Za-z])")
            continue
        allowed = followers["common"] + followers["after_consonant" if hangul_has_final(last) else "after_vowel"]
        ahead = _alternation(allowed)
        spaced = r"\s?".join(re.escape(ch) for ch in word) if word.startswith("미") else re.escape(word)
        spaced = spaced_forms.get(word, spaced)  # '호주 달러' and '호주달러' alike
        if word in after_unit:
            spaced = rf"(?<=[조억만]){spaced}"  # '4800억동': a currency only right after a number's unit
        parts.append(rf"{spaced}(?=$|[^가-힣]|(?:{ahead}))")
    return "|".join(parts), by_word


_KCUR, _KCUR_CODE = _korean_currency_pattern()
_BEFORE_CODE = {w: c for c, s in _VOCAB["currencies"].items() for w in s["before"]}
_AFTER_CODE = {w.lower(): c for c, s in _VOCAB["currencies"].items() for w in s["after"]}
_SEP = _alternation(_VOCAB["range"]["separators"])


def _range_ahead() -> str:
    """A lookahead for where a range's lower end may start ('660억~720억달러'): the separator comes after
    a run of what the lower end and its currency word are made of (digits, units, spaces, the currency
    words' letters), which a separator is not; most numbers are no lower end, and without this the engine
    tries each shorter reading of the number before giving up. Empty should a separator share a character
    with that run (the lookahead would no longer be exact)."""
    run = set("".join(_KCUR_CODE)) | set(",.천백십조억만")
    firsts = {w[0] for w in _VOCAB["range"]["separators"]}
    if firsts & run or any(c.isdigit() or c.isspace() for c in firsts):
        return ""
    return rf"(?=[\d\s{re.escape(''.join(sorted(run)))}]*+[{re.escape(''.join(sorted(firsts)))}])"


_RANGE_AHEAD = _range_ahead()
_ENSEP = _alternation(_VOCAB["range"]["english_separators"])
_SCALE = rf"(?i:{_alternation(list(_SCALES))})(?![A-Za-z])"  # $40B, US$ 65BN, $1.5 Trillion
_VAGUE_LEAD = _alternation(_VOCAB["vague"]["lead"])

# a headline's figure right after the spending it measures ("설비투자 3조3729억 '사상 최대'"): one lookbehind per
# word (each of fixed width)
_AFTER_MONEY_WORD = "|".join(f"(?<={re.escape(word)} )" for word in _VOCAB["bare_krw"]["money_words_before"])
_MONEY = re.compile(
    rf"(?P<en>(?P<btw>(?<=[Bb]etween\s))?(?P<sym>{_alternation(list(_BEFORE_CODE))})\s?(?P<en_num>{_DIGITS})\s?"
    rf"(?P<en_scale>{_SCALE})?(?:\s?(?:{_ENSEP}|(?(btw)and|(?!)))\s?(?:{_alternation(list(_BEFORE_CODE))})?\s?(?P<en_max>{_DIGITS})(?!\s?[조억만천백십])\s?"
    rf"(?P<en_scale2>{_SCALE})?)?)"
    rf"|(?P<en2>(?<![\w.,])(?P<en2_num>{_DIGITS})(?:\s?(?:{_ENSEP})\s?(?P<en2_max>{_DIGITS}))?\s?"
    rf"(?P<en2_scale>{_SCALE})\s(?P<en2_cur>(?i:{_alternation(list(_AFTER_CODE))}))(?![A-Za-z]))"
    rf"|(?P<envague>(?i:{_alternation(_VOCAB['vague']['english'])})\s(?P<envague_cur>(?i:dollars|yuan|yen|euros|won)))"
    rf"|(?P<vague>(?<![가-힣\d])(?:{_VAGUE_LEAD})\s?[십백천]?\s?[조억만]?(?:\s?[천백]?[조억만])?)\s?(?P<vague_cur>{_KCUR})"
    rf"|(?<![\d.,가-힣A-Za-z])(?:{_RANGE_AHEAD}(?P<lo>{_KNUM})\s?(?:{_KCUR})?\s?(?:{_SEP})\s?)?(?P<num>{_KNUM})\s?(?P<cur>{_KCUR})"
    rf"|(?<![\d.,가-힣A-Za-z])(?:{_RANGE_AHEAD}(?P<blo>{_KNUM})\s?(?:{_SEP})\s?)?(?P<bare>{_KNUM})(?<=[조억])"
    rf"(?=\s?(?:을|를|의|이|가|은|는|에)?\s?"
    rf"(?:(?:{_alternation(_VOCAB['bare_krw']['between'])})\s?)?(?:{_alternation(_VOCAB['bare_krw']['money_words'])}))"
    rf"|(?:{_AFTER_MONEY_WORD})(?P<bare2>{_KNUM})(?<=[조억])(?=$|[\s'‘’\"“”…,·])"
)
_BRACKET = re.compile(r"\s?\(([^()]{1,40})\)")
_SPOKEN_CONVERSION = re.compile(r"(?:으로|로)?,?\s?(?:우리\s?돈(?:으로)?|원화로|한화로)\s")
# where a figure can start: a digit run, 천/백/십, a vague lead (수, 몇), the first letter of a
# currency sign or code or of an English vague phrase. One character class first, so that the
# regex engine scans for it quickly; the full pattern is tried only there. Only a digit run is
# consumed: what follows a letter or a lead is looked at, not taken, so `Alibaba$80` anchors at `$`.
_LEADS = "".join({w[0] for w in _VOCAB["vague"]["lead"]} | {"천", "백", "십"})
_LETTERS = "".join({c for w in list(_BEFORE_CODE) + _VOCAB["vague"]["english"] for c in (w[0].lower(), w[0].upper())
                    if c.isalpha() and c.isascii()})
_SIGNS = "".join({w[0] for w in _BEFORE_CODE if not w[0].isalnum()})


def _after_digits() -> str:
    """A lookahead for what may follow the digit run a figure starts with (1,060 / 1.5): a space,
    a unit (조, 천), the first character of a currency word (원, 달러, USD), of a range separator
    (~, to) or of an English scale (bn, in either case: any Latin letter, and İ ı ſ K, which
    (?i:i), (?i:s) and (?i:k) also match). The number grammar stops only at a digit run's end
    (or at a ',' or '.' in it, which none of these is), so a run followed by anything else
    (2025년, 24일, 40%) starts no figure and is not tried. Should a word ever start with ',', '.'
    or a digit, that no longer holds: no lookahead then."""
    separators = _VOCAB["range"]["separators"] + _VOCAB["range"]["english_separators"]
    chars = set("천백십조억만İıſK") | {w[0] for w in [*_KCUR_CODE, *separators]}
    if chars & set(",.") or any(c.isdigit() for c in chars):
        return ""
    return r"(?=[\sA-Za-z" + re.escape("".join(sorted(chars))) + "])"


def _letter_starts() -> str:
    """Lookarounds for a letter that may start a figure: the first two characters of a currency
    code written before the number, as written (US$, KRW; not AI, CEO), or the first letter of
    an English vague phrase (billions of) in either case."""
    seconds: dict[str, set[str]] = {}
    for code in _BEFORE_CODE:
        if code[0].isascii() and code[0].isalpha():
            seconds.setdefault(code[0], set()).add(code[1:2])  # '' for a one-letter code: any letter after
    alternatives = [f"(?<={first})" + ("" if "" in rest else f"(?=[{re.escape(''.join(sorted(rest)))}])")
                    for first, rest in sorted(seconds.items())]
    vague = "".join(sorted({c for w in _VOCAB["vague"]["english"] for c in (w[0].lower(), w[0].upper())}))
    return "|".join([*alternatives, f"(?<=[{vague}])(?=[A-Za-z$¥])"])


_ANCHOR = re.compile(
    rf"[\d{_LEADS}{_LETTERS}{re.escape(_SIGNS)}]"
    rf"(?:(?<=\d)[\d,.]*{_after_digits()}|(?<=[{_LEADS}])(?=\s?[십백천조억만수])"
    rf"|(?<=[{_LETTERS}])(?=[A-Za-z$¥])(?:{_letter_starts()})|(?<=[{re.escape(_SIGNS)}]))"
)


# A value is below 10^(digits + these) (the largest small unit times the largest big one, three
# big units at most): with few enough digits it has fewer significant digits than Decimal keeps.
_UNIT_DIGITS = len(str(max(_SMALL.values()))) + len(str(max(_BIG.values()))) - 1


@lru_cache(maxsize=4096)
def parse_number(text: str) -> int | None:
    """The value of a number written with Korean units (74조9000억, 3천800억, 1.5조, 1백만), or None
    (cached: the same numbers recur from article to article).

    Fast path: a number without a decimal point whose digits are few enough that Decimal's
    arithmetic is exact (getcontext().prec significant digits) is summed with ints, the same value."""
    tokens = _NUMBER_TOKEN.findall(text.replace(" ", ""))
    exact = "." not in text and sum(len(digits) for digits, _unit in tokens) + _UNIT_DIGITS < getcontext().prec
    number: type[int] | type[Decimal] = int if exact else Decimal
    total, group = number(0), number(0)
    pending: int | Decimal | None = None
    last_big = None
    seen_digit = False
    for digits, unit in tokens:
        if digits:
            if pending is not None:
                return None
            try:
                pending = number(digits.replace(",", ""))
            except InvalidOperation:
                return None
            seen_digit = True
        elif unit in _SMALL:
            group += (pending if pending is not None else number(1)) * _SMALL[unit]
            pending = None
        else:
            if last_big is not None and _BIG[unit] >= last_big:
                return None
            part = group + (pending or 0)
            total += (part if part else number(1)) * _BIG[unit]
            group, pending, last_big = number(0), None, _BIG[unit]
    total += group + (pending or 0)
    if not seen_digit and not _WORD_NUMBER.search(text):
        return None
    return int(total.to_integral_value()) if isinstance(total, Decimal) else total


def _lower_end(lo: str, hi: str) -> str:
    """50~60억: a bare lower end takes the upper end's unit (60억 -> 50억, 7천억 -> 5천억)."""
    if re.search(r"[조억만천백십]", lo):
        return lo
    unit = re.match(r"[\d,.\s]*([천백십]*[조억만]?)", hi)
    return lo + (unit.group(1) if unit else "")


def _english_value(num: str, scale: str | None) -> int:
    factor = _SCALES.get(scale.lower(), _SCALES.get(scale, 1)) if scale else 1
    return int(Decimal(num.replace(",", "")) * factor)


def _from_match(m: re.Match[str]) -> tuple[int | None, int | None, str, bool] | None:
    """(value, value_max, currency, vague) of one regex match, or None when it is no figure."""
    if m.group("en"):
        scale = m.group("en_scale") or m.group("en_scale2")
        code = _BEFORE_CODE[m.group("sym")]
        lo = _english_value(m.group("en_num"), m.group("en_scale") or m.group("en_scale2"))
        hi = _english_value(m.group("en_max"), m.group("en_scale2") or scale) if m.group("en_max") else None
        return lo, hi if hi is not None and hi > lo else None, code, False
    if m.group("en2"):
        code = _AFTER_CODE[m.group("en2_cur").lower()]
        lo = _english_value(m.group("en2_num"), m.group("en2_scale"))
        hi = _english_value(m.group("en2_max"), m.group("en2_scale")) if m.group("en2_max") else None
        return lo, hi if hi is not None and hi > lo else None, code, False
    if m.group("envague"):
        return None, None, _AFTER_CODE.get(m.group("envague_cur").lower().rstrip("s"), "USD"), True
    if m.group("vague"):
        if not re.search(r"[십백천조억만]", m.group("vague")):
            return None
        return None, None, _KCUR_CODE["".join(m.group("vague_cur").split())], True
    if m.group("bare2"):
        value = parse_number(m.group("bare2"))
        return (value, None, _VOCAB["bare_krw"]["currency"], False) if value is not None else None
    if m.group("bare"):
        bare = parse_number(m.group("bare"))
        lower = m.group("blo")  # '5조~6조 투자' in a headline
        low = parse_number(_lower_end(lower, m.group("bare"))) if lower else None
        if bare is not None and low is not None and low < bare:
            return low, bare, _VOCAB["bare_krw"]["currency"], False
        return (bare, None, _VOCAB["bare_krw"]["currency"], False) if bare is not None else None
    value = parse_number(m.group("num"))
    if value is None:
        return None
    code = _KCUR_CODE["".join(m.group("cur").split())]
    if m.group("lo"):
        low = parse_number(_lower_end(m.group("lo"), m.group("num")))
        if low is not None and low < value:
            return low, value, code, False
    return value, None, code, False


def _qualifier_words(where: str) -> dict[str, str]:
    quals = _VOCAB["qualifiers"]
    return {w: q for q in ("approx", "at_least", "at_most", "neutral") for w in quals.get(f"{where}_{q}", [])}


def _last_letters(words: list[str]) -> frozenset[str] | None:
    """The characters that (?i) lets end one of the words (their last letter in either case, and
    İ ı K ſ, which (?i:i) and (?i:k), (?i:s) also match), or None for a letter neither Latin nor Hangul."""
    if not all(w[-1].isascii() or "가" <= w[-1] <= "힣" for w in words):
        return None
    return frozenset(c for w in words for c in {w[-1], w[-1].lower(), w[-1].upper(), "İ", "ı", "K", "ſ"}
                     if re.fullmatch(f"(?i:{re.escape(w[-1])})", c))


_BEFORE_Q = _qualifier_words("before")
_AFTER_Q = _qualifier_words("after")
_AFTER_Q_COMPILED = [(re.compile(pattern), qual) for pattern, qual in _AFTER_Q.items()]
_BEFORE_KEY = {"".join(w.split()).casefold(): q for w, q in _BEFORE_Q.items()}
_BEFORE_RE = re.compile(rf"(?:(?<![가-힣A-Za-z])(?P<w>{_alternation(list(_BEFORE_Q))})\s*)+$", re.IGNORECASE)
_BEFORE_LAST = _last_letters(list(_BEFORE_Q))
_BEFORE_ONE = re.compile(rf"(?<![가-힣A-Za-z])({_alternation(list(_BEFORE_Q))})", re.IGNORECASE)
_AFTER_RE = re.compile(
    r"\s?(?:으로|을|를|이|가|은|는|의|에|로)?\s?(?P<w>"
    + "|".join(sorted(_AFTER_Q, key=len, reverse=True))
    + ")"
)


@lru_cache(maxsize=256)
def _after_word_qualifier(word: str) -> str:
    for pattern, qual in _AFTER_Q_COMPILED:
        if pattern.fullmatch(word):
            return qual
    return "exact"


def _qualifier(text: str, start: int, tail_end: int) -> str:
    """exact/approx/at_least/at_most from the words just before and just after a figure."""
    found: list[str] = []
    before = text[max(0, start - 16) : start]
    # fast path: the words before must end right before the figure, spaces apart
    ends_in_word = _BEFORE_LAST is None or before.rstrip()[-1:] in _BEFORE_LAST
    head = _BEFORE_RE.search(before) if ends_in_word else None
    if head:
        found += [_BEFORE_KEY["".join(w.split()).casefold()] for w in _BEFORE_ONE.findall(head.group(0))]
    tail = _AFTER_RE.match(text, tail_end)
    after = _after_word_qualifier(tail.group("w")) if tail else "exact"
    if after in ("at_least", "at_most"):
        return after
    for qual in ("at_most", "at_least", "approx"):
        if qual in found:
            return qual
    return "approx" if after == "approx" else "exact"


def _conversion(text: str, end: int, currency: str) -> tuple[tuple[Conversion, ...], int]:
    """A figure in another currency right after a figure, bracketed ('(약 74조9000억원)') or spoken
    ('650억 달러, 우리 돈 약 93조 원')."""
    bracket = _BRACKET.match(text, end)
    spoken = None if bracket else _SPOKEN_CONVERSION.match(text, end)
    if bracket:
        inner, inner_end = _scan(bracket.group(1), with_conversions=False), bracket.end()
    elif spoken:
        inner = _scan(text[spoken.end() : spoken.end() + 24], with_conversions=False)[:1]
        inner_end = spoken.end() + inner[0].end if inner and inner[0].start <= 2 else -1
    else:
        return (), end
    if not inner or inner_end < 0 or (len(inner) > 1 and not _ONLY_FIGURES.fullmatch(
            _without(bracket.group(1), inner) if bracket else "")):
        return (), end  # one figure, or figures alone ('(약 12억달러·1조7442억원)')
    if any(conv.currency == currency or conv.value is None for conv in inner):
        return (), end
    return tuple(Conversion(amount=conv.value or 0, currency=conv.currency, qualifier=conv.qualifier)
                 for conv in inner), inner_end


_ONLY_FIGURES = re.compile(r"(?:[\s·,/]|약)*")  # what is left of a bracket of figures, figures removed


def _without(text: str, amounts: list[MoneyAmount]) -> str:
    """The text with the figures cut out."""
    kept, at = [], 0
    for a in amounts:
        kept.append(text[at : a.start])
        at = a.tail_end
    return "".join([*kept, text[at:]])


_BAND_WORDS = _alternation(_VOCAB["vague"]["band"])
_BAND_PARTICLES = _alternation(_VOCAB["vague"]["band_particles"])
_BAND = re.compile(rf"\s?(?:대\s?)?(?P<band>{_BAND_WORDS})(?:{_BAND_PARTICLES})?(?![가-힣])")
_BAND_START: dict[str, float] = _VOCAB["vague"]["band_start"]
_BAND_END: dict[str, float] = _VOCAB["vague"]["band_end"]


def _in_band(value: int | None, band: str) -> tuple[int | None, int | None]:
    """'2조원 후반' -> (2조5000억, 3조): the part of the magnitude of `value` (2조 counts in 조, 30조 in
    tens of 조) that the band word names; (None, None) when the figure has no value."""
    if not value:
        return None, None
    word = band.removesuffix("대")
    unit = 10 ** (len(str(value)) - len(str(value).rstrip("0")))
    start = value + round(_BAND_START[word] * unit)
    end = value + round(_BAND_END[word] * unit) if word in _BAND_END else None
    return start, end


_FROM_NUMBER = re.compile(r"(?<![\d.,])(?P<low>\d[\d,.]*\s?(?:조(?:\s?\d[\d,]*\s?억)?|억|만|천)?)\s?에서\s?$")
_BETWEEN_END = re.compile(r"\s?사이")


def _between_range(text: str, m: re.Match[str]) -> tuple[int, tuple] | None:
    """'600억에서 650억 달러 사이': the bare number before 에서 and the figure, read as '600억~650억 달러'
    (its start, and what _from_match gives for it); None when the figure is no such end."""
    # every match ends in 에서, at most a space and a line break before the figure: looked for first
    if "에서" not in text[max(0, m.start() - 4) : m.start()]:
        return None
    low = _FROM_NUMBER.search(text, max(0, m.start() - 16), m.start())
    if low is None or not _BETWEEN_END.match(text, m.end()):
        return None
    joined = _MONEY.match(f"{low.group('low')}~{m.group(0)}")
    parsed = _from_match(joined) if joined is not None and joined.end() == len(low.group("low")) + 1 + len(
        m.group(0)) else None
    return (low.start(), parsed) if parsed is not None and parsed[1] is not None else None


_MINIMUM_BEFORE = re.compile(r"(?:최소|적게는)\s?$")
_TO_MAXIMUM = re.compile(r"\s?(?:에서|부터|~|∼)\s?(?P<top>최대|많게는)\s?")


def _minimum_to_maximum(text: str, low: MoneyAmount, high: MoneyAmount) -> bool:
    """'최소 60조원에서 최대 80조원', '800억원에서 많게는 1000억원': two figures of one currency that are the
    ends of one range (많게는 says so alone; 최대 only after 최소, else it may be a rise: 'X에서 최대 Y로')."""
    if not (low.currency == high.currency and low.value is not None and high.value is not None
            and low.value_max is None and high.value_max is None and low.value < high.value):
        return False
    to = _TO_MAXIMUM.fullmatch(text, low.tail_end, high.start)
    return to is not None and (to.group("top") == "많게는" or _MINIMUM_BEFORE.search(
        text, max(0, low.start - 4), low.start) is not None)


def _scan(text: str, *, with_conversions: bool = True) -> list[MoneyAmount]:
    found: list[MoneyAmount] = []
    pos = 0
    for candidate in _ANCHOR.finditer(text):
        if candidate.start() < pos or (m := _MONEY.match(text, candidate.start())) is None:
            continue
        parsed = _from_match(m)
        if parsed is None:
            continue
        start = m.start()
        between = _between_range(text, m)
        if between is not None:  # '600억에서 650억 달러 사이': a range
            start, parsed = between
        value, value_max, currency, vague = parsed
        band = _BAND.match(text, m.end())
        if band:
            value, value_max = _in_band(value if value_max is None else None, band.group("band"))
            vague = value is None
        conversions, tail_end = _conversion(text, m.end(), currency) if with_conversions else ((), m.end())
        qualifier = "range" if value_max is not None else "approx" if band else _qualifier(text, m.start(), tail_end)
        amount = MoneyAmount(start, m.end(), tail_end, text[start : m.end()], value, currency,
                             qualifier, value_max, vague, conversions)
        if found and _minimum_to_maximum(text, found[-1], amount):  # '최소 60조원에서 최대 80조원': a range
            low = found.pop()
            amount = replace(low, end=amount.end, tail_end=tail_end, text=text[low.start : amount.end],
                             value_max=value, qualifier="range", conversions=conversions)
        found.append(amount)
        pos = tail_end
    return found


# Every figure holds a digit, a currency sign, an English scale or a vague Korean number: a
# sentence with none of them (most sentences of an article) is not scanned at all. The test is
# `\d|[$₩¥￥€£₹]|(?i:billion|million|trillion)|[수몇]\s?[십백천조억만]|[십백천]\s?[조억만]` written
# with one character class first (every first letter in both cases: (?i:b), (?i:m) and (?i:t)
# match nothing else), so that the engine skips to those characters in C and checks the rest
# only there; the lookbehinds say which alternative the character started.
_MAY_HOLD_A_FIGURE = re.compile(
    r"[\d$₩¥￥€£₹bBmMtT수몇십백천]"
    r"(?:(?<=[\d$₩¥￥€£₹])|(?<=[bBmM])(?i:illion)|(?<=[tT])(?i:rillion)"
    r"|(?<=[수몇])\s?[십백천조억만]|(?<=[십백천])\s?[조억만])"
)


def may_hold_a_figure(text: str) -> bool:
    """Could the text hold a figure? False: find_amounts finds none in it, nor in any part of it (the
    test looks at nothing outside what it matches)."""
    return _MAY_HOLD_A_FIGURE.search(text) is not None


def find_amounts(text: str) -> list[MoneyAmount]:
    """Every money figure of a text in order, each with currency, qualifier and conversions."""
    return _scan(text) if _MAY_HOLD_A_FIGURE.search(text) else []


_SHARED_NAMES: dict[str, dict[str, list[str]]] = _VOCAB.get("shared_names", {})


def country_currency(currency: str | None, sentence: str, article_text: str) -> str | None:
    """The currency of a bare word several countries use ('페소'), read by the article's country: Mexico's by
    default, the Philippines' when the article names only the Philippines ("필리핀 … 400억페소")."""
    for word, countries in _SHARED_NAMES.items():
        if currency not in countries or word not in sentence:
            continue
        named = [code for code, places in countries.items() if any(place in article_text for place in places)]
        if len(named) == 1 and not any(f"{place} {word}" in sentence or f"{place}{word}" in sentence
                                       for place in countries[currency]):
            return named[0]
    return currency


def parse_amount(text: str) -> MoneyAmount | None:
    """The first money figure of a short text (a test and debugging convenience)."""
    found = _scan(text)
    return found[0] if found else None
