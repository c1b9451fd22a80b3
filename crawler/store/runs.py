"""Run records: every crawl and digest run, with its start, end, outcome, counts and errors."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, insert, select, update

from crawler.store.engine import reading
from crawler.store.schema import runs

OUTCOMES = ("running", "ok", "partial", "failed", "timeout", "killed", "nothing")


@dataclass(frozen=True)
class RunRecord:
    id: int
    kind: str
    started_at: datetime
    ended_at: datetime | None
    outcome: str
    counts: dict[str, Any]
    errors: list[str]


def start_run(engine: Engine, kind: str, *, started_at: datetime | None = None) -> int:
    """Record that a `kind` run ("crawl", "digest") started; returns its id."""
    with engine.begin() as conn:
        result = conn.execute(
            insert(runs).values(
                kind=kind, started_at=started_at or datetime.now(UTC), outcome="running", counts={}, errors=[]
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
    query = select(runs).order_by(runs.c.started_at.desc(), runs.c.id.desc()).limit(limit)
    if kind:
        query = query.where(runs.c.kind == kind)
    with reading(engine) as conn:
        return [RunRecord(**row._mapping) for row in conn.execute(query)]
