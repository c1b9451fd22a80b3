"""Shared fixtures: the seeds, and a fresh database on SQLite and on PostgreSQL.

PostgreSQL is used for real at 127.0.0.1:5432 (user postgres, trust auth), as in CI;
each test gets a database of its own, dropped afterwards. When no server answers, the
PostgreSQL variants are skipped with a reason that says so on a developer's machine; in
CI (`CI=true`) or with `CAPEXWATCH_TEST_PG_REQUIRED=1` a missing server is an error, so a
run without PostgreSQL can never pass by skipping.

Hypothesis: the `ci` profile (loaded when `CI` is set) is derandomized, so a CI run
searches the same examples every time and goes red only on a real change; a failure
found on a developer's machine is saved as an explicit `@example` in its test.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
PG_ADMIN_URL = os.environ.get("CAPEXWATCH_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
PG_REQUIRED = os.environ.get("CI", "").lower() in ("true", "1") or os.environ.get("CAPEXWATCH_TEST_PG_REQUIRED") == "1"

settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_expected() -> dict:
    return json.loads((SEEDS / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_meta() -> dict:
    return json.loads((SEEDS / "meta.json").read_text(encoding="utf-8"))["seeds"]


def _pg_admin_engine():
    from sqlalchemy import create_engine

    return create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})


@pytest.fixture(scope="session")
def postgres_available() -> bool:
    try:
        engine = _pg_admin_engine()
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        engine.dispose()
        return True
    except Exception:  # noqa: BLE001 - any failure means "no server to test against"
        return False


def _fresh_postgres_url(postgres_available: bool) -> Iterator[str]:
    if not postgres_available and PG_REQUIRED:
        pytest.fail(f"PostgreSQL not reachable at {PG_ADMIN_URL}, and CI requires it: start the server "
                    "(.ci/run does when the machine has not)", pytrace=False)
    if not postgres_available:
        pytest.skip(f"PostgreSQL not reachable at {PG_ADMIN_URL}: PostgreSQL variant skipped")
    name = f"capexwatch_test_{uuid.uuid4().hex[:12]}"
    admin = _pg_admin_engine()
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path, postgres_available) -> Iterator[str]:
    """An empty database URL, once for SQLite and once for PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'capexwatch.db'}"
    else:
        yield from _fresh_postgres_url(postgres_available)


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'capexwatch.db'}"


@pytest.fixture
def postgres_url(postgres_available) -> Iterator[str]:
    yield from _fresh_postgres_url(postgres_available)


from tests.conftest_site import news_site, replay_site  # noqa: E402, F401 - the local replay site's fixtures


@pytest.fixture
def any_store(db_url):
    """An opened store, once on SQLite and once on PostgreSQL."""
    from crawler.store import open_store

    store = open_store(db_url)
    yield store
    store.close()


REPORT: list[str] = []  # extraction scores the held-out and development-set tests measured


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the per-batch and pooled blind extraction scores after the run."""
    if REPORT:
        terminalreporter.section("extraction scores")
        for line in REPORT:
            terminalreporter.write_line(line)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that uses a PostgreSQL database carries the `postgres` marker (`-m "not postgres"`)."""
    for item in items:
        if "postgres_url" in getattr(item, "fixturenames", ()) and not item.get_closest_marker("postgres"):
            item.add_marker(pytest.mark.postgres)
