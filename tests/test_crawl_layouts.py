"""`python -m crawler crawl` of a recorded layout page on the local replay site: the table-layout
EUC-KR page trafilatura cannot read (tests/fixtures/layouts/table_cms) is stored with its
figures, read by the fallback reader."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import ROOT
from tests.layoutcases import CASES

pytestmark = pytest.mark.slow

# written down from the page's text (12 March 2025): 2027년까지 1조2000억원, 지난해 3000억원
EXPECTED = {
    "table_cms": [("한빛전자", 1_200_000_000_000, "KRW", "capex", "2025-2027"),
                  ("한빛전자", 300_000_000_000, "KRW", "capex", "2024")],
}
CONTENT_TYPES = {"table_cms": "text/html; charset=euc-kr"}


def _config(site, db_url: str) -> str:
    return f"""[database]
url = {json.dumps(db_url)}

[crawl]
download_delay = 0.0
autothrottle = false
timeout = 5.0
retries = 0
max_seconds = 60.0

[[sources]]
name = "layouts"
feeds = [{json.dumps(site.url('/rss.xml'))}]
allowed_domains = ["127.0.0.1"]
"""


def _rss(site) -> str:
    items = "".join(f"<item><title>{name}</title><link>{site.url(f'/news/view.html?no={n}')}</link>"
                    f"<pubDate>Wed, 12 Mar 2025 09:40:00 +0900</pubDate></item>" for n, name in enumerate(EXPECTED))
    return f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'


def test_a_table_layout_euc_kr_page_stores_its_facts(replay_site, tmp_path):
    for n, name in enumerate(EXPECTED):
        page = (CASES / name / "page.html").read_bytes()
        replay_site.add(f"/news/view.html?no={n}", page, content_type=CONTENT_TYPES[name])
    replay_site.add("/rss.xml", _rss(replay_site), content_type="application/rss+xml")
    db_url = f"sqlite:///{tmp_path / 'capexwatch.db'}"
    config = tmp_path / "config.toml"
    config.write_text(_config(replay_site, db_url), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "crawler", "crawl", "--config", str(config)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120, env=dict(os.environ))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no article text" not in run.stdout + run.stderr
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            for n, name in enumerate(EXPECTED):
                url = replay_site.url(f"/news/view.html?no={n}")
                rows = conn.execute(text("SELECT m.company, m.amount, m.currency, m.kind, m.period FROM mentions m "
                                         "JOIN articles a ON a.id = m.article_id WHERE a.url = :url ORDER BY m.id"),
                                    {"url": url})
                assert [tuple(r) for r in rows] == EXPECTED[name], name
            facts = {tuple(r) for r in conn.execute(text("SELECT subject, kind, period FROM facts"))}
    finally:
        engine.dispose()
    assert facts == {(company, kind, period) for figures in EXPECTED.values()
                     for company, _, _, kind, period in figures}
