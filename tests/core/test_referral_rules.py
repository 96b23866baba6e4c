"""Referral rules: the 5-working-day objection window, due dates of every seeded rule
over the 2024–2026 holidays and make-up days, where a deadline stands, extension and
recipient limits, the rule text, who counts as the accused unit."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from petitiondesk.core.deadlines import DeadlineRule, Due, due_date
from petitiondesk.core.enums import DayUnit, DueState
from petitiondesk.core.referral_rules import (
    ART34_EXTENSION,
    MAX_SUPERVISION_RECIPIENTS,
    REDACTED,
    check_objection,
    days_overdue,
    due_state,
    extension_problem,
    is_accused_unit,
    recipient_count_problem,
    redact,
    rule_text,
    supervision_roles,
)
from petitiondesk.core.workcalendar import WorkCalendar
from petitiondesk.services.bootstrap import DEFAULT_DEADLINES

CAL = WorkCalendar()

# 2025 National Day: Oct 1–8 off; Sun Sep 28 and Sat Oct 11 are make-up working days.
RECEIVED = date(2025, 9, 26)  # a Friday
# working days after it: Sep 28 (make-up Sunday), 29, 30, Oct 9, 10, 11 (make-up Saturday)
FOURTH, FIFTH, SIXTH = date(2025, 10, 9), date(2025, 10, 10), date(2025, 10, 11)


@pytest.mark.parametrize(
    ("objected", "late"),
    [(FOURTH, False), (FIFTH, False), (SIXTH, True), (date(2025, 10, 8), False)],
)
def test_objection_window_is_five_working_days_across_national_day(
    objected: date, late: bool
) -> None:
    check = check_objection(CAL, RECEIVED, objected)
    assert check.deadline.due == FIFTH
    assert check.late is late


def test_objection_window_counts_the_make_up_sunday() -> None:
    # Received Thursday Sep 25: Fri 26, Sun 28 (make-up), Mon 29, Tue 30, Thu Oct 9.
    check = check_objection(CAL, date(2025, 9, 25), date(2025, 10, 9))
    assert check.deadline.due == date(2025, 10, 9)
    assert not check.late
    assert check_objection(CAL, date(2025, 9, 25), date(2025, 10, 10)).late


def _oracle(start: date, rule: DeadlineRule) -> date:
    """Independent count with chinesecalendar's own is_workday."""
    if rule.unit is DayUnit.CALENDAR:
        end = start + timedelta(days=rule.days)
        while rule.roll_to_workday and not chinese_calendar.is_workday(end):
            end += timedelta(days=1)
        return end
    day, left = start, rule.days
    while left:
        day += timedelta(days=1)
        if chinese_calendar.is_workday(day):
            left -= 1
    return day


# Starts just before the breaks of 2024–2026 (and on make-up days), so every rule
# crosses a holiday or lands on one.
STARTS = (
    date(2024, 2, 4),  # make-up Sunday before the 2024 Spring Festival
    date(2024, 2, 8),
    date(2024, 4, 3),
    date(2024, 9, 29),  # make-up Sunday before National Day 2024
    date(2024, 12, 5),
    date(2025, 1, 24),
    date(2025, 4, 27),  # make-up Sunday before Labour Day 2025
    date(2025, 9, 26),
    date(2026, 2, 13),
    date(2026, 9, 25),
    date(2026, 10, 1),
)


@pytest.mark.parametrize("code", [row[0] for row in DEFAULT_DEADLINES])
@pytest.mark.parametrize("start", STARTS)
def test_every_seeded_rule_over_2024_2026_holidays(code: str, start: date) -> None:
    _code, _name, days, unit, roll, _basis = next(r for r in DEFAULT_DEADLINES if r[0] == code)
    rule = DeadlineRule(days, unit, roll)
    due = due_date(CAL, start, rule)
    if due.due.year > 2026:
        assert not due.covered
        return
    assert due.covered
    assert due.due == _oracle(start, rule)
    assert CAL.is_workday(due.due)


def test_handling_limit_example_rolls_over_spring_festival() -> None:
    due = due_date(CAL, date(2024, 12, 5), DeadlineRule(60, DayUnit.CALENDAR))
    assert due.due == date(2025, 2, 5)  # Feb 3 is in the 2025 Spring Festival break
    assert rule_text(DeadlineRule(60, DayUnit.CALENDAR), "受理之日", due) == (
        "60日，自受理之日起，遇节假日顺延 → 2025-02-05"
    )


def test_rule_text_of_working_days_and_estimates() -> None:
    rule = DeadlineRule(20, DayUnit.WORKDAY)
    assert rule_text(rule, "交办之日", Due(date(2027, 2, 1), False, "x")) == (
        "20个工作日，自交办之日起 → 2027-02-01（推算日期，待核）"
    )


@given(
    start=st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 12, 31)),
    days=st.integers(min_value=0, max_value=200),
    unit=st.sampled_from(list(DayUnit)),
)
@settings(max_examples=300, deadline=None)
def test_a_rolled_due_date_never_lands_on_a_day_off(start: date, days: int, unit: DayUnit) -> None:
    due = due_date(CAL, start, DeadlineRule(days, unit, roll_to_workday=True))
    assert CAL.is_workday(due.due)
    assert due.due >= start


@pytest.mark.parametrize(
    ("as_of", "state"),
    [
        (date(2026, 12, 1), DueState.NORMAL),  # 4 days before, window 3
        (date(2026, 12, 2), DueState.DUE_SOON),  # 3 days before
        (date(2026, 12, 5), DueState.DUE_SOON),  # the due day itself
        (date(2026, 12, 6), DueState.OVERDUE),  # the day after
    ],
)
def test_due_state_boundaries(as_of: date, state: DueState) -> None:
    assert due_state(as_of, date(2026, 12, 5), 3) is state


def test_days_overdue() -> None:
    assert days_overdue(date(2026, 12, 8), date(2026, 12, 5)) == 3
    assert days_overdue(date(2026, 12, 5), date(2026, 12, 5)) == 0


def test_extension_limit_is_thirty_days_in_all() -> None:
    assert extension_problem(30) is None
    problem = extension_problem(31)
    assert problem is not None and ART34_EXTENSION in problem
    assert extension_problem(10, already=20) is None
    assert extension_problem(11, already=20) is not None
    assert extension_problem(0) is not None


def test_recipient_limit_is_eight() -> None:
    assert MAX_SUPERVISION_RECIPIENTS == 8
    assert recipient_count_problem(8) is None
    assert "最多送8个对象" in (recipient_count_problem(9) or "")
    assert recipient_count_problem(0) is not None


def test_supervision_roles_add_the_offices_own_once() -> None:
    roles = supervision_roles(["政法委书记", " ", "县长"])
    assert roles[:7] == (
        "县委书记",
        "主管副书记",
        "县长",
        "主管副县长",
        "纪委书记",
        "组织部长",
        "责任单位",
    )
    assert roles[7:] == ("政法委书记",)


def test_accused_unit_by_id_or_by_name() -> None:
    assert is_accused_unit("", 7, 7, "城关镇人民政府")
    assert is_accused_unit("城关镇人民政府副镇长李某", None, 3, "城关镇人民政府")
    assert not is_accused_unit("前进村村委会", None, 3, "城关镇人民政府")
    assert not is_accused_unit("", None, 3, "城关镇人民政府")


def test_redact() -> None:
    assert redact("王秀英", True) == REDACTED
    assert redact("王秀英", False) == "王秀英"
