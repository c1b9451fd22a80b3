"""Storing one article: dedupe, its mentions, the diff against known facts, the changes.

`save_article` runs in ONE write transaction. An article already known by one of its
normalized URLs (`article_urls`: its own, tracking-parameter variants, syndicated
copies, and its canonical URL when that is an article address: crawler/store/identity.py)
or by the fingerprint of its text (a syndicated copy on another site or a
board), or a near copy of one (most of its paragraphs, no figure of its own: the rule
is in crawler/store/copies.py) adds no article, no mention and no change; only a new
URL is recorded (so the stored article's facts list it among their sources). Otherwise
the article and all its mentions are inserted, the known facts about the companies it
mentions are loaded, `crawler.diff.diff_facts` decides, and facts, fact_sources and
changes (with the previous value) are written.

A new version: the page at an article's OWN URL (not a copy's URL) with another text
fingerprint (the crawler fetches it again when its feed entry is newer) updates the
article row (text, title, dates, fingerprint, fetched_at, validators), replaces its
mentions (those a recorded change cites stay, as that change's evidence) and is diffed
like any article, except that what this article already stated is no news: a change
to a fact this article already sources is dropped when it is a confirmation or repeats
one of the article's earlier statements (same company, kind, period, value, trend).
The same text again changes nothing. If the new text is another stored article's, the
page is treated as a copy of that one (URL recorded, nothing else).

Writers saving the same article, near copies of one, or the same new fact at once
(PostgreSQL) take turns: the save first claims its URLs, text, paragraphs and companies
(advisory transaction locks, crawler/store/claims.py), so the second reads what the first
stored. A unique constraint a writer still hits (a row written without claims) makes it
retry once, and then it finds the other's row.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Table, delete, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from crawler.config import DEFAULT_FX_TO_USD
from crawler.diff import apply_change, diff_facts
from crawler.models import KST, Change, ExtractResult, Fact, FactKey, Mention
from crawler.store.claims import claim, claim_keys
from crawler.store.copies import near_copy_of, normalized, paragraph_hashes, record_paragraphs
from crawler.store.facts import fact_values, load_known_facts, source_identity
from crawler.store.identity import identity_urls
from crawler.store.schema import article_urls, articles, changes, fact_sources, facts, mentions, sources
from crawler.store.versions import already_stated, sourced_facts, statement, statements
from crawler.urls import normalize_url

if TYPE_CHECKING:
    from crawler.store import Store

log = logging.getLogger(__name__)
_MAX_AMOUNT = 2**63 - 1  # BigInteger


@dataclass(frozen=True)
class SaveResult:
    article_id: int
    created: bool  # False: the article (or a copy of it) was already stored
    changes: list[Change]
    updated: bool = False  # a new version of a stored article (its own URL, another text)


def fingerprint(text: str) -> str:
    """sha256 of the text with case, whitespace and punctuation removed (NFKC first)."""
    return hashlib.sha256(normalized(text).encode("utf-8")).hexdigest()


def save_article(
    store: Store,
    result: ExtractResult,
    *,
    source: str | None = None,
    fetched_at: datetime | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    fx_to_usd: Mapping[str, float] = DEFAULT_FX_TO_USD,
    tolerance: float = 0.02,
    fx_tolerance: float = 0.10,
) -> SaveResult:
    """Store `result` (see the module docstring); the changes it made to the known facts."""
    options = _SaveOptions(source, fetched_at or datetime.now(UTC), etag, last_modified, fx_to_usd,
                           tolerance, fx_tolerance)
    result = replace(result, mentions=tuple(m for m in result.mentions if _storable(m)))
    try:
        return _save_once(store, result, options)
    except (IntegrityError, OperationalError) as exc:
        # another writer stored the same article, URL or fact meanwhile (or PostgreSQL chose this
        # transaction as a deadlock victim): the retry reads the other writer's rows
        log.info("retrying %s after %s", result.article.url or result.article.path, type(exc.orig).__name__)
        return _save_once(store, result, options)


@dataclass(frozen=True)
class _SaveOptions:
    source: str | None
    fetched_at: datetime
    etag: str | None
    last_modified: str | None
    fx_to_usd: Mapping[str, float]
    tolerance: float
    fx_tolerance: float


def _save_once(store: Store, result: ExtractResult, options: _SaveOptions) -> SaveResult:
    article = result.article
    print_, paragraphs = fingerprint(article.text), paragraph_hashes(article.text)
    with store.writing() as conn:
        own, urls = identity_urls(conn, article)
        claim(conn, claim_keys(urls=urls, fingerprint=print_, paragraphs=paragraphs, source=options.source,
                               subjects={m.company for m in result.mentions if m.company}))
        existing = _find_existing(conn, own, urls, print_, paragraphs, result.mentions)
        if existing is None:
            source_id = _source_id(conn, options.source, options.fetched_at) if options.source else None
            article_id = _insert_article(conn, result, urls, print_, source_id, options)
            record_paragraphs(conn, article_id, paragraphs)
            _record_urls(conn, article_id, urls)
            mention_ids = _insert_mentions(conn, article_id, result)
            found = _diff_and_write(conn, article_id, result, mention_ids, urls, options, earlier=None)
            return SaveResult(article_id, True, found)
        _record_urls(conn, existing.id, urls)
        if own is None or existing.url != own or existing.fingerprint == print_ or _text_taken(conn, print_):
            return SaveResult(existing.id, False, [])
        earlier = statements(conn, existing.id)
        _update_article(conn, existing.id, result, print_, options)
        record_paragraphs(conn, existing.id, paragraphs, replace=True)
        mention_ids = _replace_mentions(conn, existing.id, result)
        found = _diff_and_write(conn, existing.id, result, mention_ids, urls, options, earlier=set(earlier.values()))
        return SaveResult(existing.id, False, found, updated=True)


def _diff_and_write(
    conn: Connection, article_id: int, result: ExtractResult, mention_ids: dict[int, int], urls: list[str],
    options: _SaveOptions, *, earlier: set[tuple] | None,
) -> list[Change]:
    """Diff the article's mentions against the known facts and write the changes (see module docstring)."""
    article = result.article
    published = (_day(article.published_date) or options.fetched_at.astimezone(KST).date()).isoformat()
    who = source_identity(options.source, urls[0] if urls else None, article.path)
    known = load_known_facts(conn, {m.company for m in result.mentions if m.company})
    found = diff_facts(known, result.mentions, published=published, source=who, fx_to_usd=options.fx_to_usd,
                       tolerance=options.tolerance, fx_tolerance=options.fx_tolerance)
    if earlier is not None:
        sourced = sourced_facts(conn, article_id)
        found = [c for c in found if not already_stated(c, known, sourced, earlier)]
    _write_changes(conn, article_id, found, known, mention_ids, published, who, options.fetched_at)
    return found


