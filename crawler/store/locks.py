"""Per-database locks that the operating system or the server releases on death.

SQLite: an exclusive `flock` on `<database file>.<name>.lock` (the kernel drops it when
the holder's process ends, `kill -9` included; the file itself stays). PostgreSQL: a
session advisory lock (`pg_try_advisory_lock`) on a connection of its own, held for the
holder's life (the server drops it when that connection closes); each name has its own key.

Two names: "daemon" (the runner lock), taken by the scheduler daemon and the one-shot
`run` command for their whole life; "digest", taken by every sending `digest` for the
whole send (reconcile, prepare, deliver, mark), so two digests never deliver the same
prepared message at once. They are independent locks: the daemon or `run` holds
"daemon" and starts `digest` as a subprocess, which takes "digest" — no deadlock.
"""

from __future__ import annotations

import fcntl
import os
import time
from datetime import datetime
from pathlib import Path
from typing import IO

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from crawler.store import StoreError
from crawler.store.claims import advisory_key

ADVISORY_KEY = advisory_key("daemon")
DIGEST_LOCK = "digest"
EXIT_DIGEST_BUSY = 75  # EX_TEMPFAIL: a digest found another one sending and did nothing
RETRY_EVERY = 0.25  # seconds between attempts while waiting for a lock


class LockHeld(Exception):
    """Another capexwatch daemon (or `run`) holds this database; the message says who."""


class RunnerLock:
    """Held from `acquire()` until `release()` or the end of the process."""

    def __init__(self, database_url: str, role: str, *, name: str = "daemon") -> None:
        try:
            self.url = make_url(database_url)
        except ArgumentError:
            raise StoreError(f"[database].url: not a database URL: {database_url!r}") from None
        self.role = role  # "scheduler", "run" or "digest", shown to whoever is refused
        self.name = name  # which lock: "daemon" (the runner lock) or "digest"
        self.key = advisory_key(name)
        self._file: IO[str] | None = None
        self._conn: Connection | None = None

    @property
    def where(self) -> str:
        if self.url.get_backend_name() == "sqlite":
            return str(sqlite_lock_path(self.url.database or "", self.name))
        return self.url.render_as_string(hide_password=True)

    def acquire(self, wait: float = 0.0) -> None:
        """Take the lock, retrying for up to `wait` seconds while another process holds it.

        Raises LockHeld (still held by another holder) or StoreError (cannot try).
        """
        deadline = time.monotonic() + wait
        while True:
            try:
                return self._try_acquire()
            except LockHeld:
                if time.monotonic() >= deadline:
                    raise
            time.sleep(RETRY_EVERY)

    def _try_acquire(self) -> None:
        if self.url.get_backend_name() == "sqlite":
            self._acquire_file()
        elif self.url.get_backend_name() == "postgresql":
            self._acquire_advisory()
        else:
            raise StoreError(f"[database].url: no {self.name} lock for {self.url.get_backend_name()} databases")

    def _acquire_file(self) -> None:
        database = self.url.database or ""
        if not database or database == ":memory:":
            raise StoreError(f"[database].url: the {self.role} needs a database file, not an in-memory database")
        path = sqlite_lock_path(database, self.name)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held open for the daemon's life
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise LockHeld(f"another capexwatch {holder} holds the {self.name} lock of this database "
                           f"(lock file {path})") from None
        handle.seek(0)
        handle.truncate()
        handle.write(self._holder_text())
        handle.flush()
        self._file = handle

    def _acquire_advisory(self) -> None:
        url = self.url.set(drivername="postgresql+psycopg")
        engine = create_engine(
            url, poolclass=NullPool, isolation_level="AUTOCOMMIT",
            connect_args={"connect_timeout": 5, "application_name": self._holder_text()[:63]},
        )
        try:
            conn = engine.connect()
            got = conn.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": self.key}).scalar()
        except SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
            raise StoreError(f"[database].url: cannot take the {self.name} lock on {self.where}: {reason}") from None
        if not got:
            holder = _advisory_holder(conn, self.key) or "another process"
            conn.close()
            raise LockHeld(f"another capexwatch {holder} holds the {self.name} lock of this database ({self.where})")
        self._conn = conn

    def _holder_text(self) -> str:
        return f"{self.role} (pid {os.getpid()}, since {datetime.now().astimezone():%Y-%m-%d %H:%M:%S %z})"

    def alive(self) -> bool:
        """Whether the lock is still held (a PostgreSQL connection can be lost)."""
        if self._conn is None:
            return self._file is not None
        try:
            self._conn.execute(text("SELECT 1"))
            return True
        except SQLAlchemyError:
            return False

    def release(self) -> None:
        if self._file is not None:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
            self._file.close()
            self._file = None
        if self._conn is not None:
            try:
                self._conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": self.key})
                self._conn.close()
            except SQLAlchemyError:
                pass  # the connection is gone, and the lock with it
            self._conn = None

    def __enter__(self) -> RunnerLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def sqlite_lock_path(database: str, name: str = "daemon") -> Path:
    return Path(f"{database}.{name}.lock")


def _advisory_holder(conn: Connection, key: int = ADVISORY_KEY) -> str | None:
    """The application_name of the session holding the advisory lock (says role and pid)."""
    unsigned = key & 0xFFFFFFFFFFFFFFFF
    row = conn.execute(
        text(
            "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = :high AND l.objid = :low "
            "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        ),
        {"high": unsigned >> 32, "low": unsigned & 0xFFFFFFFF},
    ).first()
    return row[0] if row and row[0] else None


def lock_holder(database_url: str) -> str | None:
    """Who holds the runner lock of this database ("scheduler (pid N, since ...)"), or None.

    Looks without taking the lock (/proc/locks on Linux for SQLite, pg_locks for PostgreSQL),
    so asking never makes a daemon that is starting at that moment refuse.
    """
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        return _flock_holder(sqlite_lock_path(url.database or ""))
    engine = create_engine(url.set(drivername="postgresql+psycopg"), poolclass=NullPool,
                           connect_args={"connect_timeout": 5})
    try:
        with engine.connect() as conn:
            return _advisory_holder(conn)
    except SQLAlchemyError:
        return None
    finally:
        engine.dispose()


def _flock_holder(path: Path) -> str | None:
    try:
        inode = path.stat().st_ino
        table = Path("/proc/locks").read_text(encoding="ascii")
    except OSError:
        return None
    for line in table.splitlines():
        fields = line.split()
        if len(fields) > 5 and fields[1] == "FLOCK" and fields[5].rsplit(":", 1)[-1] == str(inode):
            return path.read_text(encoding="utf-8").strip() or f"pid {fields[4]}"
    return None
