"""Repeat-visit detection while the clerk types, and linking a repeat to the earlier case."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import select

from petitiondesk.core.enums import CaseStatus
from petitiondesk.services.cases import case_detail
from petitiondesk.services.intake import register_visit
from petitiondesk.services.repeats import (
    REASON_SIMILAR,
    earlier_by_person,
    link_repeat,
    similar_open_petitions,
    unlink_repeat,
)
from petitiondesk.store.db import Database
from petitiondesk.store.models import AuditLog, Petition
from tests.helpers import GOOD_ID, actor, visit_input

NOW = datetime(2026, 11, 20, 17, 0)
WANG_ID = GOOD_ID
ZHANG_ID = "110101199003074514"


def register(db: Database, minute: int, **changes: object) -> tuple[int, str]:
    received_at = datetime(2026, 11, 20, 9, 0) + timedelta(minutes=minute)
    data = visit_input(**{"received_at": received_at, **changes})
    value = register_visit(db, data, actor=actor("赵丽"), now=NOW).unwrap()
    return value.petition_id, value.register_no


def set_status(
    db: Database, petition_id: int, status: CaseStatus, received: datetime | None = None
) -> None:
    with db.write() as session:
        p = session.get(Petition, petition_id)
        assert p is not None
        p.status = status
        if received is not None:
            p.received_at = received


def test_earlier_by_person_matches_id_phone_and_name_address_newest_first(db: Database) -> None:
    first_id, first_no = register(db, 0)
    second_id, second_no = register(db, 10, summary="再次反映拆迁补偿问题")
    other_id, other_no = register(
        db, 20, name="张三丰", id_number=ZHANG_ID, phone="13700000000", address="河口镇1号"
    )
    found = earlier_by_person(db, id_number=WANG_ID)
    assert [(c.register_no, c.reason) for c in found] == [
        (second_no, "同一身份证号"),
        (first_no, "同一身份证号"),
    ]
    assert found[0].name == "王秀英" and found[0].category == "城乡建设"
    assert found[0].status is CaseStatus.REGISTERED and found[0].summary == "再次反映拆迁补偿问题"
    assert [c.reason for c in earlier_by_person(db, phone="13912345678")] == ["同一电话"] * 2
    by_address = earlier_by_person(db, name="张三丰", address="河口镇 1号")
    assert [(c.petition_id, c.reason) for c in by_address] == [(other_id, "同名同址")]
    assert earlier_by_person(db, name="张三丰") == []
    assert earlier_by_person(db, id_number=WANG_ID, limit=1)[0].petition_id == second_id
    assert [
        c.petition_id
        for c in earlier_by_person(db, id_number=WANG_ID, exclude_petition_id=second_id)
    ] == [first_id]
    before = datetime(2026, 11, 20, 9, 5)
    assert [c.petition_id for c in earlier_by_person(db, id_number=WANG_ID, before=before)] == [
        first_id
    ]


def test_similar_open_petitions_ranks_by_score_and_skips_closed_and_other_categories(
    db: Database,
) -> None:
    close_id, close_no = register(db, 0, summary="反映拆迁补偿款未按协议发放，多次找村委会无果。")
    near_id, near_no = register(db, 1, name="张三丰", id_number=ZHANG_ID, phone="13700000000",
                                summary="拆迁补偿款一直没有按协议发放到户")  # fmt: skip
    closed_id, _ = register(db, 2, summary="反映拆迁补偿款未按协议发放。")
    archived_id, _ = register(db, 3, summary="反映拆迁补偿款未按协议发放。")
    rejected_id, _ = register(db, 4, summary="反映拆迁补偿款未按协议发放。")
    other_cat, _ = register(db, 5, category_id=2, summary="反映拆迁补偿款未按协议发放。")
    unrelated, _ = register(db, 6, summary="反映小区物业擅自提高收费标准。")
    set_status(db, closed_id, CaseStatus.CLOSED)
    set_status(db, archived_id, CaseStatus.ARCHIVED)
    set_status(db, rejected_id, CaseStatus.REJECTED)
    set_status(db, near_id, CaseStatus.REFERRED)

    typed = "拆迁补偿款未按协议发放"
    found = similar_open_petitions(db, category_id=1, summary=typed, now=NOW)
    assert [c.petition_id for c in found] == [close_id, near_id]
    assert all(c.reason == REASON_SIMILAR for c in found)
    assert found[0].score > found[1].score >= 0.3
    assert {c.petition_id for c in found}.isdisjoint(
        {closed_id, archived_id, rejected_id, other_cat, unrelated}
    )
    assert similar_open_petitions(db, category_id=1, summary=typed, threshold=0.9, now=NOW) == []
    assert [
        c.petition_id
        for c in similar_open_petitions(db, category_id=1, summary=typed, limit=1, now=NOW)
    ] == [close_id]
    assert similar_open_petitions(db, category_id=None, summary=typed, now=NOW) == []
    assert similar_open_petitions(db, category_id=1, summary="，。 ", now=NOW) == []
    excluded = similar_open_petitions(
        db, category_id=1, summary=typed, exclude_petition_id=close_id, now=NOW
    )
    assert [c.petition_id for c in excluded] == [near_id]


def test_similar_open_petitions_looks_back_a_bounded_window(db: Database) -> None:
    old_id, _ = register(db, 0)
    recent_id, _ = register(db, 1)
    set_status(db, old_id, CaseStatus.ACCEPTED, received=datetime(2022, 11, 1, 9, 0))
    found = similar_open_petitions(db, category_id=1, summary="拆迁补偿款未按协议发放", now=NOW)
    assert [c.petition_id for c in found] == [recent_id]
    wider = similar_open_petitions(
        db, category_id=1, summary="拆迁补偿款未按协议发放", now=NOW, years=5
    )
    assert {c.petition_id for c in wider} == {old_id, recent_id}
    capped = similar_open_petitions(db, category_id=1, summary="拆迁补偿款未按协议发放", now=NOW,
                                    years=5, max_candidates=1)  # fmt: skip
    assert [c.petition_id for c in capped] == [recent_id]  # only the newest candidate


def test_link_and_unlink_with_audit(db: Database) -> None:
    first_id, first_no = register(db, 0)
    second_id, second_no = register(db, 10)
    result = link_repeat(db, second_id, first_id, actor=actor("赵丽"))
    assert result.ok, result.errors
    assert result.unwrap().repeat_of_register_no == first_no
    detail = case_detail(db, second_no)
    assert detail is not None and detail.row.repeat_of == first_no
    assert f"重复访（前次 {first_no}）" in detail.row.flags
    again = link_repeat(db, second_id, first_id, actor=actor("赵丽"))
    assert again.ok and "已关联" in again.message
    with db.read() as session:
        rows = session.scalars(select(AuditLog).where(AuditLog.action == "link_repeat")).all()
        assert len(rows) == 1 and json.loads(rows[0].after)["repeat_of_id"] == first_id
    unlinked = unlink_repeat(db, second_id, actor=actor("赵丽"))
    assert unlinked.ok and unlinked.unwrap().repeat_of_register_no == ""
    assert not unlink_repeat(db, second_id, actor=actor("赵丽")).ok
    with db.read() as session:
        row = session.scalar(select(AuditLog).where(AuditLog.action == "unlink_repeat"))
        assert row is not None and json.loads(row.before)["repeat_of_id"] == first_id


def test_link_refuses_self_later_and_cycles(db: Database) -> None:
    a, a_no = register(db, 0)
    b, b_no = register(db, 10)
    c, c_no = register(db, 20)
    assert link_repeat(db, a, a, actor=actor("x")).errors == {
        "repeat_of": "不能把事项关联为它自己的重复访"
    }
    later = link_repeat(db, a, b, actor=actor("x"))
    assert "晚于本事项" in later.errors["repeat_of"]
    assert link_repeat(db, c, b, actor=actor("x")).ok
    assert link_repeat(db, b, a, actor=actor("x")).ok
    # Imported data may break the time order; the chain check still refuses a cycle.
    with db.write() as session:
        pa = session.get(Petition, a)
        assert pa is not None
        pa.received_at = datetime(2026, 11, 20, 9, 30)
    cycle = link_repeat(db, a, c, actor=actor("x"))
    assert "循环" in cycle.errors["repeat_of"]
    assert not link_repeat(db, 999, a, actor=actor("x")).ok
    assert "找不到所选" in link_repeat(db, a, 999, actor=actor("x")).errors["repeat_of"]
