"""The window fits the screen it opens on, remembers where it was, and stays usable at
1024×768 (issue 9, "The window")."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from petitiondesk.gui import window_state
from petitiondesk.gui.main_window import MainWindow
from petitiondesk.store.db import Database
from tests.helpers import actor


def inside(window: MainWindow, widget: QWidget) -> bool:
    """The whole widget is in the window's visible area and not squeezed below its size."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    rect = QRect(top_left, widget.size())
    return (
        widget.isVisible()
        and window.rect().contains(rect)
        and widget.width() >= widget.minimumSizeHint().width()
        and widget.height() >= widget.minimumSizeHint().height()
    )


@pytest.mark.parametrize("screen", [(1366, 768), (1024, 768)])
def test_case_actions_and_status_bar_fit_the_screen(
    qtbot: QtBot, main_window: MainWindow, screen: tuple[int, int]
) -> None:
    available = QRect(0, 0, screen[0], screen[1] - 40)  # a task bar below
    window_state.fit_to_screen(main_window, available)
    QApplication.processEvents()
    frame = main_window.frameGeometry()
    assert available.contains(frame), (frame, available)
    intake = main_window.intake
    for widget in (
        intake.print_button,
        intake.accept_button,
        intake.notice_button,
        intake.conversation_button,
        intake.attachments_button,
        intake.save_button,
        intake.table,
        main_window.statusBar(),
        main_window.db_label,
    ):
        assert inside(main_window, widget), widget.objectName() or type(widget).__name__
    main_window.tabs.setCurrentWidget(main_window.roster)
    QApplication.processEvents()
    assert inside(main_window, main_window.statusBar())


def test_minimum_size_fits_a_small_screen(main_window: MainWindow) -> None:
    minimum = main_window.minimumSize()
    assert minimum.width() <= 1024 and minimum.height() <= 700
    main_window.resize(1024, 700)
    QApplication.processEvents()
    assert main_window.width() == 1024 and main_window.height() == 700


def test_size_and_position_are_remembered(
    qtbot: QtBot, db: Database, main_window: MainWindow
) -> None:
    settings = window_state.window_settings()
    main_window.setGeometry(40, 30, 1100, 620)
    QApplication.processEvents()
    window_state.save_window(main_window, settings)
    settings.sync()

    again = MainWindow(db, actor=actor())
    qtbot.addWidget(again)
    window_state.restore_window(again, QRect(0, 0, 1366, 728), window_state.window_settings())
    assert (again.width(), again.height()) == (1100, 620)
    assert again.pos() == main_window.pos()  # the frame's place


def test_a_remembered_size_larger_than_the_screen_is_shrunk(
    qtbot: QtBot, db: Database, main_window: MainWindow
) -> None:
    settings = window_state.window_settings()
    main_window.setGeometry(0, 0, 1900, 1000)
    window_state.save_window(main_window, settings)
    again = MainWindow(db, actor=actor())
    qtbot.addWidget(again)
    available = QRect(0, 0, 1366, 728)
    window_state.restore_window(again, available, settings)
    assert available.contains(again.frameGeometry())


def test_settings_live_in_the_temporary_test_folder(tmp_path: Path) -> None:
    settings = window_state.window_settings()
    assert settings.format() == QSettings.Format.IniFormat
    assert Path(settings.fileName()).is_relative_to(tmp_path)  # never the clerk's own
