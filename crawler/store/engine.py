"""Opening the database: engine settings per dialect, schema migration, clear errors.

SQLite (the embedded default) runs in WAL mode with a busy timeout, and every write
transaction starts with BEGIN IMMEDIATE so a crawl and a digest can run at once
without "database is locked"; read-only transactions (`Store.reading()`) use a plain
BEGIN. PostgreSQL is reached through psycopg 3. The schema is brought to the newest
Alembic revision when the store opens.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from crawler.errors import StoreError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SETTING = "[database].url"
MIGRATION_LOCK_KEY = 0x63617065785F6D69  # "capex_mi": serializes schema upgrades on PostgreSQL


def create_store_engine(url: str, *, setting: str = SETTING, create: bool = True) -> Engine:
    """An Engine for `url`, configured for its dialect; raises StoreError (naming `setting`, where
    the URL came from) for a bad URL, or, when not `create`, for a SQLite file that does not exist."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"{setting}: not a database URL: {url!r}") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(parsed, setting, create)
        return create_engine(parsed, pool_pre_ping=True, connect_args=_connect_args(parsed))
    except (NoSuchModuleError, ArgumentError, ImportError) as exc:
        raise StoreError(f"{setting}: unsupported database URL {_safe(parsed)}: {exc}") from None


def _connect_args(parsed) -> dict:
    return {"connect_timeout": 5} if parsed.get_backend_name() == "postgresql" else {}


def _sqlite_engine(parsed, setting: str, create: bool) -> Engine:
    database = parsed.database
    if database and database != ":memory:" and not create and not Path(database).is_file():
        raise StoreError(f"{setting}: no database at {database} (crawl or replay creates it; "
                         "this command only reads)")
    if database and database != ":memory:":
        try:
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{setting}: cannot create the folder of {database}: {exc.strerror}") from None
    engine = create_engine(parsed, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # let SQLAlchemy's begin event issue BEGIN
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        read_only = conn.get_execution_options().get("capexwatch_read_only", False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def _safe(parsed) -> str:
    return parsed.render_as_string(hide_password=True)


def alembic_config(connection: Connection) -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade_schema(engine: Engine, revision: str = "head", *, setting: str = SETTING) -> None:
    """Bring the schema to `revision` (the newest by default); raises StoreError (naming
    `setting`, where the URL came from) if unreachable."""
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":  # a crawl and a digest starting together: one migrates
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})")
            command.upgrade(alembic_config(connection), revision)
    except SQLAlchemyError as exc:
        orig = getattr(exc, "orig", None)
        reason = (str(orig) if orig else str(exc)).strip().splitlines()[0]
        raise StoreError(f"{setting}: cannot open {_safe(engine.url)}: {reason}") from None


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A read-only transaction (plain BEGIN on SQLite: never waits for the write lock)."""
    with engine.connect() as conn:
        conn = conn.execution_options(capexwatch_read_only=True)
        with conn.begin():
            yield conn


__all__ = ["StoreError", "SQLAlchemyError", "create_store_engine", "upgrade_schema", "reading"]
