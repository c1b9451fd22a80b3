"""Fast scanning for the big alternation patterns of crawler.korean.

Python's regex engine tries every alternative at every position of a text when a
pattern starts with lookbehinds or named groups. These patterns can only start at a
few characters (digits, the first letters of their words), so a one-class "anchor"
pattern finds the candidate positions and the full pattern is tried only there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator


def anchor_class(first_chars: Iterable[str], *, extra: str = "") -> re.Pattern[str]:
    """A pattern matching any of the given characters (letters in both cases), plus `extra`."""
    chars: set[str] = set()
    for ch in first_chars:
        chars.update({ch, ch.lower(), ch.upper()})
    body = "".join(sorted(re.escape(ch) if ch not in "-]\\^" else "\\" + ch for ch in chars))
    return re.compile(f"[{body}{extra}]")


def first_char(pattern: str) -> str:
    """The first literal character of a vocabulary regex ('(?i:capex)' -> 'c', '설비\\s?투자' -> '설')."""
    text = pattern[4:] if pattern.startswith("(?i:") else pattern
    text = text.lstrip("(?:")
    return text[1] if text.startswith("\\") else text[0]


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
