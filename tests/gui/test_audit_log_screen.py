"""工具 → 审计日志…: refused for a clerk, filters and details for an administrator, and an
export for outside use with no full ID number or phone in it (read back)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from petitiondesk.core.identity import Role
from petitiondesk.gui import operations, prompts, session
from petitiondesk.gui.audit.dialog import AuditLogDialog
from petitiondesk.gui.audit.table_model import COL_ACTION, COL_CASE
from petitiondesk.services.intake import register_visit
from petitiondesk.services.petitioners import PetitionerInput, update_petitioner
from petitiondesk.store.db import Database
from tests.helpers import GOOD_ID, actor, visit_input

NEW_PHONE = "13637103118"


@pytest.fixture
def as_admin(monkeypatch: pytest.MonkeyPatch) -> None:
    admin = actor("钱管理", Role.ADMIN)
    monkeypatch.setattr(session, "_signed_in", admin)


def _fill(db: Database) -> str:
    number = ""
    for index in range(3):
        data = visit_input(people_count=1, place="城关镇", demands=f"答复{index}", duty_leader_id=1)
        number = register_visit(db, data, actor=actor()).unwrap().register_no
    data = PetitionerInput(name="王秀英", id_number=GOOD_ID, phone=NEW_PHONE, address="城关镇")
    assert update_petitioner(db, 1, data, actor("孙红")).ok
    return number


def _open(main_window: Any, qtbot: QtBot) -> AuditLogDialog:
    dialog = main_window.open_audit_log()
    assert isinstance(dialog, AuditLogDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_a_clerk_is_refused(
    main_window: Any, monkeypatch: pytest.MonkeyPatch, error_dialogs: list[Any]
) -> None:
    monkeypatch.setattr(session, "_signed_in", actor())
    tools = [a.menu() for a in main_window.menuBar().actions() if a.text() == "工具(&O)"]
    assert tools and main_window.audit_action in tools[0].actions()
    assert main_window.open_audit_log() is None
    assert "无权" in error_dialogs[0].text and "审计日志" in error_dialogs[0].text


def test_filters_and_details(main_window: Any, db: Database, qtbot: QtBot, as_admin: None) -> None:
    number = _fill(db)
    dialog = _open(main_window, qtbot)
    model = dialog.model
    assert model.rowCount() == model.total >= 5
    assert model.index(0, COL_ACTION).data() == "修改信访人"  # newest first
    dialog.case_edit.setText(number)
    dialog.search_button.click()
    cases = {model.index(row, COL_CASE).data() for row in range(model.rowCount())}
    assert cases == {number}
    dialog.case_edit.clear()
    dialog.action_box.setCurrentIndex(dialog.action_box.findData("update_petitioner"))
    dialog.search()
    assert model.rowCount() == 1
    dialog.table.selectRow(0)
    rows = dialog.detail_rows()
    assert ("联系电话", "13912345678", NEW_PHONE) in rows
    assert "孙红" in dialog.detail_title.text() and "完好" in dialog.detail_title.text()
    dialog.close()


def test_outside_export_is_masked_and_audited(
    main_window: Any,
    db: Database,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    as_admin: None,
) -> None:
    _fill(db)
    target = tmp_path / "审计日志（对外提供）.xlsx"
    monkeypatch.setattr(prompts, "ask_export_use", lambda *_a, **_k: True)
    monkeypatch.setattr(prompts, "ask_save_path", lambda *_a, **_k: target)
    dialog = _open(main_window, qtbot)
    assert dialog.export() is not None
    assert operations.wait_for_all(20_000)
    book = load_workbook(target, read_only=True)
    text = "\n".join(str(c) for s in book for r in s.iter_rows(values_only=True) for c in r)
    book.close()
    assert "修改信访人" in text and "136****3118" in text
    for secret in (GOOD_ID, NEW_PHONE, "13912345678"):
        assert secret not in text
    assert "对外提供" in dialog.status.text()
    assert dialog.model.index(0, COL_ACTION).data() == "导出审计日志"
    assert dialog.model.item_at(0) is not None
    assert "对外提供" in dialog.model.item_at(0).summary  # type: ignore[union-attr]
    dialog.close()
