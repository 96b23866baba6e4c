"""The registration ledger (来信来访登记台账): one row per case, by the column keys of
``forms/register_ledger.toml``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from petitiondesk.core.enums import CaseStatus
from petitiondesk.store.db import Database

from ..cases import CaseRow, iter_cases, reference_data
from ..result import Result

LEDGER = "register_ledger"


def register_ledger_row(row: CaseRow) -> dict[str, object]:
    """One case as a ledger row, keyed by the ledger's column keys."""
    return {
        "register_no": row.register_no,
        "received_at": row.received_at,
        "channel": row.channel.label,
        "name": row.name,
        "sex": row.sex.label if row.sex.value != "unknown" else "",
        "id_number": row.id_number,
        "phone": row.phone,
        "address": row.address,
        "people_count": row.people_count,
        "category": row.category,
        "place": row.place,
        "summary": row.summary,
        "demands": row.demands,
        "receiving_officer": row.receiving_officer,
        "duty_leader": row.duty_leader,
        "status": row.status.label,
        "repeat": row.repeat_of,
    }


def export_register(
    db: Database,
    year: int,
    out: Path,
    *,
    status: CaseStatus | None = None,
    progress: Callable[[int], None] | None = None,
) -> Result[int]:
    """The registration ledger (来信来访登记台账) of one year as xlsx; returns the row count."""
    from petitiondesk.printing.ledger_xlsx import load_ledger_columns, write_ledger_xlsx

    columns = load_ledger_columns(LEDGER)
    ref = reference_data(db)
    title = f"{ref.office_name} {year}年来信来访登记台账"
    rows = (register_ledger_row(r) for r in iter_cases(db, year=year, status=status))
    count = write_ledger_xlsx(Path(out), title, columns, rows, progress=progress)  # atomic
    return Result.success(count, f"已导出 {count} 条登记：{out}")
