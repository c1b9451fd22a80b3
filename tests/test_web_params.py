"""crawler/web/params.py: the facts table's query parameters, validated once (pure)."""

from __future__ import annotations

from datetime import date

import pytest

from crawler.web.params import BadFilter, FactFilter, parse_filter, period_matches


def test_a_full_filter_is_parsed_and_printed_back_without_its_defaults():
    chosen = parse_filter([("q", " 하이닉스 "), ("kind", "capex"), ("period", "2025H1"), ("status", "revised"),
                           ("since", "2025-01-01"), ("until", "2025-12-31"), ("sort", "usd_asc"), ("page", "2")])
    assert chosen == FactFilter("하이닉스", "capex", "2025H1", "revised", date(2025, 1, 1), date(2025, 12, 31),
                                "usd_asc", 2)
    assert chosen.query(page=1) == ("q=%ED%95%98%EC%9D%B4%EB%8B%89%EC%8A%A4&kind=capex&period=2025H1&status=revised"
                                    "&since=2025-01-01&until=2025-12-31&sort=usd_asc")
    assert FactFilter().query() == "" and not FactFilter(page=3).active and FactFilter(q="x").active


def test_empty_parameters_are_the_defaults():
    assert parse_filter([("q", ""), ("kind", ""), ("since", ""), ("page", "")]) == FactFilter()


@pytest.mark.parametrize("page", ["0", "-2", "1e3", "٣", "99999999", " "])
def test_a_page_is_a_plain_positive_number(page):
    if page.strip():
        with pytest.raises(BadFilter, match="page: a whole number from 1"):
            parse_filter([("page", page)])
    else:
        assert parse_filter([("page", page)]).page == 1


@pytest.mark.parametrize(("wanted", "period", "expected"), [
    ("2025", "2025", True), ("2025", "2025H2", True), ("2025", "2025Q3", True), ("2025", "FY2025", True),
    ("2025", "2024-2026", True), ("2025", "2026-2028", False), ("2025", "2024", False), ("2025", None, False),
    ("2025H1", "2025H1", True), ("2025H1", "2025", False), ("2025-2027", "2025-2027", True),
    ("FY2025", "2025", False), ("", None, True), ("2021", "FY2020-FY2022", True), ("2023", "FY2020-FY2022", False),
    ("FY2026Q2", "FY2026Q2", True),
])
def test_a_year_matches_its_halves_quarters_fiscal_year_and_spans(wanted, period, expected):
    assert period_matches(wanted, period) is expected


@pytest.mark.parametrize("period", ["FY2026Q2", "FY2020-FY2022", "2025Q1-Q3"])
def test_every_period_the_extractor_gives_is_a_filter(period):
    assert parse_filter([("period", period)]).period == period
