"""The audit log is append-only in fact: triggers refuse UPDATE and DELETE, every row is
chained by hash, and migration 0006 chains the rows of an older file.

The triggers are not part of ``Base.metadata`` (the models-vs-migrations comparison in
``test_db.py`` does not see them), so this module checks that the migration made them.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from petitiondesk.core.auditchain import GENESIS, first_break, row_hash
from petitiondesk.services import audit
from petitiondesk.services.integrity import full_check
from petitiondesk.store.db import Database
from petitiondesk.store.models import AuditLog, Leader
from tests.helpers import actor

SCHEMAS = Path(__file__).parent / "schemas"


def _add_rows(db: Database, count: int) -> None:
    for index in range(count):
        with db.write() as session:
            leader = Leader(name=f"领导{index}", title="副局长", rotation_order=10 + index)
            session.add(leader)
            audit.record(session, actor=actor("赵丽"), action="add_leader", entity=leader)


@pytest.mark.sqlite_only  # sqlite_master; PostgreSQL: test_multidesk (refused UPDATE/DELETE)
def test_triggers_exist_at_head(db: Database) -> None:
    with db.engine.connect() as conn:
        names = {
            row[0]
            for row in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='audit_log'"
            )
        }
    assert names == {"audit_log_no_update", "audit_log_no_delete"}


@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit_log SET actor = '局长' WHERE id = 1", "DELETE FROM audit_log WHERE id = 1"],
)
def test_an_outside_update_or_delete_is_refused(
    db: Database, db_path: Path, statement: str
) -> None:
    _add_rows(db, 2)
    conn = sqlite3.connect(db_path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="审计记录不可修改"):
            conn.execute(statement)
    finally:
        conn.close()
    assert full_check(db).ok


def test_rows_are_chained_in_order(db: Database) -> None:
    _add_rows(db, 3)
    with db.read() as session:
        rows = [audit.chain_row(r) for r in session.scalars(select(AuditLog).order_by(AuditLog.id))]
    assert [r.id for r in rows] == [1, 2, 3]
    assert rows[0].prev_hash == GENESIS
    assert rows[1].prev_hash == rows[0].row_hash == row_hash(rows[0], GENESIS)
    assert first_break(rows) is None


def test_several_rows_in_one_transaction_chain_in_order(db: Database) -> None:
    with db.write() as session:
        for index in range(3):
            leader = Leader(name=f"批量{index}", title="副局长", rotation_order=20 + index)
            session.add(leader)
            audit.record(session, actor=actor("赵丽"), action="add_leader", entity=leader)
    with db.read() as session:
        rows = [audit.chain_row(r) for r in session.scalars(select(AuditLog).order_by(AuditLog.id))]
    assert len(rows) == 3 and first_break(rows) is None


def test_appending_outside_the_write_lock_is_refused(db: Database) -> None:
    with db.read() as session, pytest.raises(RuntimeError, match="BEGIN IMMEDIATE"):
        audit.append(session, AuditLog(actor=actor("x"), action="x", entity="x"))


def test_an_older_file_gets_its_rows_chained(tmp_path: Path) -> None:
    path = tmp_path / "released.sqlite"
    shutil.copy(SCHEMAS / "0001_initial.sqlite", path)
    db = Database.open(path)
    try:
        with db.read() as session:
            rows = [
                audit.chain_row(r) for r in session.scalars(select(AuditLog).order_by(AuditLog.id))
            ]
        assert rows and all(r.row_hash for r in rows)
        assert first_break(rows) is None
        _add_rows(db, 1)  # new rows continue the backfilled chain
        assert full_check(db).ok
    finally:
        db.close()
