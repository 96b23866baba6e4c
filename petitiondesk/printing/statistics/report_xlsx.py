"""The statistics workbook: a 汇总 sheet with every table of the report (as the window and
the PDF show them), and data sheets with NATIVE Excel charts (openpyxl.chart) over their
cells — 按问题类别 (bar), 按月 (line), 承办单位 (bar of the on-time rate) — so the leaders
can restyle or re-plot them in Excel. Numbers are numbers (rates are fractions shown as
%); labels are always text (a category typed as "=…" never becomes a formula)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import BinaryIO, Final

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from petitiondesk.core.statistics import StatisticsReport, StatTable, report_tables
from petitiondesk.core.statistics.report import AVERAGE, RATE, TEXT, Cell

from ..atomic import replacing
from .charts import CHART_CATEGORY, CHART_MONTHLY, CHART_TITLES, CHART_UNITS

SUMMARY_SHEET: Final = "汇总"
CATEGORY_SHEET: Final = "按问题类别"
MONTHLY_SHEET: Final = "按月"
UNITS_SHEET: Final = "承办单位"
_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_TITLE: Final = Font(name="宋体", size=14, bold=True)
_BOLD: Final = Font(name="宋体", size=11, bold=True)
_HEAD_FILL: Final = PatternFill("solid", fgColor="E7E6E6")
_FORMATS: Final = {RATE: "0.0%", "change": "+0.0%;-0.0%;0.0%", AVERAGE: "0.0"}


def put(ws: Worksheet, row: int, column: int, value: Cell, kind: str = TEXT) -> None:
    """Write one cell: text stays literal text, numbers get the kind's number format."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # openpyxl would store "=…" as a formula
        cell.quotePrefix = value.startswith(_FORMULA_START)
        return
    cell.value = value
    if kind in _FORMATS and value is not None:
        cell.number_format = _FORMATS[kind]


def _header(ws: Worksheet, row: int, headers: Sequence[str]) -> None:
    for column, text in enumerate(headers, start=1):
        put(ws, row, column, text)
        ws.cell(row=row, column=column).font = _BOLD
        ws.cell(row=row, column=column).fill = _HEAD_FILL


def _write_table(ws: Worksheet, row: int, table: StatTable) -> int:
    """``table`` from ``row`` on (its title, header, rows); returns the next free row."""
    put(ws, row, 1, table.title)
    ws.cell(row=row, column=1).font = _BOLD
    _header(ws, row + 1, table.headers)
    row += 2
    for stat_row in table.rows:
        put(ws, row, 1, stat_row.label)
        for column, value in enumerate(stat_row.values, start=2):
            kind = table.kind_of(stat_row, column - 2)
            if kind == "change" and stat_row.kind == RATE:
                kind = RATE  # a rate's change: percentage points, shown as %
            put(ws, row, column, value, kind)
        row += 1
    return row + 1


def _summary(wb: Workbook, report: StatisticsReport, tables: Sequence[StatTable]) -> None:
    ws = wb.active
    assert ws is not None
    ws.title = SUMMARY_SHEET
    put(ws, 1, 1, f"{report.office}{report.title}")
    ws.cell(row=1, column=1).font = _TITLE
    put(ws, 2, 1, f"统计时段：{report.period.start:%Y-%m-%d} 至 {report.period.end:%Y-%m-%d}")
    row = 4
    for table in tables:
        row = _write_table(ws, row, table)
    ws.column_dimensions["A"].width = 28
    for letter in "BCDEFGH":
        ws.column_dimensions[letter].width = 13
    ws.freeze_panes = "A4"


def _data_sheet(wb: Workbook, title: str, headers: Sequence[str], rows: Sequence[Sequence[Cell]],
                kinds: Sequence[str]) -> Worksheet:  # fmt: skip
    ws = wb.create_sheet(title)
    _header(ws, 1, headers)
    for r, values in enumerate(rows, start=2):
        for c, (value, kind) in enumerate(zip(values, kinds, strict=True), start=1):
            put(ws, r, c, value, kind)
    ws.column_dimensions["A"].width = 22
    ws.freeze_panes = "A2"
    for cell in ws[1]:
        cell.alignment = Alignment(horizontal="center")
    return ws


def _bar(ws: Worksheet, title: str, rows: int, data_columns: tuple[int, int], anchor: str,
         horizontal: bool = False) -> None:  # fmt: skip
    chart = BarChart()
    chart.type = "bar" if horizontal else "col"
    chart.title = title
    chart.height, chart.width = 8, 16
    data = Reference(ws, min_col=data_columns[0], max_col=data_columns[1], min_row=1,
                     max_row=max(rows + 1, 2))  # fmt: skip
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=max(rows + 1, 2)))
    ws.add_chart(chart, anchor)


def write_statistics_xlsx(
    report: StatisticsReport, out: Path | BinaryIO, *, created: datetime | None = None
) -> None:
    """The workbook of ``report`` (see the module docstring); ``created`` fixes the
    document's time stamps (the archive's re-runs)."""
    wb = Workbook()
    tables = report_tables(report)
    _summary(wb, report, tables)
    cur, prev = report.current, report.previous
    categories = [label for label, _ in cur.by_category]
    ws = _data_sheet(
        wb, CATEGORY_SHEET, ("问题类别", "本期", "上期"),
        [(c, cur.count_of("by_category", c), prev.count_of("by_category", c)) for c in categories],
        (TEXT, "count", "count"),
    )  # fmt: skip
    _bar(ws, CHART_TITLES[CHART_CATEGORY], len(categories), (2, 3), "E2")
    ws = _data_sheet(
        wb, MONTHLY_SHEET, ("月份", "件数", "上年同月"),
        [(p.label, p.count, p.year_before) for p in report.trend], (TEXT, "count", "count"),
    )  # fmt: skip
    line = LineChart()
    line.title, line.height, line.width = CHART_TITLES[CHART_MONTHLY], 8, 16
    line.add_data(Reference(ws, min_col=2, max_col=3, min_row=1, max_row=len(report.trend) + 1),
                  titles_from_data=True)  # fmt: skip
    line.set_categories(Reference(ws, min_col=1, min_row=2, max_row=len(report.trend) + 1))
    ws.add_chart(line, "E2")
    units = next(t for t in tables if t.key == "units")
    ws = _data_sheet(
        wb, UNITS_SHEET, units.headers, [(r.label, *r.values) for r in units.rows],
        (TEXT, "count", "count", "count", RATE, "count", RATE, TEXT),
    )  # fmt: skip
    _bar(ws, CHART_TITLES[CHART_UNITS], len(units.rows), (5, 5), "J2", horizontal=True)
    if created is not None:
        wb.properties.created = created
    wb.properties.creator = "PetitionDesk"
    wb.properties.title = f"{report.office}{report.title}"
    if isinstance(out, Path):
        with replacing(out) as tmp:
            wb.save(tmp)
    else:
        wb.save(out)
