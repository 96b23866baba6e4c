"""接谈记录… of a visit: written in the dialog, saved, corrected and printed."""

from __future__ import annotations

from datetime import date

from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from petitiondesk.core.enums import Channel
from petitiondesk.gui.intake.conversation_dialog import ConversationDialog
from petitiondesk.gui.intake.tab import IntakeTab
from petitiondesk.services import conversations
from petitiondesk.services.intake import VisitInput, register_visit
from petitiondesk.store.db import Database
from tests.helpers import actor, earlier_today

VALID_ID = "11010519491231002X"


def register(db: Database, channel: Channel = Channel.VISIT) -> str:
    visit = VisitInput(
        channel=channel,
        received_at=earlier_today(60),
        name="王秀英",
        id_number=VALID_ID if channel is Channel.VISIT else "",
        category_id=3,
        summary="反映原单位未补缴养老保险费。",
        receiving_officer="赵敏",
        duty_leader_id=2,  # 李红梅
    )
    return register_visit(db, visit, actor=actor("test")).unwrap().register_no


def open_dialog(qtbot: QtBot, tab: IntakeTab, number: str) -> ConversationDialog:
    tab.hub.notify("cases")
    assert tab.select_case(number, date.today())
    tab.window().activateWindow()
    qtbot.waitUntil(tab.window().isActiveWindow)
    tab.table.setFocus()
    qtbot.waitUntil(tab.table.hasFocus)
    qtbot.keyClick(tab.table, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    dialog = tab.conversation_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_record_is_saved_and_printed(qtbot: QtBot, db: Database, intake: IntakeTab) -> None:
    number = register(db)
    dialog = open_dialog(qtbot, intake, number)
    # The leader on duty and the receiving officer are proposed.
    assert dialog.leader.currentText() == "李红梅（副局长）"
    assert dialog.recorder.text() == "赵敏"
    qtbot.waitUntil(dialog.content.hasFocus)

    dialog.save_button.click()  # nothing said yet
    qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=10_000)
    assert dialog.messages["content"].text() == "请填写谈话内容"
    assert dialog.messages["content"].isVisibleTo(dialog)
    assert conversations.conversation_record(db, number) is None

    dialog.content.setPlainText("来访人称原单位改制时未为其补缴1998年至2003年养老保险费。")
    dialog.instruction.setPlainText("请人社局核实缴费记录，十日内答复。")
    qtbot.keyClicks(dialog.attendees, "Wang Li")
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # 保存并打印
    qtbot.waitUntil(lambda: intake.preview is not None, timeout=20_000)

    record = conversations.conversation_record(db, number)
    assert record is not None
    assert record.leader == "李红梅（副局长）"
    assert record.leader_instruction == "请人社局核实缴费记录，十日内答复。"
    assert record.attendees == "Wang Li"
    preview = intake.preview
    assert preview is not None
    assert "接谈记录" in preview.windowTitle()
    text = "".join(p.extract_text() or "" for p in PdfReader(preview.pdf_path).pages)
    text = text.replace(" ", "").replace("\n", "")
    assert "接谈记录" in text and number in text
    assert "请人社局核实缴费记录" in text and "李红梅" in text
    preview.close_button.click()

    # Opening it again shows the record; saving corrects it.
    dialog = open_dialog(qtbot, intake, number)
    assert dialog.instruction.toPlainText() == "请人社局核实缴费记录，十日内答复。"
    dialog.instruction.setPlainText("请人社局五日内答复。")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: intake.conversation_dialog is None, timeout=10_000)
    record = conversations.conversation_record(db, number)
    assert record is not None and record.leader_instruction == "请人社局五日内答复。"


def test_a_future_time_is_refused_next_to_the_field(
    qtbot: QtBot, db: Database, intake: IntakeTab
) -> None:
    number = register(db)
    dialog = open_dialog(qtbot, intake, number)
    dialog.content.setPlainText("谈话内容")
    dialog.held_at.setDateTime(dialog.held_at.dateTime().addDays(2))
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=10_000)
    assert dialog.messages["held_at"].text() == "日期不能晚于当前时间"
    assert dialog.held_at.hasFocus()
    dialog.cancel_button.click()


def test_only_visits_have_a_conversation_record(
    qtbot: QtBot, db: Database, intake: IntakeTab
) -> None:
    number = register(db, Channel.LETTER)
    intake.hub.notify("cases")
    assert intake.select_case(number, date.today())
    assert not intake.conversation_button.isEnabled()
    assert "只用于走访" in intake.conversation_button.toolTip()
    assert intake.edit_conversation() is None
