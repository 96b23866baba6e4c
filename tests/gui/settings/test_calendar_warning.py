"""The status bar says, in one line with a button, that next year's holidays are missing
(from 1 October) — and stops saying it once the year is marked complete."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from petitiondesk.gui import operations
from petitiondesk.gui.main_window import MainWindow
from petitiondesk.gui.settings.holidays_dialog import HolidaysDialog


def test_the_warning_shows_on_4_december_and_goes_once_2027_is_complete(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    warning = main_window.settings_menu.calendar_warning
    warning.today = lambda: date(2026, 9, 30)
    warning.refresh()
    assert warning.text == "" and not warning.isVisibleTo(main_window)

    warning.today = lambda: date(2026, 12, 4)
    warning.refresh()
    assert warning.isVisibleTo(main_window)
    assert warning.text.startswith("2027年节假日安排尚未录入")
    assert "\n" not in warning.text

    # The button opens the 节假日 screen on the missing year.
    qtbot.mouseClick(warning.button, Qt.MouseButton.LeftButton)
    dialog = main_window.settings_menu.holidays_dialog
    assert isinstance(dialog, HolidaysDialog) and dialog.isVisible()
    assert dialog.shown_year() == 2027
    assert dialog.complete_button.isEnabled()

    dialog.complete_button.click()  # no open deadline moves: no question
    assert operations.wait_for_all()
    # The write told the hub CALENDAR: the status bar refreshed itself.
    assert warning.text == "" and not warning.isVisibleTo(main_window)
    assert dialog.complete_box.isChecked() and not dialog.complete_button.isEnabled()


def test_the_overdue_board_says_so_too_and_its_button_opens_the_holiday_screen(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    board = main_window.referral.calendar_warning
    board.today = lambda: date(2026, 12, 4)
    board.refresh()
    main_window.tabs.setCurrentWidget(main_window.referral)
    assert board.isVisibleTo(main_window)
    assert board.text.startswith("2027年节假日安排尚未录入")
    main_window.settings_menu.calendar_warning.today = lambda: date(2026, 12, 4)
    main_window.settings_menu.calendar_warning.refresh()
    qtbot.mouseClick(board.button, Qt.MouseButton.LeftButton)
    dialog = main_window.settings_menu.holidays_dialog
    assert isinstance(dialog, HolidaysDialog) and dialog.isVisible()
    assert dialog.shown_year() == 2027
    dialog.complete_button.click()
    assert operations.wait_for_all()
    assert board.text == ""  # the CALENDAR topic reached the board as well
