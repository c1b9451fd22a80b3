"""Options shared by the database commands: --config and --db, and opening their store.

Not a subcommand itself. `crawl`, `digest`, `run` and `status` require --config; `facts`
requires --config or --db; `replay` reads --config, else ./config.toml when present, else
the embedded defaults. --db overrides [database].url (and CAPEXWATCH_DATABASE_URL).
Commands that only read open the store with create=False: a database that does not exist
is one line naming where its URL came from (--db, CAPEXWATCH_DATABASE_URL or
[database].url), never a new empty file. A store that cannot be opened is one stderr line
(the caller exits 2).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crawler.config import Config, ConfigError, load_config, with_database_url
from crawler.store import Store, StoreError, open_store

DEFAULT_CONFIG = Path("config.toml")


def add_config_and_db(parser: argparse.ArgumentParser, *, config_required: bool = False) -> None:
    config_help = ("the TOML configuration file" if config_required
                   else "config.toml (default: ./config.toml if present, else built-in defaults)")
    parser.add_argument("--config", required=config_required, help=config_help)
    parser.add_argument("--db", metavar="URL", help="database URL, overriding [database].url")


def configured(args: argparse.Namespace) -> Config:
    """The configuration for this command (ConfigError names file and setting)."""
    path = args.config or (DEFAULT_CONFIG if DEFAULT_CONFIG.is_file() else None)
    config = load_config(path)
    return with_database_url(config, args.db) if args.db else config


def require_config_or_db(args: argparse.Namespace, command: str) -> None:
    """For commands that read a database: which one must be said, never guessed from the cwd."""
    if not args.config and not args.db:
        raise ConfigError(f"{command}: give --config FILE or --db URL (which database to read)")


def open_configured_store(args: argparse.Namespace, *, create: bool) -> tuple[Config, Store | None]:
    """The configuration and the opened store; store None (and one stderr line) if it cannot open."""
    config = configured(args)
    return config, open_config_store(config, create=create)


def open_config_store(config: Config, *, create: bool) -> Store | None:
    """`config`'s store, or None after one stderr line naming where its URL came from."""
    try:
        return open_store(config.database_url, create=create, setting=config.database_setting)
    except StoreError as exc:
        print(f"capexwatch: {exc}", file=sys.stderr)
    return None
