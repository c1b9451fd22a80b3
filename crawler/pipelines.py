"""Scrapy item pipeline: a fetched page -> analyze -> save_article (store and diff) -> remembered.

Thin on purpose: extraction is `crawler.figures.analyze.analyze`, storage and diffing are
`crawler.store.articles.save_article`. An article with no investment keyword is only
remembered (fetched, not matched); a page that cannot be read is logged with its URL,
remembered, counted, and the crawl goes on; a page our database could not store is logged
and not remembered, so the next crawl fetches it again. Settings come through `from_crawler`.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from crawler.figures.analyze import analyze
from crawler.store.articles import save_article
from crawler.store.crawlstate import parse_iso, remember_fetch
from spiders.items import FetchedPage

logger = logging.getLogger(__name__)


class ArticlePipeline:
    def __init__(self, crawler: Any) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.keywords = tuple(settings.getlist("CAPEXWATCH_KEYWORDS"))
        self.fx_to_usd = dict(settings.getdict("CAPEXWATCH_FX_TO_USD"))
        self.tolerance = settings.getfloat("CAPEXWATCH_TOLERANCE", 0.02)
        self.fx_tolerance = settings.getfloat("CAPEXWATCH_FX_TOLERANCE", 0.10)

    @classmethod
    def from_crawler(cls, crawler: Any) -> ArticlePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchedPage):
            return item
        spider = self.crawler.spider
        if getattr(spider, "backfill", None) is not None:
            return self.stage(spider, item)
        try:
            article_id, matched = self.store_page(spider, item)
        except SQLAlchemyError as exc:  # our database, not the page: not remembered, so the next crawl retries it
            spider.note_error(f"{item.final_url}: cannot store: {type(exc).__name__}: {_first_line(exc)}; "
                              "it will be fetched again next crawl")
            item.text = ""
            return item
        except Exception as exc:  # noqa: BLE001 - one broken page never stops the crawl
            message = f"{item.final_url}: cannot extract: {type(exc).__name__}: {_first_line(exc)}, skipped"
            spider.note_error(message)
            article_id, matched = None, False
        try:
            remember_fetch(
                spider.store.engine, item.url, source=item.source, lastmod=item.lastmod,
                http_status=item.status, article_id=article_id, matched=matched, fetched_at=item.fetched_at,
            )
        except Exception as exc:  # noqa: BLE001
            spider.note_error(f"{item.url}: cannot remember the fetch: {_first_line(exc)}")
        item.text = ""  # the page text is not needed any longer
        return item

    def stage(self, spider: Any, item: FetchedPage) -> FetchedPage:
        """Backfill: analyse the page now, store it later in publication order (crawler/backfill.py)."""
        try:
            result = analyze(item.text, is_html=True, keywords=self.keywords, url=item.final_url,
                             published=item.published, site_rule=spider.source.site_rule)
        except Exception as exc:  # noqa: BLE001 - one broken page never stops the backfill
            spider.note_error(f"{item.final_url}: cannot extract: {type(exc).__name__}: {_first_line(exc)}, skipped")
            result = None
        item.text = ""
        spider.staged.append((result, item))
        return item

    def store_page(self, spider: Any, item: FetchedPage) -> tuple[int | None, bool]:
        result = analyze(item.text, is_html=True, keywords=self.keywords, url=item.final_url, published=item.published,
                         site_rule=getattr(getattr(spider, "source", None), "site_rule", None))
        spider.note_newest(parse_iso(result.article.published))

        if not result.keywords:
            if not item.revisit:
                spider.count("new_articles")
            return None, False
        saved = save_article(
            spider.store, result, source=item.source, fetched_at=item.fetched_at, etag=item.etag,
            last_modified=item.last_modified, fx_to_usd=self.fx_to_usd, tolerance=self.tolerance,
            fx_tolerance=self.fx_tolerance,
        )
        spider.count("matched")
        if saved.created:
            spider.count("new_articles")
        for status, counter in (("new", "new_facts"), ("confirmed", "confirmed_facts"),
                                ("revised", "revised_facts"), ("conflict", "conflicting_facts")):
            spider.count(counter, sum(1 for change in saved.changes if change.status == status))
        return saved.article_id, True


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:300] if text else ""
