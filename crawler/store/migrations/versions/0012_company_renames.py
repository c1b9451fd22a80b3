"""More companies renamed in crawler/data/companies.toml: stored mentions and facts take the new names.

The same rewrite as 0010 (mentions' company and members, facts' subject and members, a colliding fact
folded into the row already under the new name), for the names renamed after 0011: ISU Chemical
(이수화학) has been ISU Specialty Chemical (이수스페셜티케미컬) since 2023, as readers write it.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import importlib

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

RENAMES = {"ISU Chemical": "ISU Specialty Chemical"}
_0010 = importlib.import_module("crawler.store.migrations.versions.0010_company_renames")


def upgrade() -> None:
    _0010.rename(RENAMES)


def downgrade() -> None:
    _0010.rename_back(RENAMES)
