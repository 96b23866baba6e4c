"""Cases from above (上级交办 / 转送, 领导批示件, 12345 热线转办单): the source body, its
document number and its own deadline — which caps the office rule when earlier — and
the report-back to the source (报结), tracked like a unit's report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from petitiondesk.core.enums import CaseSource, ReferralStatus
from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.store.db import Database
from petitiondesk.store.models import Petition, Referral

from .. import audit
from ..acceptance import find_petition
from ..result import Result
from ._common import date_problem, refuse, text_problems


@dataclass
class SourceInput:
    """Field names are the error keys."""

    kind: CaseSource
    body: str = ""  # e.g. 青山市信访局, 12345政务服务便民热线
    doc_no: str = ""  # the source's number, e.g. 青市信交〔2026〕15号, 12345 工单号
    due: date | None = None  # the source's own deadline


@dataclass(frozen=True)
class SourceState:
    register_no: str
    kind: CaseSource
    body: str
    doc_no: str
    due: date | None
    reported_on: date | None
    report_doc_no: str
    report_note: str
    capped_referral: str  # the open referral whose due date the source deadline moved


def _source_errors(data: SourceInput) -> dict[str, str]:
    errors = text_problems({"body": (data.body, "来源单位"), "doc_no": (data.doc_no, "来文编号")})
    if data.kind is not CaseSource.OWN and not data.body.strip():
        errors["body"] = "请填写来源单位"
    if len(data.body.strip()) > 100:
        errors["body"] = "来源单位不能超过100个字"
    if len(data.doc_no.strip()) > 60:
        errors["doc_no"] = "来文编号不能超过60个字"
    return errors


def set_case_source(
    db: Database, register_no: str, data: SourceInput, *, actor: Actor
) -> Result[SourceState]:
    """Record where the case came from. An earlier source deadline also moves the due
    date of the case's open referral (the source's deadline wins when earlier)."""
    if why := refusal(actor, Permission.REFER):
        return Result.failure({"": why})
    errors = _source_errors(data)
    if errors:
        return refuse(errors, "来源信息")
    with db.write() as session:
        petition = find_petition(session, register_no)
        if petition is None:
            return Result.failure({"case": f"找不到登记号为 {register_no} 的信访事项"})
        before = audit.snapshot(petition)
        petition.source_kind = data.kind
        petition.source_body, petition.source_doc_no = data.body.strip(), data.doc_no.strip()
        petition.source_due = data.due
        capped = ""
        referral = session.scalar(
            select(Referral).where(
                Referral.petition_id == petition.id, Referral.status == ReferralStatus.OPEN
            )
        )
        if referral is not None and data.due is not None and data.due < referral.due_date:
            referral.due_date, referral.source_due = data.due, data.due
            referral.due_uncovered = False
            capped = referral.referral_no
        audit.record(
            session, actor=actor, action="set_case_source", entity=petition,
            summary=f"{petition.register_no} 来源：{data.kind.label} {petition.source_body} "
            f"{petition.source_doc_no}",
            before=before,
        )  # fmt: skip
        value = _state(petition, capped)
    return Result.success(value, f"已记录来源：{value.kind.label} {value.body}")


def report_to_source(
    db: Database,
    register_no: str,
    *,
    reported_on: date,
    doc_no: str = "",
    note: str = "",
    actor: Actor,
    today: date | None = None,
) -> Result[SourceState]:
    """Record the office's report-back to the source (向来源单位报结)."""
    if why := refusal(actor, Permission.REFER):
        return Result.failure({"": why})
    today = today or date.today()
    errors = text_problems({"doc_no": (doc_no, "报结文号"), "note": (note, "报结说明")})
    problem = date_problem(reported_on, today, "报结日期")
    if problem:
        errors["reported_on"] = problem
    if errors:
        return refuse(errors, "报结")
    with db.write() as session:
        petition = find_petition(session, register_no)
        if petition is None:
            return Result.failure({"case": f"找不到登记号为 {register_no} 的信访事项"})
        if petition.source_kind is CaseSource.OWN:
            return Result.failure({"case": "该事项不是上级交办或转办的事项，无需向来源单位报结"})
        before = audit.snapshot(petition)
        petition.source_reported_on = reported_on
        petition.source_report_doc_no, petition.source_report_note = doc_no.strip(), note.strip()
        audit.record(
            session, actor=actor, action="report_to_source", entity=petition,
            summary=f"{petition.register_no} 向{petition.source_body}报结 {doc_no.strip()}",
            before=before,
        )  # fmt: skip
        value = _state(petition, "")
    return Result.success(value, f"已记录向{value.body}报结")


def _state(petition: Petition, capped: str) -> SourceState:
    return SourceState(
        petition.register_no, petition.source_kind, petition.source_body,
        petition.source_doc_no, petition.source_due, petition.source_reported_on,
        petition.source_report_doc_no, petition.source_report_note, capped,
    )  # fmt: skip
