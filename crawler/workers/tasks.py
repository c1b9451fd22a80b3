"""The worker's task: crawl one source, in a child process, into the crawl run that enqueued it.

`crawl_source(source, run_id)` runs `python -m crawler crawl --config F --source NAME
--run-id N --summary-json FILE` (the worker's own --config and --db: no database URL or
password travels through the broker) and returns the source's summary row as a dict.
The child dies with its worker (PR_SET_PDEATHSIG), so a killed worker leaves no crawl
behind while its task is delivered to another worker.
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

from crawler.workers.app import CRAWL_TASK, app

WORKER: dict[str, str] = {}  # "config": the worker's config file, "db": its --db URL (if any)
CHILD_GRACE = 120.0  # seconds past [crawl].max_seconds before a crawl child is killed
PR_SET_PDEATHSIG = 1


def serve(config_path: str, db_url: str | None, max_seconds: float) -> None:
    """Set what this worker's tasks run with (called by `capexwatch worker` before it starts)."""
    WORKER.update(config=str(Path(config_path).resolve()), max_seconds=str(max_seconds))
    if db_url:
        WORKER["db"] = db_url


@app.task(name=CRAWL_TASK)
def crawl_source(source: str, run_id: int) -> dict[str, Any]:
    """Crawl `source` once into run `run_id`; its summary row (SourceRunStats as JSON)."""
    with tempfile.TemporaryDirectory(prefix="capexwatch-task-") as folder:
        summary = Path(folder) / "summary.json"
        command = [sys.executable, "-m", "crawler", "crawl", "--config", WORKER["config"], "--source", source,
                   "--run-id", str(run_id), "--summary-json", str(summary)]
        if "db" in WORKER:
            command += ["--db", WORKER["db"]]
        done = subprocess.run(command, capture_output=True, text=True, preexec_fn=_die_with_parent,
                              timeout=float(WORKER.get("max_seconds", 1500)) + CHILD_GRACE, check=False)
        if summary.is_file():
            return dict(json.loads(summary.read_text(encoding="utf-8")))
        last = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
        raise RuntimeError(f"source {source}: the crawl process ended without a summary: {last}")


def _die_with_parent() -> None:
    """In the child: receive SIGKILL when the worker that started it dies (Linux)."""
    with contextlib.suppress(OSError, AttributeError):  # not Linux: the child outlives a killed worker (harmless)
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
