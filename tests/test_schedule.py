"""[schedule] settings: crontab semantics (weekday numbering), validation at load, interval triggers."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from apscheduler.triggers.interval import IntervalTrigger

from crawler.config import ConfigError, ScheduleSettings, load_config
from crawler.daemon.schedule import cron_trigger, crontab_weekdays, job_trigger

SEOUL = ZoneInfo("Asia/Seoul")


@pytest.mark.parametrize(("field", "expected"), [
    ("*", "*"), ("1-5", "mon,tue,wed,thu,fri"), ("0", "sun"), ("7", "sun"), ("0,6", "sun,sat"),
    ("*/2", "sun,tue,thu,sat"), ("mon-fri", "mon-fri"),
])
def test_crontab_weekday_numbers_keep_their_crontab_meaning(field, expected):
    assert crontab_weekdays(field) == expected


def test_weekday_crontab_fires_on_monday_morning_in_seoul():
    trigger = cron_trigger("0 8 * * 1-5", "Asia/Seoul")
    saturday_noon = datetime(2026, 11, 21, 12, 0, tzinfo=SEOUL)  # a Saturday
    fire = trigger.get_next_fire_time(None, saturday_noon)
    assert fire == datetime(2026, 11, 23, 8, 0, tzinfo=SEOUL)  # Monday 08:00 KST
    assert fire.weekday() == 0


def test_interval_replaces_the_crontab_when_set():
    settings = ScheduleSettings(crawl_interval_seconds=1.5)
    assert isinstance(job_trigger(settings, "crawl"), IntervalTrigger)
    assert "cron" in str(job_trigger(settings, "digest"))


@pytest.mark.parametrize(("line", "setting"), [
    ('crawl = "*/30 * * *"', "[schedule].crawl"),
    ('digest = "0 25 * * *"', "[schedule].digest"),
    ('timezone = "Mars/Olympus"', "[schedule].timezone"),
    ("crawl_timeout = 0", "[schedule].crawl_timeout"),
])
def test_bad_schedule_is_refused_at_load_naming_the_setting(tmp_path, line, setting):
    path = tmp_path / "config.toml"
    path.write_text(f"[schedule]\n{line}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert setting in str(error.value) and str(path) in str(error.value)
