"""Date periods: the month, quarter or year containing a day, shifting a period, and its
Chinese name (``2026年11月``, ``2026年第四季度``). Used by the roster, ledgers and statistics."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final

from .datetext import chinese_date

PERIOD_MONTH: Final = "month"
PERIOD_QUARTER: Final = "quarter"
PERIOD_YEAR: Final = "year"
PERIOD_CUSTOM: Final = "custom"
#: (Chinese label, kind) in the order a period picker offers them.
PERIOD_KINDS: Final[tuple[tuple[str, str], ...]] = (
    ("按月", PERIOD_MONTH),
    ("按季度", PERIOD_QUARTER),
    ("按年", PERIOD_YEAR),
    ("自定义", PERIOD_CUSTOM),
)
QUARTER_NAMES: Final = ("第一季度", "第二季度", "第三季度", "第四季度")


def month_start(year: int, month: int) -> date:
    """The first day of ``month`` of ``year``; months past 12 or below 1 roll the year."""
    year += (month - 1) // 12
    return date(year, (month - 1) % 12 + 1, 1)


def month_end(year: int, month: int) -> date:
    """The last day of ``month`` of ``year`` (months past 12 roll the year)."""
    return month_start(year, month + 1) - timedelta(days=1)


def period_containing(kind: str, day: date) -> tuple[date, date]:
    """The month / quarter / year containing ``day`` (custom: the day itself)."""
    if kind == PERIOD_MONTH:
        return date(day.year, day.month, 1), month_end(day.year, day.month)
    if kind == PERIOD_QUARTER:
        first = (day.month - 1) // 3 * 3 + 1
        return date(day.year, first, 1), month_end(day.year, first + 2)
    if kind == PERIOD_YEAR:
        return date(day.year, 1, 1), date(day.year, 12, 31)
    return day, day


def shift_period(kind: str, date_from: date, date_to: date, steps: int) -> tuple[date, date]:
    """The period ``steps`` periods before (negative) or after ``[date_from, date_to]``."""
    months = {PERIOD_MONTH: 1, PERIOD_QUARTER: 3, PERIOD_YEAR: 12}.get(kind)
    if months is None:
        length = (date_to - date_from).days + 1
        return (
            date_from + timedelta(days=length * steps),
            date_to + timedelta(days=length * steps),
        )
    start = month_start(date_from.year, date_from.month + months * steps)
    return period_containing(kind, start)


def period_text(date_from: date, date_to: date) -> str:
    """``2026年11月``, ``2026年第四季度``, ``2026年`` for a whole month / quarter / year,
    else ``2026年11月3日至2027年1月15日``."""
    if date_from.day == 1 and date_from.year == date_to.year:
        year, month = date_from.year, date_from.month
        if date_to == month_end(year, month):
            return f"{year}年{month}月"
        if month % 3 == 1 and date_to == month_end(year, month + 2):
            return f"{year}年{QUARTER_NAMES[month // 3]}"
        if month == 1 and date_to == date(year, 12, 31):
            return f"{year}年"
    if date_from == date_to:
        return chinese_date(date_from)
    return f"{chinese_date(date_from)}至{chinese_date(date_to)}"
