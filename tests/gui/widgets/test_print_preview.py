"""Print preview: the slip's PDF is shown, printed (to a PDF printer) and saved as PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from petitiondesk.core.enums import Channel
from petitiondesk.gui import prompts
from petitiondesk.gui.intake.tab import IntakeTab
from petitiondesk.gui.widgets import print_preview
from petitiondesk.gui.widgets.print_preview import PrintPreviewDialog
from petitiondesk.services.intake import VisitInput, register_visit
from petitiondesk.store.db import Database
from tests.helpers import actor, earlier_today

VALID_ID = "11010519491231002X"


def register(db: Database, name: str = "王秀英") -> str:
    visit = VisitInput(
        channel=Channel.VISIT,
        received_at=earlier_today(5),
        name=name,
        id_number=VALID_ID,
        category_id=3,
        summary="反映原单位未补缴养老保险费。",
        receiving_officer="赵敏",
    )
    return register_visit(db, visit, actor=actor("test")).unwrap().register_no


def open_preview(qtbot: QtBot, tab: IntakeTab, number: str) -> PrintPreviewDialog:
    operation = tab.open_preview(number)
    qtbot.waitUntil(lambda: operation.done, timeout=15_000)
    preview = tab.preview
    assert preview is not None
    return preview


def text_of(path: Path) -> str:
    return "".join(page.extract_text() or "" for page in PdfReader(path).pages).replace(" ", "")


def test_enter_on_a_row_opens_the_preview_with_the_pdf(
    qtbot: QtBot, db: Database, main_window: Any, intake: IntakeTab
) -> None:
    number = register(db)
    main_window.hub.notify("cases")
    intake.table.setFocus()
    intake.table.selectRow(0)
    qtbot.keyClick(intake.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: intake.preview is not None, timeout=15_000)
    preview = intake.preview
    assert preview is not None
    assert preview.isVisible()
    assert preview.page_count() >= 1
    assert preview.register_no == number
    assert number in preview.windowTitle()
    assert preview.pdf_path.is_file()
    assert number in text_of(preview.pdf_path)
    # One page: no page navigation buttons.
    assert not preview.next_button.isVisibleTo(preview)

    folder = preview.pdf_path.parent
    preview.close_button.click()
    qtbot.waitUntil(lambda: not folder.exists())  # the temporary file is removed


def test_print_button_renders_every_page_on_the_printer(
    qtbot: QtBot, db: Database, intake: IntakeTab, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    number = register(db)
    preview = open_preview(qtbot, intake, number)
    out = tmp_path / "printed.pdf"
    dialogs: list[Any] = []

    class FakePrintDialog:
        """Accepts at once and points the printer at a PDF file instead of paper."""

        def __init__(self, printer: QPrinter, parent: Any) -> None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(out))
            dialogs.append(printer)

        def setWindowTitle(self, _title: str) -> None:
            pass

        def exec(self) -> int:
            return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(print_preview, "available_printers", lambda: ["办公室打印机"])
    monkeypatch.setattr(print_preview, "QPrintDialog", FakePrintDialog)
    preview.print_button.click()
    assert len(dialogs) == 1
    operation = preview.print_operation
    assert operation is not None
    qtbot.waitUntil(lambda: operation.done, timeout=20_000)
    assert preview.status_label.text() == "已送打印机，共 1 页"
    assert preview.print_button.isEnabled()
    printed = PdfReader(out)
    assert len(printed.pages) == preview.page_count()
    # The page was drawn as an image filling the paper (A4).
    box = printed.pages[0].mediabox
    assert round(float(box.width)) in (595, 596) and round(float(box.height)) in (841, 842)
    assert printed.pages[0].images, "the rendered page was not drawn"


def test_no_printer_is_explained(
    qtbot: QtBot,
    db: Database,
    intake: IntakeTab,
    monkeypatch: pytest.MonkeyPatch,
    error_dialogs: list[Any],
) -> None:
    preview = open_preview(qtbot, intake, register(db))

    def no_dialog(*_args: Any) -> Any:
        raise AssertionError("the print dialog must not open without a printer")

    monkeypatch.setattr(print_preview, "available_printers", lambda: [])
    monkeypatch.setattr(print_preview, "QPrintDialog", no_dialog)
    preview.print_document()
    assert len(error_dialogs) == 1
    assert error_dialogs[0].text.startswith("未找到打印机")


def test_save_as_pdf_copies_the_slip(
    qtbot: QtBot, db: Database, intake: IntakeTab, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    number = register(db, name="孙桂兰")
    preview = open_preview(qtbot, intake, number)
    target = tmp_path / "存档" / "登记单"
    target.parent.mkdir()
    monkeypatch.setattr(
        prompts.QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *_a: (str(target), "PDF 文件 (*.pdf)")),
    )
    preview.save_button.click()
    saved = target.with_suffix(".pdf")  # the suffix is added
    assert saved.read_bytes() == preview.pdf_path.read_bytes()
    assert "孙桂兰" in text_of(saved)
    assert str(saved) in preview.status_label.text()


def test_unknown_case_is_reported(
    qtbot: QtBot, intake: IntakeTab, error_dialogs: list[Any]
) -> None:
    operation = intake.open_preview("2026-09999")
    qtbot.waitUntil(lambda: operation.done, timeout=15_000)
    assert intake.preview is None
    assert [r.text for r in error_dialogs] == ["找不到登记号为 2026-09999 的信访事项"]


def test_long_slip_has_page_navigation(qtbot: QtBot, db: Database, intake: IntakeTab) -> None:
    visit = VisitInput(
        channel=Channel.LETTER,
        received_at=earlier_today(5),
        name="孙桂兰",
        category_id=3,
        summary="来信反映：" + "原单位改制时未按规定补缴养老保险费，多次反映未果。" * 79,
        receiving_officer="赵敏",
    )
    number = register_visit(db, visit, actor=actor("test")).unwrap().register_no
    preview = open_preview(qtbot, intake, number)
    assert preview.page_count() >= 2
    assert preview.next_button.isVisibleTo(preview)
    assert preview.page_label.text() == f"第 1 / {preview.page_count()} 页"
    assert not preview.previous_button.isEnabled()
    preview.next_button.click()
    qtbot.waitUntil(lambda: preview.current_page() == 1)
    assert preview.page_label.text() == f"第 2 / {preview.page_count()} 页"
    assert preview.previous_button.isEnabled()
