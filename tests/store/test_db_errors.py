"""Issue 9: a locked, full, read-only or missing database is never called "corrupt"."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from petitiondesk.services.bootstrap import ensure_defaults
from petitiondesk.store import db as db_module
from petitiondesk.store import errors, migrate
from petitiondesk.store.db import Database, DatabaseError
from petitiondesk.store.errors import describe_db_error

SCHEMAS = Path(__file__).parent / "schemas"


@pytest.fixture
def quick_lock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Give up on a held lock after a fraction of a second instead of ten."""
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_S", 0.2)
    monkeypatch.setattr(migrate, "LOCK_RETRIES", 1)


def _office(path: Path) -> None:
    db = Database.open(path, create=True)
    ensure_defaults(db)
    db.close()


def _hold(path: Path, how: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"BEGIN {how}")
    return conn


def _write_through_read_only_connection(path: Path) -> pytest.ExceptionInfo[sqlite3.Error]:
    """The error SQLite gives for a write to a file it may only read."""
    _office(path)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as caught:
        conn.execute("DELETE FROM issue_category")
    conn.close()
    return caught


@pytest.mark.usefixtures("quick_lock")
def test_a_locked_database_is_reported_as_in_use(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite"
    _office(path)
    other = _hold(path, "EXCLUSIVE")
    try:
        db = Database.open(path)
        with pytest.raises(OperationalError) as caught, db.write() as session:
            # a write: waits for the lock, then gives up (ensure_defaults no longer writes
            # when nothing is missing, so it cannot stand in for one)
            session.execute(text("UPDATE issue_category SET name = name"))
        db.close()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert describe_db_error(caught.value, path) == errors.MSG_LOCKED


@pytest.mark.usefixtures("quick_lock")
def test_an_upgrade_blocked_by_another_program_says_in_use_not_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copy(SCHEMAS / "0001_initial.sqlite", path)
    other = _hold(path, "IMMEDIATE")
    try:
        with pytest.raises(DatabaseError) as caught:
            Database.open(path)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert str(caught.value) == errors.MSG_LOCKED
    Database.open(path).close()  # once the other program is done, the upgrade runs


def test_a_full_database_is_reported_as_full(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite"
    _office(path)
    db = Database.open(path)
    with pytest.raises(OperationalError) as caught, db.write() as session:
        pages = session.execute(text("PRAGMA page_count")).scalar_one()
        session.execute(text(f"PRAGMA max_page_count={pages}"))
        session.execute(
            text("INSERT INTO issue_category (name, sort_order, active) VALUES (:n, 99, 1)"),
            {"n": "满" * 200_000},
        )
    db.close()
    message = describe_db_error(caught.value, path)
    assert message == errors.MSG_FULL
    assert "满满" not in message  # never the SQL parameters


def test_a_read_only_file_is_reported_as_read_only(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite"
    caught = _write_through_read_only_connection(path)
    assert describe_db_error(caught.value, path) == errors.MSG_READONLY_FILE.format(path=path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write a file without write permission")
def test_a_chmod_read_only_file_is_refused_as_read_only(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite"
    _office(path)
    path.chmod(0o444)
    try:
        with pytest.raises((DatabaseError, OperationalError)) as caught:
            db = Database.open(path)
            ensure_defaults(db)
        assert "只读" in (describe_db_error(caught.value, path) or "")
    finally:
        path.chmod(0o644)


def test_a_read_only_folder_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "office.sqlite"
    caught = _write_through_read_only_connection(path)
    # Running as root, a folder cannot really be made read-only: pretend it is.
    monkeypatch.setattr(errors, "_folder_is_writable", lambda _path: False)
    assert describe_db_error(caught.value, path) == errors.MSG_READONLY_FOLDER.format(path=tmp_path)


def test_a_damaged_file_is_reported_as_damaged(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite"
    _office(path)
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # overwrite the schema page
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseError) as caught:
        Database.open(path)
    assert str(caught.value) == errors.MSG_CORRUPT.format(path=path)


def test_a_missing_file_and_folder_are_named(tmp_path: Path) -> None:
    path = tmp_path / "gone" / "office.sqlite"
    with pytest.raises(sqlite3.OperationalError) as caught:
        sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    assert describe_db_error(caught.value, path) == errors.MSG_MISSING.format(path=path)
    assert describe_db_error(FileNotFoundError(2, "No such file", str(path))) == (
        errors.MSG_MISSING.format(path=path)
    )


def test_our_own_message_passes_through_and_others_are_not_database_errors() -> None:
    assert describe_db_error(DatabaseError("数据库由更新版本创建")) == "数据库由更新版本创建"
    assert describe_db_error(ValueError("database is locked")) is None
    assert describe_db_error(OSError(28, "No space left on device")) == errors.MSG_FULL
