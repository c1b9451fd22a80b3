"""The baseline: facts a backfill found are not news, and the next digest says so in one line.

`record_baseline` puts every change of the backfilled articles (not yet in a digest) into
one delivery row of status 'baseline' whose subject is the line the digest prints:
"baseline: N facts from M articles (A .. B)". Such changes are never listed one by one
(`deliveries.pending_changes` leaves them out); `pending_baselines` gives the lines the next
digest carries, and sending that digest marks them 'sent' like its changes.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime

from sqlalchemy import Engine, and_, func, insert, select, update

from crawler.store.engine import reading
from crawler.store.schema import changes, deliveries

BASELINE = "baseline"


def record_baseline(engine: Engine, article_ids: Iterable[int], since: date, until: date, *,
                    now: datetime | None = None) -> str | None:
    """Make the pending changes of `article_ids` the baseline; its line (None: no change)."""
    wanted = sorted(set(article_ids))
    if not wanted:
        return None
    mine = and_(changes.c.article_id.in_(wanted), changes.c.delivery_id.is_(None))
    with engine.begin() as conn:
        facts_n, articles_n = conn.execute(select(func.count(func.distinct(changes.c.fact_id)),
                                                  func.count(func.distinct(changes.c.article_id))).where(mine)).one()
        if not facts_n:
            return None
        line = f"baseline: {facts_n} facts from {articles_n} articles ({since.isoformat()} .. {until.isoformat()})"
        inserted = conn.execute(insert(deliveries).values(
            message_id=f"{BASELINE}-{uuid.uuid4().hex}", status=BASELINE, subject=line, recipients=[],
            created_at=now or datetime.now(UTC), transport=BASELINE)).inserted_primary_key
        assert inserted is not None
        conn.execute(update(changes).where(mine).values(delivery_id=int(inserted[0])))
        return line


def pending_baselines(engine: Engine) -> list[tuple[str, str]]:
    """(message_id, line) of each baseline no digest has carried yet, oldest first."""
    query = select(deliveries.c.message_id, deliveries.c.subject).where(
        deliveries.c.status == BASELINE).order_by(deliveries.c.id)
    with reading(engine) as conn:
        return [(row.message_id, row.subject) for row in conn.execute(query)]
