"""The scheduler daemon: APScheduler jobs (service), the job runner (subprocesses), crontab schedules.

`crawl_job` and `digest_job` are the functions the persisted job store names
(`crawler.daemon:crawl_job`); they stay here, light, so that the stored references of
jobs written before this package existed keep resolving, and importing the package (as
`crawler.config` does for `crawler.daemon.schedule`) loads no APScheduler.
"""

from __future__ import annotations


def crawl_job(config_path: str) -> None:
    """Scheduled job: one crawl subprocess."""
    from crawler.daemon.service import scheduled_run

    scheduled_run("crawl", config_path)


def digest_job(config_path: str) -> None:
    """Scheduled job: one digest subprocess."""
    from crawler.daemon.service import scheduled_run

    scheduled_run("digest", config_path)
