"""文件 → 打开数据库…: switch the window to another database file.

The other file opens in a new main window that takes the old one's place; the old window
closes as the clerk would close it (it asks about unsaved input) and its database is
closed. A file that does not exist is created only after the clerk says so.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from petitiondesk.store.db import Database, DatabaseError

from . import errors, prompts
from .accounts import signin

if TYPE_CHECKING:
    from .main_window import MainWindow

TITLE = "打开数据库"
ASK_CREATE = "文件不存在：\n{path}\n\n是否新建一个空的登记数据库？\n（如是输错了路径，请选“否”。）"
MSG_CANNOT_OPEN = "无法打开数据库：{path}\n\n{reason}"


def choose_and_open(window: MainWindow) -> MainWindow | None:
    """Ask for a file and open it in place of ``window``; the new window, or None."""
    db = window.db
    folder = db.path.parent if db.path is not None else Path.home()
    target = prompts.ask_database_path(window, TITLE, folder)
    if target is None:
        return None
    if db.path is not None and target.resolve() == db.path.resolve():
        return None  # already open
    create = not target.exists()
    if create and not prompts.confirm(window, TITLE, ASK_CREATE.format(path=target)):
        return None
    return open_in_place_of(window, target, create=create)


def open_in_place_of(window: MainWindow, target: Path, *, create: bool) -> MainWindow | None:
    """Open ``target`` in a new main window; close ``window`` (and its database)."""
    from . import app, network_warning

    try:
        new_db = app.open_database(str(target), create=create)
    except DatabaseError as exc:
        errors.show_error(window, MSG_CANNOT_OPEN.format(path=target, reason=exc), title=TITLE)
        return None
    network_warning.warn_if_shared(window, new_db)
    return replace_window(window, new_db)


def replace_window(window: MainWindow, new_db: Database) -> MainWindow | None:
    """A new main window on the opened ``new_db`` (after signing in to it) in place of
    ``window``; None, with ``new_db`` closed, when the clerk does not sign in or stays."""
    from . import window_state
    from .main_window import MainWindow

    old_db = window.db
    actor = signin.ask(new_db, window)  # its own accounts: sign in (or create the admin)
    if actor is None:
        new_db.close()
        errors.set_database_path(old_db.path)
        return None
    replacement = MainWindow(new_db, actor=actor)
    replacement.setGeometry(window.geometry())
    if window.isMaximized():
        replacement.showMaximized()
    else:
        replacement.show()
    if not window.close():  # the clerk chose to stay (unsaved input)
        replacement.close()
        replacement.deleteLater()
        new_db.close()
        errors.set_database_path(old_db.path)
        return None
    old_db.close()
    window.deleteLater()
    window_state.save_window(replacement)
    instance = QApplication.instance()
    if instance is not None:
        instance.aboutToQuit.connect(new_db.close)
    return replacement
