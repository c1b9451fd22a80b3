#!/usr/bin/env python3
"""Throughput of the extraction core against trafilatura alone, on the same HTML pages.

Pages: the five seed HTML fixtures (seeds/html/), repeated to --pages pages. In one
process, page by page (so that all see the same machine load), it alternates between
  - trafilatura alone: trafilatura.bare_extraction with the pipeline's options and its metadata
    (text, title, date, author, URL: what the pipeline gives from a page; the pipeline itself asks
    trafilatura only for a field the page's tags and byline do not give),
  - extract_article: decoding, metadata, trafilatura and the Korean boilerplate filter, and
  - the full analyze: extract_article + keyword matching + money-figure extraction.
Prints pages/s and the ratio analyze/trafilatura (goal: >= 0.8), total and per round,
and writes bench/out/extract.json. It also reports what the Korean analyzer (Kiwi) costs:
its load time in this process, and the figures stage per article on the distinct labelled
articles of tests/fixtures/devset/ (each word analysed for the first time: no cache helps).

    .venv/bin/python bench/bench_extract.py [--pages 200] [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.config import load_config  # noqa: E402
from crawler.figures.analyze import analyze  # noqa: E402
from crawler.text.extract import extract_article, trafilatura_alone  # noqa: E402

GOAL = 0.8


def seed_pages() -> list[bytes]:
    meta = json.loads((ROOT / "seeds" / "meta.json").read_text(encoding="utf-8"))["seeds"]
    return [(ROOT / "seeds" / info["html"]).read_bytes() for info in meta.values()]


def one_round(contestants: dict[str, Callable[[bytes], object]], pages: list[bytes]) -> dict[str, float]:
    """Seconds each contestant spent on the pages, alternating page by page (same load for all)."""
    spent = dict.fromkeys(contestants, 0.0)
    for page in pages:
        for name, run in contestants.items():
            start = time.perf_counter()
            run(page)
            spent[name] += time.perf_counter() - start
    return spent


def analyzer_cost() -> dict[str, float]:
    """Kiwi's load time (the model, then its first analysis, which pages the rest of it in), and the
    figures stage per article on the distinct development-set articles with an empty word cache."""
    from crawler.figures.korean import orgs
    from crawler.figures.mentions import find_mentions

    texts = sorted((ROOT / "tests" / "fixtures" / "devset").glob("*/*.txt"))
    start = time.perf_counter()
    orgs._kiwi().tokenize(texts[0].read_text(encoding="utf-8"))
    load = time.perf_counter() - start
    articles = [extract_article(p.read_text(encoding="utf-8"), is_html=False, published="2025-06-01") for p in texts]
    orgs._analyse.cache_clear()
    start = time.perf_counter()
    for article in articles:
        find_mentions(article, qualitative=True)
    per_article = (time.perf_counter() - start) / max(1, len(articles))
    return {"kiwi_load_seconds": round(load, 2), "figures_ms_per_distinct_article": round(per_article * 1000, 2),
            "distinct_articles": len(articles)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=200, help="pages per contestant and round (default 200)")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds (default 5)")
    parser.add_argument("--out", default=str(ROOT / "bench" / "out" / "extract.json"))
    args = parser.parse_args()

    seeds = seed_pages()
    pages = [seeds[i % len(seeds)] for i in range(args.pages)]
    keywords = load_config(ROOT / "config.toml").keywords
    contestants: dict[str, Callable[[bytes], object]] = {
        "trafilatura": trafilatura_alone,
        "extract": lambda page: extract_article(page, is_html=True),
        "analyze": lambda page: analyze(page, is_html=True, keywords=keywords),
    }
    cost = analyzer_cost()  # first: it loads Kiwi and measures on words not analysed yet
    one_round(contestants, seeds)  # warm-up: imports, caches, compiled patterns
    rounds = [one_round(contestants, pages) for _round in range(args.rounds)]
    total = args.pages * args.rounds
    rate = {name: total / sum(r[name] for r in rounds) for name in contestants}
    ratio = rate["analyze"] / rate["trafilatura"]
    per_round = sorted(r["trafilatura"] / r["analyze"] for r in rounds)
    result = {
        "pages": total,
        "distinct_pages": len(seeds),
        "rounds": args.rounds,
        "pages_per_second": {name: round(value, 1) for name, value in rate.items()},
        "ratio_analyze_to_trafilatura": round(ratio, 3),
        "ratio_extract_to_trafilatura": round(rate["extract"] / rate["trafilatura"], 3),
        "ratio_per_round_min_median_max": [round(per_round[0], 3), round(statistics.median(per_round), 3),
                                           round(per_round[-1], 3)],
        "goal": GOAL,
        "meets_goal": ratio >= GOAL,
        **cost,
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"pages: {total} ({len(seeds)} seed pages, {args.rounds} alternating rounds)")
    for name, value in rate.items():
        print(f"  {name:<12} {value:8.1f} pages/s")
    print(f"analyze / trafilatura = {ratio:.3f} (goal >= {GOAL}: {'met' if ratio >= GOAL else 'NOT met'}); "
          f"per round min {per_round[0]:.3f}, median {statistics.median(per_round):.3f}, max {per_round[-1]:.3f}")
    print(f"Kiwi loads in {cost['kiwi_load_seconds']} s; the figures stage takes "
          f"{cost['figures_ms_per_distinct_article']} ms per article on {cost['distinct_articles']} distinct articles")
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
