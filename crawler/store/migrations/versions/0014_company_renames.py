"""More companies renamed in crawler/data/companies.toml: stored mentions and facts take the new names.

The same rewrite as 0010 (mentions' company and members, facts' subject and members, a colliding fact
folded into the row already under the new name), for the names renamed after 0013: Hanwha (한화그룹) is
Hanwha Group, as readers write it, and ㈜한화 is Hanwha Corporation (rows stored as Hanwha read Hanwha Group:
the group is what they mostly were).

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

import importlib

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

RENAMES = {"Hanwha": "Hanwha Group"}
_0010 = importlib.import_module("crawler.store.migrations.versions.0010_company_renames")


def upgrade() -> None:
    _0010.rename(RENAMES)


def downgrade() -> None:
    _0010.rename_back(RENAMES)
