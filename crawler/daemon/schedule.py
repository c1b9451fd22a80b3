"""Schedules: `[schedule]` settings -> APScheduler triggers, with crontab semantics kept.

APScheduler 3 numbers weekdays from Monday (0 = mon), crontab from Sunday (0 and 7 =
sun); `cron_trigger` rewrites numeric day-of-week fields into weekday names so that
`0 8 * * 1-5` means Monday to Friday, as in crontab. An interval of seconds
(`crawl_interval_seconds`, `digest_interval_seconds`, for tests and soak runs)
replaces the crontab when it is set above zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

if TYPE_CHECKING:  # APScheduler is imported only when a trigger is built, not when config.toml is read
    from apscheduler.triggers.base import BaseTrigger
    from apscheduler.triggers.cron import CronTrigger

@dataclass(frozen=True)
class ScheduleSettings:
    timezone: str = "Asia/Seoul"
    crawl: str = "*/30 * * * *"
    digest: str = "0 8 * * *"
    crawl_timeout: float = 1800.0  # seconds before an overrunning crawl subprocess is killed
    digest_grace: float = 6 * 3600.0  # a digest missed by less than this still runs
    shutdown_grace: float = 30.0  # seconds a running crawl may finish after SIGTERM
    digest_timeout: float = 600.0  # seconds before an overrunning digest subprocess is killed
    crawl_interval_seconds: float = 0.0  # > 0: crawl every N seconds instead of the crontab (tests, soak)
    digest_interval_seconds: float = 0.0  # > 0: digest every N seconds instead of the crontab (tests)


CRON_WEEKDAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")


def crontab_weekdays(field: str) -> str:
    """A crontab day-of-week field (0/7 = Sunday) in APScheduler's terms (weekday names)."""
    if field == "*" or not any(c.isdigit() for c in field.replace("*/", "")):
        return field  # names (mon-fri) mean the same in both
    if any(c.isalpha() for c in field):
        raise ValueError(f"mix of weekday names and numbers in {field!r}: use one or the other")
    days: list[int] = []
    for part in field.split(","):
        base, _, step_text = part.partition("/")
        if base == "*":
            values = list(range(0, 7))
        elif "-" in base:
            first, last = (int(v) for v in base.split("-", 1))
            values = list(range(first, last + 1))
        else:
            values = [int(base)]
        step = int(step_text) if step_text else 1
        if step < 1 or any(not 0 <= v <= 7 for v in values):
            raise ValueError(f"day of week out of range in {field!r} (0-7, 0 and 7 are Sunday)")
        days.extend(v % 7 for v in values[::step])
    return ",".join(CRON_WEEKDAYS[d] for d in sorted(set(days)))


def cron_trigger(expr: str, timezone: str) -> CronTrigger:
    """A CronTrigger for a five-field crontab expression; ValueError if it is not one."""
    from apscheduler.triggers.cron import CronTrigger

    fields = expr.split()
    if len(fields) != 5:
        raise ValueError(f"needs 5 fields (minute hour day month weekday), got {len(fields)}")
    minute, hour, day, month, weekday = fields
    return CronTrigger(
        minute=minute, hour=hour, day=day, month=month, day_of_week=crontab_weekdays(weekday), timezone=timezone
    )


def job_trigger(settings: ScheduleSettings, job: str) -> BaseTrigger:
    """The trigger of the `job` ("crawl" or "digest") job."""
    from apscheduler.triggers.interval import IntervalTrigger

    interval = float(getattr(settings, f"{job}_interval_seconds"))
    if interval > 0:
        return IntervalTrigger(seconds=interval, timezone=settings.timezone)
    return cron_trigger(getattr(settings, job), settings.timezone)


def schedule_problems(settings: ScheduleSettings) -> list[tuple[str, str]]:
    """(setting, message) for each bad `[schedule]` value; empty when all are fine."""
    problems: list[tuple[str, str]] = []
    try:
        ZoneInfo(settings.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return [("timezone", f"is not a known time zone: {settings.timezone!r} (e.g. 'Asia/Seoul', 'UTC')")]
    for job in ("crawl", "digest"):
        try:
            cron_trigger(getattr(settings, job), settings.timezone)
        except ValueError as exc:
            problems.append((job, f"is not a valid crontab expression {getattr(settings, job)!r}: {exc}"))
    for name in ("crawl_timeout", "digest_timeout", "digest_grace", "shutdown_grace"):
        if getattr(settings, name) <= 0:
            problems.append((name, f"must be a positive number of seconds, not {getattr(settings, name)!r}"))
    for name in ("crawl_interval_seconds", "digest_interval_seconds"):
        if getattr(settings, name) < 0:
            problems.append((name, "must be 0 (use the crontab) or a positive number of seconds"))
    return problems
