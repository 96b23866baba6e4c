"""Printing from the 交办督办 tab: 交办单/转送单, 送阅表, 督办单, 延期办理告知书 of a case
and the 通报 of overdue referrals for a period, each into the print preview.

The print functions live in :mod:`services.printouts` (``print_referral_slip``,
``print_routing_slip``, ``print_supervision_slips``, ``print_extension_notice``,
``print_overdue_notice``); they are looked up when used, so the tab works (with its print
actions disabled, see :func:`missing`) in a build that does not have them yet.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from petitiondesk.services.referrals import Exclusion
from petitiondesk.services.result import Result
from petitiondesk.store.db import Database

from ..operations import Operation
from ..widgets.dates import to_date
from ..widgets.form_dialog import FormDialog
from ..widgets.print_preview import PrintPreviewDialog, open_pdf_preview
from .dialogs import date_edit

if TYPE_CHECKING:
    from .tab import ReferralTab

#: What each print action prints: service function → (title, file name prefix).
CASE_FORMS: dict[str, tuple[str, str]] = {
    "print_referral_slip": ("交办单", "交办单"),
    "print_routing_slip": ("信访送阅表", "送阅表"),
    "print_supervision_slips": ("督办单", "督办单"),
    "print_extension_notice": ("延期办理告知书", "延期办理告知书"),
}
OVERDUE_NOTICE = "print_overdue_notice"
MISSING_TIP = "本版本尚不能打印该表单"


def _function(name: str) -> Any:
    from petitiondesk.services import printouts

    return getattr(printouts, name)


def missing(name: str) -> bool:
    """True if this build has no ``services.printouts.<name>`` (the action is disabled)."""
    from petitiondesk.services import printouts

    return not printouts.available(name)  # the form's module is imported when printing


def preview_opened(tab: ReferralTab, dialog: PrintPreviewDialog) -> None:
    tab.preview = dialog
    dialog.destroyed.connect(lambda: setattr(tab, "preview", None))


def print_case_form(tab: ReferralTab, name: str, register_no: str) -> Operation:
    """The form ``name`` (a key of :data:`CASE_FORMS`) of case ``register_no`` → preview."""
    title, prefix = CASE_FORMS[name]
    db = tab.db

    def produce(out: Path) -> Result[Any]:
        result: Result[Any] = _function(name)(db, register_no, out)
        return result

    tab.print_operation = open_pdf_preview(
        tab,
        produce,
        file_name=f"{prefix}-{register_no}.pdf",
        title=f"{title} {register_no}",
        label=f"正在生成{title}…",
        on_open=lambda dialog: preview_opened(tab, dialog),
    )
    return tab.print_operation


def print_overdue_notice(
    tab: ReferralTab, start: date, end: date, exclusions: tuple[Exclusion, ...] = ()
) -> Operation:
    """The 通报 of the referrals that missed their deadline in ``start``–``end`` → preview;
    the cases in ``exclusions`` are left out (the notice counts them, with no names)."""
    db = tab.db

    def produce(out: Path) -> Result[Any]:
        notice = _function(OVERDUE_NOTICE)
        result: Result[Any] = notice(db, start, end, out, exclusions=exclusions)
        return result

    tab.print_operation = open_pdf_preview(
        tab,
        produce,
        file_name=f"超期通报-{start.isoformat()}至{end.isoformat()}.pdf",
        title="超期通报",
        label="正在生成超期通报…",
        on_open=lambda dialog: preview_opened(tab, dialog),
    )
    return tab.print_operation


def parse_exclusions(text: str) -> tuple[tuple[Exclusion, ...], str]:
    """One case a line, ``登记号或交办号 理由`` → the exclusions, or "" and the first problem."""
    found: list[Exclusion] = []
    for number, line in enumerate(text.splitlines(), start=1):
        words = line.strip().split(maxsplit=1)
        if not words:
            continue
        if len(words) < 2:
            return (), f"第{number}行：请在编号后写明不列入通报的理由"
        found.append(Exclusion(case=words[0], reason=words[1].strip()))
    return tuple(found), ""


class OverduePeriodDialog(FormDialog):
    """The period of the 通报 (default: this month up to today) and the cases the clerk
    leaves out, each with its reason (e.g. 已报经领导同意延期)."""

    def __init__(self, db: Database, today: date, parent: QWidget | None = None) -> None:
        super().__init__("超期通报", parent)
        self.db = db
        self.start = date_edit(today.replace(day=1))
        self.end = date_edit(today)
        self.exclusions = QPlainTextEdit()
        self.exclusions.setPlaceholderText("不列入通报的事项，每行一件：登记号或交办号 理由")
        self.exclusions.setTabChangesFocus(True)
        self.exclusions.setFixedHeight(72)
        self.add_field("start", "起始日期", self.start)
        self.add_field("end", "截止日期", self.end)
        self.add_field("exclusions", "不予通报", self.exclusions)
        self.add_save_cancel("预览通报")
        self.lay_out(buttons=(self.save_button, self.cancel_button), width=420)

    def period(self) -> tuple[date, date]:
        return to_date(self.start.date()), to_date(self.end.date())

    def submit(self) -> None:
        start, end = self.period()
        if end < start:
            self.show_errors({"end": "截止日期不能早于起始日期"})
            return
        exclusions, problem = parse_exclusions(self.exclusions.toPlainText())
        if problem:
            self.show_errors({"exclusions": problem})
            return
        self.saved.emit((start, end, exclusions))
        self.accept()
