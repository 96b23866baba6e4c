"""Backups and restore: the round trip is identical, an encrypted backup needs its
passphrase, a damaged or foreign file is refused with nothing changed, files are private."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from petitiondesk.services import backup
from petitiondesk.services.cases import iter_cases
from petitiondesk.services.intake import register_visit
from petitiondesk.services.integrity import full_check
from petitiondesk.store.db import Database
from tests.helpers import actor, visit_input

PASSPHRASE = "青山县 信访 2026"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


def _register(db: Database, count: int) -> None:
    for index in range(count):
        data = visit_input(
            people_count=1, place="城关镇", demands=f"要求答复{index}", duty_leader_id=1
        )
        assert register_visit(db, data, actor=actor("赵丽")).ok


def _cases(path: Path) -> list[tuple[object, ...]]:
    db = Database.open(path, readonly=True)
    try:
        return [(c.register_no, c.name, c.id_number, c.summary) for c in iter_cases(db)]
    finally:
        db.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("passphrase", [None, PASSPHRASE])
def test_backup_and_restore_round_trip(
    db: Database, db_path: Path, tmp_path: Path, passphrase: str | None
) -> None:
    _register(db, 3)
    listed = _cases(db_path)
    out = tmp_path / "usb" / "office.pdbk"
    made = backup.backup(db, out, passphrase=passphrase, actor=actor("命令行:赵丽"))
    assert made.ok, made.message
    _register(db, 2)  # later work, undone by the restore
    db.close()

    restored = backup.restore(db_path, out, actor=actor("命令行:赵丽"), passphrase=passphrase)
    assert restored.ok, restored.message
    aside = restored.unwrap()
    assert aside.exists() and ".before-restore-" in aside.name
    assert _cases(db_path) == listed
    assert len(_cases(aside)) == 5
    reopened = Database.open(db_path)
    try:
        result = full_check(reopened)
        assert result.ok, result.message
    finally:
        reopened.close()


def test_a_wrong_passphrase_is_refused_and_nothing_changes(
    db: Database, db_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "office.pdbk"
    assert backup.backup(db, out, passphrase=PASSPHRASE).ok
    db.close()
    before = _digest(db_path)
    for passphrase in ("wrong", None):
        result = backup.restore(db_path, out, actor=actor("x"), passphrase=passphrase)
        assert not result.ok
        assert "口令" in result.message and "未作任何修改" in result.message
    assert _digest(db_path) == before
    assert sorted(p.name for p in db_path.parent.iterdir() if "restore" in p.name) == []


def test_a_damaged_encrypted_backup_is_refused(db: Database, db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "office.pdbk"
    assert backup.backup(db, out, passphrase=PASSPHRASE).ok
    db.close()
    data = bytearray(out.read_bytes())
    data[len(data) // 2] ^= 0x01
    out.write_bytes(bytes(data))
    before = _digest(db_path)
    result = backup.restore(db_path, out, actor=actor("x"), passphrase=PASSPHRASE)
    assert not result.ok and "已损坏" in result.message
    assert _digest(db_path) == before


def test_a_damaged_or_foreign_plain_file_is_refused(
    db: Database, db_path: Path, tmp_path: Path
) -> None:
    db.close()
    before = _digest(db_path)
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE notes (x)")
    conn.close()
    for source in (garbage, foreign, tmp_path / "missing.sqlite"):
        result = backup.restore(db_path, source, actor=actor("x"))
        assert not result.ok
        assert "未作任何修改" in result.message or "找不到" in result.message
    assert _digest(db_path) == before


def test_restore_is_refused_while_the_database_is_in_use(
    db: Database, db_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "copy.sqlite"
    assert backup.backup(db, out).ok
    with db.read() as session:  # the window holds the database open
        session.connection()
        result = backup.restore(db_path, out, actor=actor("x"))
    assert not result.ok and "正被" in result.message


def test_a_damaged_database_can_be_replaced_by_a_backup(
    db: Database, db_path: Path, tmp_path: Path
) -> None:
    _register(db, 2)
    listed = _cases(db_path)
    out = tmp_path / "copy.sqlite"
    assert backup.backup(db, out).ok
    db.close()
    db_path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    result = backup.restore(db_path, out, actor=actor("x"))
    assert result.ok, result.message
    assert _cases(db_path) == listed


def test_automatic_backups_rotate(db: Database, db_path: Path) -> None:
    start = datetime(2026, 12, 1, 17, 0)
    for day in range(4):
        assert backup.auto_backup(db, keep=2, now=start + timedelta(days=day)).ok
    kept = backup.list_backups(db_path)
    assert [p.name for p in kept] == [
        "office-20261204-170000.sqlite",
        "office-20261203-170000.sqlite",
    ]
    assert backup.newest_backup(db) == kept[0]


def test_automatic_backups_keep_the_office_setting(db: Database, db_path: Path) -> None:
    from petitiondesk.store.models import OfficeSettings

    with db.write() as session:
        office = session.get(OfficeSettings, 1)
        assert office is not None and office.backup_keep == backup.DEFAULT_KEEP
        office.backup_keep = 1
    start = datetime(2026, 12, 1, 17, 0)
    for day in range(3):
        assert backup.auto_backup(db, now=start + timedelta(days=day)).ok
    assert [p.name for p in backup.list_backups(db_path)] == ["office-20261203-170000.sqlite"]


@posix_only
def test_database_backups_and_folders_are_private(
    db: Database, db_path: Path, tmp_path: Path
) -> None:
    made = backup.auto_backup(db)
    assert made.ok
    encrypted = tmp_path / "new-folder" / "office.pdbk"
    assert backup.backup(db, encrypted, passphrase=PASSPHRASE).ok
    for path in (db_path, made.unwrap(), encrypted):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    for folder in (made.unwrap().parent, encrypted.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
