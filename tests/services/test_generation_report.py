"""GenerationReport: counted while generating, frozen when returned, summary text."""

from __future__ import annotations

import dataclasses
from datetime import date, time

import pytest
from sqlalchemy import select, text

from petitiondesk.core.enums import AppointmentKind, AppointmentStatus, PlanSkipKind
from petitiondesk.core.roster import PlannedSlot, SkippedDay, SlotPlan
from petitiondesk.services.roster import GenerationReport, generate_roster
from petitiondesk.store.db import Database
from petitiondesk.store.models import Appointment, ReceptionRule, RosterEntry
from tests.helpers import actor

OCT = (date(2026, 10, 1), date(2026, 10, 31))


def slot(day: int, *, moved_from: date | None = None, uncovered: bool = False) -> PlannedSlot:
    return PlannedSlot(
        date(2026, 10, day), time(8, 30), time(12), "中心", moved_from, calendar_uncovered=uncovered
    )


def test_counts_accumulate_and_freeze_makes_it_read_only() -> None:
    report = GenerationReport(*OCT)
    report.count_added(RosterEntry(id=7), slot(8, moved_from=date(2026, 10, 5)))
    report.count_added(RosterEntry(id=9), slot(12, uncovered=True))
    plan = SlotPlan(
        (),
        (
            SkippedDay(date(2026, 10, 5), PlanSkipKind.DAY_OFF, "10月5日是国庆节假期"),
            SkippedDay(date(2026, 10, 6), PlanSkipKind.COLLISION, "撞期"),
        ),
    )
    report.count_skipped(plan, 2, "规则")
    report.skipped_conflict += 1
    report.note("另一条")
    assert (report.added, report.moved, report.uncovered) == (2, 1, 1)
    assert (report.skipped_day_off, report.skipped_collision) == (2, 2)
    assert report.added_entry_ids == (7, 9)
    assert report.messages == ("规则：10月5日是国庆节假期", "规则：撞期", "另一条")

    assert report.freeze() is report and report.frozen
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.added = 0
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.note("too late")
    assert report.added == 2 and len(report.messages) == 3
    assert report == dataclasses.replace(report)  # the flag is not part of the value


def test_summary_names_only_what_happened() -> None:
    assert GenerationReport(*OCT).summary == "新增0个接待时段"
    report = GenerationReport(
        *OCT,
        added=4,
        skipped_existing=2,
        moved=1,
        skipped_day_off=1,
        skipped_collision=1,
        skipped_conflict=1,
        unassigned=1,
        removed_stale=1,
        uncovered=3,
    )
    assert report.summary == (
        "新增4个接待时段，已有2个保持不变，其中1个因节假日顺延或提前，2个因节假日取消，"
        "1个与其他排班冲突未安排，1个没有空闲的领导，删除1个按推测日历生成、现为休息日的时段。"
        "注意：3个时段所在年份的节假日尚未录入，日期仅供参考"
    )


def test_generate_roster_returns_a_frozen_report(db: Database) -> None:
    with db.write() as session:
        session.add(ReceptionRule(name="周一", kind="weekday", weekday=0, place="中心"))
    report = generate_roster(db, *OCT, actor=actor("t")).unwrap()
    assert report.frozen and report.added == len(report.added_entry_ids) == 3
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.added += 1


def test_enum_columns_store_the_same_strings(db: Database) -> None:
    with db.write() as session:
        session.add(ReceptionRule(name="周一", kind="weekday", weekday=0, place="中心"))
    entry_id = generate_roster(db, *OCT, actor=actor("t")).unwrap().added_entry_ids[0]
    with db.write() as session:
        session.add(Appointment(entry_id=entry_id, kind="walk_in", queue_no=1, visitor_name="王五"))
    with db.read() as session:
        raw = session.execute(text("SELECT kind, status FROM appointment")).one()
        assert tuple(raw) == ("walk_in", "booked")
        stored = session.scalars(select(Appointment)).one()
        assert stored.kind is AppointmentKind.WALK_IN
        assert stored.status is AppointmentStatus.BOOKED
        assert session.get(RosterEntry, entry_id) is not None
