"""A statistics report: the figures of a period beside the period before (环比) and the
same period a year earlier (同比), the monthly trend, and the tables and chart data that
the window, the PDF and the xlsx all show (one source for all three)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from .figures import (
    EXTENSION_LIMIT,
    CaseFact,
    Figures,
    ReferralFact,
    Vocabulary,
    change,
    compute_figures,
    monthly_counts,
    point_change,
)
from .period import Period, trend_months

Cell = str | int | float | None
COUNT: Final = "count"  # a number of cases: change is relative
AVERAGE: Final = "average"  # a mean (days): change is relative, shown with one decimal
RATE: Final = "rate"  # a share 0..1: shown as %, change in percentage points
TEXT: Final = "text"


@dataclass(frozen=True)
class TrendPoint:
    """One month of the line chart: its label, this year's count, a year earlier."""

    label: str
    count: int
    year_before: int


@dataclass(frozen=True)
class StatisticsReport:
    period: Period
    current: Figures
    previous: Figures
    last_year: Figures
    trend: tuple[TrendPoint, ...]
    as_of: date
    office: str = ""
    extension_limit: float = EXTENSION_LIMIT
    #: Early-warning cluster lines (苗头性、倾向性问题) for the analysis; filled by the
    #: service from :func:`petitiondesk.services.statistics.cluster_lines`.
    clusters: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return f"{self.period.label}信访统计分类"

    def units_over_limit(self) -> list[tuple[str, float]]:
        """Units whose extension rate (续报率) is above the limit, with the rate."""
        return [
            (u.unit, u.extension_rate)
            for u in self.current.units
            if u.extension_rate is not None and u.over_limit(self.extension_limit)
        ]


def build_report(
    period: Period,
    cases: Iterable[CaseFact],
    referrals: Iterable[ReferralFact],
    *,
    as_of: date,
    vocabulary: Vocabulary | None = None,
    office: str = "",
    extension_limit: float = EXTENSION_LIMIT,
    clusters: Sequence[str] = (),
) -> StatisticsReport:
    """The report of ``period``; ``cases`` and ``referrals`` must cover the period, the
    one before, the same period a year earlier and the 24 months of the trend."""
    cases, referrals = list(cases), list(referrals)

    def figures(p: Period) -> Figures:
        return compute_figures(p, cases, referrals, as_of=as_of, vocabulary=vocabulary)

    months = trend_months(period)
    before = [(y - 1, m) for y, m in months]
    days = [c.received for c in cases]
    counts = monthly_counts(days, months)
    counts_before = monthly_counts(days, before)
    trend = tuple(
        TrendPoint(f"{y}年{m}月" if m == 1 or i == 0 else f"{m}月", n, n0)
        for i, ((y, m), n, n0) in enumerate(zip(months, counts, counts_before, strict=True))
    )
    return StatisticsReport(
        period=period,
        current=figures(period),
        previous=figures(period.previous()),
        last_year=figures(period.last_year()),
        trend=trend,
        as_of=as_of,
        office=office,
        extension_limit=extension_limit,
        clusters=tuple(clusters),
    )


def window_start(period: Period) -> date:
    """The first day a report of ``period`` needs rows from (the trend's year before)."""
    first = trend_months(period)[0]
    return min(date(first[0] - 1, first[1], 1), period.last_year().start)


@dataclass(frozen=True)
class StatRow:
    label: str
    values: tuple[Cell, ...]
    kind: str = COUNT
    flagged: bool = False  # drawn in red (a unit above the 续报率 limit)


@dataclass(frozen=True)
class StatTable:
    """A table as the window, the PDF and the xlsx show it; ``kinds`` tells how each
    value column is formatted (``None``: the row's own kind)."""

    key: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[StatRow, ...]
    kinds: tuple[str | None, ...] = ()

    def kind_of(self, row: StatRow, column: int) -> str:
        """How value ``column`` (0 = the first after the label) of ``row`` is formatted."""
        kind = self.kinds[column] if column < len(self.kinds) else None
        return kind or row.kind


COMPARE_HEADERS: Final = ("本期", "上期", "环比", "去年同期", "同比")
_COMPARE_KINDS: Final = (None, None, "change", None, "change")


def _compare_row(label: str, kind: str, values: Sequence[float | None]) -> StatRow:
    now, before, last_year = values
    moved = point_change if kind == RATE else change
    return StatRow(label, (now, before, moved(now, before), last_year, moved(now, last_year)), kind)


