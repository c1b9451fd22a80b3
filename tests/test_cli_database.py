"""Which database a command opens: read-only commands never create one, --db everywhere,
--config required where the README says, and errors naming where the URL came from."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.cli import main
from tests.conftest import ROOT

SEED = "001_98d9237a7e6c59eb.txt"
READ_ONLY = [["facts"], ["facts", "export", "--format", "csv"], ["digest", "--dry-run"], ["digest"], ["status"]]


def config_file(folder: Path, url: str = "sqlite:///data/capexwatch.db") -> Path:
    path = folder / "config.toml"
    path.write_text(f'[database]\nurl = "{url}"\n[digest]\nto = ["a@example.com"]\noutbox = "outbox"\n',
                    encoding="utf-8")
    return path


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("command", READ_ONLY, ids=" ".join)
def test_read_only_commands_never_create_a_database(tmp_path, capsys, command):
    config = config_file(tmp_path)
    code, out, err = run_cli(capsys, *command, "--config", str(config))
    assert (code, out) == (2, "")
    db = tmp_path / "data" / "capexwatch.db"
    assert err == (f"capexwatch: [database].url: no database at {db} "
                   "(crawl or replay creates it; this command only reads)\n")
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("command", READ_ONLY, ids=" ".join)
def test_read_only_commands_with_db_in_a_missing_folder_create_nothing(tmp_path, capsys, command):
    missing = tmp_path / "nonexistent" / "dir" / "x.db"
    code, out, err = run_cli(capsys, *command, "--config", str(config_file(tmp_path)), "--db", f"sqlite:///{missing}")
    assert (code, out) == (2, "")
    assert err.startswith(f"capexwatch: --db: no database at {missing} ") and err.count("\n") == 1
    assert not (tmp_path / "nonexistent").exists()


def test_writing_commands_create_the_database(tmp_path, capsys, seeds_dir):
    replayed = tmp_path / "new" / "replay.db"
    assert run_cli(capsys, "replay", "--db", f"sqlite:///{replayed}", str(seeds_dir / SEED))[0] == 0
    assert replayed.is_file()
    baseline = tmp_path / "baseline.csv"
    baseline.write_text("company,members,amount,amount_max,currency,qualifier,period,kind,first_seen,status,sources\n"
                        "Kakao,,600000000000,,KRW,exact,2025,capex,2024-01-01,new,\n", encoding="utf-8")
    imported = tmp_path / "other" / "import.db"
    code, out, err = run_cli(capsys, "facts", "import", str(baseline), "--db", f"sqlite:///{imported}")
    assert (code, err) == (0, "") and imported.is_file()


@pytest.mark.parametrize("command", [["digest", "--dry-run"], ["status"], ["run"], ["crawl"]], ids=" ".join)
def test_config_is_required_and_help_says_so(capsys, command):
    with pytest.raises(SystemExit) as stopped:
        main(command)
    assert stopped.value.code == 2
    assert "the following arguments are required: --config" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main([command[0], "--help"])
    usage = capsys.readouterr().out
    assert "--config CONFIG" in usage and "[--config CONFIG]" not in usage


def test_facts_needs_a_config_or_a_database(tmp_path, capsys, monkeypatch):
    (tmp_path / "config.toml").write_text("", encoding="utf-8")  # a config in the cwd is not guessed
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(capsys, "facts", "export")
    assert (code, out) == (2, "")
    assert err == "capexwatch: facts: give --config FILE or --db URL (which database to read)\n"
    assert not (tmp_path / "data").exists()


def test_status_reads_the_database_given_by_db(tmp_path, capsys, seeds_dir):
    db = tmp_path / "replayed.db"
    assert run_cli(capsys, "replay", "--db", f"sqlite:///{db}", str(seeds_dir / SEED))[0] == 0
    code, out, err = run_cli(capsys, "status", "--config", str(config_file(tmp_path)), "--db", f"sqlite:///{db}")
    assert (code, err) == (0, "")
    assert out.startswith("daemon: not running\nlast runs: none yet\n")
    assert not (tmp_path / "data").exists()  # the config's own database was not touched


def test_run_uses_the_database_given_by_db(tmp_path):
    db = tmp_path / "elsewhere.db"
    done = subprocess.run([sys.executable, "-m", "crawler", "run", "--config", str(config_file(tmp_path)),
                           "--db", f"sqlite:///{db}"], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert db.is_file() and not (tmp_path / "data").exists()
    status = subprocess.run([sys.executable, "-m", "crawler", "status", "--config", str(config_file(tmp_path)),
                             "--db", f"sqlite:///{db}"], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    kinds = [line.split()[1] for line in status.stdout.splitlines() if line.startswith("  #")]
    assert sorted(kinds) == ["crawl", "digest"]


def test_unreachable_database_from_the_environment_is_named_as_such(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CAPEXWATCH_DATABASE_URL", "postgresql+psycopg://postgres:hunter2@127.0.0.1:1/none")
    code, out, err = run_cli(capsys, "facts", "--config", str(config_file(tmp_path)))
    assert (code, out) == (2, "")
    assert err.startswith("capexwatch: CAPEXWATCH_DATABASE_URL: cannot open postgresql+psycopg://postgres:***@")
    assert err.count("\n") == 1 and "[database].url" not in err and "hunter2" not in err
