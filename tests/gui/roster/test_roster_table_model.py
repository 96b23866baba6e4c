"""The 排班 tab's table models, without widgets: columns, raw rows, flags, narrow updates."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from petitiondesk.core.enums import ReceptionRuleKind
from petitiondesk.gui.roster.table_model import (
    ALERT_BACKGROUND,
    COL_ACCOMPANY,
    COL_BOOKED,
    COL_DAY,
    COL_FLAGS,
    COL_LEADER,
    COL_PLACE,
    COL_PORTFOLIO,
    COL_TIME,
    COL_TITLE,
    COL_WEEKDAY,
    HEADERS,
    ITEM_ROLE,
    ROSTER_ROW_ROLE,
    HistoryTableModel,
    QueueTableModel,
    RosterTableModel,
)
from petitiondesk.services.appointments import (
    BookingInput,
    WalkInInput,
    book_appointment,
    day_queue,
    register_walk_in,
)
from petitiondesk.services.roster import (
    LeaderInput,
    RosterRow,
    RuleInput,
    generate_roster,
    list_roster,
    roster_history,
    save_leader,
    save_reception_rule,
    set_accompany,
    substitute,
)
from petitiondesk.store.db import Database
from petitiondesk.store.models import Holiday
from tests.helpers import actor

ZHANG, LI = 1, 2
URBAN, LABOUR = 1, 3
Q4 = (date(2026, 10, 1), date(2026, 12, 31))

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def office(db: Database) -> Database:
    for leader_id, name, title, order, category in (
        (ZHANG, "张建国", "局长", 1, URBAN),
        (LI, "李红梅", "副局长", 2, LABOUR),
    ):
        assert save_leader(
            db,
            LeaderInput(
                id=leader_id, name=name, title=title, rotation_order=order, category_ids=[category]
            ),
            actor=actor("t"),
        ).ok
    assert save_reception_rule(
        db,
        RuleInput(
            name="每周一",
            kind=ReceptionRuleKind.WEEKDAY,
            weekday=0,
            slots="08:30-12:00",
            place="县信访接待中心",
            capacity=2,
        ),
        actor=actor("t"),
    ).ok
    assert generate_roster(db, *Q4, actor=actor("t")).ok
    return db


def texts(model: RosterTableModel, row: int) -> list[Any]:
    return [model.index(row, column).data() for column in range(model.columnCount())]


def test_columns_and_display(office: Database) -> None:
    model = RosterTableModel(office, *Q4)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(HEADERS))] == [
        "日期",
        "星期",
        "时间",
        "地点",
        "接待领导",
        "职务",
        "分管领域",
        "陪同",
        "预约",
        "标记",
    ]
    assert model.rowCount() == 12  # 13 Mondays, 国庆 10-05 skipped
    first = texts(model, 0)
    assert first[COL_DAY] == "2026-10-12"
    assert first[COL_WEEKDAY] == "星期一"
    assert first[COL_TIME] == "08:30-12:00"
    assert first[COL_PLACE] == "县信访接待中心"
    assert (first[COL_LEADER], first[COL_TITLE], first[COL_PORTFOLIO]) == (
        "张建国",
        "局长",
        "城乡建设",
    )
    assert first[COL_ACCOMPANY] == ""
    assert first[COL_BOOKED] == "0/2"
    assert first[COL_FLAGS] == ""
    assert texts(model, 1)[COL_LEADER] == "李红梅"
    raw = model.index(0, COL_PLACE).data(ROSTER_ROW_ROLE)
    assert isinstance(raw, RosterRow) and raw.day == date(2026, 10, 12)
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsSelectable
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable


def test_period_change_and_reversed_period(office: Database) -> None:
    model = RosterTableModel(office, *Q4)
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.set_period(date(2026, 11, 1), date(2026, 11, 30))
    assert model.period == (date(2026, 11, 1), date(2026, 11, 30))
    assert [r.day.day for r in model.rows] == [2, 9, 16, 23, 30]
    model.set_period(date(2026, 11, 1), date(2026, 11, 30))  # same period: no reload
    assert len(resets) == 1
    model.set_period(date(2026, 12, 1), date(2026, 11, 1))
    assert model.rowCount() == 0


def test_bookings_changes_and_accompany_update_one_row(office: Database) -> None:
    model = RosterTableModel(office, *Q4)
    entry = model.rows[1].entry_id  # 10-19, 李红梅
    changed: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(
        lambda a, b, _roles=(): changed.append((a.row(), a.column(), b.row(), b.column()))
    )
    book_appointment(
        office,
        BookingInput(entry_id=entry, visitor_name="王秀英", category_id=LABOUR),
        actor=actor("t"),
        today=date(2026, 10, 9),
    ).unwrap()
    register_walk_in(office, WalkInInput(entry_id=entry, visitor_name="赵德明"), actor=actor("t"))
    assert substitute(office, entry, ZHANG, reason="外出开会", actor=actor("t")).ok
    assert set_accompany(
        office, entry, department_id=None, person="信访科 王科长", actor=actor("t")
    ).ok
    assert model.refresh_entry(entry)
    assert changed == [(1, 0, 1, len(HEADERS) - 1)]  # one line, nothing else
    row = texts(model, 1)
    assert row[COL_LEADER] == "张建国"
    assert row[COL_BOOKED] == "1/2 +现场1"
    assert row[COL_FLAGS] == "手工调整"
    assert row[COL_ACCOMPANY] == "信访科 王科长"
    tip = model.index(1, COL_BOOKED).data(Qt.ItemDataRole.ToolTipRole)
    assert "已预约1人" in tip and "现场排队1人" in tip
    assert "替班" in model.index(1, COL_FLAGS).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(1, COL_LEADER).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert not model.refresh_entry(99999)


def test_uncovered_year_is_marked_with_an_explanation(office: Database) -> None:
    period = (date(2035, 3, 1), date(2035, 3, 31))
    assert generate_roster(office, *period, actor=actor("t")).ok
    model = RosterTableModel(office, *period)
    assert model.uncovered_years() == [2035]
    assert model.index(0, COL_DAY).data() == "2035-03-05（待核）"
    assert model.index(0, COL_FLAGS).data() == "待核"
    tip = model.index(0, COL_DAY).data(Qt.ItemDataRole.ToolTipRole)
    assert "2035年的法定节假日安排尚未录入" in tip
    assert "重新生成" in tip


def test_a_slot_on_a_new_holiday_is_flagged_red(office: Database) -> None:
    with office.write() as session:
        session.add(Holiday(day=date(2026, 11, 16), is_workday=False, name="防汛停工"))
    model = RosterTableModel(office, *Q4)
    row = next(i for i, r in enumerate(model.rows) if r.day == date(2026, 11, 16))
    assert model.day_off_count() == 1
    assert model.index(row, COL_FLAGS).data() == "遇节假日（防汛停工）"
    background = model.index(row, COL_TIME).data(Qt.ItemDataRole.BackgroundRole)
    assert isinstance(background, QBrush) and background.color() == ALERT_BACKGROUND
    assert "防汛停工" in model.index(row, COL_DAY).data(Qt.ItemDataRole.ToolTipRole)


DISPLAY_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)


def test_queue_and_history_models(office: Database) -> None:
    entry = list_roster(office, date(2026, 10, 19), date(2026, 10, 19))[0].entry_id
    register_walk_in(office, WalkInInput(entry_id=entry, visitor_name="赵德明"), actor=actor("t"))
    book_appointment(
        office,
        BookingInput(
            entry_id=entry,
            visitor_name="王秀英",
            category_id=LABOUR,
            phone="13803710123",
            summary="反映\n养老保险问题",
        ),
        actor=actor("t"),
        today=date(2026, 10, 9),
        now=datetime(2026, 10, 9, 10, 0),
    ).unwrap()
    queue = QueueTableModel()
    queue.set_items(day_queue(office, entry))
    assert queue.rowCount() == 2 and queue.columnCount() == 7
    cells = [[queue.index(r, c).data() for c in range(7)] for r in range(2)]
    assert cells[0] == [
        "1",
        "预约1号",
        "王秀英",
        "138****0123",  # lists show phones masked
        "劳动社保",
        "待接待",
        "反映 养老保险问题",
    ]
    assert cells[1][:3] == ["2", "现场1号", "赵德明"]  # walk-ins after the appointments
    assert queue.index(0, 0).data(ITEM_ROLE).visitor_name == "王秀英"
    assert queue.index(0, 3).data(ITEM_ROLE).phone == "13803710123"  # the raw object keeps it
    shown = [queue.index(0, c).data(role) for c in range(7) for role in DISPLAY_ROLES]
    assert not any("13803710123" in str(v) for v in shown)
    assert queue.row_of(queue.items[1].appointment_id) == 1

    assert substitute(
        office, entry, ZHANG, reason="外出开会", requested_by="办公室", actor=actor("赵丽")
    ).ok
    history = HistoryTableModel()
    history.set_items(roster_history(office, entry))
    assert history.rowCount() == 1
    row = [history.index(0, c).data() for c in range(history.columnCount())]
    assert row[1:] == ["替班", "李红梅→张建国", "外出开会", "办公室 / 赵丽"]
    assert "原因：外出开会" in history.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
