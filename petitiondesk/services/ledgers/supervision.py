"""督办台账: one row per supervision slip (督办单) issued in the period: the case, what is
supervised, the leader's decision, the responsible unit, the deadlines, the return of the
copies and the result; read with one Core query."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import Row, select

from petitiondesk.core.enums import SupervisionStatus
from petitiondesk.store.db import Database
from petitiondesk.store.models import (
    Department,
    IssueCategory,
    Petition,
    Petitioner,
    Referral,
    SupervisionSlip,
)

from ._query import ANONYMOUS, Query, day_range, stored_label, stream, with_case

FORM = "supervision_ledger"
TITLE = "督办台账"


def query(start: date, end: date) -> Query:
    """The slips issued from ``start`` to ``end``, oldest first."""
    slip = SupervisionSlip
    columns = select(
        slip.slip_no,
        slip.issued_at,
        Petition.register_no,
        Petitioner.name,
        IssueCategory.name.label("category"),
        slip.subject,
        slip.leader_decision,
        Department.name.label("department"),
        slip.original_due,
        slip.new_due,
        slip.status,
        slip.returned_at,
        slip.closed_on,
        slip.result,
    )
    return (
        with_case(columns, slip.petition_id)
        .outerjoin(Referral, slip.referral_id == Referral.id)
        .outerjoin(Department, Referral.department_id == Department.id)
        .where(day_range(slip.issued_at, start, end))
        .order_by(slip.issued_at, slip.id)
    )


def rows(
    db: Database, start: date, end: date, *, outside: bool = False
) -> Iterator[dict[str, object]]:
    """``outside`` changes nothing: the ledger shows no ID number or phone."""

    def convert(r: Row[Any]) -> dict[str, object]:
        return {
            "slip_no": r.slip_no,
            "issued_at": r.issued_at,
            "register_no": r.register_no,
            "name": r.name if r.name is not None else ANONYMOUS,
            "category": r.category or "",
            "subject": r.subject,
            "leader_decision": r.leader_decision,
            "department": r.department or "",
            "original_due": r.original_due,
            "new_due": r.new_due,
            "status": stored_label(SupervisionStatus, r.status),
            "returned_at": r.returned_at,
            "closed_on": r.closed_on,
            "result": r.result,
        }

    return stream(db, query(start, end), convert)
