"""The acceptance notice of one case (受理告知书 / 不予受理告知书 / 转送告知书, 一式二份).

Data only: the wording comes from :mod:`petitiondesk.core.acceptance`, the layout from
``forms/acceptance_notice.toml`` and ``forms/rejection_notice.toml`` via
:mod:`petitiondesk.printing`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from petitiondesk.core.acceptance import notice_text
from petitiondesk.core.datetext import chinese_date
from petitiondesk.core.enums import AcceptanceDecision
from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.store.db import Database
from petitiondesk.store.models import DeadlineRule, Petition

from .. import audit
from ..acceptance import find_petition
from ..case_view import case_access
from ..result import Result
from .audited import audited_output
from .office import office_heading

#: The two copies of a notice (一式二份), in print order.
COPY_LABELS: Final = ("第一联（信访人联）", "第二联（存档联）")
#: The copy the office keeps: it carries the petitioner's 签收 line.
ARCHIVE_COPY: Final = 1


def two_copies(values: Mapping[str, str]) -> list[dict[str, str]]:
    """一式二份: 信访人联 and 存档联 (the latter flagged ``archive_copy``)."""
    return [
        {**values, "copy_label": label, "archive_copy": "1" if index == ARCHIVE_COPY else ""}
        for index, label in enumerate(COPY_LABELS)
    ]


def _handling_days(session: Session) -> int:
    rule = session.scalar(select(DeadlineRule).where(DeadlineRule.code == "handling"))
    return rule.days if rule is not None else 60


def notice_values(session: Session, petition: Petition) -> tuple[str, dict[str, str]]:
    """The form id and the values (without ``copy_label``) of the petition's notice."""
    assert petition.acceptance is not None and petition.acceptance_date is not None
    office = office_heading(session)
    name = petition.petitioner.name if petition.petitioner else "信访人"
    text = notice_text(
        decision=petition.acceptance,
        reason=petition.rejection_reason,
        redirect_body=petition.redirect_body,
        name=name,
        received_on=petition.received_at.date(),
        channel_label=petition.channel.label,
        register_no=petition.register_no,
        handling_days=_handling_days(session),
    )
    values = {
        "office_name": office.name,
        "letterhead": office.letterhead,
        "office_address": office.address,
        "office_phone": office.phone,
        "notice_title": text.title,
        "notice_no": petition.notice_no,
        "name": name,
        "register_no": petition.register_no,
        "received_date": chinese_date(petition.received_at.date()),
        "channel": petition.channel.label,
        "summary": petition.summary,
        "decision": text.decision,
        "basis": text.basis,
        "body": text.body,
        "decided_date": chinese_date(petition.acceptance_date),
    }
    if petition.acceptance is AcceptanceDecision.ACCEPT:
        return "acceptance_notice", values
    values["redirect"] = text.redirect or "—"
    return "rejection_notice", values


def print_acceptance_notice(
    db: Database,
    register_no: str,
    out: Path,
    *,
    actor: Actor,
    now: datetime | None = None,
) -> Result[Path]:
    """The case's acceptance notice as one PDF with two copies (信访人联 + 存档联);
    records when it was printed (petition.notice_printed_at, audit row)."""
    if why := refusal(actor, Permission.PRINT):
        return Result.failure({"": why})
    with db.read() as session:
        petition = find_petition(session, register_no)
        if petition is None:
            return Result.failure({"case": f"找不到登记号为 {register_no} 的信访事项"})
        why, _hide = case_access(session, actor, petition)  # a leader: its own cases
        if why:  # (the notice is the petitioner's own paper: printed in full)
            return Result.failure({"": why})
        if petition.acceptance is None:
            return Result.failure(
                {"case": f"{petition.register_no} 尚未作出受理决定，不能打印告知书"}
            )
        form_id, values = notice_values(session, petition)
        petition_id, title = petition.id, values["notice_title"]
    copies = two_copies(values)
    from petitiondesk.printing.form_pdf import render_form_copies_pdf

    def record(session: Session) -> None:
        row = session.get(Petition, petition_id)
        assert row is not None
        before = audit.snapshot(row)
        row.notice_printed_at = (now or datetime.now()).replace(microsecond=0)
        audit.record(
            session,
            actor=actor,
            action="print_acceptance_notice",
            entity=row,
            summary=f"{row.register_no} 打印{title} {row.notice_no}",
            before=before,
        )

    # The notice appears only once its printing is recorded in the register.
    with audited_output(db, Path(out), record) as tmp:
        render_form_copies_pdf(form_id, copies, tmp)
    return Result.success(Path(out), f"已生成{title}（一式二份）：{out}")
