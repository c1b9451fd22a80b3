"""backfill: a local site's monthly dated sitemaps over 6 months -> every article in the window,
none outside, stored in publication order whatever the fetch order; run again, it fetches
nothing; the facts it finds are the baseline. (Kills and resumes: tests/test_backfill_resume.py.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.backfill_site import INSIDE, ROOT, backfill, build_sitemaps, config_text, sitemap_paths

pytestmark = pytest.mark.slow


def write_config(site, tmp_path: Path) -> Path:
    config = tmp_path / "config.toml"
    config.write_text(config_text(site, f"sqlite:///{tmp_path / 'db.sqlite'}"), encoding="utf-8")
    return config


def rows(tmp_path: Path, sql: str) -> list[tuple]:
    engine = create_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with engine.connect() as conn:
        found = [tuple(row) for row in conn.execute(text(sql))]
    engine.dispose()
    return found


def expected_urls(site) -> list[tuple[str]]:
    return sorted((site.url(path),) for path in sitemap_paths())


def test_a_backfill_stores_the_window_in_publication_order(replay_site, tmp_path):
    amounts = build_sitemaps(replay_site)
    config = write_config(replay_site, tmp_path)
    done = backfill(config)
    assert done.returncode == 0, done.stdout + done.stderr
    assert rows(tmp_path, "SELECT url FROM articles ORDER BY url") == expected_urls(replay_site)
    assert replay_site.hits("/news/late.html") == 0 and replay_site.hits("/news/2024-12-20.html") == 0
    assert replay_site.hits("/sitemap-2024-12.xml") == 0 and replay_site.hits("/sitemap-2025-07.xml") == 0
    assert replay_site.hits("/rss.xml") == 0  # a backfill reads archives, not the feed
    history = rows(tmp_path, "SELECT c.status, c.amount, a.published FROM changes c JOIN articles a "
                             "ON a.id = c.article_id ORDER BY c.id")
    wanted = [amounts[f"/news/{month}-{day}.html"] * 10**12 for month in INSIDE for day in ("05", "20")]
    assert [amount for _, amount, _ in history] == wanted  # fetched newest first, diffed oldest first
    assert [status for status, _, _ in history] == ["new"] + ["revised"] * 11
    assert [published[:10] for _, _, published in history] == sorted(p[:10] for _, _, p in history)
    row = next(line for line in done.stdout.splitlines() if line.startswith("maps ")).split()
    assert row[3:7] == ["12", "12", "12", "1"]  # fetched, new, matched, facts:new
    assert rows(tmp_path, "SELECT count(*) FROM backfill_pages") == [(0,)]  # stored, so no longer staged

    again = backfill(config)
    assert again.returncode == 0, again.stderr
    assert next(line for line in again.stdout.splitlines() if line.startswith("maps ")).split()[3] == "0"
    assert all(replay_site.hits(path) == 1 for path in sitemap_paths())


def test_backfilled_facts_are_the_baseline_in_one_line_of_the_next_digest(replay_site, tmp_path):
    build_sitemaps(replay_site)
    config = write_config(replay_site, tmp_path)
    config.write_text(config.read_text(encoding="utf-8") + '\n[digest]\nto = ["analyst@example.com"]\n',
                      encoding="utf-8")
    done = backfill(config)
    assert done.returncode == 0, done.stderr
    line = "baseline: 1 facts from 12 articles (2025-01-01 .. 2025-06-30)"
    assert line in done.stdout

    def digest(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "crawler", "digest", "--config", str(config), *extra], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)

    shown = digest("--dry-run")
    assert shown.returncode == 0, shown.stderr
    assert line in shown.stdout
    assert "신규 0건 · 수정 0건" in shown.stdout  # the facts are not announced one by one
    assert "평택" not in shown.stdout
    sent = digest()
    assert sent.returncode == 0, sent.stderr
    eml = next((tmp_path / "data" / "outbox").glob("*.eml")).read_bytes()
    assert b"baseline" in eml
    again = digest()
    assert again.returncode == 0 and "Nothing to send" in again.stdout + again.stderr  # announced once
