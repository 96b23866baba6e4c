"""The conversation record (接谈记录) of one case, from its saved record."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from petitiondesk.core.datetext import chinese_datetime
from petitiondesk.core.enums import Sex
from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.store.db import Database
from petitiondesk.store.models import Petition

from .. import audit
from ..acceptance import find_petition
from ..case_view import case_access, redacted_form
from ..conversations import ConversationInfo, conversation_record
from ..result import Result
from .audited import audited_output
from .office import office_heading


def conversation_record_values(
    session: Session, petition: Petition, record: ConversationInfo
) -> dict[str, str]:
    """The values of ``forms/conversation_record.toml`` for one case."""
    office = office_heading(session)
    person = petition.petitioner
    return {
        "office_name": office.name,
        "letterhead": office.letterhead,
        "register_no": petition.register_no,
        "held_at": chinese_datetime(record.held_at),
        "place": record.place,
        "leader": record.leader,
        "recorder": record.recorder,
        "attendees": record.attendees,
        "name": person.name if person else "匿名",
        "sex": person.sex.label if person and person.sex is not Sex.UNKNOWN else "",
        "phone": person.phone if person else "",
        "address": person.address if person else "",
        "people_count": str(petition.people_count),
        "category": petition.category.name if petition.category else "",
        "summary": petition.summary,
        "content": record.content,
        "leader_instruction": record.leader_instruction,
    }


def print_conversation_record(
    db: Database, register_no: str, out: Path, *, actor: Actor
) -> Result[Path]:
    """The case's 接谈记录 as PDF at ``out`` (recorded in the audit log)."""
    if why := refusal(actor, Permission.PRINT):
        return Result.failure({"": why})
    record = conversation_record(db, register_no)
    with db.read() as session:
        petition = find_petition(session, register_no)
        if petition is None:
            return Result.failure({"case": f"找不到登记号为 {register_no} 的信访事项"})
        why, hide = case_access(session, actor, petition)  # a leader: its own cases
        if why:
            return Result.failure({"": why})
        if record is None:
            return Result.failure({"case": f"{petition.register_no} 还没有接谈记录"})
        values = redacted_form(conversation_record_values(session, petition, record), hide)
        petition_id = petition.id
    from petitiondesk.printing.form_pdf import render_form_pdf

    def record_print(session: Session) -> None:
        row = session.get(Petition, petition_id)
        assert row is not None
        audit.record_print(
            session, actor=actor, form="conversation_record", entity=row, label="接谈记录", out=out
        )

    with audited_output(db, out, record_print) as tmp:  # atomic: nothing half-written
        render_form_pdf("conversation_record", values, tmp)
    return Result.success(Path(out), f"已生成接谈记录：{out}")
