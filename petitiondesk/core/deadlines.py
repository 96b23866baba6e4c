"""Deadline arithmetic (期限计算) on the working-day calendar.

Deadlines are office settings, each in calendar days (自然日) or working days (工作日).
The start day is never counted: "10 working days from Monday" ends on the 10th working
day after Monday.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from petitiondesk.core.enums import DayUnit
from petitiondesk.core.workcalendar import WorkCalendar

#: Upper bound on a rule's length; anything longer is a typing slip, not a rule.
MAX_RULE_DAYS: Final = 1000


@dataclass(frozen=True)
class DeadlineRule:
    """``days`` in ``unit``; a calendar-day deadline that ends on a day off moves to the
    next working day when ``roll_to_workday`` (working-day deadlines always end on one)."""

    days: int
    unit: DayUnit
    roll_to_workday: bool = True

    def __post_init__(self) -> None:
        try:
            # A plain string from storage ("workday") becomes the enum member.
            object.__setattr__(self, "unit", DayUnit(self.unit))
        except ValueError:
            raise ValueError(f"期限单位无效：{self.unit!r}") from None
        if self.days < 0:
            raise ValueError("期限天数不能为负数")
        if self.days > MAX_RULE_DAYS:
            raise ValueError(f"期限天数不能超过{MAX_RULE_DAYS}天")

    @property
    def label(self) -> str:
        """E.g. ``15个工作日``, ``60个自然日``."""
        return f"{self.days}个{self.unit.label}"


@dataclass(frozen=True)
class Due:
    """A computed deadline. When not ``covered`` the date rests on a Monday–Friday guess
    for a year whose holiday arrangement is unknown, and ``reason`` says so."""

    due: date
    covered: bool
    reason: str


def uncovered_reason(first_uncovered: date) -> str:
    """The clerk-facing sentence for a deadline computed over an unknown year."""
    return f"{first_uncovered.year}年的节假日安排尚未录入，截止日期按周一至周五推算，仅供参考"


def _due(day: date, first_uncovered: date | None) -> Due:
    if first_uncovered is None:
        return Due(day, True, "")
    return Due(day, False, uncovered_reason(first_uncovered))


def due_date(calendar: WorkCalendar, start: date, rule: DeadlineRule) -> Due:
    """The deadline ``rule`` sets for a matter started on ``start``.

    Calendar days: ``start + days``; if that is a day off and ``rule.roll_to_workday``,
    the next working day. Without rolling the calendar is not consulted, so the result
    is always covered.

    Working days: the ``days``-th working day after ``start`` (``start`` is not counted,
    even when it is a working day). With 0 days: ``start`` when it is a working day,
    otherwise the next working day — a deadline never falls on a day off.

    ``covered`` is False when any day examined lies outside the calendar's coverage.
    """
    if rule.unit == DayUnit.CALENDAR:
        end = start + timedelta(days=rule.days)
        if not rule.roll_to_workday:
            return Due(end, True, "")
        found = calendar.next_workday(end, include_self=True)
        return _due(found.day, found.first_uncovered)

    found = calendar.next_workday(start, include_self=rule.days == 0)
    first_uncovered = found.first_uncovered
    for _ in range(rule.days - 1):
        found = calendar.next_workday(found.day)
        if first_uncovered is None:
            first_uncovered = found.first_uncovered
    return _due(found.day, first_uncovered)


def days_remaining(calendar: WorkCalendar, today: date, due: date, unit: DayUnit) -> int:
    """Days left until ``due``, counted as the rule counts them.

    0 means due today; negative means overdue. Calendar unit: ``(due - today).days``.
    Working-day unit: the working days in (today, due]; when overdue, minus the working
    days in (due, today], but at least -1 (a case is overdue from the day after ``due``,
    even when that day is a day off). Outside the calendar's coverage working days are
    the Monday–Friday guess; ``due_date`` already reported that when it set ``due``.
    """
    if unit == DayUnit.CALENDAR:
        return (due - today).days
    if today <= due:
        return calendar.workdays_between(today, due).count
    return min(-1, calendar.workdays_between(today, due).count)


def format_rule_spec(code: str, rule: DeadlineRule) -> str:
    """The rule a deadline was set with, stored beside the date (``handling:60:calendar:1``)
    so that recomputing it after a holiday change uses the same rule even when the
    office has since edited the rule: editing a rule never changes a deadline already set."""
    return f"{code}:{rule.days}:{rule.unit.value}:{int(rule.roll_to_workday)}"


def parse_rule_spec(spec: str) -> tuple[str, DeadlineRule]:
    """Inverse of :func:`format_rule_spec`; ``ValueError`` for anything else."""
    parts = spec.split(":")
    if len(parts) != 4 or parts[3] not in ("0", "1") or not parts[1].isdigit():
        raise ValueError(f"期限规则记录无效：{spec!r}")
    return parts[0], DeadlineRule(int(parts[1]), DayUnit(parts[2]), parts[3] == "1")
