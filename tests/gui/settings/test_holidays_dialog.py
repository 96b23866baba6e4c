"""节假日安排…: a 2027 holiday line entered as the clerk reads the notice, previewed on the
month calendar with the deadline it moves, saved with its audit rows; a bad line is
named by its number and nothing is saved; a bundled day overridden and restored."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from petitiondesk.core.enums import AcceptanceDecision
from petitiondesk.gui import operations, prompts
from petitiondesk.gui.main_window import MainWindow
from petitiondesk.gui.settings.holidays_dialog import HolidaysDialog
from petitiondesk.gui.settings.holidays_view import OFF_COLOR, WORK_COLOR
from petitiondesk.gui.widgets.dates import to_qdate
from petitiondesk.services import holidays
from petitiondesk.services.acceptance import AcceptanceInput, decide_acceptance
from petitiondesk.services.intake import register_visit
from petitiondesk.store.db import Database
from petitiondesk.store.models import AuditLog, CalendarYear, Holiday, Petition
from tests.helpers import actor, visit_input

# Invented for the test (chinesecalendar stops at 2026): 1月31日 is a Sunday, 2月20日 a Saturday.
SPRING_2027 = "春节 2月6日至2月12日放假，1月31日（周日）、2月20日（周六）上班"


def accepted_case(db: Database) -> str:
    """A case accepted on 2026-12-10: its 60-day limit 2027-02-08 is an estimate (待核)."""
    visit = register_visit(
        db, visit_input(received_at=datetime(2026, 12, 9, 9, 0)), actor=actor("a"),
        now=datetime(2026, 12, 9, 10, 0),
    ).unwrap()  # fmt: skip
    decide_acceptance(
        db, visit.register_no, AcceptanceInput(AcceptanceDecision.ACCEPT, date(2026, 12, 10)),
        actor=actor("a"), today=date(2026, 12, 10),
    ).unwrap()  # fmt: skip
    return visit.register_no


def count(db: Database, model: type) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def audit_count(db: Database, action: str) -> int:
    with db.read() as session:
        stmt = select(func.count()).select_from(AuditLog).where(AuditLog.action == action)
        return int(session.scalar(stmt) or 0)


def handling_due(db: Database, register_no: str) -> tuple[date | None, bool]:
    with db.read() as session:
        row = session.scalar(select(Petition).where(Petition.register_no == register_no))
        assert row is not None
        return row.handling_due, row.handling_due_uncovered


def open_dialog(qtbot: QtBot, main_window: MainWindow, year: str) -> HolidaysDialog:
    main_window.settings_menu.holidays_action.trigger()
    dialog = main_window.settings_menu.holidays_dialog
    assert isinstance(dialog, HolidaysDialog) and dialog.isVisible()
    dialog.year.selectAll()
    qtbot.keyClicks(dialog.year, year)
    qtbot.keyClick(dialog.year, Qt.Key.Key_Return)
    assert dialog.shown_year() == int(year)
    return dialog


def color_of(dialog: HolidaysDialog, day: date) -> str:
    return QColor(dialog.calendar.dateTextFormat(to_qdate(day)).foreground().color()).name()


def test_entering_a_2027_holiday_line_previews_then_saves_and_moves_the_deadline(
    qtbot: QtBot, db: Database, main_window: MainWindow
) -> None:
    register_no = accepted_case(db)
    assert handling_due(db, register_no) == (date(2027, 2, 8), True)
    dialog = open_dialog(qtbot, main_window, "2027")
    assert "未录入完整" in dialog.year_state.text() and not dialog.complete_box.isChecked()
    assert dialog.model.rowCount() == 0 and not dialog.save_button.isEnabled()

    dialog.notice.setPlainText(SPRING_2027)
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert operations.wait_for_all()

    # The month calendar shows the days off red and the make-up days blue ...
    assert dialog.calendar.monthShown() == 1 and dialog.calendar.yearShown() == 2027
    assert color_of(dialog, date(2027, 2, 8)) == QColor(OFF_COLOR).name()
    assert color_of(dialog, date(2027, 1, 31)) == QColor(WORK_COLOR).name()
    assert dialog.model.rowCount() == 9
    # ... and the deadline that would move, before anything is saved.
    moves = [dialog.moves.item(i).text() for i in range(dialog.moves.count())]
    assert moves == [f"{register_no} 办理期限 2027-02-08 → 2027-02-15（已确定）"]
    assert "预览" in dialog.days_title.text()
    assert count(db, Holiday) == 0 and handling_due(db, register_no) == (date(2027, 2, 8), True)
    assert dialog.save_button.isEnabled()

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert operations.wait_for_all()

    assert count(db, Holiday) == 9 and count(db, CalendarYear) == 1
    assert handling_due(db, register_no) == (date(2027, 2, 15), False)
    assert audit_count(db, "save_holiday") == 9
    assert audit_count(db, "complete_calendar_year") == 1
    assert audit_count(db, "recompute_deadline") == 1
    assert "已保存2027年节假日安排" in dialog.result_label.text()
    assert [dialog.moves.item(i).text() for i in range(dialog.moves.count())] == moves
    assert dialog.moves_title.text() == "已变动的期限："
    assert "已录入完整" in dialog.year_state.text() and dialog.complete_box.isChecked()
    # The box now holds the saved year as notice lines, ready to be corrected.
    assert dialog.notice.toPlainText() == "春节 2月6日至2月12日放假，1月31日、2月20日上班"
    assert {d.source for d in holidays.list_year(db, 2027).days} == {"office"}


def test_a_bad_line_is_shown_with_its_number_and_nothing_is_saved(
    qtbot: QtBot, db: Database, main_window: MainWindow
) -> None:
    dialog = open_dialog(qtbot, main_window, "2027")
    dialog.notice.setPlainText("元旦 1月1日放假\n春节 2月6日至2月12日放假，2月4日、2月15日上班")
    dialog.preview_button.click()
    assert operations.wait_for_all()
    message = dialog.notice_message
    assert message.is_error and message.isVisibleTo(dialog)
    assert message.text().startswith("第2行：2月4日是星期四")
    assert not dialog.save_button.isEnabled()
    dialog.save_button.click()  # disabled: nothing happens
    assert operations.wait_for_all()
    assert count(db, Holiday) == 0 and count(db, CalendarYear) == 0
    # Correcting the text clears the message.
    dialog.notice.setPlainText("元旦 1月1日放假")
    assert not message.isVisibleTo(dialog)


def test_a_bundled_day_is_overridden_and_restored(
    qtbot: QtBot, db: Database, main_window: MainWindow
) -> None:
    dialog = open_dialog(qtbot, main_window, "2026")
    assert "内置数据" in dialog.year_state.text() and not dialog.notice.isEnabled()
    assert not dialog.complete_button.isEnabled()
    first = holidays.list_year(db, 2026).days[0]
    assert not first.is_workday  # 2026-01-01 元旦
    dialog.calendar.setSelectedDate(to_qdate(first.day))
    assert dialog.table.currentIndex().row() == 0
    assert not dialog.restore_button.isEnabled() and dialog.to_work_button.isEnabled()

    day = date(2026, 1, 10)  # a Saturday without an arrangement
    dialog.calendar.setSelectedDate(to_qdate(day))
    assert dialog.to_work_button.isEnabled()
    dialog.to_work_button.click()
    assert operations.wait_for_all()
    row = next(d for d in holidays.list_year(db, 2026).days if d.day == day)
    assert row.is_workday and row.source == "office"
    assert dialog.restore_button.isEnabled()
    dialog.restore_button.click()
    assert operations.wait_for_all()
    assert all(d.day != day for d in holidays.list_year(db, 2026).days)
    assert audit_count(db, "save_holiday") == 1 and audit_count(db, "remove_holiday") == 1


def test_import_and_export_go_through_the_file_prompts(
    qtbot: QtBot,
    db: Database,
    main_window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("日期,类型,节日\n2027-10-01,放假,国庆节\n", encoding="utf-8")
    monkeypatch.setattr(prompts, "ask_open_path", lambda *_a, **_k: source)
    monkeypatch.setattr(prompts, "confirm", lambda *_a, **_k: True)
    dialog = open_dialog(qtbot, main_window, "2026")
    dialog.import_button.click()
    assert operations.wait_for_all()
    assert dialog.shown_year() == 2027
    assert [(d.day, d.source) for d in holidays.list_year(db, 2027).days] == [
        (date(2027, 10, 1), "imported")
    ]
    target = tmp_path / "out.csv"
    monkeypatch.setattr(prompts, "ask_save_path", lambda *_a, **_k: target)
    assert dialog.export_file() == target
    assert "2027-10-01,放假,国庆节" in target.read_text(encoding="utf-8")
