"""办结台账: one row per case closed in the period: the case, the handling unit and its
report, the written opinion (信访处理意见书) and its delivery, satisfaction, the day it
closed and how many days it took; read with one Core query."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import Row, select

from petitiondesk.core.enums import DeliveryMethod
from petitiondesk.core.masking import mask_phone
from petitiondesk.store.db import Database
from petitiondesk.store.models import Closure, Department, IssueCategory, Petition, Petitioner

from ._query import ANONYMOUS, Query, label, moment_range, stored_label, stream, with_case

FORM = "closure_ledger"
TITLE = "办结台账"


def query(start: date, end: date) -> Query:
    """The cases closed from ``start`` to ``end`` (and not reopened), in closing order."""
    c = Closure
    columns = select(
        Petition.register_no,
        Petition.received_at,
        Petitioner.name,
        Petitioner.phone,
        IssueCategory.name.label("category"),
        Petition.summary,
        Department.name.label("department"),
        c.report_doc_no,
        c.opinion_no,
        c.opinion_decision,
        c.reply_date,
        c.delivery_method,
        c.delivered_at,
        c.satisfaction,
        c.closed_at,
        c.archived_on,
    )
    return (
        with_case(columns, c.petition_id)
        .outerjoin(Department, c.department_id == Department.id)
        .where(c.closed_at.is_not(None), moment_range(c.closed_at, start, end))
        .order_by(c.closed_at, c.id)
    )


def rows(
    db: Database, start: date, end: date, *, outside: bool = False
) -> Iterator[dict[str, object]]:
    def convert(r: Row[Any]) -> dict[str, object]:
        phone = r.phone or ""
        return {
            "register_no": r.register_no,
            "received_at": r.received_at,
            "name": r.name if r.name is not None else ANONYMOUS,
            "phone": mask_phone(phone) if outside else phone,
            "category": r.category or "",
            "summary": r.summary,
            "department": r.department or "",
            "report_doc_no": r.report_doc_no,
            "opinion_no": r.opinion_no,
            "opinion_decision": label(r.opinion_decision),
            "reply_date": r.reply_date,
            "delivery": stored_label(DeliveryMethod, r.delivery_method),
            "delivered_at": r.delivered_at,
            "satisfaction": label(r.satisfaction),
            "closed_at": r.closed_at,
            "days": (r.closed_at.date() - r.received_at.date()).days,
            "archived_on": r.archived_on,
        }

    return stream(db, query(start, end), convert)
