"""Instants in UTC on SQLite: feed dates stored as their Korean wall clock are moved to UTC.

Before 0007, SQLite kept a datetime's wall clock and dropped its offset, and readers took
the value as UTC. Every instant the program wrote itself came from `datetime.now(UTC)`
and is right; only the newest item of a feed or sitemap (`discovery_pages.newest_item_at`,
`source_runs.newest_item_at`) kept the offset the feed gave, which for the Korean outlets
is +09:00 (a date without a zone is read as Korean time too), so `status` showed it 9
hours in the future and the staleness check was 9 hours late. Those values are taken as
+09:00 and rewritten in UTC. (A feed that gave UTC reads 9 hours older until its next
crawl writes it again.) PostgreSQL's timestamptz kept the instant: nothing to do there.
From 0007 on every instant is written in UTC (crawler.store.schema.Instant).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

KOREA = timedelta(hours=9)
COLUMNS = (("discovery_pages", "newest_item_at"), ("source_runs", "newest_item_at"))


def _shift(delta: timedelta) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    for table_name, column in COLUMNS:
        table = sa.table(table_name, sa.column("id", sa.Integer), sa.column(column, sa.DateTime()))
        rows = bind.execute(sa.select(table.c.id, table.c[column]).where(table.c[column].is_not(None))).all()
        for row_id, moment in rows:
            if isinstance(moment, datetime):
                bind.execute(sa.update(table).where(table.c.id == row_id).values({column: moment + delta}))


def upgrade() -> None:
    _shift(-KOREA)


def downgrade() -> None:
    _shift(KOREA)
