"""Sentences of a paragraph, for the figures stage: split after . ! ? (and closing quotes) before a space."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[.!?](?:[\"'”’」』)\]]*)(?=\s|$)")


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of a paragraph: split after . ! ? (and closing quotes) before a space."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(paragraph):
        out.append(paragraph[start : m.end()].strip())
        start = m.end()
    out.append(paragraph[start:].strip())
    return [s for s in out if s]
