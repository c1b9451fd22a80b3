"""Article metadata from a page: title, publication time, author, canonical URL.

HTML: meta tags (og:title, article:published_time, author, link rel=canonical,
og:url) and JSON-LD (headline, datePublished, author). Text: a byline
("이근호 기자 leegh@... 2024-08-26 16:31:05", "박정한 글로벌이코노믹 기자") and a
dateline. Korean news pages give local times: a time without an offset is KST (+09:00).
Pure functions over an lxml tree or a list of lines.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from lxml import etree

KST = "+09:00"
_TIMESTAMP = re.compile(
    r"(?<!\d)(\d{4})[-./]\s?(\d{1,2})[-./]\s?(\d{1,2})\.?(?:[\sT]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?!\d)"
)
_BYLINE = re.compile(
    r"([가-힣]{2,4})(?:\s([가-힣A-Za-z.\-]{2,15}))?\s?(?:선임|수석|객원|전문)?(?:기자|특파원)(?![가-힣])"
)
# "입력 2025.03.12 09:40", "기사입력 : 2025-03-12": the page's own dateline, wherever it sits
_DATELINE = re.compile(
    r"(?:입력|등록|승인|발행|게재|송고)\s*(?:일시|시간)?\s*[:：]?\s*(\d{4}[-./]\s?\d{1,2}[-./]\s?\d{1,2}\.?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)"
)
_LONE_BYLINE = re.compile(r"[가-힣]{2,4}\s?(?:선임|수석|객원|전문)?(?:기자|특파원)(?:\s+[\w.+-]+@[\w.-]+)?")
# the page's text nodes that may hold a dateline or a byline, selected by libxml2 (fast on every page)
_VISIBLE = "[not(parent::script or parent::style or parent::noscript or parent::template)]"
_DATELINE_WORDS = ("입력", "등록", "승인", "발행", "게재", "송고")
_REPORTER_WORDS = ("기자", "특파원")
_DATELINE_TEXTS = etree.XPath(
    "//text()[" + " or ".join(f"contains(., '{w}')" for w in _DATELINE_WORDS) + "]" + _VISIBLE
)
_REPORTER_TEXTS = etree.XPath(
    "//text()[" + " or ".join(f"contains(., '{w}')" for w in _REPORTER_WORDS) + "]" + _VISIBLE
)
# compiled once: an expression given to tree.xpath() as a string is parsed again on every page
_TITLE_TEXTS = etree.XPath("//title/text()")
_DATA_DATE_TIME = etree.XPath("//*[@data-date-time][1]/@data-date-time")
_CANONICAL = etree.XPath("//link[@rel='canonical']/@href")
_JSON_LD_TEXTS = etree.XPath("//script[@type='application/ld+json']/text()")
_SEVERAL = re.compile(r"([가-힣]{2,4})(?:\s?[·ㆍ,]\s?[가-힣]{2,4})+\s?(?:기자|특파원)(?![가-힣])")
_HANGUL_NAME = re.compile(r"[가-힣]{2,4}")
_NOT_NAMES = frozenset({"사진", "취재", "편집", "영상", "그래픽", "정리", "기자", "글", "입력"})
_META_PUBLISHED = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate",
    "publishdate", "publish-date", "date", "dc.date.issued", "sailthru.date",
)
_META_AUTHOR = ("author", "article:author", "dable:author", "byl", "dc.creator")


@dataclass(frozen=True)
class PageMeta:
    title: str | None = None
    published: str | None = None
    author: str | None = None
    canonical_url: str | None = None
    site_name: str | None = None


def iso_timestamp(text: str | None) -> str | None:
    """The first date in `text` as ISO: "2024-08-26T16:31:05+09:00", or "2024-08-26" without a time."""
    if not text:
        return None
    iso = _parse_iso(text.strip())
    if iso:
        return iso
    match = _TIMESTAMP.search(text)
    if not match:
        return None
    year, month, day, hour, minute, second = match.groups()
    try:
        stamp = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
    except ValueError:
        return None
    if hour is None:
        return stamp.date().isoformat()
    return stamp.isoformat() + KST


def _parse_iso(text: str) -> str | None:
    if len(text) < 10 or not text[:4].isdigit() or text[4] != "-":
        return None
    try:
        stamp = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if len(text) <= 10:
        return stamp.date().isoformat()
    if stamp.tzinfo is None:
        return stamp.isoformat() + KST
    return stamp.isoformat()


def byline_author(line: str, site_words: frozenset[str] = frozenset()) -> str | None:
    """The reporter's name in a byline: "이근호 기자 ..." -> 이근호; "박정한 글로벌이코노믹 기자" -> 박정한;
    the first of several: "김하늘·이도윤 기자" -> 김하늘 ("김하늘 기자 외 1명" reads as usual)."""
    several = _SEVERAL.search(line)
    if several:
        return several.group(1)
    for match in _BYLINE.finditer(line):
        first, second = match.group(1), match.group(2)
        is_name = bool(second and _HANGUL_NAME.fullmatch(second) and second.casefold() not in site_words)
        name = second if is_name and second else first
        if name not in _NOT_NAMES:
            return name
    return None


def text_metadata(byline_lines: Iterable[str], site_words: frozenset[str]) -> PageMeta:
    """Author and publication time from the byline and dateline lines of a text page."""
    author = published = None
    for line in byline_lines:
        author = author or byline_author(line, site_words)
        published = published or iso_timestamp(line)
    return PageMeta(author=author, published=published)


def html_metadata(tree: Any, site_words: frozenset[str] = frozenset()) -> PageMeta:
    """Title, publication time, author, canonical URL and site name from meta tags and JSON-LD."""
    meta = _meta_values(tree)
    ld = json_ld(tree)
    site = meta.get("og:site_name")
    title = meta.get("og:title") or _first(ld, "headline") or _first_text(_TITLE_TEXTS(tree))
    author_raw = next((meta[k] for k in _META_AUTHOR if meta.get(k) and not meta[k].startswith("http")), None)
    author_raw = author_raw or _ld_author(ld)
    published = next((iso_timestamp(meta[k]) for k in _META_PUBLISHED if meta.get(k)), None)
    published = published or iso_timestamp(_first_text(_DATA_DATE_TIME(tree)))
    canonical = _first_text(_CANONICAL(tree)) or meta.get("og:url")
    return PageMeta(
        title=strip_site_suffix(title, site, site_words),
        published=published or iso_timestamp(_first(ld, "datePublished")),
        author=(byline_author(author_raw, site_words) or author_raw.strip()) if author_raw else None,
        canonical_url=canonical,
        site_name=site,
    )


def page_dateline(tree: Any) -> str | None:
    """The time of the first dateline ("입력 2025-03-12 09:40") in the page's text, as ISO."""
    if not _says_any(tree, _DATELINE_WORDS):
        return None
    for text in _DATELINE_TEXTS(tree):
        match = _DATELINE.search(text)
        if match:
            return iso_timestamp(match.group(1))
    return None


