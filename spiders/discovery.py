"""Reading discovery pages: RSS/Atom feeds, sitemaps and news sitemaps, HTML list pages.

Pure functions from a page's bytes to `Entry` records (article URL, modification date,
publication date). XML is parsed without resolving entities or touching the network:
feedparser runs on defusedxml's SAX driver (falling back to its own loose parser for
broken feeds), sitemaps on an lxml parser with resolve_entities=False, no_network=True.
A date without a timezone is Korean time (+09:00), as Korean outlets mean it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

import feedparser
import feedparser.api
from defusedxml import DefusedXmlException
from lxml import etree
from parsel import Selector, SelectorList

from crawler.models import KST

# feedparser's strict parser is a SAX driver taken from this list: use the defused one.
feedparser.api.PREFERRED_XML_PARSERS[:] = ["defusedxml.expatreader"]

_KOREAN_DATE = re.compile(
    r"(\d{4})\s*[-./년]\s*(\d{1,2})\s*[-./월]\s*(\d{1,2})\s*일?(?:\s*T?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?)?"
)
_SITEMAP_PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "recover": True, "huge_tree": False}


@dataclass(frozen=True)
class Entry:
    """One article link found on a discovery page."""

    url: str
    lastmod: str | None = None  # ISO 8601 with offset: the entry's modification date
    published: str | None = None  # ISO 8601 with offset


def parse_date(raw: str | None) -> datetime | None:
    """A feed or sitemap date (RFC 822, ISO 8601, 2025.02.24 10:30) as an aware datetime."""
    if not raw or not raw.strip():
        return None
    text = raw.strip()
    moment = _rfc822(text) or _iso(text) or _korean(text)
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=KST)


def _rfc822(text: str) -> datetime | None:
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is not None and moment.utcoffset() == timedelta(0) and "-0000" in text:
        return moment.replace(tzinfo=None)  # "-0000" means "zone unknown": Korean time
    return moment


def _iso(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        return None


def _korean(text: str) -> datetime | None:
    match = _KOREAN_DATE.search(text)
    if not match:
        return None
    year, month, day, hour, minute, second = (int(p) if p else 0 for p in match.groups())
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None


def iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def parse_feed(body: bytes, base_url: str) -> list[Entry]:
    """The entries of an RSS 2.0 / RSS 1.0 / Atom feed, in feed order (ValueError: refused)."""
    try:
        parsed = feedparser.parse(
            io.BytesIO(body),  # a stream: feedparser never treats it as a URL or file name
            response_headers={"content-location": base_url},
            resolve_relative_uris=False,
            sanitize_html=False,
        )
    except DefusedXmlException as exc:
        raise ValueError(f"feed refused: it declares XML entities ({type(exc).__name__})") from None
    entries = []
    for item in parsed.entries:
        link = _entry_link(item)
        if not link:
            continue
        # dict.get: FeedParserDict.get("updated") would silently fall back to "published"
        published = parse_date(dict.get(item, "published") or dict.get(item, "created"))
        updated = parse_date(dict.get(item, "updated"))  # also dc:date
        entries.append(Entry(urljoin(base_url, link), iso(updated or published), iso(published or updated)))
    return entries


def _entry_link(item: feedparser.FeedParserDict) -> str | None:
    for link in item.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link["href"]).strip()
    link = item.get("link") or item.get("id")
    return str(link).strip() if link and str(link).strip().startswith(("http", "/")) else None


def looks_like_feed(body: bytes) -> bool:
    head = body[:2048].lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def parse_sitemap(body: bytes, base_url: str) -> tuple[list[Entry], list[Entry]]:
    """(article entries, child sitemaps) of a sitemap, sitemap index or news sitemap."""
    parser = etree.XMLParser(**_SITEMAP_PARSER_OPTIONS)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError:
        return [], []
    if root is None:
        return [], []
    articles: list[Entry] = []
    children: list[Entry] = []
    for node in root:
        if not isinstance(node.tag, str):
            continue
        values = {_local(child.tag): (child.text or "").strip() for child in node.iter() if isinstance(child.tag, str)}
        loc = values.get("loc")
        if not loc:
            continue
        published = parse_date(values.get("publication_date"))
        lastmod = parse_date(values.get("lastmod")) or published
        entry = Entry(urljoin(base_url, loc), iso(lastmod), iso(published or lastmod))
        (children if _local(node.tag) == "sitemap" else articles).append(entry)
    return articles, children


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def parse_list_page(html: str, base_url: str, selector: str, pattern: str | None,
                    item_selector: str | None = None, date_selector: str | None = None) -> list[Entry]:
    """The article links of an HTML list page: `selector` (CSS or XPath) picks hrefs. With
    `item_selector`, hrefs are picked within each list item and dated by the item's date
    (`date_selector` within the item, else the first date in the item's text)."""
    page = Selector(text=html, base_url=base_url)
    items = [(page, None)] if item_selector is None else [(item, _item_date(item, date_selector))
                                                          for item in _select(page, item_selector)]
    matcher = re.compile(pattern) if pattern else None
    entries: list[Entry] = []
    seen: set[str] = set()
    for item, moment in items:
        for href in _select(item, selector).getall():
            url = urljoin(base_url, href.strip())
            if not url.startswith(("http://", "https://")) or url in seen:
                continue
            if matcher and not matcher.search(url):
                continue
            seen.add(url)
            entries.append(Entry(url, iso(moment), iso(moment)))
    return entries


def next_page_url(html: str, base_url: str, selector: str) -> str | None:
    """The absolute URL of a list page's next page, picked by `selector` (None: no next page)."""
    href = _select(Selector(text=html, base_url=base_url), selector).get()
    return urljoin(base_url, href.strip()) if href and href.strip() else None


def _select(node: Selector, selector: str) -> SelectorList[Selector]:
    """CSS, or XPath when the selector starts with / or ( (or ./ and ../, relative to `node`)."""
    return node.xpath(selector) if selector.startswith(("/", "(", "./", "../")) else node.css(selector)


def _item_date(item: Selector, date_selector: str | None) -> datetime | None:
    texts = _select(item, date_selector).getall() if date_selector else item.xpath(".//text()").getall()
    return parse_date(" ".join(text.strip() for text in texts if text.strip()))


def newest_first(entries: Iterable[Entry], limit: int) -> list[Entry]:
    """At most `limit` entries: the most recently modified first, undated ones after, in page order."""
    indexed = list(enumerate(entries))
    indexed.sort(key=lambda pair: _order(*pair))
    return [entry for _, entry in indexed[:limit]]


def _order(index: int, entry: Entry) -> tuple[int, float, int]:
    if entry.lastmod is None:
        return (1, 0.0, index)
    return (0, -datetime.fromisoformat(entry.lastmod).timestamp(), index)
