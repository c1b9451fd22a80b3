"""A database created by the first schema revision upgrades to the newest without losing rows."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, insert, select

from crawler.models import Article, ExtractResult, Mention
from crawler.store import open_store
from crawler.store.engine import MIGRATIONS, create_store_engine, upgrade_schema

NOW = datetime(2025, 2, 24, 9, 30, tzinfo=UTC)
ROWS = {
    "sources": [{"id": 1, "name": "chosun", "created_at": NOW}],
    "articles": [{"id": 1, "source_id": 1, "url": "https://biz.chosun.com/it/2025/02/24/ABC/", "canonical_url": None,
                  "path": None, "title": "알리바바 3년간 3800억위안 투자", "published": "2025-02-24",
                  "published_date": date(2025, 2, 24), "author": None,
                  "text": "알리바바가 3년간 AI 인프라에 3800억위안을 투자한다.", "fingerprint": "f" * 64,
                  "keywords": ["투자"], "fetched_at": NOW, "etag": '"abc"', "last_modified": None}],
    "article_urls": [{"id": 1, "url": "https://biz.chosun.com/it/2025/02/24/ABC/", "article_id": 1}],
    "mentions": [{"id": 1, "article_id": 1, "position": 0, "company": "Alibaba", "members": None,
                  "company_ko": "알리바바", "amount": 380000000000, "amount_max": None, "currency": "CNY",
                  "qualifier": "exact", "period": "2025-2027", "kind": "capex",
                  "evidence": "알리바바가 3년간 AI 인프라에 3800억위안을 투자한다.", "vague": False, "trend": None,
                  "conversions": [{"amount": 74900000000000, "currency": "KRW", "qualifier": "approx"}]}],
    "facts": [{"id": 1, "subject": "Alibaba", "kind": "capex", "period": "2025-2027", "members": None,
               "amount": 380000000000, "amount_max": None, "currency": "CNY", "qualifier": "exact",
               "first_seen": date(2025, 2, 24), "last_seen": date(2025, 2, 24), "status": "new", "updated_at": NOW}],
    "fact_sources": [{"id": 1, "fact_id": 1, "article_id": 1}],
    "changes": [{"id": 1, "fact_id": 1, "article_id": 1, "mention_id": 1, "status": "new", "amount": 380000000000,
                 "amount_max": None, "currency": "CNY", "qualifier": "exact", "previous_amount": None,
                 "previous_amount_max": None, "previous_currency": None, "change_pct": None, "direction": None,
                 "created_at": NOW}],
}


def _snapshot(engine) -> dict[str, list[dict]]:
    tables = MetaData()
    tables.reflect(engine)
    with engine.connect() as conn:
        return {name: [{k: row[k] for k in ROWS[name][0]} for row in
                       conn.execute(select(tables.tables[name]).order_by(tables.tables[name].c.id)).mappings()]
                for name in ROWS}


def _normalize(value):
    if isinstance(value, datetime):  # SQLite hands back naive datetimes
        return value.replace(tzinfo=None) if value.tzinfo is None else value.astimezone(UTC).replace(tzinfo=None)
    return value


def test_rows_written_at_revision_0001_survive_the_upgrade_to_head(db_url):
    engine = create_store_engine(db_url)
    upgrade_schema(engine, "0001")
    old = MetaData()
    old.reflect(engine)
    assert "changes" in old.tables and "delivery_id" not in old.tables["changes"].c  # really the first revision
    with engine.begin() as conn:
        for name, rows in ROWS.items():
            # ids come from the database's own sequences, as they did for a real old database
            conn.execute(insert(old.tables[name]), [{k: v for k, v in row.items() if k != "id"} for row in rows])
    upgrade_schema(engine)
    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == head
    after = _snapshot(engine)
    expected = {name: [{k: _normalize(v) for k, v in row.items()} for row in rows] for name, rows in ROWS.items()}
    assert {n: [{k: _normalize(v) for k, v in r.items()} for r in rows] for n, rows in after.items()} == expected
    engine.dispose()

    store = open_store(db_url)  # today's code works on the upgraded database
    [fact] = store.facts()
    assert (fact.key.subject, fact.amount, fact.sources) == ("Alibaba", 380000000000,
                                                             ("https://biz.chosun.com/it/2025/02/24/ABC/",))
    later = ExtractResult(Article(body=("알리바바가 향후 3년 74조 원을 AI 인프라에 투자한다.",), published="2025-11-09",
                                  url="https://www.g-enews.com/article/1"),
                          ("투자",), (Mention("Alibaba", 74 * 10**12, "KRW", period="2025-2027", kind="capex"),))
    assert [c.status for c in store.save_article(later).changes] == ["confirmed"]
    store.close()


def test_renamed_companies_take_their_new_names_and_a_colliding_fact_is_folded(db_url):
    """0010: mentions and facts stored under a former canonical name take the new one (an aggregate re-sorted);
    a fact whose new key exists already (imported under the new name) is folded into it, sources and all."""
    engine = create_store_engine(db_url)
    upgrade_schema(engine, "0009")
    tables = MetaData()
    tables.reflect(engine)
    t = tables.tables
    article = {**ROWS["articles"][0], "id": 1}
    second = {**article, "id": 2, "url": "https://example.com/2", "fingerprint": "e" * 64}
    mention = {k: v for k, v in ROWS["mentions"][0].items() if k != "id"}
    fact = {k: v for k, v in ROWS["facts"][0].items() if k != "id"}
    with engine.begin() as conn:
        conn.execute(insert(t["sources"]), ROWS["sources"])
        conn.execute(insert(t["articles"]), [article, second])
        conn.execute(insert(t["mentions"]), [
            {**mention, "company": "KB Financial", "company_ko": "KB금융"},
            {**mention, "company": "Hua Hong+SK hynix", "members": ["Hua Hong", "SK hynix"], "position": 1}])
        conn.execute(insert(t["facts"]), [
            {**fact, "id": 1, "subject": "KB Financial", "period": "2019"},
            {**fact, "id": 2, "subject": "KB Financial Group", "period": "2019", "status": "imported"},
            {**fact, "id": 3, "subject": "Super Micro", "period": "2025"},
            {**fact, "id": 4, "subject": "Alibaba", "period": "2025"}])
        conn.execute(insert(t["fact_sources"]), [{"fact_id": 1, "article_id": 1}, {"fact_id": 1, "article_id": 2},
                                                  {"fact_id": 2, "article_id": 2}])
    upgrade_schema(engine)
    with engine.connect() as conn:
        mentions = [(r.company, r.members) for r in conn.execute(select(t["mentions"]).order_by(t["mentions"].c.id))]
        facts = {r.id: r.subject for r in conn.execute(select(t["facts"]))}
        sources = sorted((r.fact_id, r.article_id) for r in conn.execute(select(t["fact_sources"])))
    engine.dispose()
    assert mentions == [("KB Financial Group", None),
                        ("Hua Hong Semiconductor+SK hynix", ["Hua Hong Semiconductor", "SK hynix"])]
    assert facts == {2: "KB Financial Group", 3: "Super Micro Computer", 4: "Alibaba"}
    assert sources == [(2, 1), (2, 2)]


def test_every_renamed_company_is_the_alias_tables_name_and_keeps_its_old_one():
    import importlib

    from crawler.figures.korean.companies import canonical_name

    for module in ("0010_company_renames", "0011_company_renames", "0012_company_renames", "0013_company_renames",
                   "0014_company_renames"):
        renames = importlib.import_module(f"crawler.store.migrations.versions.{module}").RENAMES
        assert all(canonical_name(old) == new and canonical_name(new) == new for old, new in renames.items())


def _one_row_named(engine, company: str) -> dict:
    """Store one mention and one fact of `company` at the engine's current revision; the tables read back."""
    tables = MetaData()
    tables.reflect(engine)
    t = tables.tables
    mention = {k: v for k, v in ROWS["mentions"][0].items() if k != "id"}
    fact = {k: v for k, v in ROWS["facts"][0].items() if k != "id"}
    with engine.begin() as conn:
        conn.execute(insert(t["sources"]), ROWS["sources"])
        conn.execute(insert(t["articles"]), [{**ROWS["articles"][0], "id": 1}])
        conn.execute(insert(t["mentions"]), [{**mention, "company": company, "company_ko": None}])
        conn.execute(insert(t["facts"]), [{**fact, "id": 1, "subject": company, "period": "2022"}])
    return t


