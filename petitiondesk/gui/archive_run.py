"""文件 → 年底归档…: the year, the output folder, open cases listed apart if the clerk
agrees, then :func:`petitiondesk.services.archive.archive_year` off the UI thread with
a progress dialog that cancels (a cancelled or failed run leaves no folder)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtWidgets import QFileDialog

from petitiondesk.services.result import Result

from . import errors, prompts
from .operations import Operation, ProgressFn, run_in_background
from .session import current_actor

if TYPE_CHECKING:
    from petitiondesk.services.archive import ArchiveSummary

    from .main_window import MainWindow

TITLE: Final = "年底归档"
MSG_BUSY: Final = "正在归档，请稍候"
ASK_OPEN: Final = (
    "{year} 年还有 {count} 件未办结。\n\n"
    "是否仍然归档？已办结的 {done} 件编号归档，未办结的另列《未结事项清单》，不列入归档文件目录。"
)


def _ask_folder(window: MainWindow) -> Path | None:
    name = QFileDialog.getExistingDirectory(window, f"{TITLE}：选择输出位置", str(Path.home()))
    return Path(name) if name else None


def start_archive(window: MainWindow, *, year: int | None = None, out: Path | None = None,
                  include_open: bool | None = None) -> Operation | None:  # fmt: skip
    """Ask what is not given, then archive in the background."""
    from petitiondesk.services.archive import archive_year, planned_steps
    from petitiondesk.services.archive.cases import year_cases

    running = getattr(window, "archive_operation", None)
    if running is not None and not running.done:
        window.show_status(MSG_BUSY)
        return None
    if year is None:
        year = prompts.ask_year(window, TITLE, "归档哪一年的信访事项：", date.today().year)
    if year is None:
        return None
    db = window.db
    cases = year_cases(db, year)
    open_count = sum(1 for c in cases if c.open)
    if include_open is None:
        include_open = False
        if open_count:
            text = ASK_OPEN.format(year=year, count=open_count, done=len(cases) - open_count)
            if not prompts.confirm(window, TITLE, text):
                return None
            include_open = True
    out = out or _ask_folder(window)
    if out is None:
        return None
    actor, total = current_actor(), planned_steps(db, year)

    def work(progress: ProgressFn) -> Result[ArchiveSummary]:
        return archive_year(db, year, out, actor=actor, include_open=bool(include_open),
                            progress=progress)  # fmt: skip

    def done(result: Result[ArchiveSummary]) -> None:
        if not result.ok:
            errors.show_error(window, result.message, title="归档未完成")
            return
        window.show_status(result.message)

    window.show_status(f"正在归档 {year} 年度…")
    operation = run_in_background(
        window,
        work,
        on_success=done,
        on_failure=lambda exc: errors.show_error(window, exc, title="归档失败"),
        on_cancelled=lambda: window.show_status("已取消归档，未留下文件"),
        label=f"正在归档 {year} 年度（一案一档、目录、台账、校验）…",
        maximum=total,
    )
    window.archive_operation = operation
    return operation
