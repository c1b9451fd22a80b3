"""Backfill staging: fetched and analysed pages wait in `backfill_pages` until they are stored.

A backfill's fetch phase (in one process, or in workers sharing PostgreSQL) writes each
analysed page here as soon as it arrives (`stage_page`: one row per normalized URL,
whatever run fetched it; a page staged twice, as by a task delivered again, is kept once),
so nothing of the window is held in memory and a killed backfill does not fetch a staged
page again (`staged_among`). The storing phase reads the rows back oldest publication
first, a batch at a time (`pages_to_store`), and marks each one stored in the same
transaction that remembers its fetch (`mark_stored`); the rows of a finished storing phase
are then cleared (`clear_stored`). A matched page keeps its ExtractResult as JSON; a page
without a keyword, or one that could not be read, keeps only what remembering it needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Protocol

from sqlalchemy import ColumnElement, Engine, and_, delete, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from crawler.models import KST, Article, Conversion, ExtractResult, Mention
from crawler.store.crawlstate import LOOKUP_CHUNK, parse_iso, remember_fetch_in
from crawler.store.engine import reading
from crawler.store.schema import backfill_pages as pages

BATCH = 200  # rows read at once by the storing phase


class Fetched(Protocol):
    """What staging needs of a fetched page (spiders.items.FetchedPage)."""

    source: str
    url: str
    final_url: str
    status: int
    fetched_at: datetime
    lastmod: str | None
    published: str | None
    etag: str | None
    last_modified: str | None
    revisit: bool


@dataclass(frozen=True)
class StagedPage:
    """One staged page, as the storing phase reads it back."""

    url: str
    source: str
    final_url: str
    http_status: int
    fetched_at: datetime
    lastmod: str | None
    etag: str | None
    last_modified: str | None
    revisit: bool
    outcome: str  # matched, unmatched, failed
    result: ExtractResult | None  # matched pages only
    published_at: datetime | None


def stage_page(engine: Engine, page: Fetched, result: ExtractResult | None, *, run_id: int | None) -> None:
    """Stage `page` and its analysis (None: it could not be read); a URL already staged is left as is."""
    outcome = "failed" if result is None else "matched" if result.keywords else "unmatched"
    published = (result.article.published if result is not None else None) or page.published
    values = {"url": page.url, "source": page.source, "run_id": run_id, "final_url": page.final_url,
              "http_status": page.status, "fetched_at": page.fetched_at, "lastmod": page.lastmod,
              "entry_published": page.published, "etag": page.etag, "last_modified": page.last_modified,
              "revisit": page.revisit, "published_at": parse_iso(published), "outcome": outcome,
              "result": result_to_json(result) if result is not None and result.keywords else None, "stored": False}
    dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
    with engine.begin() as conn:
        conn.execute(dialect.insert(pages).values(**values).on_conflict_do_nothing(index_elements=[pages.c.url]))


def staged_among(engine: Engine, urls: Iterable[str]) -> set[str]:
    """Those of `urls` (normalized) that are staged, stored or not."""
    wanted, found = list(urls), set[str]()
    with reading(engine) as conn:
        for start in range(0, len(wanted), LOOKUP_CHUNK):
            chunk = wanted[start:start + LOOKUP_CHUNK]
            found.update(conn.execute(select(pages.c.url).where(pages.c.url.in_(chunk))).scalars())
    return found


def _to_store(sources: Sequence[str], since: date, until: date) -> ColumnElement[bool]:
    """Rows of `sources` not stored yet, published in [since, until] (Korean days) or undated."""
    start = datetime.combine(since, time(), KST).astimezone(UTC)
    end = datetime.combine(until + timedelta(days=1), time(), KST).astimezone(UTC)
    dated = and_(pages.c.published_at >= start, pages.c.published_at < end)
    return and_(pages.c.source.in_(list(sources)), pages.c.stored.is_(False),
                or_(pages.c.published_at.is_(None), dated))


def count_to_store(engine: Engine, sources: Sequence[str], since: date, until: date) -> int:
    with reading(engine) as conn:
        query = select(func.count()).select_from(pages).where(_to_store(sources, since, until))
        return int(conn.execute(query).scalar_one())


def pages_to_store(engine: Engine, sources: Sequence[str], since: date, until: date,
                   batch: int = BATCH) -> Iterator[StagedPage]:
    """The pages to store, oldest publication first (ties by URL), the undated ones last by URL;
    read `batch` rows at a time, each batch after the last row of the one before (keyset)."""
    wanted = _to_store(sources, since, until)
    for dated in (True, False):
        after: tuple[datetime | None, str] | None = None
        while True:
            query = select(pages).where(wanted, pages.c.published_at.is_not(None) if dated
                                        else pages.c.published_at.is_(None))
            if after is not None:
                query = query.where(_after(*after))
            query = query.order_by(pages.c.published_at, pages.c.url).limit(batch)
            with reading(engine) as conn:
                rows = [_staged(row) for row in conn.execute(query).mappings()]
            yield from rows
            if len(rows) < batch:
                break
            after = (rows[-1].published_at, rows[-1].url)


def _after(published_at: datetime | None, url: str) -> ColumnElement[bool]:
    if published_at is None:
        return pages.c.url > url
    return or_(pages.c.published_at > published_at, and_(pages.c.published_at == published_at, pages.c.url > url))


def _staged(row: Any) -> StagedPage:
    result = result_from_json(row["result"]) if row["result"] is not None else None
    return StagedPage(url=row["url"], source=row["source"], final_url=row["final_url"],
                      http_status=row["http_status"], fetched_at=row["fetched_at"], lastmod=row["lastmod"],
                      etag=row["etag"], last_modified=row["last_modified"], revisit=bool(row["revisit"]),
                      outcome=row["outcome"], result=result, published_at=row["published_at"])


def mark_stored(engine: Engine, marked: Sequence[tuple[StagedPage, int | None]]) -> None:
    """In one transaction: each (page, the article it made or None) is stored and its fetch remembered."""
    with engine.begin() as conn:
        for page, article_id in marked:
            conn.execute(update(pages).where(pages.c.url == page.url).values(stored=True, article_id=article_id))
            remember_fetch_in(conn, page.url, source=page.source, lastmod=page.lastmod,
                              http_status=page.http_status, article_id=article_id,
                              matched=page.outcome == "matched", fetched_at=page.fetched_at)


def stored_article_ids(engine: Engine, sources: Sequence[str]) -> list[int]:
    """The articles the stored rows of `sources` made (this storing phase and any it resumed)."""
    query = select(pages.c.article_id).where(pages.c.source.in_(list(sources)), pages.c.stored.is_(True),
                                             pages.c.article_id.is_not(None))
    with reading(engine) as conn:
        return sorted(set(conn.execute(query).scalars()))


def clear_stored(engine: Engine, sources: Sequence[str]) -> int:
    """Delete the stored rows of `sources`; how many."""
    with engine.begin() as conn:
        return conn.execute(delete(pages).where(pages.c.source.in_(list(sources)), pages.c.stored.is_(True))).rowcount


def result_to_json(result: ExtractResult) -> dict[str, Any]:
    """An ExtractResult as JSON, every mention in its order (figures and revisions together)."""
    return {"article": asdict(result.article), "keywords": list(result.keywords),
            "mentions": [asdict(m) for m in result.mentions]}


def result_from_json(data: dict[str, Any]) -> ExtractResult:
    """The ExtractResult `result_to_json` wrote."""
    article = Article(**{**data["article"], "body": tuple(data["article"]["body"])})
    mentions = tuple(Mention(**{**m, "members": tuple(m["members"]) if m["members"] is not None else None,
                                "conversions": tuple(Conversion(**c) for c in m["conversions"])})
                     for m in data["mentions"])
    return ExtractResult(article, tuple(data["keywords"]), mentions)
