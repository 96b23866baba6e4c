"""附件… of a case: a scanned letter added (copied and hashed in the background),
listed, opened with the PC's program and verified; a changed file is caught."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from petitiondesk.core.enums import Channel
from petitiondesk.gui import prompts
from petitiondesk.gui.intake import attachments_panel
from petitiondesk.gui.intake.attachments_panel import AttachmentsDialog
from petitiondesk.gui.intake.tab import IntakeTab
from petitiondesk.services import attachments
from petitiondesk.services.intake import VisitInput, register_visit
from petitiondesk.store.db import Database
from tests.helpers import actor, earlier_today


def register(db: Database) -> str:
    visit = VisitInput(
        channel=Channel.LETTER,
        received_at=earlier_today(60),
        name="王秀英",
        category_id=3,
        summary="来信反映原单位未补缴养老保险费。",
        receiving_officer="赵敏",
    )
    return register_visit(db, visit, actor=actor("test")).unwrap().register_no


def open_dialog(qtbot: QtBot, tab: IntakeTab, tmp_path: Path) -> AttachmentsDialog:
    tab.attachments_dir = tmp_path / "attachments"
    tab.window().activateWindow()
    qtbot.waitUntil(tab.window().isActiveWindow)
    tab.table.setFocus()
    qtbot.waitUntil(tab.table.hasFocus)
    qtbot.keyClick(tab.table, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    dialog = tab.attachments_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_attachment_is_added_opened_and_verified(
    qtbot: QtBot,
    db: Database,
    intake: IntakeTab,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    number = register(db)
    intake.hub.notify("cases")
    assert intake.select_case(number, date.today())
    scan = tmp_path / "来信扫描件.pdf"
    scan.write_bytes(b"%PDF-1.4 scanned letter " * 200)
    asked: list[str] = []

    def ask(_parent: object, title: str, _filter: str = "") -> Path:
        asked.append(title)
        return scan

    monkeypatch.setattr(prompts, "ask_open_path", ask)
    opened: list[Path] = []
    monkeypatch.setattr(attachments_panel, "open_file", lambda path: opened.append(path) or True)

    dialog = open_dialog(qtbot, intake, tmp_path)
    assert dialog.table.rowCount() == 0
    qtbot.keyClick(dialog.table, Qt.Key.Key_Insert)  # 添加…
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10_000)
    assert asked == ["添加附件"]
    assert dialog.table.item(0, 0).text() == "来信扫描件.pdf"
    assert dialog.table.item(0, 1).text() == "4.7 KB"
    digest = hashlib.sha256(scan.read_bytes()).hexdigest()
    assert dialog.table.item(0, 2).text() == digest[:12]
    assert dialog.message.text().startswith("✓ 已添加附件")

    stored = attachments.list_attachments(db, intake.model.case_at(0).id)  # type: ignore[union-attr]
    assert len(stored) == 1 and stored[0].sha256 == digest
    copy = tmp_path / "attachments" / stored[0].stored_path
    assert copy.read_bytes() == scan.read_bytes()

    dialog.table.setFocus()
    dialog.table.selectRow(0)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # 打开
    assert opened == [copy]

    dialog.verify_button.click()
    qtbot.waitUntil(lambda: dialog.check_text(0) != "", timeout=10_000)
    assert dialog.check_text(0) == "✓ 完好"

    copy.write_bytes(b"changed afterwards")
    dialog.verify_button.click()
    qtbot.waitUntil(lambda: dialog.check_text(0) == "✗ 不一致", timeout=10_000)
    assert "与登记时不一致" in dialog.message.text() and dialog.message.is_error

    copy.unlink()
    dialog.open_button.click()
    assert "附件文件已丢失" in dialog.message.text()
    dialog.close_button.click()


def test_cancelled_file_question_adds_nothing(
    qtbot: QtBot,
    db: Database,
    intake: IntakeTab,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    register(db)
    intake.hub.notify("cases")
    intake.table.selectRow(0)
    monkeypatch.setattr(prompts, "ask_open_path", lambda *_a: None)
    dialog = open_dialog(qtbot, intake, tmp_path)
    dialog.add_button.click()
    assert dialog.table.rowCount() == 0 and dialog.operation is None
    dialog.close_button.click()
