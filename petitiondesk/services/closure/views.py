"""What the 办结 tab shows of one case: its closure row and reviews as plain data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from petitiondesk.core.closure import ClosingFacts, missing_for_closing
from petitiondesk.core.enums import (
    CaseStatus,
    DeliveryMethod,
    OpinionDecision,
    ReviewLevel,
    ReviewOutcome,
    Satisfaction,
    SurveyMethod,
)
from petitiondesk.store.db import Database
from petitiondesk.store.models import Closure, Petition, ReviewRequest

from ._common import case_or_errors, closure_of, reviews_of

#: Statuses from which a case may close (reported back, or handled by the office itself).
CLOSABLE = (CaseStatus.ANSWERED, CaseStatus.ACCEPTED)


@dataclass(frozen=True)
class ReportView:
    """办结报告 as recorded."""

    department_id: int | None
    unit: str
    doc_no: str
    investigation: str
    handling: str
    signer: str
    report_date: date | None


@dataclass(frozen=True)
class OpinionView:
    """信访处理意见书 as saved (``number`` "" before the first save)."""

    title: str
    number: str
    request: str
    facts: str
    decision: OpinionDecision | None
    decision_text: str
    basis: str
    opinion_date: date | None
    review_route: str
    review_body: str
    review_days: int


@dataclass(frozen=True)
class DeliveryView:
    method: DeliveryMethod
    handed_on: date | None  # signed for / posted / sent
    signer: str
    tracking_no: str
    note: str
    received_on: date | None  # starts the 复查 window


@dataclass(frozen=True)
class ReviewView:
    review_id: int
    register_no: str
    level: ReviewLevel
    previous_id: int | None
    requested_on: date
    body: str
    office_reviews: bool
    due_date: date | None
    due_rule: str
    due_uncovered: bool
    hearing_start: date | None
    hearing_end: date | None
    decided_on: date | None
    outcome: ReviewOutcome | None
    decision: str
    decision_no: str
    decision_received_on: date | None


@dataclass(frozen=True)
class ClosureView:
    petition_id: int
    register_no: str
    status: CaseStatus
    name: str
    category: str
    summary: str
    demands: str
    report: ReportView | None
    opinion: OpinionView | None
    delivery: DeliveryView | None
    satisfaction: Satisfaction
    satisfaction_method: SurveyMethod | None
    satisfaction_on: date | None
    closed_at: datetime | None
    reopened_on: date | None
    reopen_reason: str
    archived_on: date | None
    reviews: tuple[ReviewView, ...]
    missing: tuple[str, ...]  # what stops closing (empty once closed or ready)


def _report(c: Closure) -> ReportView | None:
    if not (c.report_handling or c.completion_report or c.report_doc_no):
        return None
    unit = c.department.name if c.department is not None else ""
    return ReportView(
        c.department_id, unit, c.report_doc_no, c.completion_report, c.report_handling,
        c.report_signer, c.report_date,
    )  # fmt: skip


def _opinion(c: Closure) -> OpinionView | None:
    if not c.opinion_no:
        return None
    return OpinionView(
        c.opinion_title, c.opinion_no, c.reply_request, c.reply_facts, c.opinion_decision,
        c.reply_opinion, c.reply_basis, c.reply_date, c.review_route, c.review_body,
        c.review_days,
    )  # fmt: skip


def _delivery(c: Closure) -> DeliveryView | None:
    if not c.delivery_method:
        return None
    return DeliveryView(
        DeliveryMethod(c.delivery_method), c.delivery_posted_on, c.delivery_signer,
        c.delivery_tracking, c.delivery_note, c.delivered_at,
    )  # fmt: skip


def review_view(rv: ReviewRequest) -> ReviewView:
    return ReviewView(
        rv.id, rv.petition.register_no, rv.level, rv.previous_id, rv.requested_at, rv.body,
        rv.office_reviews, rv.due_date, rv.due_rule, rv.due_uncovered, rv.hearing_start,
        rv.hearing_end, rv.decided_at, rv.outcome, rv.decision, rv.decision_no,
        rv.decision_received_on,
    )  # fmt: skip


def missing_lines(petition: Petition, c: Closure | None) -> list[str]:
    """What stops ``petition`` from closing (see core.closure.missing_for_closing)."""
    if petition.status in (CaseStatus.CLOSED, CaseStatus.IN_REVIEW, CaseStatus.FINAL):
        return []
    facts = ClosingFacts(
        status_ok=petition.status in CLOSABLE,
        status_label=petition.status.label,
        has_result=c is not None and bool(c.report_handling.strip() or c.completion_report.strip()),
        has_opinion=c is not None and bool(c.opinion_no),
        has_delivery=c is not None and bool(c.delivery_method),
    )
    return missing_for_closing(facts)


def build_view(session: Session, petition: Petition) -> ClosureView:
    c = closure_of(session, petition)
    reviews = tuple(review_view(rv) for rv in reviews_of(session, petition.id))
    return ClosureView(
        petition_id=petition.id,
        register_no=petition.register_no,
        status=petition.status,
        name=petition.petitioner.name if petition.petitioner else "匿名",
        category=petition.category.name if petition.category else "",
        summary=petition.summary,
        demands=petition.demands,
        report=_report(c) if c else None,
        opinion=_opinion(c) if c else None,
        delivery=_delivery(c) if c else None,
        satisfaction=c.satisfaction if c else Satisfaction.NOT_ASKED,
        satisfaction_method=c.satisfaction_method if c else None,
        satisfaction_on=c.satisfaction_on if c else None,
        closed_at=c.closed_at if c else None,
        reopened_on=c.reopened_on if c else None,
        reopen_reason=c.reopen_reason if c else "",
        archived_on=c.archived_on if c else None,
        reviews=reviews,
        missing=tuple(missing_lines(petition, c)),
    )


def closure_version(db: Database, register_no: str) -> int | None:
    """The version of the case's closure row (0: none yet; None: no such case), for a
    form to hand back when it saves (issue 14)."""
    with db.read() as session:
        found = case_or_errors(session, register_no)
        if isinstance(found, dict):
            return None
        row = closure_of(session, found)
        return row.version if row is not None else 0


def case_version(db: Database, register_no: str) -> int | None:
    """The version of the case (petition row; None: no such case), for the 复查/复核
    forms to hand back (review rows carry no version of their own; issue 14)."""
    with db.read() as session:
        found = case_or_errors(session, register_no)
        return None if isinstance(found, dict) else found.version


def case_closure(db: Database, register_no: str) -> ClosureView | None:
    """The closure state of the case ``register_no`` (None when there is no such case)."""
    with db.read() as session:
        found = case_or_errors(session, register_no)
        return None if isinstance(found, dict) else build_view(session, found)
