from __future__ import annotations

import os
import subprocess
import sys

import pytest

from crawler.config import ConfigError, load_config
from tests.conftest import ROOT


def write(tmp_path, text):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_are_sqlite_and_outbox_beside_the_config(tmp_path):
    config = load_config(write(tmp_path, ""))
    assert config.database_url == f"sqlite:///{tmp_path}/data/capexwatch.db"
    assert config.digest.outbox == tmp_path / "data" / "outbox"
    assert config.smtp is None
    assert "투자" in config.keywords


def test_shipped_config_loads(seeds_dir):
    config = load_config(seeds_dir.parent / "config.toml")
    assert config.sources, "the shipped config lists sources"
    assert config.schedule.timezone == "Asia/Seoul"


def test_missing_file_names_the_file(tmp_path):
    with pytest.raises(ConfigError, match="nope.toml: config file not found"):
        load_config(tmp_path / "nope.toml")


def test_wrong_type_names_the_setting(tmp_path):
    with pytest.raises(ConfigError, match=r"\[smtp\]\.port must be an integer"):
        load_config(write(tmp_path, '[smtp]\nhost = "h"\nport = "x"\n'))


def test_secrets_in_file_are_refused(tmp_path):
    with pytest.raises(ConfigError, match="CAPEXWATCH_SMTP_USER"):
        load_config(write(tmp_path, '[smtp]\nhost = "h"\npassword = "hunter2"\n'))


def test_smtp_credentials_come_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("CAPEXWATCH_SMTP_USER", "me")
    monkeypatch.setenv("CAPEXWATCH_SMTP_PASSWORD", "secret")
    config = load_config(write(tmp_path, '[smtp]\nhost = "mail.example.com"\nport = 465\nssl = true\n'))
    assert config.smtp is not None
    assert (config.smtp.user, config.smtp.password, config.smtp.ssl) == ("me", "secret", True)


def test_unknown_setting_and_bad_toml(tmp_path):
    with pytest.raises(ConfigError, match=r"\[crawl\]\.speed is not a known setting"):
        load_config(write(tmp_path, "[crawl]\nspeed = 3\n"))
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(write(tmp_path, "[crawl\n"))


def test_source_needs_domains(tmp_path):
    with pytest.raises(ConfigError, match=r"\[sources.x\]\.allowed_domains"):
        load_config(write(tmp_path, '[[sources]]\nname = "x"\nfeeds = ["http://a/rss"]\n'))


def test_misspelled_section_is_refused(tmp_path):
    with pytest.raises(ConfigError, match=r"\[crawll\] is not a known section"):
        load_config(write(tmp_path, "[crawll]\ntimeout = 3\n"))


@pytest.mark.parametrize("key, value", [("tolerance", "-1"), ("fx_tolerance", "1.5")])
def test_tolerance_must_be_a_fraction(tmp_path, key, value):
    with pytest.raises(ConfigError, match=rf"\[diff\]\.{key} must be a fraction"):
        load_config(write(tmp_path, f"[diff]\n{key} = {value}\n"))


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:"])
def test_in_memory_database_is_refused(tmp_path, url):
    with pytest.raises(ConfigError, match=r"\[database\]\.url must name a database file"):
        load_config(write(tmp_path, f'[database]\nurl = "{url}"\n'))


def test_smtp_login_without_tls_is_refused_except_on_loopback(tmp_path, monkeypatch):
    monkeypatch.setenv("CAPEXWATCH_SMTP_USER", "me")
    monkeypatch.setenv("CAPEXWATCH_SMTP_PASSWORD", "secret")
    with pytest.raises(ConfigError, match=r"\[smtp\] logs in to mail.example.com without TLS"):
        load_config(write(tmp_path, '[smtp]\nhost = "mail.example.com"\nport = 25\nstarttls = false\n'))
    config = load_config(write(tmp_path, '[smtp]\nhost = "127.0.0.1"\nport = 1025\nstarttls = false\n'))
    assert config.smtp is not None and config.smtp.user == "me"


def test_database_url_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("CAPEXWATCH_DATABASE_URL", "postgresql+psycopg://capex:pw@db.example/capex")
    config = load_config(write(tmp_path, '[database]\nurl = "sqlite:///data/x.db"\n'))
    assert config.database_url == "postgresql+psycopg://capex:pw@db.example/capex"


