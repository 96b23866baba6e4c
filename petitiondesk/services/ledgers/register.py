"""来信来访登记台账 (all channels): one row per case received in the period, by the
column keys of ``forms/register_ledger.toml``; read with one Core query (the petition,
its petitioner, category, duty leader and the earlier case's number)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import aliased

from petitiondesk.core.enums import AcceptanceDecision, Sex
from petitiondesk.core.masking import mask_id, mask_phone
from petitiondesk.store.db import Database
from petitiondesk.store.models import IssueCategory, Leader, Petition, Petitioner

from ..cases import CaseRow, case_flags
from ._query import ANONYMOUS, Query, moment_range, stream

FORM = "register_ledger"
TITLE = "来信来访登记台账"


@dataclass(frozen=True)
class LedgerExtra:
    """What the ledger shows beyond the case list."""

    acceptance: AcceptanceDecision | None = None
    notice_no: str = ""
    redirect_body: str = ""
    letter_date: date | None = None


def register_ledger_row(
    row: CaseRow, extra: LedgerExtra | None = None, *, outside: bool = False
) -> dict[str, object]:
    """One case as a ledger row, keyed by the ledger's column keys; ``outside``: the ID
    number and phone masked (an export for outside use)."""
    extra = extra or LedgerExtra()
    forwarded = extra.acceptance is AcceptanceDecision.FORWARD
    return {
        "register_no": row.register_no,
        "received_at": row.received_at,
        "channel": row.channel.label,
        "name": row.name,
        "sex": row.sex.label if row.sex.value != "unknown" else "",
        "id_number": mask_id(row.id_number) if outside else row.id_number,
        "phone": mask_phone(row.phone) if outside else row.phone,
        "address": row.address,
        "people_count": row.people_count,
        "category": row.category,
        "place": row.place,
        "summary": row.summary,
        "demands": row.demands,
        "receiving_officer": row.receiving_officer,
        "duty_leader": row.duty_leader,
        "status": row.status.label,
        "acceptance": extra.acceptance.label if extra.acceptance else "",
        "notice_no": extra.notice_no,
        "forwarded_to": extra.redirect_body if forwarded else "",
        "flags": row.flags,
        "letter_date": extra.letter_date,
    }


def query(start: date, end: date) -> Query:
    """The cases received from ``start`` to ``end``, in register order."""
    earlier = aliased(Petition)
    p = Petition
    return (
        select(
            p.id,
            p.register_no,
            p.received_at,
            p.channel,
            Petitioner.name,
            Petitioner.sex,
            Petitioner.id_number,
            Petitioner.phone,
            Petitioner.address,
            p.people_count,
            IssueCategory.name.label("category"),
            p.place,
            p.summary,
            p.demands,
            p.receiving_officer,
            Leader.name.label("duty_leader"),
            p.status,
            earlier.register_no.label("repeat_of"),
            p.is_group,
            p.skipped_level,
            p.urgent,
            p.anonymous,
            p.confidential,
            p.acceptance,
            p.notice_no,
            p.redirect_body,
            p.letter_date,
        )  # fmt: skip
        .outerjoin(Petitioner, p.petitioner_id == Petitioner.id)
        .outerjoin(IssueCategory, p.category_id == IssueCategory.id)
        .outerjoin(Leader, p.duty_leader_id == Leader.id)
        .outerjoin(earlier, p.repeat_of_id == earlier.id)
        .where(moment_range(p.received_at, start, end))
        .order_by(p.id)
    )


def _ledger_row(r: Row[Any], outside: bool) -> dict[str, object]:
    """One query row as a ledger row: what :func:`register_ledger_row` makes of it,
    without building the case list's row first (this runs for every row of a year)."""
    person = r.name is not None
    id_number = (r.id_number or "") if person else ""
    phone = r.phone if person else ""
    acceptance = r.acceptance
    flags = case_flags(
        r.repeat_of, is_group=r.is_group, people_count=r.people_count,
        skipped_level=r.skipped_level, urgent=r.urgent, anonymous=r.anonymous,
        confidential=r.confidential,
    )  # fmt: skip
    return {
        "register_no": r.register_no,
        "received_at": r.received_at,
        "channel": r.channel.label,
        "name": r.name if person else ANONYMOUS,
        "sex": r.sex.label if person and r.sex is not Sex.UNKNOWN else "",
        "id_number": mask_id(id_number) if outside else id_number,
        "phone": mask_phone(phone) if outside else phone,
        "address": r.address if person else "",
        "people_count": r.people_count,
        "category": r.category or "",
        "place": r.place,
        "summary": r.summary,
        "demands": r.demands,
        "receiving_officer": r.receiving_officer,
        "duty_leader": r.duty_leader or "",
        "status": r.status.label,
        "acceptance": acceptance.label if acceptance else "",
        "notice_no": r.notice_no,
        "forwarded_to": r.redirect_body if acceptance is AcceptanceDecision.FORWARD else "",
        "flags": flags,
        "letter_date": r.letter_date,
    }


def rows(
    db: Database, start: date, end: date, *, outside: bool = False
) -> Iterator[dict[str, object]]:
    return stream(db, query(start, end), lambda r: _ledger_row(r, outside))
