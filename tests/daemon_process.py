"""Starting the real daemon (`python scheduler.py`) in tests, and waiting on its log with bounds."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STARTED = "capexwatch.daemon: scheduler started"


def write_config(tmp_path: Path, db_url: str, *, schedule: str, extra: str = "") -> Path:
    """A config file in tmp_path; `schedule` is the body of its [schedule] table."""
    path = tmp_path / "config.toml"
    path.write_text(
        f'[database]\nurl = "{db_url}"\n\n[digest]\nto = ["analyst@example.com"]\noutbox = "outbox"\n\n'
        f"{extra}\n[schedule]\n{schedule}\n",
        encoding="utf-8",
    )
    return path


class Daemon:
    """One `python scheduler.py --config FILE --log-file LOG` process."""

    def __init__(self, config: Path, log_file: Path) -> None:
        self.log_file = log_file
        self.output = open(log_file.with_suffix(".stderr"), "wb")  # noqa: SIM115 - closed in close()
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "scheduler.py"), "--config", str(config), "--log-file", str(log_file)],
            cwd=ROOT, stdout=self.output, stderr=subprocess.STDOUT,
        )

    @property
    def pid(self) -> int:
        return self.proc.pid

    def log(self) -> str:
        return self.log_file.read_text(encoding="utf-8") if self.log_file.exists() else ""

    def wait_for(self, pattern: str, timeout: float, count: int = 1) -> str:
        """Wait until `pattern` (a regex) appears `count` times in the log; fail clearly if not."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.log()
            if len(re.findall(pattern, text)) >= count:
                return text
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)
        raise AssertionError(
            f"{pattern!r} x{count} not in the daemon log after {timeout}s "
            f"(exit {self.proc.poll()}); log:\n{self.log()[-3000:]}"
        )

    def stop(self, timeout: float = 20.0) -> int:
        """SIGTERM, and the exit code (the test fails if it does not exit within `timeout`)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            log = self.log()[-3000:]
            raise AssertionError(f"daemon did not exit within {timeout}s of SIGTERM; log:\n{log}") from None

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def close(self) -> None:
        self.kill()
        self.output.close()


def run_refused(config: Path, log_file: Path, timeout: float = 30.0) -> subprocess.CompletedProcess[str]:
    """Run a second daemon that is expected to exit by itself."""
    return subprocess.run(
        [sys.executable, str(ROOT / "scheduler.py"), "--config", str(config), "--log-file", str(log_file)],
        cwd=ROOT, capture_output=True, text=True, timeout=timeout,
    )