def _text_taken(conn: Connection, print_: str) -> bool:
    return conn.execute(select(articles.c.id).where(articles.c.fingerprint == print_)).first() is not None


def _update_article(conn: Connection, article_id: int, result: ExtractResult, print_: str,
                    options: _SaveOptions) -> None:
    a = result.article
    conn.execute(update(articles).where(articles.c.id == article_id).values(
        canonical_url=_canonical(a.canonical_url), title=a.title, published=a.published,
        published_date=_day(a.published_date), author=a.author, text=a.text, fingerprint=print_,
        keywords=list(result.keywords), fetched_at=options.fetched_at, etag=options.etag,
        last_modified=options.last_modified,
    ))


def _replace_mentions(conn: Connection, article_id: int, result: ExtractResult) -> dict[int, int]:
    """Insert the new version's mentions and delete the old ones. A recorded change citing an old
    mention is moved to the new mention stating the same; with none, the old one stays as its evidence."""
    old = statements(conn, article_id)
    mention_ids = _insert_mentions(conn, article_id, result)
    restated = {statement(m): mention_ids[id(m)] for m in result.mentions}
    for old_id, said in old.items():
        if said in restated:
            conn.execute(update(changes).where(changes.c.mention_id == old_id).values(mention_id=restated[said]))
    cited = select(changes.c.mention_id).where(changes.c.article_id == article_id, changes.c.mention_id.is_not(None))
    conn.execute(delete(mentions).where(mentions.c.id.in_(list(old)), mentions.c.id.not_in(cited)))
    return mention_ids


def _storable(m: Mention) -> bool:
    """False for a figure too large for a 64-bit column (a misread number): it is left out, logged."""
    values = [m.amount, m.amount_max, *(c.amount for c in m.conversions)]
    if all(v is None or abs(v) <= _MAX_AMOUNT for v in values):
        return True
    log.warning("figure out of range left out: %s %s (%s)", m.amount, m.currency, m.evidence[:80])
    return False


@dataclass(frozen=True)
class _Existing:
    id: int
    url: str | None
    fingerprint: str


