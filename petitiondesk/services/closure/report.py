"""The handling unit's completion report (办结报告): unit, document number,
investigation, handling, signer and date — prefilled from the lead unit's report-back
of the referral (services.referrals.report_back)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from petitiondesk.core.enums import CaseStatus
from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.store.db import Database
from petitiondesk.store.models import Closure, Department, Petition

from ..result import Result
from ._common import answered_referral, case_or_errors, closure_of, date_problem, text_problems
from ._write import Outcome, edit_closure
from .views import ClosureView


@dataclass
class CompletionReportInput:
    """The report as the clerk enters it; field names are the error keys."""

    department_id: int | None
    report_date: date
    handling: str  # 处理情况 / 办理结果
    investigation: str = ""  # 调查核实情况
    doc_no: str = ""  # the unit's document number
    signer: str = ""  # 签发人


def completion_report_draft(db: Database, register_no: str) -> CompletionReportInput | None:
    """The report as recorded, or prefilled from the lead unit's report-back (None when
    the case does not exist or has neither)."""
    with db.read() as session:
        found = case_or_errors(session, register_no)
        if isinstance(found, dict):
            return None
        c = closure_of(session, found)
        if c is not None and c.report_date is not None:
            return CompletionReportInput(
                c.department_id, c.report_date, c.report_handling, c.completion_report,
                c.report_doc_no, c.report_signer,
            )  # fmt: skip
        answered = answered_referral(session, found.id)
        if answered is None:
            return None
        _referral, lead = answered
        assert lead.reported_on is not None
        return CompletionReportInput(
            department_id=lead.department_id,
            report_date=lead.reported_on,
            handling=lead.report_text,
            doc_no=lead.report_doc_no,
            signer=lead.department.head,
        )


def _errors(session: Session, data: CompletionReportInput, today: date) -> dict[str, str]:
    errors = text_problems(
        {
            "handling": (data.handling, "处理情况"),
            "investigation": (data.investigation, "调查核实情况"),
            "doc_no": (data.doc_no, "文号"),
            "signer": (data.signer, "签发人"),
        },
        ("handling",),
    )
    if len(data.doc_no.strip()) > 60:
        errors["doc_no"] = "文号不能超过60个字"
    if len(data.signer.strip()) > 40:
        errors["signer"] = "签发人不能超过40个字"
    if data.department_id is not None and session.get(Department, data.department_id) is None:
        errors["department_id"] = "承办单位不存在"
    problem = date_problem(data.report_date, today, "报告日期")
    if problem:
        errors["report_date"] = problem
    return errors


def record_completion_report(
    db: Database,
    register_no: str,
    data: CompletionReportInput,
    *,
    actor: Actor,
    today: date | None = None,
    version: int | None = None,
) -> Result[ClosureView]:
    """Record (or correct, while the case is open) the completion report."""
    if why := refusal(actor, Permission.CLOSE):
        return Result.failure({"": why})
    day = today or date.today()

    def change(session: Session, petition: Petition, c: Closure) -> Outcome:
        if petition.status in (CaseStatus.CLOSED, CaseStatus.IN_REVIEW, CaseStatus.FINAL):
            return {"case": f"事项已{petition.status.label}，不能修改办结报告"}
        errors = _errors(session, data, day)
        if errors:
            return errors
        c.department_id, c.report_date = data.department_id, data.report_date
        c.report_handling, c.completion_report = data.handling.strip(), data.investigation.strip()
        c.report_doc_no, c.report_signer = data.doc_no.strip(), data.signer.strip()
        return c, "记录办结报告" + (f"（{c.report_doc_no}）" if c.report_doc_no else "")

    return edit_closure(
        db, register_no, change, actor=actor, action="record_completion_report",
        what="办结报告", done="已记录办结报告", version=version,
    )  # fmt: skip
