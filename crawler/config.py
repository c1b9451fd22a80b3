"""Configuration: config.toml -> frozen dataclasses, read and validated in one place.

Every setting has an embedded default (SQLite under data/, the outbox folder), so a
config file only says what differs. Relative paths are resolved against the config
file's folder, so the daemon behaves the same whatever its working directory.
Secrets never come from the file: SMTP credentials are read from the environment.
Errors name the file and the setting: `config.toml: [smtp].port must be an integer`;
a key no section or source knows is refused with the nearest known one (`[database].uri
is not a known setting (did you mean 'url'?)`), and a feed, sitemap or list page outside
its source's allowed_domains is refused here rather than after a crawl. Longer than
~300 lines because every setting is checked in this one place.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from crawler.daemon.schedule import ScheduleSettings, schedule_problems
from crawler.errors import ConfigError
from crawler.urls import host_allowed

DEFAULT_KEYWORDS = (
    "투자", "설비투자", "시설투자", "자본지출", "자본 지출", "CAPEX", "capex", "데이터센터",
    "인프라", "증설", "투입", "집행", "설비", "공장", "팹", "클러스터",
    "건설", "건립", "착공", "신설", "짓는", "짓기", "장비", "사업비", "GPU", "생산능력", "들여",
    "invest", "investment", "capital expenditure", "data center",
)
# USD per unit, approximate (late 2025): for comparing restatements and showing USD in the digest.
DATABASE_URL_ENV = "CAPEXWATCH_DATABASE_URL"  # overrides [database].url: keeps a password out of files
DEFAULT_FX_TO_USD = {"USD": 1.0, "KRW": 1 / 1400, "CNY": 1 / 7.2, "JPY": 1 / 150, "EUR": 1.08,
                     "AUD": 0.65, "CAD": 0.72, "TWD": 0.032, "HKD": 0.128, "SGD": 0.77, "GBP": 1.32,
                     "INR": 0.0114, "MYR": 0.22, "THB": 0.029, "BRL": 0.18, "IDR": 0.000061, "CHF": 1.13,
                     "SAR": 0.267, "AED": 0.272, "HUF": 0.0028, "PLN": 0.25, "CZK": 0.044, "VND": 0.000039,
                     "MXN": 0.054, "PHP": 0.017, "SEK": 0.094, "NOK": 0.09, "NZD": 0.58, "ZAR": 0.055,
                     "TRY": 0.024, "QAR": 0.275, "RUB": 0.0125, "KZT": 0.0019, "CLP": 0.00105}


@dataclass(frozen=True)
class ListPage:
    url: str
    link_selector: str = "a::attr(href)"  # CSS selector yielding article hrefs (within each item, if any)
    link_pattern: str | None = None  # regex an article URL must match
    item_selector: str | None = None  # each list item, holding an article's link and its date
    date_selector: str | None = None  # the item's date (default: the first date in the item's text)
    next_page: str | None = None  # backfill: selector yielding the next (older) page's href ...
    page_template: str | None = None  # ... or the pages after `url` by number: {page} = 2, 3, ...


@dataclass(frozen=True)
class Source:
    name: str
    allowed_domains: tuple[str, ...]
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    list_pages: tuple[ListPage, ...] = ()
    site_rule: str | None = None  # e.g. "articleView" for the idxno CMS family
    verified: str | None = None  # what was verified about its discovery URLs, and when
    enabled: bool = True
    archive_sitemaps: tuple[str, ...] = ()  # dated sitemaps for backfill: {yyyy}, {mm}, {dd} (daily when {dd})
    alternate_versions: bool = True  # read a page's linked AMP or print version when its own text fails


@dataclass(frozen=True)
class CrawlSettings:
    user_agent: str = "capexwatch/0.1 (+https://github.com/capexwatch/capexwatch; news monitor)"
    concurrent_per_domain: int = 2
    download_delay: float = 1.0
    autothrottle: bool = True
    timeout: float = 20.0
    retries: int = 3
    max_page_bytes: int = 5 * 1024 * 1024
    obey_robots: bool = True
    stale_days: int = 7  # a source whose newest item is older is flagged unhealthy
    failing_runs: int = 3  # a source failing this many runs in a row is flagged unhealthy
    max_items_per_source: int = 200  # articles fetched per source per run: the newest not fetched before
    retry_backoff: float = 1.0  # seconds before the first retry of a 5xx/timeout, doubled each retry
    dns_timeout: float = 10.0  # seconds; a failed lookup is never retried
    max_seconds: float = 1500.0  # a crawl stops its sources after this long (keep below crawl_timeout)
    concurrent_requests: int = 16  # across all domains of one source
    max_child_sitemaps: int = 5  # child sitemaps of a sitemap index read per run (those with work first)
    max_crawl_delay: float = 10.0  # seconds: a robots.txt Crawl-delay above this is honoured as this
    max_list_pages: int = 1000  # backfill: pages of one list followed at most


@dataclass(frozen=True)
class DigestSettings:
    to: tuple[str, ...] = ()
    sender: str = "capexwatch@localhost"
    outbox: Path = Path("data/outbox")
    subject_prefix: str = "[capexwatch]"
    fact_links: str | None = None  # [web].base_url: the digest links each fact to its web page when set


@dataclass(frozen=True)
class WebSettings:
    """`capexwatch serve`: the read-only analyst view (crawler/web/)."""

    base_url: str | None = None  # where analysts reach it (behind a proxy): the digest's fact links
    host: str = "127.0.0.1"  # loopback unless told otherwise
    port: int = 8000
    page_size: int = 50  # table rows per page


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 587
    starttls: bool = True
    ssl: bool = False  # implicit TLS (port 465)
    timeout: float = 30.0
    user: str | None = None  # from CAPEXWATCH_SMTP_USER
    password: str | None = None  # from CAPEXWATCH_SMTP_PASSWORD


@dataclass(frozen=True)
class DistributedSettings:
    """`[distributed]`: Celery workers sharing a Redis broker and a PostgreSQL store (crawler/workers/)."""

    broker: str = ""  # redis://host:6379/N; empty: no distributed mode
    visibility_timeout: float = 0.0  # seconds before a task a dead worker held is re-delivered (0: max_seconds + 300)
    daemon_enqueues: bool = False  # the daemon's crawl job enqueues one task per source instead of crawling
    backfill_window: str = "month"  # backfill --distributed: one task per source and day, week or month


@dataclass(frozen=True)
class Config:
    database_url: str = "sqlite:///data/capexwatch.db"
    sources: tuple[Source, ...] = ()
    keywords: tuple[str, ...] = DEFAULT_KEYWORDS
    fx_to_usd: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_FX_TO_USD))
    confirm_tolerance: float = 0.02  # same currency: relative difference still "the same value" (rounding)
    fx_tolerance: float = 0.10  # another currency, compared through fx_to_usd: still "the same value"
    crawl: CrawlSettings = CrawlSettings()
    digest: DigestSettings = DigestSettings()
    smtp: SmtpSettings | None = None
    schedule: ScheduleSettings = ScheduleSettings()
    web: WebSettings = WebSettings()
    distributed: DistributedSettings = DistributedSettings()
    path: Path | None = None  # the file it was read from
    database_setting: str = "[database].url"  # where database_url came from, for error messages


def load_config(path: str | Path | None) -> Config:
    """Read `path` (or only the embedded defaults when None) into a Config."""
    if path is None:
        from_env = os.environ.get(DATABASE_URL_ENV)
        defaults = Config(database_url=from_env, database_setting=DATABASE_URL_ENV) if from_env else Config()
        return _resolve_paths(defaults, Path.cwd())
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config file: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    return config_from_dict(raw, path)


BACKFILL_WINDOWS = ("day", "week", "month")
SECTIONS = ("database", "sources", "keywords", "fx", "diff", "crawl", "digest", "smtp", "schedule", "web",
            "distributed")
SOURCE_KEYS = ("name", "allowed_domains", "feeds", "sitemaps", "list_pages", "site_rule", "verified", "enabled",
               "archive_sitemaps", "alternate_versions")
LIST_PAGE_KEYS = ("url", "link_selector", "link_pattern", "item_selector", "date_selector", "next_page",
                  "page_template")
SECTION_KEYS: dict[str, tuple[str, ...]] = {  # [crawl] and [schedule]: their dataclasses' fields
    "database": ("url",),
    "keywords": ("words",),
    "fx": ("note", *DEFAULT_FX_TO_USD),
    "diff": ("tolerance", "fx_tolerance"),
    "digest": ("to", "from", "outbox", "subject_prefix"),
    "smtp": ("host", "port", "starttls", "ssl", "timeout", "user", "password"),  # user/password: refused below
}


def config_from_dict(raw: dict[str, Any], path: Path) -> Config:
    reader = _Reader(path)
    unknown = sorted(set(raw) - set(SECTIONS))
    if unknown:
        raise reader.fail(f"[{unknown[0]}]", f"is not a known section{_nearest(unknown[0], SECTIONS)}")
    for section, known in SECTION_KEYS.items():
        reader.known_keys(reader.table(raw, section), f"[{section}]", known)
    database = reader.table(raw, "database")
    from_env = os.environ.get(DATABASE_URL_ENV)
    config = Config(
        database_url=from_env or reader.get(database, "database", "url", str, Config.database_url),
        database_setting=DATABASE_URL_ENV if from_env else Config.database_setting,
        sources=tuple(_source(reader, s, i) for i, s in enumerate(reader.array(raw, "sources"))),
        keywords=tuple(reader.get(reader.table(raw, "keywords"), "keywords", "words", list, DEFAULT_KEYWORDS)),
        fx_to_usd=_fx(reader, reader.table(raw, "fx")),
        confirm_tolerance=reader.get(reader.table(raw, "diff"), "diff", "tolerance", float, Config.confirm_tolerance),
        fx_tolerance=reader.get(reader.table(raw, "diff"), "diff", "fx_tolerance", float, Config.fx_tolerance),
        crawl=_dataclass_from(reader, CrawlSettings, reader.table(raw, "crawl"), "crawl"),
        digest=_digest(reader, reader.table(raw, "digest"), reader.table(raw, "web")),
        smtp=_smtp(reader, raw.get("smtp")),
        schedule=_dataclass_from(reader, ScheduleSettings, reader.table(raw, "schedule"), "schedule"),
        web=_web(reader, reader.table(raw, "web")),
        distributed=_dataclass_from(reader, DistributedSettings, reader.table(raw, "distributed"), "distributed"),
        path=path,
    )
    names = [s.name for s in config.sources]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ConfigError(f"{path}: [[sources]] names must be unique: {', '.join(duplicates)}")
    _check_schedule(reader, config.schedule)
    _check_ranges(reader, config)
    return _resolve_paths(config, path.parent.resolve())


def with_database_url(config: Config, url: str, option: str = "--db") -> Config:
    """`config` with its database replaced by a command-line URL (relative SQLite paths: from the cwd)."""
    from dataclasses import replace

    if ":memory:" in url or url.rstrip("/") in ("sqlite:", "sqlite:/"):
        raise ConfigError(f"{option}: must name a database file: an in-memory database keeps nothing")
    return _resolve_paths(replace(config, database_url=url, database_setting=option), Path.cwd())


def _check_ranges(reader: _Reader, config: Config) -> None:
    """Values whose type is right but whose meaning is not."""
    for key, value in (("tolerance", config.confirm_tolerance), ("fx_tolerance", config.fx_tolerance)):
        if not 0 <= value < 1:
            raise reader.fail(f"[diff].{key}", f"must be a fraction between 0 and 1, not {value}")
    if ":memory:" in config.database_url or config.database_url.rstrip("/") in ("sqlite:", "sqlite:/"):
        raise reader.fail(config.database_setting, "must name a database file: an in-memory database keeps nothing")
    distributed = config.distributed
    if distributed.broker and not distributed.broker.startswith(("redis://", "rediss://")):
        raise reader.fail("[distributed].broker", f"must be a redis:// URL, not {distributed.broker!r}")
    if distributed.backfill_window not in BACKFILL_WINDOWS:
        raise reader.fail("[distributed].backfill_window", f"must be one of {', '.join(BACKFILL_WINDOWS)}, "
                          f"not {distributed.backfill_window!r}")
    if distributed.visibility_timeout and distributed.visibility_timeout <= config.crawl.max_seconds:
        raise reader.fail("[distributed].visibility_timeout", f"must be longer than [crawl].max_seconds "
                          f"({config.crawl.max_seconds:g}): a task still running would be delivered again")


class _Reader:
    """Typed access to raw TOML tables, with errors naming file and setting."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, message: str) -> ConfigError:
        return ConfigError(f"{self.path}: {where} {message}")

    def known_keys(self, table: dict[str, Any], where: str, known: Iterable[str]) -> None:
        """Refuse the first key of `table` not in `known`, naming the nearest known one (a typo)."""
        known = tuple(known)
        folded = {k.casefold() for k in known}
        for key in table:
            if key.casefold() not in folded:
                raise self.fail(f"{where}.{key}", f"is not a known setting{_nearest(key, known)}")

    def table(self, raw: dict[str, Any], name: str) -> dict[str, Any]:
        value = raw.get(name, {})
        if not isinstance(value, dict):
            raise self.fail(f"[{name}]", "must be a table")
        return value

    def array(self, raw: dict[str, Any], name: str) -> list[dict[str, Any]]:
        value = raw.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(f"[[{name}]]", "must be an array of tables")
        return value

    def get(self, table: dict[str, Any], section: str, key: str, kind: type, default: Any) -> Any:
        if key not in table:
            return default
        value = table[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail(f"[{section}].{key}", f"must be {_KIND_NAMES.get(kind, kind.__name__)}, not {value!r}")
        if isinstance(value, list) and not all(isinstance(v, str) for v in value):
            raise self.fail(f"[{section}].{key}", "must be a list of strings")
        return value


def _nearest(key: str, known: Iterable[str]) -> str:
    """`(did you mean 'x'?)` for the closest known key, else the list of known keys."""
    known = list(known)
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.5) or difflib.get_close_matches(
        key.casefold(), [k.casefold() for k in known], n=1, cutoff=0.5)
    if close:
        return f" (did you mean {close[0]!r}?)"
    return f" (known: {', '.join(known)})"


