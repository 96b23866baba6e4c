from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from petitiondesk.core.deadlines import (
    MAX_RULE_DAYS,
    DeadlineRule,
    Due,
    days_remaining,
    due_date,
)
from petitiondesk.core.enums import DayUnit
from petitiondesk.core.workcalendar import DayOverride, WorkCalendar

CAL = WorkCalendar()
WORKDAYS = DayUnit.WORKDAY
CALENDAR = DayUnit.CALENDAR
REASON_2027 = "2027年的节假日安排尚未录入，截止日期按周一至周五推算，仅供参考"


# --- the rule -------------------------------------------------------------------------


def test_rule_refuses_negative_or_absurd_days() -> None:
    with pytest.raises(ValueError, match="期限天数不能为负数"):
        DeadlineRule(-1, WORKDAYS)
    with pytest.raises(ValueError, match="不能超过"):
        DeadlineRule(MAX_RULE_DAYS + 1, CALENDAR)
    assert DeadlineRule(MAX_RULE_DAYS, CALENDAR).days == MAX_RULE_DAYS


def test_rule_unit_from_stored_string() -> None:
    rule = DeadlineRule(15, "workday")  # type: ignore[arg-type]
    assert rule.unit is DayUnit.WORKDAY
    with pytest.raises(ValueError, match="期限单位无效"):
        DeadlineRule(15, "weeks")  # type: ignore[arg-type]


def test_rule_label() -> None:
    assert DeadlineRule(15, WORKDAYS).label == "15个工作日"
    assert DeadlineRule(60, CALENDAR).label == "60个自然日"


# --- real dates -----------------------------------------------------------------------


def test_ten_workdays_across_national_day_2026() -> None:
    # 2026-09-25 is the Mid-autumn Friday off. Working days after it: 09-28, 29, 30,
    # (10-01..07 off), 10-08, 09, 10 (make-up Saturday), 12, 13, 14, 15.
    due = due_date(CAL, date(2026, 9, 25), DeadlineRule(10, WORKDAYS))
    assert due == Due(date(2026, 10, 15), True, "")
    # A plain Monday–Friday rule would have said 10-09.
    assert due.due != date(2026, 10, 9)


def test_workday_start_is_not_counted_even_when_it_is_a_workday() -> None:
    assert due_date(CAL, date(2026, 9, 30), DeadlineRule(1, WORKDAYS)).due == date(2026, 10, 8)
    assert due_date(CAL, date(2026, 10, 9), DeadlineRule(1, WORKDAYS)).due == date(2026, 10, 10)


def test_fifteen_calendar_days_ending_in_spring_festival_2026_rolls_forward() -> None:
    # 2026-02-01 + 15 = 02-16 (Spring Festival, off until 02-23 inclusive)
    assert due_date(CAL, date(2026, 2, 1), DeadlineRule(15, CALENDAR)).due == date(2026, 2, 24)
    unrolled = due_date(CAL, date(2026, 2, 1), DeadlineRule(15, CALENDAR, roll_to_workday=False))
    assert unrolled == Due(date(2026, 2, 16), True, "")


def test_sixty_calendar_days() -> None:
    # 2026-03-01 + 60 = 04-30, a Thursday working day: no roll
    assert due_date(CAL, date(2026, 3, 1), DeadlineRule(60, CALENDAR)).due == date(2026, 4, 30)
    # 2026-08-03 + 60 = 10-02, inside National Day: rolls to 10-08
    assert due_date(CAL, date(2026, 8, 3), DeadlineRule(60, CALENDAR)).due == date(2026, 10, 8)


def test_calendar_deadline_rolls_onto_a_make_up_saturday() -> None:
    # 2026-10-05 + 5 = 10-10, the make-up Saturday: a working day, no roll
    assert due_date(CAL, date(2026, 10, 5), DeadlineRule(5, CALENDAR)).due == date(2026, 10, 10)
    # 2026-10-04 + 7 = 10-11, a Sunday: rolls to Monday 10-12
    assert due_date(CAL, date(2026, 10, 4), DeadlineRule(7, CALENDAR)).due == date(2026, 10, 12)


def test_zero_days() -> None:
    holiday, workday = date(2026, 10, 1), date(2026, 9, 30)
    assert due_date(CAL, holiday, DeadlineRule(0, CALENDAR)).due == date(2026, 10, 8)
    assert due_date(CAL, holiday, DeadlineRule(0, CALENDAR, False)).due == holiday
    assert due_date(CAL, holiday, DeadlineRule(0, WORKDAYS)).due == date(2026, 10, 8)
    assert due_date(CAL, workday, DeadlineRule(0, WORKDAYS)).due == workday
    assert due_date(CAL, workday, DeadlineRule(0, CALENDAR)).due == workday


def test_running_into_unknown_2027_is_flagged() -> None:
    # 2026-12-24 (Thu): 12-25, 28, 29, 30, 31, then 2027 guessed Mon–Fri:
    # 01-01 (Fri), 04, 05, 06, 07
    due = due_date(CAL, date(2026, 12, 24), DeadlineRule(10, WORKDAYS))
    assert due == Due(date(2027, 1, 7), False, REASON_2027)
    rolled = due_date(CAL, date(2026, 12, 20), DeadlineRule(15, CALENDAR))
    assert rolled == Due(date(2027, 1, 4), False, REASON_2027)


