"""工具 → 矛盾纠纷排查台账…: record, change, close and export the month's disputes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from petitiondesk.core.disputes import DisputeStatus, RiskLevel
from petitiondesk.gui import operations, prompts
from petitiondesk.gui.disputes import DisputesDialog
from petitiondesk.gui.main_window import MainWindow
from petitiondesk.gui.widgets.dates import to_qdate
from petitiondesk.services.disputes import list_disputes
from petitiondesk.store.db import Database
from petitiondesk.store.models import AuditLog
from tests.helpers import actor

TODAY = date(2026, 11, 17)


def fill(dialog: DisputesDialog) -> None:
    page = dialog.page
    page.new_item()
    page.place.setText("城关镇新华社区")
    page.matter.setPlainText("通村公路施工占地补偿未谈妥，村民阻工")
    page.parties.setText("王某某等12户村民")
    page.people_count.setValue(12)
    page.risk.setCurrentIndex(page.risk.findData(RiskLevel.HIGH))
    page.leader.setCurrentText("张建国")
    page.unit.setText("城关镇人民政府")
    page.person.setText("刘强")


def test_record_close_and_export(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(prompts, "ask_export_use", lambda _p, title: asked.append(title) or True)
    dialog = DisputesDialog(db, actor=actor(), today=lambda: TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    page = dialog.page
    assert page.deadline.date() == to_qdate(date(2026, 11, 30))  # end of the month
    page.save()
    assert operations.wait_for_all()
    assert page.fieldset.message_text("place") == "请填写发生地点"
    fill(dialog)
    page.save()
    assert operations.wait_for_all()
    (row,) = list_disputes(db, TODAY)
    assert row.place == "城关镇新华社区" and row.risk is RiskLevel.HIGH and row.leader == "张建国"
    assert page.list.count() == 1 and page.list.item(0).text().startswith("【高】城关镇新华社区")

    page.how.setText("签订补偿协议")
    page.close_current()
    assert operations.wait_for_all()
    (row,) = list_disputes(db, TODAY)
    assert row.status is DisputeStatus.RESOLVED and row.resolved_on == TODAY
    assert not page.close_button.isEnabled()

    out = tmp_path / "disputes.xlsx"
    dialog.export_register(out)
    assert operations.wait_for_all()
    assert asked == ["导出矛盾纠纷排查台账"]  # it names people: internal or outside use
    with db.read() as session:
        summary = session.scalars(
            select(AuditLog.summary).where(AuditLog.action == "export_dispute_register")
        ).one()
    assert "对外提供" in summary
    ws = load_workbook(out).active
    assert ws is not None and ws.cell(4, 3).value == "城关镇新华社区"

    dialog.month.setDate(to_qdate(date(2026, 10, 1)))
    assert page.list.count() == 0


def test_the_menu_opens_it(qtbot: QtBot, main_window: MainWindow) -> None:
    main_window.disputes.action.trigger()
    dialog = main_window.disputes.dialog
    assert isinstance(dialog, DisputesDialog) and dialog.isVisible()
    assert main_window.disputes.open() is dialog
    dialog.close()
