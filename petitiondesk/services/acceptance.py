"""Acceptance (受理): decide, number the written notice, supervise the 15-day limit.

* :func:`decide_acceptance` records the decision once: accept → 已受理, reject (with the
  ground, and for "another body" where to go) → 不予受理, forward → 已转送 with the
  forward deadline (office rule ``forward_other_body``, 3 working days by default). It
  allocates the notice number 青信〔2026〕12号 — gap-free per year, one series for all
  acceptance notices, taken inside the same transaction (a failed save gives it back).
* A decision is never silently replaced. A wrong one is corrected with
  :func:`correct_acceptance`, which needs a reason, works only while nothing has happened
  after the decision (status still 已受理/不予受理/已转送), issues a new notice number (the
  old notice is void; the audit row keeps it) and writes its own audit row.
* :func:`pending_acceptance` lists undecided petitions with the days left of their
  written-notice limit (acceptance_due, set at registration) for supervision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from petitiondesk.core import validation
from petitiondesk.core.acceptance import check_acceptance
from petitiondesk.core.deadlines import days_remaining
from petitiondesk.core.docno import format_doc_no
from petitiondesk.core.enums import (
    AcceptanceDecision,
    CaseStatus,
    Channel,
    DayUnit,
    RejectionReason,
)
from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.core.registerno import format_register_no, parse_register_no
from petitiondesk.store.counters import allocate_doc_seq
from petitiondesk.store.db import Database
from petitiondesk.store.models import DeadlineRule, Leader, OfficeSettings, Petition

from . import audit
from .calendar import deadline_by_rule, load_calendar
from .result import Result
from .settings import get_office_settings
from .stale import stale_errors

#: The document series of acceptance notices (store/counters.py allocate_doc_seq).
NOTICE_KIND: Final = "acceptance_notice"

STATUS_AFTER: Final[dict[AcceptanceDecision, CaseStatus]] = {
    AcceptanceDecision.ACCEPT: CaseStatus.ACCEPTED,
    AcceptanceDecision.REJECT: CaseStatus.REJECTED,
    AcceptanceDecision.FORWARD: CaseStatus.FORWARDED,
}


@dataclass
class AcceptanceInput:
    """The acceptance decision as the clerk enters it. Field names are the error keys."""

    decision: AcceptanceDecision
    decided_on: date
    reason: RejectionReason | None = None
    redirect_body: str = ""  # where to go instead / the body forwarded to
    note: str = ""
    case_leader_id: int | None = None  # 包案领导
    #: The case's version the form was loaded with (None: no check; issue 14).
    version: int | None = None


@dataclass(frozen=True)
class AcceptanceOutcome:
    petition_id: int
    register_no: str
    decision: AcceptanceDecision
    status: CaseStatus
    notice_no: str
    decided_on: date
    acceptance_due: date | None
    late: bool  # decided after the written-notice limit
    forward_due: date | None  # forwarding: send it to the other body by then
    forward_due_uncovered: bool  # forward_due rests on a Mon–Fri guess (year not entered)


@dataclass(frozen=True)
class PendingAcceptance:
    """An undecided petition and how long is left to tell the petitioner."""

    petition_id: int
    register_no: str
    received_at: datetime
    channel: Channel
    name: str
    category: str
    summary: str
    acceptance_due: date | None
    days_remaining: int | None  # 0 = due today, negative = overdue; None if no due date
    estimate: bool = False  # the due date rests on a year whose holidays are unknown (待核)

    @property
    def overdue(self) -> bool:
        return self.days_remaining is not None and self.days_remaining < 0

    def due_soon(self, soon_days: int) -> bool:
        """Not overdue, and due within ``soon_days`` (the office's 即将到期提醒天数)."""
        return self.days_remaining is not None and 0 <= self.days_remaining <= soon_days


@dataclass(frozen=True)
class PendingNotices:
    """The 待告知 list: undecided petitions by due date (earliest first), with the office's
    due-soon window."""

    rows: list[PendingAcceptance]
    due_soon_days: int

    @property
    def overdue(self) -> int:
        return sum(1 for row in self.rows if row.overdue)

    @property
    def due_soon(self) -> int:
        return sum(1 for row in self.rows if row.due_soon(self.due_soon_days))


def find_petition(session: Session, register_no: str) -> Petition | None:
    """The petition with this register number (full-width input accepted)."""
    try:
        number = format_register_no(*parse_register_no(register_no))
    except ValueError:
        return None
    return session.scalar(select(Petition).where(Petition.register_no == number))


def input_problems(register_no: str, data: object, **texts: str) -> dict[str, str]:
    """What the database could not store or look up (checked before opening it): text
    with lone surrogates, numbers beyond 64 bits; keyed by field ("case": the number)."""
    found = validation.storable_problems(data)
    for key, text in {"case": register_no, **texts}.items():
        if validation.has_lone_surrogate(text):
            found.setdefault(key, validation.MSG_UNSTORABLE_TEXT)
    return found


def _check(
    session: Session, petition: Petition, data: AcceptanceInput, today: date
) -> dict[str, str]:
    errors = check_acceptance(
        data.decision,
        data.reason,
        data.redirect_body,
        data.decided_on,
        petition.received_at.date(),
        today,
    )
    if data.case_leader_id is not None and session.get(Leader, data.case_leader_id) is None:
        errors.setdefault("case_leader_id", "包案领导不存在")
    if len(data.note) > 2000:
        errors.setdefault("note", "备注不能超过2000个字")
    return errors


def _apply(
    session: Session, petition: Petition, data: AcceptanceInput
) -> tuple[str, date | None, bool]:
    """Write the decision onto ``petition`` and take a notice number; returns
    (notice_no, forward_due, forward_due_uncovered)."""
    office = session.get(OfficeSettings, 1)
    prefix = office.doc_prefix if office else ""
    year = data.decided_on.year
    notice_no = format_doc_no(prefix, year, allocate_doc_seq(session, NOTICE_KIND, year))
    forward_due: date | None = None
    uncovered = False
    petition.forward_due_rule, petition.forward_due_uncovered = "", False
    if data.decision is AcceptanceDecision.FORWARD:
        due, petition.forward_due_rule = deadline_by_rule(
            session, data.decided_on, "forward_other_body"
        )
        forward_due, uncovered = due.due, not due.covered
        petition.forward_due_uncovered = uncovered
    _set_handling_due(session, petition, data)
    petition.acceptance = data.decision
    petition.acceptance_date = data.decided_on
    petition.rejection_reason = (
        RejectionReason.OTHER_BODY if data.decision is AcceptanceDecision.FORWARD else data.reason
    )
    petition.redirect_body = data.redirect_body.strip()
    petition.acceptance_note = data.note.strip()
    petition.case_leader_id = data.case_leader_id
    petition.notice_no = notice_no
    petition.notice_printed_at = None
    petition.forward_due = forward_due
    petition.status = STATUS_AFTER[data.decision]
    return notice_no, forward_due, uncovered


def _set_handling_due(session: Session, petition: Petition, data: AcceptanceInput) -> None:
    """An accepted matter is handled within the ``handling`` rule (60 days, Art. 34)."""
    petition.handling_due, petition.handling_due_rule = None, ""
    petition.handling_due_uncovered = False
    if data.decision is AcceptanceDecision.ACCEPT:
        due, petition.handling_due_rule = deadline_by_rule(session, data.decided_on, "handling")
        petition.handling_due, petition.handling_due_uncovered = due.due, not due.covered


def _outcome(petition: Petition, uncovered: bool) -> AcceptanceOutcome:
    assert petition.acceptance is not None and petition.acceptance_date is not None
    due = petition.acceptance_due
    return AcceptanceOutcome(
        petition_id=petition.id,
        register_no=petition.register_no,
        decision=petition.acceptance,
        status=petition.status,
        notice_no=petition.notice_no,
        decided_on=petition.acceptance_date,
        acceptance_due=due,
        late=due is not None and petition.acceptance_date > due,
        forward_due=petition.forward_due,
        forward_due_uncovered=uncovered,
    )


def _message(value: AcceptanceOutcome, verb: str) -> str:
    text = f"{verb}：{value.decision.label}，告知书文号 {value.notice_no}"
    if value.forward_due is not None:
        text += f"；请于 {value.forward_due.isoformat()} 前转送"
    if value.late and value.acceptance_due is not None:
        text += f"（已超过告知期限 {value.acceptance_due.isoformat()}）"
    return text


def decide_acceptance(
    db: Database,
    register_no: str,
    data: AcceptanceInput,
    *,
    actor: Actor,
    today: date | None = None,
) -> Result[AcceptanceOutcome]:
    """Record whether the petition is accepted (once); see the module docstring."""
    if why := refusal(actor, Permission.REGISTER):
        return Result.failure({"": why})
    today = today or date.today()
    problems = input_problems(register_no, data)
    if problems:
        return Result.failure(problems, "受理决定未保存：" + "；".join(problems.values()))
    with db.write() as session:
        petition = find_petition(session, register_no)
        if petition is None:
            return Result.failure({"case": f"找不到登记号为 {register_no} 的信访事项"})
        if stale := stale_errors(petition, data.version, f"登记 {petition.register_no}"):
            return Result.failure(stale)
        if petition.acceptance is not None:
            decided = petition.acceptance_date.isoformat() if petition.acceptance_date else ""
            return Result.failure(
                {
                    "decision": f"该事项已作出受理决定（{petition.acceptance.label}，{decided}，"
                    f"{petition.notice_no}），不能重复决定；如决定有误，请使用“更正受理决定”"
                }
            )
        if petition.status is not CaseStatus.REGISTERED:
            return Result.failure(
                {"decision": f"该事项当前状态为“{petition.status.label}”，不能作出受理决定"}
            )
        errors = _check(session, petition, data, today)
        if errors:
            return Result.failure(errors, "受理决定未保存：" + "；".join(errors.values()))
        before = audit.snapshot(petition)
        _notice, _due, uncovered = _apply(session, petition, data)
        audit.record(
            session,
            actor=actor,
            action="decide_acceptance",
            entity=petition,
            summary=f"{petition.register_no} {data.decision.label} {petition.notice_no}",
            before=before,
        )
        value = _outcome(petition, uncovered)
    return Result.success(value, _message(value, "已作出受理决定"))


def correct_acceptance(
    db: Database,
    register_no: str,
    data: AcceptanceInput,
    *,
    actor: Actor,
    correction_reason: str,
    today: date | None = None,
) -> Result[AcceptanceOutcome]:
    """Replace a wrong acceptance decision (the documented correction path): a reason is
    required, nothing may have happened after the decision, and the corrected decision
    gets a new notice number (the old notice is void and must be re-issued)."""
    if why := refusal(actor, Permission.REGISTER):
        return Result.failure({"": why})
    today = today or date.today()
    problems = input_problems(register_no, data, correction_reason=correction_reason)
    if problems:
        return Result.failure(problems, "更正未保存：" + "；".join(problems.values()))
    with db.write() as session:
        petition = find_petition(session, register_no)
        if petition is None:
            return Result.failure({"case": f"找不到登记号为 {register_no} 的信访事项"})
        if stale := stale_errors(petition, data.version, f"登记 {petition.register_no}"):
            return Result.failure(stale)
        if petition.acceptance is None:
            return Result.failure({"decision": "该事项尚未作出受理决定，无需更正"})
        if petition.status is not STATUS_AFTER[petition.acceptance]:
            return Result.failure(
                {"decision": f"该事项已进入“{petition.status.label}”阶段，不能再更正受理决定"}
            )
        errors = _check(session, petition, data, today)
        if not correction_reason.strip():
            errors["correction_reason"] = "请填写更正理由"
        if errors:
            return Result.failure(errors, "更正未保存：" + "；".join(errors.values()))
        before = audit.snapshot(petition)
        old = f"{petition.acceptance.label} {petition.notice_no}"
        _apply(session, petition, data)
        audit.record(
            session,
            actor=actor,
            action="correct_acceptance",
            entity=petition,
            summary=f"{petition.register_no} 更正受理决定：{old} → {data.decision.label} "
            f"{petition.notice_no}；理由：{correction_reason.strip()}",
            before=before,
        )
        value = _outcome(petition, False)
    return Result.success(value, _message(value, "已更正受理决定"))


def pending_acceptance(
    db: Database, today: date, *, limit: int | None = None
) -> list[PendingAcceptance]:
    """Registered petitions without an acceptance decision, most urgent first (overdue
    ones lead), with the days left counted as the office's ``acceptance_notice`` rule
    counts them (calendar or working days)."""
    with db.read() as session:
        rule = session.scalar(select(DeadlineRule).where(DeadlineRule.code == "acceptance_notice"))
        unit = rule.unit if rule is not None else DayUnit.CALENDAR
        calendar = load_calendar(session)
        stmt = (
            select(Petition)
            .where(Petition.status == CaseStatus.REGISTERED, Petition.acceptance.is_(None))
            .options(joinedload(Petition.petitioner), joinedload(Petition.category))
            .order_by(
                Petition.acceptance_due.is_(None),
                Petition.acceptance_due,
                Petition.received_at,
                Petition.id,
            )
        )
        if limit is not None:
            stmt = stmt.limit(limit)
        out: list[PendingAcceptance] = []
        for p in session.scalars(stmt).unique():
            due = p.acceptance_due
            out.append(
                PendingAcceptance(
                    petition_id=p.id,
                    register_no=p.register_no,
                    received_at=p.received_at,
                    channel=p.channel,
                    name=p.petitioner.name if p.petitioner else "匿名",
                    category=p.category.name if p.category else "",
                    summary=p.summary,
                    acceptance_due=due,
                    days_remaining=days_remaining(calendar, today, due, unit)
                    if due is not None
                    else None,
                    estimate=bool(p.acceptance_due_uncovered),
                )
            )
        return out


def pending_notices(db: Database, today: date) -> PendingNotices:
    """:func:`pending_acceptance` with the office's due-soon window (for the 待告知 list)."""
    rows = pending_acceptance(db, today)
    return PendingNotices(rows=rows, due_soon_days=get_office_settings(db).due_soon_days)
