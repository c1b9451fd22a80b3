"""Running one `python -m crawler <kind>` as a subprocess, bounded in time, and recording it.

The daemon and the one-shot `run` command start crawls and digests exactly as cron
would: a fresh interpreter per run (Scrapy's reactor cannot restart in one process),
which can be terminated when it overruns its timeout or when the daemon shuts down
(SIGTERM to its process group, SIGKILL a few seconds later). The child records its own
run in the `runs` table; whatever it left `running` (killed, crashed), or did not record
at all, is recorded here: `timeout`, `killed` or `failed`, with the reason.
"""

from __future__ import annotations

import collections
import contextlib
import ctypes
import logging
import os
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO

from sqlalchemy import Engine, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from crawler.store.engine import reading
from crawler.store.locks import EXIT_DIGEST_BUSY
from crawler.store.runs import RUN_TOKEN_ENV, finish_run, start_run
from crawler.store.schema import runs

log = logging.getLogger("capexwatch.daemon")
KILL_AFTER = 5.0  # seconds between SIGTERM and SIGKILL
POLL = 0.2
PROJECT_ROOT = Path(__file__).resolve().parents[2]
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None
PR_SET_PDEATHSIG = 1
CHILD_RECORD = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\S* (DEBUG|INFO|WARNING|ERROR|CRITICAL) ")
LEVELS = {"DEBUG": logging.DEBUG, "INFO": logging.INFO, "WARNING": logging.WARNING, "ERROR": logging.ERROR,
          "CRITICAL": logging.CRITICAL}
CONTINUATION = " \t{}[]'\")"  # a multi-line record goes on (indented, pretty-printed)


class StopRequest:
    """Set by the daemon on SIGTERM/SIGINT: a running job ends by `deadline` (monotonic)."""

    def __init__(self) -> None:
        self.deadline: float | None = None
        self.event = threading.Event()

    def request(self, grace: float) -> None:
        deadline = time.monotonic() + grace
        self.deadline = deadline if self.deadline is None else min(self.deadline, deadline)
        self.event.set()

    @property
    def requested(self) -> bool:
        return self.event.is_set()


@dataclass(frozen=True)
class JobResult:
    kind: str
    exit_code: int | None  # None when it was not started
    outcome: str  # the outcome recorded for its run
    seconds: float

    @property
    def ok(self) -> bool:
        return self.exit_code == 0 and self.outcome not in ("failed", "timeout", "killed")


def cli_command(kind: str, config_path: str | Path, *, distributed: bool = False) -> list[str]:
    """The same command line cron uses: `python -m crawler <kind> --config FILE` (a crawl that
    enqueues its sources for workers with `distributed`: [distributed].daemon_enqueues)."""
    return [sys.executable, "-m", "crawler", kind, "--config", str(config_path),
            *(["--distributed"] if distributed and kind == "crawl" else [])]


def run_job(
    kind: str, command: Sequence[str], *, engine: Engine, timeout: float, stop: StopRequest | None = None,
) -> JobResult:
    """Run `command` (which records a `kind` run itself, or not) and make sure its run is recorded.

    The child gets a fresh token in $CAPEXWATCH_RUN_TOKEN, which its `start_run` stores; only
    the runs carrying that token are the child's (a manual run meanwhile is left alone).
    """
    token = uuid.uuid4().hex
    started_wall, started = datetime.now(UTC), time.monotonic()
    log.info("%s started: %s", kind, " ".join(_shown(command[1:])))
    proc = subprocess.Popen(
        list(command), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        env=_child_env(token), process_group=0, preexec_fn=_die_with_parent if _LIBC else None,
    )
    tail: collections.deque[str] = collections.deque(maxlen=20)
    relay = threading.Thread(target=_relay, args=(proc.stdout, kind, tail), daemon=True)
    relay.start()
    ended_by = _wait(proc, timeout, stop)
    relay.join(timeout=KILL_AFTER)
    reason = _reason(kind, ended_by, timeout, proc.returncode, tail)
    outcome = _record(engine, kind, token, started_wall, ended_by, proc.returncode, reason)
    seconds = time.monotonic() - started
    level = logging.INFO if ended_by is None and proc.returncode == 0 else logging.ERROR
    log.log(level, "%s finished exit=%s outcome=%s in %.1fs%s", kind, proc.returncode, outcome, seconds,
            f": {reason}" if reason else "")
    return JobResult(kind, proc.returncode, outcome, seconds)


def _shown(arguments: Sequence[str]) -> list[str]:
    """The command line for the log, with the password of a --db URL hidden."""
    shown = list(arguments)
    for i, argument in enumerate(shown[:-1]):
        if argument == "--db":
            with contextlib.suppress(ArgumentError):
                shown[i + 1] = make_url(shown[i + 1]).render_as_string(hide_password=True)
    return shown


def _child_env(token: str) -> dict[str, str]:
    env = dict(os.environ)
    env[RUN_TOKEN_ENV] = token
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(PROJECT_ROOT), env.get("PYTHONPATH")) if p)
    return env


