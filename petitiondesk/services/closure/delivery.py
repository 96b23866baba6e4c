"""Delivery of the written opinion (送达) and the petitioner's satisfaction (满意度).

Delivery: in person (the petitioner signs; received that day), registered mail
(tracking number and posting date; the day it was received may be entered later with
:func:`record_receipt`), or another recorded method (a note saying how). The 30-day
复查 window starts on the day the petitioner RECEIVES the opinion.

Satisfaction: 满意 / 基本满意 / 不满意, how it was asked (电话/当面/回访单…) and when.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from petitiondesk.core.enums import CaseStatus, DeliveryMethod, Satisfaction, SurveyMethod
from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.store.db import Database
from petitiondesk.store.models import Closure, Petition

from ..result import Result
from ._common import date_problem, text_problems
from ._write import Outcome, edit_closure
from .views import ClosureView

#: After these the delivery is history (the review window ran from it).
_SETTLED = (CaseStatus.IN_REVIEW, CaseStatus.FINAL)


@dataclass
class DeliveryInput:
    """The delivery as the clerk enters it; field names are the error keys."""

    method: DeliveryMethod
    handed_on: date  # signed for (in person) / posted (mail) / sent (other)
    signer: str = ""  # in person: who signed for it
    tracking_no: str = ""  # registered mail
    note: str = ""  # other: how it was delivered
    received_on: date | None = None  # mail / other: when the petitioner received it


def _delivery_errors(data: DeliveryInput, c: Closure, today: date) -> dict[str, str]:
    errors = text_problems(
        {
            "signer": (data.signer, "签收人"),
            "tracking_no": (data.tracking_no, "挂号单号"),
            "note": (data.note, "送达方式说明"),
        },
        {
            DeliveryMethod.IN_PERSON: ("signer",),
            DeliveryMethod.REGISTERED_MAIL: ("tracking_no",),
            DeliveryMethod.OTHER: ("note",),
        }.get(data.method, ()),
    )
    for key, limit in (("signer", 40), ("tracking_no", 40), ("note", 200)):
        if len(getattr(data, key).strip()) > limit and key not in errors:
            errors[key] = f"不能超过{limit}个字"
    if not isinstance(data.method, DeliveryMethod):
        errors["method"] = "请选择送达方式"
    problem = date_problem(data.handed_on, today, "送达日期")
    if problem is None and c.reply_date is not None and data.handed_on < c.reply_date:
        problem = f"送达日期不能早于意见书日期（{c.reply_date.isoformat()}）"
    if problem:
        errors["handed_on"] = problem
    if data.received_on is not None:
        problem = date_problem(data.received_on, today, "收到日期")
        if problem is None and data.received_on < data.handed_on:
            problem = "收到日期不能早于寄出或送出日期"
        if problem:
            errors["received_on"] = problem
    return errors


def record_delivery(
    db: Database,
    register_no: str,
    data: DeliveryInput,
    *,
    actor: Actor,
    today: date | None = None,
    version: int | None = None,
) -> Result[ClosureView]:
    """Record how the numbered opinion reached the petitioner (corrections allowed until
    a 复查 is asked for)."""
    if why := refusal(actor, Permission.CLOSE):
        return Result.failure({"": why})
    day = today or date.today()

    def change(session: Session, petition: Petition, c: Closure) -> Outcome:
        if not c.opinion_no:
            return {"case": "请先保存意见书（编文号）再记录送达"}
        if petition.status in _SETTLED:
            return {"case": f"事项已{petition.status.label}，不能修改送达情况"}
        errors = _delivery_errors(data, c, day)
        if errors:
            return errors
        in_person = data.method is DeliveryMethod.IN_PERSON
        c.delivery_method, c.delivery_posted_on = data.method.value, data.handed_on
        c.delivery_signer = data.signer.strip() if in_person else ""
        c.signed_by_petitioner = in_person
        c.delivery_tracking = (
            data.tracking_no.strip() if data.method is DeliveryMethod.REGISTERED_MAIL else ""
        )
        c.delivery_note = data.note.strip()
        c.delivered_at = data.handed_on if in_person else data.received_on
        text = f"{data.method.label}送达{c.opinion_no}（{data.handed_on.isoformat()}"
        text += f"，单号{c.delivery_tracking}）" if c.delivery_tracking else "）"
        return c, text

    return edit_closure(
        db, register_no, change, actor=actor, action="record_delivery", what="送达情况",
        done="已记录送达情况", version=version,
    )  # fmt: skip


def record_receipt(
    db: Database,
    register_no: str,
    received_on: date,
    *,
    actor: Actor,
    today: date | None = None,
    version: int | None = None,
) -> Result[ClosureView]:
    """Enter the day a mailed (or otherwise sent) opinion was received: the 复查 window
    runs from it."""
    if why := refusal(actor, Permission.CLOSE):
        return Result.failure({"": why})
    day = today or date.today()

    def change(session: Session, petition: Petition, c: Closure) -> Outcome:
        if not c.delivery_method or c.delivery_posted_on is None:
            return {"received_on": "尚未记录送达方式，请先记录送达"}
        if petition.status in _SETTLED:
            return {"case": f"事项已{petition.status.label}，不能修改收到日期"}
        problem = date_problem(received_on, day, "收到日期")
        if problem is None and received_on < c.delivery_posted_on:
            problem = f"收到日期不能早于寄出日期（{c.delivery_posted_on.isoformat()}）"
        if problem:
            return {"received_on": problem}
        c.delivered_at = received_on
        return c, f"信访人收到{c.opinion_no}（{received_on.isoformat()}）"

    return edit_closure(
        db, register_no, change, actor=actor, action="record_opinion_receipt",
        what="收到日期", done="已记录收到日期", version=version,
    )  # fmt: skip


@dataclass
class SatisfactionInput:
    level: Satisfaction
    method: SurveyMethod
    asked_on: date


def record_satisfaction(
    db: Database,
    register_no: str,
    data: SatisfactionInput,
    *,
    actor: Actor,
    today: date | None = None,
    version: int | None = None,
) -> Result[ClosureView]:
    """Record the petitioner's satisfaction (may be asked before or after closing)."""
    if why := refusal(actor, Permission.CLOSE):
        return Result.failure({"": why})
    day = today or date.today()

    def change(session: Session, petition: Petition, c: Closure) -> Outcome:
        errors: dict[str, str] = {}
        if data.level not in (
            Satisfaction.SATISFIED,
            Satisfaction.BASICALLY,
            Satisfaction.UNSATISFIED,
        ):
            errors["level"] = "请选择满意、基本满意或不满意"
        if not isinstance(data.method, SurveyMethod):
            errors["method"] = "请选择回访方式"
        problem = date_problem(data.asked_on, day, "回访日期")
        if problem is None and data.asked_on < petition.received_at.date():
            problem = "回访日期不能早于收到信访事项的日期"
        if problem:
            errors["asked_on"] = problem
        if errors:
            return errors
        c.satisfaction, c.satisfaction_method = data.level, data.method
        c.satisfaction_on = data.asked_on
        return c, f"满意度：{data.level.label}（{data.method.label}，{data.asked_on.isoformat()}）"

    return edit_closure(
        db, register_no, change, actor=actor, action="record_satisfaction", what="满意度",
        done="已记录满意度", version=version,
    )  # fmt: skip
