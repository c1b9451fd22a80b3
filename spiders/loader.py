"""Spiders from config.toml: one spider class per [[sources]] entry, and their Scrapy settings.

`spider_class(source, config)` makes a SourceSpider subclass named after the source;
`ConfigSpiderLoader` lets
`scrapy crawl <source>` find the sources of config.toml (or $CAPEXWATCH_CONFIG).
"""

from __future__ import annotations

import builtins
import os
import re
from datetime import date

from scrapy import Request, Spider
from scrapy.settings import BaseSettings

from crawler.config import Config, Source, load_config
from spiders.middlewares import host_allowed
from spiders.sources import SourceSpider


def spider_class(source: Source, config: Config, backfill: tuple[date, date] | None = None) -> type[SourceSpider]:
    """A SourceSpider subclass for `source`, carrying the configuration it was read from
    (and, for a backfill, the window of its archives to read)."""
    class_name = "".join(part.capitalize() for part in re.split(r"[^0-9A-Za-z]+", source.name) if part) or "Source"
    attributes = {"name": source.name, "source": source, "config": config, "backfill": backfill,
                  "__module__": __name__}
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
