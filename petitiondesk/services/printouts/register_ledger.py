"""The registration ledger (来信来访登记台账): one row per case, by the column keys of
``forms/register_ledger.toml``.

The case list (:class:`CaseRow`) has no acceptance decision, notice number, forwarding
body or letter date: they are read here from the register (:class:`LedgerExtra`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from petitiondesk.core.enums import AcceptanceDecision, CaseStatus
from petitiondesk.core.identity import Actor
from petitiondesk.core.masking import mask_id, mask_phone
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.store.db import Database
from petitiondesk.store.models import Petition

from .. import audit
from ..cases import CaseRow, iter_cases, reference_data
from ..result import Result
from .audited import audited_output

LEDGER = "register_ledger"


@dataclass(frozen=True)
class LedgerExtra:
    """What the ledger shows beyond the case list."""

    acceptance: AcceptanceDecision | None = None
    notice_no: str = ""
    redirect_body: str = ""
    letter_date: date | None = None


def ledger_extras(db: Database, year: int) -> dict[int, LedgerExtra]:
    """:class:`LedgerExtra` of every case of ``year``, by petition id (four small columns
    per case, read in one query)."""
    stmt = select(
        Petition.id,
        Petition.acceptance,
        Petition.notice_no,
        Petition.redirect_body,
        Petition.letter_date,
    ).where(Petition.year == year)
    with db.read() as session:
        return {
            pid: LedgerExtra(decision, notice_no, body, letter_date)
            for pid, decision, notice_no, body, letter_date in session.execute(stmt)
        }


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


def export_register(
    db: Database,
    year: int,
    out: Path,
    *,
    status: CaseStatus | None = None,
    progress: Callable[[int], None] | None = None,
    actor: Actor,
    outside: bool = False,
) -> Result[int]:
    """The registration ledger (来信来访登记台账) of one year as xlsx; returns the row count.
    ``outside``: for outside use, ID numbers and phones masked (the office's own copy keeps
    them). The export is recorded in the audit log (``export_register_ledger``), with its
    use (对外 / 内部)."""
    if why := refusal(actor, Permission.EXPORT):
        return Result.failure({"": why})
    from petitiondesk.printing.ledger_xlsx import load_ledger_columns, write_ledger_xlsx

    columns = load_ledger_columns(LEDGER)
    ref = reference_data(db)
    title = f"{ref.office_name} {year}年来信来访登记台账"
    extras = ledger_extras(db, year)
    rows = (
        register_ledger_row(r, extras.get(r.id), outside=outside)
        for r in iter_cases(db, year=year, status=status)
    )
    written: list[int] = []

    def record(session: Session) -> None:
        label = f"{year}年来信来访登记台账"
        audit.record_export(
            session,
            actor=actor,
            ledger=LEDGER,
            label=label,
            out=out,
            count=written[0],
            outside=outside,
        )

    with audited_output(db, Path(out), record) as tmp:  # atomic
        written.append(write_ledger_xlsx(tmp, title, columns, rows, progress=progress))
    count = written[0]
    return Result.success(count, f"已导出 {count} 条登记：{out}")
