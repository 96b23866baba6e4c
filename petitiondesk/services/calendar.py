"""The office's working-day calendar: chinesecalendar plus the editable holiday table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from petitiondesk.core.deadlines import DeadlineRule as CoreDeadlineRule
from petitiondesk.core.deadlines import Due, due_date, format_rule_spec
from petitiondesk.core.enums import DayUnit
from petitiondesk.core.workcalendar import DayOverride, WorkCalendar
from petitiondesk.store.db import Database
from petitiondesk.store.models import CalendarYear, DeadlineRule, Holiday


def load_calendar(session: Session) -> WorkCalendar:
    overrides = [
        DayOverride(day=h.day, is_workday=h.is_workday, name=h.name)
        for h in session.scalars(select(Holiday))
    ]
    years = list(session.scalars(select(CalendarYear.year)))
    return WorkCalendar(overrides=overrides, office_years=years)


def office_calendar(db: Database) -> WorkCalendar:
    with db.read() as session:
        return load_calendar(session)


def due_by_days(db: Database, start: date, days: int, *, workdays: bool) -> Due:
    rule = CoreDeadlineRule(days=days, unit=DayUnit.WORKDAY if workdays else DayUnit.CALENDAR)
    return due_date(office_calendar(db), start, rule)


def office_rule(session: Session, code: str) -> CoreDeadlineRule:
    """The office's deadline rule ``code`` as it stands now (see services/bootstrap.py)."""
    row = session.scalar(select(DeadlineRule).where(DeadlineRule.code == code))
    if row is None:
        raise LookupError(f"deadline rule {code!r} is not configured")
    return CoreDeadlineRule(days=row.days, unit=row.unit, roll_to_workday=row.roll_to_workday)


def due_by_rule(session: Session, start: date, code: str) -> Due:
    """Due date of the office's deadline rule ``code`` (see services/bootstrap.py)."""
    return due_date(load_calendar(session), start, office_rule(session, code))


def deadline_by_rule(session: Session, start: date, code: str) -> tuple[Due, str]:
    """Like :func:`due_by_rule`, plus the rule spec to store beside the date
    (``core.deadlines.format_rule_spec``) so a later edit of the rule never moves it."""
    rule = office_rule(session, code)
    return due_date(load_calendar(session), start, rule), format_rule_spec(code, rule)


@dataclass(frozen=True)
class CalendarStatus:
    """How far the calendar is known, for the status bar and the overdue board.

    ``last_complete_year``: the last year of the unbroken run of covered years (bundled
    or marked complete by the office) that starts at today's year; when today's year
    itself is not covered, the last covered year before it (None if there is none).
    ``warning``: one Chinese line, empty when nothing is missing.
    """

    today: date
    covered_years: frozenset[int]
    last_complete_year: int | None
    next_year_missing: bool
    warning: str

    def is_estimate(self, day: date) -> bool:
        """A date in a year whose holidays are not known is only an estimate."""
        return day.year not in self.covered_years


#: From this day of the year on, a missing next year is reported (the State Council
#: publishes the next year's notice around November).
WARN_FROM: Final = (10, 1)


def calendar_status(db: Database, today: date) -> CalendarStatus:
    with db.read() as session:
        covered = load_calendar(session).covered_years()
    year = today.year
    last: int | None
    if year in covered:
        end = year
        while end + 1 in covered:
            end += 1
        last = end
    else:
        last = max((y for y in covered if y < year), default=None)
    next_missing = year + 1 not in covered
    warning = ""
    if year not in covered:
        warning = (
            f"{year}年节假日安排尚未录入完整，本年期限均为推算日期（待核），"
            "请在“节假日安排”中录入国务院办公厅通知"
        )
    elif next_missing and (today.month, today.day) >= WARN_FROM:
        warning = (
            f"{year + 1}年节假日安排尚未录入，跨入{year + 1}年的期限均为推算日期（待核），"
            "请在“节假日安排”中录入"
        )
    return CalendarStatus(today, covered, last, next_missing, warning)
