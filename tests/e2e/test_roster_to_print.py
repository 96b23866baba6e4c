"""End to end, as the clerk works the 排班 tab: set up a leader's portfolio and a rule,
generate the quarter, let another leader substitute, book a visitor through the dialog
(the leader who owns the issue first), print the 四卡, and read the PDF back."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from petitiondesk.core.periods import PERIOD_QUARTER
from petitiondesk.gui import operations
from petitiondesk.gui.main_window import MainWindow
from petitiondesk.gui.roster.booking_dialog import BookingDialog
from petitiondesk.gui.roster.dialogs import SubstituteDialog
from petitiondesk.gui.roster.leaders_dialog import LeadersRulesDialog
from petitiondesk.gui.tabs import TAB_ROSTER
from petitiondesk.services.roster import list_roster, roster_history
from petitiondesk.store.db import Database

TODAY = date(2026, 10, 9)
Q4 = (date(2026, 10, 1), date(2026, 12, 31))
CARD_TITLES = (
    "领导接待日通知卡（来访人联）",
    "领导接待日通知卡（责任单位联）",
    "领导接待日呈报卡（领导联）",
    "领导接待日存根（办公室留存）",
)


def embedded_font_files(reader: PdfReader) -> list[bool]:
    found = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font.get("/Subtype") == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            found.append("/FontFile2" in font["/FontDescriptor"].get_object())
    return found


def test_generate_substitute_book_and_print_the_four_cards(
    qtbot: QtBot, db: Database, main_window: MainWindow, tmp_path: Path
) -> None:
    tab = main_window.roster
    tab.today = lambda: TODAY
    main_window.tabs.setCurrentIndex(TAB_ROSTER)
    tab.set_period(*Q4, PERIOD_QUARTER)

    # 1. 领导与接待规则…: 李红梅 owns 劳动社保; every Monday morning at the centre.
    tab.leaders_button.click()
    setup = tab.dialog
    assert isinstance(setup, LeadersRulesDialog)
    setup.leaders.list.setCurrentRow(1)
    assert setup.leaders.name.text() == "李红梅"
    setup.leaders.set_categories(["劳动社保"])
    setup.leaders.save_button.click()
    operations.wait_for_all()
    assert setup.leaders.status.text().startswith("已保存领导 李红梅")
    setup.pages.setCurrentIndex(1)
    rules = setup.rules
    rules.name.setText("每周一领导接待日")
    rules.place.setText("县信访局一楼接待大厅")
    rules.slots.clear()
    qtbot.keyClicks(rules.slots, "08:30-12:00")
    rules.save_button.click()
    operations.wait_for_all()
    assert rules.list.count() == 1, rules.fieldset.message_text("")
    setup.close_button.click()
    main_window.activateWindow()  # waiting for the saves let the dialog become active
    qtbot.waitUntil(main_window.isActiveWindow)

    # 2. 生成排班 (Ctrl+G): Mondays alternate 张建国 / 李红梅, 国庆 10-05 skipped.
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    operation = tab.generate_operation
    assert operation is not None
    qtbot.waitUntil(lambda: operation.done, timeout=15_000)
    assert tab.model.rowCount() == 12
    assert [r.leader_name for r in tab.model.rows[:2]] == ["张建国", "李红梅"]

    # 3. 张建国 cannot come on 10-12: 李红梅 substitutes (替班…).
    assert tab.select_row(0)
    main_window.roster.substitute_action.trigger()
    substitute = tab.dialog
    assert isinstance(substitute, SubstituteDialog)
    assert substitute.leader.currentText() == "李红梅（副局长）"
    substitute.reason.setText("到市里参加信访工作会议")
    substitute.save_button.click()
    operations.wait_for_all()
    assert not substitute.isVisible()
    slot = list_roster(db, date(2026, 10, 12), date(2026, 10, 12))[0]
    assert slot.leader_name == "李红梅" and slot.changed
    assert [h.reason for h in roster_history(db, slot.entry_id)] == ["到市里参加信访工作会议"]

    # 4. A visitor about 劳动社保: Enter on the slot opens 预约 for it.
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    booking = tab.dialog
    assert isinstance(booking, BookingDialog)
    booking.visitor_name.setText("王秀英")
    booking.phone.setFocus()
    qtbot.keyClicks(booking.phone, "13803710123")
    booking.category.setCurrentIndex(booking.category.findText("劳动社保"))
    booking.summary.setPlainText("反映原单位2003年改制时未补缴养老保险费，导致养老金偏低。")
    booking.unit.setCurrentIndex(0)
    assert booking.selected_entry_id() == slot.entry_id
    assert booking.slots.currentItem().text().startswith("【分管】10月12日（星期一）")
    assert booking.match_hint.text() == "所选领导分管“劳动社保”。"
    booking.book_button.setFocus()
    qtbot.keyClick(booking.book_button, Qt.Key.Key_Space)
    operations.wait_for_all()
    assert booking.booking is not None, booking.message_text("")
    assert booking.booking.ticket == "预约1号"
    assert not booking.warning_label.isVisible()  # the leader owns the issue

    # 5. 打印四卡 from the booking dialog (Ctrl+P there) → preview of the PDF.
    booking.activateWindow()
    qtbot.waitUntil(booking.isActiveWindow)
    qtbot.keyClick(booking.print_button, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: tab.print_operation is not None)  # a shortcut animates the click
    print_operation = tab.print_operation
    assert print_operation is not None
    qtbot.waitUntil(lambda: print_operation.done, timeout=20_000)
    preview = tab.preview
    assert preview is not None and preview.isVisible()
    assert preview.page_count() == 1
    number = f"YY20261012-{booking.booking.appointment_id:04d}"
    assert preview.windowTitle() == f"领导接待日四卡 {number} — 打印预览"

    reader = PdfReader(preview.pdf_path)
    assert len(reader.pages) == 1
    text = re.sub(r"\s+", "", reader.pages[0].extract_text())
    for title in CARD_TITLES:
        assert title in text
    assert text.count("王秀英") >= 4  # on every card (not confidential)
    assert text.count("李红梅") >= 4
    assert number in text and "预约1号" in text
    assert "2026年10月12日星期一08:30—12:00" in text
    assert all(embedded_font_files(reader))

    # The tab shows the booking in the slot's queue.
    assert tab.queue_model.rowCount() == 1
    assert tab.queue_model.items[0].visitor_name == "王秀英"
    folder = preview.pdf_path.parent
    preview.close_button.click()
    qtbot.waitUntil(lambda: not folder.exists())
    QApplication.processEvents()
