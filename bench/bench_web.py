#!/usr/bin/env python3
"""How long the web view takes to answer on a store of 10,000 facts (goal: every page under 1 s).

Builds a SQLite store (or uses --db) with --facts facts over 200 companies, each company
with some history: a fact stated by an article, then confirmed or revised by a second
one (so the company and fact pages have timelines). Then, in one process through
Starlette's test client (no network), it requests each page --rounds times and reports
the median and worst time per page, writing bench/out/web.json:

  facts table (page 1, USD sort), a filtered search, the last page, the CSV download of
  every fact, a company page (chart + timeline), a fact page, the sources page.

    .venv/bin/python bench/bench_web.py [--facts 10000] [--rounds 5] [--db URL]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from starlette.testclient import TestClient  # noqa: E402

from crawler.config import load_config, with_database_url  # noqa: E402
from crawler.models import Article, ExtractResult, Mention  # noqa: E402
from crawler.store import open_store  # noqa: E402
from crawler.web.app import create_app  # noqa: E402

GOAL_SECONDS = 1.0
COMPANIES = 200
PERIODS = [f"{year}{part}" for year in range(2015, 2031) for part in ("", "H1", "H2", "Q1", "Q2", "Q3", "Q4")]


def fill(store, facts: int) -> None:
    """`facts` facts: COMPANIES companies x periods; every tenth one restated by a second article."""
    per_company = -(-facts // COMPANIES)
    made = 0
    for company in range(COMPANIES):
        name = f"Company{company:03d}"
        for n in range(per_company):
            if made == facts:
                return
            period = PERIODS[n % len(PERIODS)] if n < len(PERIODS) else f"{2000 + n % 30}-{2031 + n // 30}"
            amount = (company + 1) * (n + 1) * 10**9
            mention = Mention(name, amount, "KRW", period=period, kind="capex", evidence=f"{name} {period} 투자")
            _save(store, f"https://news.example.com/{company}/{n}", name, mention, f"{name} {period} {amount} 원 투자.")
            if n % 10 == 0:
                raised = Mention(name, amount * 12 // 10, "KRW", period=period, kind="capex", evidence="상향")
                _save(store, f"https://other.example.com/{company}/{n}", name, raised, f"{name} {period} 상향 {n}.")
            made += 1


def _save(store, url: str, name: str, mention: Mention, text: str) -> None:
    article = Article(body=(text,), title=f"{name} 투자", published="2025-05-01", url=url)
    store.save_article(ExtractResult(article, ("투자",), (mention,)), source="bench")


def timed(client: TestClient, path: str, rounds: int) -> dict[str, float]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - start)
        if response.status_code != 200:
            raise SystemExit(f"{path}: HTTP {response.status_code}")
    return {"median_s": round(statistics.median(times), 4), "worst_s": round(max(times), 4)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--db", help="an existing database URL to fill (default: a new SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db_url = args.db or f"sqlite:///{Path(tmp) / 'web.db'}"
        store = open_store(db_url)
        started = time.perf_counter()
        fill(store, args.facts)
        print(f"filled {args.facts} facts in {time.perf_counter() - started:.1f}s ({db_url.split(':')[0]})")
        config = with_database_url(load_config(ROOT / "config.toml"), db_url)
        client = TestClient(create_app(config, store))
        last = -(-args.facts // config.web.page_size)
        pages = {
            "facts table, page 1": "/",
            "search + filter": "/?q=company042&kind=capex&period=2025&status=revised",
            "last page": f"/?page={last}&sort=company",
            "CSV of every fact": "/facts.csv",
            "company page": "/companies/Company007",
            "fact page": "/facts/1",
            "sources page": "/sources",
        }
        results = {name: timed(client, path, args.rounds) for name, path in pages.items()}
        store.close()
    for name, result in results.items():
        verdict = "ok" if result["worst_s"] < GOAL_SECONDS else "SLOW"
        median, worst = result["median_s"] * 1000, result["worst_s"] * 1000
        print(f"{name:<22} median {median:7.1f} ms  worst {worst:7.1f} ms  {verdict}")
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    report = {"facts": args.facts, "rounds": args.rounds, "goal_seconds": GOAL_SECONDS, "pages": results,
              "python": platform.python_version(), "machine": platform.machine()}
    (out / "web.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0 if all(r["worst_s"] < GOAL_SECONDS for r in results.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
