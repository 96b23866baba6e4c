"""At start, check the database file in the background (PRAGMA quick_check and the tail
of the audit chain) and warn in plain words when it is damaged, naming the newest backup
to restore (services/integrity.py). A sound file only leaves a status-bar line."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import errors
from .operations import Operation, run_in_background

if TYPE_CHECKING:
    from petitiondesk.services.integrity import IntegrityReport
    from petitiondesk.services.result import Result
    from petitiondesk.store.db import Database

    from .main_window import MainWindow

TITLE = "数据库检查"
MSG_FAILED = "启动时的数据库检查未能完成：{reason}"


def start(window: MainWindow, db: Database) -> Operation:
    """Run :func:`services.integrity.quick_check` off the UI thread."""

    def work(_progress: Any) -> Result[IntegrityReport]:
        from petitiondesk.services.integrity import quick_check

        return quick_check(db)

    def done(result: Result[IntegrityReport]) -> None:
        if result.ok:
            window.show_status(result.message)
        else:
            errors.show_error(window, result.message, title=TITLE)

    def failed(exc: BaseException) -> None:
        errors.show_error(window, MSG_FAILED.format(reason=exc), title=TITLE)

    return run_in_background(window, work, on_success=done, on_failure=failed)
