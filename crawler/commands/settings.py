"""Options shared by the database commands (replay, facts): --config and --db.

Not a subcommand itself. The config file is --config, else ./config.toml when present,
else the embedded defaults; --db overrides [database].url. A database that cannot be
opened is one line on stderr naming [database].url (the caller exits 2).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crawler.config import Config, load_config, with_database_url
from crawler.store import Store, StoreError, open_store

DEFAULT_CONFIG = Path("config.toml")


def add_config_and_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", help="config.toml (default: ./config.toml if present, else built-in defaults)")
    parser.add_argument("--db", help="database URL, overriding [database].url")


def configured(args: argparse.Namespace) -> Config:
    """The configuration for this command (ConfigError names file and setting)."""
    path = args.config or (DEFAULT_CONFIG if DEFAULT_CONFIG.is_file() else None)
    config = load_config(path)
    return with_database_url(config, args.db) if args.db else config


def open_configured_store(args: argparse.Namespace) -> tuple[Config, Store | None]:
    """The configuration and the opened store; store None (and one stderr line) if it cannot open."""
    config = configured(args)
    try:
        return config, open_store(config.database_url)
    except StoreError as exc:
        print(f"capexwatch: {exc}", file=sys.stderr)
    return config, None
