"""`python -m crawler status`: the last runs and each configured source's health, text and JSON lines."""

from __future__ import annotations

import json

from crawler.cli import main
from crawler.store import open_store
from crawler.store.runs import finish_run, start_run

CONFIG = """[database]
url = "{url}"

[[sources]]
name = "never-crawled"
feeds = ["http://127.0.0.1:9/rss.xml"]
allowed_domains = ["127.0.0.1"]

[schedule]
timezone = "Asia/Seoul"
"""


def setup(tmp_path, db_url):
    path = tmp_path / "config.toml"
    path.write_text(CONFIG.format(url=db_url), encoding="utf-8")
    store = open_store(db_url)
    crawl = start_run(store.engine, "crawl")
    finish_run(store.engine, crawl, "partial", {"new_articles": 3, "matched": 1}, ["feed http://x/rss: 404"])
    digest = start_run(store.engine, "digest")
    store.close()
    return path, crawl, digest


def test_status_text_shows_runs_and_source_health(tmp_path, db_url, capsys):
    path, crawl, digest = setup(tmp_path, db_url)
    assert main(["status", "--config", str(path)]) == 0
    out = capsys.readouterr().out
    assert "daemon: not running" in out
    assert "last runs (newest first, times Asia/Seoul)" in out
    lines = out.splitlines()
    crawl_line = next(line for line in lines if line.strip().startswith(f"#{crawl} crawl"))
    assert "partial" in crawl_line and "matched=1 new_articles=3" in crawl_line
    assert "error: feed http://x/rss: 404" in out
    digest_line = next(line for line in lines if line.strip().startswith(f"#{digest} digest"))
    assert "running" in digest_line
    assert lines.index(digest_line) < lines.index(crawl_line)  # newest first
    source_line = next(line for line in lines if "never-crawled" in line)
    assert "UNHEALTHY" in source_line and "last ok never" in source_line


def test_status_jsonl(tmp_path, sqlite_url, capsys):
    path, crawl, digest = setup(tmp_path, sqlite_url)
    assert main(["status", "--config", str(path), "--format", "jsonl", "--kind", "crawl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["type"] for r in records] == ["daemon", "run", "source"]
    assert records[0]["running"] is False
    run = records[1]
    assert run["id"] == crawl and run["outcome"] == "partial" and run["counts"]["new_articles"] == 3
    assert run["errors"] == ["feed http://x/rss: 404"] and run["seconds"] >= 0
    assert run["started_at"].endswith("+00:00")
    assert records[2]["name"] == "never-crawled" and records[2]["healthy"] is False
