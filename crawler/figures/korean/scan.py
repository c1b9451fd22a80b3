"""Fast scanning for the big alternation patterns of crawler.figures.korean.

Python's regex engine tries every alternative at every position of a text when a
pattern starts with lookbehinds or named groups. These patterns can only start where
one of their words starts, so an "anchor" pattern made from the words' first two
characters finds the candidate positions (one character class first, so the engine
scans for it quickly) and the full pattern is tried only there. A word's places in a text
are found with str.find (`places`), so that no pattern is compiled for a word met at run time.
A pattern whose matches all hold one of a few words is searched only where one is (`Gated`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Mapping

_META = set("\\()[]{}?*+|.^$")


def literal_prefix(pattern: str, size: int = 2) -> str:
    """The first literal characters of a vocabulary regex ('(?i:capex)' -> 'ca', '설비\\s?투자' -> '설비')."""
    text = pattern[4:] if pattern.startswith("(?i:") else pattern
    out = ""
    for i, ch in enumerate(text):
        if ch in _META or (ch == " " and i) or len(out) == size:
            break
        out += ch
    if not out:
        raise ValueError(f"vocabulary pattern must start with a literal character: {pattern!r}")
    return out


def _char_class(chars: Iterable[str]) -> str:
    return "".join(sorted("\\" + ch if ch in "\\]^-[" else ch for ch in set(chars)))


def prefix_anchor(prefixes: Iterable[str], *, digits: bool = False, digits_then: str = "",
                  not_after: str = "") -> re.Pattern[str]:
    """Where a word with one of these 1-2 character prefixes (letters in either case) may start; with
    `digits`, also where a run of digits starts (for a pattern whose numbers never start after a digit),
    and with `digits_then` (a lookahead read after the run's first digit) only where the run goes on so;
    with `not_after` (a character class's contents), only where no such character precedes: for a pattern
    that starts with the lookbehind (?<![not_after]), which could match nowhere else. The lookbehind
    comes after the first character class, so that the engine still scans for that class in C."""
    firsts, seconds, singles = set(), set(), set()
    for prefix in prefixes:
        cases = {prefix, prefix.lower(), prefix.upper()}
        for p in cases:
            if len(p) == 1:
                singles.add(p)
            else:
                firsts.add(p[0])
                seconds.add(p[1])
    digit = r"\d" if digits else ""
    starts = _char_class(firsts | singles)
    alts = []
    if seconds:
        alts.append(f"(?=[{_char_class(seconds)}])")
    if singles:
        alts.append(f"(?<=[{_char_class(singles)}])")
    if digits:
        alts.append(r"(?<=\d)(?<!\d\d)" + digits_then)  # the first digit of a run
    guard = f"(?<![{not_after}][{starts}{digit}])" if not_after else ""
    return re.compile(f"[{starts}{digit}]{guard}(?:{'|'.join(alts)})")


def anchored(pattern: re.Pattern[str], anchor: re.Pattern[str], text: str, pos: int = 0) -> Iterator[re.Match[str]]:
    """Non-overlapping matches of `pattern` in `text` from `pos`, tried only at anchor positions."""
    for candidate in anchor.finditer(text, pos):
        start = candidate.start()
        if start < pos:
            continue
        m = pattern.match(text, start)
        if m is not None:
            yield m
            pos = max(m.end(), start + 1)


def anchored_at(patterns: Mapping[str, re.Pattern[str]], anchor: re.Pattern[str], text: str,
                pos: int = 0) -> Iterator[re.Match[str]]:
    """anchored() for a pattern split by the first character of its matches: at each anchor position
    the pattern for that position's character is tried (none: no match there)."""
    for candidate in anchor.finditer(text, pos):
        start = candidate.start()
        if start < pos or (pattern := patterns.get(text[start])) is None:
            continue
        m = pattern.match(text, start)
        if m is not None:
            yield m
            pos = max(m.end(), start + 1)


class Gated:
    """A pattern searched only where one of some words is: every match of it holds one of them (given
    with it, next to it in the vocabulary). The words' alternation is a run of literals, which the engine
    skips through in C; a pattern starting with optional parts or a lookbehind is tried at every position."""

    def __init__(self, pattern: str, words: Iterable[str]) -> None:
        self.pattern = re.compile(pattern)
        self.gate = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.pattern.search(text, pos, endpos) if self.gate.search(text, pos, endpos) else None

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.pattern.match(text, pos, endpos)


def places(text: str, word: str) -> Iterator[int]:
    """Where `word` starts in `text`, every place (overlapping ones too), in order."""
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)
