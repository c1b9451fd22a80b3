"""Near-duplicate articles: a copy that adds or drops a few lines is still the same article.

An exact copy has the same text fingerprint (crawler/store/articles.py). A near copy —
the HTML page of a seed without its two subheadlines, a board post that adds a credit
line or drops a photo caption, a syndicated copy with another byline — is found by its
paragraphs. Each stored article keeps the hashes of its *substantial* paragraphs (lines
of at least MIN_PARAGRAPH characters once case, whitespace and punctuation are removed)
in `article_paragraphs`. The rule (`near_copy_of`):

- the new article has at least MIN_SHARED substantial paragraphs, and at least
  SHARED_SHARE of them (distinct) are paragraphs of ONE stored article;
- and it states no figure that article does not (company, kind, amount, amount_max,
  currency, trend; the period is left out because a later copy resolves "올해" from its
  own date) — so a copy that carries a changed figure is still diffed as an article.

Short paragraphs (bylines, "사진=연합뉴스", section labels) never count, and one long
shared quote or a shared boilerplate paragraph is not "most" of an article, so two
different articles stay two. `article_paragraphs` rows are written with each new article,
replaced with a new version at its own URL, and back-filled by migration 0004.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections.abc import Iterable

from sqlalchemy import Connection, delete, func, insert, select

from crawler.models import Mention
from crawler.store.schema import article_paragraphs, mentions

MIN_PARAGRAPH = 30  # characters of normalized text
MIN_SHARED = 3
SHARED_SHARE = 0.8
COMMON = 20  # a paragraph in more stored articles than this is boilerplate (an outlet's closing line)
_NOT_TEXT = re.compile(r"[\W_]+")


def normalized(text: str) -> str:
    """The text with case, whitespace and punctuation removed (NFKC first)."""
    return _NOT_TEXT.sub("", unicodedata.normalize("NFKC", text).lower())


def paragraph_hashes(text: str) -> list[str]:
    """sha256 of each distinct substantial paragraph (one per line) of `text`, in order."""
    found: dict[str, None] = {}
    for line in text.split("\n"):
        plain = normalized(line)
        if len(plain) >= MIN_PARAGRAPH:
            found[hashlib.sha256(plain.encode("utf-8")).hexdigest()] = None
    return list(found)


def record_paragraphs(conn: Connection, article_id: int, hashes: Iterable[str], *, replace: bool = False) -> None:
    """Store the article's paragraph hashes (replacing its earlier ones when `replace`)."""
    if replace:
        conn.execute(delete(article_paragraphs).where(article_paragraphs.c.article_id == article_id))
    rows = [{"article_id": article_id, "hash": h} for h in hashes]
    if rows:
        conn.execute(insert(article_paragraphs), rows)


def near_copy_of(conn: Connection, hashes: list[str], figures: Iterable[Mention]) -> int | None:
    """The stored article this one is a near copy of (see the module docstring), or None.

    Candidates come only from paragraphs found in at most COMMON articles: a paragraph an
    outlet prints under every article is boilerplate, not a sign of copying, and looking
    up everything that shares it would make each save slower as the archive grows.
    """
    if len(hashes) < MIN_SHARED:
        return None
    needed = max(MIN_SHARED, math.ceil(SHARED_SHARE * len(hashes)))
    shared: dict[int, int] = {}
    for article_id in _candidates(conn, hashes):
        count = conn.execute(
            select(func.count(func.distinct(article_paragraphs.c.hash)))
            .where(article_paragraphs.c.article_id == article_id, article_paragraphs.c.hash.in_(hashes))
        ).scalar_one()
        if count >= needed:
            shared[article_id] = int(count)
    for article_id, _count in sorted(shared.items(), key=lambda item: (-item[1], item[0])):
        if {_figure(m) for m in figures} <= _stored_figures(conn, article_id):
            return article_id
    return None


def _candidates(conn: Connection, hashes: list[str]) -> set[int]:
    """The articles sharing one of `hashes` that is not common (see COMMON)."""
    found: set[int] = set()
    for paragraph_hash in hashes:
        owners = conn.execute(
            select(article_paragraphs.c.article_id).where(article_paragraphs.c.hash == paragraph_hash).limit(COMMON + 1)
        ).scalars().all()
        if len(owners) <= COMMON:
            found.update(owners)
    return found


def _figure(m: Mention) -> tuple:
    return (m.company, m.kind, m.amount, m.amount_max, m.currency, m.trend)


def _stored_figures(conn: Connection, article_id: int) -> set[tuple]:
    query = select(mentions.c.company, mentions.c.kind, mentions.c.amount, mentions.c.amount_max,
                   mentions.c.currency, mentions.c.trend).where(mentions.c.article_id == article_id)
    return {tuple(row) for row in conn.execute(query)}