def test_web_section_sets_the_digest_fact_links_and_checks_the_url(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[web]\nbase_url = "https://capex.example.com/watch"\nport = 8080\n', encoding="utf-8")
    config = load_config(path)
    assert config.web.base_url == "https://capex.example.com/watch/"
    assert config.digest.fact_links == "https://capex.example.com/watch/"
    assert (config.web.host, config.web.port) == ("127.0.0.1", 8080)
    assert load_config(None).digest.fact_links is None
    path.write_text('[web]\nbase_url = "javascript:alert(1)"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[web\]\.base_url"):
        load_config(path)
    path.write_text('[web]\nport = 0\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[web\]\.port"):
        load_config(path)


SOURCE = '[[sources]]\nname = "x"\nallowed_domains = ["a.example"]\n'


@pytest.mark.parametrize("text, message", [
    ('[database]\nuri = "postgresql+psycopg://db.example/capex"\n',
     "[database].uri is not a known setting (did you mean 'url'?)"),
    ('[keywords]\nword = ["투자"]\n', "[keywords].word is not a known setting (did you mean 'words'?)"),
    ("[fx]\nKWR = 0.0007\n", "[fx].KWR is not a known setting (did you mean 'KRW'?)"),
    ("[diff]\nfx_tolerence = 0.1\n", "[diff].fx_tolerence is not a known setting (did you mean 'fx_tolerance'?)"),
    ('[digest]\nsender = "a@b"\n', "[digest].sender is not a known setting (known: to, from, outbox, subject_prefix)"),
    ('[smtp]\nhost = "h"\nstarttsl = false\n', "[smtp].starttsl is not a known setting (did you mean 'starttls'?)"),
    ("[crawl]\ntimout = 3\n", "[crawl].timout is not a known setting (did you mean 'timeout'?)"),
    ('[schedule]\ntimezon = "UTC"\n', "[schedule].timezon is not a known setting (did you mean 'timezone'?)"),
    (SOURCE + 'feed = ["http://a.example/rss"]\n',
     "[sources.x].feed is not a known setting (did you mean 'feeds'?)"),
    (SOURCE + 'list_pages = [{ url = "http://a.example/", link_selectr = "a" }]\n',
     "[sources.x].list_pages.link_selectr is not a known setting (did you mean 'link_selector'?)"),
])
def test_unknown_keys_are_refused_naming_the_nearest_known_key(tmp_path, text, message):
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    assert str(caught.value) == f"{tmp_path / 'config.toml'}: {message}"


@pytest.mark.parametrize("key, url", [
    ("feeds", '["http://b.example/rss"]'),
    ("sitemaps", '["https://evila.example/sitemap.xml"]'),
    ("list_pages", '["http://127.0.0.1:8000/list"]'),
])
def test_discovery_url_outside_allowed_domains_is_refused_at_load(tmp_path, key, url):
    with pytest.raises(ConfigError, match=rf"\[sources\.x\]\.{key} \S+ is outside allowed_domains \(a\.example\)"):
        load_config(write(tmp_path, SOURCE + f"{key} = {url}\n"))


LIST = 'list_pages = [{ url = "http://a.example/list", item_selector = "li", '


@pytest.mark.parametrize("pagination, message", [
    ('next_page = "a.next::attr(href)", page_template = "http://a.example/list?page={page}" }]',
     "[sources.x].list_pages http://a.example/list: give next_page or page_template, not both"),
    ('page_template = "http://a.example/list?page=2" }]',
     "[sources.x].list_pages.page_template must contain {page}: http://a.example/list?page=2"),
    ('page_template = "http://b.example/list?page={page}" }]',
     "[sources.x].list_pages.page_template http://b.example/list?page={page} is outside allowed_domains "
     "(a.example)"),
])
def test_list_page_pagination_a_backfill_cannot_follow_is_refused(tmp_path, pagination, message):
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, SOURCE + LIST + pagination + "\n"))
    assert str(caught.value) == f"{tmp_path / 'config.toml'}: {message}"


def test_pagination_without_item_selector_is_refused_saying_why(tmp_path):
    text = SOURCE + 'list_pages = [{ url = "http://a.example/list", next_page = "a.next::attr(href)" }]\n'
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    assert str(caught.value) == (f"{tmp_path / 'config.toml'}: [sources.x].list_pages http://a.example/list: "
                                 "pagination and date_selector need item_selector (the list item holding each "
                                 "link and its date: a backfill stops at the window's start)")


def test_a_paginated_list_page_loads(tmp_path):
    config = load_config(write(tmp_path, SOURCE + LIST + 'date_selector = "span.date::text", '
                                                         'page_template = "http://a.example/list?page={page}" }]\n'))
    [page] = config.sources[0].list_pages
    assert (page.item_selector, page.date_selector, page.next_page, page.page_template) == (
        "li", "span.date::text", None, "http://a.example/list?page={page}")


def test_discovery_urls_on_a_subdomain_and_lowercase_currency_load(tmp_path):
    config = load_config(write(tmp_path, SOURCE + 'feeds = ["https://news.a.example:8443/rss"]\n[fx]\nkrw = 0.0007\n'))
    assert config.sources[0].feeds == ("https://news.a.example:8443/rss",)
    assert config.fx_to_usd["KRW"] == 0.0007


def test_unknown_key_on_the_command_line_is_one_line_and_exit_2(tmp_path):
    path = write(tmp_path, '[database]\nuri = "postgresql+psycopg://db.example/capex"\n')
    done = subprocess.run([sys.executable, "-m", "crawler", "facts", "--config", str(path)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 2
    assert done.stderr == f"capexwatch: {path}: [database].uri is not a known setting (did you mean 'url'?)\n"
    assert not (tmp_path / "data").exists()


def test_alternate_versions_is_on_unless_a_source_turns_it_off(tmp_path):
    config = load_config(write(tmp_path, SOURCE + '[[sources]]\nname = "y"\nallowed_domains = ["b.example"]\n'
                                              "alternate_versions = false\n"))
    assert [s.alternate_versions for s in config.sources] == [True, False]


def test_alternate_versions_must_be_true_or_false(tmp_path):
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, SOURCE + 'alternate_versions = "no"\n'))
    assert str(caught.value) == (f"{tmp_path / 'config.toml'}: "
                                 "[sources.x].alternate_versions must be true or false, not 'no'")
    with pytest.raises(ConfigError, match=r"\[sources.x\].alternate_version is not a known setting "
                                          r"\(did you mean 'alternate_versions'\?\)"):
        load_config(write(tmp_path, SOURCE + "alternate_version = false\n"))


def test_a_backfill_window_other_than_day_week_or_month_is_refused(tmp_path):
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, '[distributed]\nbackfill_window = "quarter"\n'))
    assert str(caught.value) == (f"{tmp_path / 'config.toml'}: [distributed].backfill_window must be one of "
                                 "day, week, month, not 'quarter'")
    weekly = load_config(write(tmp_path, '[distributed]\nbackfill_window = "week"\n'))
    assert weekly.distributed.backfill_window == "week"
