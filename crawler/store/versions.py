"""What a stored article already said, so that a new version of it is not news about itself.

`statements` reads an article's mentions as comparable tuples (company, kind, period,
amount, amount_max, currency, trend); `already_stated` tells `save_article` which changes
of a new version only repeat the article (see crawler/store/articles.py).
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Connection, select

from crawler.models import Change, Fact, FactKey, Mention
from crawler.store.schema import fact_sources, mentions


def already_stated(change: Change, known: Mapping[FactKey, Fact], sourced: set[int], earlier: set[tuple]) -> bool:
    """Is `change` this article restating itself (a fact it sources, confirmed or said the same way)?"""
    fact = known.get(change.key)
    if fact is None or fact.fact_id not in sourced:
        return False
    return change.status == "confirmed" or statement(change.mention) in earlier


def statement(m: Mention) -> tuple:
    return (m.company, m.kind, m.period or None, m.amount, m.amount_max, m.currency, m.trend)


def statements(conn: Connection, article_id: int) -> dict[int, tuple]:
    """What the stored versions of an article said: mention id -> its statement (see `statement`)."""
    rows = conn.execute(select(mentions.c.id, mentions.c.company, mentions.c.kind, mentions.c.period,
                               mentions.c.amount, mentions.c.amount_max, mentions.c.currency, mentions.c.trend)
                        .where(mentions.c.article_id == article_id))
    return {r.id: (r.company, r.kind, r.period or None, r.amount, r.amount_max, r.currency, r.trend) for r in rows}


def sourced_facts(conn: Connection, article_id: int) -> set[int]:
    return set(conn.execute(select(fact_sources.c.fact_id).where(fact_sources.c.article_id == article_id)).scalars())