def page_byline(tree: Any, site_words: frozenset[str] = frozenset()) -> str | None:
    """The reporter of the first text in the page that is a byline and nothing else ("윤지후 기자")."""
    if not _says_any(tree, _REPORTER_WORDS):
        return None
    for text in _REPORTER_TEXTS(tree):
        if _LONE_BYLINE.fullmatch(" ".join(text.split())):
            return byline_author(text, site_words)
    return None


def _says_any(tree: Any, words: tuple[str, ...]) -> bool:
    """Does any of the words occur in the page's text? Fast path of the text-node searches above:
    libxml2 serializes all the document's text at once (every text node's content is a part of it,
    so a word no text node holds may occur, never the reverse), far quicker than the XPath visits
    each node. The document's root, as the XPath searches the whole document from any element."""
    text = etree.tostring(tree.getroottree().getroot(), method="text", encoding="unicode")
    return any(word in text for word in words)


def strip_site_suffix(title: str | None, site: str | None, site_words: frozenset[str]) -> str | None:
    """ "기사 제목 - 글로벌이코노믹" -> "기사 제목" when the suffix is the site's name (any short one after "::")."""
    if not title:
        return None
    title = " ".join(title.split())
    for sep in (" - ", " | "):  # "인쇄하기 - 기사 제목": a toolbar word before the headline
        head, found, tail = title.partition(sep)
        if found and tail and head.casefold() in site_words:
            title = tail.strip()
    for sep in (" - ", " | ", " :: ", " : ", " < "):
        head, found, tail = title.rpartition(sep)
        by_name = tail == site or tail.casefold() in site_words
        if found and head and (by_name or (sep == " :: " and len(tail) <= 20)):  # "::" is no headline's
            return head.strip()
    return title


def _meta_values(tree: Any) -> dict[str, str]:
    values: dict[str, str] = {}
    for element in tree.iterfind(".//meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        content = element.get("content")
        if key and content and content.strip():
            values.setdefault(key.strip().lower(), content.strip())
    return values


def json_ld(tree: Any) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page (lists and @graph flattened); broken scripts are skipped."""
    objects: list[dict[str, Any]] = []
    for script in _JSON_LD_TEXTS(tree):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        objects.extend(_ld_objects(data))
    return objects


def _ld_objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _ld_objects(item)
    elif isinstance(data, dict):
        yield data
        yield from _ld_objects(data.get("@graph", []))


def _first(objects: list[dict[str, Any]], key: str) -> str | None:
    return next((str(o[key]) for o in objects if isinstance(o.get(key), str | int)), None)


def _ld_author(objects: list[dict[str, Any]]) -> str | None:
    for obj in objects:
        author = obj.get("author")
        if isinstance(author, list) and author:
            author = author[0]
        if isinstance(author, dict):
            author = author.get("name")
        if isinstance(author, str) and author.strip():
            return author
    return None


def _first_text(values: list[Any]) -> str | None:
    return next((str(v).strip() for v in values if str(v).strip()), None)
