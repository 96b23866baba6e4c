"""Errors reach the clerk in plain Chinese, known failures translated, details copyable."""

from __future__ import annotations

import errno
import sqlite3
import sys
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy.exc import OperationalError

from petitiondesk.gui import errors
from petitiondesk.gui.errors import PrinterMissingError, describe, show_error
from petitiondesk.store.db import DatabaseError

REAL_PRESENT = errors._present  # captured before the test guard replaces it


def raised(exc: BaseException) -> BaseException:
    try:
        raise exc
    except BaseException as caught:  # noqa: BLE001
        return caught


def locked() -> BaseException:
    try:
        try:
            raise sqlite3.OperationalError("database is locked")
        except sqlite3.OperationalError as inner:
            raise OperationalError("INSERT INTO petition ...", {}, inner) from inner
    except OperationalError as outer:
        return outer


@pytest.mark.parametrize(
    ("exc", "start"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间不足"),
        (
            PermissionError(errno.EACCES, "Permission denied", "D:/台账.xlsx"),
            "没有写入权限：D:/台账.xlsx",
        ),
        (PrinterMissingError(), "未找到打印机"),
        (DatabaseError("数据库文件由更新版本的程序创建"), "数据库文件由更新版本的程序创建"),
        (sqlite3.DatabaseError("file is not a database"), "无法打开数据库文件"),
        (sqlite3.OperationalError("database or disk is full"), "磁盘已满，数据库无法写入"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "数据库文件是只读的"),
        (KeyError("boom"), "程序出现意外错误：KeyError"),
    ],
)
def test_known_failures_are_translated(exc: BaseException, start: str) -> None:
    report = describe(raised(exc))
    assert report.text.startswith(start)
    assert "Traceback" in report.details


def test_wrapped_database_lock_is_recognised() -> None:
    report = describe(locked())
    assert report.text.startswith("数据库正被另一程序使用")
    assert "database is locked" in report.details


def test_plain_message_has_no_details() -> None:
    report = describe("找不到登记号为 2026-00001 的信访事项")
    assert report.text == "找不到登记号为 2026-00001 的信访事项"
    assert report.details == ""


def test_message_box_has_copyable_details(monkeypatch: pytest.MonkeyPatch, qapp: object) -> None:
    shown: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    report = describe(raised(OSError(errno.ENOSPC, "No space left on device")))
    REAL_PRESENT(None, "导出失败", report)  # the tests' guard replaced errors._present
    assert len(shown) == 1
    box = shown[0]
    assert box.windowTitle() == "导出失败"
    assert box.text().startswith("磁盘空间不足")
    assert "OSError" in box.detailedText()
    assert box.icon() == QMessageBox.Icon.Critical


def test_excepthook_routes_to_show_error(
    error_dialogs: list[Any], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    errors.install_excepthook()
    exc = raised(RuntimeError("slot failed"))
    sys.excepthook(type(exc), exc, exc.__traceback__)
    assert len(error_dialogs) == 1
    assert error_dialogs[0].text.startswith("程序出现意外错误：RuntimeError: slot failed")
    assert "RuntimeError: slot failed" in capsys.readouterr().err


def test_show_error_returns_what_it_showed(error_dialogs: list[Any]) -> None:
    report = show_error(None, "打印失败")
    assert error_dialogs == [report]
