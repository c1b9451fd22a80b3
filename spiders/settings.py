"""Scrapy settings for capexwatch: polite defaults; config.toml's [crawl] overrides them.

Used by `python -m crawler crawl` and by `scrapy crawl <source>` (scrapy.cfg). The values
the operator tunes (user agent, delay, concurrency, timeout, retries, maximum page size,
robots.txt) come from config.toml through `config_settings(config)` below, applied
with "spider" priority; the numbers here are only the fallback.
"""

from __future__ import annotations

from typing import Any

from crawler.config import Config

BOT_NAME = "capexwatch"
SPIDER_MODULES: list[str] = []
SPIDER_LOADER_CLASS = "spiders.loader.ConfigSpiderLoader"
CAPEXWATCH_CONFIG = "config.toml"  # read by the loader; env CAPEXWATCH_CONFIG wins

# Politeness
ROBOTSTXT_OBEY = True
USER_AGENT = "capexwatch/0.1 (+https://github.com/capexwatch/capexwatch; news monitor)"
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
DOWNLOAD_DELAY_JITTER = 0.5  # each delay varies by up to +-50%
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DEFAULT_REQUEST_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "ko-KR,ko;q=0.9,en;q=0.5",
}

# Bounded work per page
DOWNLOAD_TIMEOUT = 20
DNS_TIMEOUT = 10
DOWNLOAD_MAXSIZE = 5 * 1024 * 1024
DOWNLOAD_WARNSIZE = 1024 * 1024
CLOSESPIDER_TIMEOUT = 1500

# Retries: 5xx and timeouts, with exponential backoff; a failed DNS lookup is final
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_EXCEPTIONS = [
    "scrapy.exceptions.DownloadConnectionRefusedError",
    "scrapy.exceptions.DownloadFailedError",
    "scrapy.exceptions.DownloadTimeoutError",
    "scrapy.exceptions.ResponseDataLossError",
    "twisted.internet.error.ConnectionDone",
    "twisted.internet.error.ConnectError",
    "twisted.internet.error.ConnectionLost",
    "scrapy.core.downloader.handlers.http11.TunnelError",
]
RETRY_BACKOFF_BASE = 1.0
RETRY_GIVE_UP_LOG_LEVEL = "INFO"  # the spider logs the failure with its URL
RETRY_BACKOFF_MAX = 60.0

DOWNLOADER_MIDDLEWARES = {
    "spiders.middlewares.SourceDomainGuard": 40,
    "spiders.middlewares.ConditionalRequestMiddleware": 450,
    "spiders.middlewares.CrawlDelayMiddleware": 460,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "spiders.middlewares.BackoffRetryMiddleware": 550,
}
ITEM_PIPELINES = {"crawler.pipelines.ArticlePipeline": 300}

# Nothing kept between runs but the database; no remote console
HTTPCACHE_ENABLED = False
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False  # Scrapy 2.19 opens a control port by default
COOKIES_ENABLED = False
MEMUSAGE_ENABLED = False

LOG_LEVEL = "INFO"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LOGSTATS_INTERVAL = 60.0

REQUEST_FINGERPRINTER_CLASS = "scrapy.utils.request.RequestFingerprinter"  # the current algorithm
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"


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
        "CAPEXWATCH_MAX_CRAWL_DELAY": crawl.max_crawl_delay,
        "CAPEXWATCH_MAX_LIST_PAGES": crawl.max_list_pages,
    }
