"""A SQLite engine that counts the rows the database hands back: for tests bounding a query's cost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import create_engine


class RowCounter:
    """A SQLite engine whose cursors count every row the database hands back."""

    def __init__(self, path: Path) -> None:
        self.rows = 0
        counter = self

        class Cursor(sqlite3.Cursor):
            def fetchone(self):  # type: ignore[no-untyped-def]
                row = super().fetchone()
                counter.rows += row is not None
                return row

            def fetchmany(self, *args):  # type: ignore[no-untyped-def]
                rows = super().fetchmany(*args)
                counter.rows += len(rows)
                return rows

            def fetchall(self):  # type: ignore[no-untyped-def]
                rows = super().fetchall()
                counter.rows += len(rows)
                return rows

        class Connection(sqlite3.Connection):
            def cursor(self, factory=Cursor):  # type: ignore[no-untyped-def, override]
                return super().cursor(factory)

        self.engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(path, factory=Connection))
