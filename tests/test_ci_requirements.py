"""In CI a missing PostgreSQL server fails the run; on a developer's machine it skips, saying so."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOBODY = "postgresql+psycopg://postgres@127.0.0.1:1/postgres"  # nothing listens on port 1
ONE_PG_TEST = "tests/test_store_engine.py::test_concurrent_first_opens_on_postgresql_migrate_once"


def _pytest(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("CI", "CAPEXWATCH_TEST_PG_REQUIRED")}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", ONE_PG_TEST],
                          cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**clean, "CAPEXWATCH_TEST_PG": NOBODY, **env})


def test_ci_without_postgresql_fails_with_a_clear_message() -> None:
    done = _pytest(CI="true")
    assert done.returncode != 0
    assert "PostgreSQL not reachable" in done.stdout and "CI requires it" in done.stdout


def test_a_developer_without_postgresql_sees_the_skip_and_its_reason() -> None:
    done = _pytest()
    assert done.returncode == 0, done.stdout
    assert "1 skipped" in done.stdout and "PostgreSQL not reachable" in done.stdout