_KIND_NAMES = {str: "a string", int: "an integer", float: "a number", bool: "true or false", list: "a list"}


def _source(reader: _Reader, raw: dict[str, Any], index: int) -> Source:
    where = f"sources[{index}]"
    name = reader.get(raw, where, "name", str, None)
    if not name:
        raise reader.fail(f"[[sources]] #{index + 1}", "needs a name")
    where = f"sources.{name}"
    reader.known_keys(raw, f"[{where}]", SOURCE_KEYS)
    domains = tuple(reader.get(raw, where, "allowed_domains", list, []))
    if not domains:
        raise reader.fail(f"[{where}].allowed_domains", "must list at least one domain")
    source = Source(
        name=name,
        allowed_domains=domains,
        feeds=tuple(reader.get(raw, where, "feeds", list, [])),
        sitemaps=tuple(reader.get(raw, where, "sitemaps", list, [])),
        list_pages=_list_pages(reader, where, raw.get("list_pages", [])),
        site_rule=_site_rule(reader, where, reader.get(raw, where, "site_rule", str, None)),
        verified=reader.get(raw, where, "verified", str, None),
        enabled=reader.get(raw, where, "enabled", bool, True),
        archive_sitemaps=tuple(reader.get(raw, where, "archive_sitemaps", list, [])),
        alternate_versions=reader.get(raw, where, "alternate_versions", bool, True),
    )
    _check_discovery_domains(reader, where, source)
    return source


