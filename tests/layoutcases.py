"""The layout-family cases of tests/fixtures/layouts/<family>/ and how an extraction is scored on them.

Each case folder holds `page.html` (a page in the structure of one family of Korean news
layouts, our own text) and `meta.json`: the page's `url` and `date` (what a crawl knows
before reading it) and `expected` — title, published, author, body paragraphs, and
`absent`, lines that must appear in no body paragraph. A page whose text is only in its AMP
or print version also records that version: `alternate` gives its `url` (the link the page
must hold) and `page` (its file), read as the crawl reads it (crawler.text.alternates).
Shared by tests/test_layout_cases.py and tools/layout_report.py.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crawler.models import Article
from crawler.text.alternates import alternate_reason, find_alternate, is_better, read_alternate
from crawler.text.extract import ExtractError, decode_html, extract_article

CASES = Path(__file__).resolve().parent / "fixtures" / "layouts"


@dataclass(frozen=True)
class Case:
    name: str
    page: bytes
    url: str
    date: str | None
    expected: dict[str, Any]
    alternate: tuple[str, bytes] | None = None  # the recorded AMP or print version: (url, page)


@dataclass(frozen=True)
class Score:
    """Body recall (expected paragraphs found), paragraphs nobody expected, absent lines that leaked."""

    recall: float
    missing: list[str]
    extra: list[str]
    leaked: list[str]
    reader: str  # "first" (site rule or trafilatura), the fallback step taken, or "amp_version"/"print_version"


def case_names() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if (p / "meta.json").exists())


def load_case(name: str) -> Case:
    folder = CASES / name
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    alternate = meta.get("alternate")
    recorded = (alternate["url"], (folder / alternate["page"]).read_bytes()) if alternate else None
    return Case(name, (folder / "page.html").read_bytes(), meta["url"], meta.get("date"), meta["expected"], recorded)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def read_case(case: Case) -> tuple[Article, str]:
    """The case's page through extract_article, and which reader gave its text; when the page's
    own text fails and it links an alternate version, that version as the crawl would read it."""
    with _fallback_steps() as recorder:
        try:
            own: Article | ExtractError = extract_article(case.page, is_html=True, url=case.url, published=case.date)
        except ExtractError as exc:
            own = exc
    reader = recorder.steps[-1] if recorder.steps else "first"
    alternate = find_alternate(decode_html(case.page, None), case.url) if alternate_reason(own) else None
    if alternate is None:
        if isinstance(own, ExtractError):
            raise own
        return own, reader
    if case.alternate is None or case.alternate[0] != alternate.url:
        raise ExtractError(f"the page links {alternate.url}, not recorded in the case's meta.json 'alternate'")
    own_article = None if isinstance(own, ExtractError) else own
    article = read_alternate(case.alternate[1].decode("utf-8"), alternate, url=case.url, own=own_article,
                             published=case.date)
    if is_better(article, own_article):
        return article, f"{alternate.kind}_version"
    if own_article is None:
        raise own  # type: ignore[misc]
    return own_article, reader


def fallback_ran(case: Case) -> bool:
    """Did the page's first reading (trafilatura or the site rule) need the fallback reader?"""
    with _fallback_steps() as recorder, contextlib.suppress(ExtractError):
        extract_article(case.page, is_html=True, url=case.url, published=case.date)
    return recorder.ran


def score(case: Case, article: Article, reader: str = "first") -> Score:
    want = [squash(p) for p in case.expected["body"]]
    got = [squash(p) for p in article.body]
    missing = [p for p, key in zip(case.expected["body"], want, strict=True) if key not in got]
    extra = [p for p, key in zip(article.body, got, strict=True) if key not in want]
    leaked = [line for line in case.expected["absent"] if any(squash(line) in p for p in got)]
    return Score(1 - len(missing) / len(want), missing, extra, leaked, reader)


class _StepRecorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.ran = False  # the first reading was weak: the fallback reader ran
        self.steps: list[str] = []  # the fallback steps whose reading was used

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if ": fallback reader, because " in message:
            self.ran = True
        if "used the fallback reading by " in message:
            self.steps.append(message.rsplit(" ", 1)[1])


@contextmanager
def _fallback_steps() -> Iterator[_StepRecorder]:
    logger = logging.getLogger("capexwatch.text.extract")
    recorder, level = _StepRecorder(), logger.level
    logger.addHandler(recorder)
    logger.setLevel(logging.DEBUG)
    try:
        yield recorder
    finally:
        logger.removeHandler(recorder)
        logger.setLevel(level)
