"""Limits of a facts file and of dates: a figure the database cannot hold is a clear
error naming the line; an undated article is dated on the Korean calendar."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crawler.models import Article, ExtractResult, Mention
from crawler.store import open_store
from crawler.store.articles import save_article
from crawler.store.factsio import FactsFormatError, located_facts_from_csv

HEADER = "company,members,amount,amount_max,currency,qualifier,period,kind,first_seen,status,sources\n"


def test_an_amount_beyond_the_database_is_a_clear_error():
    text = HEADER + f"Amazon,,{2**63},,USD,exact,2025,capex,2025-02-07,new,\n"
    with pytest.raises(FactsFormatError, match=r"baseline\.csv.*2"):
        located_facts_from_csv(text, "baseline.csv")


def test_an_undated_article_fetched_at_night_utc_is_dated_by_korean_time(sqlite_url):
    store = open_store(sqlite_url)
    mention = Mention(company="Naver", amount=1_000_000_000_000, currency="KRW", period="2025", kind="capex",
                      evidence="네이버는 데이터센터에 1조원을 투자한다.")
    result = ExtractResult(Article(body=("네이버는 데이터센터에 1조원을 투자한다.",), url="http://n.example/1"),
                           ("투자",), (mention,))
    late_evening_utc = datetime(2025, 3, 1, 20, 0, tzinfo=UTC)  # 05:00 on 2 March in Seoul
    save_article(store, result, fetched_at=late_evening_utc, fx_to_usd={"USD": 1.0, "KRW": 0.0007},
                 tolerance=0.02, fx_tolerance=0.1)
    (fact,) = store.facts()
    assert fact.first_seen == "2025-03-02"
    store.close()
