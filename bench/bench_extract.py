#!/usr/bin/env python3
"""Throughput of the extraction core against trafilatura alone, on the same HTML pages.

Pages: the five seed HTML fixtures (seeds/html/), repeated to --pages pages. In one
process, batches alternate between
  - trafilatura alone: trafilatura.bare_extraction with the pipeline's options, and
  - the full analyze: decoding, trafilatura, metadata, the Korean boilerplate filter,
    keyword matching and money-figure extraction (crawler.analyze.analyze),
so that both see the same machine load. Also timed: extract_article alone (no keywords,
no mentions). Prints pages/s and the ratio analyze/trafilatura (goal: >= 0.8) and writes
bench/out/extract.json.

    .venv/bin/python bench/bench_extract.py [--pages 200] [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.analyze import analyze  # noqa: E402
from crawler.config import load_config  # noqa: E402
from crawler.extract import extract_article, trafilatura_alone  # noqa: E402

GOAL = 0.8


def seed_pages() -> list[bytes]:
    meta = json.loads((ROOT / "seeds" / "meta.json").read_text(encoding="utf-8"))["seeds"]
    return [(ROOT / "seeds" / info["html"]).read_bytes() for info in meta.values()]


def timed(run: Callable[[bytes], object], pages: list[bytes]) -> float:
    start = time.perf_counter()
    for page in pages:
        run(page)
    return time.perf_counter() - start


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
    for run in contestants.values():  # warm-up: imports, caches, compiled patterns
        timed(run, seeds)
    seconds = dict.fromkeys(contestants, 0.0)
    for _round in range(args.rounds):
        for name, run in contestants.items():
            seconds[name] += timed(run, pages)
    total = args.pages * args.rounds
    rate = {name: total / spent for name, spent in seconds.items()}
    ratio = rate["analyze"] / rate["trafilatura"]
    result = {
        "pages": total,
        "distinct_pages": len(seeds),
        "rounds": args.rounds,
        "pages_per_second": {name: round(value, 1) for name, value in rate.items()},
        "ratio_analyze_to_trafilatura": round(ratio, 3),
        "ratio_extract_to_trafilatura": round(rate["extract"] / rate["trafilatura"], 3),
        "goal": GOAL,
        "meets_goal": ratio >= GOAL,
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"pages: {total} ({len(seeds)} seed pages, {args.rounds} alternating rounds)")
    for name, value in rate.items():
        print(f"  {name:<12} {value:8.1f} pages/s")
    print(f"analyze / trafilatura = {ratio:.3f} (goal >= {GOAL}: {'met' if ratio >= GOAL else 'NOT met'})")
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
