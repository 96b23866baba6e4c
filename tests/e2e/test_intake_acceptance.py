"""End to end, as the clerk works: register a walk-in visitor on the form, decide not to
accept the matter (another body's business), print the 不予受理告知书 and read it back."""

from __future__ import annotations

from datetime import date

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from petitiondesk.core.enums import CaseStatus, Channel, RejectionReason
from petitiondesk.gui.main_window import MainWindow
from petitiondesk.services import cases
from petitiondesk.store.db import Database
from petitiondesk.store.models import Petition

ID_NUMBER = "11010519491231002X"
NAME = "王秀英"
BODY = "青山县自然资源局"


def test_register_reject_and_print_the_notice(
    qtbot: QtBot, db: Database, main_window: MainWindow
) -> None:
    tab = main_window.intake
    form = tab.form

    # 1. The visitor is registered on the form and saved with Ctrl+S.
    form.channel.setCurrentIndex(form.channel.findData(Channel.VISIT.value))
    form.id_number.setFocus()
    qtbot.keyClicks(form.id_number, ID_NUMBER)
    form.name.setText(NAME)
    qtbot.keyClicks(form.phone, "13803710123")
    form.address.setText("青山县城关镇幸福路12号")
    form.category.setCurrentIndex(form.category.findText("城乡建设"))
    form.place.setText("城关镇东湖村")
    form.summary.setPlainText("反映邻居违法占用集体土地建房，要求确认宅基地使用权。")
    form.receiving_officer.setText("赵敏")
    form.demands.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.demands)
    qtbot.keyClick(form.demands, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: cases.count_cases(db) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: not tab.is_saving())
    number = f"{date.today().year}-00001"
    assert tab.selected_register_no() == number
    assert tab.due_label.text().startswith("告知期限")

    # 2. 受理决定… (Ctrl+J): not accepted — another body's matter, named.
    qtbot.keyClick(form.id_number, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    dialog = tab.acceptance_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)  # 不予受理(&B)
    qtbot.waitUntil(dialog.reject_radio.isChecked)  # (a mnemonic clicks with animation)
    dialog.reason.setCurrentIndex(dialog.reason.findData(RejectionReason.OTHER_BODY.value))
    dialog.body.setText(BODY)
    qtbot.keyClick(dialog.body, Qt.Key.Key_Return)  # Enter: 确定
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=10_000)
    year = date.today().year
    notice_no = f"信访〔{year}〕1号"
    assert notice_no in dialog.general.text()
    assert notice_no in main_window.statusBar().currentMessage()

    # 3. 打印告知书 (Ctrl+P): the print preview shows both copies.
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: tab.preview is not None, timeout=20_000)
    preview = tab.preview
    assert preview is not None
    assert preview.page_count() == 2
    assert "不予受理告知书" in preview.windowTitle()

    # 4. The PDF read back: the decision, its ground, where to go, the number, both copies.
    reader = PdfReader(preview.pdf_path)
    pages = [(p.extract_text() or "").replace(" ", "").replace("\n", "") for p in reader.pages]
    assert len(pages) == 2
    for page in pages:
        assert "不予受理告知书" in page
        assert f"〔{year}〕1号" in page
        assert NAME in page and number in page
        assert "不属于本机关职权范围" in page and f"请你向{BODY}提出" in page
    assert "信访人联" in pages[0] and "存档联" in pages[1]
    preview.close_button.click()

    with db.read() as session:
        row = session.query(Petition).filter_by(register_no=number).one()
        assert row.status is CaseStatus.REJECTED
        assert row.redirect_body == BODY
        assert row.notice_no == notice_no
        assert row.notice_printed_at is not None
