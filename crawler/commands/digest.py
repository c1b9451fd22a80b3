"""The `digest` subcommand (not built yet)."""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rest", nargs="*")


def run(args: argparse.Namespace) -> int:
    print("capexwatch: 'digest' is not built yet", file=sys.stderr)
    return 2
