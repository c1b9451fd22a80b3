"""The layout-family cases of tests/fixtures/layouts/<family>/ and how an extraction is scored on them.

Each case folder holds `page.html` (a page in the structure of one family of Korean news
layouts, our own text) and `meta.json`: the page's `url` and `date` (what a crawl knows
before reading it) and `expected` — title, published, author, body paragraphs, and
`absent`, lines that must appear in no body paragraph. Shared by tests/test_layout_cases.py
and tools/layout_report.py.
"""

from __future__ import annotations

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
from crawler.text.extract import extract_article

CASES = Path(__file__).resolve().parent / "fixtures" / "layouts"


@dataclass(frozen=True)
class Case:
    name: str
    page: bytes
    url: str
    date: str | None
    expected: dict[str, Any]


@dataclass(frozen=True)
class Score:
    """Body recall (expected paragraphs found), paragraphs nobody expected, absent lines that leaked."""

    recall: float
    missing: list[str]
    extra: list[str]
    leaked: list[str]
    reader: str  # "first" (site rule or trafilatura) or the fallback step taken


def case_names() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if (p / "meta.json").exists())


def load_case(name: str) -> Case:
    folder = CASES / name
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    return Case(name, (folder / "page.html").read_bytes(), meta["url"], meta.get("date"), meta["expected"])


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def read_case(case: Case) -> tuple[Article, str]:
    """The case's page through extract_article, and which reader gave its text."""
    with _fallback_steps() as steps:
        article = extract_article(case.page, is_html=True, url=case.url, published=case.date)
    return article, steps[-1] if steps else "first"


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
        self.steps: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if "used the fallback reading by " in record.getMessage():
            self.steps.append(record.getMessage().rsplit(" ", 1)[1])


@contextmanager
def _fallback_steps() -> Iterator[list[str]]:
    logger = logging.getLogger("capexwatch.text.extract")
    recorder, level = _StepRecorder(), logger.level
    logger.addHandler(recorder)
    logger.setLevel(logging.DEBUG)
    try:
        yield recorder.steps
    finally:
        logger.removeHandler(recorder)
        logger.setLevel(level)
