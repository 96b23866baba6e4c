"""Backups from the window: on closing, once a day at start, 文件 → 备份数据库…."""

from __future__ import annotations

import os
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from petitiondesk.gui import backups, errors, operations, prompts
from petitiondesk.gui.main_window import MainWindow
from petitiondesk.services import backup
from petitiondesk.store import backup as files
from petitiondesk.store.db import Database
from tests.helpers import actor


def _window(db: Database, qtbot: QtBot) -> MainWindow:
    window = MainWindow(db, actor=actor())
    window.show()
    qtbot.waitExposed(window)
    return window


def test_closing_the_window_makes_a_backup(qtbot: QtBot, db: Database) -> None:
    assert db.path is not None
    assert backup.list_backups(db.path) == []
    window = _window(db, qtbot)
    assert window.close()
    window.deleteLater()
    QApplication.processEvents()
    made = backup.list_backups(db.path)
    assert len(made) == 1
    assert made[0].parent == db.path.parent / "backups"
    assert files.integrity_problems(made[0]) == []


def test_backup_failure_on_exit_does_not_block_closing(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(errors, "_present", lambda _p, _t, report: shown.append(report.text))

    def broken(*_a: Any, **_k: Any) -> Any:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "auto_backup", broken)
    window = _window(db, qtbot)
    assert window.close()
    window.deleteLater()
    QApplication.processEvents()
    assert len(shown) == 1


def test_daily_backup_skipped_when_a_fresh_one_exists(
    main_window: MainWindow, db: Database
) -> None:
    assert db.path is not None
    assert backup.auto_backup(db).ok
    assert main_window.start_daily_backup() is None
    assert len(backup.list_backups(db.path)) == 1


def test_daily_backup_made_when_the_newest_is_old(main_window: MainWindow, db: Database) -> None:
    assert db.path is not None
    old = backup.auto_backup(db, now=datetime.now() - timedelta(days=2)).value
    assert old is not None
    stamp = time.time() - 2 * 86_400
    os.utime(old, (stamp, stamp))
    operation = main_window.start_daily_backup()
    assert operation is not None
    assert operations.wait_for_all(10_000)
    made = backup.list_backups(db.path)
    assert len(made) == 2 and made[1] == old
    assert "已自动备份" in main_window.statusBar().currentMessage()


def test_menu_backup_encrypted(
    main_window: MainWindow, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "usb" / "copy.sqlite"
    monkeypatch.setattr(prompts, "ask_save_path", lambda *_a, **_k: target)
    monkeypatch.setattr(prompts, "confirm", lambda *_a, **_k: True)
    answers = iter(["口令abc", "口令abc"])
    monkeypatch.setattr(prompts, "ask_password", lambda *_a, **_k: next(answers))
    file_menu = main_window.menuBar().actions()[0].menu()
    assert main_window.backup_action in file_menu.actions()
    operation = main_window.backup_database()
    assert operation is not None
    assert operations.wait_for_all(10_000)
    data = target.read_bytes()
    assert files.is_encrypted(data)
    assert files.decrypt(data, "口令abc").startswith(b"SQLite format 3")
    assert "已加密" in main_window.statusBar().currentMessage()


def test_menu_backup_passphrases_differ(
    main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "copy.sqlite"
    shown: list[str] = []
    monkeypatch.setattr(errors, "_present", lambda _p, _t, report: shown.append(report.text))
    monkeypatch.setattr(prompts, "ask_save_path", lambda *_a, **_k: target)
    monkeypatch.setattr(prompts, "confirm", lambda *_a, **_k: True)
    answers = iter(["one", "two"])
    monkeypatch.setattr(prompts, "ask_password", lambda *_a, **_k: next(answers))
    assert main_window.backup_database() is None
    assert shown == [backups.MSG_MISMATCH]
    assert not target.exists()


def test_menu_backup_plain(
    main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plain.sqlite"
    monkeypatch.setattr(prompts, "ask_save_path", lambda *_a, **_k: target)
    monkeypatch.setattr(prompts, "confirm", lambda *_a, **_k: False)
    assert main_window.backup_database() is not None
    assert operations.wait_for_all(10_000)
    assert files.integrity_problems(target) == []
