"""Starting the program: Qt's own texts in Chinese, the database given with --db must
exist, the window fits the screen (issue 9)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from petitiondesk.gui import app as gui_app
from petitiondesk.gui import main_window as main_window_module
from petitiondesk.gui.main_window import MainWindow


def test_qt_standard_buttons_are_chinese(qapp: QApplication) -> None:
    gui_app.install_qt_translations(qapp)
    box = QMessageBox()
    box.setStandardButtons(
        QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Ok
        | QMessageBox.StandardButton.Cancel
    )
    texts = {
        box.button(b).text().replace("&", "").split("(")[0]
        for b in (
            QMessageBox.StandardButton.Yes,
            QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Ok,
            QMessageBox.StandardButton.Cancel,
        )
    }
    assert {"是", "否", "确定", "取消"} <= texts, texts
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
    assert "确定" in buttons.button(QDialogButtonBox.StandardButton.Ok).text()
    box.deleteLater()
    buttons.deleteLater()


def test_translations_are_installed_once(qapp: QApplication) -> None:
    first = gui_app.install_qt_translations(qapp)
    assert first is gui_app.install_qt_translations(qapp)


def test_a_missing_db_given_on_the_command_line_is_refused(
    tmp_path: Path, error_dialogs: list[Any], qapp: QApplication
) -> None:
    typo = tmp_path / "offfice.sqlite"
    assert gui_app.run(str(typo)) == 1
    assert not typo.exists()  # no empty register was made
    assert len(error_dialogs) == 1
    assert str(typo) in error_dialogs[0].text
    assert "找不到数据库文件" in error_dialogs[0].text


def test_first_start_of_the_default_database_creates_it(
    tmp_path: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    default = tmp_path / "data" / "petitiondesk.sqlite"
    monkeypatch.setattr(gui_app, "default_database_path", lambda: default)
    seen: dict[str, Any] = {}

    def fake_exec() -> int:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        seen["sizes"] = [(w.width(), w.height()) for w in windows if w.isVisible()]
        seen["screen"] = windows[0].screen().availableGeometry()
        for window in windows:
            window.close()
        return 0

    monkeypatch.setattr(qapp, "exec", fake_exec)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(main_window_module.MainWindow, "offer_demo_data", lambda self: None)
    assert gui_app.run(None) == 0
    assert default.is_file()
    (width, height), screen = seen["sizes"][0], seen["screen"]
    assert width <= max(screen.width(), 960) and height <= max(screen.height(), 600)
    QApplication.processEvents()
