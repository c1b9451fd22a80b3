"""Replay: saved pages through the same functions as a crawl (analyze -> save_article), offline.

Documents are files (a folder stands for its .txt/.html/.htm files). Metadata comes from
a `meta.json` beside them (the seeds' format: {"seeds": {file name: {published, url,
order_date, html}}}); an HTML file named by a `html` entry of its parent folder's
meta.json takes that entry's metadata. `published` is the article's date (it anchors
periods); `order_date` only places an undated page in the order. A file with no
metadata uses the date extraction finds in it. A page without a headline of its own (the
seeds' saved text) takes its entry's `title`, else the title of the HTML page its entry
names, so that the digest cites it by title; the title is added after the figures are
read, so it changes none of them. Documents are stored in order of
publication (undated ones last, then by path), each printing one result.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DataError, IntegrityError

from crawler.config import Config
from crawler.models import ExtractResult
from crawler.store import Store
from crawler.store.articles import SaveResult, save_article

HTML_SUFFIXES = (".html", ".htm")
DOCUMENT_SUFFIXES = (".txt", *HTML_SUFFIXES)
META_FILE = "meta.json"


@dataclass(frozen=True)
class Document:
    path: Path
    name: str  # as the user named it (printed)
    url: str | None = None
    published: str | None = None
    order_date: str | None = None
    title: str | None = None
    html: Path | None = None  # the HTML page of the same article, named by its metadata

    @property
    def is_html(self) -> bool:
        return self.path.suffix.lower() in HTML_SUFFIXES


@dataclass(frozen=True)
class Analysed:
    document: Document
    result: ExtractResult

    @property
    def order_key(self) -> tuple[str, str]:
        date = self.document.published or self.document.order_date or self.result.article.published
        return ((date or "9999")[:10], self.document.name)


def collect_documents(paths: Sequence[str]) -> Iterator[Document | str]:
    """The documents named by `paths` (folders expanded), or an error line for a missing path."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES)
            for file in files:
                yield _document(file, str(file))
        elif path.is_file():
            yield _document(path, given)
        else:
            yield f"{given}: no such file or folder"


def _document(path: Path, name: str) -> Document:
    meta, folder = _meta_for(path)
    html = folder / meta["html"] if isinstance(meta.get("html"), str) and folder is not None else None
    return Document(path=path, name=name, url=meta.get("url"), published=meta.get("published"),
                    order_date=meta.get("order_date"), title=meta.get("title"), html=html)


def _meta_for(path: Path) -> tuple[dict[str, Any], Path | None]:
    """The metadata entry of `path` and the folder of its meta.json (None: no entry)."""
    here = _read_meta(path.resolve().parent)
    if path.name in here:
        return here[path.name], path.resolve().parent
    for entry in _read_meta(path.resolve().parent.parent).values():
        html = entry.get("html")
        if html and (path.resolve().parent.parent / html).resolve() == path.resolve():
            return entry, path.resolve().parent.parent
    return {}, None


@lru_cache(maxsize=64)
def _read_meta(folder: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    entries = data.get("seeds", data) if isinstance(data, dict) else {}
    return {k: v for k, v in entries.items() if isinstance(v, dict)} if isinstance(entries, dict) else {}


def analyse_document(document: Document, keywords: Sequence[str]) -> ExtractResult:
    """The crawl's analysis of one file (raises ExtractError / OSError for a bad file)."""
    from crawler.figures.analyze import analyze

    data = document.path.read_bytes()
    result = analyze(data, is_html=document.is_html, keywords=keywords, url=document.url,
                     published=document.published, path=document.name)
    if result.article.title:
        return result
    title = document.title or _html_title(document.html)
    return replace(result, article=replace(result.article, title=title)) if title else result


def _html_title(page: Path | None) -> str | None:
    """The title of the HTML page beside a saved text (None if there is none or it is unreadable)."""
    from crawler.text.extract import page_title

    if page is None or page.suffix.lower() not in HTML_SUFFIXES:
        return None
    try:
        return page_title(page.read_bytes())
    except (OSError, ValueError):
        return None


def replay(
    store: Store, paths: Sequence[str], config: Config, *,
    emit: Callable[[dict[str, Any]], None], report: Callable[[str], None],
) -> int:
    """Analyse, order and store the documents; emit one record each. Returns the number of bad files."""
    from crawler.text.extract import ExtractError

    analysed: list[Analysed] = []
    bad = 0
    for item in collect_documents(paths):
        if isinstance(item, str):
            report(item)
            bad += 1
            continue
        try:
            analysed.append(Analysed(item, analyse_document(item, config.keywords)))
        except (ExtractError, OSError) as exc:
            report(f"{item.name}: {getattr(exc, 'strerror', None) or exc}")
            bad += 1
    for entry in sorted(analysed, key=lambda a: a.order_key):
        try:
            saved = save_article(store, entry.result, fx_to_usd=config.fx_to_usd,
                                 tolerance=config.confirm_tolerance, fx_tolerance=config.fx_tolerance)
        except (DataError, IntegrityError) as exc:  # this document's values do not fit: the others go on
            report(f"{entry.document.name}: cannot store: {str(exc.orig or exc).strip().splitlines()[0]}")
            bad += 1
            continue
        emit(replay_record(entry.document, saved))
    return bad


def replay_record(document: Document, saved: SaveResult) -> dict[str, Any]:
    return {
        "path": document.name,
        "article_id": saved.article_id,
        "created": saved.created,
        "changes": [change.to_json() for change in saved.changes],
    }