def _list_pages(reader: _Reader, where: str, raw: Any) -> tuple[ListPage, ...]:
    if not isinstance(raw, list):
        raise reader.fail(f"[{where}].list_pages", "must be a list")
    pages = []
    for page in raw:
        if isinstance(page, str):
            page = {"url": page}
        if not isinstance(page, dict) or "url" not in page:
            raise reader.fail(f"[{where}].list_pages", "entries need a url")
        reader.known_keys(page, f"[{where}].list_pages", LIST_PAGE_KEYS)
        for key in page:
            reader.get(page, f"{where}.list_pages", key, str, None)
        pages.append(_paginated(reader, f"[{where}].list_pages", ListPage(**page)))
    return tuple(pages)


def _paginated(reader: _Reader, where: str, page: ListPage) -> ListPage:
    """Refuse pagination a backfill could not follow: both ways at once, a template without
    {page}, or no item_selector (the dates that tell it when to stop)."""
    if page.next_page and page.page_template:
        raise reader.fail(where, f"{page.url}: give next_page or page_template, not both")
    if page.page_template and "{page}" not in page.page_template:
        raise reader.fail(f"{where}.page_template", f"must contain {{page}}: {page.page_template}")
    if (page.next_page or page.page_template or page.date_selector) and not page.item_selector:
        raise reader.fail(where, f"{page.url}: pagination and date_selector need item_selector (the list "
                                 "item holding each link and its date: a backfill stops at the window's start)")
    return page


