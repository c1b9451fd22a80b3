"""Run records: every crawl and digest run, with its start, end, outcome, counts and errors.

A process started by the job runner (the daemon, `run`) finds a token in the environment
variable CAPEXWATCH_RUN_TOKEN; `start_run` stores it with the run, and the runner looks
up its child's run by that token only (crawler.daemon.runner).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, insert, select, update

from crawler.store.engine import reading
from crawler.store.schema import runs

OUTCOMES = ("running", "ok", "partial", "failed", "timeout", "killed", "nothing")
RUN_TOKEN_ENV = "CAPEXWATCH_RUN_TOKEN"


@dataclass(frozen=True)
class RunRecord:
    id: int
    kind: str
    started_at: datetime
    ended_at: datetime | None
    outcome: str
    counts: dict[str, Any]
    errors: list[str]


def start_run(engine: Engine, kind: str, *, started_at: datetime | None = None, token: str | None = None) -> int:
    """Record that a `kind` run ("crawl", "digest") started; returns its id.

    `token` defaults to $CAPEXWATCH_RUN_TOKEN (set by the job runner that started this process).
    """
    token = token or os.environ.get(RUN_TOKEN_ENV) or None
    with engine.begin() as conn:
        result = conn.execute(
            insert(runs).values(
                kind=kind, started_at=started_at or datetime.now(UTC), outcome="running", counts={}, errors=[],
                token=token,
            )
        )
        key = result.inserted_primary_key
        assert key is not None, "INSERT returned no primary key"
        return int(key[0])


def finish_run(
    engine: Engine, run_id: int, outcome: str, counts: dict[str, Any] | None = None,
    errors: Sequence[str] = (),
) -> None:
    """Record how run `run_id` ended."""
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown run outcome {outcome!r}")
    with engine.begin() as conn:
        conn.execute(
            update(runs)
            .where(runs.c.id == run_id)
            .values(ended_at=datetime.now(UTC), outcome=outcome, counts=dict(counts or {}), errors=list(errors))
        )


def last_runs(engine: Engine, limit: int = 10, kind: str | None = None) -> list[RunRecord]:
    """The newest runs first."""
    columns = (runs.c.id, runs.c.kind, runs.c.started_at, runs.c.ended_at, runs.c.outcome, runs.c.counts,
               runs.c.errors)
    query = select(*columns).order_by(runs.c.started_at.desc(), runs.c.id.desc()).limit(limit)
    if kind:
        query = query.where(runs.c.kind == kind)
    with reading(engine) as conn:
        return [RunRecord(**row._mapping) for row in conn.execute(query)]
