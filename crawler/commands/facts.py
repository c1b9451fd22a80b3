"""The `facts` subcommand: print, export or import the known facts.

    python -m crawler facts --config FILE --format jsonl|csv [--db URL]   # print them
    python -m crawler facts export [--format csv|jsonl] [--config FILE] [--db URL]
    python -m crawler facts import FILE.csv|FILE.jsonl [--config FILE] [--db URL]

One line per fact (CONTRACT.md fields); a fact stated by several articles or by a
syndicated copy is one line with several sources. `import` seeds the baseline in one
transaction (all rows or none; a bad row is one line naming file, line and field) and
records no change, so the digest does not announce it. Exit 2 for a bad config,
database URL or import file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crawler.commands.settings import add_config_and_db, open_configured_store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", nargs="?", metavar="export|import", help="export (the default) or import FILE")
    parser.add_argument("file", nargs="?", help="for import: a CSV or JSON-lines file of facts")
    parser.add_argument("--format", choices=("jsonl", "csv"), default="jsonl", help="output format (default jsonl)")
    add_config_and_db(parser)


def run(args: argparse.Namespace) -> int:
    from crawler.factsio import FactsFormatError, facts_from_csv, facts_from_jsonl, facts_to_csv, facts_to_jsonl

    action = args.action or "export"
    if action not in ("export", "import"):
        print(f"capexwatch: facts: unknown action {action!r} (export or import FILE)", file=sys.stderr)
        return 2
    if action == "import" and not args.file:
        print("capexwatch: facts import: give the CSV or JSON-lines file to import", file=sys.stderr)
        return 2
    if action == "import":
        path = Path(args.file)
        try:
            text = path.read_text(encoding="utf-8-sig")
            reader = facts_from_jsonl if path.suffix.lower() in (".jsonl", ".json", ".ndjson") else facts_from_csv
            imported = reader(text, str(path))
        except (OSError, UnicodeDecodeError) as exc:
            print(f"capexwatch: {path}: cannot read: {getattr(exc, 'strerror', None) or exc}", file=sys.stderr)
            return 2
        except FactsFormatError as exc:
            print(f"capexwatch: {exc}", file=sys.stderr)
            return 2
    _config, store = open_configured_store(args)
    if store is None:
        return 2
    try:
        if action == "import":
            count = store.import_facts(imported)
            print(f"{count} facts imported from {path}")
            return 0
        known = store.facts()
    finally:
        store.close()
    sys.stdout.write(facts_to_csv(known) if args.format == "csv" else facts_to_jsonl(known))
    return 0
