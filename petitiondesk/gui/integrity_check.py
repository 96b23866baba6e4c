"""At start, check the database file in the background (PRAGMA quick_check and the tail
of the audit chain) and warn in plain words when it is damaged (services/integrity.py).
When an automatic backup passes the restore's checks (newest first), the warning offers
to restore it (gui/restore.py); without one it names what to do. A sound file only
leaves a status-bar line."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer

from . import errors
from .operations import Operation, run_in_background

if TYPE_CHECKING:
    from petitiondesk.services.integrity import IntegrityReport
    from petitiondesk.services.restore import BackupInfo
    from petitiondesk.services.result import Result
    from petitiondesk.store.db import Database

    from .main_window import MainWindow

TITLE = "数据库检查"
MSG_FAILED = "启动时的数据库检查未能完成：{reason}"


def start(window: MainWindow, db: Database) -> Operation:
    """Run :func:`services.integrity.quick_check` off the UI thread."""

    def work(_progress: Any) -> tuple[Result[IntegrityReport], BackupInfo | None]:
        from petitiondesk.services.integrity import quick_check
        from petitiondesk.services.restore import newest_good_backup

        result = quick_check(db)
        if result.ok or db.path is None:
            return result, None
        return result, newest_good_backup(db.path)

    def done(found: tuple[Result[IntegrityReport], BackupInfo | None]) -> None:
        result, good = found
        if result.ok:
            window.show_status(result.message)
        elif good is None:
            errors.show_error(window, result.message, title=TITLE)
        else:  # offered once this operation has ended (a restore waits for all)
            QTimer.singleShot(0, lambda: offer_restore(window, result.message, good))

    def failed(exc: BaseException) -> None:
        errors.show_error(window, MSG_FAILED.format(reason=exc), title=TITLE)

    return run_in_background(window, work, on_success=done, on_failure=failed)


def offer_restore(window: MainWindow, damage: str, good: BackupInfo) -> Operation | None:
    """The damage in plain words and the offer to restore the newest good backup."""
    from . import restore

    lead = f"{damage}\n\n可以用最新的完好备份恢复（该备份已检查，可以使用）。"
    return restore.offer(window, good, None, lead=lead)
