"""Digest bookkeeping: which changes are pending, and which message carried them.

A change is pending while it has no delivery or its delivery is not 'sent'. The digest
records a message (status 'prepared', its Message-ID and exact bytes, its changes linked)
BEFORE handing it to a transport, and marks it 'sent' only after the server accepted it;
`prepared_deliveries` lists the ones whose outcome is unknown, for reconciliation
(see crawler/digest/deliver.py for the guarantee this supports).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, and_, delete, func, insert, or_, select, update

from crawler.store.engine import reading
from crawler.store.schema import article_urls, articles, changes, deliveries, fact_sources, facts, mentions


class DeliveryConflict(Exception):
    """Some of the changes were taken by another digest run in the meantime."""


@dataclass(frozen=True)
class ArticleRef:
    """An article as the digest links it: title, every URL it is known under, date."""

    article_id: int
    title: str | None
    urls: tuple[str, ...]  # its own URL first, then other known URLs (syndicated copies)
    published: str | None
    path: str | None


@dataclass(frozen=True)
class PendingChange:
    """One undelivered change with its fact, the stating article and evidence."""

    change_id: int
    fact_id: int
    status: str
    subject: str
    kind: str
    period: str | None
    members: tuple[str, ...] | None
    company_ko: str | None
    amount: int | None
    amount_max: int | None
    currency: str | None
    qualifier: str | None
    previous_amount: int | None
    previous_amount_max: int | None
    previous_currency: str | None
    change_pct: float | None
    direction: str | None
    trend: str | None
    evidence: str
    article: ArticleRef
    fact_articles: tuple[ArticleRef, ...]  # every article that states the fact
    created_at: datetime | None = None
    delivery_id: int | None = None


@dataclass(frozen=True)
class PreparedDelivery:
    id: int
    message_id: str
    subject: str
    recipients: tuple[str, ...]
    transport: str
    raw_message: bytes | None
    created_at: datetime
    change_count: int


def pending_changes(engine: Engine) -> list[PendingChange]:
    """Changes not yet in a sent digest (nor in a backfill's baseline, crawler/store/baseline.py),
    oldest first, with fact, article and evidence."""
    query = (
        select(changes, facts.c.subject, facts.c.kind, facts.c.period, facts.c.members,
               mentions.c.company_ko, mentions.c.evidence, mentions.c.trend)
        .join(facts, facts.c.id == changes.c.fact_id)
        .outerjoin(mentions, mentions.c.id == changes.c.mention_id)
        .outerjoin(deliveries, deliveries.c.id == changes.c.delivery_id)
        .where(or_(changes.c.delivery_id.is_(None), deliveries.c.status.not_in(("sent", "baseline"))))
        .order_by(changes.c.id)
    )
    with reading(engine) as conn:
        rows = list(conn.execute(query).mappings())
        fact_ids = {row["fact_id"] for row in rows}
        stated_by = _fact_article_ids(conn, fact_ids)
        article_ids = {row["article_id"] for row in rows} | {a for ids in stated_by.values() for a in ids}
        refs = _article_refs(conn, article_ids)
    return [_pending(row, refs, stated_by) for row in rows]


def _pending(row, refs: dict[int, ArticleRef], stated_by: dict[int, list[int]]) -> PendingChange:
    article = refs[row["article_id"]]
    fact_ids = list(dict.fromkeys([*stated_by.get(row["fact_id"], []), row["article_id"]]))
    return PendingChange(
        change_id=row["id"], fact_id=row["fact_id"], status=row["status"], subject=row["subject"],
        kind=row["kind"], period=row["period"] or None,
        members=tuple(row["members"]) if row["members"] else None, company_ko=row["company_ko"],
        amount=row["amount"], amount_max=row["amount_max"], currency=row["currency"], qualifier=row["qualifier"],
        previous_amount=row["previous_amount"], previous_amount_max=row["previous_amount_max"],
        previous_currency=row["previous_currency"], change_pct=row["change_pct"], direction=row["direction"],
        trend=row["trend"], evidence=row["evidence"] or "", article=article,
        fact_articles=tuple(refs[a] for a in fact_ids if a in refs),
        created_at=row["created_at"], delivery_id=row["delivery_id"],
    )


def _fact_article_ids(conn, fact_ids: set[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = defaultdict(list)
    if fact_ids:
        query = select(fact_sources.c.fact_id, fact_sources.c.article_id).where(
            fact_sources.c.fact_id.in_(fact_ids)).order_by(fact_sources.c.id)
        for fact_id, article_id in conn.execute(query):
            found[fact_id].append(article_id)
    return found


def _article_refs(conn, article_ids: set[int]) -> dict[int, ArticleRef]:
    if not article_ids:
        return {}
    extra: dict[int, list[str]] = defaultdict(list)
    url_query = select(article_urls.c.article_id, article_urls.c.url).where(
        article_urls.c.article_id.in_(article_ids)).order_by(article_urls.c.id)
    for article_id, url in conn.execute(url_query):
        extra[article_id].append(url)
    query = select(articles.c.id, articles.c.title, articles.c.url, articles.c.canonical_url,
                   articles.c.published, articles.c.path).where(articles.c.id.in_(article_ids))
    refs = {}
    for row in conn.execute(query).mappings():
        urls = [u for u in (row["url"], *extra[row["id"]]) if u]
        refs[row["id"]] = ArticleRef(row["id"], row["title"], tuple(dict.fromkeys(urls)), row["published"],
                                     row["path"])
    return refs


def prepare_delivery(
    engine: Engine, message_id: str, subject: str, recipients: Sequence[str], change_ids: Sequence[int],
    transport: str, raw_message: bytes, *, now: datetime | None = None,
) -> int:
    """Record a message as 'prepared' and link its changes, in one transaction, before sending.

    Raises DeliveryConflict (and records nothing) if any change already belongs to a delivery.
    """
    with engine.begin() as conn:
        inserted = conn.execute(insert(deliveries).values(
            message_id=message_id, status="prepared", subject=subject, recipients=list(recipients),
            created_at=now or datetime.now(UTC), transport=transport, raw_message=raw_message,
        )).inserted_primary_key
        delivery_id = int(inserted[0]) if inserted else 0
        linked = conn.execute(
            update(changes)
            .where(and_(changes.c.id.in_(list(change_ids)), changes.c.delivery_id.is_(None)))
            .values(delivery_id=delivery_id)
        ).rowcount
        if linked != len(set(change_ids)):  # raising inside begin() rolls the insert back
            raise DeliveryConflict(f"{len(set(change_ids)) - linked} changes were taken by another digest run")
        return delivery_id


def complete_delivery(engine: Engine, message_id: str, *, sent_at: datetime | None = None) -> None:
    """Mark the message 'sent': call only after the server (or the outbox) accepted it."""
    with engine.begin() as conn:
        conn.execute(update(deliveries).where(deliveries.c.message_id == message_id)
                     .values(status="sent", sent_at=sent_at or datetime.now(UTC)))


def release_delivery(engine: Engine, message_id: str) -> int:
    """Forget a prepared message the server definitely refused; its changes are pending again."""
    with engine.begin() as conn:
        found = conn.execute(select(deliveries.c.id).where(
            and_(deliveries.c.message_id == message_id, deliveries.c.status == "prepared"))).scalar()
        if found is None:
            return 0
        released = conn.execute(update(changes).where(changes.c.delivery_id == found)
                                .values(delivery_id=None)).rowcount
        conn.execute(delete(deliveries).where(deliveries.c.id == found))
        return int(released)


def prepared_deliveries(engine: Engine) -> list[PreparedDelivery]:
    """Messages recorded but not known to be accepted, oldest first."""
    counts = (select(changes.c.delivery_id, func.count().label("n")).group_by(changes.c.delivery_id)
              .subquery())
    query = (select(deliveries, counts.c.n).outerjoin(counts, counts.c.delivery_id == deliveries.c.id)
             .where(deliveries.c.status == "prepared").order_by(deliveries.c.id))
    with reading(engine) as conn:
        return [
            PreparedDelivery(
                id=row["id"], message_id=row["message_id"], subject=row["subject"],
                recipients=tuple(row["recipients"]), transport=row["transport"],
                raw_message=row["raw_message"], created_at=row["created_at"], change_count=row["n"] or 0,
            )
            for row in conn.execute(query).mappings()
        ]
