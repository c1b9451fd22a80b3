"""One document through the extraction core: text, keywords, then money figures.

`analyze` = extract_article + match_keywords + find_mentions, the last only when a
keyword matched (an article without an investment keyword produces no mentions). Figure-less
qualitative revisions of an earlier plan ("당초 계획보다 늘린다") are included (amount None,
trend set): the store diffs them; `extract` prints them under "revisions".
Pure apart from trafilatura's logging; raises crawler.text.extract.ExtractError for bad input.
"""

from __future__ import annotations

from collections.abc import Sequence

from crawler.figures.keywords import match_keywords
from crawler.figures.mentions import find_mentions
from crawler.models import Article, ExtractResult
from crawler.text.extract import extract_article


def analyze(
    data: bytes | str,
    *,
    is_html: bool,
    keywords: Sequence[str],
    url: str | None = None,
    published: str | None = None,
    path: str | None = None,
    encoding: str | None = None,
    site_rule: str | None = None,
) -> ExtractResult:
    """The article, the keywords it matched and (when any matched) its money figures."""
    article = extract_article(data, is_html=is_html, url=url, published=published, path=path, encoding=encoding,
                              site_rule=site_rule)
    return analyze_article(article, keywords=keywords)


def analyze_article(article: Article, *, keywords: Sequence[str]) -> ExtractResult:
    """The keywords an article already read matches and (when any matched) its money figures."""
    matched = tuple(match_keywords(article.text, keywords))
    mentions = tuple(find_mentions(article, qualitative=True)) if matched else ()
    return ExtractResult(article=article, keywords=matched, mentions=mentions)
