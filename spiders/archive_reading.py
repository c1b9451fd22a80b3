"""What a backfill's spider reads besides a crawl's: dated sitemaps, and list pages page by page.

`ArchiveReading` is a mixin of spiders.sources.SourceSpider. `archive_requests` starts a
backfill: the source's dated sitemaps over the window (spiders/archives.py), its sitemaps
and the first page of each list page, all read in full (no If-None-Match). `next_list_page`
follows a list back in time, by its `next_page` link or its `page_template` number, until
a page is past the window, offers nothing new, or [crawl].max_list_pages is reached.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from scrapy import Request
from scrapy.http import Response

from crawler.config import ListPage
from spiders import archives, discovery
from spiders.discovery import Entry
from spiders.middlewares import host_allowed

if TYPE_CHECKING:
    from crawler.config import Source


class ArchiveReading:
    """The backfill half of a SourceSpider, which provides the attributes and methods declared here."""

    source: Source
    backfill: tuple[date, date] | None
    allowed_domains: list[str]
    listed: set[str]  # every link the list pages offered so far
    crawler: Any

    if TYPE_CHECKING:  # SourceSpider's own
        def discovery_request(self, url: str, kind: str, page: ListPage | None = None,
                              parents: tuple[str, ...] = ()) -> Request: ...

        def note_error(self, message: str) -> None: ...

    def archive_requests(self, since: date, until: date) -> list[Request]:
        """Backfill: the source's dated sitemaps over the window, its sitemaps (news sitemaps,
        indexes) and the first page of its list pages, read in full (no If-None-Match); nothing
        configured is this source's one error."""
        urls = [url for template in self.source.archive_sitemaps
                for url in archives.archive_urls(template, since, until)]
        requests = [self.discovery_request(url, "sitemap") for url in [*urls, *self.source.sitemaps]]
        requests += [self.discovery_request(page.url, "list", page) for page in self.source.list_pages]
        for request in requests:
            request.meta["unconditional"] = True
        if not requests:
            self.note_error(f"source {self.source.name}: no archive_sitemaps, sitemaps or list_pages to backfill from")
        return requests

    def next_list_page(self, response: Response, entries: list[Entry]) -> Iterator[Request]:
        """Backfill: the list's next (older) page, by its next_page link or page_template, unless
        this page is past the window (every dated entry older than `since`), offers no link this
        run has not listed (the end, or a CMS serving its last page again), or the list has
        reached [crawl].max_list_pages (an error: the rest of the window is not read)."""
        page: ListPage = response.meta["list_page"]
        number = int(response.meta.get("list_number", 1))
        new = {entry.url for entry in entries} - self.listed
        self.listed.update(new)
        if not new or not (page.next_page or page.page_template) or archives.past_window(entries, self.since):
            return
        if number >= self.crawler.settings.getint("CAPEXWATCH_MAX_LIST_PAGES", 1000):
            self.note_error(f"{page.url}: stopped after {number} pages ([crawl].max_list_pages)")
            return
        url = (discovery.next_page_url(response.text, response.url, page.next_page) if page.next_page
               else archives.list_page_url(page.page_template or "", number + 1))
        if url is None:
            return
        if not host_allowed(url, self.allowed_domains):
            self.note_error(f"{url}: next list page outside the source's domains, not followed")
            return
        request = self.discovery_request(url, "list", page)
        request.meta.update(unconditional=True, list_number=number + 1)
        yield request

    @property
    def since(self) -> date:
        assert self.backfill is not None, "only a backfill follows list pages"
        return self.backfill[0]
