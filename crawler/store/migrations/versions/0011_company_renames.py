"""More companies renamed in crawler/data/companies.toml: stored mentions and facts take the new names.

The same rewrite as 0010 (mentions' company and members, facts' subject and members, a colliding fact
folded into the row already under the new name), for the names renamed after it: Daehan Yuhwa (대한유화)
goes by its own English name, Korea Petrochemical Ind., as readers write it.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import importlib

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

RENAMES = {"Daehan Yuhwa": "Korea Petrochemical Ind."}
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
