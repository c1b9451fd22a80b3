"""Scrapy item pipeline: a fetched page -> analyze -> save_article (store and diff) -> remembered.

Thin on purpose: extraction is `crawler.figures.analyze.analyze`, storage and diffing are
`crawler.store.articles.save_article`. An article with no investment keyword is only
remembered (fetched, not matched); a page that cannot be read is logged with its URL,
remembered, counted, and the crawl goes on; a page our database could not store is logged
and not remembered, so the next crawl fetches it again. A page with no text or weak text that
links its AMP or print version waits for that version (spiders/alternates.py says why the
pipeline decides) and is then stored, under its own URL, from whichever reading holds more
prose. Settings come through `from_crawler`.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from crawler.figures.analyze import analyze, analyze_article
from crawler.models import Article, ExtractResult
from crawler.store.articles import save_article
from crawler.store.crawlstate import parse_iso, remember_fetch
from crawler.store.staging import stage_page
from crawler.text.alternates import is_better, read_alternate
from crawler.text.extract import ExtractError
from spiders.alternates import AlternatePage, alternate_request
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
        spider = self.crawler.spider
        if isinstance(item, AlternatePage):
            spider.count("alternates_waiting", -1)
            return self.finish(spider, item.original, self.alternate_outcome(spider, item))
        if not isinstance(item, FetchedPage):
            return item
        own = self.read(spider, item)
        request = alternate_request(spider, item, own)
        if request is not None:  # the page waits for its alternate version (spiders/alternates.py)
            spider.count("alternates_waiting")
            self.crawler.engine.crawl(request)
            item.text = ""
            return item
        return self.finish(spider, item, own)

    def read(self, spider: Any, item: FetchedPage) -> ExtractResult | Exception:
        """The page through the text and figures stages, or why it could not be read."""
        try:
            return analyze(item.text, is_html=True, keywords=self.keywords, url=item.final_url,
                           published=item.published,
                           site_rule=getattr(getattr(spider, "source", None), "site_rule", None))
        except Exception as exc:  # noqa: BLE001 - one broken page never stops the crawl
            return exc

    def alternate_outcome(self, spider: Any, page: AlternatePage) -> ExtractResult | Exception:
        """The alternate version's reading, under the page's URL, when it holds more prose than the
        page's own text; otherwise the page's own reading, as if it had linked no alternate."""
        url, version = page.original.final_url, f"its {page.alternate.label} version {page.alternate.url}"
        own = page.own.article if isinstance(page.own, ExtractResult) else None
        if page.text is None:
            logger.debug("%s: %s could not be read (%s); the page's own reading stands", url, version, page.failure)
            return page.own
        try:
            article = read_alternate(page.text, page.alternate, url=url, own=own, published=page.original.published)
        except ExtractError as exc:
            logger.debug("%s: %s gave no article text either (%s)", url, version, exc)
            return page.own
        except Exception as exc:  # noqa: BLE001 - one broken page never stops the crawl
            return exc
        if not is_better(article, own):
            logger.debug("%s: %s holds no more prose than the page; the page's own reading stands", url, version)
            return page.own
        logger.debug("%s: article text read from %s", url, version)
        spider.count("alternates_used")
        try:
            return self.figures(article)
        except Exception as exc:  # noqa: BLE001 - one broken page never stops the crawl
            return exc

    def figures(self, article: Article) -> ExtractResult:
        """What `analyze` does after the text stage, for an article read from its alternate version."""
        return analyze_article(article, keywords=self.keywords)

    def finish(self, spider: Any, item: FetchedPage, outcome: ExtractResult | Exception) -> FetchedPage:
        if getattr(spider, "backfill", None) is not None:
            return self.stage(spider, item, outcome)
        article_id, matched = None, False
        if isinstance(outcome, Exception):
            self.cannot_extract(spider, item, outcome)
        else:
            try:
                article_id, matched = self.store_result(spider, item, outcome)
            except SQLAlchemyError as exc:  # our database, not the page: not remembered, so the next crawl retries it
                spider.note_error(f"{item.final_url}: cannot store: {type(exc).__name__}: {_first_line(exc)}; "
                                  "it will be fetched again next crawl")
                item.text = ""
                return item
            except Exception as exc:  # noqa: BLE001 - one broken page never stops the crawl
                self.cannot_extract(spider, item, exc)
        try:
            remember_fetch(
                spider.store.engine, item.url, source=item.source, lastmod=item.lastmod,
                http_status=item.status, article_id=article_id, matched=matched, fetched_at=item.fetched_at,
            )
        except Exception as exc:  # noqa: BLE001
            spider.note_error(f"{item.url}: cannot remember the fetch: {_first_line(exc)}")
        item.text = ""  # the page text is not needed any longer
        return item

    def cannot_extract(self, spider: Any, item: FetchedPage, exc: Exception) -> None:
        spider.note_error(f"{item.final_url}: cannot extract: {type(exc).__name__}: {_first_line(exc)}, skipped")

    def stage(self, spider: Any, item: FetchedPage, outcome: ExtractResult | Exception) -> FetchedPage:
        """Backfill: the page's reading is staged in the database and stored later, in publication
        order (crawler/backfill.py). A page our database could not stage is not remembered: the next
        backfill fetches it again."""
        if isinstance(outcome, Exception):
            self.cannot_extract(spider, item, outcome)
        item.text = ""
        try:
            stage_page(spider.store.engine, item, outcome if isinstance(outcome, ExtractResult) else None,
                       run_id=spider.run_id)
        except SQLAlchemyError as exc:
            spider.note_error(f"{item.final_url}: cannot stage: {type(exc).__name__}: {_first_line(exc)}; "
                              "it will be fetched again next backfill")
        return item

    def store_result(self, spider: Any, item: FetchedPage, result: ExtractResult) -> tuple[int | None, bool]:
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
