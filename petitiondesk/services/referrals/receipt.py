"""A handling unit signs for a referral (签收: who, when); its objection window starts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.core.referral_rules import objection_deadline
from petitiondesk.store.db import Database

from .. import audit
from ..calendar import load_calendar, office_rule
from ..result import Result
from ._common import entry_errors, open_unit, referral_stale, refuse


@dataclass(frozen=True)
class ReceiptOutcome:
    referral_id: int
    referral_no: str
    unit: str
    received_on: date
    received_by: str
    objection_due: date  # the last day the unit may object (5 working days, Art. 23)


def record_receipt(
    db: Database,
    referral_id: int,
    unit_id: int,
    *,
    received_on: date,
    received_by: str,
    actor: Actor,
    today: date | None = None,
    version: int | None = None,
) -> Result[ReceiptOutcome]:
    """Record that unit ``unit_id`` received the referral; a receipt is recorded once.
    ``version``: the referral's version the form was loaded with (None: no check)."""
    if why := refusal(actor, Permission.REFER):
        return Result.failure({"": why})
    today = today or date.today()
    errors = entry_errors(
        {"received_by": (received_by, "签收人")}, ("received_by",),
        {"received_on": (received_on, "签收日期")}, today,
    )  # fmt: skip
    if errors:
        return refuse(errors, "签收")
    with db.write() as session:
        found = open_unit(session, referral_id, unit_id)
        if isinstance(found, dict):
            return Result.failure(found)
        referral, unit = found
        if unit.received_on is not None:
            return Result.failure(
                {"unit_id": f"{unit.department.name}已于 {unit.received_on.isoformat()} 签收"}
            )
        if stale := referral_stale(referral, version):
            return Result.failure(stale)
        if referral.referred_on is not None and received_on < referral.referred_on:
            return Result.failure({"received_on": "签收日期不能早于交办日期"})
        before = audit.snapshot(unit)
        unit.received_on, unit.received_by = received_on, received_by.strip()
        due = objection_deadline(
            load_calendar(session), received_on, office_rule(session, "referral_objection")
        )
        unit.objection_due = due.due
        audit.record(
            session, actor=actor, action="receive_referral", entity=unit,
            summary=f"{referral.referral_no} {unit.department.name} 签收（{unit.received_by}）",
            before=before,
        )  # fmt: skip
        value = ReceiptOutcome(
            referral.id, referral.referral_no, unit.department.name,
            received_on, unit.received_by, due.due,
        )  # fmt: skip
    return Result.success(value, f"{value.unit}已签收 {value.referral_no}")