def _names_stored(engine, t: dict) -> tuple[list, list]:
    with engine.connect() as conn:
        companies = [r.company for r in conn.execute(select(t["mentions"]))]
        subjects = [r.subject for r in conn.execute(select(t["facts"]))]
    engine.dispose()
    return companies, subjects


@pytest.mark.parametrize(("before", "old", "new"), [("0010", "Daehan Yuhwa", "Korea Petrochemical Ind."),
                                                    ("0011", "ISU Chemical", "ISU Specialty Chemical"),
                                                    ("0012", "People & Technology", "PNT"),
                                                    ("0013", "Hanwha", "Hanwha Group")])
def test_a_later_rename_rewrites_rows_stored_under_the_old_name(db_url, before, old, new):
    """0011-0014: a mention and a fact stored under the old name read the new one after the upgrade."""
    engine = create_store_engine(db_url)
    upgrade_schema(engine, before)
    t = _one_row_named(engine, old)
    upgrade_schema(engine)
    assert _names_stored(engine, t) == ([new], [new])


def test_a_rename_downgraded_gives_rows_their_old_name_back(db_url):
    """0014 to 0012 downgraded: a mention and a fact stored as ISU Specialty Chemical read ISU Chemical again."""
    from alembic import command

    from crawler.store.engine import alembic_config

    engine = create_store_engine(db_url)
    upgrade_schema(engine)
    t = _one_row_named(engine, "ISU Specialty Chemical")
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0011")
    assert _names_stored(engine, t) == (["ISU Chemical"], ["ISU Chemical"])
