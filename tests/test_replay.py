"""`replay`: the seeds (and any saved pages) through analyze -> save_article, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter

import pytest
from sqlalchemy import func, select

from crawler.cli import main
from crawler.replay import Document, collect_documents
from crawler.store import open_store
from crawler.store.schema import metadata
from tests.conftest import ROOT

STARGATE_NAMES = {"Stargate", "OpenAI", "OpenAI+Oracle+SoftBank"}  # expected.json: all three are right


def replay(capsys, db_url: str, *paths: str) -> tuple[int, list[dict], str]:
    code = main(["replay", "--db", db_url, *paths])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err


def row_counts(db_url: str) -> dict[str, int]:
    store = open_store(db_url)
    with store.reading() as conn:
        counts = {n: conn.execute(select(func.count()).select_from(t)).scalar() for n, t in metadata.tables.items()}
    store.close()
    return counts


def seed_name(record: dict) -> str:
    return os.path.basename(record["path"])


def capex_key(company: str, change_or_fact: dict) -> tuple:
    name = "Stargate" if company in STARGATE_NAMES else company
    return (name, change_or_fact["period"], change_or_fact["amount"], change_or_fact["currency"])


def test_seed_replay_matches_the_expected_diff_and_is_idempotent(db_url, seeds_dir, seed_expected, capsys):
    code, records, err = replay(capsys, db_url, str(seeds_dir))
    assert (code, err) == (0, "")
    assert [seed_name(r) for r in records] == seed_expected["replay_order"]
    by_seed = {seed_name(r): r for r in records}
    for name, seed in seed_expected["seeds"].items():
        new_capex = Counter(capex_key(c["company"], c) for c in by_seed[name]["changes"]
                            if c["status"] == "new" and c["kind"] == "capex")
        expected = Counter(capex_key(f["company"], f) for f in seed["facts"] if f["kind"] == "capex"
                           and name != "004_9aab289c862344ac.txt")
        assert new_capex == expected, name
    assert sum(c["status"] == "new" and c["kind"] == "capex" for r in records for c in r["changes"]) == 13

    last = by_seed["004_9aab289c862344ac.txt"]
    assert [c["status"] for c in last["changes"] if c["status"] == "new"] == []
    confirmed = [c for c in last["changes"] if c["status"] == "confirmed" and c["kind"] == "capex"]
    assert [(c["company"], c["period"], c["previous"]) for c in confirmed] == [
        ("Alibaba", "2025-2027", {"amount": 380000000000, "amount_max": None, "currency": "CNY"})]

    counts = row_counts(db_url)
    code, again, err = replay(capsys, db_url, str(seeds_dir))
    assert (code, err) == (0, "")
    assert [r["article_id"] for r in again] == [r["article_id"] for r in records]
    assert all(r["created"] is False and r["changes"] == [] for r in again)
    assert row_counts(db_url) == counts


def test_seed_facts_after_replay(sqlite_url, seeds_dir, capsys):
    replay(capsys, sqlite_url, str(seeds_dir))
    main(["facts", "--db", sqlite_url, "--format", "jsonl"])
    facts = [json.loads(line) for line in capsys.readouterr()[0].splitlines()]
    alibaba = [f for f in facts if f["company"] == "Alibaba" and f["kind"] == "capex" and f["period"] == "2025-2027"]
    assert [(f["amount"], f["currency"], f["status"], f["first_seen"]) for f in alibaba] == [
        (380000000000, "CNY", "confirmed", "2025-02-24")]
    assert sorted(alibaba[0]["sources"]) == sorted(str(seeds_dir / n) for n in (
        "001_98d9237a7e6c59eb.txt", "004_9aab289c862344ac.txt"))
    assert sum(f["kind"] == "capex" for f in facts) == 13


def test_krw_restatement_confirms_the_yuan_plan(sqlite_url, seeds_dir, tmp_path, capsys):
    shutil.copy(seeds_dir / "001_98d9237a7e6c59eb.txt", tmp_path)
    (tmp_path / "krw.txt").write_text(
        "알리바바, 향후 3년 AI 인프라에 74조 원 투자\n\n"
        "알리바바 그룹은 향후 3년 동안 AI와 클라우드 인프라에 74조 원을 투자하겠다는 계획을 재확인했다.\n\n"
        "회사는 데이터센터 증설을 이어갈 계획이라고 밝혔다.\n", encoding="utf-8")
    (tmp_path / "meta.json").write_text(json.dumps({"seeds": {
        "001_98d9237a7e6c59eb.txt": {"published": "2025-02-24", "url": None},
        "krw.txt": {"published": "2025-11-09", "url": "https://www.example.co.kr/news/articleView.html?idxno=9"},
    }}), encoding="utf-8")
    code, records, _ = replay(capsys, sqlite_url, str(tmp_path))
    assert code == 0 and [seed_name(r) for r in records] == ["001_98d9237a7e6c59eb.txt", "krw.txt"]
    capex = [(c["status"], c["company"], c["period"]) for c in records[1]["changes"] if c["kind"] == "capex"]
    assert capex == [("confirmed", "Alibaba", "2025-2027")]


def test_bad_files_are_named_and_the_others_still_replayed(sqlite_url, seeds_dir, tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x80" * 300)
    shutil.copy(seeds_dir / "003_ad73828edec179ee.txt", tmp_path)
    code, records, err = replay(capsys, sqlite_url, str(tmp_path), str(tmp_path / "missing.txt"))
    assert code == 1
    assert [seed_name(r) for r in records] == ["003_ad73828edec179ee.txt"]
    lines = err.splitlines()
    assert len(lines) == 3 and all(line.startswith("capexwatch: ") for line in lines)
    for name in ("empty.txt", "binary.txt", "missing.txt"):
        assert sum(name in line for line in lines) == 1, err
    assert "Traceback" not in err


def test_documents_are_stored_in_order_of_publication(sqlite_url, tmp_path, capsys):
    # c.txt has no date of its own (order_date only orders it), so it names the year
    for name, year, amount in (("a.txt", "올해", "6000억원"), ("b.txt", "올해", "6000억원"),
                               ("c.txt", "2025년", "5000억원")):
        (tmp_path / name).write_text(
            f"카카오, 데이터센터 투자 확대 ({name})\n\n"
            f"카카오가 {year} 안산 데이터센터 증설에 {amount}을 투자한다고 {name} 기사가 전했다. "
            "회사는 AI 수요 급증에 대비해 서버와 전력 설비를 늘릴 계획이라고 밝혔다.\n\n"
            "업계는 카카오의 이번 투자가 국내 클라우드 시장 경쟁을 더욱 치열하게 만들 것으로 내다봤다.\n",
            encoding="utf-8")
    (tmp_path / "meta.json").write_text(json.dumps({"seeds": {
        "a.txt": {"published": "2025-03-02"}, "b.txt": {"published": "2025-03-01"},
        "c.txt": {"published": None, "order_date": "2025-02"}}}), encoding="utf-8")
    code, records, _ = replay(capsys, sqlite_url, str(tmp_path))
    assert code == 0 and [seed_name(r) for r in records] == ["c.txt", "b.txt", "a.txt"]
    statuses = [[(c["status"], c["direction"]) for c in r["changes"]] for r in records]
    assert statuses == [[("new", None)], [("revised", "up")], [("confirmed", None)]]


def test_html_seed_takes_its_metadata_from_the_seed_folder(seeds_dir):
    [document] = list(collect_documents([str(seeds_dir / "html" / "000_6497c23c843cbbd5.html")]))
    assert isinstance(document, Document) and document.is_html
    assert document.published == "2024-08-26T16:31:05+09:00"
    [text] = list(collect_documents([str(seeds_dir / "002_f905c2b626d99512.txt")]))
    assert (text.published, text.order_date, text.is_html) == (None, "2024-09", False)


def test_html_page_goes_through_the_html_path(sqlite_url, seeds_dir, capsys):
    code, [record], err = replay(capsys, sqlite_url, str(seeds_dir / "html" / "003_ad73828edec179ee.html"))
    assert code == 0 and record["created"]
    periods = {c["period"] for c in record["changes"] if c["company"] == "Amazon"}
    assert periods == {"2025"}  # anchored by the seed's date from meta.json


@pytest.mark.parametrize(
    "url",
    ["postgresql+psycopg://nobody:secret@127.0.0.1:1/capexwatch", "definitely not a url", "mysql+nodriver://x/y"],
)
def test_bad_database_url_is_one_line_naming_the_setting(url, seeds_dir):
    done = subprocess.run([sys.executable, "-m", "crawler", "replay", "--db", url, str(seeds_dir)],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("capexwatch: --db: ")
    assert "Traceback" not in done.stderr and "secret" not in done.stderr


MS_PLAN = ("MS, 올해 AI 데이터센터에 800억달러 투자\n\n"
           "마이크로소프트(MS)는 올해 AI 데이터센터 구축에 800억달러를 투자한다고 밝혔다.\n\n"
           "회사는 미국 내 데이터센터 증설에 투자금의 절반 이상을 쓸 계획이다.\n")
MS_RAISE = ("MS, 데이터센터 투자 확대\n\n"
            "MS는 올해 데이터센터 투자를 당초 계획보다 늘리기로 했다.\n\n"
            "회사는 구체적인 투자 금액은 밝히지 않았다.\n")
MS_GROWTH = ("MS, AI 인프라 투자 2배 확대\n\n"
             "MS는 AI 수요에 대비해 데이터센터 투자를 2배 확대할 계획이다.\n\n"
             "회사는 데이터센터 투자를 늘릴 계획이었다고 설명했다.\n")


def write_articles(folder, articles: dict[str, tuple[str, str]]) -> None:
    for name, (text, _) in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "meta.json").write_text(json.dumps({"seeds": {
        name: {"published": published, "url": None} for name, (_, published) in articles.items()}}),
        encoding="utf-8")


def test_qualitative_raise_of_a_known_plan_is_revised_up_without_a_new_value(sqlite_url, tmp_path, capsys):
    write_articles(tmp_path, {"a_plan.txt": (MS_PLAN, "2025-01-04"), "b_raise.txt": (MS_RAISE, "2025-04-30"),
                              "c_growth.txt": (MS_GROWTH, "2025-06-02")})
    code, records, err = replay(capsys, sqlite_url, str(tmp_path))
    assert (code, err) == (0, "")
    changes = {seed_name(r): [(c["status"], c["company"], c["period"], c["amount"], c["direction"])
                              for c in r["changes"] if c["kind"] == "capex"] for r in records}
    assert changes == {
        "a_plan.txt": [("new", "Microsoft", "2025", 800 * 10**8, None)],
        "b_raise.txt": [("revised", "Microsoft", "2025", None, "up")],
        "c_growth.txt": [],  # "2배 확대할 계획", "늘릴 계획이었다": no earlier plan revised
    }
    main(["facts", "--db", sqlite_url, "--format", "jsonl"])
    facts = [json.loads(line) for line in capsys.readouterr()[0].splitlines()]
    assert [(f["company"], f["period"], f["amount"], f["currency"], f["status"]) for f in facts
            if f["kind"] == "capex"] == [("Microsoft", "2025", 800 * 10**8, "USD", "revised")]


def test_qualitative_raise_of_an_unknown_fact_makes_nothing(sqlite_url, tmp_path, capsys):
    write_articles(tmp_path, {"b_raise.txt": (MS_RAISE, "2025-04-30")})
    code, [record], _ = replay(capsys, sqlite_url, str(tmp_path))
    assert code == 0 and record["created"] and record["changes"] == []
    counts = row_counts(sqlite_url)
    assert (counts["articles"], counts["mentions"], counts["facts"], counts["changes"]) == (1, 1, 0, 0)


def test_extract_prints_figure_less_revisions_apart_from_money_figures(tmp_path, capsys):
    (tmp_path / "raise.txt").write_text(MS_PLAN + "\nMS는 올해 데이터센터 투자를 당초 계획보다 늘리기로 했다.\n",
                                        encoding="utf-8")
    assert main(["extract", "--format", "jsonl", "--published", "2025-04-30", str(tmp_path / "raise.txt")]) == 0
    [record] = [json.loads(line) for line in capsys.readouterr()[0].splitlines()]
    assert [(m["company"], m["amount"], m["currency"]) for m in record["mentions"]] == [
        ("Microsoft", 800 * 10**8, "USD")]
    assert all(m["amount"] is not None for m in record["mentions"])
    assert [(r["company"], r["amount"], r["trend"], r["kind"], r["period"]) for r in record["revisions"]] == [
        ("Microsoft", None, "up", "capex", "2025")]


def test_extract_prints_a_figure_without_a_number_apart_from_money_figures(tmp_path, capsys):
    (tmp_path / "vague.txt").write_text(MS_PLAN + "\n메타도 올해 데이터센터에 수백억 달러를 투자한다.\n",
                                        encoding="utf-8")
    assert main(["extract", "--format", "jsonl", "--published", "2025-04-30", str(tmp_path / "vague.txt")]) == 0
    [record] = [json.loads(line) for line in capsys.readouterr()[0].splitlines()]
    assert [(m["company"], m["amount"]) for m in record["mentions"]] == [("Microsoft", 800 * 10**8)]
    assert [(m["company"], m["amount"], m["vague"], m["kind"]) for m in record["unquantified"]] == [
        ("Meta", None, True, "capex")]


def test_extract_prints_a_capex_figure_of_no_company_apart_from_money_figures(tmp_path, capsys):
    others = "\n알리바바를 비롯한 중국 기업들이 올해 데이터센터에 5000억달러를 투입한다.\n"
    (tmp_path / "nobody.txt").write_text(MS_PLAN + others, encoding="utf-8")
    assert main(["extract", "--format", "jsonl", "--published", "2025-04-30", str(tmp_path / "nobody.txt")]) == 0
    [record] = [json.loads(line) for line in capsys.readouterr()[0].splitlines()]
    assert [(m["company"], m["amount"]) for m in record["mentions"]] == [("Microsoft", 800 * 10**8)]
    assert [(m["company"], m["amount"], m["kind"]) for m in record["unattributed"]] == [(None, 5000 * 10**8, "capex")]


def test_replayed_seed_text_is_cited_by_its_title_in_the_digest(sqlite_url, seeds_dir, tmp_path, capsys):
    """A seed's text has no headline: it takes the title of the HTML page its meta.json entry names."""
    code, _, _ = replay(capsys, sqlite_url, str(seeds_dir / "003_ad73828edec179ee.txt"))
    assert code == 0
    config = tmp_path / "config.toml"
    config.write_text('[digest]\nto = ["a@example.com"]\n', encoding="utf-8")
    assert main(["digest", "--config", str(config), "--db", sqlite_url, "--dry-run"]) == 0
    text = capsys.readouterr().out
    sources = [line.strip() for line in text.splitlines() if line.strip().startswith("출처:")]
    assert sources and all(line == "출처: 美 빅테크, 딥시크 충격에도 AI 투자 물량공세 (2025-02-07)" for line in sources)
    assert "003_ad73828edec179ee.txt" not in text


def test_a_title_in_the_metadata_names_a_headline_less_text(sqlite_url, tmp_path, capsys):
    (tmp_path / "ms.txt").write_text("마이크로소프트(MS)는 올해 AI 데이터센터 구축에 800억달러를 투자한다고 밝혔다.\n",
                                     encoding="utf-8")
    (tmp_path / "meta.json").write_text(json.dumps({"seeds": {"ms.txt": {"published": "2025-01-04",
                                                                         "title": "MS, 800억달러 투자"}}}),
                                        encoding="utf-8")
    assert replay(capsys, sqlite_url, str(tmp_path / "ms.txt"))[0] == 0
    store = open_store(sqlite_url)
    with store.reading() as conn:
        titles = conn.exec_driver_sql("SELECT title FROM articles").scalars().all()
    store.close()
    assert titles == ["MS, 800억달러 투자"]
