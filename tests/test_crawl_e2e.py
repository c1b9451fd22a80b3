"""`python -m crawler crawl` end to end against the local replay site (tests/replay_news.py).

Crawls run as subprocesses (Twisted's reactor cannot restart inside pytest). One module
fixture crawls the site twice; each test asserts one thing a user would check.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from crawler.config import load_config
from tests.replay_news import CP949_ONLY, NewsScenario, build_news_site
from tests.replay_site import ReplaySite

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def run_cli(*args: str, env: dict[str, str] | None = None, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "crawler", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})})


@dataclass
class Crawled:
    scenario: NewsScenario
    db_url: str
    config: Path
    first: subprocess.CompletedProcess[str]
    first_hits: dict[tuple[str, str], int]
    first_times: list[tuple[float, str, str]]
    second: subprocess.CompletedProcess[str]
    second_hits: dict[tuple[str, str], int]
    second_headers: list[tuple[str, str, dict[str, str]]]

    def rows(self, sql: str) -> list:
        engine = create_engine(self.db_url)
        try:
            with engine.connect() as conn:
                return list(conn.execute(text(sql)))
        finally:
            engine.dispose()


@pytest.fixture(scope="module")
def crawled(tmp_path_factory, seeds_dir) -> Crawled:
    folder = tmp_path_factory.mktemp("crawl")
    with ReplaySite() as site:
        scenario = build_news_site(site, seeds_dir)
        db_url = f"sqlite:///{folder / 'capexwatch.db'}"
        config = folder / "config.toml"
        config.write_text(scenario.config(db_url), encoding="utf-8")
        first = run_cli("crawl", "--config", str(config))
        first_hits, first_times = dict(site.requests), list(site.request_times)
        site.reset_hits()
        second = run_cli("crawl", "--config", str(config))
        return Crawled(scenario, db_url, config, first, first_hits, first_times, second, dict(site.requests),
                       list(site.request_headers))


def hits(counts: dict[tuple[str, str], int], url: str) -> int:
    host = url.split("://", 1)[1].split("/", 1)[0].rsplit(":", 1)[0]
    path = "/" + url.split("://", 1)[1].split("/", 1)[1]
    return counts.get((host, path), 0)


def article_id_of(crawled: Crawled, url: str) -> int | None:
    found = crawled.rows(f"SELECT article_id FROM article_urls WHERE url = '{url}' "
                         f"UNION SELECT id FROM articles WHERE url = '{url}'")
    return found[0][0] if found else None


# What the crawl must store, written down (not computed by the code under test): the five
# seed pages with the capex facts of their labels (seeds/expected.json), and the three
# pages of tests/replay_news.py that carry a figure. The page cut 40 characters before
# </article> still holds its first paragraph, so it is stored with its figure.
STORED_ARTICLES = 8  # the five seeds and the three pages below
PAGE_FACTS = {
    "flaky": [("Kakao", 460_000_000_000, "KRW", "capex", None)],
    "euckr": [("SK hynix", 20_000_000_000_000, "KRW", "capex", "2025")],
    "truncated": [("Naver", 1_000_000_000_000, "KRW", "capex", "2025")],
}


def labelled_capex(seed_expected: dict) -> dict[str, set[tuple]]:
    """Each seed's labelled capex facts as (subject, kind, period)."""
    return {name.removesuffix(".txt"): {(f["company"], f["kind"], f.get("period") or "") for f in seed["facts"]
                                        if f["kind"] == "capex" and not f.get("ambiguous")}
            for name, seed in seed_expected["seeds"].items()}


def test_first_crawl_succeeds_and_prints_a_summary_per_source(crawled):
    assert crawled.first.returncode == 0, crawled.first.stderr
    lines = crawled.first.stdout.splitlines()
    assert lines[0].split() == ["source", "feeds", "304", "fetched", "new", "matched", "facts:new", "confirmed",
                                "revised", "conflicts", "errors", "left"]
    assert any(line.startswith("replay ") for line in lines) and any(line.startswith("syndicator ") for line in lines)
    assert "crawl ok: 2 of 2 sources answered" in crawled.first.stdout


def test_database_holds_exactly_the_expected_articles(crawled):
    expected = [*crawled.scenario.seeds.values(), *(crawled.scenario.stored[name] for name in PAGE_FACTS)]
    assert len(expected) == STORED_ARTICLES
    ids = {url: article_id_of(crawled, url) for url in expected}
    assert None not in ids.values(), ids
    assert len(set(ids.values())) == len(expected)  # one article each
    assert crawled.rows("SELECT count(*) FROM articles")[0][0] == len(expected)  # and nothing else
    for name in ("plain", "about", "huge", "slow", "private/secret"):
        assert article_id_of(crawled, crawled.scenario.pages[name]) is None, name


