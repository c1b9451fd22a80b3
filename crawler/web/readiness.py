"""Whether a store can be served: its schema is the newest this code knows, readable by this role.

The web view never migrates (it may run as a read-only PostgreSQL role), so it checks the
Alembic revision and one SELECT per table it reads before it listens; StoreError names
[database].url and what to do.
"""

from __future__ import annotations

from alembic.script import ScriptDirectory
from sqlalchemy import select, text
from sqlalchemy.exc import SQLAlchemyError

from crawler.store import Store, StoreError
from crawler.store.engine import MIGRATIONS
from crawler.store.schema import articles, changes, fact_sources, facts, runs, source_runs, sources

READ_TABLES = (facts, changes, articles, fact_sources, sources, runs, source_runs)


def check_readable(store: Store) -> None:
    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    where = store.engine.url.render_as_string(hide_password=True)
    try:
        with store.reading() as conn:
            current = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            for table in READ_TABLES:
                conn.execute(select(table).limit(1)).first()
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise StoreError(f"[database].url: cannot read {where}: {reason} (run `capexwatch replay` or `crawl` "
                         "once to create the schema, and grant SELECT to this role)") from None
    if current != head:
        raise StoreError(f"[database].url: {where} has schema {current}, this code needs {head}: run any "
                         "writing command (crawl, replay, digest) once with a role that may migrate")
