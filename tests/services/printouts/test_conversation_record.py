"""services.printouts.conversation_record: the 接谈记录 of a case, read back."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from petitiondesk.services.conversations import ConversationInput, save_conversation_record
from petitiondesk.services.printouts import print_conversation_record
from petitiondesk.store.db import Database
from tests.helpers import actor
from tests.services.printouts.case_setup import NOW, pages, register, set_up_office


@pytest.fixture
def office(db: Database) -> Database:
    return set_up_office(db)


def test_conversation_record_pdf(office: Database, tmp_path: Path) -> None:
    no = register(office)
    out = tmp_path / "talk.pdf"
    assert "还没有接谈记录" in print_conversation_record(office, no, out, actor=actor()).message
    save_conversation_record(
        office, no,
        ConversationInput(leader_id=1, held_at=datetime(2026, 11, 20, 10, 15),
                          content="来访人称补偿款只收到第一期。", recorder="赵丽",
                          attendees="城关镇副镇长 孙明", leader_instruction="请城关镇政府核实答复。"),
        actor("赵丽"), now=NOW,
    ).unwrap()  # fmt: skip
    print_conversation_record(office, no, out, actor=actor()).unwrap()
    (text,) = pages(out)
    for word in ("领导接待日接谈记录", no, "张建国（局长）", "王秀英", "孙明", "只收到第一期", "请城关镇政府核实答复",
                 "2026年11月20日 10:15", "来访人（签字）"):  # fmt: skip
        assert word in text
    assert not print_conversation_record(office, "2026-09999", out, actor=actor()).ok
