from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from crawler.store import StoreError, open_store
from crawler.store.schema import metadata


def test_migrations_build_exactly_the_schema(db_url):
    store = open_store(db_url)
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []
    assert set(metadata.tables) <= set(inspect(store.engine).get_table_names())
    store.close()


def test_opening_twice_keeps_the_data_and_one_schema_version(db_url):
    from crawler.store.runs import last_runs, start_run

    store = open_store(db_url)
    run_id = start_run(store.engine, "crawl")
    with store.reading() as conn:
        (version,) = conn.exec_driver_sql("SELECT version_num FROM alembic_version").one()
    store.close()
    again = open_store(db_url)
    try:
        assert [r.id for r in last_runs(again.engine)] == [run_id]
        with again.reading() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").all() == [(version,)]
    finally:
        again.close()


def test_sqlite_uses_wal(sqlite_url):
    store = open_store(sqlite_url)
    with store.reading() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    store.close()


@pytest.mark.parametrize(
    "url, message",
    [
        ("not a url", r"\[database\]\.url: not a database URL"),
        ("mysql+nosuchdriver://x/y", r"\[database\]\.url: unsupported database URL"),
        ("postgresql+psycopg://nobody:secret@127.0.0.1:1/none", r"\[database\]\.url: cannot open"),
    ],
)
def test_bad_database_url_is_one_clear_line(url, message):
    with pytest.raises(StoreError, match=message) as info:
        open_store(url)
    text = str(info.value)
    assert "\n" not in text and "secret" not in text


def test_sqlite_folder_that_cannot_be_created_is_one_clear_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match=r"\[database\]\.url: cannot create the folder"):
        open_store(f"sqlite:///{blocker}/sub/capexwatch.db")


@pytest.mark.postgres
def test_concurrent_first_opens_on_postgresql_migrate_once(postgres_url):
    """A crawl and a digest started together on a fresh database: one migrates, the other waits."""
    import threading

    errors: list[BaseException] = []

    def open_and_close() -> None:
        try:
            open_store(postgres_url).close()
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=open_and_close) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not any(thread.is_alive() for thread in threads), "concurrent schema upgrades are stuck on each other"
    assert errors == []
