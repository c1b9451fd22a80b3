"""The `replay` subcommand: saved pages through the whole offline pipeline (store and diff).

    python -m crawler replay --db URL [--config FILE] [--format jsonl] [PATH...]

Default PATH is seeds/. One JSON line per document, in order of publication:
{"path", "article_id", "created", "changes": [...]}. A bad file is one stderr line
naming it (the others are still replayed; exit 1); a database that cannot be opened is
one line naming [database].url (exit 2). Replaying the same files again prints no
`new` change and adds no rows.
"""

from __future__ import annotations

import argparse
import json
import sys

from crawler.commands.settings import add_config_and_db, open_configured_store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", default=["seeds/"],
                        help="files or folders of saved pages (default: seeds/)")
    parser.add_argument("--format", choices=("jsonl",), default="jsonl", help="output format (jsonl)")
    add_config_and_db(parser)


def run(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from crawler.replay import replay
    from crawler.store import StoreError

    config, store = open_configured_store(args, create=True)
    if store is None:
        return 2

    def emit(record: dict) -> None:
        print(json.dumps(record, ensure_ascii=False), flush=True)

    def report(message: str) -> None:
        print(f"capexwatch: {message}", file=sys.stderr, flush=True)

    try:
        bad = replay(store, args.paths or ["seeds/"], config, emit=emit, report=report)
    except StoreError as exc:
        report(str(exc))
        return 2
    except SQLAlchemyError as exc:  # the database went away mid-replay
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        report(f"{config.database_setting}: database error during replay: {reason}")
        return 2
    finally:
        store.close()
    return 1 if bad else 0
