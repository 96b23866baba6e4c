"""Closing a case (办结), reopening a wrongly closed one, the archive flag (存档销案) and
the data of the 办结单.

A case closes when its result (the completion report), the written opinion and its
delivery are recorded: :func:`closing_check` lists what is missing, one Chinese line
each, and :func:`close_case` refuses with that list. Closing ends the case's answered
referrals (ReferralStatus.CLOSED). :func:`reopen_case` takes a closed case back (reason
required, audited) while no 复查 was asked for. :func:`archive_case` sets the archive
flag once every supervision slip of the case is back and settled, and marks the slips
archived.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from petitiondesk.core.enums import (
    CaseStatus,
    ReferralStatus,
    Satisfaction,
    SupervisionStatus,
)
from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.store.db import Database
from petitiondesk.store.models import Closure, OfficeSettings, Petition, Referral, SupervisionSlip

from ..result import Result
from ._common import answered_referral, case_or_errors, closure_of, date_problem, reviews_of
from ._write import Outcome, Refused, edit_closure
from .views import ClosureView, missing_lines


def closing_check(db: Database, register_no: str) -> list[str]:
    """What still stops the case from closing (empty: it may close)."""
    with db.read() as session:
        found = case_or_errors(session, register_no)
        if isinstance(found, dict):
            return list(found.values())
        if found.status is CaseStatus.CLOSED:
            return ["事项已办结"]
        if found.status in (CaseStatus.IN_REVIEW, CaseStatus.FINAL):
            return [f"事项{found.status.label}，不能办结"]
        return missing_lines(found, closure_of(session, found))


def close_case(
    db: Database,
    register_no: str,
    *,
    closed_on: date,
    actor: Actor,
    today: date | None = None,
    version: int | None = None,
) -> Result[ClosureView]:
    """Close the case (已办结) or refuse with the list of what is missing."""
    if why := refusal(actor, Permission.CLOSE):
        return Result.failure({"": why})
    day = today or date.today()

    def change(session: Session, petition: Petition, c: Closure) -> Outcome:
        if petition.status is CaseStatus.CLOSED:
            return {"case": "事项已办结"}
        missing = missing_lines(petition, c)
        if missing:
            raise Refused({"case": "；".join(missing)})
        problem = date_problem(closed_on, day, "办结日期")
        if problem is None and c.reply_date is not None and closed_on < c.reply_date:
            problem = f"办结日期不能早于意见书日期（{c.reply_date.isoformat()}）"
        if problem:
            return {"closed_on": problem}
        petition.status = CaseStatus.CLOSED
        if not petition.result.strip():
            petition.result = c.report_handling or c.completion_report
        c.closed_at = datetime.combine(closed_on, time(0, 0))
        for referral in _referrals(session, petition.id, ReferralStatus.ANSWERED):
            referral.status = ReferralStatus.CLOSED
        return petition, f"办结（{closed_on.isoformat()}，{c.opinion_no}）"

    return edit_closure(
        db, register_no, change, actor=actor, action="close_case", what="办结",
        done="事项已办结", version=version,
    )  # fmt: skip


def _referrals(session: Session, petition_id: int, status: ReferralStatus) -> list[Referral]:
    return list(
        session.scalars(
            select(Referral).where(Referral.petition_id == petition_id, Referral.status == status)
        )
    )


def reopen_case(
    db: Database,
    register_no: str,
    *,
    reason: str,
    reopened_on: date,
    actor: Actor,
    today: date | None = None,
    version: int | None = None,
) -> Result[ClosureView]:
    """Take a wrongly closed case back to 已答复 (or 已受理 without a referral); the
    reason is kept on the closure row and in the audit row."""
    if why := refusal(actor, Permission.CLOSE):
        return Result.failure({"": why})
    day = today or date.today()

    def change(session: Session, petition: Petition, c: Closure) -> Outcome:
        if petition.status is not CaseStatus.CLOSED:
            return {
                "case": f"事项当前状态为“{petition.status.label}”，只有已办结的事项可以撤销办结"
            }
        if reviews_of(session, petition.id):
            return {"case": "该事项已申请复查，不能撤销办结"}
        if c.archived_on is not None:
            return {"case": "该事项已存档销案，不能撤销办结"}
        errors: dict[str, str] = {}
        if not reason.strip():
            errors["reason"] = "请填写撤销办结的理由"
        elif len(reason.strip()) > 2000:
            errors["reason"] = "理由不能超过2000个字"
        problem = date_problem(reopened_on, day, "撤销日期")
        if problem:
            errors["reopened_on"] = problem
        if errors:
            return errors
        for referral in _referrals(session, petition.id, ReferralStatus.CLOSED):
            referral.status = ReferralStatus.ANSWERED
        answered = answered_referral(session, petition.id) is not None
        petition.status = CaseStatus.ANSWERED if answered else CaseStatus.ACCEPTED
        c.closed_at, c.reopened_on, c.reopen_reason = None, reopened_on, reason.strip()
        return petition, f"撤销办结，理由：{reason.strip()}"

    return edit_closure(
        db, register_no, change, actor=actor, action="reopen_case", what="撤销办结",
        done="已撤销办结，事项回到待办结", version=version,
    )  # fmt: skip


def archive_case(
    db: Database,
    register_no: str,
    *,
    archived_on: date,
    actor: Actor,
    today: date | None = None,
    version: int | None = None,
) -> Result[ClosureView]:
    """Set the archive flag (存档销案) of a closed (or 复核终结) case once every
    supervision slip is back and settled; the slips become 已存档销案."""
    if why := refusal(actor, Permission.CLOSE):
        return Result.failure({"": why})
    day = today or date.today()

    def change(session: Session, petition: Petition, c: Closure) -> Outcome:
        if petition.status not in (CaseStatus.CLOSED, CaseStatus.FINAL):
            return {"case": f"事项当前状态为“{petition.status.label}”，办结后才能存档销案"}
        if c.archived_on is not None:
            return {"case": f"该事项已于{c.archived_on.isoformat()}存档销案"}
        slips = list(
            session.scalars(
                select(SupervisionSlip).where(SupervisionSlip.petition_id == petition.id)
            )
        )
        waiting = [
            s.slip_no for s in slips
            if s.status not in (SupervisionStatus.CLOSED.value, SupervisionStatus.ARCHIVED.value)
        ]  # fmt: skip
        if waiting:
            return {"case": f"督办单 {'、'.join(waiting)} 尚未全部回复，不能存档销案"}
        problem = date_problem(archived_on, day, "存档日期")
        if problem:
            return {"archived_on": problem}
        for slip in slips:
            slip.status = SupervisionStatus.ARCHIVED.value
        c.archived_on = archived_on
        return c, f"存档销案（{archived_on.isoformat()}）"

    return edit_closure(
        db, register_no, change, actor=actor, action="archive_case", what="存档销案",
        done="已存档销案", version=version,
    )  # fmt: skip


@dataclass(frozen=True)
class ClosureFormData:
    """The 办结单 as the printer fills it (signature lines are the layout's)."""

    register_no: str
    name: str
    received_on: date
    category: str
    summary: str
    unit: str
    result: str
    opinion_no: str
    reply_date: date | None
    delivered_on: date | None
    satisfaction: Satisfaction
    closed_on: date | None
    office: str


def closure_form(db: Database, register_no: str) -> ClosureFormData | None:
    """The data of the 办结单 (unit, result, reply date, satisfaction); None when the
    case has no closure record."""
    with db.read() as session:
        found = case_or_errors(session, register_no)
        if isinstance(found, dict):
            return None
        c = closure_of(session, found)
        if c is None:
            return None
        office = session.get(OfficeSettings, 1)
        return ClosureFormData(
            register_no=found.register_no,
            name=found.petitioner.name if found.petitioner else "匿名",
            received_on=found.received_at.date(),
            category=found.category.name if found.category else "",
            summary=found.summary,
            unit=c.department.name if c.department else "",
            result=c.report_handling or c.completion_report or found.result,
            opinion_no=c.opinion_no,
            reply_date=c.reply_date,
            delivered_on=c.delivered_at,
            satisfaction=c.satisfaction,
            closed_on=c.closed_at.date() if c.closed_at else None,
            office=office.name if office else "",
        )
