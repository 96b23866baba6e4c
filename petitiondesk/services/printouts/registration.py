"""Printed forms and ledgers from the register (data → printing/, never layout here)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from petitiondesk.core.datetext import chinese_datetime
from petitiondesk.core.enums import CaseStatus
from petitiondesk.printing.form_pdf import render_form_pdf
from petitiondesk.printing.ledger_xlsx import load_ledger_columns, write_ledger_xlsx
from petitiondesk.store.db import Database

from .cases import CaseDetail, CaseRow, case_detail, iter_cases, reference_data
from .result import Result


def registration_slip_values(
    detail: CaseDetail, *, office_name: str, letterhead: str, printed_at: datetime
) -> dict[str, str]:
    row = detail.row
    return {
        "office_name": office_name,
        "letterhead": letterhead or office_name,
        "register_no": row.register_no,
        "received_at": chinese_datetime(row.received_at),
        "channel": row.channel.label,
        "name": row.name,
        "sex": row.sex.label if row.sex.value != "unknown" else "",
        "id_number": row.id_number,
        "phone": row.phone,
        "address": row.address,
        "work_unit": detail.work_unit,
        "people_count": str(row.people_count),
        "representatives": "、".join(detail.representatives),
        "category": row.category,
        "place": row.place,
        "summary": row.summary,
        "demands": row.demands,
        "receiving_officer": row.receiving_officer,
        "duty_leader": row.duty_leader,
        "handling_opinion": detail.handling_opinion,
        "result": detail.result,
        "flags": row.flags,
        "printed_at": chinese_datetime(printed_at),
    }


def print_registration(
    db: Database, register_no: str, out: Path, *, now: datetime | None = None
) -> Result[Path]:
    """The 来访登记单 of one case as PDF at ``out``."""
    detail = case_detail(db, register_no)
    if detail is None:
        return Result.failure({"case": f"找不到登记号为 {register_no} 的信访事项"})
    ref = reference_data(db)
    values = registration_slip_values(
        detail,
        office_name=ref.office_name,
        letterhead=ref.letterhead,
        printed_at=now or datetime.now(),
    )
    render_form_pdf("registration_slip", values, Path(out))  # atomic: nothing half-written
    return Result.success(Path(out), f"已生成来访登记单：{out}")


def _ledger_cells(row: CaseRow) -> list[object]:
    return [
        row.register_no,
        row.received_at,
        row.channel.label,
        row.name,
        row.sex.label if row.sex.value != "unknown" else "",
        row.id_number,
        row.phone,
        row.address,
        row.people_count,
        row.category,
        row.place,
        row.summary,
        row.demands,
        row.receiving_officer,
        row.duty_leader,
        row.status.label,
        row.repeat_of,
    ]


def export_register(
    db: Database,
    year: int,
    out: Path,
    *,
    status: CaseStatus | None = None,
    progress: Callable[[int], None] | None = None,
) -> Result[int]:
    """The registration ledger (来信来访登记台账) of one year as xlsx; returns the row count."""
    columns = load_ledger_columns("register_ledger")
    ref = reference_data(db)
    title = f"{ref.office_name} {year}年来信来访登记台账"
    rows = (_ledger_cells(r) for r in iter_cases(db, year=year, status=status))
    count = write_ledger_xlsx(Path(out), title, columns, rows, progress=progress)  # atomic
    return Result.success(count, f"已导出 {count} 条登记：{out}")