def _find_existing(conn: Connection, own: str | None, urls: list[str], print_: str, paragraphs: list[str],
                   figures: tuple[Mention, ...]) -> _Existing | None:
    """The stored article this one is: by its own URL, its other URLs, its text, then as a near copy."""
    columns = select(articles.c.id, articles.c.url, articles.c.fingerprint)
    for wanted in ([own] if own else [], urls):
        if wanted:
            query = columns.join(article_urls, article_urls.c.article_id == articles.c.id).where(
                article_urls.c.url.in_(wanted))
            row = conn.execute(query.order_by(articles.c.id)).first()
            if row is not None:
                return _Existing(row.id, row.url, row.fingerprint)
    row = conn.execute(columns.where(articles.c.fingerprint == print_)).first()
    if row is None and (copied := near_copy_of(conn, paragraphs, figures)) is not None:
        row = conn.execute(columns.where(articles.c.id == copied)).first()
    return _Existing(row.id, row.url, row.fingerprint) if row is not None else None


def _record_urls(conn: Connection, article_id: int, urls: list[str]) -> None:
    for url in urls:
        if conn.execute(select(article_urls.c.id).where(article_urls.c.url == url)).scalar() is None:
            conn.execute(insert(article_urls).values(url=url, article_id=article_id))


def _source_id(conn: Connection, name: str, now: datetime) -> int:
    found = conn.execute(select(sources.c.id).where(sources.c.name == name)).scalar()
    if found is not None:
        return int(found)
    return _insert(conn, sources, {"name": name, "created_at": now})


def _insert_article(
    conn: Connection, result: ExtractResult, urls: list[str], print_: str, source_id: int | None,
    options: _SaveOptions,
) -> int:
    a = result.article
    values = {
        "source_id": source_id, "url": urls[0] if urls else None, "canonical_url": _canonical(a.canonical_url),
        "path": a.path,
        "title": a.title, "published": a.published, "published_date": _day(a.published_date),
        "author": a.author, "text": a.text, "fingerprint": print_, "keywords": list(result.keywords),
        "fetched_at": options.fetched_at, "etag": options.etag, "last_modified": options.last_modified,
    }
    return _insert(conn, articles, values)


def _canonical(url: str | None) -> str | None:
    return normalize_url(url) if url and url.lower().startswith(("http://", "https://")) else url


def _insert_mentions(conn: Connection, article_id: int, result: ExtractResult) -> dict[int, int]:
    """Insert every mention; maps id(mention object) to its row id."""
    ids: dict[int, int] = {}
    for position, m in enumerate(result.mentions):
        values = {
            "article_id": article_id, "position": position, "company": m.company,
            "members": list(m.members) if m.members else None, "company_ko": m.company_ko,
            "amount": m.amount, "amount_max": m.amount_max, "currency": m.currency, "qualifier": m.qualifier,
            "period": m.period, "kind": m.kind, "evidence": m.evidence, "vague": m.vague, "trend": m.trend,
            "conversions": [asdict(c) for c in m.conversions],
        }
        ids[id(m)] = _insert(conn, mentions, values)
    return ids


def _write_changes(
    conn: Connection, article_id: int, found: list[Change], known: dict[FactKey, Fact],
    mention_ids: dict[int, int], published: str, who: str | None, now: datetime,
) -> None:
    current = dict(known)
    for change in found:
        before = current.get(change.key)
        after = apply_change(before, change, published=published, source=who)
        if before is None or before.fact_id is None:
            fact_id = _insert(conn, facts, {**fact_values(after), "updated_at": now})
        else:
            fact_id = before.fact_id
            conn.execute(update(facts).where(facts.c.id == fact_id).values(**fact_values(after), updated_at=now))
        current[change.key] = replace(after, fact_id=fact_id)
        linked = select(fact_sources.c.id).where(fact_sources.c.fact_id == fact_id,
                                                 fact_sources.c.article_id == article_id)
        if conn.execute(linked).first() is None:
            conn.execute(insert(fact_sources).values(fact_id=fact_id, article_id=article_id))
        conn.execute(insert(changes).values(**_change_values(change, fact_id, article_id, mention_ids, now)))


def _change_values(change: Change, fact_id: int, article_id: int, mention_ids: dict[int, int], now: datetime) -> dict:
    m, prev = change.mention, change.previous
    return {
        "fact_id": fact_id, "article_id": article_id, "mention_id": mention_ids.get(id(m)),
        "status": change.status, "amount": m.amount, "amount_max": m.amount_max, "currency": m.currency,
        "qualifier": m.qualifier, "previous_amount": prev.amount if prev else None,
        "previous_amount_max": prev.amount_max if prev else None,
        "previous_currency": prev.currency if prev else None,
        "change_pct": change.change_pct, "direction": change.direction, "created_at": now,
    }


def _insert(conn: Connection, table: Table, values: dict[str, Any]) -> int:
    """Insert one row; its id."""
    key = conn.execute(insert(table).values(**values)).inserted_primary_key
    assert key is not None
    return int(key[0])


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
