"""A save that the database refuses tells the clerk why in plain words: a database in use
by another program, or a full disk, is never "程序出现意外错误" (issue 9)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

import pytest

from petitiondesk.gui.intake.tab import IntakeTab
from petitiondesk.services import cases
from petitiondesk.store import db as db_module
from petitiondesk.store import errors as store_errors
from petitiondesk.store.db import Database


def test_saving_while_another_program_holds_the_lock(
    db: Database,
    intake: IntakeTab,
    fill: Callable[..., None],
    save: Callable[[], None],
    error_dialogs: list[Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_S", 0.2)
    db.engine.dispose()  # new connections wait 0.2 s, not 10 s
    other = sqlite3.connect(str(db.path), isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")  # another desk (or a backup program) writes
        fill()
        save()
    finally:
        other.execute("ROLLBACK")
        other.close()
    texts = [report.text for report in error_dialogs]
    assert texts, "the clerk was not told"
    assert texts[-1] == store_errors.MSG_LOCKED
    assert "意外错误" not in texts[-1]
    assert "INSERT" not in texts[-1]  # no SQL (with the petitioner's words) in the box
    assert cases.count_cases(db) == 0
    assert intake.form.is_dirty()  # what the clerk typed is still there


def test_saving_on_a_full_disk(
    db: Database,
    intake: IntakeTab,
    fill: Callable[..., None],
    save: Callable[[], None],
    error_dialogs: list[Any],
) -> None:
    assert db.path is not None
    db.engine.dispose()
    raw = sqlite3.connect(str(db.path), isolation_level=None)
    try:
        raw.execute("VACUUM")  # no free pages left over from migrations: a save must grow the file
        pages = raw.execute("PRAGMA page_count").fetchone()[0]
    finally:
        raw.close()

    from sqlalchemy import event

    @event.listens_for(db.engine, "connect")
    def _no_room(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    db.engine.dispose()
    fill(summary="反映" * 900)  # needs new pages
    save()
    texts = [report.text for report in error_dialogs]
    assert texts, "the clerk was not told"
    assert texts[-1] == store_errors.MSG_FULL
    assert cases.count_cases(db) == 0
