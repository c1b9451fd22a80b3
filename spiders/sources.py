"""The generic spider: one configured source's feeds, sitemaps and list pages -> new article pages.

Discovery pages are requested conditionally (see spiders.middlewares); their entries are
normalized, filtered to the source's domains and to URLs not fetched before (or whose
entry shows a newer modification date), then requested a window at a time, so memory
stays flat however long a feed or sitemap is. Each article page becomes a FetchedPage
item for crawler.pipelines. Failures are logged with their URL, counted, and never stop
the crawl. When the spider closes it stores its per-source summary in `source_runs`, and
each discovery page's new ETag/Last-Modified -- unless an article it offered (or a child
sitemap) failed in a way that asking again may fix: then the page's validators are cleared,
so the next crawl reads it in full (no 304) and offers the unfetched URLs again.
"""

from __future__ import annotations

from collections import deque
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.exceptions import DontCloseSpider, IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.settings import BaseSettings
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.config import Config, ListPage, Source
from crawler.store import Store, open_store
from crawler.store.crawlstate import (
    SourceRunStats,
    due_sitemaps,
    record_source_run,
    remember_discovery,
    remember_fetch,
    unseen_candidates,
)
from crawler.store.staging import staged_among
from crawler.urls import normalize_url
from spiders import archives, discovery
from spiders.archive_reading import ArchiveReading
from spiders.discovery import Entry
from spiders.failures import describe_failure
from spiders.items import FetchedPage
from spiders.middlewares import host_allowed
from spiders.settings import config_settings

MAX_ERRORS_KEPT = 50


