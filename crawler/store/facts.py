"""Known facts in the database: loading them for the diff, listing and importing them.

A fact row is one (subject, kind, period) with its current value; the period is stored
as '' when the text names none. `fact_sources` links it to every article that spoke
about it; the URLs of those articles (and of their syndicated copies and URL variants,
from `article_urls`) are its sources. `changes` is the history.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Connection, RowMapping, insert, select, update

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
    query = (
        select(changes.c.fact_id, sources.c.name, articles.c.url, articles.c.path)
        .join(articles, articles.c.id == changes.c.article_id)
        .outerjoin(sources, sources.c.id == articles.c.source_id)
        .where(changes.c.fact_id.in_(fact_ids), changes.c.status != "conflict")
        .order_by(changes.c.id)
    )
    return {row.fact_id: source_identity(row.name, row.url, row.path) for row in conn.execute(query)}


def list_facts(conn: Connection) -> list[Fact]:
    """Every known fact with its sources, ordered by subject, kind and period."""
    rows = conn.execute(select(facts).order_by(facts.c.subject, facts.c.kind, facts.c.period)).mappings().all()
    by_fact = _sources_by_fact(conn)
    return [row_to_fact(row, sources=tuple(by_fact.get(row["id"], ()))) for row in rows]


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


def import_facts(conn: Connection, imported: Iterable[Fact], *, now: datetime | None = None) -> int:
    """Insert or update `imported` as the known baseline; returns how many rows it wrote.

    An imported fact records no change (the digest does not announce a baseline) and no
    sources (there is no article to link); importing the same file twice writes the same rows.
    """
    now = now or datetime.now(UTC)
    count = 0
    for fact in imported:
        values = fact_values(fact)
        existing = conn.execute(
            select(facts.c.id).where(
                facts.c.subject == values["subject"], facts.c.kind == values["kind"],
                facts.c.period == values["period"],
            )
        ).scalar()
        if existing is None:
            conn.execute(insert(facts).values(**values, updated_at=now))
        else:
            values = {k: v for k, v in values.items() if v is not None or k in ("amount_max", "members")}
            conn.execute(update(facts).where(facts.c.id == existing).values(**values, updated_at=now))
        count += 1
    return count


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
