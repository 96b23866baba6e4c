"""文件 → 打开数据库…: another file in the window's place; a new file only when asked;
an export first removes what a killed export left behind (issue 9)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from petitiondesk.gui import prompts
from petitiondesk.gui.main_window import MainWindow
from petitiondesk.services import cases, intake
from petitiondesk.store.db import Database
from tests.helpers import actor


def _close(window: MainWindow) -> None:
    window.close()
    window.db.close()
    window.deleteLater()
    QApplication.processEvents()


def test_the_file_menu_offers_open_database(main_window: MainWindow) -> None:
    assert main_window.open_db_action.shortcut().toString() == "Ctrl+O"
    file_menu = main_window.menuBar().actions()[0].menu()
    assert main_window.open_db_action in file_menu.actions()


def test_opening_another_database_switches_the_window(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other.sqlite"
    Database.open(other, create=True).close()
    monkeypatch.setattr(prompts, "ask_database_path", lambda *_a: other)
    replacement = main_window.open_other_database()
    assert replacement is not None
    try:
        assert replacement.db.path == other.resolve()
        assert str(other.resolve()) in replacement.db_label.full_text()
        assert replacement.isVisible() and not main_window.isVisible()
    finally:
        _close(replacement)


def test_a_new_file_is_created_only_after_asking(
    main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    new = tmp_path / "new.sqlite"
    questions: list[str] = []
    monkeypatch.setattr(prompts, "ask_database_path", lambda *_a: new)

    def answer(_parent: Any, _title: str, text: str, **_kw: Any) -> bool:
        questions.append(text)
        return False

    monkeypatch.setattr(prompts, "confirm", answer)
    assert main_window.open_other_database() is None
    assert not new.exists() and main_window.isVisible()
    assert str(new) in questions[0]

    monkeypatch.setattr(prompts, "confirm", lambda *_a, **_k: True)
    replacement = main_window.open_other_database()
    assert replacement is not None
    try:
        assert new.is_file()
        assert cases.count_cases(replacement.db) == 0
    finally:
        _close(replacement)


def test_unsaved_input_keeps_the_old_database(
    qtbot: QtBot,
    db: Database,
    main_window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    other = tmp_path / "other.sqlite"
    Database.open(other, create=True).close()
    monkeypatch.setattr(prompts, "ask_database_path", lambda *_a: other)
    monkeypatch.setattr(prompts, "confirm", lambda *_a, **_k: False)  # 否: do not discard
    qtbot.keyClicks(main_window.intake.form.phone, "138")
    assert main_window.open_other_database() is None
    assert main_window.isVisible()
    assert main_window.db is db and cases.count_cases(db) == 0


def test_export_removes_parts_left_by_a_killed_export(
    qtbot: QtBot,
    db: Database,
    main_window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from datetime import datetime

    from petitiondesk.core.enums import Channel

    intake.register_visit(
        db,
        intake.VisitInput(
            channel=Channel.PHONE,
            received_at=datetime.now().replace(microsecond=0),
            name="孙桂兰",
            summary="询问低保政策。",
        ),
        actor=actor("test"),
    )
    folder = tmp_path / "exports"
    folder.mkdir()
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    stale = folder / f".~台账.xlsx.{int(gone.stdout)}-abc123.part"
    stale.write_bytes(b"half")
    monkeypatch.setattr(prompts, "ask_year", lambda *_a: datetime.now().year)
    monkeypatch.setattr(prompts, "ask_export_use", lambda *_a: False)
    monkeypatch.setattr(prompts, "ask_save_path", lambda *_a: folder / "台账.xlsx")
    operation = main_window.export_register()
    assert operation is not None
    qtbot.waitUntil(lambda: operation.done, timeout=20_000)
    assert sorted(p.name for p in folder.iterdir()) == ["台账.xlsx"]
