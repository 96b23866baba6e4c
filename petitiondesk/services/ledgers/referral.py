"""交办/转送台账: one row per referral made in the period (its number, the case, the
handling unit, the leader's instruction, the deadline and extensions, the answer); read
with one Core query."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.orm import aliased

from petitiondesk.core.masking import mask_phone
from petitiondesk.store.db import Database
from petitiondesk.store.models import (
    Department,
    Extension,
    IssueCategory,
    Leader,
    Petition,
    Petitioner,
    Referral,
)

from ._query import ANONYMOUS, Query, day_range, label, stream, with_case

FORM = "referral_ledger"
TITLE = "交办转送台账"


def query(start: date, end: date) -> Query:
    """The referrals made from ``start`` to ``end`` (the day of the referral; rows from
    before 0004 have only the day the deadline counts from), oldest first."""
    leader = aliased(Leader)
    extensions = (
        select(func.count(Extension.id))
        .where(Extension.referral_id == Referral.id)
        .correlate(Referral)
        .scalar_subquery()
    )
    day = func.coalesce(Referral.referred_on, Referral.start_date)
    columns = select(
        Referral.referral_no,
        day.label("referred_on"),
        Referral.kind,
        Petition.register_no,
        Petitioner.name,
        Petitioner.phone,
        IssueCategory.name.label("category"),
        Petition.summary,
        Department.name.label("department"),
        leader.name.label("instructing_leader"),
        Referral.leader_instruction,
        Referral.due_date,
        extensions.label("extensions"),
        Referral.status,
        Referral.answered_at,
        Referral.answer_text,
    )
    return (
        with_case(columns, Referral.petition_id)
        .join(Department, Referral.department_id == Department.id)
        .outerjoin(leader, Referral.instructing_leader_id == leader.id)
        .where(day_range(day, start, end))
        .order_by(day, Referral.id)
    )


def rows(
    db: Database, start: date, end: date, *, outside: bool = False
) -> Iterator[dict[str, object]]:
    def convert(r: Row[Any]) -> dict[str, object]:
        phone = r.phone or ""
        return {
            "referral_no": r.referral_no,
            "referred_on": r.referred_on,
            "kind": label(r.kind),
            "register_no": r.register_no,
            "name": r.name if r.name is not None else ANONYMOUS,
            "phone": mask_phone(phone) if outside else phone,
            "category": r.category or "",
            "summary": r.summary,
            "department": r.department,
            "instructing_leader": r.instructing_leader or "",
            "leader_instruction": r.leader_instruction,
            "due_date": r.due_date,
            "extensions": f"延期{r.extensions}次" if r.extensions else "",
            "status": label(r.status),
            "answered_at": r.answered_at,
            "answer_text": r.answer_text,
        }

    return stream(db, query(start, end), convert)
