"""Fetching an article page's AMP or print version when the page's own text fails.

The item pipeline (crawler/pipelines.py) decides, right after it read the page: when the
text stage gave no text or weak text (crawler.text.alternates.alternate_reason), the page
links an alternate version (find_alternate), the link is on the source's allowed_domains
and the source's `alternate_versions` is true, `alternate_request` builds the request and
the pipeline hands it to the crawler engine; the page waits, unstored and unremembered. The
answer (or the failure) comes back as an `AlternatePage` item, and the pipeline stores
either the alternate's reading or, when that is no better, the page's own reading exactly
as it would have without one -- always under the page's own URL.

Why the pipeline and not the spider: the pipeline is where a page is read, so the decision
uses that reading as it is (the text stage runs once per page; only a failing page is parsed
again, for its links), the spider stays discovery and fetching, and storing, counting and
remembering stay in one place. Through `crawler.engine.crawl` the request passes robots.txt,
the download slots and Crawl-delay, retries and SourceDomainGuard like any article;
`dont_filter` keeps the duplicate filter from dropping it without an answer. An alternate's
own reading never asks for another, so an article fetches at most one alternate.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.models import ExtractResult
from crawler.text.alternates import Alternate, alternate_reason, find_alternate
from crawler.urls import host_allowed
from spiders.failures import describe_failure
from spiders.items import FetchedPage

log = logging.getLogger("capexwatch.alternates")
ALTERNATE_PRIORITY = 5  # before the next articles (0), after discovery pages (10): the page waits for it


@dataclass
class AlternatePage:
    """The answer for an article page's alternate version: the page (its text dropped), what the
    text stage made of it, the alternate, and the alternate's text (None: not fetched, `failure` says why)."""

    original: FetchedPage
    own: ExtractResult | Exception
    alternate: Alternate
    text: str | None = None
    failure: str | None = None


def alternate_request(spider: Any, item: FetchedPage, own: ExtractResult | Exception) -> Request | None:
    """The request for the alternate version of `item` when it needs and may have one, else None."""
    reason = alternate_reason(own.article if isinstance(own, ExtractResult) else own)
    if reason is None or not item.text:
        return None
    alternate = find_alternate(item.text, item.final_url)
    if alternate is None:
        return None
    version = f"its {alternate.label} version {alternate.url}"
    if not spider.source.alternate_versions:
        log.debug("%s: %s; %s not read (the source's alternate_versions is false)", item.final_url, reason, version)
        return None
    if not host_allowed(alternate.url, spider.allowed_domains):
        log.info("%s: %s; %s is outside the source's domains, not fetched", item.final_url, reason, version)
        return None
    log.debug("%s: %s; reading %s", item.final_url, reason, version)
    page = AlternatePage(original=replace(item, text=""), own=own, alternate=alternate)
    return Request(alternate.url, callback=parse_alternate, errback=alternate_failed, dont_filter=True,
                   priority=ALTERNATE_PRIORITY, meta={"alternate_page": page})


def parse_alternate(response: Response) -> Iterator[AlternatePage]:
    page: AlternatePage = response.meta["alternate_page"]
    if isinstance(response, TextResponse):
        page.text = response.text
    else:
        page.failure = f"not a text page ({(response.headers.get(b'Content-Type') or b'').decode('latin-1')})"
    yield page


def alternate_failed(failure: Failure) -> Iterator[AlternatePage]:
    page: AlternatePage = failure.request.meta["alternate_page"]  # type: ignore[attr-defined]
    if failure.check(IgnoreRequest) and not failure.check(HttpError):
        page.failure = f"not fetched: {failure.value}"
    else:
        page.failure = describe_failure(failure).reason
    yield page
