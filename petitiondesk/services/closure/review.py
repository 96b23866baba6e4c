"""复查 and 复核 (信访工作条例 2022 Art. 35–36).

A petitioner may ask for 复查 within 30 days of receiving the written opinion, and for
复核 within 30 days of receiving the 复查 decision (office rules ``review_request`` /
``rereview_request``: calendar days, an end on a day off rolls to the next working day
when the rule says so). A request in time opens a linked review record with its body
and its due date (``review_decision`` / ``rereview_decision``, 30 days on the calendar,
stored with the rule spec and the 待核 flag so a holiday change recomputes it); a
request out of time is refused with the date the window closed. A hearing (听证) stops
the clock between its first and last day. The decision (维持/撤销/变更, text, date) is
recorded; after a 复核 decision the matter is final (复核终结). ``office_reviews``
False: the office only records that the petitioner asked another body.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Final

from sqlalchemy.orm import Session

from petitiondesk.core.closure import (
    REVIEW_RULES,
    decision_due,
    hearing_days,
    request_window,
    window_problem,
)
from petitiondesk.core.deadlines import Due, format_rule_spec
from petitiondesk.core.enums import CaseStatus, ReviewLevel, ReviewOutcome
from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.store.db import Database
from petitiondesk.store.models import Closure, Petition, ReviewRequest

from .. import audit
from ..calendar import load_calendar, office_rule
from ..result import Result
from ..settings import get_closure_settings
from ..stale import stale_errors
from ._common import case_or_errors, closure_of, date_problem, new_doc_no, refuse, reviews_of
from ._write import Refused
from .views import ReviewView, review_view

#: Decision number series and the word after the office prefix, by level.
DECISION_SERIES: Final = {
    ReviewLevel.REVIEW: ("review_decision", "复查"),
    ReviewLevel.RE_REVIEW: ("rereview_decision", "复核"),
}


@dataclass(frozen=True)
class ReviewWindow:
    """Where the petitioner may next ask for review, and until when."""

    level: ReviewLevel
    received_on: date  # the day the decision below was received
    last_day: date
    covered: bool  # False: the end rests on a Mon–Fri guess (year not entered)
    previous_id: int | None  # the 复查 a 复核 follows


def open_window(session: Session, petition: Petition) -> ReviewWindow | None:
    """The review the case may be asked for next (None: none is possible now)."""
    if petition.status is not CaseStatus.CLOSED:
        return None
    reviews = reviews_of(session, petition.id)
    levels = {rv.level for rv in reviews}
    if ReviewLevel.REVIEW not in levels:
        c = closure_of(session, petition)
        if c is None or c.delivered_at is None:
            return None
        return _window(session, ReviewLevel.REVIEW, c.delivered_at, None)
    first = next(rv for rv in reviews if rv.level is ReviewLevel.REVIEW)
    if ReviewLevel.RE_REVIEW in levels or first.decision_received_on is None:
        return None
    return _window(session, ReviewLevel.RE_REVIEW, first.decision_received_on, first.id)


def _window(
    session: Session, level: ReviewLevel, received: date, previous: int | None
) -> ReviewWindow:
    rule = office_rule(session, REVIEW_RULES[level][0])
    due = request_window(load_calendar(session), received, rule)
    return ReviewWindow(level, received, due.due, due.covered, previous)


def review_window(db: Database, register_no: str) -> ReviewWindow | None:
    with db.read() as session:
        found = case_or_errors(session, register_no)
        return None if isinstance(found, dict) else open_window(session, found)


@dataclass
class ReviewInput:
    """A 复查 or 复核 request as the clerk enters it; field names are the error keys.
    A blank ``body`` is taken from the settings (复查机关 / 复核机关)."""

    level: ReviewLevel
    requested_on: date
    body: str = ""
    office_reviews: bool = True
    #: The case's version the form was loaded with (None: no check; issue 14).
    version: int | None = None


def _due(session: Session, rv: ReviewRequest) -> tuple[Due, str]:
    code = REVIEW_RULES[rv.level][1]
    rule = office_rule(session, code)
    hearing = hearing_days(rv.hearing_start, rv.hearing_end)
    due = decision_due(load_calendar(session), rv.requested_at, rule, hearing)
    return due, format_rule_spec(code, rule)


def request_review(
    db: Database,
    register_no: str,
    data: ReviewInput,
    *,
    actor: Actor,
    today: date | None = None,
) -> Result[ReviewView]:
    """Open a 复查 / 复核 record when the request is in time (case → 复查复核中)."""
    if why := refusal(actor, Permission.CLOSE):
        return Result.failure({"": why})
    day = today or date.today()
    settings = get_closure_settings(db)
    with db.write() as session:
        found = case_or_errors(session, register_no)
        if isinstance(found, dict):
            return Result.failure(found)
        petition = found
        window = open_window(session, petition)
        what = data.level.label
        if window is None or window.level is not data.level:
            return refuse({"level": _why_no_window(session, petition, data.level)}, f"{what}申请")
        errors: dict[str, str] = {}
        problem = date_problem(data.requested_on, day, "申请日期") or window_problem(
            data.requested_on, window.received_on, Due(window.last_day, window.covered, "")
        )
        if problem:
            errors["requested_on"] = problem
        default = (
            settings.review_body if data.level is ReviewLevel.REVIEW else settings.rereview_body
        )
        body = data.body.strip() or default
        if len(body) > 100:
            errors["body"] = "机关名称不能超过100个字"
        if errors:
            return refuse(errors, f"{what}申请")
        if stale := stale_errors(petition, data.version, f"登记 {petition.register_no}"):
            return Result.failure(stale)
        rv = ReviewRequest(
            petition=petition, level=data.level, previous_id=window.previous_id,
            requested_at=data.requested_on, body=body, office_reviews=data.office_reviews,
        )  # fmt: skip
        due, rv.due_rule = _due(session, rv)
        rv.due_date, rv.due_uncovered = due.due, not due.covered
        session.add(rv)
        petition.status = CaseStatus.IN_REVIEW
        audit.record(
            session, actor=actor, action="request_review", entity=rv,
            summary=f"{petition.register_no} 申请{what}（{data.requested_on.isoformat()}，"
            f"{body or '未填机关'}，{due.due.isoformat()}前办结）",
        )  # fmt: skip
        value = review_view(rv)
    return Result.success(value, f"已登记{what}申请，应于 {value.due_date} 前作出{what}意见")


def _why_no_window(session: Session, petition: Petition, level: ReviewLevel) -> str:
    have = {rv.level for rv in reviews_of(session, petition.id)}
    if level in have:
        return f"该事项已申请过{level.label}"
    if level is ReviewLevel.RE_REVIEW and ReviewLevel.REVIEW not in have:
        return "须先经复查，才能申请复核"
    if level is ReviewLevel.RE_REVIEW:
        return "复查意见尚未作出或尚未记录信访人收到复查意见的日期"
    if petition.status is not CaseStatus.CLOSED:
        return f"事项当前状态为“{petition.status.label}”，办结后才能申请复查"
    c: Closure | None = closure_of(session, petition)
    if c is None or c.delivered_at is None:
        return "尚未记录信访人收到意见书的日期，无法计算复查期限"
    return f"不能申请{level.label}"


def _edit_review(
    db: Database,
    review_id: int,
    change: Callable[[Session, ReviewRequest], dict[str, str] | str],
    *,
    actor: str,
    action: str,
    what: str,
    version: int | None = None,
) -> Result[ReviewView]:
    """One write on review ``review_id``: ``change`` answers errors or the audit summary.
    ``version``: the case's version the form was loaded with (None: no check; review rows
    carry no version, a change of the case meanwhile refuses the save)."""
    try:
        with db.write() as session:
            rv = session.get(ReviewRequest, review_id)
            if rv is None:
                return Result.failure({"review": "找不到该复查复核记录"})
            petition = rv.petition
            if stale := stale_errors(petition, version, f"登记 {petition.register_no}"):
                return Result.failure(stale)
            before = audit.snapshot(rv)
            before_case = audit.snapshot(rv.petition)
            outcome = change(session, rv)
            if isinstance(outcome, dict):
                raise Refused(outcome)
            audit.record(
                session, actor=actor, action=action, entity=rv,
                summary=f"{rv.petition.register_no} {rv.level.label}：{outcome}", before=before,
            )  # fmt: skip
            if audit.snapshot(rv.petition) != before_case:
                audit.record(
                    session, actor=actor, action="case_status", entity=rv.petition,
                    summary=f"{rv.petition.register_no} {rv.petition.status.label}",
                    before=before_case,
                )  # fmt: skip
            value = review_view(rv)
    except Refused as refused:
        return refuse(refused.errors, what)
    return Result.success(value, f"已保存{what}")


def record_hearing(
    db: Database,
    review_id: int,
    *,
    start: date,
    end: date,
    actor: Actor,
    today: date | None = None,
    version: int | None = None,
) -> Result[ReviewView]:
    """Record a hearing (听证): the due date moves by its length (both days counted)."""
    if why := refusal(actor, Permission.CLOSE):
        return Result.failure({"": why})
    day = today or date.today()

    def change(session: Session, rv: ReviewRequest) -> dict[str, str] | str:
        if rv.decided_at is not None:
            return {"review": f"{rv.level.label}意见已作出，不能再记录听证"}
        errors: dict[str, str] = {}
        if start < rv.requested_at:
            errors["start"] = "听证开始日期不能早于申请日期"
        if end < start:
            errors["end"] = "听证结束日期不能早于开始日期"
        problem = date_problem(start, day, "听证开始日期")
        if problem:
            errors["start"] = problem
        if errors:
            return errors
        rv.hearing_start, rv.hearing_end = start, end
        due, rv.due_rule = _due(session, rv)
        rv.due_date, rv.due_uncovered = due.due, not due.covered
        return (
            f"听证 {start.isoformat()}至{end.isoformat()}（{hearing_days(start, end)}日不计入），"
            f"期限顺延至{due.due.isoformat()}"
        )

    return _edit_review(
        db, review_id, change, actor=actor, action="record_hearing", what="听证情况",
        version=version,
    )  # fmt: skip


@dataclass
class ReviewDecisionInput:
    """The 复查 / 复核 decision; field names are the error keys. A blank ``decision_no``
    is numbered by the office when it is the reviewing body."""

    outcome: ReviewOutcome
    text: str
    decided_on: date
    decision_no: str = ""
    received_on: date | None = None  # when the petitioner received it (may come later)
    #: The case's version the form was loaded with (None: no check; issue 14).
    version: int | None = None


def decide_review(
    db: Database,
    review_id: int,
    data: ReviewDecisionInput,
    *,
    actor: Actor,
    today: date | None = None,
) -> Result[ReviewView]:
    """Record the decision: after 复查 the case is 已办结 again (the 复核 window runs from
    the day the decision is received); after 复核 it is 复核终结."""
    if why := refusal(actor, Permission.CLOSE):
        return Result.failure({"": why})
    day = today or date.today()

    def change(session: Session, rv: ReviewRequest) -> dict[str, str] | str:
        if rv.decided_at is not None:
            return {"review": f"{rv.level.label}意见已于{rv.decided_at.isoformat()}作出"}
        errors: dict[str, str] = {}
        if not isinstance(data.outcome, ReviewOutcome):
            errors["outcome"] = "请选择维持、撤销或变更"
        if not data.text.strip():
            errors["text"] = f"请填写{rv.level.label}意见"
        elif len(data.text.strip()) > 2000:
            errors["text"] = "意见不能超过2000个字"
        if len(data.decision_no.strip()) > 40:
            errors["decision_no"] = "文号不能超过40个字"
        problem = date_problem(data.decided_on, day, "决定日期")
        if problem is None and data.decided_on < rv.requested_at:
            problem = "决定日期不能早于申请日期"
        if problem:
            errors["decided_on"] = problem
        if data.received_on is not None and (
            data.received_on < data.decided_on or data.received_on > day
        ):
            errors["received_on"] = "收到日期应在决定日期与今天之间"
        if errors:
            return errors
        rv.outcome, rv.upheld = data.outcome, data.outcome is ReviewOutcome.UPHOLD
        rv.decision, rv.decided_at = data.text.strip(), data.decided_on
        rv.decision_received_on = data.received_on
        rv.decision_no = data.decision_no.strip()
        if not rv.decision_no and rv.office_reviews:
            series, word = DECISION_SERIES[rv.level]
            rv.decision_no = new_doc_no(session, series, word, data.decided_on)
        final = rv.level is ReviewLevel.RE_REVIEW
        rv.petition.status = CaseStatus.FINAL if final else CaseStatus.CLOSED
        late = rv.due_date is not None and data.decided_on > rv.due_date
        return (
            f"{data.outcome.label}（{data.decided_on.isoformat()}，{rv.decision_no or '无文号'}）"
            + ("，超过办理期限" if late else "")
            + ("，复核终结" if final else "")
        )

    return _edit_review(
        db, review_id, change, actor=actor, action="decide_review", what="复查复核意见",
        version=data.version,
    )  # fmt: skip


def record_decision_receipt(
    db: Database,
    review_id: int,
    received_on: date,
    *,
    actor: Actor,
    today: date | None = None,
    version: int | None = None,
) -> Result[ReviewView]:
    """Enter the day the petitioner received the decision (starts the 复核 window)."""
    if why := refusal(actor, Permission.CLOSE):
        return Result.failure({"": why})
    day = today or date.today()

    def change(session: Session, rv: ReviewRequest) -> dict[str, str] | str:
        if rv.decided_at is None:
            return {"received_on": f"{rv.level.label}意见尚未作出"}
        if received_on < rv.decided_at or received_on > day:
            return {"received_on": "收到日期应在决定日期与今天之间"}
        later = [r for r in reviews_of(session, rv.petition_id) if r.previous_id == rv.id]
        if later:
            return {"received_on": "已据此申请复核，不能再修改收到日期"}
        rv.decision_received_on = received_on
        return f"信访人收到{rv.level.label}意见（{received_on.isoformat()}）"

    return _edit_review(
        db, review_id, change, actor=actor, action="record_review_receipt", what="收到日期",
        version=version,
    )  # fmt: skip
