"""The web view over HTTP (Starlette's test client): every page, filter and error case.

The store is tests/web_data.py's, on SQLite and on PostgreSQL; every expected value is
written down there or here, never computed by crawler/web.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from crawler.config import load_config, with_database_url
from crawler.store import open_store
from crawler.store.schema import articles, changes, facts
from crawler.web.app import create_app
from tests import web_data
from tests.web_data import BY_USD, HYNIX_1, HYNIX_2, HYNIX_COPY, USD


@pytest.fixture
def web(db_url):
    store = open_store(db_url)
    web_data.fill(store)
    config = with_database_url(load_config(None), db_url)
    client = TestClient(create_app(config, store))
    client.store = store  # type: ignore[attr-defined]
    client.config = config  # type: ignore[attr-defined]
    yield client
    store.close()


def companies_in_table(html: str) -> list[str]:
    """The English names of the table's rows, in order ('SK하이닉스 (SK hynix)' -> 'SK hynix')."""
    body = html.split('<table class="grid" id="facts">', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<a href="/companies/[^"]+">[^<(]*\(([^)]+)\)</a>', body)


def section(html: str, element_id: str) -> str:
    """The HTML from the element with this id to the next heading (nested lists included)."""
    return re.split(r"<h2|</main>", html.split(f'id="{element_id}"', 1)[1], maxsplit=1)[0]


def fact_id(client, subject: str) -> int:
    with client.store.reading() as conn:
        return conn.execute(select(facts.c.id).where(facts.c.subject == subject)).scalar_one()


def test_facts_table_lists_every_fact_largest_usd_equivalent_first(web):
    page = web.get("/")
    assert page.status_code == 200
    assert companies_in_table(page.text) == BY_USD
    for usd in USD.values():
        assert usd in page.text
    assert "25조 원" in page.text and "3,800억 위안" in page.text and "2025~2027년" in page.text
    assert "<th>회사</th>" in page.text and "수정" in page.text  # Korean labels, SK hynix revised


def test_search_finds_companies_by_korean_or_english_name(web):
    assert companies_in_table(web.get("/", params={"q": "하이닉스"}).text) == ["SK hynix"]
    assert companies_in_table(web.get("/", params={"q": "sk hynix"}).text) == ["SK hynix"]
    assert companies_in_table(web.get("/", params={"q": "알리바바"}).text) == ["Alibaba"]
    assert companies_in_table(web.get("/", params={"q": "ALIBABA"}).text) == ["Alibaba"]
    page = web.get("/", params={"q": "없는회사"})
    assert companies_in_table(page.text) == [] and "조건에 맞는 발표가 없습니다" in page.text


@pytest.mark.parametrize(("params", "expected"), [
    ({"kind": "equity_investment"}, ["Kakao"]),
    ({"kind": "capex"}, ["Alibaba", "SK hynix", "Naver"]),
    ({"period": "2026"}, ["Alibaba"]),  # inside 2025-2027
    ({"period": "2025"}, ["Alibaba", "SK hynix", "Naver"]),
    ({"period": "2025-2027"}, ["Alibaba"]),
    ({"status": "revised"}, ["SK hynix"]),
    ({"status": "confirmed"}, ["Alibaba"]),
    ({"status": "conflict"}, ["Naver"]),
    ({"status": "new"}, ["Kakao"]),
    ({"since": "2025-03-01", "until": "2025-04-30"}, ["SK hynix", "Naver"]),
    ({"until": "2024-12-31"}, ["Kakao"]),
    ({"sort": "usd_asc"}, ["Kakao", "Naver", "SK hynix", "Alibaba"]),
    ({"sort": "first_seen_desc"}, ["Naver", "SK hynix", "Alibaba", "Kakao"]),
])
def test_filters_and_sorts(web, params, expected):
    page = web.get("/", params=params)
    assert page.status_code == 200
    assert companies_in_table(page.text) == expected


def test_pages_of_the_table_keep_the_filter(web):
    small = TestClient(create_app(replace(web.config, web=replace(web.config.web, page_size=3)), web.store))
    first = small.get("/", params={"sort": "usd_asc"})
    assert companies_in_table(first.text) == ["Kakao", "Naver", "SK hynix"]
    assert "1 / 2 쪽" in first.text and 'href="/?sort=usd_asc&amp;page=2"' in first.text
    second = small.get("/", params={"sort": "usd_asc", "page": "2"})
    assert companies_in_table(second.text) == ["Alibaba"]
    past = small.get("/", params={"page": "3"})
    assert past.status_code == 400 and "page 3 is past the last page" in past.text


