"""More companies renamed in crawler/data/companies.toml: stored mentions and facts take the new names.

The same rewrite as 0010 (mentions' company and members, facts' subject and members, a colliding fact
folded into the row already under the new name), for the names renamed after 0011: ISU Chemical
(이수화학) has been ISU Specialty Chemical (이수스페셜티케미컬) since 2023, as readers write it.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import importlib

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

RENAMES = {"ISU Chemical": "ISU Specialty Chemical"}
_0010 = importlib.import_module("crawler.store.migrations.versions.0010_company_renames")


def upgrade() -> None:
    bind = op.get_bind()
    _0010._rename_mentions(bind, RENAMES)
    _0010._rename_facts(bind, RENAMES)


def downgrade() -> None:
    bind = op.get_bind()
    back = {new: old for old, new in RENAMES.items()}
    _0010._rename_mentions(bind, back)
    _0010._rename_facts(bind, back)
