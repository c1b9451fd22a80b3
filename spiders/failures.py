"""Download failures in words: what went wrong with a request, and whether trying again can help."""

from __future__ import annotations

from dataclasses import dataclass

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import DNSLookupError
from twisted.python.failure import Failure

# HTTP answers that will not change by asking again: the URL is remembered as fetched.
PERMANENT_STATUSES = frozenset({400, 401, 403, 404, 410, 451})


@dataclass(frozen=True)
class DescribedFailure:
    reason: str
    permanent: bool  # remember the URL: asking again next run will not help
    status: int | None = None


def describe_failure(failure: Failure) -> DescribedFailure:
    """One line saying why a request failed (the caller adds the URL)."""
    if failure.check(HttpError):
        status = failure.value.response.status
        return DescribedFailure(f"HTTP {status}", status in PERMANENT_STATUSES, status)
    if failure.check(CannotResolveHostError, DNSLookupError):
        return DescribedFailure("host name not found (DNS lookup failed)", False)
    if failure.check(DownloadTimeoutError):
        return DescribedFailure(f"timed out ({_first_line(failure)})", False)
    if failure.check(DownloadCancelledError):
        text = _first_line(failure)
        too_large = "max size" in text or "maxsize" in text
        return DescribedFailure("page larger than the maximum size" if too_large else text, too_large)
    if failure.check(DownloadConnectionRefusedError):
        return DescribedFailure("connection refused", False)
    return DescribedFailure(f"{failure.type.__name__}: {_first_line(failure)}", False)


def _first_line(failure: Failure) -> str:
    text = str(failure.value).strip()
    return text.splitlines()[0] if text else failure.type.__name__
