"""Conversation records (接谈记录): validation, one per case, correction with audit."""

from __future__ import annotations

import json
from datetime import date, datetime, time

from sqlalchemy import func, select

from petitiondesk.core.enums import Channel
from petitiondesk.services.conversations import (
    ConversationInput,
    conversation_record,
    save_conversation_record,
)
from petitiondesk.services.intake import VisitInput, register_visit
from petitiondesk.store.db import Database
from petitiondesk.store.models import AuditLog, ConversationRecord, RosterEntry
from tests.helpers import actor

NOW = datetime(2026, 11, 23, 12, 0)


def register(db: Database, channel: Channel = Channel.VISIT) -> str:
    data = VisitInput(
        channel=channel,
        received_at=datetime(2026, 11, 23, 9, 0),
        name="王秀英",
        id_number="11010519491231002X" if channel is Channel.VISIT else "",
        phone="13912345678",
        category_id=1,
        summary="反映拆迁补偿款未按协议发放。",
        receiving_officer="赵丽",
        duty_leader_id=1,
    )
    return register_visit(db, data, actor=actor("赵丽"), now=NOW).unwrap().register_no


def talk(**changes: object) -> ConversationInput:
    data = ConversationInput(
        leader_id=1,
        held_at=datetime(2026, 11, 23, 9, 40),
        content="来访人陈述拆迁补偿款只收到第一期。",
        recorder="赵丽",
        attendees="城关镇副镇长 孙明",
        leader_instruction="请城关镇政府10个工作日内核实并答复。",
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def test_save_read_and_correct(db: Database) -> None:
    no = register(db)
    result = save_conversation_record(db, no, talk(), actor("赵丽"), now=NOW)
    assert result.ok, result.errors
    info = result.unwrap()
    assert info.leader == "张建国（局长）" and info.register_no == no
    assert conversation_record(db, no) == info
    fixed = save_conversation_record(db, no, talk(leader_id=2, leader_instruction="改由李副局长督办。"),
                                     actor("孙明"), now=NOW).unwrap()  # fmt: skip
    assert fixed.id == info.id and fixed.leader == "李红梅（副局长）"
    with db.read() as session:
        assert session.scalar(select(func.count(ConversationRecord.id))) == 1
        actions = [
            r.action
            for r in session.scalars(
                select(AuditLog)
                .where(AuditLog.entity == "conversation_record")
                .order_by(AuditLog.id)
            )
        ]
        assert actions == ["save_conversation_record", "update_conversation_record"]
        last = session.scalar(
            select(AuditLog).where(AuditLog.action == "update_conversation_record")
        )
        assert last is not None and json.loads(last.before)["leader_id"] == 1
    assert conversation_record(db, "2026-09999") is None


def test_validation_per_field(db: Database) -> None:
    no = register(db)
    bad = talk(leader_id=None, content=" ", recorder="", held_at=datetime(2026, 11, 22, 16, 0),
               leader_instruction="意" * 5001)  # fmt: skip
    result = save_conversation_record(db, no, bad, actor("a"), now=NOW)
    assert result.errors == {
        "leader_id": "请选择接谈领导",
        "content": "请填写谈话内容",
        "leader_instruction": "领导意见不能超过5000个字（现为5001个字）",
        "recorder": "请填写记录人",
        "held_at": "接谈时间不能早于登记日期（2026-11-23）",
    }
    future = save_conversation_record(
        db, no, talk(held_at=datetime(2026, 11, 24, 9)), actor("a"), now=NOW
    )
    assert future.errors == {"held_at": "日期不能晚于当前时间"}
    assert save_conversation_record(db, no, talk(leader_id=99), actor("a"), now=NOW).errors == {
        "leader_id": "接谈领导不存在"
    }
    assert (
        "找不到" in save_conversation_record(db, "2026-09999", talk(), actor("a"), now=NOW).message
    )


def test_only_for_visits(db: Database) -> None:
    no = register(db, Channel.LETTER)
    result = save_conversation_record(db, no, talk(), actor("a"), now=NOW)
    assert result.errors == {"": "接谈记录只用于走访登记的事项（本事项为来信）"}


def test_roster_entry_must_be_that_day_and_gives_the_place(db: Database) -> None:
    no = register(db)
    with db.write() as session:
        for day in (date(2026, 11, 23), date(2026, 11, 30)):
            session.add(RosterEntry(day=day, start_time=time(8, 30), end_time=time(12, 0),
                                    place="一楼接待大厅", leader_id=1))  # fmt: skip
    wrong = save_conversation_record(db, no, talk(roster_entry_id=2), actor("a"), now=NOW)
    assert "与接谈日期 2026-11-23 不一致" in wrong.errors["roster_entry_id"]
    assert save_conversation_record(
        db, no, talk(roster_entry_id=99), actor("a"), now=NOW
    ).errors == {"roster_entry_id": "所选接待日排班不存在"}
    info = save_conversation_record(db, no, talk(roster_entry_id=1), actor("a"), now=NOW).unwrap()
    assert info.place == "一楼接待大厅" and info.roster_entry_id == 1
