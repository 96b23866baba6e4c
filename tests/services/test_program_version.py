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
    assert record.text() == f"{__version__}（2026-12-04 12:00，窗口）"


def test_an_upgrade_keeps_the_version_before(db: Database) -> None:
    record_open(db, VIA_WINDOW, version="0.1.0", now=NOON)
    record_open(db, VIA_CLI, version="0.1.0", now=NOON)
    assert last_open(db).previous_version == ""  # type: ignore[union-attr]
    record = record_open(db, VIA_WINDOW, version="0.2.0", now=NOON)
    assert (record.version, record.previous_version) == ("0.2.0", "0.1.0")
    assert record.text().endswith("，此前为 0.1.0")
    record = record_open(db, VIA_CLI, version="0.2.0", now=NOON)
    assert record.previous_version == "0.1.0"  # still the one before the upgrade


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
    record_open(writable, VIA_WINDOW, now=NOON)
    writable.close()
    assert run_cli(capsys, "--db", str(path), "cases")[0] == 0  # read-only: writes nothing
    opened = Database.open(path, readonly=True)
    try:
        record = last_open(opened)
        assert record is not None and (record.opened_via, record.opened_at) == (VIA_WINDOW, NOON)
    finally:
        opened.close()
