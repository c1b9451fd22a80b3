"""Archives for backfill: a source's dated sitemaps and list pages over a date window, the window filter.

Pure functions. A template names its date with {yyyy}, {mm} and {dd}; with {dd} it is a
daily sitemap, otherwise a monthly one (outlets publish either). URLs come newest first.
An entry is in the window when its publication date (else its modification date), in
Korean time, falls in [since, until]; an entry without a date is kept (its dated sitemap
placed it). A list page numbered by a `page_template` names its number with {page}; a list
runs newest first, so once every dated entry of a page is older than `since`, the pages
after it hold nothing of the window.
"""

from __future__ import annotations

from datetime import date, timedelta

from crawler.models import KST
from spiders.discovery import Entry, parse_date


def archive_urls(template: str, since: date, until: date) -> list[str]:
    """The template's sitemap URLs for every day (or month) from `until` back to `since`."""
    urls: list[str] = []
    if "{dd}" in template:
        day = until
        while day >= since:
            urls.append(_fill(template, day))
            day -= timedelta(days=1)
        return urls
    month = until.replace(day=1)
    while month >= since.replace(day=1):
        urls.append(_fill(template, month))
        month = (month - timedelta(days=1)).replace(day=1)
    return urls


def _fill(template: str, day: date) -> str:
    return template.replace("{yyyy}", f"{day.year:04d}").replace("{mm}", f"{day.month:02d}").replace(
        "{dd}", f"{day.day:02d}")


def in_window(entry: Entry, since: date, until: date) -> bool:
    """Was `entry` published (else modified) in [since, until], Korean time? Undated: yes."""
    moment = parse_date(entry.published) or parse_date(entry.lastmod)
    if moment is None:
        return True
    return since <= moment.astimezone(KST).date() <= until


def list_page_url(template: str, number: int) -> str:
    """The URL of page `number` of a list numbered by `template` ({page})."""
    return template.replace("{page}", str(number))


def past_window(entries: list[Entry], since: date) -> bool:
    """Is every dated entry of a list page published before `since` (and at least one dated)?"""
    days = [moment.astimezone(KST).date() for moment in (parse_date(e.published) or parse_date(e.lastmod)
                                                         for e in entries) if moment is not None]
    return bool(days) and max(days) < since
