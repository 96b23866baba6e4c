"""services.appointments: matching issue to leader, capacity, queue numbers, cancelling."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import select

from petitiondesk.core.enums import ReceptionRuleKind
from petitiondesk.services.appointments import (
    MSG_FULL,
    Booking,
    BookingInput,
    WalkInInput,
    book_appointment,
    cancel_appointment,
    day_queue,
    register_walk_in,
    suggest_slots,
)
from petitiondesk.services.result import Result
from petitiondesk.services.roster import (
    LeaderInput,
    generate_roster,
    list_roster,
    save_leader,
    substitute,
)
from petitiondesk.store.db import Database
from petitiondesk.store.models import AuditLog, Holiday, Leader, ReceptionRule, RosterEntry
from tests.helpers import actor

TODAY = date(2026, 10, 9)
NOW = datetime(2026, 10, 9, 15, 0)
URBAN, LABOUR, HEALTH = 1, 3, 5  # 城乡建设, 劳动社保, 卫生健康 (bootstrap categories)
ZHANG, LI = 1, 2


@pytest.fixture
def office(db: Database) -> Database:
    """张建国 owns 城乡建设, 李红梅 owns 劳动社保; every Monday, 2 bookings per slot.

    Mondays from 10-12 alternate: 张 10-12, 李 10-19, 张 10-26, 李 11-02, 张 11-09 …
    """
    for leader_id, name, order, category in (
        (ZHANG, "张建国", 1, URBAN),
        (LI, "李红梅", 2, LABOUR),
    ):
        saved = save_leader(
            db,
            LeaderInput(id=leader_id, name=name, rotation_order=order, category_ids=[category]),
            actor=actor("赵丽"),
        )
        assert saved.ok, saved.errors
    with db.write() as session:
        session.add(
            ReceptionRule(
                name="每周一接待日",
                kind=ReceptionRuleKind.WEEKDAY,
                weekday=0,
                slots="08:30-12:00",
                place="县信访接待中心",
                capacity=2,
            )
        )
    assert generate_roster(db, date(2026, 10, 12), date(2026, 11, 30), actor=actor("赵丽")).ok
    return db


def slot_of(db: Database, day: date) -> int:
    with db.read() as session:
        found = session.scalar(select(RosterEntry.id).where(RosterEntry.day == day))
        assert found is not None
        return found


def booking(
    entry_id: int | None, name: str = "王秀英", category: int | None = URBAN, **kw: object
) -> BookingInput:
    data = BookingInput(
        entry_id=entry_id, visitor_name=name, category_id=category, phone="13912345678"
    )
    for key, value in kw.items():
        setattr(data, key, value)
    return data


def book(db: Database, data: BookingInput) -> Result[Booking]:
    return book_appointment(db, data, actor=actor("赵丽"), today=TODAY, now=NOW)


# --- suggestions -------------------------------------------------------------------------


def test_suggestions_put_the_owning_leader_first_then_by_date(office: Database) -> None:
    found = suggest_slots(office, LABOUR, date(2026, 10, 10), date(2026, 11, 3))
    assert [(s.day, s.leader_name, s.covers_category) for s in found] == [
        (date(2026, 10, 19), "李红梅", True),
        (date(2026, 11, 2), "李红梅", True),
        (date(2026, 10, 12), "张建国", False),
        (date(2026, 10, 26), "张建国", False),
    ]
    first = found[0]
    assert (first.remaining, first.capacity, first.time_text) == (2, 2, "08:30-12:00")
    assert first.label == "10月19日（星期一）08:30-12:00 李红梅"


def test_full_and_day_off_slots_are_not_suggested(office: Database) -> None:
    li_slot = slot_of(office, date(2026, 10, 19))
    for name in ("甲", "乙"):
        assert book_appointment(
            office, booking(li_slot, name, LABOUR), actor=actor("a"), today=TODAY, now=NOW
        ).ok
    with office.write() as session:
        session.add(Holiday(day=date(2026, 11, 2), is_workday=False, name="临时放假"))
    found = suggest_slots(office, LABOUR, date(2026, 10, 10), date(2026, 11, 10))
    days = [s.day for s in found]
    assert date(2026, 10, 19) not in days and date(2026, 11, 2) not in days
    assert not any(s.covers_category for s in found)


# --- booking -----------------------------------------------------------------------------


def test_booking_numbers_in_order_and_refuses_a_full_slot(office: Database) -> None:
    target = slot_of(office, date(2026, 10, 12))
    first = book_appointment(
        office, booking(target, "王秀英"), actor=actor("赵丽"), today=TODAY, now=NOW
    )
    assert first.ok and first.unwrap().warnings == ()
    assert first.message == "已预约：10月12日 08:30-12:00 张建国，预约1号"
    second = book_appointment(
        office, booking(target, "刘德明"), actor=actor("赵丽"), today=TODAY, now=NOW
    )
    assert (second.unwrap().queue_no, second.unwrap().ticket, second.unwrap().position) == (
        2,
        "预约2号",
        2,
    )
    full = book_appointment(
        office, booking(target, "陈桂兰"), actor=actor("赵丽"), today=TODAY, now=NOW
    )
    assert full.errors == {"entry_id": MSG_FULL} and full.errors["entry_id"] == "该时段预约已满"
    assert full.message == "预约未保存：该时段预约已满"
    row = next(r for r in list_roster(office, date(2026, 10, 12), date(2026, 10, 12)))
    assert row.booked_text == "2/2"
    with office.read() as session:
        logs = session.scalars(select(AuditLog).where(AuditLog.action == "book_appointment")).all()
        assert len(logs) == 2 and json.loads(logs[0].after)["visitor_name"] == "王秀英"


def test_a_leader_who_does_not_own_the_issue_gets_a_warning_not_an_error(office: Database) -> None:
    zhang_slot = slot_of(office, date(2026, 10, 12))
    result = book_appointment(
        office, booking(zhang_slot, category=LABOUR), actor=actor("赵丽"), today=TODAY, now=NOW
    )
    assert result.ok
    value = result.unwrap()
    assert value.warnings == (
        "所选领导不分管该问题类别（劳动社保），建议改约李红梅领导10月19日（星期一 08:30-12:00）",
    )
    assert value.better_slot is not None and value.better_slot.day == date(2026, 10, 19)
    assert "建议改约李红梅领导10月19日" in result.message
    # the owner's own slot: no warning; an issue nobody owns: no warning either
    li_slot = slot_of(office, date(2026, 10, 19))
    assert book(office, booking(li_slot, "刘德明", LABOUR)).unwrap().warnings == ()
    assert book(office, booking(zhang_slot, "陈桂兰", HEALTH)).unwrap().warnings == ()


def test_warning_without_a_free_owner_slot_names_the_owner(office: Database) -> None:
    for day in (date(2026, 10, 19), date(2026, 11, 2)):
        target = slot_of(office, day)
        for name in ("甲", "乙"):
            assert book(office, booking(target, name + str(day.day), LABOUR)).ok
    result = book_appointment(
        office, booking(slot_of(office, date(2026, 10, 12)), category=LABOUR),
        actor=actor("a"), today=TODAY, now=NOW,
    )  # fmt: skip
    assert result.unwrap().warnings == (
        "所选领导不分管该问题类别（劳动社保，分管领导：李红梅），近30天内分管领导没有可预约的接待时段",
    )


def test_booking_refusals_name_the_field(office: Database) -> None:
    target = slot_of(office, date(2026, 10, 12))
    bad = book_appointment(
        office, booking(None, " ", None, phone="123"), actor=actor("a"), today=TODAY, now=NOW
    )
    assert bad.errors == {
        "visitor_name": "请填写来访人姓名",
        "phone": "电话号码格式不正确：手机号为11位，固定电话需带区号，如 0571-88889999",
        "category_id": "请选择问题类别",
        "entry_id": "请选择接待时段",
    }
    late = book_appointment(
        office, booking(target), actor=actor("a"), today=date(2026, 10, 13), now=NOW
    )
    assert late.errors == {"entry_id": "不能预约已经过去的接待日"}
    assert book(office, booking(target)).ok
    again = book_appointment(office, booking(target), actor=actor("a"), today=TODAY, now=NOW)
    assert again.errors == {"visitor_name": "王秀英已预约该时段"}
    with office.write() as session:
        session.add(Holiday(day=date(2026, 10, 26), is_workday=False, name="临时放假"))
        leader = session.get(Leader, LI)
        assert leader is not None
        leader.active = False
    off = book_appointment(
        office, booking(slot_of(office, date(2026, 10, 26))), actor=actor("a"), today=TODAY, now=NOW
    )
    assert off.errors == {"entry_id": "10月26日是休息日，该时段不接待，请改约其他时段"}
    gone = book_appointment(
        office, booking(slot_of(office, date(2026, 10, 19))), actor=actor("a"), today=TODAY, now=NOW
    )
    assert gone.errors == {"entry_id": "李红梅已停用，请先为该时段安排替班"}


# --- queue -------------------------------------------------------------------------------


def test_walk_ins_queue_after_every_appointment(office: Database) -> None:
    target = slot_of(office, date(2026, 10, 12))
    a1 = book(office, booking(target, "王秀英")).unwrap()
    walk = register_walk_in(
        office, WalkInInput(entry_id=target, visitor_name="现场甲"), actor=actor("赵丽"), now=NOW
    )
    assert walk.ok and walk.unwrap().ticket == "现场1号" and walk.unwrap().position == 2
    assert walk.message == "已登记现场排队：现场1号，当前第2位"
    a2 = book(office, booking(target, "刘德明")).unwrap()
    # the slot is full for appointments, but walk-ins are never refused
    assert register_walk_in(
        office, WalkInInput(entry_id=target, visitor_name="现场乙"), actor=actor("赵丽"), now=NOW
    ).ok
    queue = day_queue(office, target)
    assert [(q.position, q.ticket, q.visitor_name) for q in queue] == [
        (1, "预约1号", "王秀英"),
        (2, "预约2号", "刘德明"),
        (3, "现场1号", "现场甲"),
        (4, "现场2号", "现场乙"),
    ]
    assert queue[0].appointment_id == a1.appointment_id and queue[1].kind_label == "预约"
    assert queue[2].status_label == "待接待" and queue[0].category == "城乡建设"
    row = next(r for r in list_roster(office, date(2026, 10, 12), date(2026, 10, 12)))
    assert (row.booked, row.walk_ins) == (2, 2)

    # cancelling frees a place, tickets are never reused, walk-ins move up
    assert cancel_appointment(
        office, a2.appointment_id, reason="来访人改期", actor=actor("赵丽")
    ).ok
    a3 = book(office, booking(target, "陈桂兰")).unwrap()
    assert a3.ticket == "预约3号" and a3.position == 2
    assert [q.ticket for q in day_queue(office, target)] == [
        "预约1号",
        "预约3号",
        "现场1号",
        "现场2号",
    ]


def test_cancel_rules_and_audit(office: Database) -> None:
    target = slot_of(office, date(2026, 10, 12))
    made = book(office, booking(target)).unwrap()
    assert cancel_appointment(office, 999, actor=actor("a")).errors == {
        "appointment_id": "该预约不存在"
    }
    assert cancel_appointment(
        office, made.appointment_id, reason="身体不适", actor=actor("赵丽")
    ).ok
    assert cancel_appointment(office, made.appointment_id, actor=actor("赵丽")).errors == {
        "appointment_id": "该预约已经取消"
    }
    assert day_queue(office, target) == []
    with office.read() as session:
        log = session.scalar(select(AuditLog).where(AuditLog.action == "cancel_appointment"))
        assert log is not None and "身体不适" in log.summary
        assert json.loads(log.before)["status"] == "booked"
        assert json.loads(log.after)["status"] == "cancelled"


def test_walk_in_validation(office: Database) -> None:
    refused = register_walk_in(
        office, WalkInInput(entry_id=999, visitor_name=""), actor=actor("a"), now=NOW
    )
    assert refused.errors == {"visitor_name": "请填写来访人姓名", "entry_id": "请选择接待时段"}


def test_substituting_warns_about_bookings_outside_the_new_portfolio(office: Database) -> None:
    target = slot_of(office, date(2026, 10, 12))
    assert book(office, booking(target, category=URBAN)).ok
    result = substitute(office, target, LI, reason="出差", actor=actor("赵丽"))
    assert result.unwrap().warnings == (
        "2026年10月12日（星期一）08:30-12:00 县信访接待中心 已有1个预约的问题类别不在李红梅的分管范围内，"
        "请视情况通知来访人改约",
    )
