"""What "kept the article, dropped the boilerplate" means for a seed, shared by the extraction tests.

The same rule as ../shared/checks/score_extraction.py: every body line must be in the body
(a byline glued to the last paragraph may be cut off); no boilerplate line may be, except
that a repeated copy of a body paragraph may stand once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

BYLINE_TAIL = re.compile(r"\s*[가-힣]{2,4}\s?기자(\s+\S+@\S+)?\s*$")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def missing_body_lines(lines: Sequence[str], expected: dict, body: Sequence[str]) -> list[int]:
    text = squash("\n".join(body))
    return [n for n in expected["body_lines"] if squash(BYLINE_TAIL.sub("", lines[n - 1])) not in text]


def leaked_boilerplate_lines(lines: Sequence[str], expected: dict, body: Sequence[str]) -> list[int]:
    text = squash("\n".join(body))
    paragraphs = [squash(p) for p in body]
    leaked = []
    for n in expected["boilerplate_lines"]:
        line = squash(lines[n - 1])
        if not line:
            continue
        first = lines.index(lines[n - 1]) + 1
        allowed = 1 if first != n and first in expected["body_lines"] else 0
        count = text.count(line) if len(line) >= 8 else paragraphs.count(line)
        if count > allowed:
            leaked.append(n)
    return leaked
