"""The 排班 tab as the clerk drives it: generate, change slots, book, print, export.

Two rules at the same time on Mondays (县信访接待中心 and 城关镇接访点) and three leaders
in rota order 张建国, 李红梅, 王志强 give, in October 2026:
10-12 中心 张建国 / 接访点 李红梅; 10-19 中心 李红梅 / 接访点 王志强; 10-26 中心 王志强 /
接访点 张建国. The clerk's "today" is 2026-10-09.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt, QTime
from pytestqt.qtbot import QtBot

from petitiondesk.core.enums import DepartmentKind, ReceptionRuleKind
from petitiondesk.core.periods import (
    PERIOD_CUSTOM,
    PERIOD_MONTH,
    PERIOD_QUARTER,
    PERIOD_YEAR,
    period_containing,
    shift_period,
)
from petitiondesk.gui import operations, prompts
from petitiondesk.gui.main_window import MainWindow
from petitiondesk.gui.roster.booking_dialog import BookingDialog
from petitiondesk.gui.roster.dialogs import (
    AccompanyDialog,
    AddSlotDialog,
    ReasonDialog,
    SubstituteDialog,
    SwapDialog,
    WalkInDialog,
)
from petitiondesk.gui.roster.tab import RosterTab
from petitiondesk.gui.roster.table_model import (
    COL_ACCOMPANY,
    COL_DAY,
    COL_FLAGS,
    COL_LEADER,
    COL_PLACE,
    COL_TIME,
)
from petitiondesk.gui.tabs import TAB_INTAKE, TAB_ROSTER
from petitiondesk.services.appointments import day_queue
from petitiondesk.services.roster import (
    LeaderInput,
    RosterRow,
    RuleInput,
    list_roster,
    roster_history,
    save_leader,
    save_reception_rule,
)
from petitiondesk.store.db import Database
from petitiondesk.store.models import Appointment, AuditLog, Department, Holiday, RosterEntry
from tests.helpers import actor

TODAY = date(2026, 10, 9)
Q4 = (date(2026, 10, 1), date(2026, 12, 31))
CENTRE, POINT = "县信访接待中心", "城关镇接访点"
ZHANG, LI = 1, 2
URBAN, LABOUR, RURAL = 1, 3, 4  # 城乡建设, 劳动社保, 农村农业


@pytest.fixture
def office(db: Database) -> Database:
    for leader_id, name, title, category in (
        (ZHANG, "张建国", "局长", URBAN),
        (LI, "李红梅", "副局长", LABOUR),
        (None, "王志强", "副局长", RURAL),
    ):
        saved = save_leader(
            db,
            LeaderInput(id=leader_id, name=name, title=title, category_ids=[category]),
            actor=actor("t"),
        )
        assert saved.ok, saved.errors
    for name, place in (("每周一接待日", CENTRE), ("每周一镇接访点", POINT)):
        assert save_reception_rule(
            db,
            RuleInput(
                name=name,
                kind=ReceptionRuleKind.WEEKDAY,
                weekday=0,
                slots="08:30-12:00",
                place=place,
                capacity=2,
            ),
            actor=actor("t"),
        ).ok
    with db.write() as session:
        session.add(Department(name="青山县人社局", kind=DepartmentKind.EXTERNAL))
    return db


@pytest.fixture
def tab(qtbot: QtBot, office: Database, main_window: MainWindow) -> RosterTab:
    roster_tab = main_window.roster
    roster_tab.today = lambda: TODAY
    main_window.tabs.setCurrentIndex(TAB_ROSTER)
    roster_tab.set_period(*Q4, PERIOD_QUARTER)
    return roster_tab


def generate(qtbot: QtBot, tab: RosterTab) -> None:
    tab.generate_button.click()
    operation = tab.generate_operation
    assert operation is not None
    qtbot.waitUntil(lambda: operation.done, timeout=15_000)


def select(tab: RosterTab, day: date, place: str = CENTRE) -> RosterRow:
    row = next(r for r in tab.model.rows if r.day == day and r.place == place)
    assert tab.select_entry(row.entry_id)
    selected = tab.selected_row()
    assert selected is not None
    return selected


def leader_on(db: Database, day: date, place: str = CENTRE) -> str:
    return next(r.leader_name for r in list_roster(db, day, day) if r.place == place)


def pdf_text(path: Path) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in PdfReader(path).pages))


@pytest.fixture
def generated(qtbot: QtBot, tab: RosterTab) -> RosterTab:
    generate(qtbot, tab)
    return tab


# --- generation and the period ------------------------------------------------------------------


def test_generate_shows_the_report_and_the_roster(
    qtbot: QtBot, tab: RosterTab, main_window: MainWindow
) -> None:
    assert tab.model.rowCount() == 0
    assert not tab.print_button.isEnabled()
    with qtbot.waitSignal(main_window.hub.changed, timeout=15_000) as signal:
        tab.generate_button.click()
    assert signal.args == ["roster"]
    qtbot.waitUntil(lambda: tab.generate_operation is not None and tab.generate_operation.done)
    assert tab.report.isVisible()
    assert tab.report_title.text().startswith("2026年第四季度：新增24个接待时段")
    assert any("国庆节" in line for line in tab.report_lines())  # 10-05 skipped
    assert tab.model.rowCount() == 24
    assert tab.count_label.text() == "共 12 个接待日、24 个接待时段，已预约 0 人"
    assert main_window.statusBar().currentMessage().startswith("已生成排班：新增24个")
    assert leader_on(tab.db, date(2026, 10, 12)) == "张建国"
    assert leader_on(tab.db, date(2026, 10, 12), POINT) == "李红梅"
    assert tab.print_button.isEnabled() and tab.export_button.isEnabled()
    assert not tab.notice.isVisible()

    generate(qtbot, tab)  # again: nothing new, nothing changed
    assert "新增0个接待时段，已有24个保持不变" in tab.report_title.text()


def test_a_year_without_holidays_is_flagged(qtbot: QtBot, tab: RosterTab) -> None:
    tab.set_period(date(2035, 3, 1), date(2035, 3, 31), PERIOD_MONTH)
    assert tab.period_label.text() == "2035年3月"
    generate(qtbot, tab)
    assert "节假日尚未录入" in tab.report_title.text()
    assert tab.model.index(0, COL_DAY).data() == "2035-03-05（待核）"
    assert "法定节假日安排尚未录入" in tab.model.index(0, COL_DAY).data(Qt.ItemDataRole.ToolTipRole)
    assert tab.notice.isVisible()
    assert "2035年的法定节假日安排尚未录入" in tab.notice.text()


def test_period_selector_month_quarter_year_and_custom(tab: RosterTab) -> None:
    assert period_containing(PERIOD_QUARTER, date(2026, 11, 21)) == Q4
    assert shift_period(PERIOD_MONTH, date(2026, 12, 1), date(2026, 12, 31), 1) == (
        date(2027, 1, 1),
        date(2027, 1, 31),
    )
    assert shift_period(PERIOD_CUSTOM, date(2026, 12, 1), date(2026, 12, 10), -1) == (
        date(2026, 11, 21),
        date(2026, 11, 30),
    )
    tab.next_button.click()
    assert tab.period() == (date(2027, 1, 1), date(2027, 3, 31))
    assert tab.period_label.text() == "2027年第一季度"
    tab.period_kind.setCurrentIndex(tab.period_kind.findData(PERIOD_MONTH))
    assert tab.period() == (date(2027, 1, 1), date(2027, 1, 31))
    tab.prev_button.click()
    assert tab.period() == (date(2026, 12, 1), date(2026, 12, 31))
    tab.period_kind.setCurrentIndex(tab.period_kind.findData(PERIOD_YEAR))
    assert tab.period() == (date(2026, 1, 1), date(2026, 12, 31))
    tab.date_to.setDate(tab.date_to.date().addDays(-10))  # the clerk edits a date
    assert tab.period_kind_value() == PERIOD_CUSTOM
    assert tab.period_label.text() == "2026年1月1日至2026年12月21日"
    tab.current_button.click()
    assert tab.period_kind_value() == PERIOD_QUARTER
    assert tab.period() == (date(2026, 10, 1), date(2026, 12, 31))
    tab.date_from.setDate(tab.date_to.date().addDays(1))
    assert tab.period_label.text() == "结束日期早于开始日期"
    tab.generate_button.click()
    assert tab.generate_operation is None
    assert tab.report_title.text() == "未生成排班：结束日期不能早于开始日期"


def test_generation_without_rules_is_explained(
    qtbot: QtBot, db: Database, main_window: MainWindow
) -> None:
    tab = main_window.roster
    main_window.tabs.setCurrentIndex(TAB_ROSTER)
    generate(qtbot, tab)
    assert tab.report_title.text() == "未生成排班：没有启用的接待日规则，请先设置接待日规则"


# --- changes -------------------------------------------------------------------------------------


def test_substitute_records_history_and_refuses_a_double_booking(
    qtbot: QtBot, generated: RosterTab
) -> None:
    tab = generated
    select(tab, date(2026, 10, 12))
    tab.substitute_button.click()
    dialog = tab.dialog
    assert isinstance(dialog, SubstituteDialog) and dialog.isVisible()
    leaders = [dialog.leader.itemText(i) for i in range(dialog.leader.count())]
    assert leaders == ["李红梅（副局长）", "王志强（副局长）"]  # active, not the one on duty

    # 李红梅 already receives at the 城关镇接访点 at that time: refused, next to the field.
    dialog.leader.setCurrentIndex(dialog.leader.findData(LI))
    dialog.reason.setText("外出开会")
    dialog.save_button.click()
    operations.wait_for_all()
    assert dialog.isVisible()
    message = dialog.message_text("to_leader_id")
    assert message == "李红梅在10月12日 08:30-12:00 已在城关镇接访点接待，同一时间不能安排两处"
    assert leader_on(tab.db, date(2026, 10, 12)) == "张建国"

    dialog.leader.setCurrentIndex(dialog.leader.findText("王志强（副局长）"))
    qtbot.keyClicks(dialog.requested_by, "office")
    dialog.save_button.click()
    operations.wait_for_all()
    assert not dialog.isVisible()
    assert leader_on(tab.db, date(2026, 10, 12)) == "王志强"
    row = tab.selected_row()
    assert row is not None and row.leader_name == "王志强"  # still selected, refreshed
    line = tab.model.row_of(row.entry_id)
    assert line is not None
    assert tab.model.index(line, COL_LEADER).data() == "王志强"
    assert tab.model.index(line, COL_FLAGS).data() == "手工调整"
    assert tab.report_title.text() == "已替班：张建国→王志强"
    assert tab.history_model.rowCount() == 1
    assert tab.history_model.items[0].reason == "外出开会"
    assert tab.history_model.items[0].requested_by == "office"


def test_swap_two_slots(qtbot: QtBot, generated: RosterTab) -> None:
    tab = generated
    first = select(tab, date(2026, 10, 12))
    tab.swap_button.click()
    dialog = tab.dialog
    assert isinstance(dialog, SwapDialog)
    labels = [dialog.other.itemText(i) for i in range(dialog.other.count())]
    assert all("张建国" not in label for label in labels)  # another leader's slots only
    assert dialog.other.currentText().startswith("10月12日")  # 李红梅 at the 接访点

    # 李红梅 cannot come to the centre on 10-12: she is at the 接访点 then.
    assert dialog.select_entry(
        next(
            r.entry_id for r in tab.model.rows if r.day == date(2026, 10, 19) and r.place == CENTRE
        )
    )
    dialog.reason.setText("两位领导协商调换")
    dialog.save_button.click()
    operations.wait_for_all()
    assert dialog.isVisible()
    assert "同一时间不能安排两处" in dialog.general.text()

    other = next(r for r in tab.model.rows if r.day == date(2026, 10, 19) and r.place == POINT)
    assert dialog.select_entry(other.entry_id)
    dialog.save_button.click()
    operations.wait_for_all()
    assert not dialog.isVisible()
    assert leader_on(tab.db, date(2026, 10, 12)) == "王志强"
    assert leader_on(tab.db, date(2026, 10, 19), POINT) == "张建国"
    history = roster_history(tab.db, first.entry_id)
    assert [(h.kind_label, h.from_leader, h.to_leader) for h in history] == [
        ("调换", "张建国", "王志强")
    ]
    assert tab.report_title.text().startswith("已调换")


def test_fill_next_in_rotation_asks_the_reason(qtbot: QtBot, generated: RosterTab) -> None:
    tab = generated
    select(tab, date(2026, 10, 12))
    tab.fill_button.click()
    dialog = tab.dialog
    assert isinstance(dialog, ReasonDialog)
    dialog.save_button.click()  # no reason
    operations.wait_for_all()
    assert dialog.isVisible()
    assert dialog.message_text("reason") == "请填写递补原因"
    dialog.reason.setText("因公出差")
    dialog.save_button.click()
    operations.wait_for_all()
    assert not dialog.isVisible()
    # Next after 张建国 is 李红梅, busy at the 接访点: 王志强 fills in.
    assert leader_on(tab.db, date(2026, 10, 12)) == "王志强"
    assert tab.report_title.text() == "已按值班顺序由王志强递补张建国"


def test_a_slot_on_a_day_off_cannot_be_changed(
    qtbot: QtBot, generated: RosterTab, main_window: MainWindow
) -> None:
    tab = generated
    with tab.db.write() as session:
        session.add(Holiday(day=date(2026, 11, 16), is_workday=False, name="防汛停工"))
    main_window.hub.notify("roster")
    row = select(tab, date(2026, 11, 16))
    assert row.on_day_off
    assert tab.notice.isVisible() and "落在休息日" in tab.notice.text()
    tab.substitute_button.click()
    dialog = tab.dialog
    assert isinstance(dialog, SubstituteDialog)
    dialog.reason.setText("改期")
    dialog.save_button.click()
    operations.wait_for_all()
    assert dialog.isVisible()
    assert "2026年11月16日（星期一）是防汛停工假期，不能安排接待" in dialog.general.text()


# --- 陪同 and 手工加排 ----------------------------------------------------------------------------


def shown(tab: RosterTab, entry_id: int, column: int) -> object:
    line = tab.model.row_of(entry_id)
    assert line is not None
    return tab.model.index(line, column).data()


def entry_count(db: Database) -> int:
    with db.read() as session:
        return session.query(RosterEntry).count()


def test_accompany_is_set_shown_and_cleared(qtbot: QtBot, generated: RosterTab) -> None:
    tab = generated
    row = select(tab, date(2026, 10, 12))
    assert shown(tab, row.entry_id, COL_ACCOMPANY) == ""
    # The window may have lost activation under the offscreen platform while the hidden
    # tabs' badges were counted in the background (issue 15, not understood yet).
    tab.window().activateWindow()
    qtbot.waitUntil(tab.window().isActiveWindow)
    tab.table.setFocus()
    qtbot.keyClick(
        tab.table,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )  # 陪同…
    dialog = tab.dialog
    assert isinstance(dialog, AccompanyDialog) and dialog.isVisible()
    assert dialog.department.findText("青山县人社局") > 0
    assert not dialog.clear_button.isEnabled()  # nothing to clear yet

    dialog.save_button.click()  # no department chosen
    operations.wait_for_all()
    assert dialog.isVisible()
    assert dialog.message_text("accompany_department_id").startswith("请选择陪同部门")

    dialog.department.setCurrentIndex(dialog.department.findText("青山县人社局"))
    dialog.person.setText("陈立新")
    dialog.save_button.click()
    operations.wait_for_all()
    assert not dialog.isVisible()
    assert tab.selected_entry_id() == row.entry_id  # still selected, refreshed
    assert shown(tab, row.entry_id, COL_ACCOMPANY) == "青山县人社局 陈立新"
    assert "陪同：青山县人社局 陈立新" in tab.slot_title.text()
    assert tab.report_title.text().startswith("已设置陪同：青山县人社局 陈立新（10月12日")
    with tab.db.read() as session:
        entry = session.get(RosterEntry, row.entry_id)
        assert entry is not None and entry.accompany_department is not None
        assert (entry.accompany_department.name, entry.accompany_person) == (
            "青山县人社局",
            "陈立新",
        )

    tab.accompany_button.click()  # again: shows what is set, and clears it
    dialog = tab.dialog
    assert isinstance(dialog, AccompanyDialog)
    assert dialog.department.currentText() == "青山县人社局"
    assert dialog.person.text() == "陈立新"
    assert dialog.clear_button.isEnabled()
    dialog.clear_button.click()
    operations.wait_for_all()
    assert not dialog.isVisible()
    assert shown(tab, row.entry_id, COL_ACCOMPANY) == ""
    assert "陪同" not in tab.slot_title.text()
    assert tab.report_title.text().startswith("已清除陪同")
    with tab.db.read() as session:
        entry = session.get(RosterEntry, row.entry_id)
        assert entry is not None
        assert (entry.accompany_department_id, entry.accompany_person) == (None, "")


def test_accompany_needs_a_slot(tab: RosterTab) -> None:
    assert not tab.accompany_button.isEnabled()
    assert tab.accompany() is None
    assert tab.add_slot_button.isEnabled()  # 手工加排 works without a selected slot


def test_add_a_manual_slot(qtbot: QtBot, generated: RosterTab) -> None:
    tab = generated
    select(tab, date(2026, 10, 12))
    tab.table.setFocus()
    qtbot.keyClick(
        tab.table,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )  # 手工加排…
    dialog = tab.dialog
    assert isinstance(dialog, AddSlotDialog) and dialog.isVisible()
    # It starts from the selected slot; the leader is chosen by the clerk.
    assert dialog.day.date() == QDate(2026, 10, 12)
    assert (dialog.start.time(), dialog.end.time()) == (QTime(8, 30), QTime(12, 0))
    assert dialog.place.currentText() == CENTRE
    assert dialog.capacity.value() == 2
    assert dialog.leader.currentData() is None

    dialog.day.setDate(QDate(2026, 10, 14))  # a Wednesday
    dialog.start.setTime(QTime(14, 30))
    dialog.end.setTime(QTime(14, 0))
    dialog.save_button.click()
    operations.wait_for_all()
    assert dialog.isVisible()
    assert dialog.message_text("leader_id") == "请选择接待领导"
    assert dialog.message_text("end") == "结束时间应晚于开始时间"

    dialog.end.setTime(QTime(17, 30))
    dialog.leader.setCurrentIndex(dialog.leader.findData(LI))
    dialog.capacity.setValue(5)
    dialog.note.setText("临时加开接待日")
    before = entry_count(tab.db)
    dialog.save_button.click()
    operations.wait_for_all()
    assert not dialog.isVisible()
    assert entry_count(tab.db) == before + 1

    row = tab.selected_row()  # the new slot appears and is selected
    assert row is not None and row.day == date(2026, 10, 14)
    assert (row.leader_name, row.manual, row.capacity) == ("李红梅", True, 5)
    assert row.note == "临时加开接待日"
    assert shown(tab, row.entry_id, COL_TIME) == "14:30-17:30"
    assert shown(tab, row.entry_id, COL_PLACE) == CENTRE
    assert shown(tab, row.entry_id, COL_FLAGS) == "手工调整"
    assert tab.report_title.text() == "已加排 10月14日 李红梅"
    assert tab.model.rowCount() == 25
    with tab.db.read() as session:
        entry = session.get(RosterEntry, row.entry_id)
        assert entry is not None and entry.manual and entry.rule_id is None


def test_a_conflicting_manual_slot_is_refused(qtbot: QtBot, generated: RosterTab) -> None:
    tab = generated
    select(tab, date(2026, 10, 12))
    before = entry_count(tab.db)
    dialog = tab.add_slot()
    # 张建国 receives at the centre 08:30-12:00 that day: not at the 县政府 at 09:00 too.
    dialog.place.setEditText("县政府第二会议室")
    dialog.start.setTime(QTime(9, 0))
    dialog.end.setTime(QTime(11, 0))
    dialog.leader.setCurrentIndex(dialog.leader.findData(ZHANG))
    dialog.save_button.click()
    operations.wait_for_all()
    assert dialog.isVisible()
    assert dialog.message_text("leader_id") == (
        "张建国在10月12日 08:30-12:00 已在县信访接待中心接待，同一时间不能安排两处"
    )
    assert dialog.leader.hasFocus() or not dialog.isActiveWindow()

    # 10-05 is 国庆节; the centre is taken at 08:30 on 10-12 (王志强 is free then):
    # each refusal next to its field, nothing saved.
    dialog.day.setDate(QDate(2026, 10, 5))
    dialog.save_button.click()
    operations.wait_for_all()
    assert "不能安排接待" in dialog.message_text("day")
    dialog.day.setDate(QDate(2026, 10, 12))
    dialog.place.setEditText(CENTRE)
    dialog.start.setTime(QTime(8, 30))
    dialog.leader.setCurrentIndex(dialog.leader.findText("王志强（副局长）"))
    dialog.save_button.click()
    operations.wait_for_all()
    assert dialog.message_text("start") == f"{CENTRE}在该时间已有排班（张建国）"
    assert dialog.message_text("leader_id") == ""
    assert entry_count(tab.db) == before
    assert tab.model.rowCount() == 24
    dialog.cancel_button.click()
    assert not dialog.isVisible()


def test_a_manual_slot_outside_the_period_is_shown_with_its_warning(tab: RosterTab) -> None:
    assert tab.selected_row() is None  # nothing generated: no slot to start from
    dialog = tab.add_slot()
    assert dialog.day.date() == QDate(2026, 10, 9)  # today
    assert dialog.place.currentText() == ""
    dialog.save_button.click()
    operations.wait_for_all()
    assert dialog.message_text("place") == "请填写接待地点"
    dialog.place.setCurrentIndex(dialog.place.findText(POINT))  # the rules' places
    dialog.day.setDate(QDate(2035, 3, 7))  # a year whose holidays are not entered
    dialog.leader.setCurrentIndex(dialog.leader.findData(ZHANG))
    dialog.save_button.click()
    operations.wait_for_all()
    assert not dialog.isVisible()
    assert tab.period() == (date(2035, 1, 1), date(2035, 3, 31))  # its quarter is shown
    row = tab.selected_row()
    assert row is not None and (row.day, row.place) == (date(2035, 3, 7), POINT)
    assert tab.report_lines() == ["2035年的节假日安排尚未录入，请确认该日是工作日"]


# --- appointments ----------------------------------------------------------------------------------


def test_booking_suggests_the_owner_warns_and_rebooks(qtbot: QtBot, generated: RosterTab) -> None:
    tab = generated
    select(tab, date(2026, 10, 12))  # 张建国 owns 城乡建设, not 劳动社保
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)  # Enter: book this slot
    dialog = tab.dialog
    assert isinstance(dialog, BookingDialog) and dialog.isVisible()
    dialog.visitor_name.setText("王秀英")
    qtbot.keyClicks(dialog.phone, "13803710123")
    dialog.category.setCurrentIndex(dialog.category.findText("劳动社保"))
    suggestions = dialog.suggestions()
    assert [(s.day.day, s.leader_name, s.covers_category) for s in suggestions] == [
        (12, "李红梅", True),
        (19, "李红梅", True),
        (12, "张建国", False),
        (19, "王志强", False),
    ]
    assert dialog.slots.item(0).text().startswith("【分管】10月12日（星期一）08:30-12:00 李红梅")
    assert dialog.selected_entry_id() == tab.selected_entry_id()  # the clerk's slot stays
    assert "张建国不分管“劳动社保”，建议预约李红梅 10月12日" in dialog.match_hint.text()
    dialog.summary.setPlainText("反映原单位改制时未补缴养老保险费。")
    dialog.book_button.click()
    operations.wait_for_all()

    booking = dialog.booking
    assert booking is not None and booking.leader_name == "张建国"
    assert dialog.result_label.text().startswith(
        "已预约：10月12日 08:30-12:00 县信访接待中心 张建国"
    )
    assert "所选领导不分管该问题类别（劳动社保），建议改约李红梅领导" in dialog.warning_label.text()
    assert dialog.better_button.isVisible()
    assert dialog.better_button.text() == "改约到 10月12日（星期一）08:30-12:00 李红梅"
    assert dialog.print_button.isVisible() and not dialog.book_button.isVisible()
    assert len(day_queue(tab.db, booking.entry_id)) == 1

    dialog.better_button.click()
    operations.wait_for_all()
    rebooked = dialog.booking
    assert rebooked is not None and rebooked.leader_name == "李红梅"
    assert not dialog.warning_label.isVisible() and not dialog.better_button.isVisible()
    assert day_queue(tab.db, booking.entry_id) == []  # the first booking is cancelled
    with tab.db.read() as session:
        statuses = sorted(a.status for a in session.query(Appointment))
    assert statuses == ["booked", "cancelled"]
    dialog.close_button.click()
    # The tab follows the booking: its slot and visitor are selected.
    assert tab.selected_entry_id() == rebooked.entry_id
    item = tab.selected_queue_item()
    assert item is not None and item.visitor_name == "王秀英"
    assert tab.model.index(tab.model.row_of(rebooked.entry_id) or 0, 8).data() == "1/2"


def test_booking_without_a_chosen_slot_goes_to_the_owner(
    qtbot: QtBot, generated: RosterTab
) -> None:
    tab = generated
    select(tab, date(2026, 10, 12))
    qtbot.keyClick(tab.table, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # 预约…
    dialog = tab.dialog
    assert isinstance(dialog, BookingDialog)
    assert dialog.slots.currentRow() == 0  # by date: 10-12 中心 张建国
    dialog.category.setCurrentIndex(dialog.category.findText("农村农业"))
    chosen = dialog.suggestions()[dialog.slots.currentRow()]
    assert (chosen.day, chosen.leader_name) == (date(2026, 10, 19), "王志强")
    assert dialog.match_hint.text() == "所选领导分管“农村农业”。"
    dialog.slots.setCurrentRow(2)  # the clerk picks another slot: it stays picked
    picked = dialog.selected_entry_id()
    dialog.days.setValue(30)
    assert dialog.selected_entry_id() == picked


def test_booking_errors_are_shown_next_to_the_fields(qtbot: QtBot, generated: RosterTab) -> None:
    tab = generated
    dialog = tab.book()
    dialog.book_button.click()
    operations.wait_for_all()
    assert dialog.message_text("visitor_name") == "请填写来访人姓名"
    assert dialog.message_text("category_id") == "请选择问题类别"
    assert dialog.visitor_name.hasFocus() or not dialog.isActiveWindow()
    qtbot.keyClicks(dialog.phone, "12345")
    dialog.visitor_name.setText("王秀英")
    dialog.category.setCurrentIndex(dialog.category.findText("城乡建设"))
    dialog.book_button.click()
    operations.wait_for_all()
    assert dialog.message_text("visitor_name") == ""
    assert "电话" in dialog.message_text("phone")
    assert dialog.booking is None


def test_walk_in_and_cancel(
    qtbot: QtBot, generated: RosterTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = generated
    select(tab, date(2026, 10, 19))
    tab.walk_in_button.click()
    dialog = tab.dialog
    assert isinstance(dialog, WalkInDialog)
    dialog.visitor_name.setText("赵德明")
    dialog.save_button.click()
    operations.wait_for_all()
    assert not dialog.isVisible()
    assert tab.queue_model.rowCount() == 1
    assert tab.queue_model.items[0].ticket == "现场1号"
    assert tab.cancel_button.isEnabled() and tab.cards_button.isEnabled()

    asked: list[str] = []
    monkeypatch.setattr(prompts, "confirm", lambda _p, _t, text, **_k: asked.append(text) or True)
    tab.cancel_button.click()
    operations.wait_for_all()
    assert asked and "赵德明" in asked[0]
    assert tab.queue_model.rowCount() == 0
    assert not tab.cancel_button.isEnabled()


# --- printing and export -------------------------------------------------------------------------


def test_print_roster_opens_the_preview(qtbot: QtBot, generated: RosterTab) -> None:
    tab = generated
    operation = tab.print_roster()
    assert operation is not None
    qtbot.waitUntil(lambda: operation.done, timeout=20_000)
    preview = tab.preview
    assert preview is not None and preview.isVisible()
    assert preview.windowTitle() == "排班公示 2026年第四季度 — 打印预览"
    assert preview.file_name == "信访办公室领导接待日安排表（2026年第四季度）.pdf"
    text = pdf_text(preview.pdf_path)
    assert "领导接待日安排表" in text and "2026年第四季度" in text
    for name in ("张建国", "李红梅", "王志强"):
        assert name in text
    folder = preview.pdf_path.parent
    preview.close_button.click()
    qtbot.waitUntil(lambda: not folder.exists())


def test_export_roster_to_excel(
    qtbot: QtBot, generated: RosterTab, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    tab = generated
    target = tmp_path / "导出" / "排班.xlsx"
    asked: list[Path] = []

    def ask(_parent: Any, _title: str, suggested: Path, _filter: str) -> Path:
        asked.append(suggested)
        return target

    monkeypatch.setattr(prompts, "ask_save_path", ask)
    monkeypatch.setattr(prompts, "ask_export_use", lambda *_a, **_k: True)
    operation = tab.export_roster()
    assert operation is not None
    qtbot.waitUntil(lambda: operation.done, timeout=20_000)
    assert asked[0].name == "信访办公室领导接待日安排表（2026年第四季度）.xlsx"
    with tab.db.read() as session:
        row = session.scalars(sa.select(AuditLog).order_by(AuditLog.id.desc())).first()
        assert row is not None and row.action == "export_roster_publication"
        assert "对外提供" in row.summary and '"use": "对外"' in row.after
    sheet = load_workbook(target).active
    assert sheet is not None
    leaders = [row[4] for row in sheet.iter_rows(values_only=True) if row[1] == "星期一"]
    assert len(leaders) == 12  # one row per Monday: its two places inside the cells
    assert leaders[0] == "① 张建国\n② 李红梅"
    assert tab.window().statusBar().currentMessage().startswith("已导出排班 24 个接待时段")


def test_print_cards_of_the_selected_visitor(qtbot: QtBot, generated: RosterTab) -> None:
    tab = generated
    dialog = tab.book()  # no slot chosen: the first slot of the owner of the issue
    dialog.visitor_name.setText("孙桂兰")
    dialog.category.setCurrentIndex(dialog.category.findText("劳动社保"))
    dialog.book_button.click()
    operations.wait_for_all()
    assert dialog.booking is not None
    assert dialog.booking.leader_name == "李红梅"
    dialog.close_button.click()
    assert tab.selected_queue_item() is not None
    qtbot.keyClick(tab.queue, Qt.Key.Key_Return)  # Enter on the visitor: 打印四卡
    operation = tab.print_operation
    assert operation is not None
    qtbot.waitUntil(lambda: operation.done, timeout=20_000)
    preview = tab.preview
    assert preview is not None
    assert preview.windowTitle().startswith("领导接待日四卡 YY20261012-")  # 李红梅 at the 接访点
    text = pdf_text(preview.pdf_path)
    for expected in (
        "孙桂兰",
        "李红梅",
        "领导接待日通知卡（来访人联）",
        "领导接待日存根（办公室留存）",
    ):
        assert expected in text


# --- the window -------------------------------------------------------------------------------------


def test_roster_menu_switches_to_the_tab(
    qtbot: QtBot, office: Database, main_window: MainWindow
) -> None:
    main_window.tabs.setCurrentIndex(TAB_INTAKE)
    main_window.roster.today = lambda: TODAY
    assert not main_window.roster.substitute_action.isEnabled()  # no slot selected
    main_window.roster.generate_roster_action.trigger()
    assert main_window.tabs.currentIndex() == TAB_ROSTER
    operation = main_window.roster.generate_operation
    assert operation is not None
    qtbot.waitUntil(lambda: operation.done, timeout=15_000)
    assert main_window.roster.select_row(0)
    assert main_window.roster.substitute_action.isEnabled()
    assert not main_window.roster.cards_action.isEnabled()


def test_enter_on_a_slot_opens_the_booking_for_it(qtbot: QtBot, generated: RosterTab) -> None:
    tab = generated
    row = select(tab, date(2026, 10, 19), POINT)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    dialog = tab.dialog
    assert isinstance(dialog, BookingDialog)
    assert dialog.selected_entry_id() == row.entry_id
    assert dialog.unit.findText("青山县人社局") > 0
