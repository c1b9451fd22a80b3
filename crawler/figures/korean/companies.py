"""Company names in Korean and English text -> canonical English names (alias table as data).

Owns alias recognition only: longest form first, Korean word boundaries (a name followed
by a particle is a name; 메타버스, 카카오톡, 인텔리전스 are not), ambiguous short forms
(MS, 메타, 알파벳) only with context in the same text, glosses in brackets right after a
name ("알파벳(구글 모기업)", "마이크로소프트(MS)") marked so they are not counted twice,
and joint ventures (Stargate = OpenAI + Oracle + SoftBank). Who a figure belongs to is
decided in crawler/korean/subjects.py. The table is crawler/data/companies.toml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from crawler.figures.korean.scan import anchored_at, prefix_anchor
from crawler.figures.korean.vocab import load_vocab

_VOCAB = load_vocab("companies")


@dataclass(frozen=True)
class CompanyHit:
    """One company name in a text."""

    start: int
    end: int
    name: str  # canonical English name
    written: str  # as the text wrote it
    members: tuple[str, ...] | None = None  # a joint venture's companies
    in_gloss: bool = False  # inside a bracket right after another name: (구글 모기업), (MS)
    known: bool = True  # in the alias table (False: an organization found by crawler.figures.korean.orgs)


@dataclass(frozen=True)
class _Alias:
    name: str
    members: tuple[str, ...] | None
    ambiguous: bool


def _alias_table() -> dict[str, _Alias]:
    table: dict[str, _Alias] = {}
    entries: list[tuple[dict[str, Any], tuple[str, ...] | None]] = [(e, None) for e in _VOCAB.get("company", [])]
    entries += [(e, tuple(sorted(e["members"]))) for e in _VOCAB.get("joint_venture", [])]
    for entry, members in entries:
        for form in entry.get("ko", []) + entry.get("en", []) + [entry["name"]]:
            table.setdefault(form, _Alias(entry["name"], members, False))
        for form in entry.get("ambiguous", []):
            table[form] = _Alias(entry["name"], members, True)
    return table


_ALIASES = _alias_table()
_BY_KEY = {re.sub(r"\s", "", form).casefold(): alias for form, alias in _ALIASES.items()}
_FOLLOWERS = "|".join(sorted(map(re.escape, _VOCAB["followers"]), key=len, reverse=True))


def _any_case(form: str) -> bool:
    """A Latin name longer than four characters matches in any case (ALPHABET, Alphabet)."""
    return re.fullmatch(r"[A-Za-z0-9.$ ]+", form) is not None and len(form) > 4


def _by_first_character(forms: list[str]) -> dict[str, str]:
    """The alternation of the forms' patterns, in this order, for each character they start with:
    {'삼': '성전자|성', 'S': 'K하이닉스|...'}. Forms that start with different characters never match
    at the same place, and the order within a group is kept. A form in any case goes in the group of
    each character its first letter matches ((?i:i) also matches İ and ı)."""
    groups: dict[str, list[str]] = {}
    for form in forms:
        rest = re.escape(form[1:]).replace(r"\ ", r"\s?")
        if _any_case(form):
            first = re.compile(f"(?i:{re.escape(form[0])})")
            starts = [c for c in dict.fromkeys([form[0], form[0].lower(), form[0].upper(), "İ", "ı", "K", "ſ"])
                      if first.fullmatch(c)]
            rest = f"(?i:{rest})"
        else:
            starts = [form[0]]
        for start in starts:
            groups.setdefault(start, []).append(rest)
    return {start: "|".join(rests) for start, rests in groups.items()}


_GROUPS = _by_first_character(sorted(_ALIASES, key=len, reverse=True))


def _name_pattern(starts: list[str]) -> re.Pattern[str]:
    """The names that start with one of these characters, at a word boundary: '삼(?:성전자|성)|S(?:…)'."""
    alternation = "|".join(f"{re.escape(start)}(?:{_GROUPS[start]})" for start in starts)
    return re.compile(rf"(?<![가-힣A-Za-z0-9])(?:{alternation})(?=$|[^가-힣A-Za-z0-9]|(?:{_FOLLOWERS}))")


@cache
def name_pattern() -> re.Pattern[str]:
    """Every name of the alias table: what the patterns of _NAME_AT find together (for tests)."""
    return _name_pattern(list(_GROUPS))


# The pattern to try where a character starts a word: the engine looks at a group's forms only after
# trying the groups before it, so each pattern holds the groups of a few characters (20), not all 300.
# The same matches as name_pattern(): there, only the group of the place's first character can match.
_CHUNK = 20
_NAME_AT = {start: pattern for at in range(0, len(_GROUPS), _CHUNK)
            for chunk in [list(_GROUPS)[at : at + _CHUNK]] for pattern in [_name_pattern(chunk)] for start in chunk}
# a form's first two characters, or its first alone when a space may follow it ("델 테크놀로지스",
# "Q CELLS": the name also matches with the space)
# (and, as the names, not after a letter or digit: most places where a prefix matches are inside a word)
_ANCHOR = prefix_anchor((form.replace(" ", "")[:1] if " " in form[:2] else form.replace(" ", "")[:2]
                         for form in _ALIASES), not_after="가-힣A-Za-z0-9")
_CONTEXT = re.compile("|".join(map(re.escape, _VOCAB["context_words"])))
_GLOSS = re.compile(r"\s?\(([^()]*)\)")


def canonical_name(form: str) -> str | None:
    """The canonical English name of an alias ('구글' -> 'Alphabet'), or None."""
    alias = _BY_KEY.get(re.sub(r"\s", "", form).casefold())
    return alias.name if alias else None


def is_ambiguous(form: str) -> bool:
    """Is the alias a short form that names its company only in context ('MS')?"""
    alias = _BY_KEY.get(re.sub(r"\s", "", form).casefold())
    return bool(alias and alias.ambiguous)


def joint_venture_members(name: str) -> tuple[str, ...] | None:
    """The member companies of a joint venture by its canonical name, sorted, or None."""
    for alias in _ALIASES.values():
        if alias.name == name and alias.members:
            return alias.members
    return None


def _mark_glosses(text: str, hits: list[CompanyHit]) -> list[CompanyHit]:
    """A name inside a bracket that directly follows another name is a gloss of it."""
    marked = list(hits)
    for hit in hits:
        gloss = _GLOSS.match(text, hit.end)
        if not gloss:
            continue
        for i, other in enumerate(marked):
            if gloss.start(1) <= other.start and other.end <= gloss.end(1):
                marked[i] = replace(other, in_gloss=True)
    return marked


def find_companies(text: str) -> list[CompanyHit]:
    """Every company name of a text (a sentence), in order, with glosses marked."""
    raw = [(m, _BY_KEY["".join(m.group(0).split()).casefold()]) for m in anchored_at(_NAME_AT, _ANCHOR, text)]
    if not raw:
        return []
    sure = any(not alias.ambiguous for _, alias in raw)
    several = len({alias.name for _, alias in raw}) > 1  # '메타와 알파벳은': companies named together
    context = sure or several or _CONTEXT.search(text) is not None
    hits = [
        CompanyHit(m.start(), m.end(), alias.name, m.group(0), alias.members)
        for m, alias in raw
        if not alias.ambiguous or context or _GLOSS.match(text, m.end())
    ]
    return _mark_glosses(text, hits)
