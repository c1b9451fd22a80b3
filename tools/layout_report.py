#!/usr/bin/env python3
"""Per-case report on the layout families of tests/fixtures/layouts/: body recall, extra
paragraphs, leaked lines, metadata fields, and which reader gave the text (trafilatura or the
site rule = "first", else the fallback step, or the page's recorded AMP or print version:
"amp_version", "print_version"), beside trafilatura alone on the same page. The totals say on
how many cases the fallback reader ran (the first reading was weak), how many took its
reading, and how many were read from their alternate version.

    .venv/bin/python tools/layout_report.py [CASE...] [-v]

-v prints the missing, extra and leaked paragraphs. Exit 1 when a case is not perfect.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.models import Article  # noqa: E402
from crawler.text.extract import ExtractError, trafilatura_alone  # noqa: E402
from tests.layoutcases import Case, Score, case_names, fallback_ran, load_case, read_case, score  # noqa: E402

FIELDS = ("title", "published", "author")


def alone(case: Case) -> Score:
    """trafilatura by itself on the page, scored the same way (no filter, no fallback)."""
    text = trafilatura_alone(case.page) or ""
    return score(case, Article(body=tuple(p for p in text.split("\n") if p.strip())))


def report_case(case: Case, verbose: bool) -> tuple[Score | None, Score, list[str]]:
    baseline = alone(case)
    try:
        article, reader = read_case(case)
    except ExtractError as exc:
        print(f"{case.name:<20} {'-':<14} {'ERROR':>6}  {exc}")
        return None, baseline, list(FIELDS)
    result = score(case, article, reader)
    wrong = [f for f in FIELDS if getattr(article, f) != case.expected[f]]
    print(f"{case.name:<20} {reader:<14} {result.recall:6.2f} {len(result.extra):5d} {len(result.leaked):6d}  "
          f"{', '.join(wrong) or 'ok':<12} {baseline.recall:6.2f} {len(baseline.extra):5d}")
    if verbose:
        for label, lines in (("missing", result.missing), ("extra", result.extra), ("leaked", result.leaked)):
            for line in lines:
                print(f"    {label}: {line}")
        for field in wrong:
            print(f"    {field}: got {getattr(article, field)!r}, expected {case.expected[field]!r}")
    return result, baseline, wrong


def summary(names: list[str], rows: list[tuple[Score | None, Score, list[str]]]) -> str:
    """One line of totals: recall over every expected paragraph, extras, how often the fallback ran."""
    expected = [len(load_case(name).expected["body"]) for name in names]
    found = sum(n - len(r.missing) for n, (r, _, _) in zip(expected, rows, strict=True) if r is not None)
    alone_found = sum(n - len(b.missing) for n, (_, b, _) in zip(expected, rows, strict=True))
    scored = [r for r, _, _ in rows if r is not None]
    perfect = sum(1 for r, _, wrong in rows if r and not (r.missing or r.extra or r.leaked or wrong))
    ran = sum(1 for name in names if fallback_ran(load_case(name)))
    alternate = sum(1 for r in scored if r.reader.endswith("_version"))
    used = sum(1 for r in scored if r.reader != "first") - alternate
    return (f"cases={len(names)} perfect={perfect} body_recall={found / sum(expected):.3f} "
            f"extra={sum(len(r.extra) for r in scored)} leaked={sum(len(r.leaked) for r in scored)} "
            f"fallback_ran={ran}/{len(names)} fallback_used={used}/{len(names)} "
            f"alternate_used={alternate}/{len(names)} | trafilatura alone: "
            f"body_recall={alone_found / sum(expected):.3f} extra={sum(len(b.extra) for _, b, _ in rows)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases", nargs="*", help="case folder names (default: all)")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    names = args.cases or case_names()
    print(f"{'case':<20} {'reader':<14} {'recall':>6} {'extra':>5} {'leaked':>6}  {'fields':<12} "
          f"{'alone':>6} {'extra':>5}")
    rows = [report_case(load_case(name), args.verbose) for name in names]
    print(summary(names, rows))
    perfect = sum(1 for r, _, wrong in rows if r and not (r.missing or r.extra or r.leaked or wrong))
    return 0 if perfect == len(names) else 1


if __name__ == "__main__":
    sys.exit(main())
