"""Two digests at once: the digest lock lets one send, the other waits briefly and does nothing.

Against a real, slow SMTP server on 127.0.0.1 (aiosmtpd): the first digest's DATA is held
until the second digest process has ended, so the second one runs while the first is in
the middle of sending its prepared message (the window in which it would re-send it).
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from crawler.store.locks import DIGEST_LOCK, EXIT_DIGEST_BUSY, RunnerLock
from crawler.store.schema import runs
from tests.digest_data import DigestData, typical_week
from tests.test_digest_send import ROOT, free_port, pending_count, smtp_table, write_config


class SlowFirstData:
    """Holds the first DATA until `release` is set (at most 60 s); later ones are accepted at once."""

    def __init__(self) -> None:
        self.accepted: list[bytes] = []
        self.first_arrived = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        if not self.first_arrived.is_set():
            self.first_arrived.set()
            deadline = time.monotonic() + 60
            while not self.release.is_set() and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
        self.accepted.append(envelope.original_content or envelope.content)
        return "250 2.0.0 OK queued"


@pytest.fixture
def slow_smtp() -> Iterator[tuple[Controller, SlowFirstData]]:
    handler = SlowFirstData()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, handler
    handler.release.set()
    controller.stop()


def test_two_digests_at_once_deliver_one_message(any_store, tmp_path, slow_smtp):
    controller, handler = slow_smtp
    typical_week(DigestData(any_store.engine))
    config = write_config(tmp_path, any_store.engine.url.render_as_string(hide_password=False),
                          smtp_table(controller.port))
    command = [sys.executable, "-m", "crawler", "digest", "--config", str(config)]
    first = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert handler.first_arrived.wait(60), "the first digest never reached DATA"
        started = time.monotonic()
        second = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
        waited = time.monotonic() - started
    finally:
        handler.release.set()
        out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    assert "Sent digest" in out
    assert second.returncode == EXIT_DIGEST_BUSY, second.stderr
    assert "another digest is being sent; nothing done" in second.stderr
    assert "\n" not in second.stderr.strip() and second.stdout == ""
    assert waited >= 4.0  # it waited a few seconds for the other digest before giving up
    assert len(handler.accepted) == 1
    assert pending_count(any_store.engine) == 0
    with any_store.reading() as conn:
        assert conn.execute(select(runs.c.kind, runs.c.outcome)).all() == [("digest", "ok")]  # the busy one: none


def test_digest_waits_for_a_short_holder_then_sends(any_store, tmp_path):
    """A holder that lets go within the wait: the digest goes ahead (outbox transport)."""
    typical_week(DigestData(any_store.engine))
    url = any_store.engine.url.render_as_string(hide_password=False)
    config = write_config(tmp_path, url, smtp=None)
    lock = RunnerLock(url, "digest", name=DIGEST_LOCK)
    lock.acquire()
    timer = threading.Timer(1.5, lock.release)
    timer.start()
    try:
        done = subprocess.run([sys.executable, "-m", "crawler", "digest", "--config", str(config)], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)
    finally:
        timer.join()
    assert done.returncode == 0, done.stderr
    assert "Sent digest" in done.stdout
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1


def test_the_digest_lock_is_independent_of_the_runner_lock(db_url):
    """The daemon (or `run`) holds the runner lock while its digest subprocess takes the digest lock."""
    runner = RunnerLock(db_url, "scheduler")
    runner.acquire()
    try:
        digest = RunnerLock(db_url, "digest", name=DIGEST_LOCK)
        digest.acquire()
        digest.release()
    finally:
        runner.release()
