"""Printing and exporting from the 排班 tab: 打印四卡, 打印排班公示, 导出排班 (in the
background, into the print preview or an Excel file)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from petitiondesk.core.periods import period_text
from petitiondesk.services import cases
from petitiondesk.services.printouts import booking_no_of, cards_file_name, roster_file_name
from petitiondesk.services.result import Result

from .. import errors, prompts
from ..operations import Operation, ProgressFn, run_in_background
from ..widgets.print_preview import PrintPreviewDialog, open_pdf_preview
from .view import HINT_NO_VISITOR

if TYPE_CHECKING:
    from .tab import RosterTab


def preview_opened(tab: RosterTab, dialog: PrintPreviewDialog) -> None:
    tab.preview = dialog
    dialog.destroyed.connect(lambda: setattr(tab, "preview", None))


def print_cards(tab: RosterTab, appointment_id: int | None = None) -> Operation | None:
    """打印四卡 of a booking (default: the selected visitor) → print preview."""
    if appointment_id is None:
        item = tab.selected_queue_item()
        if item is None:
            tab.status_message.emit(HINT_NO_VISITOR)
            return None
        appointment_id = item.appointment_id
    number = booking_no_of(tab.db, appointment_id) or str(appointment_id)
    db, wanted, actor = tab.db, appointment_id, tab.actor()

    def produce(out: Path) -> Result[Path]:
        from petitiondesk.services import printouts

        return printouts.print_cards(db, wanted, out, actor=actor)

    tab.print_operation = open_pdf_preview(
        tab,
        produce,
        file_name=cards_file_name(number),
        title=f"领导接待日四卡 {number}",
        label="正在生成四卡…",
        on_open=lambda dialog: preview_opened(tab, dialog),
    )
    return tab.print_operation


def print_roster(tab: RosterTab) -> Operation | None:
    """打印排班公示: the period's roster as PDF → print preview."""
    start, end = tab.period()
    if end < start:
        tab.status_message.emit("结束日期不能早于开始日期")
        return None
    db = tab.db
    office = cases.reference_data(db).office_name

    def produce(out: Path) -> Result[int]:
        from petitiondesk.services import printouts

        return printouts.print_roster(db, start, end, out)

    tab.print_operation = open_pdf_preview(
        tab,
        produce,
        file_name=roster_file_name(office, start, end, ".pdf"),
        title=f"排班公示 {period_text(start, end)}",
        label="正在生成排班公示…",
        on_open=lambda dialog: preview_opened(tab, dialog),
    )
    return tab.print_operation


def export_roster(tab: RosterTab) -> Operation | None:
    """导出排班: the period's roster as an Excel sheet, in the background; asks 内部使用 /
    对外提供 first, and the audit row records the use."""
    if tab.export_operation is not None and not tab.export_operation.done:
        tab.status_message.emit("正在导出，请稍候")
        return None
    start, end = tab.period()
    if end < start:
        tab.status_message.emit("结束日期不能早于开始日期")
        return None
    outside = prompts.ask_export_use(tab, "导出排班")
    if outside is None:
        return None
    office = cases.reference_data(tab.db).office_name
    suggested = Path.home() / roster_file_name(office, start, end, ".xlsx")
    target = prompts.ask_save_path(tab, "导出排班", suggested, "Excel 工作簿 (*.xlsx)")
    if target is None:
        return None
    db, total, actor = tab.db, tab.model.rowCount(), tab.actor()

    def work(progress: ProgressFn) -> Result[int]:
        from petitiondesk.services import printouts

        return printouts.print_roster(
            db, start, end, target, progress=progress, actor=actor, outside=outside
        )

    def done(result: Result[int]) -> None:
        if not result.ok:
            errors.show_error(tab, result.message, title="导出未完成")
            return
        tab.status_message.emit(f"已导出排班 {result.value} 个接待时段：{target}")

    tab.status_message.emit("正在导出排班…")
    tab.export_operation = run_in_background(
        tab,
        work,
        on_success=done,
        on_failure=lambda exc: errors.show_error(tab, exc, title="导出失败"),
        on_cancelled=lambda: tab.status_message.emit("已取消导出，未生成文件"),
        label=f"正在导出排班（共 {total} 个接待时段）…",
        maximum=total,
    )
    return tab.export_operation
