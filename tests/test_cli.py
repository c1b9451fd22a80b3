"""Every command, and the daemon, answers a bad database setting with one line and exit 2."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

COMMANDS = [
    ["-m", "crawler", "status"],
    ["-m", "crawler", "facts"],
    ["-m", "crawler", "digest", "--dry-run"],
    ["-m", "crawler", "crawl"],
    ["-m", "crawler", "replay"],
    ["scheduler.py"],
]


@pytest.mark.parametrize("url", ["notaurl", "postgresql+psycopg://postgres@127.0.0.1:1/none"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[-1] if c[-1] != "--dry-run" else "digest")
def test_bad_database_url_is_one_line(tmp_path, command, url):
    config = tmp_path / "config.toml"
    config.write_text(
        f'[database]\nurl = "{url}"\n[digest]\nto = ["a@example.com"]\n'
        '[[sources]]\nname = "x"\nfeeds = ["http://127.0.0.1:1/rss"]\nallowed_domains = ["127.0.0.1"]\n',
        encoding="utf-8",
    )
    done = subprocess.run([sys.executable, *command, "--config", str(config)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert any("[database].url" in line for line in lines), done.stderr


def test_output_closed_early_is_not_an_error(tmp_path, seeds_dir):
    files = sorted(str(p) for p in seeds_dir.glob("*.txt"))
    extract = subprocess.Popen([sys.executable, "-m", "crawler", "extract", "--format", "jsonl", *files * 20],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert extract.stdout is not None
    extract.stdout.readline()
    extract.stdout.close()  # like `| head -1`
    _out, err = extract.communicate(timeout=120)
    assert b"Traceback" not in err and b"BrokenPipe" not in err
