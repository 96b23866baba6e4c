"""services.roster on real SQLite files: generation, changes, manual entries, leaders, rules."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy import ColumnElement, func, select

from petitiondesk.core.enums import DayOffPolicy, DepartmentKind, ReceptionRuleKind
from petitiondesk.services.bootstrap import ensure_defaults
from petitiondesk.services.roster import (
    EntryInput,
    LeaderInput,
    RuleInput,
    add_entry,
    fill_next_in_rotation,
    generate_roster,
    list_leaders,
    list_roster,
    list_rules,
    remove_entry,
    roster_history,
    save_leader,
    save_reception_rule,
    set_accompany,
    substitute,
    swap,
)
from petitiondesk.store.db import Database
from petitiondesk.store.models import (
    AuditLog,
    Base,
    CalendarYear,
    Department,
    Holiday,
    Leader,
    ReceptionRule,
    RosterChange,
    RosterEntry,
)
from tests.helpers import actor

K = ReceptionRuleKind
P = DayOffPolicy
ZHANG, LI = 1, 2  # the conftest leaders, rota order 1 and 2
AUTUMN = (date(2026, 9, 28), date(2026, 10, 31))


def add_rule(db: Database, **changes: object) -> int:
    values: dict[str, object] = {
        "name": "每周一领导接待日",
        "kind": K.WEEKDAY,
        "weekday": 0,
        "slots": "08:30-12:00",
        "place": "县信访接待中心",
        "on_day_off": P.SKIP,
        "capacity": 10,
    }
    values.update(changes)
    with db.write() as session:
        rule = ReceptionRule(**values)
        session.add(rule)
        session.flush()
        return rule.id


def add_leader(db: Database, name: str, order: int, *, active: bool = True) -> int:
    with db.write() as session:
        leader = Leader(name=name, title="副局长", rotation_order=order, active=active)
        session.add(leader)
        session.flush()
        return leader.id


def roster(
    db: Database, first: date = date(2025, 1, 1), last: date = date(2027, 12, 31)
) -> list[tuple[date, time, str, str]]:
    return [(r.day, r.start, r.place, r.leader_name) for r in list_roster(db, first, last)]


def entry_id(db: Database, day: date, start: time = time(8, 30)) -> int:
    with db.read() as session:
        found = session.scalar(
            select(RosterEntry.id).where(RosterEntry.day == day, RosterEntry.start_time == start)
        )
        assert found is not None, day
        return found


def count(db: Database, model: type[Base], *where: ColumnElement[bool]) -> int:
    with db.read() as session:
        stmt = select(func.count()).select_from(model).where(*where)
        return int(session.scalar(stmt) or 0)


@pytest.fixture
def other_db(tmp_path: Path) -> Iterator[Database]:
    """A second office database with the same two leaders (for A/B comparisons)."""
    database = Database.open(tmp_path / "other.sqlite", create=True)
    ensure_defaults(database)
    with database.write() as session:
        session.add_all(
            [
                Leader(name="张建国", title="局长", rotation_order=1),
                Leader(name="李红梅", title="副局长", rotation_order=2),
            ]
        )
    yield database
    database.close()


# --- generation --------------------------------------------------------------------------


def test_weekly_monday_rule_moves_the_national_day_monday_and_rotates(db: Database) -> None:
    add_rule(db, on_day_off=P.NEXT)
    result = generate_roster(db, *AUTUMN, actor=actor("赵丽"))
    assert result.ok, result.errors
    report = result.unwrap()
    assert (report.added, report.moved, report.skipped_day_off, report.uncovered) == (5, 1, 0, 0)
    assert result.message == "新增5个接待时段，其中1个因节假日顺延或提前"
    rows = list_roster(db, *AUTUMN)
    assert [(r.day, r.weekday, r.leader_name) for r in rows] == [
        (date(2026, 9, 28), "星期一", "张建国"),
        (date(2026, 10, 8), "星期四", "李红梅"),
        (date(2026, 10, 12), "星期一", "张建国"),
        (date(2026, 10, 19), "星期一", "李红梅"),
        (date(2026, 10, 26), "星期一", "张建国"),
    ]
    assert rows[1].note == "原定10月5日，遇节假日顺延"
    assert rows[0].time_text == "08:30-12:00" and rows[0].half_day == "上午"
    assert rows[0].booked_text == "0/10" and not rows[0].manual and not rows[0].calendar_uncovered
    assert count(db, AuditLog, AuditLog.action == "generate_roster_entry") == 5


def test_skip_policy_reports_the_holiday(db: Database) -> None:
    add_rule(db)
    report = generate_roster(db, *AUTUMN, actor=actor("赵丽")).unwrap()
    assert (report.added, report.skipped_day_off) == (4, 1)
    assert report.messages == (
        "每周一领导接待日：2026年10月5日（星期一）是国庆节假期，按规则不安排接待",
    )
    assert date(2026, 10, 5) not in [d for d, *_ in roster(db)]


def test_generating_twice_adds_nothing_and_keeps_changes(db: Database) -> None:
    add_rule(db, slots="08:30-12:00;14:30-18:00")
    first = generate_roster(db, *AUTUMN, actor=actor("赵丽")).unwrap()
    assert first.added == 8
    target = entry_id(db, date(2026, 10, 19))  # 张建国's turn
    assert substitute(
        db, target, LI, reason="张局长出差", requested_by="张建国", actor=actor("赵丽")
    ).ok
    before = roster(db)
    again = generate_roster(db, *AUTUMN, actor=actor("赵丽")).unwrap()
    assert (again.added, again.skipped_existing) == (0, 8)
    assert roster(db) == before
    assert next(r.leader_name for r in list_roster(db, *AUTUMN) if r.entry_id == target) == "李红梅"
    assert count(db, RosterEntry) == 8


def test_consecutive_periods_continue_the_rotation(db: Database, other_db: Database) -> None:
    add_leader(db, "王志强", 3)
    add_leader(other_db, "王志强", 3)
    for database in (db, other_db):
        add_rule(database, on_day_off=P.NEXT)
    # A: September, then October, then November; B: all at once
    for first, last in (
        (date(2026, 9, 1), date(2026, 9, 30)),
        (date(2026, 10, 1), date(2026, 10, 31)),
        (date(2026, 11, 1), date(2026, 11, 30)),
    ):
        assert generate_roster(db, first, last, actor=actor("赵丽")).ok
    assert generate_roster(other_db, date(2026, 9, 1), date(2026, 11, 30), actor=actor("赵丽")).ok
    assert roster(db) == roster(other_db)
    names = [name for *_, name in roster(db)]
    assert names[:4] == ["张建国", "李红梅", "王志强", "张建国"]
    assert len(names) == 13  # 4 + 4 (10-05 moved to 10-08) + 5 Mondays


def test_rotation_continues_from_the_original_leader_not_the_substitute(
    db: Database, other_db: Database
) -> None:
    for database in (db, other_db):
        add_rule(database)
        generate_roster(database, date(2026, 9, 1), date(2026, 9, 30), actor=actor("赵丽"))
    last_september = entry_id(db, date(2026, 9, 28))  # 4th Monday: 李红梅's turn
    assert roster(db)[-1][3] == "李红梅"
    assert substitute(db, last_september, ZHANG, reason="开会", actor=actor("赵丽")).ok
    for database in (db, other_db):
        generate_roster(database, date(2026, 10, 1), date(2026, 10, 31), actor=actor("赵丽"))
    october = (date(2026, 10, 1), date(2026, 10, 31))
    assert roster(db, *october) == roster(other_db, *october)
    # the rota continues after 李红梅 (whose turn it was), not after her substitute
    assert roster(db, *october)[0][3] == "张建国"


def test_every_workday_includes_the_make_up_saturday(db: Database) -> None:
    add_leader(db, "王志强", 3)
    add_rule(db, name="每日轮流接访", kind=K.EVERY_WORKDAY, weekday=None)
    report = generate_roster(
        db, date(2026, 10, 1), date(2026, 10, 16), actor=actor("赵丽")
    ).unwrap()
    rows = list_roster(db, date(2026, 10, 1), date(2026, 10, 16))
    assert [r.day for r in rows] == [date(2026, 10, d) for d in (8, 9, 10, 12, 13, 14, 15, 16)]
    assert rows[2].weekday == "星期六"
    assert [r.leader_name for r in rows[:4]] == ["张建国", "李红梅", "王志强", "张建国"]
    assert report.added == 8 and report.skipped_day_off == 0


def test_two_rules_never_put_one_leader_in_two_places(db: Database) -> None:
    add_rule(db, name="每日轮流", kind=K.EVERY_WORKDAY, weekday=None, place="县信访接待中心")
    add_rule(db, name="每周一局长接待", weekday=0, slots="09:00-11:00", place="局信访室")
    report = generate_roster(
        db, date(2026, 11, 2), date(2026, 11, 13), actor=actor("赵丽")
    ).unwrap()
    rows = list_roster(db, date(2026, 11, 2), date(2026, 11, 13))
    by_day: dict[date, list[tuple[str, time, time]]] = {}
    for r in rows:
        by_day.setdefault(r.day, []).append((r.leader_name, r.start, r.end))
    for day, spans in by_day.items():
        if len(spans) == 2:
            assert spans[0][0] != spans[1][0], day
    monday_rows = [r for r in rows if r.day == date(2026, 11, 2)]
    assert {r.leader_name for r in monday_rows} == {"张建国", "李红梅"}
    assert any("依次递补" in m for m in report.messages)


def test_a_leader_free_for_nobody_leaves_the_slot_unassigned(db: Database) -> None:
    with db.write() as session:
        leader = session.get(Leader, LI)
        assert leader is not None
        leader.active = False
    add_rule(db, name="每日轮流", kind=K.EVERY_WORKDAY, weekday=None)
    add_rule(db, name="周一专场", weekday=0, slots="09:00-11:00", place="局信访室")
    report = generate_roster(db, date(2026, 11, 2), date(2026, 11, 6), actor=actor("赵丽")).unwrap()
    assert report.unassigned == 1 and report.added == 5
    assert (
        "周一专场：2026年11月2日（星期一）09:00-11:00 没有空闲的在岗领导，未安排" in report.messages
    )
    assert {name for *_, name in roster(db)} == {"张建国"}


def test_same_place_and_time_as_another_entry_is_not_doubled(db: Database) -> None:
    add_rule(db, name="每日轮流", kind=K.EVERY_WORKDAY, weekday=None)
    add_rule(db, name="周一", weekday=0)
    report = generate_roster(
        db, date(2026, 11, 2), date(2026, 11, 13), actor=actor("赵丽")
    ).unwrap()
    assert report.skipped_conflict == 2 and report.added == 10
    assert count(db, RosterEntry) == 10


def test_a_period_into_2027_is_flagged_then_fixed_once_the_year_is_entered(db: Database) -> None:
    add_rule(db, on_day_off=P.NEXT)
    first = generate_roster(db, date(2026, 12, 21), date(2027, 1, 31), actor=actor("赵丽"))
    report = first.unwrap()
    assert report.added == 6 and report.uncovered == 4
    assert "4个时段所在年份的节假日尚未录入" in first.message
    flagged = {
        r.day: r.calendar_uncovered for r in list_roster(db, date(2026, 12, 1), date(2027, 2, 1))
    }
    assert flagged[date(2026, 12, 28)] is False and flagged[date(2027, 1, 4)] is True

    # The office enters the 2027 notice (a test arrangement: Monday 01-04 is a day off).
    with db.write() as session:
        session.add(CalendarYear(year=2027, notice="测试用通知"))
        session.add(Holiday(day=date(2027, 1, 4), is_workday=False, name="元旦"))
    again = generate_roster(db, date(2026, 12, 21), date(2027, 1, 31), actor=actor("赵丽")).unwrap()
    assert (again.removed_stale, again.added, again.moved, again.flags_cleared) == (1, 1, 1, 3)
    rows = list_roster(db, date(2026, 12, 1), date(2027, 2, 1))
    assert [r.day for r in rows] == [
        date(2026, 12, 21),
        date(2026, 12, 28),
        date(2027, 1, 5),
        date(2027, 1, 11),
        date(2027, 1, 18),
        date(2027, 1, 25),
    ]
    assert not any(r.calendar_uncovered for r in rows)
    assert count(db, AuditLog, AuditLog.action == "remove_stale_roster_entry") == 1


def test_a_changed_entry_on_a_new_day_off_is_kept_and_reported(db: Database) -> None:
    add_rule(db)
    generate_roster(db, date(2027, 1, 1), date(2027, 1, 31), actor=actor("赵丽"))
    target = entry_id(db, date(2027, 1, 4))
    assert substitute(db, target, LI, reason="调整", actor=actor("赵丽")).ok
    with db.write() as session:
        session.add(Holiday(day=date(2027, 1, 4), is_workday=False, name="元旦"))
    report = generate_roster(db, date(2027, 1, 1), date(2027, 1, 31), actor=actor("赵丽")).unwrap()
    assert report.removed_stale == 0
    assert any("2027年1月4日（星期一）08:30-12:00" in m and "请核对" in m for m in report.messages)
    row = next(r for r in list_roster(db, date(2027, 1, 4), date(2027, 1, 4)))
    assert row.on_day_off and row.day_off_name == "元旦"


def test_generation_refusals(db: Database) -> None:
    assert generate_roster(db, date(2026, 3, 2), date(2026, 3, 1), actor=actor("a")).errors == {
        "date_to": "结束日期不能早于开始日期"
    }
    assert (
        "两年" in generate_roster(db, date(2026, 1, 1), date(2028, 1, 2), actor=actor("a")).message
    )
    assert generate_roster(db, date(2026, 3, 1), date(2026, 3, 31), actor=actor("a")).message == (
        "没有启用的接待日规则，请先设置接待日规则"
    )
    add_rule(db, name="坏规则", slots="上午")
    add_rule(db, name="好规则")
    report = generate_roster(db, date(2026, 3, 1), date(2026, 3, 31), actor=actor("a")).unwrap()
    assert report.added == 5
    assert report.messages[0].startswith(
        "接待日规则“坏规则”设置有误，未生成：接待时段“上午”格式不正确"
    )
    with db.write() as session:
        for leader in session.scalars(select(Leader)):
            leader.active = False
    assert generate_roster(db, date(2026, 4, 1), date(2026, 4, 30), actor=actor("a")).message == (
        "没有在岗的领导，无法排班，请先添加或启用领导"
    )


# --- substitutions, swaps, fill-ins --------------------------------------------------------


@pytest.fixture
def october(db: Database) -> Database:
    """Mondays in October 2026 (10-05 skipped): 张 10-12, 李 10-19, 张 10-26."""
    add_rule(db)
    generate_roster(db, date(2026, 10, 1), date(2026, 10, 31), actor=actor("赵丽"))
    return db


def test_substitute_records_history_and_marks_manual(october: Database) -> None:
    target = entry_id(october, date(2026, 10, 12))
    result = substitute(
        october, target, LI, reason="张局长到市里开会", requested_by="张建国", actor=actor("赵丽")
    )
    assert result.ok and result.message == "已替班：张建国→李红梅"
    row = next(r for r in list_roster(october, *AUTUMN) if r.entry_id == target)
    assert row.leader_name == "李红梅" and row.manual and row.changed
    (change,) = roster_history(october, target)
    assert (change.kind, change.kind_label, change.from_leader, change.to_leader) == (
        "substitute",
        "替班",
        "张建国",
        "李红梅",
    )
    assert (change.reason, change.requested_by, change.recorded_by) == (
        "张局长到市里开会",
        "张建国",
        "赵丽",
    )
    with october.read() as session:
        log = session.scalar(select(AuditLog).where(AuditLog.action == "roster_substitute"))
        assert log is not None and "张建国→李红梅" in log.summary
        assert json.loads(log.after)["reason"] == "张局长到市里开会"


def test_substitute_refusals(october: Database) -> None:
    target = entry_id(october, date(2026, 10, 12))
    assert substitute(october, target, LI, reason=" ", actor=actor("a")).errors == {
        "reason": "请填写替班原因"
    }
    assert substitute(october, target, ZHANG, reason="x", actor=actor("a")).errors == {
        "to_leader_id": "张建国本来就是该时段的接待领导"
    }
    assert substitute(october, 999, LI, reason="x", actor=actor("a")).errors == {
        "entry_id": "该接待时段不存在"
    }
    retired = add_leader(october, "周退休", 9, active=False)
    assert substitute(october, target, retired, reason="x", actor=actor("a")).errors == {
        "to_leader_id": "周退休已停用（不在岗），不能安排接待"
    }
    # 李红梅 is already receiving at the bureau 10:00-11:00 that day
    assert add_entry(
        october,
        EntryInput(date(2026, 10, 12), time(10), time(11), "局信访室", LI),
        actor=actor("a"),
    ).ok
    refused = substitute(october, target, LI, reason="x", actor=actor("a"))
    assert refused.errors == {
        "to_leader_id": "李红梅在10月12日 10:00-11:00 已在局信访室接待，同一时间不能安排两处"
    }
    assert refused.message.startswith("替班未保存：")
    # the slot's date became a day off after the roster was made
    later = entry_id(october, date(2026, 10, 26))
    with october.write() as session:
        session.add(Holiday(day=date(2026, 10, 26), is_workday=False, name="临时放假"))
    assert substitute(october, later, LI, reason="x", actor=actor("a")).errors == {
        "entry_id": "2026年10月26日（星期一）是临时放假假期，不能安排接待"
    }
    assert count(october, RosterChange) == 0


def test_swap_trades_leaders_with_one_change_row_each(october: Database) -> None:
    a, b = entry_id(october, date(2026, 10, 12)), entry_id(october, date(2026, 10, 19))
    assert swap(october, a, b, reason=" ", actor=actor("x")).errors == {"reason": "请填写调换原因"}
    result = swap(
        october, a, b, reason="李副局长19日外出", requested_by="李红梅", actor=actor("赵丽")
    )
    assert result.ok, result.errors
    assert result.message == "已调换：10月12日 由李红梅接待，10月19日 由张建国接待"
    names = {r.entry_id: r.leader_name for r in list_roster(october, *AUTUMN)}
    assert (names[a], names[b]) == ("李红梅", "张建国")
    history_a, history_b = roster_history(october, a), roster_history(october, b)
    assert [(h.kind_label, h.from_leader, h.to_leader) for h in history_a] == [
        ("调换", "张建国", "李红梅")
    ]
    assert [(h.from_leader, h.to_leader, h.other_entry_id) for h in history_b] == [
        ("李红梅", "张建国", a)
    ]
    assert history_a[0].other_slot == "2026年10月19日（星期一）08:30-12:00 县信访接待中心"


def test_swap_refusals(october: Database) -> None:
    a, c = entry_id(october, date(2026, 10, 12)), entry_id(october, date(2026, 10, 26))
    assert swap(october, a, a, reason="x", actor=actor("z")).errors == {
        "entry_b": "请选择另一个接待时段"
    }
    assert swap(october, a, c, reason="x", actor=actor("z")).errors == {
        "entry_b": "两个时段都是张建国接待，无需调换"
    }
    b = entry_id(october, date(2026, 10, 19))
    # 张建国 is also busy on 10-19 at the bureau: he cannot take 李红梅's slot there
    assert add_entry(
        october,
        EntryInput(date(2026, 10, 19), time(9), time(10), "局信访室", ZHANG),
        actor=actor("z"),
    ).ok
    refused = swap(october, a, b, reason="x", actor=actor("z"))
    assert refused.errors == {
        "entry_b": "张建国在10月19日 09:00-10:00 已在局信访室接待，同一时间不能安排两处"
    }
    assert count(october, RosterChange) == 0


def test_fill_next_takes_the_next_free_leader_in_rota_order(october: Database) -> None:
    wang = add_leader(october, "王志强", 3)
    target = entry_id(october, date(2026, 10, 19))  # 李红梅 (order 2)
    assert fill_next_in_rotation(october, target, reason="", actor=actor("a")).errors == {
        "reason": "请填写递补原因"
    }
    result = fill_next_in_rotation(october, target, reason="李副局长病假", actor=actor("赵丽"))
    assert result.ok and result.unwrap().to_leader == "王志强"
    assert result.message == "已按值班顺序由王志强递补李红梅"
    # 王志强 now busy elsewhere on 10-12 → the next after 张建国 is 李红梅... busy too → none
    other = entry_id(october, date(2026, 10, 12))  # 张建国
    assert add_entry(
        october, EntryInput(date(2026, 10, 12), time(8), time(12), "局信访室", LI), actor=actor("a")
    ).ok
    assert add_entry(
        october,
        EntryInput(date(2026, 10, 12), time(11), time(12), "乡镇接访点", wang),
        actor=actor("a"),
    ).ok
    refused = fill_next_in_rotation(october, other, reason="出差", actor=actor("赵丽"))
    assert refused.errors == {
        "entry_id": "没有可以递补的在岗领导：其他领导在该时段都已有接待安排或已停用"
    }
    # wrap-around: after 王志强 (last) comes 张建国
    filled = fill_next_in_rotation(october, target, reason="王主任临时有事", actor=actor("赵丽"))
    assert filled.unwrap().to_leader == "张建国"
    assert [h.to_leader for h in roster_history(october, target)] == ["王志强", "张建国"]


# --- manual entries, accompany, removal ------------------------------------------------------


def test_add_entry_refuses_day_off_inactive_and_double_booking(db: Database) -> None:
    holiday = add_entry(
        db, EntryInput(date(2026, 10, 5), time(9), time(11), "中心", ZHANG), actor=actor("a")
    )
    assert holiday.errors == {"day": "2026年10月5日（星期一）是国庆节假期，不能安排接待"}
    weekend = add_entry(
        db, EntryInput(date(2026, 10, 11), time(9), time(11), "中心", ZHANG), actor=actor("a")
    )
    assert weekend.errors == {"day": "2026年10月11日（星期日）是休息日，不能安排接待"}
    made_up = add_entry(
        db, EntryInput(date(2026, 10, 10), time(9), time(11), "中心", ZHANG), actor=actor("a")
    )
    assert made_up.ok  # 调休上班的星期六 is a working day
    clash = add_entry(
        db, EntryInput(date(2026, 10, 10), time(10), time(12), "局信访室", ZHANG), actor=actor("a")
    )
    assert clash.errors == {
        "leader_id": "张建国在10月10日 09:00-11:00 已在中心接待，同一时间不能安排两处"
    }
    taken = add_entry(
        db, EntryInput(date(2026, 10, 10), time(9), time(10), "中心", LI), actor=actor("a")
    )
    assert taken.errors == {"start": "中心在该时间已有排班（张建国）"}
    bad = add_entry(
        db,
        EntryInput(date(2026, 10, 12), time(12), time(9), " ", None, capacity=0),
        actor=actor("a"),
    )
    assert set(bad.errors) == {"end", "place", "capacity", "leader_id"}
    future = add_entry(
        db, EntryInput(date(2027, 3, 1), time(9), time(11), "中心", LI), actor=actor("a")
    ).unwrap()
    assert future.warnings == ("2027年的节假日安排尚未录入，请确认该日是工作日",)
    rows = list_roster(db, date(2026, 10, 1), date(2027, 3, 31))
    assert [(r.manual, r.calendar_uncovered) for r in rows] == [(True, False), (True, True)]


def test_accompany_and_remove(october: Database) -> None:
    with october.write() as session:
        dept = Department(name="城建科", kind=DepartmentKind.INTERNAL)
        session.add(dept)
        session.flush()
        dept_id = dept.id
    target = entry_id(october, date(2026, 10, 12))
    assert set_accompany(
        october, target, department_id=dept_id, person="陈科长", actor=actor("a")
    ).ok
    row = next(r for r in list_roster(october, *AUTUMN) if r.entry_id == target)
    assert row.accompany == "城建科 陈科长"
    assert remove_entry(october, target, reason="", actor=actor("a")).errors == {
        "reason": "请填写删除原因"
    }
    assert remove_entry(october, target, reason="领导班子集体外出调研", actor=actor("a")).ok
    assert target not in [r.entry_id for r in list_roster(october, *AUTUMN)]
    with october.read() as session:
        log = session.scalar(select(AuditLog).where(AuditLog.action == "remove_roster_entry"))
        assert log is not None and "领导班子集体外出调研" in log.summary


def test_remove_keeps_the_swap_partners_history(october: Database) -> None:
    a, b = entry_id(october, date(2026, 10, 12)), entry_id(october, date(2026, 10, 19))
    assert swap(october, a, b, reason="对调", actor=actor("a")).ok
    assert remove_entry(october, b, reason="取消", actor=actor("a")).ok
    (left,) = roster_history(october, a)
    assert (left.kind, left.other_entry_id, left.reason) == ("swap", None, "对调")


# --- leaders and rules -------------------------------------------------------------------


def test_save_leader_validates_and_keeps_the_portfolio(db: Database) -> None:
    bad = save_leader(db, LeaderInput(name=" ", phone="123", category_ids=[999]), actor=actor("a"))
    assert bad.errors == {
        "name": "请填写领导姓名",
        "phone": "电话号码格式不正确：手机号为11位，固定电话需带区号，如 0571-88889999",
        "category_ids": "所选分管问题类别不存在",
    }
    saved = save_leader(
        db,
        LeaderInput(name="王志强", title="副局长", phone="13812345678", category_ids=[3, 1]),
        actor=actor("赵丽"),
    ).unwrap()
    leaders = list_leaders(db)
    wang = next(ld for ld in leaders if ld.id == saved.id)
    assert wang.rotation_order == 3  # appended after the existing rota
    assert wang.category_ids == (1, 3) and wang.portfolio == "城乡建设、劳动社保"
    assert count(db, AuditLog, AuditLog.action == "create_leader") == 1


def test_deactivating_a_leader_with_upcoming_slots_warns(october: Database) -> None:
    result = save_leader(
        october,
        LeaderInput(id=ZHANG, name="张建国", title="局长", rotation_order=1, active=False),
        actor=actor("赵丽"),
        today=date(2026, 10, 13),
    )
    assert result.ok
    assert result.unwrap().warnings == ("张建国今后还有1个接待时段，请安排替班或递补",)
    assert [ld.name for ld in list_leaders(october, include_inactive=False)] == ["李红梅"]


def test_save_reception_rule_validates_and_stores_canonical_slots(db: Database) -> None:
    bad = save_reception_rule(
        db,
        RuleInput(
            name="", kind=K.NTH_WEEKDAY, slots="8:30", place="", weekday=None, nth=7, capacity=0
        ),
        actor=actor("a"),
    )
    assert bad.errors == {
        "name": "请填写规则名称",
        "weekday": "请选择星期几（星期一至星期日）",
        "nth": "第几个星期几应为1至5，或-1表示最后一个",
        "slots": "接待时段“8:30”格式不正确，应写成 08:30-12:00，多个时段用分号隔开",
        "place": "请填写接待地点",
        "capacity": "每个时段可预约人数应为1至200人",
    }
    saved = save_reception_rule(
        db,
        RuleInput(
            name="局长接待日",
            kind=K.NTH_WEEKDAY,
            slots="14:30－17:00；8:30-11:30",
            place="值班室",
            weekday=2,
            nth=1,
            on_day_off=P.NEXT,
        ),
        actor=actor("赵丽"),
    )
    assert saved.ok
    assert (
        saved.message
        == "已保存接待日规则：每月第一个星期三 08:30-11:30、14:30-17:00（遇节假日顺延）"
    )
    (row,) = list_rules(db)
    assert row.slots == "08:30-11:30;14:30-17:00" and row.on_day_off is P.NEXT
    every = save_reception_rule(
        db,
        RuleInput(
            name="每日", kind=K.EVERY_WORKDAY, slots="08:30-12:00", place="中心", weekday=3, nth=2
        ),
        actor=actor("a"),
    ).unwrap()
    with db.read() as session:
        stored = session.get(ReceptionRule, every.id)
        assert stored is not None and (stored.weekday, stored.nth) == (None, None)
    saturday = save_reception_rule(
        db,
        RuleInput(name="周六", kind=K.WEEKDAY, slots="09:00-11:00", place="中心", weekday=5),
        actor=actor("a"),
    ).unwrap()
    assert saturday.warnings == ("星期六、星期日通常是休息日，只有调休上班的周末才会排班",)
