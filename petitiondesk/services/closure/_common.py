"""Shared pieces of the closure services: finding the case and its closure row, the
lead unit's report-back, document numbers, input checks."""

from __future__ import annotations

from datetime import date
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from petitiondesk.core.docno import format_doc_no
from petitiondesk.core.enums import ReferralStatus
from petitiondesk.store.counters import allocate_doc_seq
from petitiondesk.store.models import (
    Closure,
    OfficeSettings,
    Petition,
    Referral,
    ReferralUnit,
    ReviewRequest,
)

from ..acceptance import find_petition, input_problems
from ..referrals._common import date_problem, refuse, text_problems

__all__ = [
    "MSG_NO_CASE",
    "answered_referral",
    "case_or_errors",
    "closure_of",
    "date_problem",
    "input_problems",
    "new_doc_no",
    "refuse",
    "reviews_of",
    "text_problems",
]

MSG_NO_CASE: Final = "找不到登记号为 {number} 的信访事项"


def case_or_errors(session: Session, register_no: str) -> Petition | dict[str, str]:
    petition = find_petition(session, register_no)
    if petition is None:
        return {"case": MSG_NO_CASE.format(number=register_no)}
    return petition


def closure_of(session: Session, petition: Petition, *, create: bool = False) -> Closure | None:
    """The case's closure row; a new empty one (added to the session) when ``create``."""
    row = session.scalar(select(Closure).where(Closure.petition_id == petition.id))
    if row is None and create:
        row = Closure(petition=petition)
        session.add(row)
    return row


def answered_referral(session: Session, petition_id: int) -> tuple[Referral, ReferralUnit] | None:
    """The latest answered (or closed) referral of the case and its lead unit."""
    referral = session.scalar(
        select(Referral)
        .where(
            Referral.petition_id == petition_id,
            Referral.status.in_((ReferralStatus.ANSWERED, ReferralStatus.CLOSED)),
        )
        .order_by(Referral.answered_at.desc(), Referral.id.desc())
        .options(selectinload(Referral.units).joinedload(ReferralUnit.department))
        .limit(1)
    )
    if referral is None:
        return None
    lead = next((u for u in referral.units if u.lead), None)
    return (referral, lead) if lead is not None else None


def reviews_of(session: Session, petition_id: int) -> list[ReviewRequest]:
    return list(
        session.scalars(
            select(ReviewRequest)
            .where(ReviewRequest.petition_id == petition_id)
            .order_by(ReviewRequest.requested_at, ReviewRequest.id)
        )
    )


def new_doc_no(session: Session, series: str, word: str, on: date) -> str:
    """The next number of ``series`` in ``on``'s year: the office prefix + ``word``,
    e.g. 青信复〔2026〕3号 (gap-free, inside the caller's write transaction)."""
    office = session.get(OfficeSettings, 1)
    prefix = (office.doc_prefix if office else "") + word
    return format_doc_no(prefix, on.year, allocate_doc_seq(session, series, on.year))
