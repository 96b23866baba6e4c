"""Backups from the window: on exit, once a day at start, and 文件 → 备份数据库….

The copies themselves are made by :mod:`petitiondesk.services.backup` (SQLite online
backup, rotating copies in ``backups/`` beside the database, optional encryption).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Final

from petitiondesk.services import backup
from petitiondesk.services.result import Result

from . import errors, prompts
from .operations import Operation, ProgressFn, run_in_background
from .session import current_actor

if TYPE_CHECKING:
    from .main_window import MainWindow

TITLE: Final = "备份数据库"
TITLE_AUTO: Final = "自动备份未完成"
ASK_ENCRYPT: Final = (
    "是否用口令加密这份备份？\n\n"
    "备份要带离本机（例如U盘）时请加密；恢复时需要输入同一口令，口令遗失则无法恢复。"
)
ASK_PASSPHRASE: Final = "备份口令："
ASK_AGAIN: Final = "再次输入口令："
MSG_MISMATCH: Final = "两次输入的口令不一致，未备份。"
MSG_EMPTY: Final = "口令不能为空，未备份。"
MSG_BUSY: Final = "正在备份，请稍候"


def backup_on_exit(window: MainWindow) -> Result[Path] | None:
    """The automatic backup when the window closes; a failure is shown, never blocks."""
    if window.db.path is None:
        return None
    try:
        result = backup.auto_backup(window.db)
    except Exception as exc:  # closing must go on whatever happened
        errors.show_error(window, exc, title=TITLE_AUTO)
        return None
    if not result.ok:
        errors.show_error(window, result.message, title=TITLE_AUTO)
    return result


def start_daily_backup(window: MainWindow, *, now: datetime | None = None) -> Operation | None:
    """At start: an automatic backup in the background if the newest is over a day old."""
    db = window.db
    if db.path is None or not backup.backup_due(db.path, now=now):
        return None

    def done(result: Result[Path]) -> None:
        if result.ok:
            window.show_status(f"已自动备份数据库：{result.value}")
        else:
            errors.show_error(window, result.message, title=TITLE_AUTO)

    return run_in_background(
        window,
        lambda _progress: backup.auto_backup(db),
        on_success=done,
        on_failure=lambda exc: errors.show_error(window, exc, title=TITLE_AUTO),
    )


def _ask_passphrase(window: MainWindow) -> str | None:
    """The passphrase, typed twice; None if cancelled or the two differ."""
    first = prompts.ask_password(window, TITLE, ASK_PASSPHRASE)
    if first is None:
        return None
    if not first:
        errors.show_error(window, MSG_EMPTY, title=TITLE)
        return None
    second = prompts.ask_password(window, TITLE, ASK_AGAIN)
    if second is None:
        return None
    if second != first:
        errors.show_error(window, MSG_MISMATCH, title=TITLE)
        return None
    return first


def backup_to_file(window: MainWindow) -> Operation | None:
    """文件 → 备份数据库…: a copy at a chosen place, encrypted if the clerk wants."""
    running = window.backup_operation
    if running is not None and not running.done:
        window.show_status(MSG_BUSY)
        return None
    source = window.db.path
    if source is None:
        errors.show_error(window, backup.MSG_NOT_FILE, title=TITLE)
        return None
    suggested = Path.home() / f"{source.stem}-备份-{datetime.now():%Y%m%d}.sqlite"
    target = prompts.ask_save_path(window, TITLE, suggested, "PetitionDesk 备份 (*.sqlite)")
    if target is None:
        return None
    passphrase: str | None = None
    if prompts.confirm(window, TITLE, ASK_ENCRYPT, default_yes=True):
        passphrase = _ask_passphrase(window)
        if passphrase is None:
            return None
    db = window.db

    def work(_progress: ProgressFn) -> Result[Path]:
        return backup.backup(db, target, passphrase=passphrase, actor=current_actor())

    def done(result: Result[Path]) -> None:
        if result.ok:
            window.show_status(result.message)
        else:
            errors.show_error(window, result.message, title=TITLE)

    window.backup_operation = run_in_background(
        window,
        work,
        on_success=done,
        on_failure=lambda exc: errors.show_error(window, exc, title="备份失败"),
        label="正在备份数据库…",
        cancellable=False,
    )
    return window.backup_operation
