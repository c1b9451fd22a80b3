"""`capexwatch extract`: one JSON line per file in order, one stderr line per bad file,
keywords from the config, and the same capex facts from a seed's text and its HTML page."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from crawler.cli import main
from crawler.config import DEFAULT_KEYWORDS
from crawler.figures.analyze import analyze

SEEDS = [
    "000_6497c23c843cbbd5.txt", "001_98d9237a7e6c59eb.txt", "002_f905c2b626d99512.txt",
    "003_ad73828edec179ee.txt", "004_9aab289c862344ac.txt",
]


@pytest.fixture
def workdir(tmp_path, monkeypatch, seeds_dir, seed_meta):
    """A folder without config.toml holding seed 001 as text and seed 003 as HTML."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(seeds_dir / SEEDS[1], tmp_path / "seed001.txt")
    shutil.copy(seeds_dir / seed_meta[SEEDS[3]]["html"], tmp_path / "seed003.html")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x80\xff\xfe\xc8" * 300)
    return tmp_path


def run_cli(capsys, *argv: str) -> tuple[int, list[dict], list[str]]:
    status = main(["extract", "--format", "jsonl", *argv])
    out, err = capsys.readouterr()
    return status, [json.loads(line) for line in out.splitlines()], err.splitlines()


def test_bad_files_get_one_line_each_and_the_others_are_printed(workdir, capsys):
    status, rows, errors = run_cli(capsys, "--published", "2025-02-24", "seed001.txt", "missing.txt",
                                   "empty.txt", "seed003.html", "binary.txt")
    assert status == 1
    assert [row["path"] for row in rows] == ["seed001.txt", "seed003.html"]
    assert errors == [
        "capexwatch: missing.txt: file not found",
        "capexwatch: empty.txt: file is empty",
        "capexwatch: binary.txt: cannot decode the text (tried utf-8, cp949)",
    ]


def test_good_files_exit_zero_and_print_the_contract_fields(workdir, capsys):
    status, rows, errors = run_cli(capsys, "--published", "2025-02-24", "--url", "https://example.com/a?idxno=1",
                                   "seed001.txt")
    assert (status, errors) == (0, [])
    row = rows[0]
    assert {"path", "url", "title", "published", "author", "body", "keywords", "mentions"} <= set(row)
    assert row["url"] == "https://example.com/a?idxno=1"
    assert row["published"] == "2025-02-24"  # the file gives no date: --published anchors it
    assert row["body"][0].startswith("중국 1세대 테크 기업인 알리바바가")
    assert "투자" in row["keywords"]


def test_html_page_date_wins_over_published(workdir, capsys):
    _status, rows, _errors = run_cli(capsys, "--published", "2030-01-01", "seed003.html")
    assert rows[0]["published"] == "2025-02-07"


def test_keywords_come_from_the_config(workdir, capsys):
    (workdir / "other.toml").write_text('[keywords]\nwords = ["양자컴퓨터"]\n', encoding="utf-8")
    _status, rows, _errors = run_cli(capsys, "--config", "other.toml", "seed001.txt")
    assert (rows[0]["keywords"], rows[0]["mentions"]) == ([], [])  # no keyword: no mentions


def test_bad_published_date_is_a_usage_error(workdir, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["extract", "--format", "jsonl", "--published", "24.02.2025", "seed001.txt"])
    assert stop.value.code == 2
    assert "not a date YYYY-MM-DD" in capsys.readouterr().err