def _check_discovery_domains(reader: _Reader, where: str, source: Source) -> None:
    """A feed, sitemap or list page outside allowed_domains could never be fetched: refuse it now."""
    for key, urls in (("feeds", source.feeds), ("sitemaps", source.sitemaps),
                      ("list_pages", [p.url for p in source.list_pages]),
                      ("list_pages.page_template", [p.page_template for p in source.list_pages if p.page_template]),
                      ("archive_sitemaps", source.archive_sitemaps)):
        for url in urls:
            if not host_allowed(url, source.allowed_domains):
                raise reader.fail(f"[{where}].{key}", f"{url} is outside allowed_domains "
                                                      f"({', '.join(source.allowed_domains)})")


def _site_rule(reader: _Reader, where: str, name: str | None) -> str | None:
    if name is None:
        return None
    from crawler.text.siterules import load_site_rules

    known = load_site_rules()
    if name not in known:
        raise reader.fail(f"[{where}].site_rule", f"names no rule of crawler/data/site_rules.toml: {name!r} "
                          f"(known: {', '.join(sorted(known))})")
    return name


def _fx(reader: _Reader, table: dict[str, Any]) -> dict[str, float]:
    rates = dict(DEFAULT_FX_TO_USD)
    for currency in table:
        if currency == "note":
            continue
        rate = reader.get(table, "fx", currency, float, None)
        if rate is None or rate <= 0:
            raise reader.fail(f"[fx].{currency}", "must be a positive number (USD per unit)")
        rates[currency.upper()] = rate
    return rates


