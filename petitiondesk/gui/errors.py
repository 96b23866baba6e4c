"""The one place errors reach the clerk: plain Chinese, known failures translated,
technical details copyable (Anki ``aqt/errors.py``).

Everything that goes wrong in the GUI ends in :func:`show_error`: failed background
operations, failed saves of files, printer trouble and (through :func:`install_excepthook`)
unexpected exceptions. Committed data is safe in every case because services commit one
transaction per use case.
"""

from __future__ import annotations

import errno
import sqlite3
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

DEFAULT_TITLE = "出错了"

MSG_DISK_FULL = "磁盘空间不足，文件未能写入。请清理磁盘（或换一个磁盘/U盘）后重试。"
MSG_NO_PERMISSION = (
    "没有写入权限：{path}\n请换一个文件夹保存，或关闭正在使用该文件的程序（如 Excel、WPS）后重试。"
)
MSG_PRINTER_MISSING = (
    "未找到打印机。请检查打印机是否已安装、已开机并连接好；也可以先“另存为PDF”，换一台电脑打印。"
)
MSG_PRINT_FAILED = "打印失败：{detail}"
MSG_FONT = "找不到可用于打印的中文字体：{detail}\n请重新安装本程序，或联系管理员安装宋体/仿宋字体。"
MSG_UNEXPECTED = "程序出现意外错误：{detail}\n已保存的登记不受影响。如问题反复出现，请点击“显示详细信息”，复制内容发给管理员。"


class PrinterMissingError(RuntimeError):
    """No printer is installed (raised by the print preview)."""


class PrintFailedError(RuntimeError):
    """The printer refused the job (``str(exc)`` says why, in Chinese if we know)."""


@dataclass(frozen=True)
class ErrorReport:
    """What the clerk is told: a sentence in Chinese and, for exceptions, the traceback."""

    text: str
    details: str = ""


def _format_details(exc: BaseException) -> str:
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)).rstrip()


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception and its causes/contexts (a wrapped sqlite error still counts)."""
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def translate(exc: BaseException) -> str:
    """A plain Chinese sentence for a known failure, else a generic one.

    Database failures first (:func:`petitiondesk.store.errors.describe_db_error`: locked,
    full, read-only and corrupt each get their own message, the same as in the CLI).
    """
    known = _database_failure(exc)
    if known:
        return known
    for item in _chain(exc):
        if isinstance(item, PrinterMissingError):
            return MSG_PRINTER_MISSING
        if isinstance(item, PrintFailedError):
            return MSG_PRINT_FAILED.format(detail=str(item) or "打印机未接受打印任务")
        if isinstance(item, OSError) and item.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
            return MSG_DISK_FULL
        if isinstance(item, PermissionError):
            return MSG_NO_PERMISSION.format(path=item.filename or "（未知路径）")
        if type(item).__name__ == "FontError":
            return MSG_FONT.format(detail=_short(item))
    return MSG_UNEXPECTED.format(detail=_short(exc))


_database_path: Path | None = None


def set_database_path(path: Path | None) -> None:
    """The database the window works on (named in messages about it)."""
    global _database_path
    _database_path = path


def _database_failure(exc: BaseException) -> str | None:
    """The store's message if the database failed (not for a file being exported: a full
    disk there is not a full database)."""
    from petitiondesk.store.db import DatabaseError
    from petitiondesk.store.errors import describe_db_error

    if not any(isinstance(item, (sqlite3.Error, DatabaseError)) for item in _chain(exc)):
        return None
    return describe_db_error(exc, _database_path)


def _short(exc: BaseException) -> str:
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


def describe(error: BaseException | str) -> ErrorReport:
    if isinstance(error, BaseException):
        return ErrorReport(translate(error), _format_details(error))
    return ErrorReport(str(error))


def show_error(
    parent: QWidget | None, error: BaseException | str, *, title: str = DEFAULT_TITLE
) -> ErrorReport:
    """Tell the clerk that something failed. Returns what was shown (for logs and tests)."""
    report = describe(error)
    _present(parent, title, report)
    return report


def _present(parent: QWidget | None, title: str, report: ErrorReport) -> None:
    """Show the modal box (tests replace this function)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(title)
    box.setText(report.text)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if report.details:
        box.setDetailedText(report.details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


_in_hook = False


def _excepthook(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    global _in_hook
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    sys.__excepthook__(exc_type, exc, tb)  # keep a trace on stderr for the log
    if _in_hook or QApplication.instance() is None:
        return
    _in_hook = True
    try:
        if exc.__traceback__ is None:
            exc = exc.with_traceback(tb)
        show_error(QApplication.activeWindow(), exc)
    finally:
        _in_hook = False


def install_excepthook() -> None:
    """Route unexpected exceptions (e.g. in a slot) to :func:`show_error`."""
    sys.excepthook = _excepthook
