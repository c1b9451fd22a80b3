"""Korean boilerplate filter: keeps an article's own paragraphs, drops the page around them.

It runs on the plain-text lines of a saved page and on the paragraphs trafilatura
leaves from an HTML page. The vocabularies and patterns live in
`crawler/data/boilerplate.toml`; this module is the logic, as a list of line
classifiers plus two stateful rules:

- chrome: every token of the line is a toolbar word, skip-link, site name or section crumb;
- patterns: share bars, board rows, comment counters and rules, copyright notices,
  bylines, datelines, photo captions, reporter photos, lone numbers (short lines only);
- tail: after a list heading (최신기사, 주요 기사, 번호 제목 글쓴이 날짜, 댓글 (0), ...)
  the list items go, up to the next prose paragraph;
- repeats: a paragraph printed twice on the same page stands once (the first);
- lead: before the first kept paragraph, a short line starting with a dash is a subtitle.

Pure functions; the rules are read once and cached.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

_INVISIBLE = ("\u200b", "\ufeff", "\u2060")
_OTHER_SPACE = re.compile(r"[^\S ]")  # whitespace other than a space (str.split and \s agree on what it is)
KEEP = None  # the verdict of a classifier for a line it does not drop


@dataclass(frozen=True)
class Rules:
    """The compiled vocabularies and patterns of boilerplate.toml."""

    chrome_words: frozenset[str]
    token_split: re.Pattern[str]
    patterns: tuple[tuple[str, re.Pattern[str]], ...]  # (reason, pattern); case-insensitive where (?i) says so
    screens: tuple[Callable[[str], object], ...]  # one finds something in a line exactly when a pattern does
    pattern_max_chars: int
    chrome_max_chars: int
    heading: re.Pattern[str]
    bullet: re.Pattern[str]
    prose_end: re.Pattern[str]
    prose_min_chars: int
    subtitle: re.Pattern[str]


@dataclass(frozen=True)
class Dropped:
    """A line the filter removed, and why (the name of the rule)."""

    text: str
    reason: str


@dataclass(frozen=True)
class FilteredPage:
    """The kept paragraphs, in order, and what was dropped."""

    kept: tuple[str, ...]
    dropped: tuple[Dropped, ...]

    def dropped_as(self, *reasons: str) -> list[str]:
        return [d.text for d in self.dropped if d.reason in reasons]


def rules_from_dict(raw: dict[str, Any]) -> Rules:
    """Compile the rules from the parsed TOML (the file's layout is documented there)."""
    chrome = raw["chrome"]
    words = {w.casefold() for key, values in chrome.items() if key != "separators" for w in values}
    separators = re.escape(chrome.get("separators", ""))
    tail = raw["tail"]
    patterns = tuple(
        (name, re.compile(p))
        for name, value in raw["patterns"].items()
        for p in ([value] if isinstance(value, str) else value)
    )
    return Rules(
        chrome_words=frozenset(words),
        token_split=re.compile(rf"[\s{separators}]+"),
        patterns=patterns,
        screens=screens([p.pattern for _, p in patterns]),
        pattern_max_chars=int(raw["limits"]["pattern_max_chars"]),
        chrome_max_chars=int(raw["limits"]["chrome_max_chars"]),
        heading=re.compile(tail["heading"]),
        bullet=re.compile(tail["bullet"]),
        prose_end=re.compile(tail["prose_end"]),
        prose_min_chars=int(tail["prose_min_chars"]),
        subtitle=re.compile(raw["lead"]["subtitle"]),
    )


# A pattern that cannot share an alternation with others: inline flags, backreferences, named groups,
# conditionals (the alternation would renumber, redefine or reject them).
_ALONE = re.compile(r"\\[1-9]|\(\?P|\(\?\(|\(\?[aiLmsux-]+[):]")
# a leading class of plain characters, not repeated: [Ss]hare, [©ⓒ]\s
_PLAIN_CLASS = re.compile(r"\[([^\\\]\[^-]+)\](?![?*+{])")


def screens(patterns: list[str]) -> tuple[Callable[[str], object], ...]:
    """A few alternations of the patterns: one of them finds something in a line exactly when a
    pattern does.

    Fast path of classify(): most lines are article text that no pattern matches, and one
    search of an alternation costs far less than one search per pattern; the patterns run one
    by one (the first names the reason) only on a line that a screen matches. The alternatives
    are grouped so that the engine need not try them everywhere: those anchored at the start
    (^ and no top-level '|'), tried at the start alone (re.match), and those starting with a
    literal character, which the engine looks for in C; a leading class of plain characters is
    spelled out ([Ss]hare -> Share|share) to join them. A pattern that cannot share an
    alternation is a screen of its own."""
    anchored: list[str] = []
    literal: list[str] = []
    alone: list[str] = []
    for pattern in patterns:
        if _ALONE.search(pattern):
            alone.append(pattern)
        elif pattern.startswith("^") and not _top_level_bar(pattern):
            anchored.append(f"(?:{pattern})")
        else:
            literal.extend(f"(?:{form})" for form in _spelled_out(pattern))
    searched = [re.compile(p).search for p in ["|".join(literal), *alone] if p]
    return tuple([re.compile("|".join(anchored)).match] if anchored else []) + tuple(searched)


def _spelled_out(pattern: str) -> list[str]:
    """'[Ss]hare' -> ['Share', 'share']: the same strings, each alternative starting with a literal
    (only when the class is not repeated and the rest has no top-level '|', which the class would
    no longer lead)."""
    lead = _PLAIN_CLASS.match(pattern)
    rest = pattern[lead.end() :] if lead else ""
    if lead is None or _top_level_bar(rest):
        return [pattern]
    return [re.escape(ch) + rest for ch in dict.fromkeys(lead.group(1))]


def _top_level_bar(pattern: str) -> bool:
    """Does the regex source have a '|' outside any group or class?"""
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 1
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            i += 1 if pattern[i + 1 : i + 2] == "^" else 0
            i += 1 if pattern[i + 1 : i + 2] == "]" else 0  # ']' first in a class is a member
        elif ch in "()":
            depth += 1 if ch == "(" else -1
        elif ch == "|" and depth == 0:
            return True
        i += 1
    return False


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """The shipped rules, read from crawler/data/boilerplate.toml once per process."""
    text = resources.files("crawler").joinpath("data/boilerplate.toml").read_text(encoding="utf-8")
    return rules_from_dict(tomllib.loads(text))


def normalize(line: str) -> str:
    """Collapse whitespace (including no-break and zero-width spaces) and trim.

    Fast path: a line whose only whitespace is single spaces between words is already so."""
    for invisible in _INVISIBLE:
        if invisible in line:
            line = line.replace(invisible, " ")
    if _OTHER_SPACE.search(line) is None and "  " not in line and line[:1] != " " and line[-1:] != " ":
        return line
    return " ".join(line.split())


def is_chrome(line: str, rules: Rules) -> bool:
    """True when every token of the line is a toolbar word, skip-link, site name or crumb."""
    if len(line) > rules.chrome_max_chars:
        return False
    folded = line.casefold()
    first = rules.token_split.split(folded, maxsplit=1)[0]
    if first and first not in rules.chrome_words:
        return False  # the usual case, decided without splitting the whole line
    tokens = [t for t in rules.token_split.split(folded) if t]
    return bool(tokens) and all(t in rules.chrome_words for t in tokens)


def is_prose(line: str, rules: Rules) -> bool:
    """True for a paragraph that reads as running text: long enough, ends like a sentence."""
    return len(line) >= rules.prose_min_chars and rules.prose_end.search(line) is not None


def classify(line: str, rules: Rules) -> str | None:
    """The reason to drop one normalized line on its own, or None to keep it."""
    if is_chrome(line, rules):
        return "chrome"
    if len(line) <= rules.pattern_max_chars and any(screen(line) for screen in rules.screens):
        for name, pattern in rules.patterns:
            if pattern.search(line):
                return name
    return KEEP


def is_list_heading(line: str, rules: Rules) -> bool:
    return len(line) <= 40 and rules.heading.match(line) is not None


def filter_paragraphs(paragraphs: Iterable[str], rules: Rules | None = None) -> FilteredPage:
    """Split a page's lines or paragraphs into the article's own and the dropped ones."""
    rules = rules or load_rules()
    kept: list[str] = []
    dropped: list[Dropped] = []
    seen: set[str] = set()
    in_tail = False
    for raw in paragraphs:
        line = normalize(raw)
        if not line:
            continue
        reason = _verdict(line, rules, in_tail, seen)
        if reason is None and not kept and rules.subtitle.match(line) and not is_prose(line, rules):
            reason = "subtitle"
        if reason == "list_heading":
            in_tail = True
        elif reason is None or reason == "repeated":
            in_tail = False
        if reason is None:
            seen.add(line)
            kept.append(line)
        else:
            dropped.append(Dropped(line, reason))
    return FilteredPage(tuple(kept), tuple(dropped))


def _verdict(line: str, rules: Rules, in_tail: bool, seen: set[str]) -> str | None:
    if is_list_heading(line, rules):
        return "list_heading"
    reason = classify(line, rules)
    if reason is not None:
        return reason
    if in_tail and (rules.bullet.match(line) or not is_prose(line, rules)):
        return "list_item"
    if line in seen:
        return "repeated"
    return KEEP
