"""The warning when the opened database file lies on a network share (issue 14): several
desks writing one SQLite file over a network folder corrupt the register. Shown once per
open (at start-up and after 文件 → 打开数据库…); the file is used all the same."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from petitiondesk.store.db import Database
from petitiondesk.store.network_share import is_network_path

log = logging.getLogger(__name__)

TITLE = "数据文件在网络共享文件夹"
MESSAGE = (
    "数据文件位于网络共享文件夹：\n{path}\n\n"
    "多个窗口同时写会损坏登记簿，请改用办公室数据库服务器"
    "（设置 → 数据库服务器…）。\n"
    "只有这一台电脑使用这个文件时，可以继续使用。"
)


def show_warning(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def warn_if_shared(parent: QWidget | None, db: Database) -> bool:
    """Warn when ``db`` is a file on a network share; True if the warning was shown."""
    path = db.path
    if path is None:
        return False
    try:
        shared = is_network_path(path)
    except OSError as exc:  # an unreadable mount table is no reason to stop
        log.warning("network share check failed for %s: %s", path, exc)
        return False
    if shared:
        show_warning(parent, TITLE, MESSAGE.format(path=path))
    return shared
