"""crawler/web/chart.py: a company's capex bars, laid out on the server (pure)."""

from __future__ import annotations

from datetime import date

import pytest

from crawler.config import DEFAULT_FX_TO_USD
from crawler.web.chart import HEIGHT, LEFT, MAX_BARS, TOP, capex_chart, nice_step, period_start
from crawler.web.queries import FactRow
from crawler.web.views import fact_item

BOTTOM_Y = 222  # TOP 18 + plot height (280 - 18 - 58) = 222


def item(fact_id: int, period: str | None, amount: int, kind: str = "capex", currency: str = "USD"):
    row = FactRow(fact_id, "Naver", None, kind, period, amount, None, currency, "exact", date(2025, 1, 1), None, "new")
    return fact_item(row, DEFAULT_FX_TO_USD)


@pytest.mark.parametrize(("period", "start"), [
    ("2025", (2025, 1)), ("2025H2", (2025, 7)), ("2025Q2", (2025, 4)), ("FY2024", (2024, 1)),
    ("2024-2026", (2024, 1)), (None, (9999, 13)),
])
def test_period_start(period, start):
    assert period_start(period) == start


@pytest.mark.parametrize(("top", "step"), [(17.9e9, 5e9), (52.8e9, 10e9), (100.0, 20.0), (7.1e6, 2e6), (0.0, 1.0)])
def test_gridlines_are_round_steps(top, step):
    assert nice_step(top) == step


def test_bars_follow_the_periods_with_heights_on_one_scale():
    chart = capex_chart([item(1, "2026", 20 * 10**9), item(2, "2025H1", 10 * 10**9), item(3, "2025", 5 * 10**9),
                         item(4, "2025", 9 * 10**9, kind="revenue"), item(5, None, 1 * 10**9)])
    assert chart is not None
    assert [b.label for b in chart.bars] == ["2025년", "2025년 상반기", "2026년", "기간 미상"]
    assert [b.value for b in chart.bars] == ["US$5.0bn", "US$10.0bn", "US$20.0bn", "US$1.0bn"]
    plot = HEIGHT - TOP - 58
    assert chart.baseline == BOTTOM_Y and plot == 204
    assert [b.height for b in chart.bars] == [51.0, 102.0, 204.0, 10.2]  # 5/20, 10/20, 20/20, 1/20 of 204
    assert all(b.y + b.height == pytest.approx(BOTTOM_Y) for b in chart.bars)
    assert chart.ticks[0] == (222.0, "US$0") and chart.ticks[-1] == (18.0, "US$20.0bn")
    assert chart.bars[0].x > LEFT and chart.bars[2].url == "/facts/1"


def test_no_capex_figure_no_chart_and_many_figures_keep_the_latest():
    assert capex_chart([item(1, "2025", 10**9, kind="revenue")]) is None
    many = capex_chart([item(n, str(1950 + n), 10**9) for n in range(MAX_BARS + 5)])
    assert many is not None and many.more == 5 and many.bars[0].label == "1955년"