@pytest.mark.parametrize(("query", "message"), [
    ("kind=bogus", "kind: one of capex"),
    ("status=maybe", "status: one of new, confirmed, revised, conflict"),
    ("period=25", "period: YYYY, YYYYH1"),
    ("since=2025-13-01", "since: a date as YYYY-MM-DD"),
    ("until=yesterday", "until: a date as YYYY-MM-DD"),
    ("since=2025-05-01&until=2025-01-01", "since 2025-05-01 is after until 2025-01-01"),
    ("page=0", "page: a whole number from 1"),
    ("page=-1", "page: a whole number from 1"),
    ("sort=drop+table", "sort: one of usd_desc"),
    ("colour=red", "unknown parameter &#39;colour&#39;"),
    ("kind=capex&kind=budget", "parameter &#39;kind&#39; given twice"),
    ("q=" + "가" * 101, "q: a search of at most 100 characters"),
])
def test_a_bad_filter_is_a_400_page_naming_the_parameter(web, query, message):
    page = web.get("/?" + query)
    assert page.status_code == 400
    assert "text/html" in page.headers["content-type"]
    assert message in page.text and "Traceback" not in page.text


def test_csv_download_is_the_current_filter_with_the_facts_export_columns(web):
    response = web.get("/facts.csv", params={"kind": "capex", "sort": "usd_asc"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == ["company", "members", "amount", "amount_max", "currency", "qualifier", "period",
                             "kind", "first_seen", "status", "sources"]
    assert [(r["company"], r["amount"], r["currency"], r["period"], r["status"]) for r in rows] == [
        ("Naver", "1000000000000", "KRW", "2025", "conflict"),
        ("SK hynix", "25000000000000", "KRW", "2025", "revised"),
        ("Alibaba", "380000000000", "CNY", "2025-2027", "confirmed"),
    ]
    assert rows[1]["sources"].split("|") == [HYNIX_1, HYNIX_COPY, HYNIX_2]


def test_jsonl_download_and_a_bad_filter_on_it(web):
    response = web.get("/facts.jsonl", params={"q": "카카오"})
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert lines == [{"company": "Kakao", "members": None, "amount": 10_000_000_000, "amount_max": None,
                      "currency": "KRW", "qualifier": "exact", "period": "2024", "kind": "equity_investment",
                      "first_seen": "2024-09-01", "status": "new", "sources": [web_data.KAKAO]}]
    assert web.get("/facts.csv", params={"status": "x"}).status_code == 400


def test_fact_page_shows_every_change_with_date_evidence_outlet_and_link_and_folds_copies(web):
    page = web.get(f"/facts/{fact_id(web, 'SK hynix')}")
    assert page.status_code == 200
    history = section(page.text, "history")
    assert history.index("2025-03-01") < history.index("2025-06-01")  # oldest first
    assert "신규" in history and "수정" in history and "+25.0%" in history
    assert "20조 원" in history and "25조 원" in history
    assert web_data.HYNIX_EVIDENCE_2 in history
    assert f'href="{HYNIX_1}"' in history and f'href="{HYNIX_2}"' in history
    assert "hankyung" in history and "etnews" in history
    # the syndicated copy is folded under its original, not listed as an article of its own
    assert history.count(HYNIX_COPY) == 2 and "같은 기사 (전재·다른 주소)" in history  # shown once, linked once
    sources = section(page.text, "sources")
    assert sources.count('class="article-link"') == 2


@pytest.mark.parametrize("path", ["/facts/999999", "/facts/abc", "/facts/-1", "/facts/1.5",
                                  "/companies/Nobody", "/no/such/page"])
def test_unknown_fact_company_or_page_is_a_404_page(web, path):
    page = web.get(path)
    assert page.status_code == 404
    assert "text/html" in page.headers["content-type"] and "투자 발표 목록으로" in page.text


def test_company_page_has_a_server_rendered_svg_chart_and_a_timeline(web):
    page = web.get("/companies/SK%20hynix")
    assert page.status_code == 200
    assert "SK하이닉스 (SK hynix)" in page.text
    svg = page.text.split('<svg class="chart"', 1)[1].split("</svg>", 1)[0]
    assert svg.count('<rect class="bar"') == 1 and "US$17.9bn" in svg and "2025년" in svg
    timeline = section(page.text, "timeline")
    assert timeline.index("2025-06-01") < timeline.index("2025-03-01")  # newest first
    assert '<span class="strike">20조 원</span>' in timeline and "▲+25.0%" in timeline
    alibaba = web.get("/companies/Alibaba").text
    assert alibaba.count('<rect class="bar"') == 1 and "US$52.8bn" in alibaba and "확인" in alibaba


def test_a_conflict_shows_both_values_and_both_outlets(web):
    page = web.get(f"/facts/{fact_id(web, 'Naver')}")
    history = section(page.text, "history")
    assert "상충" in history and "1조 5,000억 원" in history and '<span class="strike">1조 원</span>' in history
    assert f'href="{web_data.NAVER}"' in history and f'href="{web_data.NAVER_OTHER}"' in history
    assert "기존" in history  # the known value, kept
    head = page.text.split('id="history"', 1)[0]
    assert '<span class="value">1조 원</span>' in head  # the fact keeps the known value


def test_company_page_of_an_equity_investment_has_no_chart_but_its_facts(web):
    page = web.get("/companies/Kakao")
    assert page.status_code == 200 and "<svg" not in page.text
    assert "USD로 환산할 수 있는 설비투자 금액이 없습니다" in page.text and "100억 원" in page.text


def test_sources_page_shows_health_last_runs_errors_and_newest_article(web):
    page = web.get("/sources")
    assert page.status_code == 200
    rows = page.text.split('id="sources"', 1)[1].split("</table>", 1)[0].split("<tr>")[2:]
    hankyung = next(r for r in rows if "<strong>hankyung</strong>" in r)
    assert "https://www.hankyung.com/feed/it: HTTP 503" in hankyung
    assert "네이버 1.5조 투자" in hankyung and "2025-04-15" in hankyung  # its newest stored article
    etnews = next(r for r in rows if "<strong>etnews</strong>" in r)
    assert "SK하이닉스, 올해 투자 25조로 확대" in etnews and "없음</span>" in etnews  # no errors
    assert web.get("/sources?x=1").status_code == 400


def test_script_from_a_page_stays_inert_on_every_page(web):
    hynix = fact_id(web, "SK hynix")
    for path in ("/", f"/facts/{hynix}", "/companies/SK%20hynix", "/sources"):
        page = web.get(path)
        assert "<script" not in page.text.lower(), path
        assert "script-src" not in page.headers["content-security-policy"]
        assert page.headers["content-security-policy"].startswith("default-src 'none'")
    fact_page = web.get(f"/facts/{hynix}").text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in fact_page  # evidence, escaped, still readable
    search = web.get("/", params={"q": "<script>x</script>"}).text
    assert 'value="&lt;script&gt;x&lt;/script&gt;"' in search


def _counts(store) -> tuple[int, int, int]:
    with store.reading() as conn:
        return tuple(conn.execute(select(func.count()).select_from(t)).scalar_one()  # type: ignore[return-value]
                     for t in (facts, changes, articles))


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_no_endpoint_writes(web, method):
    before = _counts(web.store)
    for path in ("/", "/facts.csv", f"/facts/{fact_id(web, 'Naver')}", "/companies/Naver", "/sources"):
        assert web.request(method, path).status_code == 405
    assert _counts(web.store) == before


def test_the_stylesheet_is_served_by_the_app_itself(web):
    css = web.get("/static/style.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    page = web.get("/").text
    assert not re.search(r'(src|href)="(https?:)?//', page.split("<main>")[0])  # no CDN in the head or nav


def test_links_carry_the_base_url_path_behind_a_reverse_proxy(web):
    config = replace(web.config, web=replace(web.config.web, base_url="https://intra.example.com/capex/"))
    page = TestClient(create_app(config, web.store)).get("/")
    assert 'href="/capex/static/style.css"' in page.text and 'href="/capex/companies/Alibaba"' in page.text


def test_head_requests_answer_like_get_without_a_body(web):
    response = web.head("/")
    assert response.status_code == 200 and response.content == b""


def test_a_failing_store_is_a_500_page_without_a_traceback(web):
    with web.store.writing() as conn:
        conn.exec_driver_sql("DROP TABLE fact_sources")
    client = TestClient(web.app, raise_server_exceptions=False)
    page = client.get(f"/facts/{fact_id(web, 'Naver')}")
    assert page.status_code == 500
    assert "서버 오류가 났습니다" in page.text and "Traceback" not in page.text and "fact_sources" not in page.text
