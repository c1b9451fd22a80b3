"""Distributed crawling: Celery workers sharing a Redis broker and the PostgreSQL store.

The unit of work is one source: `capexwatch crawl --distributed` records a crawl run,
enqueues one `capexwatch.crawl_source` task per source (crawler/workers/dispatch.py)
and prints the same per-source summary when every task is done; `backfill --distributed`
enqueues one `capexwatch.backfill_window` task per source and date window, whose pages the
workers stage in the store, and stores them itself in publication order
(crawler/workers/backfill.py). `capexwatch worker` runs the tasks
(crawler/workers/tasks.py), each in a child process of its own (Scrapy's reactor cannot
restart in one process), so each outlet's politeness stays in one process. Tasks are
acknowledged late and delivered again when their worker dies (the broker's visibility
timeout is longer than a crawl's max_seconds); the store is idempotent, so a task run
twice stores nothing twice (crawler/store/claims.py, crawler/store/staging.py).
"""
