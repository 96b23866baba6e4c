"""The 交办督办 tab as the clerk drives it: refer an accepted case, see it overdue on the
board, issue a 督办单 to eight recipients, record two 回执, record the unit's report —
and the case moves on to closure. The database and the audit log are checked after
each step. The clerk's "today" is injected (``tab.today``)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from petitiondesk.core.enums import CaseStatus, DueState, ReferralStatus
from petitiondesk.gui.main_window import MainWindow
from petitiondesk.gui.referral.board_model import COL_DAYS, COL_DUE, COL_STATE, COL_UNIT
from petitiondesk.gui.referral.tab import ReferralTab
from petitiondesk.gui.widgets.dates import to_qdate
from petitiondesk.gui.widgets.form_dialog import FormDialog
from petitiondesk.services.referrals import set_extra_supervision_roles
from petitiondesk.store.db import Database
from petitiondesk.store.models import AuditLog, Petition, Referral, SupervisionSlip
from tests.helpers import actor
from tests.services.referrals.setup import TODAY, accepted_case, add_units

OVERDUE_DAY = date(2026, 12, 28)  # 20 working days from 2026-11-25 is 2026-12-23


@pytest.fixture
def tab(main_window: MainWindow, db: Database) -> Iterator[ReferralTab]:
    referral: ReferralTab = main_window.referral  # type: ignore[attr-defined]
    clock = {"today": TODAY}
    referral.today = lambda: clock["today"]
    referral.clock = clock  # type: ignore[attr-defined]
    main_window.tabs.setCurrentWidget(referral)
    yield referral
    if referral.dialog is not None:
        referral.dialog.reject()


def save(qtbot: QtBot, dialog: FormDialog) -> None:
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=10_000)


def audit_count(db: Database, action: str) -> int:
    with db.read() as session:
        return (
            session.scalar(
                select(func.count()).select_from(AuditLog).where(AuditLog.action == action)
            )
            or 0
        )


def case_status(db: Database, number: str) -> CaseStatus:
    with db.read() as session:
        petition = session.scalar(select(Petition).where(Petition.register_no == number))
        assert petition is not None
        return petition.status


def tab_text(window: MainWindow, tab: ReferralTab) -> str:
    return window.tabs.tabText(window.tabs.indexOf(tab))


def refer(qtbot: QtBot, tab: ReferralTab, number: str, units: dict[str, int]) -> Any:
    dialog = tab.refer()
    dialog.case.setCurrentIndex(dialog.case.findData(number))
    assert "接待日值班领导" in dialog.leader_why.text()  # the 包案领导 preset, with why
    dialog.lead_unit.setCurrentIndex(dialog.lead_unit.findData(units["城关镇人民政府"]))
    dialog.check_co_unit(units["督查科"])
    dialog.rule.setCurrentIndex(dialog.rule.findData("dept_reply"))
    assert "2026-12-23" in dialog.deadline_text.text()
    assert dialog.acknowledge.isHidden()  # 2026's holidays are entered: no estimate
    dialog.instruction.setPlainText("请城关镇牵头核实，依法依规处理。")
    dialog.requirement.setText("办结后书面报送办理结果")
    # a referral dated tomorrow is refused next to the date
    dialog.referred_on.setDate(to_qdate(date(2026, 11, 26)))
    save(qtbot, dialog)
    assert "不能晚于今天" in dialog.message_text("referred_on")
    dialog.referred_on.setDate(to_qdate(TODAY))
    save(qtbot, dialog)
    assert dialog.last_result is not None and dialog.last_result.ok
    return dialog.last_result.value


def test_refer_overdue_supervise_returns_report(
    qtbot: QtBot, main_window: MainWindow, tab: ReferralTab, db: Database
) -> None:
    units = add_units(db)
    number = accepted_case(db)
    tab.refresh()
    assert tab_text(main_window, tab) == "交办督办"

    # 1. 交办/转送 from the dialog
    outcome = refer(qtbot, tab, number, units)
    with db.read() as session:
        referral = session.get(Referral, outcome.referral_id)
        assert referral is not None
        assert referral.status is ReferralStatus.OPEN
        assert referral.due_date == date(2026, 12, 23)
        assert referral.leader_instruction == "请城关镇牵头核实，依法依规处理。"
        assert len(referral.units) == 2
    assert case_status(db, number) is CaseStatus.REFERRED
    assert audit_count(db, "refer_case") == 1
    assert tab.model.rowCount() == 1
    assert tab.selected_row() is not None  # the new referral is selected
    assert tab.model.index(0, COL_UNIT).data() == "城关镇人民政府（协办：督查科）"
    assert tab.model.index(0, COL_STATE).data() == "正常"
    assert tab.history_model.rowCount() == 1

    # 2. a month later it is overdue on the board, counted in the tab's title
    tab.clock["today"] = OVERDUE_DAY  # type: ignore[attr-defined]
    tab.load_board()
    row = tab.model.rows[0]
    assert row.state is DueState.OVERDUE
    assert tab.model.index(0, COL_STATE).data() == "已超期"
    assert tab.model.index(0, COL_DAYS).data() == "超期5天"
    assert tab.model.index(0, COL_DUE).data() == "2026-12-23"
    assert tab_text(main_window, tab) == "交办督办（超期 1 · 将到期 0）"
    tab.table.selectRow(0)
    assert tab.supervise_action.isEnabled()
    assert not tab.slip_return_action.isEnabled()  # no slip yet

    # 3. 督办单 to eight recipients; a ninth is refused
    set_extra_supervision_roles(db, ("政法委书记", "分管县领导"), actor=actor("赵丽"))
    dialog = tab.supervise()
    assert dialog is not None
    assert len(dialog.lines) == 9
    for line in dialog.lines[:8]:
        line.check.setChecked(True)
    dialog.line("县长").name.setText("刘县长")
    dialog.lines[8].check.setChecked(True)
    assert not dialog.lines[8].check.isChecked()
    assert "最多送8个" in dialog.message_text("recipients")
    assert len(dialog.checked()) == 8
    save(qtbot, dialog)
    assert dialog.last_result is not None and dialog.last_result.ok, dialog.last_result
    with db.read() as session:
        slip = session.scalar(select(SupervisionSlip))
        assert slip is not None
        assert len(slip.recipients) == 8
        assert slip.referral_id == outcome.referral_id
    assert audit_count(db, "issue_supervision") == 1
    assert tab.selected_row() is not None
    assert len(tab.slips) == 1
    assert tab.slip_return_action.isEnabled()

    # 4. two 回执
    returns = tab.slip_return()
    assert returns is not None
    assert len(returns.copies) == 8
    returns.check_copy(1)
    returns.check_copy(3)
    save(qtbot, returns)
    assert returns.last_result is not None and returns.last_result.ok
    with db.read() as session:
        slip = session.scalar(select(SupervisionSlip))
        assert slip is not None
        assert sorted(r.position for r in slip.recipients if r.returned) == [1, 3]
    assert audit_count(db, "return_supervision_copy") == 2
    assert "回执 2/8" in tab.slips_label.text()

    # 5. the unit reports: the referral ends and the case moves on to closure
    report = tab.report_back()
    assert report is not None
    report.text.setPlainText("已协调施工方调整作业时间，夜间停止施工。")
    qtbot.keyClicks(report.doc_no, "QSZ-2026-8")
    save(qtbot, report)
    assert report.last_result is not None and report.last_result.ok
    with db.read() as session:
        referral = session.get(Referral, outcome.referral_id)
        assert referral is not None
        assert referral.status is ReferralStatus.ANSWERED
    assert case_status(db, number) is CaseStatus.ANSWERED
    assert audit_count(db, "report_referral") == 1
    assert tab.model.rowCount() == 0  # off the board
    assert tab_text(main_window, tab) == "交办督办"
    assert "转入办结" in tab.report.title.text()


def test_late_objection_is_recorded_with_a_warning(
    qtbot: QtBot, tab: ReferralTab, db: Database
) -> None:
    units = add_units(db)
    number = accepted_case(db)
    tab.refresh()
    refer(qtbot, tab, number, units)
    tab.table.selectRow(0)
    receipt = tab.receive()
    assert receipt is not None
    assert receipt.unit.count() == 2  # 主办 and 协办
    qtbot.keyClicks(receipt.received_by, "Liu")
    save(qtbot, receipt)
    assert audit_count(db, "receive_referral") == 1

    tab.clock["today"] = date(2026, 12, 10)  # type: ignore[attr-defined]
    tab.load_board()
    tab.table.selectRow(0)
    objection = tab.object()
    assert objection is not None
    objection.reason.setPlainText("该事项属县住建局职责")
    save(qtbot, objection)
    assert objection.last_result is not None and objection.last_result.ok
    assert objection.last_result.value.late
    assert "逾期" in " ".join(tab.report.lines())
    assert case_status(db, number) is CaseStatus.REREFER
    assert tab.model.rowCount() == 0
    again = tab.refer()
    assert again.case.findData(number) >= 0  # back in the queue, 待重新交办
    assert "待重新交办" in again.case.itemText(again.case.findData(number))


def test_extension_shows_the_new_date_and_refuses_beyond_30_days_then_urge(
    qtbot: QtBot, tab: ReferralTab, db: Database
) -> None:
    units = add_units(db)
    number = accepted_case(db)
    tab.refresh()
    refer(qtbot, tab, number, units)
    tab.table.selectRow(0)
    extension = tab.extend()
    assert extension is not None
    extension.days.setValue(31)
    assert "不得超过30日" in extension.new_due.text()
    extension.days.setValue(10)
    assert extension.new_due.text() == "原期限 2026-12-23 → 新期限 2027-01-04（估算）"
    extension.reason.setPlainText("情况复杂，需要进一步调查核实")
    extension.approved_by.setText("张建国")
    save(qtbot, extension)
    assert extension.last_result is not None and extension.last_result.ok
    assert audit_count(db, "extend_referral") == 1
    assert tab.model.rows[0].extended
    assert any("延期10日" in line for line in tab.deadlines_label.text().splitlines())

    tab.table.selectRow(0)
    urge = tab.urge()
    assert urge is not None
    save(qtbot, urge)  # one click: the method is preset
    assert urge.last_result is not None and urge.last_result.ok
    assert audit_count(db, "urge_referral") == 1
    assert tab.model.rows[0].urged == 1
    assert any(e.kind.label == "催办" for e in tab.history_model.items)


def test_filters_narrow_the_board(qtbot: QtBot, tab: ReferralTab, db: Database) -> None:
    units = add_units(db)
    number = accepted_case(db)
    tab.refresh()
    refer(qtbot, tab, number, units)
    assert tab.model.rowCount() == 1
    tab.state_filter.setCurrentIndex(tab.state_filter.findText("已超期"))
    assert tab.model.rowCount() == 0
    tab.state_filter.setCurrentIndex(tab.state_filter.findText("正常"))
    assert tab.model.rowCount() == 1
    tab.source_filter.setCurrentIndex(tab.source_filter.findText("12345热线转办"))
    assert tab.model.rowCount() == 0
    tab.source_filter.setCurrentIndex(tab.source_filter.findText("本级受理"))
    assert tab.model.rowCount() == 1
    tab.unit_filter.setCurrentIndex(tab.unit_filter.findData(units["督查科"]))  # 协办
    assert tab.model.rowCount() == 1
    tab.unit_filter.setCurrentIndex(tab.unit_filter.findData(units["信访科"]))
    assert tab.model.rowCount() == 0
