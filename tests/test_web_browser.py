"""The web view in a real browser: Playwright driving Debian's chromium (no browser is downloaded).

Needs `apt-get install -y chromium fonts-noto-cjk`. Without chromium the test skips, saying so,
on a developer's machine; under CI it fails (.ci/run installs the package).

The store is filled the ways an analyst's is: a crawl of the local news site
(tests/replay_news.py), the seeds replayed, and tests/web_data.py's articles (one of them
with `<script>` in its title and evidence). `capexwatch serve` runs as a process; the test
opens each page, applies a filter with the form, sends the digest to the outbox and follows
its link to a fact page, and downloads the CSV. With CAPEXWATCH_WEB_SCREENSHOTS=DIR it
saves the four pages' screenshots there (docs/ holds the ones the README shows).
"""

from __future__ import annotations

import csv
import email
import io
import os
import shutil
import subprocess
import sys
from email import policy
from pathlib import Path

import pytest

from crawler.store import open_store
from tests import web_data
from tests.replay_news import build_news_site
from tests.replay_site import ReplaySite
from tests.test_web_serve import free_port, get

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.slow


def _chromium() -> str:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    message = "Debian's chromium is not installed: apt-get install -y chromium fonts-noto-cjk"
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI requires the browser test)", pytrace=False)
    pytest.skip(message)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "crawler", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def served(tmp_path_factory, seeds_dir):
    chromium = _chromium()
    folder = tmp_path_factory.mktemp("web")
    db_url = f"sqlite:///{folder / 'capexwatch.db'}"
    port = free_port()
    config = folder / "config.toml"
    with ReplaySite() as site:
        scenario = build_news_site(site, seeds_dir)
        config.write_text(scenario.config(db_url) + f'\n[web]\nbase_url = "http://127.0.0.1:{port}/"\n\n'
                          f'[digest]\nto = ["analyst@example.com"]\noutbox = "{folder / "outbox"}"\n',
                          encoding="utf-8")
        crawl = _cli("crawl", "--config", str(config))
        assert crawl.returncode == 0, crawl.stderr
    replay = _cli("replay", "--db", db_url, str(seeds_dir))
    assert replay.returncode == 0, replay.stderr
    store = open_store(db_url)
    web_data.fill(store)
    store.close()
    log = (folder / "serve.log").open("w")
    command = [sys.executable, "-m", "crawler", "serve", "--config", str(config), "--port", str(port)]
    process = subprocess.Popen(command, cwd=ROOT, stderr=log)
    try:
        try:
            get(f"http://127.0.0.1:{port}/")
        except OSError:
            pytest.fail(f"capexwatch serve did not answer: {(folder / 'serve.log').read_text()}")
        yield chromium, config, f"http://127.0.0.1:{port}", folder
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


@pytest.fixture(scope="module")
def browser(served):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=served[0], args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900}, accept_downloads=True)
    opened = context.new_page()
    dialogs: list[str] = []
    opened.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    opened.dialogs = dialogs  # type: ignore[attr-defined]
    yield opened
    context.close()


def _shot(page, name: str) -> None:
    folder = os.environ.get("CAPEXWATCH_WEB_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"web_{name}.png"), full_page=True)


def test_facts_page_filters_with_the_form_and_downloads_the_csv(served, page):
    _chromium_path, _config, base, _folder = served
    page.goto(base + "/")
    assert page.title() == "투자 발표 목록 · capexwatch"
    assert page.locator("#facts tbody tr").count() > 5
    _shot(page, "facts")
    page.fill("input[name=q]", "하이닉스")
    page.select_option("select[name=kind]", "capex")
    page.click("form.filters button")
    page.wait_for_url("**/?q=*")
    names = page.locator("#facts tbody tr td:first-child").all_inner_texts()
    assert names and all(n == "SK하이닉스 (SK hynix)" for n in names)
    with page.expect_download() as download_info:
        page.click("#download-csv")
    download = download_info.value
    assert download.suggested_filename == "capexwatch-facts.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert rows and {r["company"] for r in rows} == {"SK hynix"} and {r["kind"] for r in rows} == {"capex"}
    assert len(rows) == len(names)


def test_a_bad_filter_shows_the_400_page(served, page):
    response = page.goto(served[2] + "/?kind=bogus")
    assert response is not None and response.status == 400
    assert "kind: one of capex" in page.inner_text("#error-message")


def test_digest_link_leads_to_the_fact_page_and_script_stays_inert(served, page):
    _chromium_path, config, base, folder = served
    sent = _cli("digest", "--config", str(config))
    assert sent.returncode == 0, sent.stderr
    message = email.message_from_bytes(next((folder / "outbox").glob("*.eml")).read_bytes(), policy=policy.default)
    html = message.get_body(preferencelist=("html",)).get_content()
    digest_file = folder / "digest.html"
    digest_file.write_text(html, encoding="utf-8")
    page.goto(digest_file.as_uri())
    hynix_link = page.locator("a.fact-link").first
    target = hynix_link.get_attribute("href")
    assert target is not None and target.startswith(base + "/facts/")
    hynix_link.click()
    page.wait_for_url(target)
    assert page.locator("#fact-title").inner_text()
    assert page.locator("#history li.change").count() >= 1
    # the SK hynix fact of tests/web_data.py: its title and evidence hold <script>
    page.goto(base + "/?q=SK+hynix&kind=capex&period=2025")
    page.locator("#facts a.fact").first.click()
    assert "<script>alert('x')</script>" in page.locator("#history").inner_text()
    assert page.dialogs == [] and page.locator("main script").count() == 0  # type: ignore[attr-defined]
    _shot(page, "fact")


def test_company_page_draws_the_chart_and_timeline(served, page):
    page.goto(served[2] + "/companies/SK%20hynix")
    assert page.locator("#capex-chart rect.bar").count() >= 1
    box = page.locator("#capex-chart").bounding_box()
    assert box is not None and box["width"] > 400 and box["height"] > 200
    assert page.locator("#timeline li.change").count() >= 2
    page.goto(served[2] + "/companies/Alibaba")  # periods 2024H1 and 2025-2027 from the seeds
    assert page.locator("#capex-chart rect.bar").count() >= 2
    _shot(page, "company")


def test_sources_page_lists_the_crawled_sources(served, page):
    page.goto(served[2] + "/sources")
    names = page.locator("#sources tbody strong").all_inner_texts()
    assert {"replay", "syndicator"} <= set(names)
    assert page.locator("#runs tbody tr").count() >= 1
    _shot(page, "sources")


def test_an_unknown_fact_is_the_404_page(served, page):
    response = page.goto(served[2] + "/facts/987654")
    assert response is not None and response.status == 404
    assert "없습니다" in page.inner_text("#error-message")
