"""Opening, creating, upgrading and refusing database files."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from petitiondesk.store.db import Database, DatabaseError, to_url
from petitiondesk.store.migrate import current_revision, head_revision
from petitiondesk.store.models import Base, IssueCategory
from petitiondesk.store.search_index import is_index_table
from tests.helpers import actor

SCHEMAS = Path(__file__).parent / "schemas"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_file_is_created_at_head_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "new.sqlite"
    db = Database.open(path, create=True)
    assert path.exists()
    assert current_revision(db.engine) == head_revision()
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert {
        "petition",
        "petitioner",
        "referral",
        "supervision_slip",
        "audit_log",
        "holiday",
    } <= set(db.table_names())
    db.close()


def test_models_and_migrations_agree(tmp_path: Path) -> None:
    """Every model change needs a migration: the migrated schema equals the models."""
    db = Database.open(tmp_path / "x.sqlite", create=True)
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_name": lambda name, kind, _p: not is_index_table(name or "")}
        )
        diff = compare_metadata(context, Base.metadata)
    assert diff == []
    db.close()


def test_foreign_keys_are_enforced(db: Database) -> None:
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), db.write() as session:
        session.execute(
            text("INSERT INTO leader_category (leader_id, category_id) VALUES (999, 999)")
        )


def test_file_from_a_newer_program_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite"
    Database.open(path, create=True).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = _digest(path)
    with pytest.raises(DatabaseError, match="更新版本"):
        Database.open(path)
    assert _digest(path) == before


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE ledger (id INTEGER)")
    with pytest.raises(DatabaseError, match="不是 PetitionDesk 数据库"):
        Database.open(path)


@pytest.mark.parametrize("schema", sorted(p.name for p in SCHEMAS.glob("*.sqlite")))
def test_released_schema_upgrades_and_keeps_data(tmp_path: Path, schema: str) -> None:
    """Each released schema (saved file with data) opens and upgrades to head."""
    path = tmp_path / schema
    shutil.copy(SCHEMAS / schema, path)
    db = Database.open(path)
    assert current_revision(db.engine) == head_revision()
    with db.read() as session:
        assert session.query(IssueCategory).count() > 0
        count = session.execute(text("SELECT count(*) FROM petition")).scalar()
    assert count and count > 0
    db.close()


def test_db_argument_accepts_path_or_url(tmp_path: Path) -> None:
    assert str(to_url(tmp_path / "a.sqlite")).startswith("sqlite:///")
    assert to_url("sqlite:///:memory:").database == ":memory:"
    db = Database.open("sqlite:///" + str(tmp_path / "b.sqlite"), create=True)
    assert (tmp_path / "b.sqlite").exists()
    db.close()
    mem = Database.open("sqlite://")
    assert "petition" in mem.table_names()
    mem.close()


def test_failed_write_transaction_rolls_back(db: Database) -> None:
    with pytest.raises(RuntimeError), db.write() as session:
        session.add(IssueCategory(name="临时类别", sort_order=99))
        session.flush()
        raise RuntimeError("boom")
    with db.read() as session:
        assert session.query(IssueCategory).filter_by(name="临时类别").count() == 0


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes("这不是数据库，只是一段文字。".encode() * 200)
    before = _digest(path)
    with pytest.raises(DatabaseError, match="不是数据库文件"):
        Database.open(path)
    assert _digest(path) == before


def test_0001_file_upgrades_to_acceptance_and_conversation_schema(tmp_path: Path) -> None:
    """Migration 0002 on a released 0001 file: new tables and columns, data intact,
    and the new services work on the upgraded file."""
    from datetime import date, datetime

    from petitiondesk.core.enums import AcceptanceDecision, CaseStatus
    from petitiondesk.services.acceptance import AcceptanceInput, decide_acceptance
    from petitiondesk.services.conversations import ConversationInput, save_conversation_record
    from petitiondesk.store.models import Petition

    path = tmp_path / "released.sqlite"
    shutil.copy(SCHEMAS / "0001_initial.sqlite", path)
    with sqlite3.connect(path) as conn:
        before = conn.execute(
            "SELECT id, register_no, summary, status FROM petition ORDER BY id"
        ).fetchall()
    db = Database.open(path)
    assert {"doc_counter", "conversation_record"} <= set(db.table_names())
    with db.engine.connect() as conn:
        after = conn.exec_driver_sql(
            "SELECT id, register_no, summary, status FROM petition ORDER BY id"
        ).fetchall()
        assert [tuple(r) for r in after] == before
        assert conn.exec_driver_sql(
            "SELECT count(*) FROM petition WHERE acceptance_note = '' AND forward_due IS NULL"
        ).scalar() == len(before)
        indexes = {r[1] for r in conn.exec_driver_sql("PRAGMA index_list('petition')")}
        assert {"ix_petition_category_status_received", "ix_petition_repeat_of_id"} <= indexes
    with db.read() as session:
        pending = session.query(Petition).filter(Petition.status == CaseStatus.REGISTERED).first()
        assert pending is not None
        number, received = pending.register_no, pending.received_at
    decided = decide_acceptance(
        db, number, AcceptanceInput(AcceptanceDecision.ACCEPT, received.date()),
        actor=actor("test"), today=date(2030, 1, 1),
    ).unwrap()  # fmt: skip
    assert decided.notice_no == f"青信〔{received.year}〕1号"
    with db.read() as session:
        visit = session.query(Petition).filter(Petition.channel == "visit").first()
        assert visit is not None
        visit_no, visit_day = visit.register_no, visit.received_at
    saved = save_conversation_record(
        db, visit_no,
        ConversationInput(leader_id=1, held_at=visit_day, content="谈话内容", recorder="赵丽"),
        actor("test"), now=datetime(2030, 1, 1),
    )  # fmt: skip
    assert saved.ok, saved.errors
    db.close()
