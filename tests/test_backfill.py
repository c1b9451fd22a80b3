"""backfill: a local site's monthly dated sitemaps over 6 months -> every article in the window,
none outside, stored in publication order whatever the fetch order; run again or after a
kill, it goes on where it stopped and stores nothing twice."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.test_crawl_incremental import ARTICLE

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow
MONTHS = ["2024-12", "2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07"]
INSIDE = MONTHS[1:7]  # --since 2025-01-01 --until 2025-06-30


def urlset(entries: list[tuple[str, str]]) -> str:
    urls = "".join(f"<url><loc>{loc}</loc><lastmod>{day}T09:00:00+09:00</lastmod></url>" for loc, day in entries)
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


def build_archive(site, delay: float = 0.0) -> dict[str, int]:
    """Two articles a month about one plan, its figure growing: path -> amount (조원)."""
    amounts = {}
    for m, month in enumerate(MONTHS):
        entries = []
        for d, day in enumerate(("05", "20")):
            path, amount = f"/news/{month}-{day}.html", 10 + 2 * m + d
            body = ARTICLE.format(title=f"삼성전자 평택 투자 {month}-{day}", amount=amount)
            site.add(path, body.replace("증설에", "2026년 증설에"), delay=delay)
            entries.append((site.url(path), f"{month}-{day}"))
            amounts[path] = amount
        if month == "2025-06":  # a late entry of June's sitemap, published in July: outside
            site.add("/news/late.html", ARTICLE.format(title="late", amount=99))
            entries.append((site.url("/news/late.html"), "2025-07-01"))
        site.add(f"/sitemap-{month}.xml", urlset(entries), content_type="application/xml")
    return amounts


def write_config(site, tmp_path: Path) -> Path:
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "sqlite:///{tmp_path / "db.sqlite"}"\n\n[crawl]\ndownload_delay = 0.0\n'
                      "autothrottle = false\ntimeout = 5.0\nretries = 0\nconcurrent_per_domain = 4\n\n"
                      f'[[sources]]\nname = "site"\nfeeds = ["{site.url("/rss.xml")}"]\n'
                      f'archive_sitemaps = ["{site.url("/sitemap-{yyyy}-{mm}.xml")}"]\n'
                      'allowed_domains = ["127.0.0.1"]\n', encoding="utf-8")
    return config


def backfill_command(config: Path) -> list[str]:
    return [sys.executable, "-m", "crawler", "backfill", "--config", str(config), "--since", "2025-01-01",
            "--until", "2025-06-30"]


def rows(tmp_path: Path, sql: str) -> list[tuple]:
    engine = create_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with engine.connect() as conn:
        found = [tuple(row) for row in conn.execute(text(sql))]
    engine.dispose()
    return found


def expected_urls(site) -> list[tuple[str]]:
    return sorted((site.url(f"/news/{month}-{day}.html"),) for month in INSIDE for day in ("05", "20"))


def test_a_backfill_stores_the_window_in_publication_order(replay_site, tmp_path):
    amounts = build_archive(replay_site)
    config = write_config(replay_site, tmp_path)
    done = subprocess.run(backfill_command(config), cwd=ROOT, capture_output=True, text=True, timeout=240)
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
    row = next(line for line in done.stdout.splitlines() if line.startswith("site ")).split()
    assert row[3:7] == ["12", "12", "12", "1"]  # fetched, new, matched, facts:new

    again = subprocess.run(backfill_command(config), cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert again.returncode == 0, again.stderr
    assert next(line for line in again.stdout.splitlines() if line.startswith("site ")).split()[3] == "0"
    assert all(replay_site.hits(f"/news/{month}-{day}.html") == 1 for month in INSIDE for day in ("05", "20"))


def test_a_killed_backfill_resumes_and_ends_with_the_same_result(replay_site, tmp_path):
    build_archive(replay_site, delay=0.4)
    config = write_config(replay_site, tmp_path)
    first = subprocess.Popen(backfill_command(config), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    deadline = time.monotonic() + 60
    while sum(replay_site.hits(f"/news/{m}-{d}.html") for m in INSIDE for d in ("05", "20")) < 4:
        assert time.monotonic() < deadline and first.poll() is None
        time.sleep(0.05)
    first.send_signal(signal.SIGKILL)
    first.communicate(timeout=60)
    resumed = subprocess.run(backfill_command(config), cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    assert rows(tmp_path, "SELECT url FROM articles ORDER BY url") == expected_urls(replay_site)
    assert rows(tmp_path, "SELECT count(*) FROM facts") == [(1,)]
    assert rows(tmp_path, "SELECT count(*) FROM changes") == [(12,)]
    assert rows(tmp_path, "SELECT count(*) FROM fetched_urls") == [(12,)]


def test_backfilled_facts_are_the_baseline_in_one_line_of_the_next_digest(replay_site, tmp_path):
    build_archive(replay_site)
    config = write_config(replay_site, tmp_path)
    config.write_text(config.read_text(encoding="utf-8") + '\n[digest]\nto = ["analyst@example.com"]\n',
                      encoding="utf-8")
    done = subprocess.run(backfill_command(config), cwd=ROOT, capture_output=True, text=True, timeout=240)
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
