"""The start-up check of the database file: quiet on a sound file, a plain warning on a
tampered one."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from petitiondesk.gui import integrity_check, operations
from petitiondesk.services import audit
from petitiondesk.store.db import Database
from petitiondesk.store.models import Leader
from tests.helpers import actor


def test_a_sound_file_only_shows_a_status_line(main_window: Any, db: Database) -> None:
    integrity_check.start(main_window, db)
    assert operations.wait_for_all(10_000)
    assert "完整" in main_window.statusBar().currentMessage()


def test_a_tampered_audit_log_is_reported(
    main_window: Any, db: Database, db_path: Path, error_dialogs: list[Any], qtbot: Any
) -> None:
    for index in range(2):
        with db.write() as session:
            leader = Leader(name=f"领导{index}", title="副局长", rotation_order=5 + index)
            session.add(leader)
            audit.record(session, actor=actor("赵丽"), action="add_leader", entity=leader)
    conn = sqlite3.connect(db_path)
    conn.executescript(
        "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = '局长' WHERE id = 1;"
    )
    conn.close()
    integrity_check.start(main_window, db)
    qtbot.waitUntil(lambda: bool(error_dialogs), timeout=10_000)
    assert "审计记录链在第 1 条处断开" in error_dialogs[0].text
    assert "没有找到可用的备份" in error_dialogs[0].text
