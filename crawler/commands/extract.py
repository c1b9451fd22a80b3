"""The `extract` subcommand: one JSON line of article text and money figures per file.

    capexwatch extract --format jsonl [--published YYYY-MM-DD] [--url URL] [--config FILE] FILE...

A file ending in .html/.htm is a fetched page (trafilatura + the Korean filter); any
other file is saved page text. Keywords come from --config, else ./config.toml when it
exists, else the embedded defaults. A missing, empty or undecodable file gives one line
on stderr naming it; the other files are still printed and the exit status is 1.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from datetime import date
from pathlib import Path

from crawler.config import load_config

HTML_SUFFIXES = (".html", ".htm")
log = logging.getLogger(__name__)


def _iso_day(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {value!r}") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=["jsonl"], default="jsonl", help="output format (jsonl)")
    parser.add_argument("--published", type=_iso_day, help="the article's date when the file does not say it")
    parser.add_argument("--url", help="the article's URL (recorded, never fetched)")
    parser.add_argument("--config", help="config.toml for the keywords (default: ./config.toml if present)")
    parser.add_argument("files", nargs="+", metavar="FILE")


def run(args: argparse.Namespace) -> int:
    from crawler.figures.analyze import analyze
    from crawler.text.extract import QUIET_LOGGERS, ExtractError

    if str(args.log_level).upper() == "DEBUG":
        for name in QUIET_LOGGERS:  # the libraries' own per-page messages, on request
            logging.getLogger(name).setLevel(logging.DEBUG)

    config_path = args.config or ("config.toml" if Path("config.toml").is_file() else None)
    keywords = load_config(config_path).keywords
    failed = 0
    for name in args.files:
        path = Path(name)
        try:
            data = path.read_bytes()
            result = analyze(
                data, is_html=path.suffix.lower() in HTML_SUFFIXES, keywords=keywords,
                url=args.url, published=args.published, path=name,
            )
        except (OSError, ExtractError) as exc:
            failed += 1
            print(f"capexwatch: {name}: {_reason(exc)}", file=sys.stderr)
            continue
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the others
            failed += 1
            log.debug("extract failed for %s", name, exc_info=True)
            print(f"capexwatch: {name}: internal error ({type(exc).__name__}: {exc})", file=sys.stderr)
            continue
        sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
        sys.stdout.flush()
    return 1 if failed else 0


def _reason(exc: Exception) -> str:
    if isinstance(exc, FileNotFoundError):
        return "file not found"
    if isinstance(exc, IsADirectoryError):
        return "is a directory, not a file"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, OSError):
        return f"cannot read: {exc.strerror or exc}"
    return str(exc)
