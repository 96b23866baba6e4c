"""Shared pieces of the referral services: look-ups, checks, the rule text of a stored
deadline, and settling supervision slips when a unit reports."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from petitiondesk.core import validation
from petitiondesk.core.deadlines import Due, parse_rule_spec
from petitiondesk.core.enums import ReferralStatus, SupervisionStatus
from petitiondesk.core.referral_rules import rule_text
from petitiondesk.store.models import (
    Petition,
    Referral,
    ReferralUnit,
    SupervisionSlip,
)

from ..result import Result
from ..stale import stale_errors

MSG_NO_REFERRAL: Final = "找不到该交办记录"
MSG_NOT_OPEN: Final = "该交办已{status}，不能再办理此项"
LONG_TEXT: Final = 2000


def refuse(errors: dict[str, str], what: str) -> Result[Any]:
    """A failure whose message starts with what was not saved."""
    return Result.failure(errors, f"{what}未保存：" + "；".join(errors.values()))


def text_problems(
    texts: dict[str, tuple[str, str]], required: Iterable[str] = ()
) -> dict[str, str]:
    """``texts``: key → (value, label). Required ones must be filled; all fit
    ``LONG_TEXT`` characters and are storable."""
    errors: dict[str, str] = {}
    need = set(required)
    for key, (value, label) in texts.items():
        problem = (validation.check_required(value, label) if key in need else None) or (
            validation.check_max_length(value.strip(), LONG_TEXT, label)
        )
        if problem is None and validation.has_lone_surrogate(value):
            problem = validation.MSG_UNSTORABLE_TEXT
        if problem:
            errors[key] = problem
    return errors


def date_problem(day: date, today: date, label: str) -> str | None:
    if day > today:
        return f"{label}不能晚于今天"
    return None


def entry_errors(
    texts: dict[str, tuple[str, str]],
    required: Iterable[str],
    dates: dict[str, tuple[date, str]],
    today: date,
) -> dict[str, str]:
    """:func:`text_problems` plus dates (key → (day, label)) that may not be in the future."""
    errors = text_problems(texts, required)
    for key, (day, label) in dates.items():
        problem = date_problem(day, today, label)
        if problem:
            errors[key] = problem
    return errors


def open_unit(
    session: Session, referral_id: int, unit_id: int, *, still_working: bool = False
) -> tuple[Referral, ReferralUnit] | dict[str, str]:
    """The open referral and its handling unit ``unit_id``, or the errors why not.
    ``still_working``: the unit must not have objected or reported already."""
    referral, why = open_referral(session, referral_id)
    if referral is None:
        return {"referral": why}
    unit = unit_of(referral, unit_id)
    if unit is None:
        return {"unit_id": "该单位不是本次交办的承办单位"}
    if still_working and (unit.objected_on is not None or unit.reported_on is not None):
        return {"unit_id": f"{unit.department.name}已回退或已报送办理结果"}
    return referral, unit


def referral_stale(referral: Referral, version: int | None) -> dict[str, str]:
    """The stale-edit refusal if ``referral`` changed since the form loaded ``version``
    (None: no check; issue 14)."""
    return stale_errors(referral, version, f"交办 {referral.referral_no}")


def load_referral(session: Session, referral_id: int) -> Referral | None:
    return session.scalar(
        select(Referral)
        .where(Referral.id == referral_id)
        .options(
            selectinload(Referral.units).joinedload(ReferralUnit.department),
            selectinload(Referral.extensions),
            selectinload(Referral.urges),
        )
    )


def open_referral(session: Session, referral_id: int) -> tuple[Referral | None, str]:
    """The referral if it is still open, else None and why."""
    referral = load_referral(session, referral_id)
    if referral is None:
        return None, MSG_NO_REFERRAL
    if referral.status is not ReferralStatus.OPEN:
        return None, MSG_NOT_OPEN.format(status=referral.status.label)
    return referral, ""


def unit_of(referral: Referral, unit_id: int) -> ReferralUnit | None:
    """The handling unit of ``referral`` for department ``unit_id``."""
    return next((u for u in referral.units if u.department_id == unit_id), None)


def lead_unit(referral: Referral) -> ReferralUnit | None:
    return next((u for u in referral.units if u.lead), None)


def counted_from(start: date, petition: Petition, referred_on: date | None) -> str:
    """How the rule text names the start day: 受理之日, 交办之日 or the date itself."""
    if petition.acceptance_date is not None and start == petition.acceptance_date:
        return "受理之日"
    if referred_on is not None and start == referred_on:
        return "交办之日"
    return f"{start.year}年{start.month}月{start.day}日"


def stored_rule_text(referral: Referral) -> str:
    """The text of the rule a referral's deadline was set with (as first set; a source
    deadline or an extension is described beside it)."""
    try:
        _code, rule = parse_rule_spec(referral.due_rule)
    except ValueError:
        return f"截止 {referral.due_date.isoformat()}"
    first_due = referral.extensions[0].old_due if referral.extensions else referral.due_date
    origin = counted_from(referral.start_date, referral.petition, referral.referred_on)
    text = rule_text(rule, origin, Due(first_due, not referral.due_uncovered, ""))
    if referral.source_due is not None and referral.source_due == first_due:
        text = f"来源单位期限 {first_due.isoformat()}（早于{rule.label}，从其期限）"
    return text


def settle_slips(session: Session, petition_id: int, on: date) -> list[SupervisionSlip]:
    """Close every open slip of the case whose copies are all back once the unit has
    reported (the referral the slip names is answered, or — for a slip without one —
    the case has an answered referral); ``on`` is the day of the latest of the two.
    Returns the slips that closed."""
    slips = session.scalars(
        select(SupervisionSlip).where(
            SupervisionSlip.petition_id == petition_id,
            SupervisionSlip.status.in_((SupervisionStatus.ISSUED, SupervisionStatus.RETURNED)),
        )
    ).all()
    closed: list[SupervisionSlip] = []
    for slip in slips:
        back = all(r.returned for r in slip.recipients)
        if back and slip.status == SupervisionStatus.ISSUED:
            slip.status = SupervisionStatus.RETURNED
            slip.returned_at = max((r.returned_at or on) for r in slip.recipients)
        if back and unit_reported(session, slip):
            slip.status = SupervisionStatus.CLOSED
            slip.closed_on = on
            closed.append(slip)
    return closed


def unit_reported(session: Session, slip: SupervisionSlip) -> bool:
    answered = (ReferralStatus.ANSWERED, ReferralStatus.CLOSED)
    if slip.referral_id is not None:
        referral = session.get(Referral, slip.referral_id)
        return referral is not None and referral.status in answered
    found = session.scalar(
        select(Referral.id).where(
            Referral.petition_id == slip.petition_id, Referral.status.in_(answered)
        )
    )
    return found is not None