def _die_with_parent() -> None:
    """In the child before exec: get SIGTERM if the daemon dies (even by kill -9)."""
    if _LIBC is not None:
        _LIBC.prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)


def _relay(stream: IO[bytes] | None, kind: str, tail: collections.deque[str]) -> None:
    """Copy the child's output into the daemon's log, keeping the last lines for errors.

    The child's own log records keep their level, except DEBUG/INFO (Scrapy's chatter),
    which become DEBUG, and lose their own timestamp (the daemon's log line has one);
    continuation lines follow their record; other output (the crawl's summary table, a
    traceback's last line) is INFO. A line repeating a record already relayed (the crawl
    summary lists the errors its spiders logged) is left out: one line per event.
    """
    if stream is None:
        return
    child_log = logging.getLogger(f"capexwatch.{kind}")
    level = logging.INFO
    said: set[str] = set()
    with stream:
        for raw in stream:
            line = raw.decode("utf-8", "replace").rstrip()
            if not line:
                continue
            level = relay_level(line, level)
            record = CHILD_RECORD.match(line)
            text = line[record.end():] if record else line
            if record and level >= logging.INFO:
                said.add(text)
            elif not record and text.strip() in said:
                continue
            if level >= logging.INFO:
                tail.append(text)
            child_log.log(level, "| %s", text)


def relay_level(line: str, previous: int) -> int:
    """The level at which a line of the child's output enters the daemon's log."""
    record = CHILD_RECORD.match(line)
    if record:
        level = LEVELS[record.group(1)]
        return logging.DEBUG if level <= logging.INFO else level
    if line[0] in CONTINUATION:
        return previous
    return logging.INFO


def _wait(proc: subprocess.Popen[bytes], timeout: float, stop: StopRequest | None) -> str | None:
    """Wait for the child; None if it ended by itself, else "timeout" or "killed" (it was stopped)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            proc.wait(timeout=POLL)
            return None
        except subprocess.TimeoutExpired:
            pass
        now = time.monotonic()
        if now >= deadline:
            _terminate(proc)
            return "timeout"
        if stop is not None and stop.deadline is not None and now >= stop.deadline:
            _terminate(proc)
            return "killed"


def _terminate(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the child's process group, SIGKILL if it is still there KILL_AFTER later."""
    for sig, wait in ((signal.SIGTERM, KILL_AFTER), (signal.SIGKILL, None)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            log.warning("pid %s ignored SIGTERM for %.0fs: sending SIGKILL", proc.pid, KILL_AFTER)


def _reason(kind: str, ended_by: str | None, timeout: float, code: int | None, tail: Sequence[str]) -> str:
    if ended_by == "timeout":
        return f"{kind} overran its timeout of {timeout:g}s and was terminated"
    if ended_by == "killed":
        return f"{kind} was terminated because the daemon was stopping"
    if code:
        last = tail[-1] if tail else "no output"
        return f"{kind} exited with code {code}: {last}"
    return ""


def _record(
    engine: Engine, kind: str, token: str, started_wall: datetime, ended_by: str | None, code: int | None,
    reason: str,
) -> str:
    """Finish the runs the child (its `token`) left unfinished, or record one; returns the outcome on record."""
    query = select(runs).where(runs.c.token == token, runs.c.kind == kind).order_by(runs.c.id)
    with reading(engine) as conn:
        rows = conn.execute(query).all()
    if not rows:
        outcome = ended_by or _unrecorded_outcome(kind, code)
        run_id = start_run(engine, kind, started_at=started_wall, token=token)
        finish_run(engine, run_id, outcome, {"exit_code": code}, [reason] if reason else [])
        return outcome
    outcome = rows[-1].outcome
    for row in rows:
        if ended_by or row.outcome == "running":
            outcome = ended_by or "failed"
            errors = [*(row.errors or []), reason or f"{kind} ended without recording an outcome"]
            finish_run(engine, row.id, outcome, dict(row.counts or {}), errors)
    return outcome


def _unrecorded_outcome(kind: str, code: int | None) -> str:
    """The outcome of a child that recorded no run: a digest that found another one sending did nothing."""
    if code == 0:
        return "ok"
    return "nothing" if kind == "digest" and code == EXIT_DIGEST_BUSY else "failed"


def close_abandoned_runs(engine: Engine, older_than: float) -> int:
    """Mark `killed` the runs still `running` that started more than `older_than` seconds ago.

    Called by the daemon once it holds the lock: no run of it can be that old, so such a
    run belongs to a process that died without recording its end (kill -9, power loss).
    """
    cutoff = datetime.now(UTC) - timedelta(seconds=older_than)
    query = select(runs.c.id, runs.c.counts, runs.c.errors).where(
        runs.c.outcome == "running", runs.c.started_at < cutoff
    )
    with reading(engine) as conn:
        abandoned = conn.execute(query).all()
    for row in abandoned:
        errors = [*(row.errors or []), "its process ended without recording an outcome (found at daemon start)"]
        finish_run(engine, row.id, "killed", dict(row.counts or {}), errors)
    return len(abandoned)
