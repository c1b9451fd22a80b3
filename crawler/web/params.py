"""The facts table's query parameters -> a validated FactFilter (pure).

Every parameter is checked here, once: an unknown or repeated parameter, a kind, status
or period outside the vocabulary, a date that is not YYYY-MM-DD, a page that is not a
positive number, all raise BadFilter naming the parameter and what it accepts; the app
turns it into a 400 page. A filter prints itself back as a query string (`query()`), so
links for pages, sorting and downloads keep the current filter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlencode

from crawler.models import KINDS, PERIOD, PERIOD_FORMS, STATUSES

SORTS = ("usd_desc", "usd_asc", "company", "first_seen_desc", "first_seen_asc")
MAX_SEARCH = 100
MAX_PAGE = 1_000_000
FIELDS = ("q", "kind", "period", "status", "since", "until", "sort", "page")


class BadFilter(ValueError):
    """A query parameter the facts table cannot use; the message names it."""


@dataclass(frozen=True)
class FactFilter:
    q: str = ""  # company search: English name, Korean name, member
    kind: str = ""
    period: str = ""  # a period code; a bare year also matches that year's halves, quarters, spans
    status: str = ""
    since: date | None = None  # first seen on or after
    until: date | None = None  # first seen on or before
    sort: str = "usd_desc"
    page: int = 1

    def query(self, **changes: object) -> str:
        """This filter (with `changes`) as a query string, defaults left out."""
        changed = replace(self, **changes)  # type: ignore[arg-type]
        default = FactFilter()
        pairs = [(name, _text(getattr(changed, name))) for name in FIELDS
                 if getattr(changed, name) != getattr(default, name)]
        return urlencode(pairs)

    @property
    def active(self) -> bool:
        return replace(self, sort="usd_desc", page=1) != FactFilter()


def parse_filter(params: Iterable[tuple[str, str]]) -> FactFilter:
    """The FactFilter of a request's query parameters; BadFilter on anything it cannot use."""
    values: dict[str, str] = {}
    for name, value in params:
        if name not in FIELDS:
            raise BadFilter(f"unknown parameter {name!r} (known: {', '.join(FIELDS)})")
        if name in values:
            raise BadFilter(f"parameter {name!r} given twice")
        values[name] = value.strip()
    q = values.get("q", "")
    if len(q) > MAX_SEARCH:
        raise BadFilter(f"q: a search of at most {MAX_SEARCH} characters, not {len(q)}")
    since, until = _date(values, "since"), _date(values, "until")
    if since and until and since > until:
        raise BadFilter(f"since {since} is after until {until}")
    return FactFilter(
        q=q,
        kind=_choice(values, "kind", KINDS),
        period=_period(values.get("period", "")),
        status=_choice(values, "status", STATUSES),
        since=since, until=until,
        sort=_choice(values, "sort", SORTS) or "usd_desc",
        page=_page(values.get("page", "")),
    )


def period_matches(wanted: str, period: str | None) -> bool:
    """`period` is `wanted`, or falls in year `wanted` (2025 matches 2025H1, FY2025, 2024-2026)."""
    if not wanted:
        return True
    if not period:
        return False
    if period == wanted or not re.fullmatch(r"\d{4}", wanted):
        return period == wanted
    year = int(wanted)
    if span := re.fullmatch(r"(?:FY)?(\d{4})-(?:FY)?(\d{4})", period):
        return int(span[1]) <= year <= int(span[2])
    return period.removeprefix("FY")[:4] == wanted


def _choice(values: dict[str, str], name: str, allowed: tuple[str, ...]) -> str:
    value = values.get(name, "")
    if value and value not in allowed:
        raise BadFilter(f"{name}: one of {', '.join(allowed)}, not {value!r}")
    return value


def _period(value: str) -> str:
    if value and not PERIOD.match(value):
        raise BadFilter(f"period: {PERIOD_FORMS}, not {value!r}")
    return value


def _date(values: dict[str, str], name: str) -> date | None:
    value = values.get(name, "")
    if not value:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise BadFilter(f"{name}: a date as YYYY-MM-DD, not {value!r}") from None


def _page(value: str) -> int:
    if not value:
        return 1
    if not re.fullmatch(r"[0-9]{1,7}", value) or not 1 <= int(value) <= MAX_PAGE:
        raise BadFilter(f"page: a whole number from 1, not {value!r}")
    return int(value)


def _text(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)
