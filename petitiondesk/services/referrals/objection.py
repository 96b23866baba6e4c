"""A handling unit objects that the matter is not its own (回退, 信访工作条例 Art. 23 ¶3).

The window is 5 working days from receipt (office rule ``referral_objection``; without a
recorded receipt, from the day of the referral). A late objection is recorded and
flagged. When the lead unit objects the referral ends (已回退) and the case returns to
the clerk's queue as 待重新交办; the next referral starts a new deadline. A co-handler's
objection is recorded and the referral goes on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from petitiondesk.core.enums import CaseStatus, ReferralStatus
from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.core.referral_rules import ART23_OBJECTION, check_objection
from petitiondesk.store.db import Database

from .. import audit
from ..calendar import load_calendar, office_rule
from ..result import Result
from ._common import entry_errors, open_unit, referral_stale, refuse


@dataclass(frozen=True)
class ObjectionOutcome:
    referral_id: int
    referral_no: str
    unit: str
    objected_on: date
    window_end: date  # the last day of the 5-working-day window
    late: bool
    referral_ended: bool  # the lead unit objected: the case awaits a new referral
    case_status: CaseStatus


def object_referral(
    db: Database,
    referral_id: int,
    unit_id: int,
    *,
    objected_on: date,
    reason: str,
    actor: Actor,
    today: date | None = None,
    version: int | None = None,
) -> Result[ObjectionOutcome]:
    """``version``: the referral's version the form was loaded with (None: no check)."""
    if why := refusal(actor, Permission.REFER):
        return Result.failure({"": why})
    today = today or date.today()
    errors = entry_errors(
        {"reason": (reason, "回退理由")}, ("reason",),
        {"objected_on": (objected_on, "回退日期")}, today,
    )  # fmt: skip
    if errors:
        return refuse(errors, "回退")
    with db.write() as session:
        found = open_unit(session, referral_id, unit_id, still_working=True)
        if isinstance(found, dict):
            return Result.failure(found)
        referral, unit = found
        if stale := referral_stale(referral, version):
            return Result.failure(stale)
        received = unit.received_on or referral.referred_on or referral.start_date
        if objected_on < received:
            return Result.failure({"objected_on": "回退日期不能早于签收日期"})
        check = check_objection(
            load_calendar(session), received, objected_on,
            office_rule(session, "referral_objection"),
        )  # fmt: skip
        before = audit.snapshot(unit)
        unit.objected_on, unit.objection_reason = objected_on, reason.strip()
        unit.objection_due, unit.objection_late = check.deadline.due, check.late
        petition = referral.petition
        if unit.lead:
            referral.status = ReferralStatus.OBJECTED
            petition.status = CaseStatus.REREFER
        late = "（逾期提出）" if check.late else ""
        audit.record(
            session, actor=actor, action="object_referral", entity=unit,
            summary=f"{referral.referral_no} {unit.department.name} 回退{late}：{reason.strip()}",
            before=before,
        )  # fmt: skip
        value = ObjectionOutcome(
            referral.id, referral.referral_no, unit.department.name, objected_on,
            check.deadline.due, check.late, unit.lead, petition.status,
        )  # fmt: skip
    text = f"已记录{value.unit}的回退"
    if value.referral_ended:
        text += "，该事项待重新交办"
    if value.late:
        text += f"；异议期限至 {value.window_end.isoformat()}，本次回退已逾期（{ART23_OBJECTION}）"
    return Result.success(value, text)
