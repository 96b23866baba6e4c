"""The office's working-day calendar: chinesecalendar plus the editable holiday table."""

from __future__ import annotations

from datetime import date

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
