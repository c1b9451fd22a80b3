"""An article page's alternate versions (AMP, print), read in the page's place when its own text fails.

The last step of the fallback reader, the only one that needs another page: when a page gives
no text, or weak text (crawler.text.fallback.weakness) even after trafilatura and the fallback
reader, the crawl reads the version of the article the page links (spiders/alternates.py
fetches it). Here, without any network:

- `alternate_reason(own)`: why the page's own reading is not enough, or None;
- `find_alternate(html, url)`: the version the page links (`<link rel="amphtml">`, or an
  `<a>`/`<link>` href or onclick URL matching a print pattern), in [alternate].order, never
  the page itself; it also keeps what the page says of itself (title, date, author);
- `read_alternate(...)`: the alternate's text as the original article: the original's URL,
  title, date, author and canonical URL, the alternate's where the original lacks them;
- `is_better(alternate, own)`: the alternate replaces the page's own text only with more prose.

Link forms and print patterns are data: crawler/data/fallback.toml [alternate].
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urljoin, urlsplit

from crawler.models import Article
from crawler.text.boilerplate import load_rules
from crawler.text.extract import ExtractError, extract_article, parse_html
from crawler.text.fallback import prose_chars, weakness
from crawler.text.pagemeta import PageMeta, html_metadata
from crawler.urls import normalize_url

LABELS = {"amp": "AMP", "print": "print"}
_QUOTED = re.compile(r"""['"]([^'"\s]+)['"]""")


@dataclass(frozen=True)
class AlternateConfig:
    order: tuple[str, ...]
    amp_rels: frozenset[str]
    print_patterns: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class Alternate:
    """The version of an article its page links, and what that page says of itself."""

    url: str
    kind: str  # "amp" or "print"
    page: PageMeta  # the linking page's title, date, author and canonical URL

    @property
    def label(self) -> str:
        return LABELS[self.kind]


@lru_cache(maxsize=1)
def load_alternate_config() -> AlternateConfig:
    text = resources.files("crawler").joinpath("data/fallback.toml").read_text(encoding="utf-8")
    raw = tomllib.loads(text)["alternate"]
    unknown = sorted(set(raw["order"]) - set(LABELS))
    if unknown:
        raise ValueError(f"crawler/data/fallback.toml: [alternate].order: unknown kind {unknown[0]!r}")
    return AlternateConfig(
        order=tuple(raw["order"]), amp_rels=frozenset(r.lower() for r in raw["amp_rels"]),
        print_patterns=tuple(re.compile(p) for p in raw["print_patterns"]),
    )


def alternate_reason(own: Article | Exception) -> str | None:
    """Why the page's own reading needs its alternate version: no text, or weak text; None when fine.

    An exception other than ExtractError is a fault of ours, not of the page: no reason."""
    if isinstance(own, ExtractError):
        return f"no article text ({own})"
    if isinstance(own, Exception):
        return None
    why = weakness(own.body, load_rules())
    return f"weak article text ({why})" if why else None


def find_alternate(html: str, url: str, config: AlternateConfig | None = None) -> Alternate | None:
    """The alternate version the page at `url` links, the first kind of [alternate].order found."""
    config = config or load_alternate_config()
    tree = parse_html(html)
    if tree is None:
        return None
    own = normalize_url(url)
    finders = {"amp": _amp_links, "print": _print_links}
    for kind in config.order:
        for href in finders[kind](tree, config):
            target = urljoin(url, href.strip())
            if urlsplit(target).scheme in ("http", "https") and normalize_url(target) != own:
                return Alternate(target, kind, html_metadata(tree, load_rules().chrome_words))
    return None


def read_alternate(html: str, alternate: Alternate, *, url: str, own: Article | None,
                   published: str | None = None) -> Article:
    """The alternate page's text as the article at `url` (raises ExtractError like extract_article).

    Title, date, author and canonical URL are the original's (`own`, else what the linking page
    said of itself) where it gives them, the alternate's where it does not, then `published`
    (the feed's date). The original's come first because the stored article is the original:
    its og:title has the site name removed, a print page's <title> often does not ("… - 경제투데이"),
    and an alternate's canonical URL may name the alternate itself (never kept)."""
    known = _known(alternate, own)
    article = extract_article(html, is_html=True, url=alternate.url, published=published)
    canonical = article.canonical_url
    if canonical and normalize_url(urljoin(alternate.url, canonical)) == normalize_url(alternate.url):
        canonical = None
    return replace(article, url=url, title=known.title or article.title,
                   published=known.published or article.published, author=known.author or article.author,
                   canonical_url=known.canonical_url or canonical)


def is_better(alternate: Article, own: Article | None) -> bool:
    """Does the alternate hold more prose than the page's own text (none when it gave none)?"""
    rules = load_rules()
    return prose_chars(alternate.body, rules) > (prose_chars(own.body, rules) if own else 0)


def _known(alternate: Alternate, own: Article | None) -> PageMeta:
    if own is None:
        return alternate.page
    page = alternate.page
    return PageMeta(title=own.title or page.title, published=own.published or page.published,
                    author=own.author or page.author, canonical_url=own.canonical_url or page.canonical_url)


def _amp_links(tree: Any, config: AlternateConfig) -> Iterator[str]:
    for link in tree.iter("link"):
        if set((link.get("rel") or "").lower().split()) & config.amp_rels and link.get("href"):
            yield link.get("href")


def _print_links(tree: Any, config: AlternateConfig) -> Iterator[str]:
    """hrefs of <a> and <link>, and the quoted URLs of a javascript: href or an onclick, that match a print pattern."""
    for element in tree.iter("a", "link"):
        href, onclick = (element.get("href") or "").strip(), element.get("onclick") or ""
        scripted = href.lower().startswith("javascript:")
        candidates = [*(_QUOTED.findall(href) if scripted else [href]), *_QUOTED.findall(onclick)]
        for candidate in candidates:
            if candidate and any(pattern.search(candidate) for pattern in config.print_patterns):
                yield candidate
