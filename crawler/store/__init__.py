"""The store: SQLAlchemy tables, migrations and repository functions (SQLite or PostgreSQL).

`open_store(url)` returns a Store on a migrated database; stage-specific repository
modules in this package (articles and facts, crawl state, deliveries, runs) take
`store.engine` and the Table objects of `crawler.store.schema`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from crawler.store.engine import StoreError, create_store_engine, reading, upgrade_schema


@dataclass
class Store:
    engine: Engine

    def reading(self):
        """A read-only transaction that never waits for SQLite's write lock."""
        return reading(self.engine)

    def writing(self):
        """A write transaction (BEGIN IMMEDIATE on SQLite)."""
        return self.engine.begin()

    def close(self) -> None:
        self.engine.dispose()

    def save_article(self, result, **options):
        """Store one analysed article and diff it: see crawler.store.articles.save_article."""
        from crawler.store.articles import save_article

        return save_article(self, result, **options)

    def facts(self):
        """Every known fact with its sources: see crawler.store.facts.list_facts."""
        from crawler.store.facts import list_facts

        with self.reading() as conn:
            return list_facts(conn)

    def import_facts(self, facts) -> int:
        """Seed the known facts (one transaction): see crawler.store.facts.import_facts."""
        from crawler.store.facts import import_facts

        with self.writing() as conn:
            return import_facts(conn, facts)

    def import_baseline(self, located):
        """Seed the baseline from (where, fact) pairs: see crawler.store.facts.import_baseline."""
        from crawler.store.facts import import_baseline

        with self.writing() as conn:
            return import_baseline(conn, located)


def open_store(url: str, *, migrate: bool = True, create: bool = True, setting: str = "[database].url") -> Store:
    """Open the database at `url`, bringing its schema up to date; StoreError (naming `setting`,
    where the URL came from) if it cannot. Not `create`: a SQLite file that does not exist is an
    error, so that a read-only command never leaves an empty database behind."""
    engine = create_store_engine(url, setting=setting, create=create)
    if migrate:
        upgrade_schema(engine, setting=setting)
    return Store(engine)


__all__ = ["Store", "StoreError", "open_store"]