def test_each_page_has_the_figures_it_states(crawled, seed_expected):
    for name, figures in PAGE_FACTS.items():
        article_id = article_id_of(crawled, crawled.scenario.stored[name])
        rows = crawled.rows("SELECT company, amount, currency, kind, period FROM mentions "
                            f"WHERE article_id = {article_id}")
        assert [tuple(r) for r in rows] == figures, name
    for stem, url in crawled.scenario.seeds.items():
        article_id = article_id_of(crawled, url)
        rows = {(r[0], r[1], r[2]) for r in crawled.rows(
            f"SELECT company, amount, currency FROM mentions WHERE article_id = {article_id} AND kind = 'capex'")}
        for fact in seed_expected["seeds"][f"{stem}.txt"]["facts"]:
            if fact["kind"] == "capex" and not fact.get("ambiguous"):
                assert (fact["company"], fact["amount"], fact["currency"]) in rows, (stem, fact)


def test_capex_facts_are_the_labelled_ones(crawled, seed_expected):
    want = set().union(*labelled_capex(seed_expected).values())
    want |= {(company, kind, period or "") for figures in PAGE_FACTS.values()
             for company, _, _, kind, period in figures}
    got = {tuple(r) for r in crawled.rows("SELECT subject, kind, period FROM facts WHERE kind = 'capex'")}
    assert got == want
    assert ("Alibaba", "capex", "2025-2027") in got  # the CONTRACT's example: 3800억 위안, seed 001


def test_second_crawl_requests_no_article_again_and_gets_304_for_the_feeds(crawled):
    """Only the page that timed out is asked again; the feeds whose articles all settled answer 304."""
    assert crawled.second.returncode == 0, crawled.second.stderr
    discovery = {"/rss.xml", "/atom.xml", "/sitemap-index.xml", "/news-sitemap.xml", "/list.html", "/robots.txt",
                 "/syn/rss.xml"}
    assert {path for (_, path) in crawled.second_hits} <= discovery | {"/slow.html"}
    assert hits(crawled.second_hits, crawled.scenario.pages["slow"]) == 2  # timed out again (retries = 1)
    atom = [h for host, path, h in crawled.second_headers if path == "/atom.xml"]
    assert atom and atom[0].get("if-modified-since") == "Fri, 07 Feb 2025 03:00:00 GMT"
    syndicated = [h for host, path, h in crawled.second_headers if path == "/syn/rss.xml"]
    assert syndicated and syndicated[0].get("if-none-match") == '"syn-v1"'
    replay_line = next(line for line in crawled.second.stdout.splitlines() if line.startswith("replay "))
    assert replay_line.split()[1:4] == ["5", "1", "0"]  # 5 discovery pages, the Atom feed answered 304, none new
    assert crawled.rows("SELECT count(*) FROM articles")[0][0] == STORED_ARTICLES


def test_a_feed_whose_article_timed_out_is_read_in_full_next_time(crawled):
    """/slow.html (in /rss.xml) timed out: the feed's ETag is not kept, so no 304 hides the page."""
    rss = [h for host, path, h in crawled.second_headers if path == "/rss.xml"]
    assert rss and "if-none-match" not in rss[0] and "if-modified-since" not in rss[0]
    assert f"{crawled.scenario.pages['slow']}: timed out" in crawled.second.stdout


def test_second_crawl_reads_the_list_page_but_skips_remembered_links(crawled):
    assert hits(crawled.second_hits, crawled.scenario.site.url("/list.html")) == 1
    assert hits(crawled.second_hits, crawled.scenario.pages["plain"]) == 0


def test_article_without_keyword_is_remembered_not_stored(crawled):
    url = crawled.scenario.pages["plain"]
    assert crawled.rows(f"SELECT matched, http_status FROM fetched_urls WHERE url = '{url}'") == [(False, 200)]
    assert article_id_of(crawled, url) is None


def test_404_is_logged_with_its_url_and_skipped(crawled):
    url = crawled.scenario.pages["missing"]
    assert hits(crawled.first_hits, url) == 1
    assert f"{url}: HTTP 404, skipped" in crawled.first.stdout
    assert article_id_of(crawled, url) is None


def test_500_is_retried_then_stored(crawled):
    url = crawled.scenario.stored["flaky"]
    assert hits(crawled.first_hits, url) == 2
    assert article_id_of(crawled, url) is not None
    first, second = [moment for moment, _, path in crawled.first_times if path == "/flaky.html"]
    assert second - first >= 0.2  # [crawl].retry_backoff: the retry waited


def test_robots_disallowed_article_is_never_requested(crawled):
    assert hits(crawled.first_hits, crawled.scenario.pages["private/secret"]) == 0
    assert hits(crawled.first_hits, crawled.scenario.site.url("/robots.txt")) == 1


def test_euc_kr_page_with_cp949_only_syllables_is_decoded(crawled):
    url = crawled.scenario.stored["euckr"]
    (body,) = crawled.rows(f"SELECT text FROM articles WHERE url = '{url}'")[0]
    assert CP949_ONLY in body and "SK하이닉스" in body


def test_truncated_html_is_still_processed(crawled):
    url = crawled.scenario.stored["truncated"]
    assert article_id_of(crawled, url) is not None
    assert f"{url}: cannot extract" not in crawled.first.stdout


