"""A handling unit reports its result (办理结果: text, document number, date, attachment).

The lead unit's report ends the referral (已答复) and moves the case on to closure
(CaseStatus.ANSWERED, 承办单位已答复，待办结); supervision slips whose copies are all back
close with it (存档销案 is then offered). A co-handler's report is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from petitiondesk.core.enums import CaseStatus, ReferralStatus
from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.store.db import Database

from .. import audit
from ..result import Result
from ._common import entry_errors, open_unit, referral_stale, refuse, settle_slips


@dataclass
class ReportInput:
    """The unit's report as the clerk enters it; field names are the error keys."""

    text: str
    reported_on: date
    doc_no: str = ""  # the unit's document number, e.g. 青住建〔2026〕8号
    attachment_path: str = ""  # the scanned report (a path; services.attachments copies)
    #: The referral's version the form was loaded with (None: no check; issue 14).
    version: int | None = None


@dataclass(frozen=True)
class ReportOutcome:
    referral_id: int
    referral_no: str
    unit: str
    lead: bool
    referral_status: ReferralStatus
    case_status: CaseStatus
    closed_slips: tuple[str, ...]  # 督办单 numbers closed by this report


def _input_errors(data: ReportInput, today: date) -> dict[str, str]:
    errors = entry_errors(
        {
            "text": (data.text, "办理结果"),
            "doc_no": (data.doc_no, "文号"),
            "attachment_path": (data.attachment_path, "附件"),
        },
        ("text",),
        {"reported_on": (data.reported_on, "报送日期")},
        today,
    )
    if len(data.doc_no.strip()) > 60:
        errors["doc_no"] = "文号不能超过60个字"
    if len(data.attachment_path.strip()) > 400:
        errors["attachment_path"] = "附件路径过长"
    return errors


def report_back(
    db: Database,
    referral_id: int,
    unit_id: int,
    data: ReportInput,
    *,
    actor: Actor,
    today: date | None = None,
) -> Result[ReportOutcome]:
    if why := refusal(actor, Permission.REFER):
        return Result.failure({"": why})
    today = today or date.today()
    errors = _input_errors(data, today)
    if errors:
        return refuse(errors, "办理结果")
    with db.write() as session:
        found = open_unit(session, referral_id, unit_id, still_working=True)
        if isinstance(found, dict):
            return Result.failure(found)
        referral, unit = found
        if stale := referral_stale(referral, data.version):
            return Result.failure(stale)
        if referral.referred_on is not None and data.reported_on < referral.referred_on:
            return Result.failure({"reported_on": "报送日期不能早于交办日期"})
        before = audit.snapshot(referral)
        unit.reported_on, unit.report_text = data.reported_on, data.text.strip()
        unit.report_doc_no = data.doc_no.strip()
        unit.report_attachment = data.attachment_path.strip()
        petition = referral.petition
        closed: list[str] = []
        if unit.lead:
            referral.status = ReferralStatus.ANSWERED
            referral.answered_at, referral.answer_text = data.reported_on, unit.report_text
            petition.status = CaseStatus.ANSWERED
            session.flush()
            closed = [s.slip_no for s in settle_slips(session, petition.id, data.reported_on)]
        audit.record(
            session, actor=actor, action="report_referral", entity=referral,
            summary=f"{referral.referral_no} {unit.department.name} 报送办理结果"
            + (f"（{unit.report_doc_no}）" if unit.report_doc_no else ""),
            before=before,
        )  # fmt: skip
        value = ReportOutcome(
            referral.id, referral.referral_no, unit.department.name, unit.lead,
            referral.status, petition.status, tuple(closed),
        )  # fmt: skip
    text = f"已记录{value.unit}的办理结果"
    if value.lead:
        text += "，该事项转入办结"
    if value.closed_slips:
        text += f"；督办单 {'、'.join(value.closed_slips)} 已办结，可存档销案"
    return Result.success(value, text)
