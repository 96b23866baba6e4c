"""End to end, as the clerk works one whole case through the main window: the visit is
typed at intake and accepted, referred to the housing bureau, signed for and reported
back in the 交办督办 tab, then taken through the 办结 tab (办结报告, 处理意见书, 送达,
满意度, 办结, 复查, 复核) to 复核终结; a new visit on the same matter is flagged 已复核终结
at intake; the 信访处理意见书 is printed and read back. After each step the case status
and the step's audit row are checked in the database.

The intake tab and the acceptance dialog follow the real clock; the visit is dated
2026-11-20 on the form and the decision 2026-11-23, and the referral and closure tabs get
an injected ``today`` from there on (so the 30-day review windows are tested on fixed
dates whatever the day the suite runs)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from PySide6.QtCore import QDate, QDateTime, QTime
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from petitiondesk.core.enums import (
    CaseStatus,
    Channel,
    DeliveryMethod,
    OpinionDecision,
    ReferralStatus,
    ReviewOutcome,
    Satisfaction,
)
from petitiondesk.gui.closure.tab import ClosureTab
from petitiondesk.gui.main_window import MainWindow
from petitiondesk.gui.referral.tab import ReferralTab
from petitiondesk.gui.widgets.dates import to_qdate
from petitiondesk.gui.widgets.form_dialog import FormDialog
from petitiondesk.services import cases, printouts
from petitiondesk.store.db import Database
from petitiondesk.store.models import AuditLog, Referral
from tests.services.closure.setup import status
from tests.services.referrals.setup import add_units

ID_NUMBER = "11010519491231002X"
NAME = "王秀英"
CATEGORY = "城乡建设"
SUMMARY = "反映拆迁补偿款未按协议发放，要求按协议足额发放。"
UNIT = "青山县住房和城乡建设局"
REPORT_NO = "青住建〔2026〕8号"
OPINION_NO = "信访复〔2026〕1号"


def audited(db: Database, action: str) -> int:
    """How many audit rows ``action`` there are."""
    with db.read() as session:
        query = select(func.count()).select_from(AuditLog).where(AuditLog.action == action)
        return session.scalar(query) or 0


def saved(qtbot: QtBot, db: Database, dialog: FormDialog, action: str) -> Any:
    """Press the dialog's save button, wait for the write; one audit row ``action`` more.
    Returns the result's value."""
    before = audited(db, action)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=10_000)
    assert dialog.last_result is not None and dialog.last_result.ok, dialog.last_result
    assert audited(db, action) == before + 1, action
    return dialog.last_result.value


def closure_step(tab: ClosureTab, action_name: str, day: date) -> Any:
    """Move the 办结 tab's clock to ``day`` and open the dialog of one of its actions."""
    tab.today = lambda: day
    action = getattr(tab, action_name)
    assert action.isEnabled(), action_name
    action.trigger()
    assert tab.dialog is not None
    return tab.dialog


def register_and_accept(qtbot: QtBot, db: Database, window: MainWindow) -> str:
    """来访登记: type the visit (dated 2026-11-20) and save; 受理 on 2026-11-23."""
    tab = window.intake
    form = tab.form
    form.channel.setCurrentIndex(form.channel.findData(Channel.VISIT.value))
    form.received_at.setDateTime(QDateTime(QDate(2026, 11, 20), QTime(9, 30)))
    form.id_number.setFocus()
    qtbot.keyClicks(form.id_number, ID_NUMBER)
    form.name.setText(NAME)
    qtbot.keyClicks(form.phone, "13803710123")
    form.address.setText("青山县城关镇前进村8号")
    form.category.setCurrentIndex(form.category.findText(CATEGORY))
    form.summary.setPlainText(SUMMARY)
    form.demands.setPlainText("请求督促按协议发放补偿款。")
    form.receiving_officer.setText("赵敏")
    qtbot.waitUntil(lambda: not tab.watcher.busy, timeout=10_000)
    before = audited(db, "register_visit")
    tab.save_button.click()
    qtbot.waitUntil(lambda: cases.count_cases(db) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: not tab.is_saving(), timeout=10_000)
    number = tab.selected_register_no()
    assert number == "2026-00001"
    assert status(db, number) is CaseStatus.REGISTERED
    assert audited(db, "register_visit") == before + 1

    dialog = tab.decide_acceptance()
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.accept_radio.click()
    dialog.decided_on.setDate(to_qdate(date(2026, 11, 23)))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=10_000)
    assert status(db, number) is CaseStatus.ACCEPTED
    assert audited(db, "decide_acceptance") == 1
    dialog.close_button.click()
    return number


