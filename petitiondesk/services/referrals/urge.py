"""Urging (催办): a one-click reminder record per referral, kept in its history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from petitiondesk.core.enums import UrgeMethod
from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.store.db import Database
from petitiondesk.store.models import ReferralUrge

from .. import audit
from ..result import Result
from ._common import (
    date_problem,
    lead_unit,
    open_referral,
    referral_stale,
    refuse,
    text_problems,
)


@dataclass(frozen=True)
class UrgeView:
    urge_id: int
    referral_id: int
    referral_no: str
    unit: str
    urged_on: date
    method: UrgeMethod
    note: str
    actor: str


def urge_referral(
    db: Database,
    referral_id: int,
    *,
    urged_on: date,
    method: UrgeMethod,
    note: str = "",
    actor: Actor,
    today: date | None = None,
    version: int | None = None,
) -> Result[UrgeView]:
    """``version``: the referral's version the form was loaded with (None: no check)."""
    if why := refusal(actor, Permission.REFER):
        return Result.failure({"": why})
    today = today or date.today()
    errors = text_problems({"note": (note, "催办说明")})
    problem = date_problem(urged_on, today, "催办日期")
    if problem:
        errors["urged_on"] = problem
    if not isinstance(method, UrgeMethod):
        errors["method"] = "请选择催办方式"
    if errors:
        return refuse(errors, "催办")
    with db.write() as session:
        referral, why = open_referral(session, referral_id)
        if referral is None:
            return Result.failure({"referral": why})
        if stale := referral_stale(referral, version):
            return Result.failure(stale)
        urge = ReferralUrge(urged_on=urged_on, method=method, note=note.strip(), actor=actor[:40])
        referral.urges.append(urge)
        lead = lead_unit(referral)
        unit = lead.department.name if lead else referral.department.name
        audit.record(
            session, actor=actor, action="urge_referral", entity=urge,
            summary=f"{referral.referral_no} 催办{unit}（{method.label}）",
        )  # fmt: skip
        value = UrgeView(
            urge.id, referral.id, referral.referral_no, unit, urged_on, method, urge.note, actor
        )
    return Result.success(value, f"已记录催办：{value.referral_no}（{method.label}）")
