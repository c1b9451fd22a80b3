"""A company's capex facts over time as an SVG bar chart's geometry (pure; the template draws it).

One bar per capex fact with a USD equivalent, ordered by the start of its period (a year
before its first half; facts without a period last), its height the USD equivalent on a
shared scale with round gridlines. The page renders the SVG on the server, so it reads
without JavaScript.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from crawler.digest import wording
from crawler.web.views import FactItem

WIDTH, HEIGHT = 760, 280
LEFT, RIGHT, TOP, BOTTOM = 70, 16, 18, 58
MAX_BARS = 40


@dataclass(frozen=True)
class ChartBar:
    x: float
    y: float
    width: float
    height: float
    label: str  # the period
    value: str  # 'US$52.8bn'
    title: str  # the tooltip: '2025~2027년 3,800억 위안 ≈ US$52.8bn'
    url: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    baseline: float
    left: int
    right: float
    bars: tuple[ChartBar, ...]
    ticks: tuple[tuple[float, str], ...]  # (y, 'US$20bn')
    more: int  # bars left out (more than MAX_BARS)


def period_start(period: str | None) -> tuple[int, int]:
    """(year, month) a period starts: 2025H2 -> (2025, 7), 2025Q2 -> (2025, 4), FY2025 -> (2025, 1)."""
    if not period or not (match := re.match(r"(?:FY)?(\d{4})(?:([HQ])([1-4]))?", period)):
        return (9999, 13)
    month = 1
    if match[2] == "H":
        month = 1 + (int(match[3]) - 1) * 6
    elif match[2] == "Q":
        month = 1 + (int(match[3]) - 1) * 3
    return (int(match[1]), month)


def nice_step(top: float) -> float:
    """A round gridline step giving 3 to 6 lines up to `top` (1, 2 or 5 times a power of ten)."""
    if top <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(top / 4))
    return next(power * m for m in (1, 2, 5, 10) if top / (power * m) <= 6)


def capex_chart(items: Sequence[FactItem]) -> Chart | None:
    """The chart of the capex facts among `items` that have a USD equivalent; None when there is none."""
    shown = sorted((i for i in items if i.row.kind == "capex" and i.usd), key=lambda i: (  # a year before its half
        period_start(i.row.period), len(i.row.period or ""), i.row.first_seen or date.min, i.row.fact_id))
    more = max(0, len(shown) - MAX_BARS)
    shown = shown[-MAX_BARS:]
    if not shown:
        return None
    step = nice_step(max(i.usd or 0.0 for i in shown))
    top = step * math.ceil(max(i.usd or 0.0 for i in shown) / step)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(shown)
    bar_w = min(56.0, slot * 0.7)
    bars = []
    for n, item in enumerate(shown):
        height = max(1.0, (item.usd or 0.0) / top * plot_h)
        bars.append(ChartBar(
            x=round(LEFT + n * slot + (slot - bar_w) / 2, 1), y=round(TOP + plot_h - height, 1),
            width=round(bar_w, 1), height=round(height, 1), label=item.period, value=item.usd_text,
            title=f"{item.period} {item.value} ≈ {item.usd_text}", url=item.url))
    ticks = tuple((round(TOP + plot_h - k * step / top * plot_h, 1), f"US${wording.compact_amount(k * step, None)}")
                  for k in range(int(round(top / step)) + 1))
    return Chart(WIDTH, HEIGHT, TOP + plot_h, LEFT, WIDTH - RIGHT, tuple(bars), ticks, more)