def test_calendar_days_without_roll_need_no_calendar() -> None:
    due = due_date(CAL, date(2026, 12, 20), DeadlineRule(15, CALENDAR, roll_to_workday=False))
    assert due == Due(date(2027, 1, 4), True, "")


def test_office_entered_2027_makes_it_covered() -> None:
    cal = WorkCalendar([DayOverride(date(2027, 1, 1), False, "元旦")], office_years=[2027])
    due = due_date(cal, date(2026, 12, 24), DeadlineRule(10, WORKDAYS))
    # 01-01 is now off: 12-25, 28, 29, 30, 31, 01-04, 05, 06, 07, 08
    assert due == Due(date(2027, 1, 8), True, "")
    # A calendar deadline ending on 2027-01-01 rolls to Monday 01-04
    rolled = due_date(cal, date(2026, 12, 17), DeadlineRule(15, CALENDAR))
    assert rolled == Due(date(2027, 1, 4), True, "")


def test_override_alone_does_not_cover_the_rest_of_2027() -> None:
    cal = WorkCalendar([DayOverride(date(2027, 1, 1), False, "元旦")])
    due = due_date(cal, date(2026, 12, 24), DeadlineRule(10, WORKDAYS))
    assert due.due == date(2027, 1, 8)
    assert not due.covered and due.reason == REASON_2027


# --- days remaining -------------------------------------------------------------------


def test_days_remaining_in_working_days() -> None:
    due = date(2026, 10, 12)
    assert days_remaining(CAL, date(2026, 9, 30), due, WORKDAYS) == 4
    assert days_remaining(CAL, date(2026, 10, 3), due, WORKDAYS) == 4  # holiday: none lost
    assert days_remaining(CAL, due, due, WORKDAYS) == 0
    assert days_remaining(CAL, date(2026, 10, 13), due, WORKDAYS) == -1
    assert days_remaining(CAL, date(2026, 10, 16), due, WORKDAYS) == -4


def test_overdue_on_a_day_off_is_still_negative() -> None:
    friday = date(2026, 10, 16)
    assert days_remaining(CAL, date(2026, 10, 17), friday, WORKDAYS) == -1  # Saturday
    assert days_remaining(CAL, date(2026, 10, 19), friday, WORKDAYS) == -1  # Monday
    assert days_remaining(CAL, date(2026, 10, 20), friday, WORKDAYS) == -2


def test_days_remaining_in_calendar_days() -> None:
    assert days_remaining(CAL, date(2026, 9, 30), date(2026, 10, 12), CALENDAR) == 12
    assert days_remaining(CAL, date(2026, 10, 14), date(2026, 10, 12), CALENDAR) == -2


# --- properties -----------------------------------------------------------------------

starts = st.dates(date(2005, 1, 1), date(2026, 12, 31))
lengths = st.integers(0, 90)
units = st.sampled_from(DayUnit)


@given(starts, lengths, units)
def test_deadline_never_lands_on_a_day_off(start: date, n: int, unit: DayUnit) -> None:
    due = due_date(CAL, start, DeadlineRule(n, unit))
    assert CAL.is_workday(due.due)
    assert due.due >= start


@given(starts, st.integers(1, 90))
def test_workday_deadline_has_exactly_n_working_days(start: date, n: int) -> None:
    due = due_date(CAL, start, DeadlineRule(n, WORKDAYS)).due
    counted = sum(CAL.is_workday(start + timedelta(k)) for k in range(1, (due - start).days + 1))
    assert counted == n
    assert CAL.workdays_between(start, due).count == n
    assert days_remaining(CAL, start, due, WORKDAYS) == n


@given(starts)
def test_zero_workdays_is_start_or_the_next_working_day(start: date) -> None:
    # The one exception to "exactly N in (start, due]": 0 days never ends on a day off.
    due = due_date(CAL, start, DeadlineRule(0, WORKDAYS)).due
    assert due == CAL.next_workday(start, include_self=True).day
    assert CAL.workdays_between(start, due).count == (0 if CAL.is_workday(start) else 1)


@given(starts, st.integers(0, 89), units, st.booleans())
def test_deadline_is_monotone_in_days(start: date, n: int, unit: DayUnit, roll: bool) -> None:
    shorter = due_date(CAL, start, DeadlineRule(n, unit, roll)).due
    longer = due_date(CAL, start, DeadlineRule(n + 1, unit, roll)).due
    assert shorter <= longer
    if unit == WORKDAYS and n >= 1:
        assert shorter < longer


@given(starts, lengths)
def test_calendar_deadline_is_the_first_working_day_from_start_plus_n(start: date, n: int) -> None:
    plain = start + timedelta(n)
    due = due_date(CAL, start, DeadlineRule(n, CALENDAR)).due
    assert due >= plain
    assert all(not CAL.is_workday(plain + timedelta(k)) for k in range((due - plain).days))


@given(st.dates(date(2005, 1, 1), date(2026, 12, 31)), lengths, units)
def test_covered_exactly_when_no_uncovered_day_is_examined(
    start: date, n: int, unit: DayUnit
) -> None:
    due = due_date(CAL, start, DeadlineRule(n, unit))
    assert due.covered == (due.due.year <= 2026)
    assert (due.reason == "") == due.covered
