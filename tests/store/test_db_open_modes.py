"""Issue 9: a refused file stays byte-identical; a missing file is only created when
asked; a read-only open writes nothing and works while another program writes."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from petitiondesk.services.bootstrap import ensure_defaults
from petitiondesk.services.cases import iter_cases
from petitiondesk.store import errors
from petitiondesk.store.db import Database, DatabaseError
from petitiondesk.store.migrate import current_revision, head_revision

SCHEMAS = Path(__file__).parent / "schemas"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


def test_foreign_sqlite_file_is_refused_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE ledger (id INTEGER, note TEXT)")
        conn.execute("INSERT INTO ledger VALUES (1, '别人的数据')")
    conn.close()
    before, files = _digest(path), _siblings(path)
    with pytest.raises(DatabaseError, match="未作任何修改"):
        Database.open(path, create=True)
    assert _digest(path) == before  # not switched to WAL
    assert _siblings(path) == files  # no -wal / -shm left beside it
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


@pytest.mark.parametrize("create", [False, True])
def test_a_newer_file_is_refused_byte_identical_in_any_mode(tmp_path: Path, create: bool) -> None:
    path = tmp_path / "newer.sqlite"
    shutil.copy(SCHEMAS / "0001_initial.sqlite", path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    before = _digest(path)
    with pytest.raises(DatabaseError, match="更新版本"):
        Database.open(path, create=create)
    assert _digest(path) == before


def test_an_empty_file_is_not_turned_into_a_register(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    path.write_bytes(b"")
    with pytest.raises(DatabaseError) as caught:
        Database.open(path)
    assert str(caught.value) == errors.MSG_EMPTY.format(path=path)
    assert path.stat().st_size == 0
    assert _siblings(path) == ["empty.sqlite"]


def test_a_missing_file_is_refused_with_its_path_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "typo" / "offcie.sqlite"
    with pytest.raises(DatabaseError) as caught:
        Database.open(path)
    message = str(caught.value)
    assert "找不到数据库文件" in message and str(path) in message
    assert not path.exists() and not path.parent.exists()
    with pytest.raises(DatabaseError, match="找不到数据库文件"):
        Database.open(path, readonly=True)
    assert not path.parent.exists()


def test_create_makes_a_missing_or_empty_file_at_head(tmp_path: Path) -> None:
    missing, empty = tmp_path / "a" / "new.sqlite", tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    for path in (missing, empty):
        db = Database.open(path, create=True)
        assert current_revision(db.engine) == head_revision()
        db.close()
        Database.open(path).close()  # now it exists: a plain open works


def _current_office(path: Path) -> None:
    db = Database.open(path, create=True)
    ensure_defaults(db)
    db.close()


def test_readonly_open_writes_nothing_and_reads_under_a_writers_lock(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite"
    _current_office(path)
    writer = sqlite3.connect(path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE office_settings SET name = name")
        before = _digest(path)
        db = Database.open(path, readonly=True)
        try:
            assert db.readonly
            assert list(iter_cases(db)) == []
            with pytest.raises(OperationalError) as caught, db.write() as session:
                session.execute(text("DELETE FROM issue_category"))
            assert errors.describe_db_error(caught.value, path) == errors.MSG_READONLY_FILE.format(
                path=path
            )
        finally:
            db.close()
        assert _digest(path) == before
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_readonly_open_refuses_a_file_that_needs_an_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copy(SCHEMAS / "0001_initial.sqlite", path)
    before = _digest(path)
    with pytest.raises(DatabaseError, match="需要先升级"):
        Database.open(path, readonly=True)
    assert _digest(path) == before