def refer_receive_report(qtbot: QtBot, db: Database, window: MainWindow, number: str) -> None:
    """交办督办: 交办 on 2026-11-25, 签收 on 11-26, 办理结果 reported on 11-30."""
    units = add_units(db)
    tab: ReferralTab = window.referral  # type: ignore[attr-defined]
    window.tabs.setCurrentWidget(tab)
    tab.today = lambda: date(2026, 11, 25)
    tab.refresh()

    dialog = tab.refer(number)
    assert dialog.case.currentData() == number
    dialog.lead_unit.setCurrentIndex(dialog.lead_unit.findData(units[UNIT]))
    dialog.rule.setCurrentIndex(dialog.rule.findData("dept_reply"))
    dialog.instruction.setPlainText("请县住建局核实，依法依规处理。")
    outcome = saved(qtbot, db, dialog, "refer_case")
    assert status(db, number) is CaseStatus.REFERRED
    assert tab.model.rowCount() == 1

    tab.today = lambda: date(2026, 11, 26)
    tab.table.selectRow(0)
    receipt = tab.receive()
    assert receipt is not None
    receipt.received_by.setText("刘强")
    saved(qtbot, db, receipt, "receive_referral")
    assert status(db, number) is CaseStatus.REFERRED

    tab.today = lambda: date(2026, 11, 30)
    tab.table.selectRow(0)
    report = tab.report_back()
    assert report is not None
    report.text.setPlainText("经调查，补偿款已拨付。")
    report.doc_no.setText(REPORT_NO)
    saved(qtbot, db, report, "report_referral")
    with db.read() as session:
        referral = session.get(Referral, outcome.referral_id)
        assert referral is not None and referral.status is ReferralStatus.ANSWERED
    assert status(db, number) is CaseStatus.ANSWERED
    assert tab.model.rowCount() == 0


def opinion_to_closed(qtbot: QtBot, db: Database, tab: ClosureTab, number: str) -> None:
    """办结报告 → 处理意见书 → 送达 (and receipt) → 满意度 → 办结."""
    dialog = closure_step(tab, "report_action", date(2026, 12, 1))
    assert dialog.doc_no.text() == REPORT_NO and dialog.unit.currentText() == UNIT
    dialog.signer.setText("周局长")
    saved(qtbot, db, dialog, "record_completion_report")
    assert status(db, number) is CaseStatus.ANSWERED

    dialog = closure_step(tab, "opinion_action", date(2026, 12, 1))
    dialog.facts.setPlainText("经核实，补偿款已于本月拨付到位。")
    dialog.decision.select(OpinionDecision.SUPPORT)
    saved(qtbot, db, dialog, "save_opinion")
    assert status(db, number) is CaseStatus.ANSWERED

    dialog = closure_step(tab, "delivery_action", date(2026, 12, 2))
    dialog.method.select(DeliveryMethod.REGISTERED_MAIL)
    qtbot.keyClicks(dialog.tracking_no, "XA123456789CN")
    saved(qtbot, db, dialog, "record_delivery")
    dialog = closure_step(tab, "receipt_action", date(2026, 12, 4))
    saved(qtbot, db, dialog, "record_opinion_receipt")  # the 30-day window starts here
    assert status(db, number) is CaseStatus.ANSWERED

    dialog = closure_step(tab, "satisfaction_action", date(2026, 12, 5))
    dialog.level.select(Satisfaction.BASICALLY)
    saved(qtbot, db, dialog, "record_satisfaction")
    assert tab.missing.isHidden()

    dialog = closure_step(tab, "close_action", date(2026, 12, 7))
    assert dialog.missing.isHidden()
    saved(qtbot, db, dialog, "close_case")
    assert status(db, number) is CaseStatus.CLOSED


