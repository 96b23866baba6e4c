"""``PETITIONDESK_QUIT_AFTER_MS``: the bundle's smoke test lets the window close itself."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from petitiondesk.gui import app as gui_app
from petitiondesk.gui.main_window import MainWindow


def test_without_the_variable_nothing_is_scheduled(
    qapp: QApplication, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    monkeypatch.delenv(gui_app.QUIT_AFTER_ENV, raising=False)
    quits: list[bool] = []
    monkeypatch.setattr(qapp, "quit", lambda: quits.append(True))
    gui_app._leave_after_delay(qapp, main_window)
    qtbot.wait(50)
    assert main_window.isVisible() and quits == []


def test_the_window_closes_as_the_clerk_would_close_it(
    qapp: QApplication, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    monkeypatch.setenv(gui_app.QUIT_AFTER_ENV, "10")
    quits: list[bool] = []
    monkeypatch.setattr(qapp, "quit", lambda: quits.append(True))
    gui_app._leave_after_delay(qapp, main_window)
    qtbot.waitUntil(lambda: quits == [True], timeout=2000)
    assert not main_window.isVisible()
