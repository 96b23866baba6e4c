"""The 督办单 of a case (八单督办, seed 000 篇3) as ONE PDF: one sheet per recipient —
the slip numbered "第N联 共M联" naming its recipient, with the return slip (回执) to cut
off and send back (``forms/supervision_slip.toml``) — then the office's stub (存根,
``forms/supervision_stub.toml``), the last 联.

Confidentiality: every recipient's copy takes the petitioner from
:func:`~petitiondesk.services.referrals.unit_view` (redacted for a confidential case,
with the note); only the stub, which stays in the office, takes
:func:`~petitiondesk.services.referrals.office_view`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from petitiondesk.core.datetext import chinese_date
from petitiondesk.store.db import Database

from ..referrals import RecipientView, SupervisionView, case_supervision
from ..result import Result
from .referral_case import PrintCase, not_found, office_values, person_values, pick, read_case

STUB_LABEL = "存根"


def _day(day: date | None) -> str:
    return chinese_date(day) if day is not None else "—"


def recipient_text(r: RecipientView) -> str:
    """``县委书记 张三`` / ``责任单位 青山县民政局``."""
    return " ".join(part for part in (r.role, r.name or r.unit) if part)


def copy_label(position: int, copies: int) -> str:
    return f"第{position}联 共{copies}联"


def _common(case: PrintCase, slip: SupervisionView, *, office: bool) -> dict[str, str]:
    """The values every sheet of the slip shares; ``office``: the stub's full view."""
    person = person_values(case.office if office else case.unit)
    return {
        **office_values(case.heading),
        "slip_no": slip.slip_no,
        "register_no": slip.register_no,
        "referral_no": slip.referral_no or "—",
        "unit": slip.unit or "—",
        "name": person["name"],
        "category": person["category"],
        "summary": person["summary"],
        "subject": slip.subject,
        "leader_decision": slip.leader_decision,
        "original_due": _day(slip.original_due),
        "new_due": _day(slip.new_due),
        "issued_date": chinese_date(slip.issued_on),
    }


def recipient_copy_values(
    case: PrintCase, slip: SupervisionView, r: RecipientView
) -> dict[str, str]:
    """One recipient's sheet (slip + 回执): the petitioner from the unit's view."""
    copies = len(slip.recipients) + 1
    return {
        **_common(case, slip, office=False),
        "copy_label": copy_label(r.position, copies),
        "recipient": recipient_text(r),
        "office_phone": case.heading.phone,
        "redaction_note": case.unit.note,
    }


def stub_values(case: PrintCase, slip: SupervisionView) -> dict[str, str]:
    """The office's stub: the petitioner in full, every recipient and its return."""
    copies = len(slip.recipients) + 1
    lines = [
        f"第{r.position}联  {recipient_text(r)}  "
        + (f"回执已收（{chinese_date(r.returned_on)}）" if r.returned_on else "回执未收")
        for r in slip.recipients
    ]
    return {
        **_common(case, slip, office=True),
        "copy_label": f"{copy_label(copies, copies)} {STUB_LABEL}",
        "phone": case.office.phone,
        "id_number": case.office.id_number,
        "address": case.office.address,
        "recipients": "\n".join(lines),
        "confidential_note": "本件为检举控告件，本存根留办公室存档，不得外送。"
        if case.office.confidential
        else "",
    }


def print_supervision_slips(
    db: Database, register_no: str, out: Path, *, slip_no: str | None = None
) -> Result[Path]:
    """The case's latest 督办单 (or ``slip_no``) as one PDF: a sheet per recipient, then
    the stub."""
    case = read_case(db, register_no)
    if case is None:
        return not_found(register_no)
    slip = pick(case_supervision(db, case.petition_id), lambda s: s.slip_no, slip_no)
    if slip is None:
        which = f"督办单 {slip_no}" if slip_no else "督办单"
        return Result.failure({"case": f"{case.register_no} 没有{which}"})
    sheets: list[tuple[str, dict[str, str]]] = [
        ("supervision_slip", recipient_copy_values(case, slip, r)) for r in slip.recipients
    ]
    sheets.append(("supervision_stub", stub_values(case, slip)))
    from petitiondesk.printing.cards_pdf import render_card_sheets_pdf

    render_card_sheets_pdf(sheets, Path(out))
    count = len(slip.recipients)
    return Result.success(Path(out), f"已生成督办单 {slip.slip_no}（{count}联及存根）：{out}")
