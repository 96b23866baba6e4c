"""The 复查 / 复核 windows on their boundary days, across National Day 2026 (10-01..10-07
off, 10-08 a working day), with and without the roll to the next working day; the
decision limit and a hearing."""

from __future__ import annotations

from datetime import date

import pytest

from petitiondesk.core.enums import CaseStatus, DayUnit, ReviewLevel, ReviewOutcome
from petitiondesk.services.closure import (
    ReviewDecisionInput,
    ReviewInput,
    ReviewView,
    closure_board,
    decide_review,
    record_hearing,
    request_review,
    review_window,
)
from petitiondesk.services.deadline_rules import RuleInput, update_deadline_rule
from petitiondesk.services.result import Result
from petitiondesk.store.db import Database
from tests.helpers import admin
from tests.services.closure.setup import CLERK, audit_after, closed_case, last_audit, status


def _ask(
    db: Database, number: str, on: date, level: ReviewLevel = ReviewLevel.REVIEW
) -> Result[ReviewView]:
    return request_review(db, number, ReviewInput(level, on), actor=CLERK, today=on)


@pytest.mark.parametrize(
    ("day", "ok"),
    [(date(2026, 11, 30), True), (date(2026, 12, 1), True), (date(2026, 12, 2), True),
     (date(2026, 12, 3), False)],
)  # fmt: skip
def test_review_window_on_working_days_29th_30th_in_31st_out(
    db: Database, day: date, ok: bool
) -> None:
    number = closed_case(db, date(2026, 11, 2))  # +30 = Wed 12-02, a working day
    result = request_review(
        db, number, ReviewInput(ReviewLevel.REVIEW, day), actor=CLERK, today=day
    )
    assert result.ok is ok
    if not ok:
        assert "申请期限已于2026-12-02届满" in result.errors["requested_on"]
        assert status(db, number) is CaseStatus.CLOSED


@pytest.mark.parametrize(
    ("day", "ok"),
    [(date(2026, 10, 1), True), (date(2026, 10, 2), True), (date(2026, 10, 8), True),
     (date(2026, 10, 9), False)],
)  # fmt: skip
def test_window_ending_in_a_holiday_rolls_to_the_next_working_day(
    db: Database, day: date, ok: bool
) -> None:
    number = closed_case(db, date(2026, 9, 2))  # +30 = Fri 10-02, National Day
    window = review_window(db, number)
    assert window is not None and window.last_day == date(2026, 10, 8) and window.covered
    result = request_review(
        db, number, ReviewInput(ReviewLevel.REVIEW, day), actor=CLERK, today=day
    )
    assert result.ok is ok
    if not ok:
        assert "2026-10-08届满" in result.errors["requested_on"]


@pytest.mark.parametrize(("day", "ok"), [(date(2026, 10, 2), True), (date(2026, 10, 3), False)])
def test_without_the_roll_the_window_ends_in_the_holiday(db: Database, day: date, ok: bool) -> None:
    update_deadline_rule(
        db, RuleInput("review_request", "申请复查期限", 30, DayUnit.CALENDAR, False), actor=admin()
    ).unwrap()
    number = closed_case(db, date(2026, 9, 2))
    result = request_review(
        db, number, ReviewInput(ReviewLevel.REVIEW, day), actor=CLERK, today=day
    )
    assert result.ok is ok
    if not ok:
        assert "2026-10-02届满" in result.errors["requested_on"]


def test_decision_limit_and_hearing_pause_and_the_rereview_window(db: Database) -> None:
    number = closed_case(db, date(2026, 8, 20))
    review = request_review(
        db, number, ReviewInput(ReviewLevel.REVIEW, date(2026, 9, 2)), actor=CLERK,
        today=date(2026, 9, 2),
    ).unwrap()  # fmt: skip
    assert review.due_date == date(2026, 10, 8)  # 10-02 is off: rolled
    assert not review.due_uncovered
    board = closure_board(db, date(2026, 9, 10))
    assert [(r.register_no, r.due_date, r.days_left) for r in board.reviews_due] == [
        (number, date(2026, 10, 8), 28)
    ]
    heard = record_hearing(
        db, review.review_id, start=date(2026, 9, 14), end=date(2026, 9, 16), actor=CLERK,
        today=date(2026, 9, 16),
    ).unwrap()  # fmt: skip
    assert heard.due_date == date(2026, 10, 8)  # 09-05 + 30 = 10-05, still the holiday
    longer = record_hearing(
        db, review.review_id, start=date(2026, 9, 14), end=date(2026, 9, 22), actor=CLERK,
        today=date(2026, 9, 22),
    ).unwrap()  # fmt: skip
    assert longer.due_date == date(2026, 10, 12)  # 09-11 + 30 = 10-11 (Sun) → Mon 10-12
    assert audit_after(last_audit(db))["hearing_end"] == "2026-09-22"
    decide_review(
        db, review.review_id,
        ReviewDecisionInput(ReviewOutcome.CHANGE, "变更原处理意见。", date(2026, 9, 28),
                            received_on=date(2026, 9, 29)),
        actor=CLERK, today=date(2026, 9, 29),
    ).unwrap()  # fmt: skip
    window = review_window(db, number)
    assert window is not None and window.level is ReviewLevel.RE_REVIEW
    assert window.last_day == date(2026, 10, 29)
    late = _ask(db, number, date(2026, 10, 30), ReviewLevel.RE_REVIEW)
    assert not late.ok
    assert _ask(db, number, date(2026, 10, 29), ReviewLevel.RE_REVIEW).ok


def test_a_second_review_request_is_refused(db: Database) -> None:
    number = closed_case(db, date(2026, 11, 2))
    assert _ask(db, number, date(2026, 11, 5)).ok
    again = request_review(
        db, number, ReviewInput(ReviewLevel.REVIEW, date(2026, 11, 6)), actor=CLERK,
        today=date(2026, 11, 6),
    )  # fmt: skip
    assert not again.ok and again.errors["level"] == "该事项已申请过复查"
