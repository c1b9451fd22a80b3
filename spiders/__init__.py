"""Scrapy side of capexwatch: settings, one generic spider per configured source, middlewares.

`sources.SourceSpider` crawls one `crawler.config.Source`; `loader` builds a spider class per
source from config.toml (also for `scrapy crawl <source>`); `discovery` reads feeds,
sitemaps and list pages; `middlewares` keeps requests on the source's domains, makes
discovery requests conditional and retries with backoff.
"""
