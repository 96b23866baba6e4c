"""Change detection (issue 14): a desk learns what other desks changed, not its own writes."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from petitiondesk.store import changes
from petitiondesk.store.db import Database, WriteSession
from petitiondesk.store.models import (
    Base,
    ChangeLog,
    IssueCategory,
    Leader,
    OfficeSettings,
    leader_category,
)


@pytest.fixture
def two_desks(db_path: Path) -> Iterator[tuple[Database, Database]]:
    """Two Database objects on one file, as two programs (desks) would have."""
    from petitiondesk.services.bootstrap import ensure_defaults

    first = Database.open(db_path, create=True)
    ensure_defaults(first)
    second = Database.open(db_path)
    yield first, second
    first.close()
    second.close()


def add_leader(db: Database, name: str = "王五") -> None:
    with db.write() as session:
        session.add(Leader(name=name, title="副局长", rotation_order=3))


def test_topics_of_tables() -> None:
    assert changes.topics_of(["petition", "audit_log"]) == {"cases"}
    assert changes.topics_of(["leader"]) == {"roster", "reference"}
    assert changes.topics_of(["audit_log", "register_counter", "petition_search"]) == set()
    assert changes.topics_of(["petition", "some_new_table"]) == {"all"}


def test_watcher_sees_another_desks_commit_not_its_own(
    two_desks: tuple[Database, Database],
) -> None:
    first, second = two_desks
    watcher = first.watch_changes()
    try:
        assert watcher.poll() == set()
        add_leader(first)  # its own write: already announced by the window itself
        assert watcher.poll() == set()
        add_leader(second, "赵六")
        assert watcher.poll() == {"roster", "reference"}
        assert watcher.poll() == set()  # reported once
        with second.write() as session:
            session.get_one(OfficeSettings, 1).name = "测试改名信访局"
        add_leader(first, "钱七")  # an own write in the same interval hides nothing
        assert watcher.poll() == {"settings"}
    finally:
        watcher.close()


def test_one_row_per_transaction_and_old_rows_pruned(
    two_desks: tuple[Database, Database], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = two_desks
    monkeypatch.setattr(changes, "KEEP", 3)
    with first.write() as session:
        session.add(Leader(name="甲", title="", rotation_order=5))
        session.flush()
        session.add(IssueCategory(name="新类别", sort_order=99))
    with first.read() as session:
        topics = [set(row.topics.split(",")) for row in session.query(ChangeLog)]
    assert topics[-1] == {"roster", "reference"}
    watcher = first.watch_changes()
    for index in range(5):
        add_leader(second, f"乙{index}")
    with first.read() as session:
        assert session.query(ChangeLog).count() == 3
    try:
        assert watcher.poll() == {"all"}  # some rows were pruned unread: anything may have
        add_leader(second, "丙")
        assert watcher.poll() == {"roster", "reference"}
    finally:
        watcher.close()


def test_a_change_nobody_logged_means_everything(two_desks: tuple[Database, Database]) -> None:
    first, second = two_desks
    watcher = first.watch_changes()
    try:
        assert first.path is not None
        other = sqlite3.connect(first.path)
        with other:
            other.execute("UPDATE office_settings SET name = 'x'")
        other.close()
        assert watcher.poll() == {"all"}
    finally:
        watcher.close()


def test_rolled_back_write_is_not_announced(two_desks: tuple[Database, Database]) -> None:
    first, second = two_desks
    watcher = first.watch_changes()
    try:
        with pytest.raises(RuntimeError), second.write() as session:
            session.add(Leader(name="丙", title="", rotation_order=6))
            session.flush()
            raise RuntimeError("refused")
        assert watcher.poll() == set()
    finally:
        watcher.close()


def test_in_memory_database_has_a_null_watcher() -> None:
    db = Database.open("sqlite://")
    watcher = db.watch_changes()
    assert isinstance(watcher, changes.NullWatcher)
    assert watcher.poll() == set()
    db.close()


# --- PostgreSQL: NOTIFY from the write session, LISTEN in the watcher ------------------------


def test_postgres_watcher_hears_other_connections(pg_server: Any) -> None:
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    url = pg_server.create_database()
    engine = create_engine(url)
    try:
        tables = [IssueCategory.__table__, leader_category, Leader.__table__]
        Base.metadata.create_all(engine, tables=tables)
        mine, other = changes.Origin(), changes.Origin()
        watcher = changes.watch(make_url(url), mine)
        assert isinstance(watcher, changes.PostgresWatcher)
        try:
            for origin, name in ((mine, "甲"), (other, "乙")):
                with WriteSession(engine, info={changes.ORIGIN_KEY: origin}) as session:
                    session.add(Leader(name=name, title="", rotation_order=1))
                    session.commit()
            seen: set[str] = set()
            deadline = time.monotonic() + 5
            while not seen and time.monotonic() < deadline:
                seen = watcher.poll()
                time.sleep(0.05)
            assert seen == {"roster", "reference"}
            assert watcher.poll() == set()
            started = time.monotonic()
            watcher.poll()
            assert time.monotonic() - started < 0.5  # never waits
        finally:
            watcher.close()
    finally:
        engine.dispose()
        pg_server.drop_database(url)


def test_bookkeeping_only_writes_are_no_news(two_desks: tuple[Database, Database]) -> None:
    from datetime import datetime

    from petitiondesk.store.models import ProgramVersion

    first, second = two_desks
    watcher = first.watch_changes()
    try:
        with second.write() as session:
            session.merge(ProgramVersion(id=1, version="9.9", opened_at=datetime(2026, 12, 1)))
        assert watcher.poll() == set()
    finally:
        watcher.close()


def test_a_concurrent_save_of_a_versioned_row_has_a_message() -> None:
    """PostgreSQL: two desks' UPDATEs of one row at once; the second finds the version
    changed (SQLAlchemy's version_id_col raises StaleDataError): a message, not a crash."""
    import sqlalchemy.exc
    from sqlalchemy.orm.exc import StaleDataError

    from petitiondesk.store.errors import MSG_STALE_ROW, describe_db_error

    stale = StaleDataError("UPDATE statement on table 'leader' expected to update 1 row(s)")
    assert describe_db_error(stale) == MSG_STALE_ROW
    assert "您的修改未保存" in MSG_STALE_ROW
    assert describe_db_error(sqlalchemy.exc.InvalidRequestError("x")) is None
