"""受理决定… for the selected case: each decision through the dialog, its notice printed
and read back; messages next to the fields; the 15-day limit; corrections."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from petitiondesk.core.enums import AcceptanceDecision, CaseStatus, Channel, RejectionReason
from petitiondesk.gui.intake.acceptance_dialog import AcceptanceDialog, due_text
from petitiondesk.gui.intake.tab import IntakeTab
from petitiondesk.services.intake import VisitInput, register_visit
from petitiondesk.store.db import Database
from petitiondesk.store.models import Petition
from tests.helpers import actor

VALID_ID = "11010519491231002X"


def register(db: Database, days_ago: int = 2) -> str:
    visit = VisitInput(
        channel=Channel.VISIT,
        received_at=datetime.now().replace(second=0, microsecond=0)
        - timedelta(days=days_ago, minutes=5),
        name="王秀英",
        id_number=VALID_ID,
        category_id=3,
        summary="反映原单位未补缴养老保险费。",
        receiving_officer="赵敏",
    )
    return register_visit(db, visit, actor=actor("test")).unwrap().register_no


def select(qtbot: QtBot, tab: IntakeTab, number: str, days_ago: int = 2) -> None:
    assert tab.select_case(number, date.today() - timedelta(days=days_ago))
    qtbot.waitUntil(lambda: tab.selected_register_no() == number)


def open_dialog(qtbot: QtBot, tab: IntakeTab) -> AcceptanceDialog:
    tab.window().activateWindow()  # (offscreen: closing a dialog does not give it back)
    qtbot.waitUntil(tab.window().isActiveWindow)
    tab.table.setFocus()
    qtbot.waitUntil(tab.table.hasFocus)
    qtbot.keyClick(tab.table, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    dialog = tab.acceptance_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def press_ok(qtbot: QtBot, dialog: AcceptanceDialog) -> None:
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=10_000)


def stored(db: Database, number: str) -> Petition:
    with db.read() as session:
        row = session.query(Petition).filter_by(register_no=number).one()
        session.expunge(row)
        return row


def pdf_text(path: Path) -> tuple[str, int]:
    reader = PdfReader(path)
    text = "".join(page.extract_text() or "" for page in reader.pages)
    return text.replace(" ", "").replace("\n", ""), len(reader.pages)


def print_notice(qtbot: QtBot, tab: IntakeTab, dialog: AcceptanceDialog) -> tuple[str, int]:
    assert dialog.print_button.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: tab.preview is not None, timeout=20_000)
    preview = tab.preview
    assert preview is not None
    result = pdf_text(preview.pdf_path)
    assert preview.page_count() == 2  # 一式二份: 信访人联 + 存档联
    preview.close_button.click()
    return result


@pytest.mark.parametrize(
    ("decision", "reason", "body", "status", "title", "words"),
    [
        (AcceptanceDecision.ACCEPT, None, "", CaseStatus.ACCEPTED, "受理告知书", "予以受理"),
        (
            AcceptanceDecision.REJECT,
            RejectionReason.OTHER_BODY,
            "青山县自然资源局",
            CaseStatus.REJECTED,
            "不予受理告知书",
            "请你向青山县自然资源局提出",
        ),
        (
            AcceptanceDecision.REJECT,
            RejectionReason.LITIGATION,
            "",
            CaseStatus.REJECTED,
            "不予受理告知书",
            "人民法院、仲裁机构或者行政复议机关",
        ),
        (
            AcceptanceDecision.REJECT,
            RejectionReason.REVIEW_CONCLUDED,
            "",
            CaseStatus.REJECTED,
            "不予受理告知书",
            "本机关不再受理",
        ),
        (
            AcceptanceDecision.FORWARD,
            None,
            "青山县人社局",
            CaseStatus.FORWARDED,
            "转送告知书",
            "转送青山县人社局办理",
        ),
    ],
)
def test_each_decision_is_saved_and_its_notice_printed(
    qtbot: QtBot,
    db: Database,
    main_window: object,
    intake: IntakeTab,
    decision: AcceptanceDecision,
    reason: RejectionReason | None,
    body: str,
    status: CaseStatus,
    title: str,
    words: str,
) -> None:
    number = register(db)
    select(qtbot, intake, number)
    dialog = open_dialog(qtbot, intake)
    assert dialog.accept_radio.isChecked()  # 受理 unless the clerk says otherwise
    assert number in dialog.context.text() and "告知期限" in dialog.context.text()
    dialog.choose(decision, reason)
    assert dialog.reason.isVisibleTo(dialog) == (decision is AcceptanceDecision.REJECT)
    if body:
        assert dialog.body.isVisibleTo(dialog)
        dialog.body.setText(body)
    press_ok(qtbot, dialog)

    row = stored(db, number)
    assert row.status is status
    assert row.acceptance is decision
    year = date.today().year
    assert row.notice_no == f"信访〔{year}〕1号"
    assert f"告知书文号 {row.notice_no}" in dialog.general.text()
    assert intake.selected_register_no() == number
    assert intake.model.index(0, 7).data() == status.label  # the list was refreshed

    text, pages = print_notice(qtbot, intake, dialog)
    assert pages == 2
    assert title in text and words in text
    assert f"〔{year}〕1号" in text and number in text
    assert stored(db, number).notice_printed_at is not None


def test_missing_body_and_missing_reason_are_shown_next_to_their_fields(
    qtbot: QtBot, db: Database, intake: IntakeTab
) -> None:
    number = register(db)
    select(qtbot, intake, number)
    dialog = open_dialog(qtbot, intake)
    dialog.choose(AcceptanceDecision.REJECT)
    press_ok(qtbot, dialog)
    assert dialog.messages["reason"].text() == "不予受理须选择理由"
    assert dialog.messages["reason"].isVisibleTo(dialog)
    assert dialog.reason.hasFocus()

    dialog.choose(AcceptanceDecision.REJECT, RejectionReason.OTHER_BODY)
    assert not dialog.messages["reason"].isVisibleTo(dialog)  # cleared when changed
    assert dialog.body_label.text() == "告知去向"
    press_ok(qtbot, dialog)
    assert "有权处理的机关" in dialog.messages["redirect_body"].text()
    assert dialog.body.hasFocus()

    dialog.choose(AcceptanceDecision.FORWARD)
    assert dialog.body_label.text() == "转送机关"
    press_ok(qtbot, dialog)
    assert dialog.messages["redirect_body"].text() == "请填写转送的机关"
    assert stored(db, number).status is CaseStatus.REGISTERED  # nothing saved
    dialog.close_button.click()


def test_decision_date_cannot_be_before_receipt_or_in_the_future(
    qtbot: QtBot, db: Database, intake: IntakeTab
) -> None:
    number = register(db, days_ago=3)
    select(qtbot, intake, number, days_ago=3)
    dialog = open_dialog(qtbot, intake)
    edit = dialog.decided_on
    today = QDate.currentDate()
    assert edit.date() == today
    edit.setDate(today.addDays(5))
    assert edit.date() == today  # the future cannot be entered
    edit.setDate(today.addDays(-30))
    assert edit.date() == today.addDays(-3)  # nor a day before the petition came in
    press_ok(qtbot, dialog)
    assert stored(db, number).acceptance_date == date.today() - timedelta(days=3)
    dialog.close_button.click()


def test_case_bar_shows_the_limit_and_correcting_needs_a_reason(
    qtbot: QtBot, db: Database, intake: IntakeTab
) -> None:
    number = register(db)
    select(qtbot, intake, number)
    # Before the 待告知 count is in, the limit comes from the case itself.
    assert intake.due_label.text().startswith("告知期限")
    intake.hub.notify("cases")
    qtbot.waitUntil(lambda: number in intake.pending)
    select(qtbot, intake, number)
    due = intake.pending[number].acceptance_due
    assert due is not None
    assert intake.due_label.text() == due_text(due, intake.pending[number].days_remaining)
    assert "还剩" in intake.due_label.text()
    assert not intake.notice_button.isEnabled()

    dialog = open_dialog(qtbot, intake)
    press_ok(qtbot, dialog)
    dialog.close_button.click()
    qtbot.waitUntil(lambda: intake.notice_button.isEnabled())
    assert intake.due_label.text() == ""
    assert "已受理" in intake.case_info.text()

    # A decided case: the same action corrects it, and asks why.
    dialog = open_dialog(qtbot, intake)
    assert dialog.correcting and "更正" in dialog.windowTitle()
    assert dialog.correction_reason.isVisibleTo(dialog)
    dialog.choose(AcceptanceDecision.REJECT, RejectionReason.LITIGATION)
    press_ok(qtbot, dialog)
    assert dialog.messages["correction_reason"].text() == "请填写更正理由"
    assert stored(db, number).status is CaseStatus.ACCEPTED
    dialog.correction_reason.setText("误将劳动争议作为信访事项受理")
    press_ok(qtbot, dialog)
    row = stored(db, number)
    assert row.status is CaseStatus.REJECTED
    assert row.notice_no == f"信访〔{date.today().year}〕2号"  # a new notice number
    dialog.close_button.click()

    # 打印告知书 from the case bar prints the current decision.
    intake.notice_button.click()
    qtbot.waitUntil(lambda: intake.preview is not None, timeout=20_000)
    preview = intake.preview
    assert preview is not None
    text, pages = pdf_text(preview.pdf_path)
    assert "不予受理告知书" in text and pages == 2
    preview.close_button.click()
