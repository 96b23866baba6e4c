"""The three statistics charts, each defined ONCE as a reportlab.graphics ``Drawing``:

- bar chart by category (本期 beside 上期),
- line chart by month (the last 12 months beside the same months a year earlier),
- on-time rate by handling unit (horizontal bars, %).

The printed monthly report and the situation analysis put the drawing into the PDF as a
vector flowable; the window shows the very same drawing (:func:`chart_pdf_bytes` renders it
to a one-page PDF that the 统计 tab rasterises with QtPdf). One definition, so the screen
and the paper never disagree; no new dependency (reportlab's renderPM needs rlPyCairo,
which is not installed; QtPdf is). The xlsx has native openpyxl charts instead, so the
leaders can restyle them in Excel (printing/statistics/report_xlsx.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Final

from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from petitiondesk.core.statistics import StatisticsReport
from petitiondesk.core.statistics.figures import UNCATEGORISED
from petitiondesk.printing.fonts import register_cjk_font

WIDTH: Final = 470.0
HEIGHT: Final = 210.0
BLUE: Final = colors.HexColor("#3b6ea5")
GREY: Final = colors.HexColor("#b0b8c4")
RED: Final = colors.HexColor("#c0392b")
TITLE_SIZE: Final = 11
LABEL_SIZE: Final = 8
#: The most categories / units a chart shows (the rest are in the tables).
MAX_BARS: Final = 12

CHART_CATEGORY: Final = "category"
CHART_MONTHLY: Final = "monthly"
CHART_UNITS: Final = "units"
CHART_TITLES: Final = {
    CHART_CATEGORY: "按问题类别",
    CHART_MONTHLY: "按月登记件数",
    CHART_UNITS: "承办单位按期办结率",
}


def _frame(title: str, height: float = HEIGHT) -> tuple[Drawing, str]:
    font = register_cjk_font()
    drawing = Drawing(WIDTH, height)
    drawing.initialFontName = font  # else the page references an unembedded Helvetica
    drawing.add(String(WIDTH / 2, height - 14, title, fontName=font, fontSize=TITLE_SIZE,
                       textAnchor="middle"))  # fmt: skip
    return drawing, font


def _empty(drawing: Drawing, font: str) -> Drawing:
    drawing.add(String(WIDTH / 2, drawing.height / 2, "本期无数据", fontName=font,
                       fontSize=LABEL_SIZE + 2, textAnchor="middle", fillColor=GREY))  # fmt: skip
    return drawing


def _legend(drawing: Drawing, font: str, items: Sequence[tuple[colors.Color, str]]) -> None:
    legend = Legend()
    legend.x, legend.y = WIDTH - 150, drawing.height - 26
    legend.fontName, legend.fontSize = font, LABEL_SIZE
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 70
    legend.dx = legend.dy = 7
    legend.colorNamePairs = list(items)
    drawing.add(legend)


def _value_axis_max(values: Sequence[float]) -> float:
    top = max(values, default=0)
    step = max(1, round(top / 5 + 0.5))
    return float(step * 5 if top else 5)


def _axes(chart: Any, font: str, labels: list[str], values: list[int], *, slanted: bool) -> None:
    """Category labels (slanted when many) and a value axis from 0, in the CJK font."""
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = LABEL_SIZE - 1 if slanted else LABEL_SIZE
    chart.categoryAxis.labels.angle = 30 if slanted else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if slanted else "n"
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _value_axis_max(values)
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = font, LABEL_SIZE


def category_chart(report: StatisticsReport) -> Drawing:
    """Cases by category this period beside the period before (vertical bars)."""
    drawing, font = _frame(f"{CHART_TITLES[CHART_CATEGORY]}（{report.period.label}）")
    labels = [c for c, n in report.current.by_category if n or c != UNCATEGORISED][:MAX_BARS]
    now = [report.current.count_of("by_category", c) for c in labels]
    before = [report.previous.count_of("by_category", c) for c in labels]
    if not any(now) and not any(before):
        return _empty(drawing, font)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 45, WIDTH - 60, HEIGHT - 85
    chart.data = [now, before]
    chart.bars[0].fillColor, chart.bars[1].fillColor = BLUE, GREY
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName, chart.barLabels.fontSize = font, LABEL_SIZE - 1
    chart.barLabels.nudge = 6
    _axes(chart, font, labels, now + before, slanted=len(labels) > 6)
    drawing.add(chart)
    _legend(drawing, font, [(BLUE, "本期"), (GREY, "上期")])
    return drawing


def monthly_chart(report: StatisticsReport) -> Drawing:
    """Registrations per month over the last 12 months, and a year earlier (lines)."""
    drawing, font = _frame(CHART_TITLES[CHART_MONTHLY])
    now = [p.count for p in report.trend]
    before = [p.year_before for p in report.trend]
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 40, 40, WIDTH - 60, HEIGHT - 80
    chart.data = [now, before]
    chart.lines[0].strokeColor, chart.lines[0].strokeWidth = BLUE, 2
    chart.lines[1].strokeColor, chart.lines[1].strokeWidth = GREY, 1.5
    chart.lines[1].strokeDashArray = (3, 2)
    _axes(chart, font, [p.label for p in report.trend], now + before, slanted=True)
    drawing.add(chart)
    _legend(drawing, font, [(BLUE, "近12个月"), (GREY, "上年同月")])
    return drawing


def units_chart(report: StatisticsReport) -> Drawing:
    """On-time rate (%) of each unit with referrals due (horizontal bars); a unit above
    the extension limit (续报率) is drawn red."""
    drawing, font = _frame(f"{CHART_TITLES[CHART_UNITS]}（{report.period.label}）")
    units = [u for u in report.current.units if u.on_time_rate is not None][:MAX_BARS]
    if not units:
        return _empty(drawing, font)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 110, 20, WIDTH - 150, HEIGHT - 50
    chart.data = [[round((u.on_time_rate or 0) * 100, 1) for u in reversed(units)]]
    chart.bars[0].fillColor = BLUE
    for i, unit in enumerate(reversed(units)):
        if unit.over_limit(report.extension_limit):
            chart.bars[(0, i)].fillColor = RED
    chart.barLabelFormat = "%.1f%%"
    chart.barLabels.fontName, chart.barLabels.fontSize = font, LABEL_SIZE - 1
    chart.barLabels.boxAnchor, chart.barLabels.dx = "w", 3
    chart.categoryAxis.categoryNames = [u.unit for u in reversed(units)]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = LABEL_SIZE
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = font, LABEL_SIZE
    chart.valueAxis.labelTextFormat = "%d%%"
    drawing.add(chart)
    return drawing


CHARTS: Final[dict[str, Callable[[StatisticsReport], Drawing]]] = {
    CHART_CATEGORY: category_chart,
    CHART_MONTHLY: monthly_chart,
    CHART_UNITS: units_chart,
}


def report_charts(report: StatisticsReport) -> list[Drawing]:
    """The three charts, in the order they are printed."""
    return [make(report) for make in CHARTS.values()]


def chart_pdf_bytes(drawing: Drawing) -> bytes:
    """One chart as a one-page PDF the size of the drawing (what the window shows)."""
    data: bytes = renderPDF.drawToString(drawing, invariant=1)
    return data
