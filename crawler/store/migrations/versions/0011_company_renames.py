"""More companies renamed in crawler/data/companies.toml: stored mentions and facts take the new names.

The same rewrite as 0010 (mentions' company and members, facts' subject and members, a colliding fact
folded into the row already under the new name), for the names renamed after it: Daehan Yuhwa (대한유화)
goes by its own English name, Korea Petrochemical Ind., as readers write it.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import importlib

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

RENAMES = {"Daehan Yuhwa": "Korea Petrochemical Ind."}
_0010 = importlib.import_module("crawler.store.migrations.versions.0010_company_renames")


def upgrade() -> None:
    _0010.rename(RENAMES)


def downgrade() -> None:
    _0010.rename_back(RENAMES)
