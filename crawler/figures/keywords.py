"""Investment keywords in article text: which of the configured words occur.

Korean words match inside longer words, so particles attached are fine (데이터센터에,
투자를, 투자했다), and a space inside a keyword is optional both ways (자본 지출 /
자본지출). Latin keywords match case-insensitively as whole words (CAPEX, capex, Capex),
with an English plural or verb ending (invest: invests, invested, investing; data center:
data centers), never inside another word (capexwatch).
Text is NFKC-normalized (full-width letters) and lower-cased first. Patterns are compiled once per keyword list.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

_LATIN_ENDINGS = "s|es|ed|ing"


def _keyword_pattern(keyword: str) -> re.Pattern[str] | None:
    word = unicodedata.normalize("NFKC", keyword).strip().lower()
    if not word:
        return None
    chars = [re.escape(ch) for ch in word if not ch.isspace()]
    body = r"\s*".join(chars)  # 설비투자 also matches 설비 투자, and the other way round
    if re.fullmatch(r"[a-z0-9 ]+", word):
        # no letter or digit before: checked after the first character, so that the pattern
        # starts with a literal and the engine can skip ahead to it (far faster than a lead lookbehind)
        rest = r"\s*".join(chars[1:])
        body = rf"{chars[0]}(?<![a-z0-9].){rest}(?:{_LATIN_ENDINGS})?(?![a-z0-9])"
    return re.compile(body)  # searched in lower-cased text: case-insensitive without IGNORECASE


@lru_cache(maxsize=32)
def _compiled(keywords: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    seen: set[str] = set()
    out = []
    for keyword in keywords:
        key = re.sub(r"\s", "", unicodedata.normalize("NFKC", keyword)).casefold()
        pattern = _keyword_pattern(keyword)
        if pattern is None or key in seen:
            continue
        seen.add(key)
        out.append((keyword, pattern))
    return tuple(out)


def match_keywords(text: str, keywords: Sequence[str]) -> tuple[str, ...]:
    """The keywords found in `text`, in the configured order, each once."""
    normalized = unicodedata.normalize("NFKC", text).lower()
    return tuple(kw for kw, pattern in _compiled(tuple(keywords)) if pattern.search(normalized))
