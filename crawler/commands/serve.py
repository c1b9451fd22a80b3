"""The `serve` subcommand: the read-only web view (crawler/web/) on the configured store.

    python -m crawler serve --config FILE [--host 127.0.0.1] [--port 8000] [--db URL]

Binds to 127.0.0.1 unless --host or [web].host says otherwise. The store is opened
without migrating it (a read-only PostgreSQL role can run this); a database whose schema
is missing or older than this code is one line naming [database].url and exit 2.
"""

from __future__ import annotations

import argparse
import sys

from crawler.commands.settings import add_config_and_db, configured
from crawler.store import StoreError, open_store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_config_and_db(parser)
    parser.add_argument("--host", help="address to bind (default [web].host, 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port (default [web].port, 8000)")


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from crawler.web.app import create_app
    from crawler.web.readiness import check_readable

    config = configured(args)
    host, port = args.host or config.web.host, args.port or config.web.port
    if not 0 < port < 65536:
        print(f"capexwatch: --port must be between 1 and 65535, not {port}", file=sys.stderr)
        return 2
    store = open_store(config.database_url, migrate=False)
    try:
        check_readable(store)
        print(f"capexwatch: serving the read-only web view on http://{host}:{port}/ (Ctrl-C stops)", file=sys.stderr)
        uvicorn.run(create_app(config, store), host=host, port=port, log_level=str(args.log_level).lower(),
                    access_log=False, server_header=False)
    except StoreError as exc:
        print(f"capexwatch: {exc}", file=sys.stderr)
        return 2
    finally:
        store.close()
    return 0