def _overview(report: StatisticsReport) -> StatTable:
    figures = (report.current, report.previous, report.last_year)
    items: list[tuple[str, str, Callable[[Figures], float | None]]] = [
        ("登记信访事项（件）", COUNT, lambda f: f.total),
        ("涉及人数（人次）", COUNT, lambda f: f.people),
        ("重复访（件）", COUNT, lambda f: f.repeat),
        ("集体访（件）", COUNT, lambda f: f.group),
        ("越级访（件）", COUNT, lambda f: f.skipped_level),
        ("检举控告·保密（件）", COUNT, lambda f: f.confidential),
        ("办结（件）", COUNT, lambda f: f.closed),
        ("平均办结天数", AVERAGE, lambda f: f.average_days_to_close),
        ("满意率", RATE, lambda f: f.satisfaction_rate),
        ("按期办结率", RATE, lambda f: f.on_time_rate),
    ]
    rows = tuple(_compare_row(label, kind, [get(f) for f in figures]) for label, kind, get in items)
    return StatTable("overview", "总体情况", ("项目", *COMPARE_HEADERS), rows, _COMPARE_KINDS)


def _grouped(report: StatisticsReport, key: str, title: str, head: str) -> StatTable:
    attribute = f"by_{key}"
    labels = [label for label, _ in getattr(report.current, attribute)]
    for figures in (report.previous, report.last_year):
        labels += [label for label, n in getattr(figures, attribute) if n and label not in labels]
    rows = tuple(
        _compare_row(
            label,
            COUNT,
            [
                f.count_of(attribute, label)
                for f in (report.current, report.previous, report.last_year)
            ],
        )
        for label in labels
    )
    return StatTable(key, title, (head, *COMPARE_HEADERS), rows, _COMPARE_KINDS)


def _units(report: StatisticsReport) -> StatTable:
    limit = report.extension_limit
    rows = tuple(
        StatRow(
            u.unit,
            (
                u.referrals,
                u.settled,
                u.on_time,
                u.on_time_rate,
                u.extended,
                u.extension_rate,
                f"续报率超过{limit:.0%}" if u.over_limit(limit) else "",
            ),
            flagged=u.over_limit(limit),
        )
        for u in report.current.units
    )
    return StatTable(
        "units",
        f"承办单位按期办结率与续报率（续报率不超过{limit:.0%}）",
        (
            "承办单位",
            "交办件数",
            "应结件数",
            "按期办结",
            "按期办结率",
            "延期件数",
            "续报率",
            "提示",
        ),
        rows,
        (COUNT, COUNT, COUNT, RATE, COUNT, RATE, TEXT),
    )


def _satisfaction(report: StatisticsReport) -> StatTable:
    counts = report.current.satisfaction
    total = sum(n for _, n in counts)
    rows = tuple(StatRow(label, (n, n / total if total else None)) for label, n in counts)
    return StatTable("satisfaction", "办结满意度", ("评价", "件数", "占比"), rows, (COUNT, RATE))


def report_tables(report: StatisticsReport) -> list[StatTable]:
    """Every table of the report, in the order they are shown and printed."""
    return [
        _overview(report),
        _grouped(report, "channel", "按来源渠道", "渠道"),
        _grouped(report, "category", "按问题类别", "问题类别"),
        _grouped(report, "unit", "按承办单位", "承办单位"),
        _grouped(report, "status", "按办理状态", "办理状态"),
        _grouped(report, "result", "按办理结果", "办理结果"),
        _units(report),
        _satisfaction(report),
    ]


def format_cell(value: Cell, kind: str) -> str:
    """A value as printed: counts plain, averages one decimal, rates as %, changes signed;
    nothing to compare → —."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if kind == "change":
        return f"{value:+.1%}"
    if kind == "change_points":
        return f"{value * 100:+.1f}个百分点"
    if kind == RATE:
        return f"{value:.1%}"
    if kind == AVERAGE:
        return f"{value:.1f}"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def cell_text(table: StatTable, row: StatRow, column: int) -> str:
    """Value ``column`` of ``row`` as text (a rate's change is in percentage points)."""
    kind = table.kind_of(row, column)
    if kind == "change" and row.kind == RATE:
        kind = "change_points"
    return format_cell(row.values[column], kind)


def table_texts(table: StatTable) -> list[list[str]]:
    """The header and every row of ``table`` as text."""
    lines = [list(table.headers)]
    for row in table.rows:
        lines.append([row.label] + [cell_text(table, row, i) for i in range(len(row.values))])
    return lines
