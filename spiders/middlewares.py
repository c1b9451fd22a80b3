"""Downloader middlewares: the source's domains only, conditional discovery requests, retry backoff.

- `SourceDomainGuard` drops every request outside the spider's `allowed_domains`,
  redirect targets and retries included. Scrapy's own OffsiteMiddleware lets requests
  with `dont_filter` through, and every retry carries `dont_filter`, so a retried page
  that redirects elsewhere would escape it; this guard has no such exception.
- `ConditionalRequestMiddleware` sends If-None-Match / If-Modified-Since on feeds,
  sitemaps and list pages (requests with meta "discovery") from `discovery_pages`.
- `CrawlDelayMiddleware` honours a robots.txt `Crawl-delay` (read by Scrapy's parser,
  Protego) on its domain, capped by `[crawl].max_crawl_delay`: the domain's download slot
  waits at least that long between requests, whatever AutoThrottle computes.
- `BackoffRetryMiddleware` is Scrapy's RetryMiddleware waiting `RETRY_BACKOFF_BASE`
  seconds before the first retry, twice as long before each next one (capped).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy import Request, signals
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.asyncio import sleep

from crawler.store.crawlstate import discovery_validators
from crawler.urls import host_allowed

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class SourceDomainGuard:
    """Never fetch outside the source's allowed domains (no dont_filter escape)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SourceDomainGuard:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        spider = self.crawler.spider
        domains = list(getattr(spider, "allowed_domains", None) or [])
        if not domains or host_allowed(request.url, domains):
            return
        self.crawler.stats.inc_value("capexwatch/offsite_blocked")
        logger.info("%s: not fetched, outside the source's domains %s", request.url, ", ".join(domains))
        raise IgnoreRequest(f"outside allowed domains: {request.url}")


class ConditionalRequestMiddleware:
    """Ask discovery pages for changes only (a 304 ends the page's work)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalRequestMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        if not request.meta.get("discovery") or request.meta.get("unconditional"):
            return
        store = getattr(self.crawler.spider, "store", None)
        if store is None:
            return
        remembered = discovery_validators(store.engine, [request.meta.get("discovery_url", request.url)])
        validators = remembered.get(request.meta.get("discovery_url", request.url))
        if validators is None:
            return
        if validators.etag and b"If-None-Match" not in request.headers:
            request.headers[b"If-None-Match"] = validators.etag
        if validators.last_modified and b"If-Modified-Since" not in request.headers:
            request.headers[b"If-Modified-Since"] = validators.last_modified


class CrawlDelayMiddleware:
    """Keep each domain's download slot at least as slow as its robots.txt Crawl-delay (capped).

    The delay is read when Scrapy's RobotsTxtMiddleware has parsed the domain's robots.txt
    (`robots_parsed`), applied before each request to that slot and again after each
    response (AutoThrottle, connected earlier, may have lowered it). The largest delay
    honoured is the crawl's stat `capexwatch/crawl_delay`, shown in the source's summary."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.cap = max(crawler.settings.getfloat("CAPEXWATCH_MAX_CRAWL_DELAY", 10.0), 0.0)
        self.user_agent = crawler.settings.get("ROBOTSTXT_USER_AGENT") or crawler.settings.get("USER_AGENT")
        self.delays: dict[str, float] = {}  # download slot (the domain) -> seconds between requests

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlDelayMiddleware:
        middleware = cls(crawler)
        crawler.signals.connect(middleware.robots_parsed, signal=signals.robots_parsed)
        crawler.signals.connect(middleware.response_downloaded, signal=signals.response_downloaded)
        return middleware

    def robots_parsed(self, robotparser: Any, request: Request) -> None:
        asked = getattr(robotparser, "crawl_delay", lambda _agent: None)(self.user_agent)
        if not asked or asked <= 0:
            return
        delay = min(float(asked), self.cap)
        key = self.slot_key(request)
        self.delays[key] = delay
        self.crawler.stats.max_value("capexwatch/crawl_delay", delay)
        self.crawler.stats.max_value("capexwatch/crawl_delay_asked", float(asked))
        logger.info("%s: robots.txt asks a Crawl-delay of %gs; waiting %gs between requests", key, asked, delay)
        self.apply(key)

    def process_request(self, request: Request) -> None:
        if self.delays:
            self.apply(self.slot_key(request))

    def response_downloaded(self, response: Response, request: Request) -> None:
        if self.delays:
            self.apply(self.slot_key(request))

    def slot_key(self, request: Request) -> str:
        return str(self.crawler.engine.downloader.get_slot_key(request))

    def apply(self, key: str) -> None:
        delay = self.delays.get(key)
        slot = self.crawler.engine.downloader.slots.get(key) if delay else None
        if slot is not None and delay is not None:
            slot.delay = max(slot.delay, delay)
            slot.jitter = 0.0  # a random variation could go under the delay asked


class BackoffRetryMiddleware(RetryMiddleware):
    """Retry 5xx answers and timeouts after an exponentially growing pause."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)

    async def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        result = super().process_response(request, response)
        if isinstance(result, Request):
            await self._pause(result)
        return result

    async def process_exception(self, request: Request, exception: Exception) -> Request | Response | None:  # type: ignore[override]
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            await self._pause(result)
        return result

    async def _pause(self, retry: Request) -> None:
        attempt = int(retry.meta.get("retry_times", 1))
        delay = min(self.backoff_base * 2 ** (attempt - 1), self.backoff_max)
        if delay > 0:
            logger.debug("%s: retry %d in %.1fs", retry.url, attempt, delay)
            await sleep(delay)
