"""The `facts` subcommand: print, export or import the known facts.

    python -m crawler facts --config FILE --format jsonl|csv [--db URL]   # print them
    python -m crawler facts export [--format csv|jsonl] --config FILE [--db URL]
    python -m crawler facts import FILE.csv|FILE.jsonl --config FILE [--db URL]

--config or --db is required (the database is never guessed from the working folder);
printing and exporting never create a database (one line and exit 2 when it does not exist),
importing does.

One line per fact (CONTRACT.md fields); a fact stated by several articles or by a
syndicated copy is one line with several sources. `import` seeds the baseline in one
transaction (all rows or none; a bad row is one line naming file, line and field) and
records no change, so the digest does not announce it: a fact not known yet is created
(with the row's status, first_seen and sources, which an export prints again), a known
fact with the same value is left as it is, and a row giving a known fact ANOTHER value
refuses the whole import, naming file, line and field (crawler/store/facts.py). Exit 2
for a bad config, database URL or import file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crawler.commands.settings import add_config_and_db, open_configured_store, require_config_or_db


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", nargs="?", metavar="export|import", help="export (the default) or import FILE")
    parser.add_argument("file", nargs="?", help="for import: a CSV or JSON-lines file of facts")
    parser.add_argument("--format", choices=("jsonl", "csv"), default="jsonl", help="output format (default jsonl)")
    add_config_and_db(parser)


def run(args: argparse.Namespace) -> int:
    require_config_or_db(args, "facts")
    action = args.action or "export"
    if action not in ("export", "import"):
        print(f"capexwatch: facts: unknown action {action!r} (export or import FILE)", file=sys.stderr)
        return 2
    if action == "import" and not args.file:
        print("capexwatch: facts import: give the CSV or JSON-lines file to import", file=sys.stderr)
        return 2
    return _import(args, Path(args.file)) if action == "import" else _export(args)


def _export(args: argparse.Namespace) -> int:
    from crawler.store.factsio import facts_to_csv, facts_to_jsonl

    _config, store = open_configured_store(args, create=False)
    if store is None:
        return 2
    try:
        known = store.facts()
    finally:
        store.close()
    sys.stdout.write(facts_to_csv(known) if args.format == "csv" else facts_to_jsonl(known))
    return 0


def _import(args: argparse.Namespace, path: Path) -> int:
    from crawler.store.facts import FactImportConflict
    from crawler.store.factsio import FactsFormatError, located_facts_from_csv, located_facts_from_jsonl

    try:
        text = path.read_text(encoding="utf-8-sig")
        jsonl = path.suffix.lower() in (".jsonl", ".json", ".ndjson")
        imported = (located_facts_from_jsonl if jsonl else located_facts_from_csv)(text, str(path))
    except (OSError, UnicodeDecodeError) as exc:
        print(f"capexwatch: {path}: cannot read: {getattr(exc, 'strerror', None) or exc}", file=sys.stderr)
        return 2
    except FactsFormatError as exc:
        print(f"capexwatch: {exc}", file=sys.stderr)
        return 2
    _config, store = open_configured_store(args, create=True)
    if store is None:
        return 2
    try:
        counts = store.import_baseline(imported)
    except FactImportConflict as exc:
        print(f"capexwatch: {exc}", file=sys.stderr)
        return 2
    finally:
        store.close()
    print(f"{_facts(counts.created + counts.known)} imported from {path} "
          f"({counts.created} new, {counts.known} already known with the same value)")
    return 0


def _facts(count: int) -> str:
    return f"{count} fact" if count == 1 else f"{count} facts"
