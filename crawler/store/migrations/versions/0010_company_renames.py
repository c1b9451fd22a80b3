"""Companies renamed in crawler/data/companies.toml: stored mentions and facts take the new names.

The alias table's canonical English names now follow how analysts and the labelled articles write
them (the company's own full name: "Hua Hong Semiconductor", "KB Financial Group", "KHNP"); the old
name stays an alias, so text and imported files that use it still find the company. Rows written
before keep the old name, and a fact would no longer meet its new statements: this rewrites the
names in `mentions.company`, `facts.subject` and both tables' `members` (a joint figure "A+B" is
re-sorted as the extractor writes it). A fact whose renamed key (subject, kind, period) exists
already (an imported row under the new name) is folded into that row: its sources and changes move
there and the older row goes, so that nothing is lost. Downgrade renames back (folded rows stay
folded).

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

RENAMES = {
    "Hua Hong": "Hua Hong Semiconductor", "Super Micro": "Super Micro Computer", "Renesas": "Renesas Electronics",
    "ASE": "ASE Technology", "DayOne": "DayOne Data Centers", "APR Corp": "APR",
    "Daewoo Engineering & Construction": "Daewoo E&C", "KEPCO E&C": "KEPCO Engineering & Construction",
    "Korea Hydro & Nuclear Power": "KHNP", "Merck": "Merck KGaA", "Orsted": "Ørsted", "Gotion": "Gotion High-Tech",
    "SL Corp": "SL Corporation", "KB Financial": "KB Financial Group", "Shinhan Financial": "Shinhan Financial Group",
    "Hana Financial": "Hana Financial Group", "Woori Financial": "Woori Financial Group",
    "Korea National Oil": "Korea National Oil Corporation",
}
_log = logging.getLogger("alembic.runtime.migration")


def _renamed(subject: str | None, members: Any, names: dict[str, str]) -> tuple[str | None, Any]:
    """The subject and members with the names replaced; an aggregate "A+B" of its members re-sorted."""
    new_members = [names.get(m, m) for m in members] if isinstance(members, list) else members
    if subject is None:
        return None, new_members
    if isinstance(members, list) and subject == "+".join(members):
        new_members = sorted(set(new_members))
        return "+".join(new_members), new_members
    return "+".join(names.get(part, part) for part in subject.split("+")), new_members


def _rename_mentions(bind: Any, names: dict[str, str]) -> None:
    table = sa.table("mentions", sa.column("id", sa.Integer), sa.column("company", sa.String),
                     sa.column("members", sa.JSON))
    for row_id, company, members in bind.execute(sa.select(table.c.id, table.c.company, table.c.members)).all():
        new_company, new_members = _renamed(company, members, names)
        if (new_company, new_members) != (company, members):
            bind.execute(sa.update(table).where(table.c.id == row_id).values(company=new_company, members=new_members))


def _rename_facts(bind: Any, names: dict[str, str]) -> None:
    facts = sa.table("facts", sa.column("id", sa.Integer), sa.column("subject", sa.String),
                     sa.column("kind", sa.String), sa.column("period", sa.String), sa.column("members", sa.JSON))
    rows = bind.execute(sa.select(facts.c.id, facts.c.subject, facts.c.kind, facts.c.period, facts.c.members)).all()
    keys = {(r.subject, r.kind, r.period): r.id for r in rows}
    for row in rows:
        subject, members = _renamed(row.subject, row.members, names)
        if (subject, members) == (row.subject, row.members):
            continue
        existing = keys.get((subject, row.kind, row.period))
        if existing is not None and existing != row.id:
            _fold(bind, row.id, existing)
            _log.info("facts: %s (%s %s) folded into the row already named %s", row.subject, row.kind,
                      row.period or "-", subject)
            continue
        bind.execute(sa.update(facts).where(facts.c.id == row.id).values(subject=subject, members=members))
        keys[(subject, row.kind, row.period)] = row.id


def _fold(bind: Any, old_id: int, into_id: int) -> None:
    """Move a fact row's sources (those the other row lacks) and changes to another row, then delete it."""
    sources = sa.table("fact_sources", sa.column("id", sa.Integer), sa.column("fact_id", sa.Integer),
                       sa.column("article_id", sa.Integer))
    changes = sa.table("changes", sa.column("fact_id", sa.Integer))
    facts = sa.table("facts", sa.column("id", sa.Integer))
    kept = set(bind.execute(sa.select(sources.c.article_id).where(sources.c.fact_id == into_id)).scalars())
    for source_id, article_id in bind.execute(sa.select(sources.c.id, sources.c.article_id)
                                              .where(sources.c.fact_id == old_id)).all():
        if article_id in kept:
            bind.execute(sa.delete(sources).where(sources.c.id == source_id))
        else:
            bind.execute(sa.update(sources).where(sources.c.id == source_id).values(fact_id=into_id))
    bind.execute(sa.update(changes).where(changes.c.fact_id == old_id).values(fact_id=into_id))
    bind.execute(sa.delete(facts).where(facts.c.id == old_id))


def rename(renames: dict[str, str]) -> None:
    """Rewrite stored mentions and facts from each old name to its new one (later renames call this too)."""
    bind = op.get_bind()
    _rename_mentions(bind, renames)
    _rename_facts(bind, renames)


def rename_back(renames: dict[str, str]) -> None:
    rename({new: old for old, new in renames.items()})


def upgrade() -> None:
    rename(RENAMES)


def downgrade() -> None:
    rename_back(RENAMES)