class SourceSpider(ArchiveReading, Spider):
    """Crawls one `crawler.config.Source`; subclasses per source come from spiders.loader."""

    name = "source"
    source: Source
    config: Config
    backfill: tuple[date, date] | None = None  # (since, until): read the archives of this window (crawler/backfill.py)

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        settings.setdict(config_settings(cls.config), priority="spider")

    def __init__(self, *args: Any, store: Store | None = None, run_id: int | None = None, record: bool = True,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.record = record  # write the source's row to source_runs when it closes
        self.allowed_domains = list(self.source.allowed_domains)
        self._owns_store = store is None
        self.store = store or open_store(self.config.database_url)
        self.run_id = run_id
        self.started_at = datetime.now(UTC)
        self.pending: deque[Entry] = deque()
        self.queued: set[str] = set()
        self.revisits: set[str] = set()  # queued articles fetched before, offered again with a newer date
        self.in_flight = 0
        self.errors: list[str] = []
        self.validators: dict[str, dict[str, Any]] = {}
        self.origins: dict[str, set[str]] = {}  # queued article -> discovery pages (and their parents) offering it
        self.failed_temporarily: set[str] = set()  # articles that failed in a way a later crawl may fix
        self.unsettled: set[str] = set()  # discovery pages whose new validators must not be stored this run
        self.deferred: set[str] = set()  # unseen articles past the per-run limit: the next run fetches them
        self.sitemaps_left = 0  # child sitemaps with work to do, past the per-run limit
        self.run_stats: SourceRunStats | None = None
        self.listed: set[str] = set()  # backfill: every link its list pages offered so far

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> SourceSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
        crawler.signals.connect(spider.on_scheduled, signal=signals.request_scheduled)
        return spider

    # -- counters ---------------------------------------------------------------------------
    def count(self, key: str, amount: int = 1) -> None:
        self.crawler.stats.inc_value(f"capexwatch/{key}", amount)

    def note_newest(self, moment: datetime | None) -> None:
        if moment is not None:
            self.crawler.stats.max_value("capexwatch/newest_item_at", moment)

    def note_error(self, message: str) -> None:
        self.count("errors")
        if len(self.errors) < MAX_ERRORS_KEPT:
            self.errors.append(message)
        self.logger.warning("%s", message)

    # -- discovery --------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Request]:
        if self.backfill is not None:
            for request in self.archive_requests(*self.backfill):
                yield request
            return
        for url in self.source.feeds:
            yield self.discovery_request(url, "feed")
        for url in self.source.sitemaps:
            yield self.discovery_request(url, "sitemap")
        for page in self.source.list_pages:
            yield self.discovery_request(page.url, "list", page)
        if not (self.source.feeds or self.source.sitemaps or self.source.list_pages):
            self.note_error(f"source {self.source.name}: no feeds, sitemaps or list pages configured")

    def discovery_request(
        self, url: str, kind: str, page: ListPage | None = None, parents: tuple[str, ...] = (),
    ) -> Request:
        meta = {"discovery": kind, "discovery_url": url, "list_page": page, "handle_httpstatus_list": [304],
                "discovery_parents": parents}
        return Request(url, callback=self.parse_discovery, errback=self.discovery_failed, meta=meta, priority=10)

    def parse_discovery(self, response: Response) -> Iterator[Request]:
        kind, url = response.meta["discovery"], response.meta["discovery_url"]
        self.count("feeds_checked")
        if response.status == 304:
            self.count("not_modified")
            self.count("discovery_ok")
            self.validators[url] = {"etag": None, "last_modified": None, "http_status": 304, "newest_item_at": None}
            return
        try:
            entries, children = self.read_discovery(response, kind)
        except Exception as exc:  # noqa: BLE001 - a broken discovery page is this page's error only
            self.note_error(f"{url}: cannot read this {kind}: {exc}")
            return
        self.count("discovery_ok")
        dates = [discovery.parse_date(e.published) for e in entries]
        newest = max((d for d in dates if d is not None), default=None)
        self.note_newest(newest)
        self.validators[url] = {
            "etag": _header(response, b"ETag"), "last_modified": _header(response, b"Last-Modified"),
            "http_status": response.status, "newest_item_at": newest,
        }
        lineage = (url, *response.meta.get("discovery_parents", ()))
        for child in self.children_to_read(children, lineage):
            yield self.discovery_request(child.url, "sitemap", parents=lineage)
        self.enqueue(entries, lineage)
        if kind == "list" and self.backfill is not None:
            yield from self.next_list_page(response, entries)
        yield from self.refill()

    def read_discovery(self, response: Response, kind: str) -> tuple[list[Entry], list[Entry]]:
        if kind == "feed":
            if not discovery.looks_like_feed(response.body):
                raise ValueError("not an RSS or Atom feed")
            return discovery.parse_feed(response.body, response.url), []
        if kind == "sitemap":
            body = _gunzipped(response, self.crawler.settings.getint("DOWNLOAD_MAXSIZE"))
            entries, children = discovery.parse_sitemap(body, response.url)
            if not entries and not children and b"<urlset" not in body[:4096] and b"<sitemapindex" not in body[:4096]:
                raise ValueError("not a sitemap")
            return entries, children
        if not isinstance(response, TextResponse):
            raise ValueError("list page is not HTML")
        page: ListPage = response.meta["list_page"]
        return discovery.parse_list_page(response.text, response.url, page.link_selector, page.link_pattern,
                                         page.item_selector, page.date_selector), []

    def children_to_read(self, children: list[Entry], lineage: tuple[str, ...]) -> list[Entry]:
        """The child sitemaps read this run: those with work to do first (never read, unsettled,
        modified), newest first, then the others; at most CAPEXWATCH_MAX_CHILD_SITEMAPS. Children
        with work past the limit leave the index (`lineage`) unsettled, so the next run reads them."""
        allowed = [child for child in children if host_allowed(child.url, self.allowed_domains)]
        if self.backfill is not None:  # every child of the window, read in full
            return [child for child in allowed if archives.in_window(child, *self.backfill)]
        due = due_sitemaps(self.store.engine, {child.url: child.lastmod for child in allowed})
        ordered = (discovery.newest_first([c for c in allowed if c.url in due], len(allowed))
                   + discovery.newest_first([c for c in allowed if c.url not in due], len(allowed)))
        limit = self.crawler.settings.getint("CAPEXWATCH_MAX_CHILD_SITEMAPS", 5)
        left = sum(1 for child in ordered[limit:] if child.url in due)
        if left:
            self.sitemaps_left += left
            self.unsettled.update(lineage)
        return ordered[:limit]

    def discovery_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        kind = request.meta.get("discovery", "page")
        described = describe_failure(failure)
        self.note_error(f"{request.url}: {kind} failed: {described.reason}")
        if not described.permanent:  # a child sitemap to read again: its index must not answer 304
            self.unsettled.update(request.meta.get("discovery_parents", ()))

    # -- articles ---------------------------------------------------------------------------
    def enqueue(self, entries: list[Entry], lineage: tuple[str, ...] = ()) -> None:
        """Queue the entries worth fetching: on the source's domains, new or modified, the newest
        first, up to the source's per-run limit; the unseen ones past it are deferred to the next
        run, and `lineage` (the discovery page offering them and its parent sitemaps) stays unsettled."""
        candidates: dict[str, Entry] = {}
        if self.backfill is not None:
            entries = [entry for entry in entries if archives.in_window(entry, *self.backfill)]
        for entry in discovery.newest_first(entries, len(entries)):
            if not host_allowed(entry.url, self.allowed_domains):
                self.count("offsite_links")
                self.logger.info("%s: link outside the source's domains, not followed", entry.url)
                continue
            key = normalize_url(entry.url)
            if key in self.queued:
                self.note_origin(key, lineage)
            elif key not in candidates:
                candidates[key] = Entry(key, entry.lastmod, entry.published)
        fresh = unseen_candidates(self.store.engine, {key: e.lastmod for key, e in candidates.items()}, self.revisits)
        if self.backfill is not None:  # staged by a backfill that did not finish: fetched already
            staged = staged_among(self.store.engine, fresh)
            fresh = [key for key in fresh if key not in staged]
        self.count("already_seen", len(candidates) - len(fresh))
        limit = len(fresh) + len(self.queued) if self.backfill else self.crawler.settings.getint("CAPEXWATCH_MAX_ITEMS")
        budget = max(limit - len(self.queued), 0)
        for key in fresh[:budget]:
            self.queued.add(key)
            self.deferred.discard(key)
            self.origins[key] = set(lineage)
            self.pending.append(candidates[key])
        if len(fresh) > budget:
            self.deferred.update(fresh[budget:])
            self.unsettled.update(lineage)

    def note_origin(self, key: str, lineage: tuple[str, ...]) -> None:
        """One more discovery page offers the already queued article `key`."""
        if key in self.failed_temporarily:
            self.unsettled.update(lineage)
        elif key in self.origins:
            self.origins[key].update(lineage)

    def refill(self) -> Iterator[Request]:
        window = 2 * self.crawler.settings.getint("CONCURRENT_REQUESTS", 16)
        while self.pending and self.in_flight < window:
            entry = self.pending.popleft()
            self.in_flight += 1
            yield Request(entry.url, callback=self.parse_article, errback=self.article_failed, meta={"entry": entry})

    def parse_article(self, response: Response) -> Iterator[FetchedPage | Request]:
        self.in_flight -= 1
        entry: Entry = response.meta["entry"]
        self.origins.pop(entry.url, None)
        self.count("fetched")
        if isinstance(response, TextResponse):
            yield FetchedPage(
                source=self.source.name, url=entry.url, final_url=response.url, text=response.text,
                encoding=response.encoding, status=response.status, fetched_at=datetime.now(UTC),
                lastmod=entry.lastmod, published=entry.published,
                etag=_header(response, b"ETag"), last_modified=_header(response, b"Last-Modified"),
                revisit=entry.url in self.revisits,
            )
        else:
            self.note_error(f"{response.url}: not a text page ({_header(response, b'Content-Type')}), skipped")
            self.remember(entry, response.status)
        yield from self.refill()

    def article_failed(self, failure: Failure) -> Iterator[Request]:
        self.in_flight -= 1
        request = failure.request  # type: ignore[attr-defined]
        entry: Entry = request.meta["entry"]
        if failure.check(IgnoreRequest) and not failure.check(HttpError):
            self.count("robots_blocked" if "robots" in str(failure.value).lower() else "ignored")
            self.logger.info("%s: not fetched: %s", request.url, failure.value)
            if "outside allowed domains" in str(failure.value):  # it redirects off-site: settled, not asked again
                self.remember(entry, None)
        else:
            described = describe_failure(failure)
            self.note_error(f"{request.url}: {described.reason}, skipped")
            if described.permanent:
                self.remember(entry, described.status)
            else:  # not remembered; its discovery pages must offer it again next crawl
                self.failed_temporarily.add(entry.url)
                self.unsettled.update(self.origins.get(entry.url, ()))
        self.origins.pop(entry.url, None)
        yield from self.refill()

    def on_scheduled(self, request: Request) -> None:
        """An article redirecting off-site is dropped (Scrapy's OffsiteMiddleware, no errback):
        remember it, so that its feed does not offer it again."""
        entry = request.meta.get("entry")
        if entry is not None and request.meta.get("redirect_urls") and not host_allowed(request.url,
                                                                                      self.allowed_domains):
            self.origins.pop(entry.url, None)
            self.remember(entry, None)

    def remember(self, entry: Entry, status: int | None) -> None:
        remember_fetch(self.store.engine, entry.url, source=self.source.name, lastmod=entry.lastmod, http_status=status)

    def on_idle(self) -> None:
        if not self.pending:
            return
        self.in_flight = 0
        for request in self.refill():
            self.crawler.engine.crawl(request)
        raise DontCloseSpider

    # -- the end ----------------------------------------------------------------------------
    def closed(self, reason: str) -> None:
        stats = self.crawler.stats
        get = lambda key: int(stats.get_value(f"capexwatch/{key}", 0))  # noqa: E731
        ok = get("discovery_ok") > 0
        errors = list(self.errors)
        if not ok and not errors:
            errors.append(f"source {self.source.name}: no feed, sitemap or list page could be read ({reason})")
        self.run_stats = SourceRunStats(
            source=self.source.name, started_at=self.started_at, feeds_checked=get("feeds_checked"),
            not_modified=get("not_modified"), new_articles=get("new_articles"), matched=get("matched"),
            new_facts=get("new_facts"), errors=tuple(errors), error_count=max(get("errors"), len(errors)),
            newest_item_at=stats.get_value("capexwatch/newest_item_at"), ok=ok, fetched=get("fetched"),
            confirmed_facts=get("confirmed_facts"), revised_facts=get("revised_facts"),
            conflicting_facts=get("conflicting_facts"),
            left=len(self.pending) + self.in_flight + len(self.failed_temporarily) + len(self.deferred)
            + get("alternates_waiting"),  # pages waiting for their AMP or print version (spiders/alternates.py)
            sitemaps_left=self.sitemaps_left, crawl_delay=float(stats.get_value("capexwatch/crawl_delay", 0.0)),
            crawl_delay_asked=float(stats.get_value("capexwatch/crawl_delay_asked", 0.0)),
        )
        try:
            if reason == "finished" and self.backfill is None:  # a backfill leaves the crawl's validators alone
                for url, values in self.validators.items():  # unsettled: read in full next time, no 304
                    remember_discovery(self.store.engine, url, source=self.source.name, **values,
                                       settled=url not in self.unsettled)
            if self.record:
                record_source_run(self.store.engine, self.run_id, self.run_stats)
        except Exception as exc:  # noqa: BLE001 - the summary must still be printed
            self.logger.error("source %s: cannot store its run summary: %s", self.source.name, exc)
        if self._owns_store:
            self.store.close()


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _gunzipped(response: Response, max_bytes: int) -> bytes:
    """The sitemap's XML, decompressed when gzipped, never more than `max_bytes` (0: no limit)."""
    body = response.body
    if body[:2] != b"\x1f\x8b":
        return body
    from scrapy.utils.gz import gunzip

    limit = int(response.meta.get("download_maxsize", max_bytes))
    try:
        return gunzip(body, max_size=limit)
    except ValueError as exc:
        if getattr(exc, "max_size", None) is None:  # not scrapy's _DecompressionMaxSizeExceeded
            raise
        raise ValueError(f"gzipped sitemap is larger than [crawl].max_page_bytes ({limit} bytes) "
                         "when decompressed") from exc
