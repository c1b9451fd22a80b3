"""The errors a user sees as one line (no traceback): bad configuration, unusable database.

Kept free of heavy imports so the command line can catch them without loading
SQLAlchemy for commands that never touch the database.
"""

from __future__ import annotations


class ConfigError(Exception):
    """A setting is missing or wrong; the message names the file and the setting."""


class StoreError(Exception):
    """The database cannot be used; the message is one line naming the setting."""