def _digest(reader: _Reader, table: dict[str, Any], web: dict[str, Any]) -> DigestSettings:
    return DigestSettings(
        to=tuple(reader.get(table, "digest", "to", list, [])),
        sender=reader.get(table, "digest", "from", str, DigestSettings.sender),
        outbox=Path(reader.get(table, "digest", "outbox", str, str(DigestSettings.outbox))),
        subject_prefix=reader.get(table, "digest", "subject_prefix", str, DigestSettings.subject_prefix),
        fact_links=_web(reader, web).base_url,
    )


def _web(reader: _Reader, table: dict[str, Any]) -> WebSettings:
    web = _dataclass_from(reader, WebSettings, {k: v for k, v in table.items() if k != "base_url"}, "web")
    base = reader.get(table, "web", "base_url", str, None)
    if base is not None and not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", base):
        raise reader.fail("[web].base_url", f"must be an http(s) URL without query, such as "
                                            f"https://capex.example.com/, not {base!r}")
    if not 0 < web.port < 65536:
        raise reader.fail("[web].port", f"must be between 1 and 65535, not {web.port}")
    if not 1 <= web.page_size <= 500:
        raise reader.fail("[web].page_size", f"must be between 1 and 500, not {web.page_size}")
    return replace(web, base_url=base.rstrip("/") + "/" if base else None)


def _smtp(reader: _Reader, table: Any) -> SmtpSettings | None:
    if table is None:
        return None
    if not isinstance(table, dict):
        raise reader.fail("[smtp]", "must be a table")
    for secret in ("user", "password"):
        if secret in table:
            raise reader.fail(f"[smtp].{secret}", "must not be in a file: set CAPEXWATCH_SMTP_USER / _PASSWORD")
    host = reader.get(table, "smtp", "host", str, None)
    if not host:
        raise reader.fail("[smtp].host", "is required when [smtp] is present")
    port = reader.get(table, "smtp", "port", int, 587)
    if not 0 < port < 65536:
        raise reader.fail("[smtp].port", f"must be between 1 and 65535, not {port}")
    settings = SmtpSettings(
        host=host,
        port=port,
        starttls=reader.get(table, "smtp", "starttls", bool, True),
        ssl=reader.get(table, "smtp", "ssl", bool, False),
        timeout=reader.get(table, "smtp", "timeout", float, 30.0),
        user=os.environ.get("CAPEXWATCH_SMTP_USER") or None,
        password=os.environ.get("CAPEXWATCH_SMTP_PASSWORD") or None,
    )
    if settings.user and not (settings.starttls or settings.ssl) and not _is_loopback(host):
        raise reader.fail("[smtp]", f"logs in to {host} without TLS: set starttls = true or ssl = true "
                                    "(only a loopback host may be used without)")
    return settings


def _is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_schedule(reader: _Reader, schedule: ScheduleSettings) -> None:
    for setting, message in schedule_problems(schedule):
        raise reader.fail(f"[schedule].{setting}", message)


def _dataclass_from(reader: _Reader, cls: type, table: dict[str, Any], section: str) -> Any:
    defaults = cls()
    values = {}
    reader.known_keys(table, f"[{section}]", [f.name for f in fields(cls)])
    for key in table:
        default = getattr(defaults, key)
        values[key] = reader.get(table, section, key, type(default), default)
    return cls(**values)


def _resolve_paths(config: Config, base: Path) -> Config:
    """Make the SQLite file and the outbox absolute, relative to `base`."""
    from dataclasses import replace

    url = config.database_url
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/") and ":memory:" not in url:
        url = prefix + str(base / url[len(prefix):])
    outbox = config.digest.outbox if config.digest.outbox.is_absolute() else base / config.digest.outbox
    return replace(config, database_url=url, digest=replace(config.digest, outbox=outbox))