def test_the_program_prints_one_line_per_bad_file_and_no_traceback_or_library_chatter(workdir):
    (workdir / "blank.html").write_text("<html><head><title>x</title></head><body><div></div></body></html>")
    proc = subprocess.run([sys.executable, "-m", "crawler", "extract", "--format", "jsonl", "missing.txt",
                           "blank.html", "seed001.txt"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        "capexwatch: missing.txt: file not found",
        "capexwatch: blank.html: no article text found in the page",  # trafilatura's own warning is not shown
    ]
    assert len(proc.stdout.splitlines()) == 1


@pytest.mark.parametrize("name", SEEDS)
def test_html_fixture_gives_the_same_money_figures_as_the_text(name, seeds_dir, seed_meta, seed_expected):
    published = seed_expected["seeds"][name]["published"] or "2024-09-01"

    def figures(data: bytes, is_html: bool) -> set[tuple]:
        result = analyze(data, is_html=is_html, keywords=DEFAULT_KEYWORDS, published=published)
        return {(m.company, m.amount, m.currency, m.qualifier, m.period, m.kind) for m in result.mentions}

    from_text = figures((seeds_dir / name).read_bytes(), False)
    assert figures((seeds_dir / seed_meta[name]["html"]).read_bytes(), True) == from_text
    if any(f["kind"] == "capex" for f in seed_expected["seeds"][name]["facts"]):
        assert any(kind == "capex" for *_, kind in from_text)  # not a comparison of two empty sets


def test_an_article_without_a_keyword_has_no_mentions(seeds_dir):
    data = (seeds_dir / SEEDS[3]).read_bytes()
    assert analyze(data, is_html=False, keywords=("양자컴퓨터",), published="2025-02-07").mentions == ()
    assert analyze(data, is_html=False, keywords=DEFAULT_KEYWORDS, published="2025-02-07").mentions != ()


def test_a_one_sentence_text_file_is_its_body_and_its_figure_is_found(workdir, capsys):
    (workdir / "one.txt").write_text("삼성전자는 평택 공장에 30조원을 투자한다.\n", encoding="utf-8")
    status, rows, errors = run_cli(capsys, "one.txt")
    assert (status, errors) == (0, [])
    assert (rows[0]["title"], rows[0]["body"]) == (None, ["삼성전자는 평택 공장에 30조원을 투자한다."])
    assert [(m["company"], m["amount"], m["currency"], m["kind"]) for m in rows[0]["mentions"]] == [
        ("Samsung Electronics", 30_000_000_000_000, "KRW", "capex")]


def test_a_short_first_sentence_stays_in_the_body(workdir, capsys):
    sentences = ["LG전자는 인도에 가전 공장을 짓는다.", "투자 규모는 약 6억 달러다."]
    (workdir / "two.txt").write_text("\n\n".join(sentences) + "\n", encoding="utf-8")
    _status, rows, _errors = run_cli(capsys, "two.txt")
    assert (rows[0]["title"], rows[0]["body"]) == (None, sentences)


def test_a_headline_line_followed_by_text_is_the_title(workdir, capsys):
    text = "삼성전자, 평택에 30조 투자…2027년 가동\n\n삼성전자는 평택 공장에 30조원을 투자한다.\n"
    (workdir / "three.txt").write_text(text, encoding="utf-8")
    _status, rows, _errors = run_cli(capsys, "three.txt")
    assert (rows[0]["title"], rows[0]["body"]) == ("삼성전자, 평택에 30조 투자…2027년 가동",
                                                   ["삼성전자는 평택 공장에 30조원을 투자한다."])


def test_a_lone_headline_line_is_text_rather_than_an_error(workdir, capsys):
    (workdir / "head.txt").write_text("삼성전자, 평택에 30조원 투자\n", encoding="utf-8")
    status, rows, _errors = run_cli(capsys, "head.txt")
    assert status == 0 and rows[0]["body"] == ["삼성전자, 평택에 30조원 투자"]



FEEDS_AND_SITEMAPS = [
    ("feed.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>전자신문</title>'
                 "<item><title>삼성전자, 평택에 30조 투자</title><link>https://www.etnews.com/1</link></item>"
                 "</channel></rss>\n", "an RSS feed, not an article: list its URL under feeds"),
    ("atom.html", '<?xml version="1.0" encoding="utf-8"?>\n<!-- generator -->\n'
                  '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>투자</title></entry></feed>',
                  "an Atom feed, not an article: list its URL under feeds"),
    ("sitemap.xml", '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url>'
                    "<loc>https://www.etnews.com/1</loc></url></urlset>",
     "a sitemap, not an article: list its URL under sitemaps"),
]


@pytest.mark.parametrize("name, content, message", FEEDS_AND_SITEMAPS, ids=[c[0] for c in FEEDS_AND_SITEMAPS])
def test_a_feed_or_sitemap_is_one_clear_line(workdir, capsys, name, content, message):
    (workdir / name).write_text(content, encoding="utf-8")
    status, printed, errors = run_cli(capsys, name, "seed001.txt")
    assert status == 1 and [p["path"] for p in printed] == ["seed001.txt"]
    assert errors == [f"capexwatch: {name}: {message} of a [[sources]] entry and crawl it"]
