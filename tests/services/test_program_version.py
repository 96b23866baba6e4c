"""The database records which program version last opened it (issue 16)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from petitiondesk.services.program_version import (
    VIA_CLI,
    VIA_WINDOW,
    last_open,
    record_open,
)
from petitiondesk.store.db import Database
from petitiondesk.version import __version__
from tests.helpers import run_cli

NOON = datetime(2026, 12, 4, 12, 0)


def test_a_new_database_has_no_record_until_opened(db: Database) -> None:
    assert last_open(db) is None
    record = record_open(db, VIA_WINDOW, now=NOON)
    assert record == last_open(db)
    assert (record.version, record.opened_via, record.opened_at) == (__version__, "窗口", NOON)
    assert record.text() == f"{__version__}（自 2026-12-04 12:00 起，窗口）"


def test_an_upgrade_keeps_the_version_before(db: Database) -> None:
    later = NOON.replace(hour=15)
    record_open(db, VIA_WINDOW, version="0.1.0", now=NOON)
    record = record_open(db, VIA_CLI, version="0.1.0", now=later)
    assert (record.opened_at, record.opened_via, record.previous_version) == (NOON, "窗口", "")
    record = record_open(db, VIA_WINDOW, version="0.2.0", now=later)
    assert (record.version, record.previous_version, record.opened_at) == ("0.2.0", "0.1.0", later)
    assert record.text().endswith("，此前为 0.1.0")
    record = record_open(db, VIA_CLI, version="0.2.0", now=NOON)
    assert record.previous_version == "0.1.0"  # still the one before the upgrade


@pytest.mark.sqlite_only  # the file itself
def test_reopening_with_the_same_version_leaves_the_file_untouched(db: Database) -> None:
    assert db.path is not None
    record_open(db, VIA_WINDOW, now=NOON)
    db.close()
    before = db.path.read_bytes()
    reopened = Database.open(db.path)
    try:
        record_open(reopened, VIA_CLI)
    finally:
        reopened.close()
    assert db.path.read_bytes() == before


def test_the_window_records_its_version_when_it_opens_a_database(tmp_path: Path) -> None:
    from petitiondesk.gui.app import open_database

    opened = open_database(str(tmp_path / "new.sqlite"), create=True)
    try:
        record = last_open(opened)
        assert record is not None
        assert (record.version, record.opened_via) == (__version__, VIA_WINDOW)
    finally:
        opened.close()


def test_cli_write_commands_record_and_read_commands_do_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "office.sqlite"
    assert run_cli(capsys, "--db", str(path), "init")[0] == 0
    opened = Database.open(path, readonly=True)
    try:
        first = last_open(opened)
        assert first is not None and first.opened_via == VIA_CLI
    finally:
        opened.close()
    writable = Database.open(path)
    record_open(writable, VIA_WINDOW, version="0.0.9", now=NOON)  # as an older program did
    writable.close()
    assert run_cli(capsys, "--db", str(path), "cases")[0] == 0  # read-only: writes nothing
    opened = Database.open(path, readonly=True)
    try:
        assert last_open(opened).version == "0.0.9"  # type: ignore[union-attr]
    finally:
        opened.close()
    assert run_cli(capsys, "--db", str(path), "init")[0] == 0  # a write command: records
    opened = Database.open(path, readonly=True)
    try:
        record = last_open(opened)
        assert record is not None
        assert (record.version, record.previous_version) == (__version__, "0.0.9")
        assert record.opened_via == VIA_CLI
    finally:
        opened.close()
