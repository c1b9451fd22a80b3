"""The worker's tasks: one source crawled, or one source's backfill window fetched, in a child process.

`crawl_source(source, run_id)` runs `python -m crawler crawl --source NAME --run-id N
--summary-json FILE --config F` (the worker's own --config and --db: no database URL or
password travels through the broker) and returns the source's summary row as a dict.
`backfill_window(source, since, until, run_id)` runs `backfill --source NAME --since A
--until B --run-id N ...` the same way: the child fetches and stages the window (crawler/
backfill.py stage_window); when another worker is fetching the same source the child exits
75 and the task goes back to the queue for BUSY_RETRY seconds, so one outlet is fetched by
one process at a time. A child dies with its worker (PR_SET_PDEATHSIG), so a killed worker
leaves no crawl behind while its task is delivered to another worker.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from celery import Task

from crawler.backfill import EXIT_SOURCE_BUSY
from crawler.workers.app import BACKFILL_TASK, CRAWL_TASK, app

WORKER: dict[str, str] = {}  # "config": the worker's config file, "db": its --db URL (if any)
CHILD_GRACE = 120.0  # seconds past [crawl].max_seconds before a crawl child is killed
BUSY_RETRY = 5.0  # seconds before a backfill task whose source another worker is fetching is tried again
PR_SET_PDEATHSIG = 1


def serve(config_path: str, db_url: str | None, max_seconds: float) -> None:
    """Set what this worker's tasks run with (called by `capexwatch worker` before it starts)."""
    WORKER.update(config=str(Path(config_path).resolve()), max_seconds=str(max_seconds))
    if db_url:
        WORKER["db"] = db_url


@app.task(name=CRAWL_TASK)
def crawl_source(source: str, run_id: int) -> dict[str, Any]:
    """Crawl `source` once into run `run_id`; its summary row (SourceRunStats as JSON)."""
    return _run_child(["crawl", "--source", source, "--run-id", str(run_id)], f"source {source}: the crawl")


@app.task(name=BACKFILL_TASK, bind=True, max_retries=None)
def backfill_window(self: Task, source: str, since: str, until: str, run_id: int) -> dict[str, Any]:
    """Fetch and stage `source`'s archives of [since, until] into run `run_id`; its summary row.
    While another worker fetches a window of the same source, the task waits its turn on the queue."""
    try:
        return _run_child(["backfill", "--source", source, "--since", since, "--until", until, "--run-id",
                           str(run_id)], f"source {source} {since}..{until}: the backfill")
    except SourceBusy as exc:
        raise self.retry(exc=exc, countdown=BUSY_RETRY) from exc


class SourceBusy(RuntimeError):
    """The child found another process fetching the same source (exit 75)."""


def _run_child(arguments: list[str], what: str) -> dict[str, Any]:
    """Run `python -m crawler ARGUMENTS --config F [--db U] --summary-json FILE` as a child that dies
    with this worker; the summary row it wrote (RuntimeError naming `what` when there is none)."""
    with tempfile.TemporaryDirectory(prefix="capexwatch-task-") as folder:
        summary = Path(folder) / "summary.json"
        command = [sys.executable, "-m", "crawler", *arguments, "--config", WORKER["config"],
                   "--summary-json", str(summary)]
        if "db" in WORKER:
            command += ["--db", WORKER["db"]]
        done = subprocess.run(command, capture_output=True, text=True, preexec_fn=_die_with_parent,
                              timeout=float(WORKER.get("max_seconds", 1500)) + CHILD_GRACE, check=False)
        if summary.is_file():
            return dict(json.loads(summary.read_text(encoding="utf-8")))
        if done.returncode == EXIT_SOURCE_BUSY:
            raise SourceBusy(done.stderr.strip())
        last = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
        raise RuntimeError(f"{what} process ended without a summary: {last}")


def _die_with_parent() -> None:
    """In the child: receive SIGKILL when the worker that started it dies (Linux)."""
    with contextlib.suppress(OSError, AttributeError):  # not Linux: the child outlives a killed worker (harmless)
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
