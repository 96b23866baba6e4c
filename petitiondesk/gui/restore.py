"""文件 → 从备份恢复… and the start-up offer to restore the newest good backup.

The backup is checked first (decrypted with its passphrase, ``integrity_check``, schema)
and what it holds is shown (date, cases, schema) before the clerk confirms. Then the
window lets go of its database, :func:`services.restore.restore_as` replaces the file
(the current one is kept aside) and a new window opens on the restored database in this
one's place. A refused restore changes nothing: the window reopens on the same file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QTimer

from petitiondesk.services import restore
from petitiondesk.services.restore import BackupInfo
from petitiondesk.services.result import Result

from . import errors, operations, prompts
from .operations import Operation, ProgressFn, run_in_background
from .session import current_actor

if TYPE_CHECKING:
    from .main_window import MainWindow

TITLE: Final = "从备份恢复"
FILE_FILTER: Final = "PetitionDesk 备份 (*.sqlite *.db *.pdbk);;所有文件 (*)"
ASK_PASSPHRASE: Final = "该备份已加密，请输入备份口令："
ASK_CONFIRM: Final = (
    "{info}\n\n用这份备份替换当前数据库吗？\n"
    "当前数据库文件会另存一份（文件名带 before-restore），不会删除；恢复后窗口重新打开。"
)
MSG_NOT_FILE: Final = "当前数据库不是本地文件，不能从备份恢复。"
MSG_REOPEN: Final = "恢复后未能重新打开数据库：{path}"


def restore_from_file(window: MainWindow) -> Operation | None:
    """文件 → 从备份恢复…: choose a file (and its passphrase), check it, confirm, restore."""
    if window.db.path is None:
        errors.show_error(window, MSG_NOT_FILE, title=TITLE)
        return None
    source = prompts.ask_open_path(window, TITLE, FILE_FILTER)
    if source is None:
        return None
    passphrase: str | None = None
    if restore.is_encrypted(source):
        passphrase = prompts.ask_password(window, TITLE, ASK_PASSPHRASE)
        if passphrase is None:
            return None
    return check_then_restore(window, source, passphrase)


def check_then_restore(window: MainWindow, source: Path, passphrase: str | None) -> Operation:
    """Check ``source`` in the background; show what it holds and restore if confirmed.
    A wrong passphrase or a damaged file: the message, and nothing changed."""

    def work(_progress: ProgressFn) -> Result[BackupInfo]:
        return restore.inspect_backup(source, passphrase)

    def checked(result: Result[BackupInfo]) -> None:
        if not result.ok or result.value is None:
            errors.show_error(window, result.message, title=TITLE)
            return
        info = result.value
        # After this operation has ended: the restore waits for every operation.
        QTimer.singleShot(0, lambda: offer(window, info, passphrase))

    return run_in_background(
        window,
        work,
        on_success=checked,
        on_failure=lambda exc: errors.show_error(window, exc, title=TITLE),
        label="正在检查备份文件…",
        cancellable=False,
    )


def offer(
    window: MainWindow, info: BackupInfo, passphrase: str | None, *, lead: str = ""
) -> Operation | None:
    """Ask to restore ``info`` (``lead``: what went before, e.g. the damage found)."""
    text = ASK_CONFIRM.format(info=info.describe())
    if lead:
        text = f"{lead}\n\n{text}"
    if not prompts.confirm(window, TITLE, text):
        return None
    return replace_database(window, info.path, passphrase)


def replace_database(window: MainWindow, source: Path, passphrase: str | None) -> Operation | None:
    """Close the window's hold on its database, restore ``source`` over it, reopen."""
    db_path = window.db.path
    if db_path is None:
        errors.show_error(window, MSG_NOT_FILE, title=TITLE)
        return None
    if not all(tab.can_close() for tab in window.tab_pages):
        return None  # unsaved input: the clerk chose to stay
    for running in operations.active_operations():
        running.cancel()
    operations.wait_for_all(15_000)
    window.db.close()
    actor = current_actor()

    def work(_progress: ProgressFn) -> Result[Path]:
        return restore.restore_as(actor, db_path, source, passphrase=passphrase)

    def failed(exc: BaseException) -> None:
        reopen(window, db_path, Result.failure({"": errors.describe(exc).text}))

    return run_in_background(
        window,
        work,
        on_success=lambda result: reopen(window, db_path, result),
        on_failure=failed,
        label="正在从备份恢复数据库…",
        cancellable=False,
    )


def reopen(window: MainWindow, db_path: Path, result: Result[Path]) -> MainWindow | None:
    """A new window on ``db_path`` in ``window``'s place (restored, or untouched when the
    restore was refused); the outcome goes to its status bar or an error box."""
    from .database_switch import open_in_place_of

    window.replaced = True  # closing it neither asks nor backs up: its file was replaced
    replacement = open_in_place_of(window, db_path, create=False)
    if replacement is None:
        window.replaced = False
        errors.show_error(window, MSG_REOPEN.format(path=db_path), title=TITLE)
        return None
    window.restored_window = replacement
    if result.ok:
        replacement.show_status(result.message)
    else:
        errors.show_error(replacement, result.message, title=TITLE)
    return replacement
