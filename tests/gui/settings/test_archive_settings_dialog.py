"""办公室设置 → 归档设置…: codes checked under their fields, a live 档号 example."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from petitiondesk.core.archive import Retention
from petitiondesk.gui import operations
from petitiondesk.gui.main_window import MainWindow
from petitiondesk.gui.settings.archive_dialog import ArchiveSettingsDialog
from petitiondesk.services.archive import get_archive_settings
from petitiondesk.store.db import Database


def open_dialog(main_window: MainWindow) -> ArchiveSettingsDialog:
    main_window.settings_menu.office_action.trigger()
    office = main_window.settings_menu.office_dialog
    assert office is not None
    dialog = office.open_archive_settings()
    assert isinstance(dialog, ArchiveSettingsDialog) and dialog.isVisible()
    return dialog


def test_codes_are_checked_and_saved(qtbot: QtBot, db: Database, main_window: MainWindow) -> None:
    dialog = open_dialog(main_window)
    assert dialog.class_code.text() == "WS"
    qtbot.keyClicks(dialog.org_code, "X-F")
    qtbot.keyClick(dialog.org_code, Qt.Key.Key_Return)
    assert operations.wait_for_all()
    assert dialog.isVisible()
    assert dialog.message_text("fonds_no") == "全宗号必须填写"
    assert "字母和数字" in dialog.message_text("org_code")

    dialog.org_code.clear()
    qtbot.keyClicks(dialog.org_code, "XF")
    qtbot.keyClicks(dialog.fonds_no, "X001")
    dialog.retention.setCurrentIndex(dialog.retention.findData("D10"))
    assert dialog.example.text() == f"X001-WS·{dialog.year}-D10-XF-0001"
    name, box = next(iter(dialog.categories.items()))
    box.setCurrentIndex(box.findData("Y"))
    qtbot.keyClick(dialog.fonds_no, Qt.Key.Key_Return)
    assert operations.wait_for_all()
    assert not dialog.isVisible()
    saved = get_archive_settings(db)
    assert (saved.fonds_no, saved.org_code, saved.retention) == ("X001", "XF", Retention.YEARS_10)
    assert saved.retention_of(name) is Retention.PERMANENT
