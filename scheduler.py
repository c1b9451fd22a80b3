"""`python scheduler.py --config FILE [--log-file F]`: the capexwatch daemon (see crawler/daemon.py).

Exit codes: 0 stopped by SIGTERM/SIGINT, 2 bad configuration or database,
3 another daemon already runs on this database, 4 the database lock was lost.
"""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scheduler.py", description="capexwatch daemon: scheduled crawls and digests")
    parser.add_argument("--config", required=True, help="the TOML configuration file")
    parser.add_argument("--log-file", help="also append the log to this file")
    parser.add_argument("--log-level", default="INFO", help="DEBUG, INFO (default), WARNING, ERROR")
    args = parser.parse_args(argv)

    import logging

    from crawler.config import ConfigError
    from crawler.daemon.service import main as run_daemon
    from crawler.daemon.service import setup_logging
    from crawler.store import StoreError

    setup_logging(args.log_file, getattr(logging, str(args.log_level).upper(), logging.INFO))
    try:
        return run_daemon(args.config)
    except (ConfigError, StoreError) as exc:
        print(f"capexwatch: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
