"""Which URLs identify an article: its own URL, and its canonical URL only when that is an article address.

A page's own URL (normalized: tracking parameters dropped) always identifies it. Its
canonical URL (`<link rel=canonical>`, `og:url`) identifies it too — so that a
syndicated copy pointing at the original is the same article — but only when the
canonical looks like the address of one article, because some sites give every page
the same canonical (the home page, a section page) and that must not merge different
articles. The rule (`is_article_address`):

- not a bare site: the path is more than "/" (https://site/, https://site/index.html
  and https://site/news/ are not articles);
- not a list page: no folder named rss, feed, sitemap, tag, category or section, and a
  last segment that is not a list (articleList.html, list.php) or index/main/home page;
- an article address carries an identifier: a query string (articleView.html?idxno=77,
  view/?no=2025...), a digit in its path (/article/2025031001, /2025/02/24/ABCDEF/) or
  a hyphenated slug as its last segment (/posts/naver-ai-capex);
- not a feed, sitemap or list page the crawler already knows (`discovery_pages`).
The canonical URL is still stored on the article row whatever the rule says.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from sqlalchemy import Connection, select

from crawler.models import Article
from crawler.store.schema import discovery_pages
from crawler.urls import normalize_url

_LIST_FOLDER = re.compile(r"(?:rss|feeds?|sitemaps?|tags?|categor(?:y|ies)|sections?)(?:\.[a-z]+)?$", re.IGNORECASE)
_LIST_PAGE = re.compile(r"list|^(?:index|main|default|home)(?:\.[a-z]+)?$", re.IGNORECASE)
_SLUG = re.compile(r"[^-]-[^-]")


def web_url(url: str | None) -> str | None:
    """`url` normalized when it is an http(s) address, else None."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return normalize_url(url)
    return None


def is_article_address(url: str) -> bool:
    """Does `url` look like the address of one article (see the module docstring)?"""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    if not segments and not parts.query:
        return False
    if any(_LIST_FOLDER.match(s) for s in segments) or (segments and _LIST_PAGE.search(segments[-1])):
        return False
    if parts.query:
        return True
    return any(ch.isdigit() for s in segments for ch in s) or bool(_SLUG.search(segments[-1]))


def identity_urls(conn: Connection, article: Article) -> tuple[str | None, list[str]]:
    """The article's own normalized URL, and every URL that identifies it (own first)."""
    own = web_url(article.url)
    urls = [own] if own else []
    canonical = web_url(article.canonical_url)
    if canonical and canonical not in urls and is_article_address(canonical):
        spellings = {canonical, (article.canonical_url or "").strip()}
        if not _is_discovery(conn, spellings):
            urls.append(canonical)
    return own, urls


def _is_discovery(conn: Connection, spellings: set[str]) -> bool:
    """Is this a feed, sitemap or list page the crawler has checked (as configured or normalized)?"""
    query = select(discovery_pages.c.id).where(discovery_pages.c.url.in_(sorted(spellings)))
    return conn.execute(query).first() is not None
