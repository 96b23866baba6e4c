"""Printing from the 来访登记 tab: the 登记单, the acceptance notice (告知书) and the
接谈记录 of a case, each generated in the background into the print preview."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from petitiondesk.services import printouts
from petitiondesk.services.result import Result

from ..operations import Operation

if TYPE_CHECKING:
    from ..widgets.print_preview import PrintPreviewDialog
    from .tab import IntakeTab

# The preview (QtPdf, QtPrintSupport) is imported when first used, not at start.


def preview_opened(tab: IntakeTab, dialog: PrintPreviewDialog) -> None:
    tab.preview = dialog
    dialog.destroyed.connect(lambda: setattr(tab, "preview", None))


def open_preview(tab: IntakeTab, register_no: str) -> Operation:
    """The 登记单 of ``register_no`` in the print preview."""
    from ..widgets.print_preview import open_print_preview

    tab.print_operation = open_print_preview(
        tab, tab.db, register_no, on_open=lambda dialog: preview_opened(tab, dialog)
    )
    return tab.print_operation


def open_notice_preview(tab: IntakeTab, register_no: str, title: str = "告知书") -> Operation:
    """The acceptance notice of ``register_no`` (两联) in the print preview."""
    from ..widgets.print_preview import open_pdf_preview

    db, actor = tab.db, tab.actor()

    def produce(out: Path) -> Result[Path]:
        return printouts.print_acceptance_notice(db, register_no, out, actor=actor)

    tab.print_operation = open_pdf_preview(
        tab,
        produce,
        file_name=f"{title}-{register_no}.pdf",
        title=f"{title} {register_no}",
        label=f"正在生成{title}…",
        on_open=lambda dialog: preview_opened(tab, dialog),
    )
    return tab.print_operation


def open_conversation_preview(tab: IntakeTab, register_no: str) -> Operation:
    """The 接谈记录 of ``register_no`` in the print preview."""
    from ..widgets.print_preview import open_pdf_preview

    db, actor = tab.db, tab.actor()

    def produce(out: Path) -> Result[Path]:
        return printouts.print_conversation_record(db, register_no, out, actor=actor)

    tab.print_operation = open_pdf_preview(
        tab,
        produce,
        file_name=f"接谈记录-{register_no}.pdf",
        title=f"接谈记录 {register_no}",
        label="正在生成接谈记录…",
        on_open=lambda dialog: preview_opened(tab, dialog),
    )
    return tab.print_operation
