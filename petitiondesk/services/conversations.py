"""Conversation records (接谈记录) of reception-day visits: who received the visitor,
who else sat in, what was said, and the leader's instruction (seed 001: the clerk
"具体记录接访局领导的具体意见、指示与决定").

One record per petition; saving again corrects it (one audit row with before/after).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from petitiondesk.core import validation
from petitiondesk.core.enums import Channel
from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.store.db import Database
from petitiondesk.store.models import ConversationRecord, Leader, Petition, RosterEntry

from . import audit
from .acceptance import find_petition, input_problems
from .result import Result

CLOCK_SKEW: Final = timedelta(minutes=5)
MAX_TEXT: Final = 5000


@dataclass
class ConversationInput:
    """The conversation record as the clerk enters it. Field names are the error keys."""

    leader_id: int | None
    held_at: datetime
    content: str
    recorder: str
    attendees: str = ""
    leader_instruction: str = ""
    roster_entry_id: int | None = None
    place: str = ""  # empty: the roster entry's place, if any


@dataclass(frozen=True)
class ConversationInfo:
    id: int
    petition_id: int
    register_no: str
    leader_id: int
    leader: str  # 张建国（局长）
    roster_entry_id: int | None
    held_at: datetime
    place: str
    attendees: str
    content: str
    leader_instruction: str
    recorder: str


def _leader_text(leader: Leader) -> str:
    return f"{leader.name}（{leader.title}）" if leader.title else leader.name


def _info(session: Session, row: ConversationRecord, register_no: str) -> ConversationInfo:
    leader = session.get(Leader, row.leader_id)
    return ConversationInfo(
        id=row.id,
        petition_id=row.petition_id,
        register_no=register_no,
        leader_id=row.leader_id,
        leader=_leader_text(leader) if leader else "",
        roster_entry_id=row.roster_entry_id,
        held_at=row.held_at,
        place=row.place,
        attendees=row.attendees,
        content=row.content,
        leader_instruction=row.leader_instruction,
        recorder=row.recorder,
    )


def _validate(
    session: Session, petition: Petition, data: ConversationInput, now: datetime
) -> tuple[dict[str, str], RosterEntry | None]:
    errors: dict[str, str] = {}

    def put(key: str, message: str | None) -> None:
        if message and key not in errors:
            errors[key] = message

    if petition.channel is not Channel.VISIT:
        put("", f"接谈记录只用于走访登记的事项（本事项为{petition.channel.label}）")
    if data.leader_id is None:
        put("leader_id", "请选择接谈领导")
    elif session.get(Leader, data.leader_id) is None:
        put("leader_id", "接谈领导不存在")
    put("content", validation.check_required(data.content, "谈话内容"))
    put("content", validation.check_max_length(data.content, MAX_TEXT, "谈话内容"))
    put(
        "leader_instruction",
        validation.check_max_length(data.leader_instruction, MAX_TEXT, "领导意见"),
    )
    put("attendees", validation.check_max_length(data.attendees, 500, "参加人员"))
    put("recorder", validation.check_required(data.recorder, "记录人"))
    put("recorder", validation.check_max_length(data.recorder, 40, "记录人"))
    put("place", validation.check_max_length(data.place, 100, "接谈地点"))
    if data.held_at.date() < petition.received_at.date():
        put("held_at", f"接谈时间不能早于登记日期（{petition.received_at.date().isoformat()}）")
    put("held_at", validation.check_not_future(data.held_at, now + CLOCK_SKEW))
    entry: RosterEntry | None = None
    if data.roster_entry_id is not None:
        entry = session.get(RosterEntry, data.roster_entry_id)
        if entry is None:
            put("roster_entry_id", "所选接待日排班不存在")
        elif entry.day != data.held_at.date():
            put(
                "roster_entry_id",
                f"所选接待日为 {entry.day.isoformat()}，与接谈日期 "
                f"{data.held_at.date().isoformat()} 不一致",
            )
    return errors, entry


def save_conversation_record(
    db: Database,
    register_no: str,
    data: ConversationInput,
    actor: Actor,
    *,
    now: datetime | None = None,
) -> Result[ConversationInfo]:
    """Create or correct the petition's conversation record (one audit row)."""
    if why := refusal(actor, Permission.REGISTER):
        return Result.failure({"": why})
    now = now or datetime.now()
    problems = input_problems(register_no, data)
    if problems:
        return Result.failure(problems, "接谈记录未保存：" + "；".join(problems.values()))
    with db.write() as session:
        petition = find_petition(session, register_no)
        if petition is None:
            return Result.failure({"case": f"找不到登记号为 {register_no} 的信访事项"})
        errors, entry = _validate(session, petition, data, now)
        if errors:
            return Result.failure(errors, "接谈记录未保存：" + "；".join(errors.values()))
        assert data.leader_id is not None
        row = session.scalar(
            select(ConversationRecord).where(ConversationRecord.petition_id == petition.id)
        )
        before = audit.snapshot(row) if row is not None else None
        if row is None:
            row = ConversationRecord(petition_id=petition.id)
            session.add(row)
        row.leader_id = data.leader_id
        row.roster_entry_id = data.roster_entry_id
        row.held_at = data.held_at.replace(second=0, microsecond=0)
        row.place = data.place.strip() or (entry.place if entry is not None else "")
        row.attendees = data.attendees.strip()
        row.content = data.content.strip()
        row.leader_instruction = data.leader_instruction.strip()
        row.recorder = data.recorder.strip()
        audit.record(
            session,
            actor=actor,
            action="update_conversation_record" if before else "save_conversation_record",
            entity=row,
            summary=f"{petition.register_no} 接谈记录" + ("（更正）" if before else ""),
            before=before,
        )
        value = _info(session, row, petition.register_no)
    return Result.success(value, f"已保存接谈记录：{value.register_no}")


def conversation_record(db: Database, register_no: str) -> ConversationInfo | None:
    """The petition's conversation record, if one was saved."""
    with db.read() as session:
        petition = find_petition(session, register_no)
        if petition is None:
            return None
        row = session.scalar(
            select(ConversationRecord).where(ConversationRecord.petition_id == petition.id)
        )
        return _info(session, row, petition.register_no) if row is not None else None
