"""The background-operation helper: results on the main thread, failures, cancel."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from petitiondesk.gui import operations
from petitiondesk.gui.operations import Cancelled, ProgressFn, run_in_background


def test_work_runs_off_the_ui_thread_and_success_on_it(qtbot: QtBot) -> None:
    seen: dict[str, Any] = {}

    def work(_progress: ProgressFn) -> int:
        seen["work_thread"] = QThread.currentThread()
        return 42

    def ok(value: int) -> None:
        seen["value"] = value
        seen["callback_thread"] = QThread.currentThread()

    op = run_in_background(None, work, on_success=ok)
    assert op in operations.active_operations()
    with qtbot.waitSignal(op.finished, timeout=5000):
        pass
    main = QApplication.instance().thread()  # type: ignore[union-attr]
    assert seen["value"] == 42
    assert seen["work_thread"] is not main
    assert seen["callback_thread"] is main
    assert op.done and op not in operations.active_operations()


def test_failure_goes_to_the_error_helper_by_default(
    qtbot: QtBot, error_dialogs: list[Any]
) -> None:
    def work(_progress: ProgressFn) -> None:
        raise PermissionError(13, "Permission denied", "/mnt/u/台账.xlsx")

    op = run_in_background(None, work, on_success=lambda _v: pytest.fail("no success"))
    qtbot.waitUntil(lambda: op.done, timeout=5000)
    assert len(error_dialogs) == 1
    assert error_dialogs[0].text.startswith("没有写入权限：/mnt/u/台账.xlsx")
    assert "PermissionError" in error_dialogs[0].details


def test_failure_callback_gets_the_exception(qtbot: QtBot) -> None:
    failures: list[BaseException] = []

    def work(_progress: ProgressFn) -> None:
        raise ValueError("坏数据")

    op = run_in_background(None, work, on_failure=failures.append)
    qtbot.waitUntil(lambda: op.done, timeout=5000)
    assert [str(e) for e in failures] == ["坏数据"]


def test_cancel_is_cooperative(qtbot: QtBot) -> None:
    started = threading.Event()
    steps: list[int] = []
    outcome: list[str] = []
    parent = QWidget()
    qtbot.addWidget(parent)

    def work(progress: ProgressFn) -> str:
        for step in range(1000):
            started.set()
            progress(step)  # raises Cancelled once the clerk pressed 取消
            steps.append(step)
            time.sleep(0.005)
        return "finished"

    op = run_in_background(
        parent,
        work,
        on_success=outcome.append,
        on_cancelled=lambda: outcome.append("cancelled"),
        label="正在导出…",
        maximum=1000,
    )
    assert op.dialog is not None and op.dialog.labelText() == "正在导出…"
    assert started.wait(5)
    qtbot.mouseClick(op.dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)  # 取消
    qtbot.waitUntil(lambda: op.done, timeout=5000)
    assert outcome == ["cancelled"]
    assert len(steps) < 1000
    assert op.dialog is None  # closed


def test_progress_moves_the_dialog(qtbot: QtBot) -> None:
    gate = threading.Event()
    parent = QWidget()
    qtbot.addWidget(parent)

    def work(progress: ProgressFn) -> None:
        progress(7)
        gate.wait(5)

    op = run_in_background(parent, work, label="正在载入…", maximum=10)
    dialog = op.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.value() == 7, timeout=5000)
    gate.set()
    qtbot.waitUntil(lambda: op.done, timeout=5000)


def test_cancelled_outside_work_is_not_an_error(qtbot: QtBot) -> None:
    def work(_progress: ProgressFn) -> None:
        raise Cancelled()

    op = run_in_background(None, work)  # no on_cancelled: silently ends
    qtbot.waitUntil(lambda: op.done, timeout=5000)
    assert not operations.active_operations()
