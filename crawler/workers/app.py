"""The Celery application: broker and result backend from `[distributed].broker`, late acks.

One module-level `app` (Celery registers tasks on it at import); `configure(config)`
points it at the configured Redis and sets the delivery guarantees: a task is acknowledged
only when it finished (`task_acks_late`), a task whose worker process died is delivered
again (`task_reject_on_worker_lost`, and Redis restores unacknowledged tasks after the
visibility timeout), and a worker takes one task at a time (no prefetching a crawl
another idle worker could start).
"""

from __future__ import annotations

from celery import Celery

from crawler.config import Config, ConfigError

app = Celery("capexwatch")
CRAWL_TASK = "capexwatch.crawl_source"
BACKFILL_TASK = "capexwatch.backfill_window"
RESTART_GRACE = 300.0  # seconds added to [crawl].max_seconds for the default visibility timeout


def visibility_timeout(config: Config) -> float:
    """Seconds a task may stay unacknowledged before Redis delivers it again: longer than a crawl."""
    return config.distributed.visibility_timeout or config.crawl.max_seconds + RESTART_GRACE


def configure(config: Config) -> Celery:
    """`app`, pointed at the configured broker (ConfigError, naming the setting, when there is none)."""
    broker = config.distributed.broker
    if not broker:
        raise ConfigError(f"{config.path}: [distributed].broker is not set (e.g. \"redis://127.0.0.1:6379/0\"): "
                          "the distributed mode needs a Redis broker")
    transport = {"visibility_timeout": visibility_timeout(config),
                 "unacked_restore_interval": 5, "unacked_restore_throttle": 1}  # a dead worker's task: soon back
    app.conf.update(
        broker_url=broker, result_backend=broker, broker_transport_options=transport,
        result_backend_transport_options=transport, task_acks_late=True, task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1, task_track_started=True, result_expires=24 * 3600,
        broker_connection_retry_on_startup=True, worker_hijack_root_logger=False, task_serializer="json",
        result_serializer="json", accept_content=["json"],
    )
    return app
