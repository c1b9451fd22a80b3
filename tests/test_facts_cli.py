"""`facts`: print, export and import the known facts (CONTRACT.md fields)."""

from __future__ import annotations

import json

import pytest

from crawler.cli import main
from crawler.models import Article, ExtractResult, Mention
from crawler.store import open_store

CONTRACT_FIELDS = {"company", "members", "amount", "amount_max", "currency", "qualifier", "period", "kind",
                   "first_seen", "status", "sources"}
PLAN = ("카카오가 올해 AI 데이터센터 구축에 6000억원을 투자한다.", "안산 데이터센터 증설에 투입된다.")
SAMSUNG = ("삼성전자는 평택 반도체 공장 증설에 올해 53조원을 투자한다.",)


def stored(db_url: str) -> None:
    store = open_store(db_url)
    kakao = Mention("Kakao", 6000 * 10**8, "KRW", period="2025", kind="capex")
    samsung = Mention("Samsung Electronics", 53 * 10**12, "KRW", period="2025", kind="capex", qualifier="approx")
    for body, mention, url, published in [
        (PLAN, kakao, "https://www.etnews.com/20250310000111", "2025-03-10"),
        (PLAN, kakao, "https://news.daum.net/v/20250310090000?utm_source=daum", "2025-03-10"),  # syndicated
        (SAMSUNG, samsung, "https://www.hankyung.com/article/2025040112", "2025-04-01"),
    ]:
        article = Article(body=body, published=published, url=url)
        store.save_article(ExtractResult(article, ("투자",), (mention,)))
    store.close()


def config_file(tmp_path, db_url: str):
    path = tmp_path / "config.toml"
    path.write_text(f'[database]\nurl = "{db_url}"\n', encoding="utf-8")
    return path


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_facts_prints_one_line_per_fact_with_every_source(db_url, tmp_path, capsys):
    stored(db_url)
    code, out, err = run_cli(capsys, "facts", "--config", str(config_file(tmp_path, db_url)), "--format", "jsonl")
    assert (code, err) == (0, "")
    lines = [json.loads(line) for line in out.splitlines()]
    assert [set(line) for line in lines] == [CONTRACT_FIELDS, CONTRACT_FIELDS]
    kakao = next(line for line in lines if line["company"] == "Kakao")
    assert kakao == {
        "company": "Kakao", "members": None, "amount": 600000000000, "amount_max": None, "currency": "KRW",
        "qualifier": "exact", "period": "2025", "kind": "capex", "first_seen": "2025-03-10", "status": "new",
        "sources": ["https://www.etnews.com/20250310000111", "https://news.daum.net/v/20250310090000"],
    }


def test_csv_export_imports_into_another_database_unchanged(db_url, tmp_path, capsys):
    original = f"sqlite:///{tmp_path / 'original.db'}"
    stored(original)
    code, exported, _ = run_cli(capsys, "facts", "export", "--format", "csv", "--db", original)
    assert code == 0 and exported.splitlines()[0].split(",") == [
        "company", "members", "amount", "amount_max", "currency", "qualifier", "period", "kind", "first_seen",
        "status", "sources"]
    assert "https://news.daum.net/v/20250310090000" in exported  # the sources column is filled
    baseline = tmp_path / "baseline.csv"
    baseline.write_text(exported, encoding="utf-8")
    code, out, _ = run_cli(capsys, "facts", "import", str(baseline), "--db", db_url)
    assert code == 0 and out.startswith("2 facts imported")
    _, again, _ = run_cli(capsys, "facts", "export", "--format", "csv", "--db", db_url)
    assert again == exported  # sources, first_seen and status included


def test_import_jsonl_and_again_is_idempotent(sqlite_url, tmp_path, capsys):
    path = tmp_path / "facts.jsonl"
    path.write_text(json.dumps({"company": "Alibaba", "amount": 380000000000, "currency": "CNY",
                                "period": "2025-2027", "kind": "capex", "first_seen": "2025-02-24"}) + "\n",
                    encoding="utf-8")
    for _ in range(2):
        assert run_cli(capsys, "facts", "import", str(path), "--db", sqlite_url)[0] == 0
    _, out, _ = run_cli(capsys, "facts", "export", "--db", sqlite_url)
    [line] = [json.loads(x) for x in out.splitlines()]
    assert (line["company"], line["period"], line["amount"], line["status"]) == ("Alibaba", "2025-2027",
                                                                                380000000000, "new")


@pytest.mark.parametrize("period", ["FY2026Q2", "FY2020-FY2022", "2025Q1-Q3", "2025H1"])
def test_every_period_the_extractor_gives_imports(sqlite_url, tmp_path, capsys, period):
    path = tmp_path / "facts.jsonl"
    path.write_text(json.dumps({"company": "Microsoft", "amount": 37500000000, "currency": "USD",
                                "period": period, "kind": "capex"}) + "\n", encoding="utf-8")
    assert run_cli(capsys, "facts", "import", str(path), "--db", sqlite_url)[0] == 0
    _, out, _ = run_cli(capsys, "facts", "export", "--db", sqlite_url)
    assert [json.loads(x)["period"] for x in out.splitlines()] == [period]