def test_oversized_page_is_skipped_with_its_url(crawled):
    url = crawled.scenario.pages["huge"]
    assert f"{url}: page larger than the maximum size, skipped" in crawled.first.stdout
    assert article_id_of(crawled, url) is None


def test_slow_page_times_out_after_one_retry(crawled):
    url = crawled.scenario.pages["slow"]
    assert hits(crawled.first_hits, url) == 2  # retries = 1
    assert f"{url}: timed out" in crawled.first.stdout


def test_off_domain_link_and_redirect_are_never_requested(crawled):
    assert ("localhost", "/offsite.html") not in crawled.first_hits
    assert ("localhost", "/offsite-redirect.html") not in crawled.first_hits
    assert hits(crawled.first_hits, crawled.scenario.pages["moved"]) == 1
    assert hits(crawled.first_hits, crawled.scenario.pages["about"]) == 0  # list page: link_pattern


def test_tracking_parameter_duplicate_is_requested_once(crawled):
    tracked = [path for (_, path) in crawled.first_hits if "utm_" in path]
    assert tracked == []
    assert crawled.first_hits[("127.0.0.1", "/news/articleView.html?idxno=1000")] == 1


def test_syndicated_copy_on_another_site_adds_no_article(crawled):
    copy = crawled.scenario.pages["syndicated"]
    assert hits(crawled.first_hits, copy) == 1
    assert article_id_of(crawled, copy) == article_id_of(crawled, crawled.scenario.seeds["000_6497c23c843cbbd5"])
    rows = [line.split() for line in crawled.first.stdout.splitlines() if line.startswith(("replay ", "syndicator "))]
    fetched, new, matched = (sum(int(row[i]) for row in rows) for i in (3, 4, 5))
    # whichever copy came first, the other added nothing; a first crawl's pages without a keyword are all new
    assert new == STORED_ARTICLES + (fetched - matched)


def test_runs_and_source_runs_are_recorded(crawled):
    runs = crawled.rows("SELECT outcome FROM runs WHERE kind = 'crawl' ORDER BY id")
    assert [r[0] for r in runs] == ["ok", "ok"]
    per_source = crawled.rows("SELECT source, ok FROM source_runs ORDER BY id")
    assert sorted(per_source) == [("replay", True), ("replay", True), ("syndicator", True), ("syndicator", True)]


def test_no_network_every_source_fails_fast_and_nothing_is_lost(crawled, tmp_path):
    """The shipped config's outlets cannot be reached here; simulate with unresolvable hosts."""
    before = crawled.rows("SELECT count(*) FROM articles")[0][0]
    shipped = load_config(ROOT / "config.toml")
    lines = [f'[database]\nurl = "{crawled.db_url}"\n']
    for source in shipped.sources:
        lines.append(f'[[sources]]\nname = "{source.name}"\nfeeds = ["http://{source.name}.capexwatch.invalid/rss"]\n'
                     f'sitemaps = ["http://{source.name}.capexwatch.invalid/sitemap.xml"]\n'
                     f'allowed_domains = ["{source.name}.capexwatch.invalid"]\n')
    config = tmp_path / "offline.toml"
    config.write_text("\n".join(lines), encoding="utf-8")
    started = time.monotonic()
    result = run_cli("crawl", "--config", str(config))
    elapsed = time.monotonic() - started
    assert result.returncode == 3, result.stderr
    assert elapsed < 60
    assert "every source failed" in result.stderr
    for source in shipped.sources:
        assert f"http://{source.name}.capexwatch.invalid/rss: feed failed: host name not found" in result.stdout
    assert crawled.rows("SELECT count(*) FROM articles")[0][0] == before
    assert crawled.rows("SELECT outcome FROM runs ORDER BY id DESC LIMIT 1")[0][0] == "failed"


def test_bad_config_and_bad_database_are_one_line_exit_2(tmp_path, crawled):
    missing = run_cli("crawl", "--config", str(tmp_path / "nope.toml"))
    assert missing.returncode == 2 and len(missing.stderr.strip().splitlines()) == 1
    bad_db = run_cli("crawl", "--config", str(crawled.config), "--db", "nosuchdb://x")
    assert bad_db.returncode == 2 and bad_db.stderr.startswith("capexwatch: --db: ")
    assert len(bad_db.stderr.strip().splitlines()) == 1
    unknown = run_cli("crawl", "--config", str(crawled.config), "--source", "nosuch")
    assert unknown.returncode == 2 and "nosuch" in unknown.stderr


def test_scrapy_crawl_works_from_the_project_root(crawled, tmp_path):
    env = {"CAPEXWATCH_CONFIG": str(crawled.config)}
    scrapy = Path(sys.executable).parent / "scrapy"
    listed = subprocess.run([str(scrapy), "list"], cwd=ROOT, capture_output=True, text=True, timeout=60,
                            env={**os.environ, **env})
    assert listed.stdout.split() == ["replay", "syndicator"], listed.stderr

