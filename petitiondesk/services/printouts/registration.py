"""The registration slip (来访登记单) of one case, filled from the register."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from petitiondesk.core.datetext import chinese_datetime
from petitiondesk.store.db import Database

from ..cases import CaseDetail, case_detail, reference_data
from ..result import Result


def registration_slip_values(
    detail: CaseDetail, *, office_name: str, letterhead: str, printed_at: datetime
) -> dict[str, str]:
    """The values of ``forms/registration_slip.toml`` for one case."""
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
    from petitiondesk.printing.form_pdf import render_form_pdf

    render_form_pdf("registration_slip", values, Path(out))  # atomic: nothing half-written
    return Result.success(Path(out), f"已生成来访登记单：{out}")