@pytest.mark.parametrize(
    "row, message",
    [
        ("Naver,,1조,,KRW,exact,2025,capex,,,", "amount must be a whole number"),
        (",,100,,KRW,exact,2025,capex,,,", "company is required"),
        ("Naver,,100,,KRW,exact,올해,capex,,,", "period must be"),
        ("Naver,,100,,won,exact,2025,capex,,,", "currency must be an ISO 4217 code"),
        ("Naver,,100,,KRW,exact,2025,spending,,,", "kind must be one of"),
    ],
)
def test_a_bad_import_row_is_one_line_and_imports_nothing(sqlite_url, tmp_path, capsys, row, message):
    path = tmp_path / "bad.csv"
    good = "Kakao,,600000000000,,KRW,exact,2025,capex,2025-03-10,new,"
    path.write_text("company,members,amount,amount_max,currency,qualifier,period,kind,first_seen,status,sources\n"
                    f"{good}\n{row}\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "facts", "import", str(path), "--db", sqlite_url)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and f"{path}:3: " in err and message in err
    assert run_cli(capsys, "facts", "--db", sqlite_url)[1] == ""


def test_import_of_a_missing_file_names_it(sqlite_url, tmp_path, capsys):
    code, _, err = run_cli(capsys, "facts", "import", str(tmp_path / "nope.csv"), "--db", sqlite_url)
    assert code == 2 and "nope.csv" in err and err.count("\n") == 1


def test_bad_database_url_is_one_line_naming_the_setting(capsys):
    code, out, err = run_cli(capsys, "facts", "--db", "postgresql+psycopg://u:hunter2@127.0.0.1:1/x")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "--db: cannot open" in err and "hunter2" not in err


HEADER = "company,members,amount,amount_max,currency,qualifier,period,kind,first_seen,status,sources\n"
AMAZON = "Amazon,,{amount},,USD,exact,2025,capex,2025-02-07,new,https://www.example.com/amazon-capex-100bn\n"


def test_one_imported_fact_is_announced_in_the_singular(db_url, tmp_path, capsys):
    path = tmp_path / "amazon.csv"
    path.write_text(HEADER + AMAZON.format(amount=100 * 10**9), encoding="utf-8")
    code, out, err = run_cli(capsys, "facts", "import", str(path), "--db", db_url)
    assert (code, err) == (0, "")
    assert out == f"1 fact imported from {path} (1 new, 0 already known with the same value)\n"


def test_a_known_fact_with_the_same_value_is_left_as_it_is(db_url, tmp_path, capsys):
    stored(db_url)
    path = tmp_path / "kakao.csv"
    path.write_text(HEADER + "Kakao,,600000000000,,KRW,exact,2025,capex,2024-01-01,confirmed,\n", encoding="utf-8")
    _, before, _ = run_cli(capsys, "facts", "export", "--db", db_url)
    code, out, err = run_cli(capsys, "facts", "import", str(path), "--db", db_url)
    assert (code, err) == (0, "") and "(0 new, 1 already known with the same value)" in out
    assert run_cli(capsys, "facts", "export", "--db", db_url)[1] == before  # first_seen and status kept


def test_a_changed_value_for_a_known_fact_is_refused_naming_file_line_and_field(db_url, tmp_path, capsys):
    first = tmp_path / "baseline.csv"
    first.write_text(HEADER + AMAZON.format(amount=100 * 10**9), encoding="utf-8")
    assert run_cli(capsys, "facts", "import", str(first), "--db", db_url)[0] == 0
    changed = tmp_path / "changed.csv"
    changed.write_text(HEADER + "Meta,,65000000000,,USD,exact,2025,capex,2025-01-24,new,\n"
                       + AMAZON.format(amount=110 * 10**9), encoding="utf-8")
    code, out, err = run_cli(capsys, "facts", "import", str(changed), "--db", db_url)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert f"{changed}:3: amount 110000000000 differs from the stored 100000000000 for Amazon capex 2025" in err
    _, exported, _ = run_cli(capsys, "facts", "export", "--db", db_url)
    [amazon] = [json.loads(line) for line in exported.splitlines()]  # nothing imported: no Meta either
    assert (amazon["amount"], amazon["status"]) == (100 * 10**9, "new")


def test_imported_facts_are_not_announced_by_the_digest(db_url, tmp_path, capsys):
    from crawler.store.deliveries import pending_changes

    path = tmp_path / "amazon.jsonl"
    path.write_text(json.dumps({"company": "Amazon", "amount": 100 * 10**9, "currency": "USD", "period": "2025",
                                "kind": "capex", "sources": ["https://www.example.com/a"]}) + "\n", encoding="utf-8")
    assert run_cli(capsys, "facts", "import", str(path), "--db", db_url)[0] == 0
    store = open_store(db_url)
    assert pending_changes(store.engine) == []
    [fact] = store.facts()
    assert fact.sources == ("https://www.example.com/a",)
    store.close()


def test_imported_companies_take_the_names_the_extractor_gives(sqlite_url, tmp_path, capsys):
    """An analyst's file may name a company in Korean or by a former canonical name; imported facts must meet
    the facts found in articles, so they are stored under the alias table's name (aggregates sorted)."""
    rows = [{"company": "삼성전자", "amount": 53 * 10**12, "currency": "KRW", "period": "2025"},
            {"company": "KB Financial", "amount": 1850 * 10**8, "currency": "KRW", "period": "2019"},
            {"company": "SK하이닉스+삼성전자", "members": ["SK하이닉스", "삼성전자"], "amount": 10**12,
             "currency": "KRW", "period": "2026"},
            {"company": "스타트업 알파", "amount": 10**9, "currency": "KRW", "period": "2025"}]
    path = tmp_path / "known.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    assert run_cli(capsys, "facts", "import", str(path), "--db", sqlite_url)[0] == 0
    store = open_store(sqlite_url)
    found = {(f.key.subject, f.members) for f in store.facts()}
    store.close()
    assert found == {("Samsung Electronics", None), ("KB Financial Group", None),
                     ("SK hynix+Samsung Electronics", ("SK hynix", "Samsung Electronics")), ("스타트업 알파", None)}
