"""Spiders from config.toml: one spider class per [[sources]] entry, and their Scrapy settings.

`spider_class(source, config)` makes a SourceSpider subclass named after the source;
`config_settings(config)` turns [crawl] into Scrapy settings; `ConfigSpiderLoader` lets
`scrapy crawl <source>` find the sources of config.toml (or $CAPEXWATCH_CONFIG).
"""

from __future__ import annotations

import builtins
import os
import re
from typing import Any

from scrapy import Request, Spider
from scrapy.settings import BaseSettings

from crawler.config import Config, Source, load_config
from spiders.middlewares import host_allowed
from spiders.sources import SourceSpider


def config_settings(config: Config) -> dict[str, Any]:
    """The Scrapy settings that config.toml's [crawl], keywords, fx and diff decide."""
    crawl = config.crawl
    return {
        "USER_AGENT": crawl.user_agent,
        "ROBOTSTXT_OBEY": crawl.obey_robots,
        "CONCURRENT_REQUESTS": crawl.concurrent_requests,
        "CONCURRENT_REQUESTS_PER_DOMAIN": crawl.concurrent_per_domain,
        "DOWNLOAD_DELAY": crawl.download_delay,
        "AUTOTHROTTLE_ENABLED": crawl.autothrottle,
        "AUTOTHROTTLE_START_DELAY": max(crawl.download_delay, 0.1),
        "AUTOTHROTTLE_TARGET_CONCURRENCY": float(crawl.concurrent_per_domain),
        "DOWNLOAD_TIMEOUT": crawl.timeout,
        "DNS_TIMEOUT": crawl.dns_timeout,
        "RETRY_TIMES": crawl.retries,
        "RETRY_BACKOFF_BASE": crawl.retry_backoff,
        "DOWNLOAD_MAXSIZE": crawl.max_page_bytes,
        "DOWNLOAD_WARNSIZE": min(crawl.max_page_bytes, 1024 * 1024),
        "CLOSESPIDER_TIMEOUT": crawl.max_seconds,
        "CAPEXWATCH_KEYWORDS": list(config.keywords),
        "CAPEXWATCH_FX_TO_USD": dict(config.fx_to_usd),
        "CAPEXWATCH_TOLERANCE": config.confirm_tolerance,
        "CAPEXWATCH_FX_TOLERANCE": getattr(config, "fx_tolerance", 0.10),
        "CAPEXWATCH_MAX_ITEMS": crawl.max_items_per_source,
        "CAPEXWATCH_MAX_CHILD_SITEMAPS": crawl.max_child_sitemaps,
    }


def spider_class(source: Source, config: Config) -> type[SourceSpider]:
    """A SourceSpider subclass for `source`, carrying the configuration it was read from."""
    class_name = "".join(part.capitalize() for part in re.split(r"[^0-9A-Za-z]+", source.name) if part) or "Source"
    attributes = {"name": source.name, "source": source, "config": config, "__module__": __name__}
    return type(f"{class_name}Spider", (SourceSpider,), attributes)


class ConfigSpiderLoader:
    """Scrapy's spider loader for the enabled sources of the configuration file."""

    def __init__(self, settings: BaseSettings) -> None:
        path = os.environ.get("CAPEXWATCH_CONFIG") or settings.get("CAPEXWATCH_CONFIG", "config.toml")
        self.config = load_config(path)
        self._spiders = {s.name: spider_class(s, self.config) for s in self.config.sources if s.enabled}

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> ConfigSpiderLoader:
        return cls(settings)

    def load(self, spider_name: str) -> type[Spider]:
        try:
            return self._spiders[spider_name]
        except KeyError:
            raise KeyError(f"Spider not found: {spider_name} (sources: {', '.join(self._spiders)})") from None

    def list(self) -> list[str]:
        return sorted(self._spiders)

    def find_by_request(self, request: Request) -> builtins.list[str]:
        return [name for name, cls in self._spiders.items() if host_allowed(request.url, cls.source.allowed_domains)]