def decide_review(qtbot: QtBot, db: Database, tab: ClosureTab, day: date, text: str) -> None:
    """The pending review's decision on ``day``: upheld, with ``text``."""
    dialog = closure_step(tab, "decision_action", day)
    dialog.outcome.select(ReviewOutcome.UPHOLD)
    dialog.text.setPlainText(text)
    saved(qtbot, db, dialog, "decide_review")


def review_to_final(qtbot: QtBot, db: Database, tab: ClosureTab, number: str) -> None:
    """复查 (in time) → 复查意见 → its receipt → 复核 → 复核意见: 复核终结."""
    dialog = closure_step(tab, "review_action", date(2026, 12, 20))
    dialog.requested_on.setDate(to_qdate(date(2026, 12, 20)))  # window runs to 2027-01-03
    dialog.body.setText("青山市信访局")
    saved(qtbot, db, dialog, "request_review")
    assert status(db, number) is CaseStatus.IN_REVIEW

    decide_review(qtbot, db, tab, date(2027, 1, 8), "维持原处理意见。")
    assert status(db, number) is CaseStatus.CLOSED
    assert audited(db, "case_status") >= 1

    dialog = closure_step(tab, "decision_receipt_action", date(2027, 1, 10))
    dialog.received_on.setDate(to_qdate(date(2027, 1, 9)))
    saved(qtbot, db, dialog, "record_review_receipt")
    assert status(db, number) is CaseStatus.CLOSED

    dialog = closure_step(tab, "review_action", date(2027, 1, 20))
    assert dialog.level.currentText() == "复核"
    saved(qtbot, db, dialog, "request_review")
    assert status(db, number) is CaseStatus.IN_REVIEW

    decide_review(qtbot, db, tab, date(2027, 2, 10), "维持复查意见。")
    assert status(db, number) is CaseStatus.FINAL
    assert "复核终结" in tab.detail.toPlainText()


def test_one_case_from_intake_to_final_review(
    qtbot: QtBot, db: Database, main_window: MainWindow, tmp_path: Path
) -> None:
    number = register_and_accept(qtbot, db, main_window)
    refer_receive_report(qtbot, db, main_window, number)

    closure: ClosureTab = main_window.closure  # type: ignore[attr-defined]
    main_window.tabs.setCurrentWidget(closure)
    closure.today = lambda: date(2026, 12, 1)
    closure.refresh()
    assert closure.awaiting.rowCount() == 1 and closure.awaiting.item(0, 0).text() == number
    closure.awaiting.selectRow(0)
    assert closure.view is not None and closure.view.register_no == number
    opinion_to_closed(qtbot, db, closure, number)
    review_to_final(qtbot, db, closure, number)

    # A new visit by the same petitioner with similar text: 已复核终结 in the 查重 panel.
    intake = main_window.intake
    main_window.tabs.setCurrentWidget(intake)
    intake.form.id_number.setFocus()
    qtbot.keyClicks(intake.form.id_number, ID_NUMBER)
    intake.form.category.setCurrentIndex(intake.form.category.findText(CATEGORY))
    intake.form.summary.setPlainText("再次反映拆迁补偿款未按协议发放。")
    qtbot.waitUntil(lambda: not intake.watcher.busy, timeout=10_000)
    qtbot.waitUntil(
        lambda: any(number in i.text() for i in intake.repeat_panel.case_items()),
        timeout=10_000,
    )
    flagged = [i.text() for i in intake.repeat_panel.case_items() if number in i.text()]
    assert "已复核终结" in flagged[0]
    intake.form.clear_for_next()

    # The 信访处理意见书, printed through the service (the tab's preview is tested elsewhere).
    out = tmp_path / "opinion.pdf"
    printouts.print_opinion(db, number, out).unwrap()
    text = "".join((p.extract_text() or "") for p in PdfReader(out).pages)
    text = text.replace(" ", "").replace("\n", "")
    assert "信访处理意见书" in text
    assert "〔2026〕1号" in text and NAME in text
