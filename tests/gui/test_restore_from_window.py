"""文件 → 从备份恢复… and the start-up offer: the backup is checked and described, the
clerk confirms, the window reopens on the restored database with the old file kept
aside; a wrong passphrase or a damaged file changes nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from petitiondesk.gui import integrity_check, operations, prompts, session
from petitiondesk.gui.main_window import MainWindow
from petitiondesk.services import backup
from petitiondesk.services.cases import count_cases
from petitiondesk.services.intake import register_visit
from petitiondesk.services.integrity import quick_check
from petitiondesk.store.db import Database
from tests.helpers import actor, damage_pages, visit_input

PASSPHRASE = "U盘口令"


@pytest.fixture(autouse=True)
def as_clerk(monkeypatch: pytest.MonkeyPatch) -> None:
    clerk = actor()
    monkeypatch.setattr(session, "_signed_in", clerk)


def _register(db: Database, count: int) -> None:
    for index in range(count):
        data = visit_input(people_count=1, place="城关镇", demands=f"答复{index}", duty_leader_id=1)
        assert register_visit(db, data, actor=actor()).ok


def _window(db: Database, qtbot: QtBot) -> MainWindow:
    window = MainWindow(db, actor=session.current_actor())
    window.show()
    qtbot.waitExposed(window)
    return window


def _finish(window: MainWindow) -> None:
    operations.wait_for_all(20_000)
    for widget in (window.restored_window, window):
        if isinstance(widget, MainWindow) and not widget.replaced:
            widget.intake.form.clear_for_next()
            widget.close()
            widget.db.close()
    QApplication.processEvents()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_restore_an_encrypted_backup_from_the_menu(
    db: Database, db_path: Path, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _register(db, 3)
    out = tmp_path / "usb" / "copy.sqlite"
    assert backup.backup(db, out, passphrase=PASSPHRASE).ok
    _register(db, 2)  # undone by the restore
    asked: list[str] = []
    monkeypatch.setattr(prompts, "ask_open_path", lambda *_a, **_k: out)
    monkeypatch.setattr(prompts, "ask_password", lambda *_a, **_k: PASSPHRASE)
    monkeypatch.setattr(prompts, "confirm", lambda _p, _t, text, **_k: asked.append(text) or True)
    window = _window(db, qtbot)
    try:
        assert window.restore_action in window.menuBar().actions()[0].menu().actions()
        assert window.restore_database() is not None
        qtbot.waitUntil(lambda: window.restored_window is not None, timeout=20_000)
        assert "其中登记：3 条" in asked[0] and "（已加密）" in asked[0]
        restored = window.restored_window
        assert isinstance(restored, MainWindow) and restored.isVisible()
        assert count_cases(restored.db) == 3
        assert "原文件已另存为" in restored.statusBar().currentMessage()
        kept = list(db_path.parent.glob("office.before-restore-*.sqlite"))
        assert len(kept) == 1
        assert quick_check(restored.db).ok
    finally:
        _finish(window)


def test_wrong_passphrase_changes_nothing(
    db: Database,
    db_path: Path,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    error_dialogs: list[Any],
) -> None:
    _register(db, 2)
    out = tmp_path / "copy.sqlite"
    assert backup.backup(db, out, passphrase=PASSPHRASE).ok
    monkeypatch.setattr(prompts, "ask_open_path", lambda *_a, **_k: out)
    monkeypatch.setattr(prompts, "ask_password", lambda *_a, **_k: "不对的口令")
    window = _window(db, qtbot)
    try:
        before = _digest(db_path)
        assert window.restore_database() is not None
        assert operations.wait_for_all(20_000)
        assert "口令不正确" in error_dialogs[0].text
        assert window.restored_window is None and not window.replaced
        assert _digest(db_path) == before
        assert not list(db_path.parent.glob("*.before-restore-*"))
    finally:
        _finish(window)


def test_damaged_backup_refused_from_the_menu(
    db: Database,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    error_dialogs: list[Any],
) -> None:
    _register(db, 60)
    out = tmp_path / "copy.sqlite"
    assert backup.backup(db, out).ok
    damage_pages(out)
    monkeypatch.setattr(prompts, "ask_open_path", lambda *_a, **_k: out)
    window = _window(db, qtbot)
    try:
        assert window.restore_database() is not None
        assert operations.wait_for_all(20_000)
        assert "损坏" in error_dialogs[0].text and "未作任何修改" in error_dialogs[0].text
        assert window.restored_window is None
    finally:
        _finish(window)


def test_damaged_file_at_start_offers_the_newest_good_backup(
    db: Database, db_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _register(db, 60)
    good = backup.auto_backup(db).unwrap()
    db.close()
    damage_pages(db_path, table="audit_log")
    damaged = Database.open(db_path)  # opens without a word
    asked: list[str] = []
    monkeypatch.setattr(prompts, "confirm", lambda _p, _t, text, **_k: asked.append(text) or True)
    window = _window(damaged, qtbot)
    try:
        integrity_check.start(window, damaged)
        qtbot.waitUntil(lambda: window.restored_window is not None, timeout=20_000)
        assert "数据库文件" in asked[0] and str(good) in asked[0]
        assert "其中登记：60 条" in asked[0]
        restored = window.restored_window
        assert isinstance(restored, MainWindow)
        assert quick_check(restored.db).ok and count_cases(restored.db) == 60
    finally:
        _finish(window)
        damaged.close()
