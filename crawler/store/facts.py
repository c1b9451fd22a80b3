"""Known facts in the database: loading them for the diff, listing and importing them.

A fact row is one (subject, kind, period) with its current value; the period is stored
as '' when the text names none. `fact_sources` links it to every article that spoke
about it; the URLs of those articles (and of their syndicated copies and URL variants,
from `article_urls`) are its sources, after the sources an imported row named
(`facts.import_sources`). `changes` is the history.

Importing (`import_baseline`) seeds the baseline: a fact not known yet is created with
the row's status, first_seen and sources and records no change, so the digest does not
announce it; a known fact with the same value (amount, amount_max, currency; an empty
cell is not compared) is left as it is. A known fact with ANOTHER value is refused:
FactImportConflict names the file, line and field and nothing is imported, because a
stored figure changes only through an article, which the digest can cite as a revision.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Connection, RowMapping, func, insert, select

from crawler.models import Fact, FactKey
from crawler.store.schema import article_urls, articles, changes, fact_sources, facts, sources


def key_period(period: str | None) -> str:
    return period or ""


def row_to_fact(row: RowMapping, *, sources: tuple[str, ...] = (), last_source: str | None = None) -> Fact:
    return Fact(
        key=FactKey(row["subject"], row["kind"], row["period"] or None),
        amount=row["amount"],
        currency=row["currency"],
        qualifier=row["qualifier"],
        amount_max=row["amount_max"],
        members=tuple(row["members"]) if row["members"] else None,
        first_seen=_iso(row["first_seen"]),
        last_seen=_iso(row["last_seen"]),
        sources=sources,
        status=row["status"],
        fact_id=row["id"],
        last_source=last_source,
    )


def fact_values(fact: Fact) -> dict[str, Any]:
    """The facts-table columns for `fact` (without id and updated_at)."""
    return {
        "subject": fact.key.subject,
        "kind": fact.key.kind,
        "period": key_period(fact.key.period),
        "members": list(fact.members) if fact.members else None,
        "amount": fact.amount,
        "amount_max": fact.amount_max,
        "currency": fact.currency,
        "qualifier": fact.qualifier,
        "first_seen": _date(fact.first_seen),
        "last_seen": _date(fact.last_seen),
        "status": fact.status,
    }


def source_identity(source_name: str | None, url: str | None, path: str | None) -> str | None:
    """Who states something: the configured source, else the URL's host, else the file."""
    if source_name:
        return source_name
    if url:
        return urlsplit(url).hostname or url
    return path


def load_known_facts(conn: Connection, subjects: Iterable[str]) -> dict[FactKey, Fact]:
    """The known facts about `subjects`, locked for this transaction (PostgreSQL)."""
    wanted = sorted(set(subjects))
    if not wanted:
        return {}
    query = select(facts).where(facts.c.subject.in_(wanted)).order_by(facts.c.id).with_for_update()
    rows = conn.execute(query).mappings().all()
    latest = _latest_statements(conn, [row["id"] for row in rows])
    return {fact.key: fact for fact in (row_to_fact(row, last_source=latest.get(row["id"])) for row in rows)}


def _latest_statements(conn: Connection, fact_ids: Sequence[int]) -> dict[int, str | None]:
    """For each fact, who made its latest statement (a conflicting one does not count)."""
    if not fact_ids:
        return {}
    latest = (  # one change per fact, however long its history
        select(func.max(changes.c.id).label("id"))
        .select_from(changes)
        .join(articles, articles.c.id == changes.c.article_id)
        .where(changes.c.fact_id.in_(fact_ids), changes.c.status != "conflict")
        .group_by(changes.c.fact_id)
        .subquery()
    )
    query = (
        select(changes.c.fact_id, sources.c.name, articles.c.url, articles.c.path)
        .join(latest, latest.c.id == changes.c.id)
        .join(articles, articles.c.id == changes.c.article_id)
        .outerjoin(sources, sources.c.id == articles.c.source_id)
    )
    return {row.fact_id: source_identity(row.name, row.url, row.path) for row in conn.execute(query)}


def list_facts(conn: Connection) -> list[Fact]:
    """Every known fact with its sources (imported ones first), ordered by subject, kind and period."""
    rows = conn.execute(select(facts).order_by(facts.c.subject, facts.c.kind, facts.c.period)).mappings().all()
    by_fact = _sources_by_fact(conn)
    return [row_to_fact(row, sources=tuple(dict.fromkeys([*(row["import_sources"] or []),
                                                          *by_fact.get(row["id"], [])])))
            for row in rows]


def _sources_by_fact(conn: Connection) -> dict[int, list[str]]:
    linked = (
        select(fact_sources.c.fact_id, articles.c.id, articles.c.url, articles.c.path)
        .join(articles, articles.c.id == fact_sources.c.article_id)
        .order_by(articles.c.published_date, articles.c.id)
    )
    extra: dict[int, list[str]] = {}
    for row in conn.execute(select(article_urls.c.article_id, article_urls.c.url).order_by(article_urls.c.id)):
        extra.setdefault(row.article_id, []).append(row.url)
    result: dict[int, list[str]] = {}
    for row in conn.execute(linked):
        names = result.setdefault(row.fact_id, [])
        for name in [row.url or row.path, *extra.get(row.id, [])]:
            if name and name not in names:
                names.append(name)
    return result


class FactImportConflict(Exception):
    """An imported row gives a known fact another value; the message names file, line and field."""


@dataclass(frozen=True)
class ImportCounts:
    created: int
    known: int  # already stored with the same value: left as it is


def import_facts(conn: Connection, imported: Iterable[Fact], *, now: datetime | None = None) -> int:
    """`import_baseline` for facts without a file position; how many facts it accepted."""
    counts = import_baseline(conn, [(f"fact {n}", fact) for n, fact in enumerate(imported, 1)], now=now)
    return counts.created + counts.known


def import_baseline(conn: Connection, located: Sequence[tuple[str, Fact]], *,
                    now: datetime | None = None) -> ImportCounts:
    """Seed the baseline from (where, fact) pairs (see the module docstring); all or nothing."""
    now = now or datetime.now(UTC)
    created = known = 0
    for where, fact in located:
        values = fact_values(fact)
        row = conn.execute(select(facts).where(
            facts.c.subject == values["subject"], facts.c.kind == values["kind"],
            facts.c.period == values["period"])).mappings().first()
        if row is None:
            sources = list(dict.fromkeys(fact.sources)) or None
            conn.execute(insert(facts).values(**values, import_sources=sources, updated_at=now))
            created += 1
            continue
        for field in ("amount", "amount_max", "currency"):
            if values[field] is not None and values[field] != row[field]:
                raise FactImportConflict(
                    f"{where}: {field} {values[field]} differs from the stored {row[field]} for {fact.key.subject} "
                    f"{fact.key.kind} {fact.key.period or '(no period)'}; nothing imported (a stored figure "
                    f"changes only through an article; remove or correct this row)")
        known += 1
    return ImportCounts(created, known)


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
