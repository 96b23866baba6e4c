"""Restore from the window's services: what a backup holds, refusals with nothing changed,
the newest good automatic backup, and automatic backups that never let a damaged file push
out good copies."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from petitiondesk.core.identity import Role
from petitiondesk.services import backup, restore
from petitiondesk.services.intake import register_visit
from petitiondesk.services.integrity import quick_check
from petitiondesk.store.db import Database
from petitiondesk.store.migrate import head_revision
from tests.helpers import actor, damage_pages, visit_input

pytestmark = pytest.mark.sqlite_only  # backups are copies of the SQLite file

PASSPHRASE = "U盘 口令 2026"


def _register(db: Database, count: int) -> None:
    for index in range(count):
        data = visit_input(people_count=1, place="城关镇", demands=f"答复{index}", duty_leader_id=1)
        assert register_visit(db, data, actor=actor()).ok


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_inspect_says_what_a_backup_holds(db: Database, tmp_path: Path) -> None:
    _register(db, 3)
    out = tmp_path / "usb" / "copy.sqlite"
    assert backup.backup(db, out, passphrase=PASSPHRASE).ok
    assert restore.is_encrypted(out)
    needs = restore.inspect_backup(out)
    assert not needs.ok and "口令" in needs.message
    wrong = restore.inspect_backup(out, "wrong")
    assert not wrong.ok and "口令不正确" in wrong.message
    info = restore.inspect_backup(out, PASSPHRASE).unwrap()
    assert info.cases == 3 and info.encrypted and info.schema == head_revision()
    assert info.last_change is not None
    text = info.describe()
    assert "其中登记：3 条" in text and "（已加密）" in text


def test_restore_as_needs_the_backup_permission(
    db: Database, db_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "copy.sqlite"
    assert backup.backup(db, out).ok
    db.close()
    before = _digest(db_path)
    refused = restore.restore_as(actor("张建国", Role.LEADER), db_path, out)
    assert not refused.ok and "无权" in refused.message
    assert _digest(db_path) == before
    done = restore.restore_as(actor(), db_path, out)
    assert done.ok, done.message
    assert done.unwrap().exists()  # the previous file, kept aside


def test_damaged_backup_refused_and_nothing_changed(
    db: Database, db_path: Path, tmp_path: Path
) -> None:
    _register(db, 60)
    copy = tmp_path / "copy.sqlite"
    assert backup.backup(db, copy).ok
    damage_pages(copy)
    refused = restore.inspect_backup(copy)
    assert not refused.ok and "损坏" in refused.message
    db.close()
    before = _digest(db_path)
    assert not restore.restore_as(actor(), db_path, copy).ok
    assert _digest(db_path) == before


def test_newest_good_backup_skips_a_damaged_one(db: Database, db_path: Path) -> None:
    _register(db, 60)
    older = backup.auto_backup(db, now=datetime.now() - timedelta(hours=2)).unwrap()
    newer = backup.auto_backup(db).unwrap()
    damage_pages(newer)
    good = restore.newest_good_backup(db_path)
    assert good is not None and good.path == older
    damage_pages(older)
    assert restore.newest_good_backup(db_path) is None


def test_auto_backup_of_a_damaged_file_keeps_the_good_copies(db: Database, db_path: Path) -> None:
    _register(db, 60)
    stamps = [datetime.now() - timedelta(days=d) for d in (3, 2, 1)]
    good = [backup.auto_backup(db, keep=3, now=s).unwrap() for s in stamps]
    db.close()
    damage_pages(db_path)
    damaged = Database.open(db_path)
    try:
        assert not quick_check(damaged).ok
        result = backup.auto_backup(damaged, keep=3)
    finally:
        damaged.close()
    assert not result.ok
    assert "未做自动备份" in result.message and "原有的备份都已保留" in result.message
    assert backup.list_backups(db_path) == list(reversed(good))


def test_damaged_start_names_the_newest_good_backup(db: Database, db_path: Path) -> None:
    _register(db, 60)
    older = backup.auto_backup(db, now=datetime.now() - timedelta(hours=2)).unwrap()
    newer = backup.auto_backup(db).unwrap()
    damage_pages(newer)
    db.close()
    damage_pages(db_path)
    damaged = Database.open(db_path)
    try:
        result = quick_check(damaged)
    finally:
        damaged.close()
    assert not result.ok
    assert str(older) in result.message and str(newer) not in result.message
