"""The integrity checks: the audit chain finds rows changed or removed from outside (with
the triggers dropped), and a file with damaged pages is reported in plain words."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from petitiondesk.services import backup
from petitiondesk.services.intake import register_visit
from petitiondesk.services.integrity import full_check, quick_check
from petitiondesk.store.db import Database
from tests.helpers import actor, damage_pages, visit_input

DROP_TRIGGERS = "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"


def _register(db: Database, count: int) -> None:
    for _ in range(count):
        data = visit_input(people_count=1, place="城关镇", demands="要求答复", duty_leader_id=1)
        assert register_visit(db, data, actor=actor("赵丽")).ok


def _tamper(db_path: Path, statement: str) -> None:
    conn = sqlite3.connect(db_path)
    try:
        conn.executescript(DROP_TRIGGERS + statement)
        conn.commit()
    finally:
        conn.close()


def _action_of(db_path: Path, row_id: int) -> str:
    with sqlite3.connect(db_path) as conn:
        row = conn.execute("SELECT action FROM audit_log WHERE id = ?", (row_id,)).fetchone()
    conn.close()
    return str(row[0])


def test_a_sound_database_passes(db: Database) -> None:
    _register(db, 3)
    for check in (quick_check, full_check):
        result = check(db)
        assert result.ok, result.message
        assert "完整" in result.message


def test_a_row_changed_with_the_trigger_dropped_is_found(db: Database, db_path: Path) -> None:
    _register(db, 4)
    _tamper(db_path, "UPDATE audit_log SET actor = '局长' WHERE id = 2;")
    for check in (quick_check, full_check):
        result = check(db)
        assert not result.ok
        first = result.message.splitlines()[0]
        assert "第 2 条" in first and _action_of(db_path, 2) in first
        assert "修改" in first


def test_a_deleted_row_is_found(db: Database, db_path: Path) -> None:
    _register(db, 4)
    _tamper(db_path, "DELETE FROM audit_log WHERE id = 2;")
    result = full_check(db)
    assert not result.ok
    first = result.message.splitlines()[0]
    assert "第 3 条" in first and "删除" in first


def test_damaged_pages_are_reported_with_the_newest_backup(db: Database, db_path: Path) -> None:
    _register(db, 60)  # enough rows for many pages
    made = backup.auto_backup(db)
    assert made.ok
    db.close()
    damage_pages(db_path)
    damaged = Database.open(db_path)  # opens without a word, as the issue says
    try:
        result = quick_check(damaged)
    finally:
        damaged.close()
    assert not result.ok
    assert "数据库文件已损坏" in result.message or "无法完整读取" in result.message
    assert str(made.unwrap()) in result.message
