"""The 办结 tab drives one case from the report-back to 复核终结 through its dialogs
(each state change checked in the database and the audit log); then a new visit by the
same petitioner on the same matter is flagged 已复核终结 at intake."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pytestqt.qtbot import QtBot

from petitiondesk.core.enums import (
    AcceptanceDecision,
    CaseStatus,
    DeliveryMethod,
    OpinionDecision,
    RejectionReason,
    ReviewOutcome,
    Satisfaction,
)
from petitiondesk.gui.closure.fields import ClosureDialog
from petitiondesk.gui.closure.tab import ClosureTab
from petitiondesk.gui.widgets.dates import to_qdate
from petitiondesk.services.intake import register_visit
from petitiondesk.services.referrals import ReportInput, report_back
from petitiondesk.store.db import Database
from tests.helpers import GOOD_ID, actor, visit_input
from tests.services.closure.setup import audit_after, audit_count, last_audit, status
from tests.services.referrals.setup import accepted_case, add_units, refer

UNIT = "青山县住房和城乡建设局"


def reported_case(db: Database) -> str:
    """Accepted, referred to the housing bureau, reported back on 2026-11-30."""
    units = add_units(db)
    number = accepted_case(db)
    out = refer(db, number, units[UNIT])
    report_back(
        db, out.referral_id, units[UNIT],
        ReportInput("经调查，补偿款已拨付。", date(2026, 11, 30), doc_no="青住建〔2026〕8号"),
        actor=actor("赵丽"), today=date(2026, 11, 30),
    ).unwrap()  # fmt: skip
    return number


def open_step(tab: ClosureTab, action_name: str, day: date) -> Any:
    tab.today = lambda: day
    action = getattr(tab, action_name)
    assert action.isEnabled(), action_name
    action.trigger()
    dialog = tab.dialog
    assert isinstance(dialog, ClosureDialog)
    return dialog


def save(qtbot: QtBot, dialog: ClosureDialog) -> None:
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=10_000)


def saved_step(qtbot: QtBot, db: Database, dialog: ClosureDialog, action: str) -> dict[str, Any]:
    """Save ``dialog``; one audit row ``action`` more; its ``after`` values."""
    before = audit_count(db)
    save(qtbot, dialog)
    assert dialog.last_result is not None and dialog.last_result.ok, dialog.last_result
    assert not dialog.isVisible()
    assert audit_count(db) >= before + 1
    rows = audit_count(db) - before
    row = last_audit(db)
    if rows == 1:
        assert row.action == action
    return audit_after(row)


def test_one_case_from_report_to_final_and_flagged_at_intake(
    qtbot: QtBot, db: Database, main_window: Any
) -> None:
    number = reported_case(db)
    tab: ClosureTab = main_window.closure
    tab.today = lambda: date(2026, 12, 1)
    tab.refresh()
    assert main_window.tabs.tabText(main_window.tabs.indexOf(tab)) == "办结 (1/0/0)"
    assert tab.awaiting.rowCount() == 1 and tab.awaiting.item(0, 0).text() == number
    tab.awaiting.selectRow(0)
    assert tab.view is not None and tab.view.register_no == number
    assert not tab.missing.isHidden() and "尚未保存信访处理意见书" in tab.missing.text()
    assert tab.close_action.isEnabled()  # it opens the dialog that lists what is missing
    assert not tab.delivery_action.isEnabled()  # no opinion yet

    # 办结报告, prefilled from the report-back.
    dialog = open_step(tab, "report_action", date(2026, 12, 1))
    assert dialog.doc_no.text() == "青住建〔2026〕8号"
    assert dialog.unit.currentText() == UNIT
    assert dialog.handling.toPlainText() == "经调查，补偿款已拨付。"
    dialog.signer.setText("周局长")
    after = saved_step(qtbot, db, dialog, "record_completion_report")
    assert after["report_signer"] == "周局长"

    # 处理意见书: refused without a decision (message under the field), then saved.
    dialog = open_step(tab, "opinion_action", date(2026, 12, 1))
    assert dialog.decision_text.toPlainText() == "经调查，补偿款已拨付。"
    save(qtbot, dialog)
    assert dialog.message_text("decision") and dialog.isVisible()
    dialog.facts.setPlainText("经核实，补偿款已于本月拨付到位。")
    dialog.decision.select(OpinionDecision.SUPPORT)
    after = saved_step(qtbot, db, dialog, "save_opinion")
    assert after["opinion_no"] == "信访复〔2026〕1号"

    # 送达 by registered mail; the receipt date comes later.
    dialog = open_step(tab, "delivery_action", date(2026, 12, 2))
    dialog.method.select(DeliveryMethod.REGISTERED_MAIL)
    assert dialog.tracking_no.isEnabled() and not dialog.signer.isEnabled()
    qtbot.keyClicks(dialog.tracking_no, "XA123456789CN")
    after = saved_step(qtbot, db, dialog, "record_delivery")
    assert after["delivery_tracking"] == "XA123456789CN"
    dialog = open_step(tab, "receipt_action", date(2026, 12, 4))
    assert saved_step(qtbot, db, dialog, "record_opinion_receipt")["delivered_at"] == "2026-12-04"

    # 满意度.
    dialog = open_step(tab, "satisfaction_action", date(2026, 12, 5))
    dialog.level.select(Satisfaction.BASICALLY)
    assert saved_step(qtbot, db, dialog, "record_satisfaction")["satisfaction"] == "basically"
    assert tab.missing.isHidden()  # nothing missing any more

    # 办结.
    dialog = open_step(tab, "close_action", date(2026, 12, 7))
    assert dialog.missing.isHidden()
    assert saved_step(qtbot, db, dialog, "close_case")["status"] == "closed"
    assert status(db, number) is CaseStatus.CLOSED
    assert tab.awaiting.rowCount() == 0 and tab.windows.rowCount() == 1
    assert main_window.tabs.tabText(main_window.tabs.indexOf(tab)) == "办结 (0/1/0)"

    # 复查 in time (the window runs to 2027-01-03).
    dialog = open_step(tab, "review_action", date(2026, 12, 20))
    dialog.requested_on.setDate(to_qdate(date(2026, 12, 20)))
    dialog.body.setText("青山市信访局")
    assert saved_step(qtbot, db, dialog, "request_review")["level"] == "review"
    assert status(db, number) is CaseStatus.IN_REVIEW
    assert tab.reviews_due.rowCount() == 1 and tab.hearing_action.isEnabled()

    # The 复查 decision; its receipt recorded later: the case is closed again.
    dialog = open_step(tab, "decision_action", date(2027, 1, 8))
    dialog.outcome.select(ReviewOutcome.UPHOLD)
    dialog.text.setPlainText("维持原处理意见。")
    saved_step(qtbot, db, dialog, "decide_review")
    assert status(db, number) is CaseStatus.CLOSED
    assert last_audit(db).action == "case_status"
    assert tab.windows.rowCount() == 0  # the 复核 window waits for the receipt
    dialog = open_step(tab, "decision_receipt_action", date(2027, 1, 10))
    dialog.received_on.setDate(to_qdate(date(2027, 1, 9)))
    after = saved_step(qtbot, db, dialog, "record_review_receipt")
    assert after["decision_received_on"] == "2027-01-09"
    assert tab.windows.rowCount() == 1 and tab.windows.item(0, 2).text() == "复核"

    # 复核, decided: 复核终结.
    dialog = open_step(tab, "review_action", date(2027, 1, 20))
    assert dialog.level.currentText() == "复核"
    saved_step(qtbot, db, dialog, "request_review")
    assert status(db, number) is CaseStatus.IN_REVIEW
    dialog = open_step(tab, "decision_action", date(2027, 2, 10))
    dialog.outcome.select(ReviewOutcome.UPHOLD)
    dialog.text.setPlainText("维持复查意见。")
    after = saved_step(qtbot, db, dialog, "decide_review")
    assert status(db, number) is CaseStatus.FINAL and after["status"] == "final"
    assert "复核终结" in tab.detail.toPlainText()
    assert not tab.review_action.isEnabled() and not tab.reopen_action.isEnabled()

    # A new visit by the same petitioner on the same matter: 已复核终结 at intake.
    intake = main_window.intake
    main_window.tabs.setCurrentWidget(intake)
    qtbot.keyClicks(intake.form.id_number, GOOD_ID)
    intake.form.summary.setPlainText("再次反映拆迁补偿款未按协议发放。")
    qtbot.waitUntil(lambda: not intake.watcher.busy, timeout=10_000)
    qtbot.waitUntil(
        lambda: any("已复核终结" in i.text() for i in intake.repeat_panel.case_items()),
        timeout=10_000,
    )
    flagged = [i.text() for i in intake.repeat_panel.case_items() if number in i.text()]
    assert flagged and "已复核终结" in flagged[0]

    # Registered, the acceptance dialog proposes 不予受理 (复核终结); the clerk decides.
    intake.form.clear_for_next()
    new = visit_input(
        received_at=datetime(2027, 3, 1, 9, 0), summary="再次反映拆迁补偿款未按协议发放。"
    )
    again = register_visit(db, new, actor=actor("赵丽"), now=new.received_at).unwrap().register_no
    assert intake.select_case(again, date(2027, 3, 1))
    decide = intake.decide_acceptance()
    assert decide is not None
    assert decide.decision() is AcceptanceDecision.REJECT
    assert decide.current_reason() is RejectionReason.REVIEW_CONCLUDED
    assert "2027-02-10" in decide.note.toPlainText() and "已复核终结" in decide.context.text()
    decide.reject()


def test_closing_refused_lists_what_is_missing(
    qtbot: QtBot, db: Database, main_window: Any
) -> None:
    number = reported_case(db)
    tab: ClosureTab = main_window.closure
    tab.show_case(number)
    dialog = open_step(tab, "close_action", date(2026, 12, 1))
    assert "尚未记录意见书的送达情况" in dialog.missing.text()
    before = audit_count(db)
    save(qtbot, dialog)
    assert dialog.isVisible() and "尚未保存信访处理意见书" in dialog.general.text()
    assert audit_count(db) == before and status(db, number) is CaseStatus.ANSWERED
