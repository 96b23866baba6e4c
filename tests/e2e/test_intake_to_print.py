"""End to end, as the clerk works: register a visit on the form, print its slip, export
the year's ledger; read the PDF and the xlsx back."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from petitiondesk.core.enums import Channel
from petitiondesk.gui.main_window import MainWindow
from petitiondesk.services import cases
from petitiondesk.store.db import Database

ID_NUMBER = "11010519491231002X"
NAME = "王秀英"
# A complaint that starts with "=" must print literally and stay text in Excel.
SUMMARY = "=SUM(A1:A9) 反映原单位2003年改制时未补缴养老保险费，导致养老金偏低。"


def embedded_font_files(reader: PdfReader) -> list[bool]:
    """For every font on every page: does its descriptor carry an embedded TrueType file?"""
    found = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font.get("/Subtype") == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font["/FontDescriptor"].get_object()
            found.append("/FontFile2" in descriptor)
    return found


def test_register_print_and_export(
    qtbot: QtBot,
    db: Database,
    main_window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    tab = main_window.intake
    form = tab.form

    # 1. The clerk registers a walk-in visitor (ASCII typed, Chinese set: see conftest).
    form.channel.setCurrentIndex(form.channel.findData(Channel.VISIT))
    form.id_number.setFocus()
    qtbot.keyClicks(form.id_number, ID_NUMBER)
    assert form.messages["id_number"].text().startswith("✓ 出生日期 1949年12月31日")
    qtbot.keyClick(form.id_number, Qt.Key.Key_Return)  # on to 姓名
    assert form.name.hasFocus()
    form.name.setText(NAME)
    qtbot.keyClicks(form.phone, "13803710123")
    form.address.setText("青山县城关镇幸福路12号")
    form.work_unit.setFocus()
    qtbot.waitUntil(form.work_unit.hasFocus)
    qtbot.keyClick(form.work_unit, Qt.Key.Key_Tab)  # Tab into 人数 selects its text
    assert form.people_count.hasFocus()
    qtbot.keyClicks(form.people_count, "3")
    form.category.setCurrentIndex(form.category.findText("劳动社保"))
    form.summary.setPlainText(SUMMARY)
    form.demands.setPlainText("请求督促原单位补缴养老保险费。")
    form.receiving_officer.setText("赵敏")
    form.duty_leader.setCurrentIndex(1)

    form.demands.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.demands)
    qtbot.keyClick(form.demands, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: cases.count_cases(db) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: not tab.is_saving())
    number = f"{date.today().year}-00001"
    assert main_window.statusBar().currentMessage().startswith(f"已登记，登记号 {number}")
    assert tab.selected_register_no() == number
    assert form.name.text() == ""
    stored = cases.case_detail(db, number)
    assert stored is not None
    assert stored.row.name == NAME
    assert stored.row.people_count == 3
    assert stored.row.summary == SUMMARY

    # 2. Ctrl+P prints the case just saved: the preview shows the slip's PDF.
    qtbot.keyClick(form.id_number, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: tab.preview is not None, timeout=20_000)
    preview = tab.preview
    assert preview is not None and preview.page_count() >= 1
    reader = PdfReader(preview.pdf_path)
    text = "".join(page.extract_text() or "" for page in reader.pages).replace(" ", "")
    assert NAME in text
    assert number in text
    assert "=SUM(A1:A9)" in text
    fonts = embedded_font_files(reader)
    assert fonts and all(fonts), "every font must be embedded (/FontFile2)"
    preview.close_button.click()

    # 3. 文件 → 导出登记台账…: year and file answered, export runs in the background.
    out = tmp_path / "台账.xlsx"
    answers: dict[str, Any] = {}

    def get_int(*args: Any) -> tuple[int, bool]:
        answers["year_default"] = args[3]
        return date.today().year, True

    monkeypatch.setattr(QInputDialog, "getInt", staticmethod(get_int))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a: (str(out), "")))

    def internal_use(box: QMessageBox) -> int:  # 内部使用: the full ID number is kept
        next(b for b in box.buttons() if b.text() == "内部使用").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", internal_use)
    main_window.export_action.trigger()
    operation = main_window.export_operation
    assert operation is not None
    qtbot.waitUntil(lambda: operation.done, timeout=30_000)
    assert answers["year_default"] == date.today().year
    assert "已导出" in main_window.statusBar().currentMessage()

    sheet = load_workbook(out).worksheets[0]
    rows = [row for row in sheet.iter_rows() if any(c.value == number for c in row)]
    assert len(rows) == 1
    row = rows[0]
    values = [c.value for c in row]
    assert NAME in values and ID_NUMBER in values
    summary_cells = [c for c in row if c.value == SUMMARY]
    assert len(summary_cells) == 1
    assert summary_cells[0].data_type == "s"  # text, not a formula
