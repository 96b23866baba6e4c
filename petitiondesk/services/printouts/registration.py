"""The registration slip of one case, filled from the register: each channel has its
own form (来访 / 来信 / 来电 / 网上信访登记单, :data:`SLIP_FORMS`); a confidential
(检举控告) case carries the boxed 保密 mark."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Final

from sqlalchemy.orm import Session

from petitiondesk.core.datetext import chinese_date, chinese_datetime
from petitiondesk.core.enums import Channel
from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.store.db import Database
from petitiondesk.store.models import Petition

from .. import audit
from ..case_view import open_case
from ..cases import CaseDetail, reference_data
from ..result import Result
from .audited import audited_output

#: The slip (form id in ``forms/``) of each channel.
SLIP_FORMS: Final = {
    Channel.VISIT: "registration_slip",
    Channel.LETTER: "registration_slip_letter",
    Channel.PHONE: "registration_slip_phone",
    Channel.ONLINE: "registration_slip_online",
}
#: The boxed mark of a confidential (检举控告) case's slip.
SECRECY_MARK: Final = "保密"


def registration_slip_values(
    detail: CaseDetail, *, office_name: str, letterhead: str, printed_at: datetime
) -> dict[str, str]:
    """The values of the slips in :data:`SLIP_FORMS` for one case (every slip's keys;
    each slip prints the ones it names)."""
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
        "letter_date": chinese_date(detail.letter_date) if detail.letter_date else "",
        "postmark": detail.postmark,
        "online_channel": "",  # not kept in the register: left blank to fill in by hand
        "secrecy_mark": SECRECY_MARK if detail.confidential else "",
    }


def print_registration(
    db: Database,
    register_no: str,
    out: Path,
    *,
    actor: Actor,
    now: datetime | None = None,
) -> Result[Path]:
    """The registration slip of one case (the form of its channel) as PDF at ``out``;
    the print is recorded in the audit log (``print_registration_slip``)."""
    if why := refusal(actor, Permission.PRINT):
        return Result.failure({"": why})
    opened = open_case(db, register_no, actor=actor)  # a leader: only the cases it owns
    if not opened.ok or opened.value is None:
        return Result.failure(opened.errors, opened.message)
    detail = opened.value
    ref = reference_data(db)
    values = registration_slip_values(
        detail,
        office_name=ref.office_name,
        letterhead=ref.letterhead,
        printed_at=now or datetime.now(),
    )
    from petitiondesk.printing.form_pdf import render_form_pdf
    from petitiondesk.printing.formload import load_form

    spec = load_form(SLIP_FORMS[detail.row.channel])
    used = {key: value for key, value in values.items() if key in spec.fields}

    def record(session: Session) -> None:
        petition = session.get(Petition, detail.row.id)
        assert petition is not None
        audit.record_print(
            session,
            actor=actor,
            form="registration_slip",
            entity=petition,
            label=spec.title,
            out=out,
        )

    with audited_output(db, out, record) as tmp:  # atomic: nothing half-written
        render_form_pdf(spec, used, tmp)
    return Result.success(Path(out), f"已生成{spec.title}：{out}")
