"""More companies renamed in crawler/data/companies.toml: stored mentions and facts take the new names.

The same rewrite as 0010 (mentions' company and members, facts' subject and members, a colliding fact
folded into the row already under the new name), for the names renamed after 0012: People & Technology
(피엔티) is written PNT, the name the company and its readers use.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import importlib

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

RENAMES = {"People & Technology": "PNT"}
_0010 = importlib.import_module("crawler.store.migrations.versions.0010_company_renames")


def upgrade() -> None:
    _0010.rename(RENAMES)


def downgrade() -> None:
    _0010.rename_back(RENAMES)
