"""Layout families (tests/fixtures/layouts/<family>/): each recorded page gives its expected
title, date, author and body paragraphs, and none of the lines that must not appear.

`python tools/layout_report.py` prints the same cases as a table (recall, extras, reader)."""

from __future__ import annotations

import pytest

from tests.layoutcases import case_names, fallback_ran, load_case, read_case, score

NAMES = case_names()
# which reader the page needs, written down from the page's structure: trafilatura (or the
# site rule) where it succeeds, otherwise the fallback step that holds the article, or the
# AMP or print version the page links when the page itself holds no article (or only its lead)
FALLBACK_STEPS = {
    "table_cms": "blocks", "portal_mirror": "blocks", "jsonld_only": "json_ld", "next_data": "embedded_json",
    "initial_state": "embedded_json",
}
ALTERNATES = {"amp_linked": "amp_version", "print_linked": "print_version"}
# pages whose first reading is weak: the five above, the two alternates' own pages, and the
# print page (three short paragraphs, under 200 characters of prose, read by trafilatura anyway)
FALLBACK_RAN = {*FALLBACK_STEPS, *ALTERNATES, "print"}


def test_there_are_at_least_twelve_families():
    assert len(NAMES) >= 12, NAMES


@pytest.mark.parametrize("name", NAMES)
def test_case_title_date_and_author(name):
    case = load_case(name)
    article, _reader = read_case(case)
    expected = case.expected
    assert article.title == expected["title"]
    assert article.published == expected["published"]
    assert article.author == expected["author"]


@pytest.mark.parametrize("name", NAMES)
def test_case_body_is_exactly_the_expected_paragraphs(name):
    case = load_case(name)
    article, reader = read_case(case)
    result = score(case, article, reader)
    assert result.missing == [], "paragraphs missing"
    assert result.extra == [], "paragraphs nobody expected"
    assert result.leaked == [], "lines that must not appear"
    assert list(article.body) == case.expected["body"]


@pytest.mark.parametrize("name", NAMES)
def test_case_is_read_by_the_expected_reader(name):
    _article, reader = read_case(load_case(name))
    assert reader == {**FALLBACK_STEPS, **ALTERNATES}.get(name, "first")


@pytest.mark.parametrize("name", NAMES)
def test_the_fallback_reader_runs_only_on_weak_first_readings(name):
    assert fallback_ran(load_case(name)) == (name in FALLBACK_RAN)


def test_a_page_linking_an_alternate_the_case_did_not_record_is_an_error():
    from dataclasses import replace

    from crawler.text.extract import ExtractError

    case = load_case("amp_linked")
    with pytest.raises(ExtractError, match="links https://www.techplus.example/amp/article/20251105093000123"):
        read_case(replace(case, alternate=None))


def test_the_report_prints_each_case_and_the_totals():
    import subprocess
    import sys

    from tests.conftest import ROOT

    run = subprocess.run([sys.executable, "tools/layout_report.py"], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].split()[:5] == ["case", "reader", "recall", "extra", "leaked"]
    table = {line.split()[0]: line.split()[1:5] for line in lines[1:-1]}
    assert table["table_cms"] == ["blocks", "1.00", "0", "0"]
    assert table["share_toast"] == ["first", "1.00", "0", "0"]
    assert len(table) == len(NAMES)
    assert table["amp_linked"] == ["amp_version", "1.00", "0", "0"]
    assert lines[-1].startswith(f"cases={len(NAMES)} perfect={len(NAMES)} body_recall=1.000 extra=0 leaked=0 "
                                f"fallback_ran=8/{len(NAMES)} fallback_used=5/{len(NAMES)} "
                                f"alternate_used=2/{len(NAMES)} | trafilatura alone: ")
