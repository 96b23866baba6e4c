"""Closure and review rules (信访工作条例 2022 Art. 32–36) as pure functions.

* The 复查 window runs from the day the petitioner RECEIVES the written opinion, the 复核
  window from the day they receive the 复查 decision: 30 calendar days by the office's
  rules ``review_request`` / ``rereview_request``; the start day is not counted, and an
  end on a day off rolls to the next working day when the rule says so (民法典 Art. 203).
* A review is decided within 30 days of the request (``review_decision`` /
  ``rereview_decision``); a hearing (听证) stops the clock from its first to its last
  day, both counted, so it pushes the due date by its length.
* A case closes when its result, the written opinion and its delivery are recorded;
  :func:`missing_for_closing` lists what is not, one Chinese line each.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from petitiondesk.core.deadlines import DeadlineRule, Due, due_date
from petitiondesk.core.enums import ReviewLevel
from petitiondesk.core.workcalendar import WorkCalendar

#: The office rule codes of each review level: (request window, decision limit).
REVIEW_RULES: Final[dict[ReviewLevel, tuple[str, str]]] = {
    ReviewLevel.REVIEW: ("review_request", "review_decision"),
    ReviewLevel.RE_REVIEW: ("rereview_request", "rereview_decision"),
}
#: The statute's number of days to ask for 复查 (Art. 35), printed on the opinion.
STATUTE_REVIEW_DAYS: Final = 30


def hearing_days(start: date | None, end: date | None) -> int:
    """Days a hearing stops the clock: from ``start`` to ``end``, both counted (0
    without a complete hearing)."""
    if start is None or end is None or end < start:
        return 0
    return (end - start).days + 1


def request_window(calendar: WorkCalendar, received_on: date, rule: DeadlineRule) -> Due:
    """The last day a 复查 / 复核 may be asked for, counted from ``received_on``."""
    return due_date(calendar, received_on, rule)


def window_problem(requested_on: date, received_on: date, window: Due) -> str | None:
    """Why a request on ``requested_on`` is refused, or None when it is in time."""
    if requested_on < received_on:
        return f"申请日期不能早于收到决定的日期（{received_on.isoformat()}）"
    if requested_on > window.due:
        return (
            f"申请已超过期限：申请期限已于{window.due.isoformat()}届满"
            f"（自{received_on.isoformat()}收到之日起计算），不予受理"
        )
    return None


def decision_due(
    calendar: WorkCalendar, requested_on: date, rule: DeadlineRule, hearing: int = 0
) -> Due:
    """When a review requested on ``requested_on`` must be decided, the ``hearing`` days
    not counted."""
    return due_date(calendar, requested_on + timedelta(days=hearing), rule)


def review_route_text(days: int, body: str, level: ReviewLevel = ReviewLevel.REVIEW) -> str:
    """The sentence of the opinion (or of a 复查 decision) that tells the petitioner how,
    where and within how many days to ask for the next review."""
    where = body.strip() or "上一级行政机关"
    what = level.label
    return f"如对本意见不服，可自收到本意见之日起{days}日内，向{where}书面提出{what}申请。"


@dataclass(frozen=True)
class ClosingFacts:
    """What the closing check looks at, read from the case and its closure row."""

    status_ok: bool
    status_label: str
    has_result: bool
    has_opinion: bool
    has_delivery: bool


def missing_for_closing(facts: ClosingFacts) -> list[str]:
    """What still stops the case from closing, one line each (empty: it may close)."""
    out: list[str] = []
    if not facts.status_ok:
        out.append(f"事项当前状态为“{facts.status_label}”，不能办结")
    if not facts.has_result:
        out.append("尚未记录办理结果（办结报告）")
    if not facts.has_opinion:
        out.append("尚未保存信访处理意见书（未编文号）")
    if not facts.has_delivery:
        out.append("尚未记录意见书的送达情况")
    return out
