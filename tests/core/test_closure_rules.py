"""core.closure: the 复查 / 复核 request window on its boundary days across the 2026
National Day holiday, hearing days, the decision's due date, what stops closing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from petitiondesk.core.closure import (
    STATUTE_REVIEW_DAYS,
    ClosingFacts,
    decision_due,
    hearing_days,
    missing_for_closing,
    request_window,
    review_route_text,
    window_problem,
)
from petitiondesk.core.deadlines import DeadlineRule
from petitiondesk.core.enums import DayUnit, ReviewLevel
from petitiondesk.core.workcalendar import WorkCalendar

CAL = WorkCalendar()
#: The office's default rules: 30 calendar days, an end on a day off rolls forward.
WINDOW = DeadlineRule(STATUTE_REVIEW_DAYS, DayUnit.CALENDAR, True)
NO_ROLL = DeadlineRule(STATUTE_REVIEW_DAYS, DayUnit.CALENDAR, False)


def nth_day(received: date, n: int) -> date:
    return received + timedelta(days=n)


def test_window_across_national_day_ending_on_a_makeup_saturday() -> None:
    received = date(2026, 9, 10)  # the 30 days run over 中秋 and 国庆 (Oct 1–7)
    window = request_window(CAL, received, WINDOW)
    assert window.due == nth_day(received, 30) == date(2026, 10, 10)  # 调休上班, no roll
    assert window.covered
    assert window_problem(nth_day(received, 29), received, window) is None
    assert window_problem(nth_day(received, 30), received, window) is None
    refused = window_problem(nth_day(received, 31), received, window)
    assert refused is not None and "2026-10-10" in refused and "不予受理" in refused
    assert "2026-09-10" in refused


def test_window_ending_in_the_holiday_rolls_to_the_first_working_day() -> None:
    received = date(2026, 9, 5)  # day 30 = Oct 5, inside 国庆
    window = request_window(CAL, received, WINDOW)
    assert window.due == date(2026, 10, 8)
    for n in (29, 30, 31, 33):  # Oct 4 … Oct 8: all still in time
        assert window_problem(nth_day(received, n), received, window) is None
    assert window_problem(nth_day(received, 34), received, window) is not None
    assert request_window(CAL, received, NO_ROLL).due == date(2026, 10, 5)


def test_window_on_an_ordinary_month_and_a_makeup_sunday() -> None:
    received = date(2026, 11, 2)
    window = request_window(CAL, received, WINDOW)
    assert window.due == date(2026, 12, 2)
    assert window_problem(date(2026, 12, 1), received, window) is None
    assert window_problem(date(2026, 12, 3), received, window) is not None
    # Sep 20, 2026 is a Sunday worked in exchange for 国庆: the window ends on it.
    assert request_window(CAL, date(2026, 8, 21), WINDOW).due == date(2026, 9, 20)


def test_request_before_receipt_is_refused() -> None:
    received = date(2026, 9, 10)
    window = request_window(CAL, received, WINDOW)
    problem = window_problem(date(2026, 9, 9), received, window)
    assert problem is not None and "不能早于" in problem
    assert window_problem(received, received, window) is None


def test_window_in_a_year_without_a_holiday_table_is_an_estimate() -> None:
    window = request_window(CAL, date(2031, 3, 3), WINDOW)
    assert not window.covered and window.reason


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (None, None, 0),
        (date(2026, 9, 1), None, 0),
        (None, date(2026, 9, 1), 0),
        (date(2026, 9, 2), date(2026, 9, 1), 0),
        (date(2026, 9, 1), date(2026, 9, 1), 1),
        (date(2026, 10, 1), date(2026, 10, 7), 7),
    ],
)
def test_hearing_days_count_both_ends(start: date | None, end: date | None, days: int) -> None:
    assert hearing_days(start, end) == days


def test_decision_due_moves_by_the_hearing() -> None:
    requested = date(2026, 9, 10)
    assert decision_due(CAL, requested, WINDOW).due == date(2026, 10, 10)
    assert decision_due(CAL, requested, WINDOW, hearing=3).due == date(2026, 10, 13)
    # 5 hearing days push the end onto Oct 1 (国庆): it rolls to Oct 8.
    assert decision_due(CAL, date(2026, 8, 27), WINDOW, hearing=5).due == date(2026, 10, 8)
    assert decision_due(CAL, date(2026, 8, 27), WINDOW).due == date(2026, 9, 28)


@given(st.dates(date(2026, 1, 1), date(2026, 11, 30)))
def test_window_last_day_is_in_time_and_the_next_is_not(received: date) -> None:
    window = request_window(CAL, received, WINDOW)
    assert window.due >= nth_day(received, 30) and CAL.is_workday(window.due)
    assert window_problem(window.due, received, window) is None
    assert window_problem(window.due + timedelta(days=1), received, window) is not None


def test_review_route_text() -> None:
    text = review_route_text(30, "青山县人民政府")
    assert "30日内" in text and "青山县人民政府" in text and "复查申请" in text
    assert "上一级行政机关" in review_route_text(30, "  ")
    assert "复核申请" in review_route_text(30, "青山市人民政府", ReviewLevel.RE_REVIEW)


def test_missing_for_closing_lists_each_gap_in_order() -> None:
    ready = ClosingFacts(True, "已答复", True, True, True)
    assert missing_for_closing(ready) == []
    nothing = ClosingFacts(False, "已交办", False, False, False)
    lines = missing_for_closing(nothing)
    assert len(lines) == 4 and "已交办" in lines[0]
    assert "办理结果" in lines[1] and "意见书" in lines[2] and "送达" in lines[3]
    only_delivery = ClosingFacts(True, "已答复", True, True, False)
    assert missing_for_closing(only_delivery) == ["尚未记录意见书的送达情况"]
