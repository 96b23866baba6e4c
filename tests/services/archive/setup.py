"""A small archived demo year, shared by the archive tests (built once per module)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from petitiondesk.core.identity import Role
from petitiondesk.services.archive import (
    ArchiveSettings,
    ArchiveSummary,
    archive_year,
    update_archive_settings,
)
from petitiondesk.services.archive.cases import ArchiveCase, year_cases
from petitiondesk.services.attachments import add_attachment
from petitiondesk.services.bootstrap import ensure_defaults
from petitiondesk.services.demo import load_demo
from petitiondesk.store.db import Database
from tests.helpers import actor

#: The demo is made "as of" this day, one year back (2025 has a few cases, some done).
DEMO_NOW = datetime(2026, 6, 1, 10, 0)
YEAR = 2025
SETTINGS = ArchiveSettings(fonds_no="X001", org_code="XF")
ATTACHMENT_TEXT = "来信原件扫描（演示）\n".encode()


@dataclass(frozen=True)
class Archived:
    db_path: Path
    attachments: Path
    summary: ArchiveSummary
    cases: list[ArchiveCase]

    @property
    def folder(self) -> Path:
        return self.summary.folder


def demo_database(root: Path) -> tuple[Database, Path]:
    """A demo database with the archive settings and one attachment on a closed case."""
    db = Database.open(root / "demo.sqlite", create=True)
    return db, prepare_demo(db, root)


def prepare_demo(db: Database, root: Path) -> Path:
    """Load the demo into ``db``, set the archive settings, attach a file to a closed case
    (stored under ``root``); returns the attachments folder."""
    ensure_defaults(db)
    load_demo(db, visits=30, seed=1, years=1, now=DEMO_NOW)
    admin = actor("管理员", Role.ADMIN)
    assert update_archive_settings(db, SETTINGS, actor=admin).ok
    closed = next(c for c in year_cases(db, YEAR) if not c.open)
    source = root / "来信扫描.txt"
    source.write_bytes(ATTACHMENT_TEXT)
    attachments = root / "attachments"
    assert add_attachment(db, closed.petition_id, source, actor=admin, data_dir=attachments).ok
    return attachments


def archive_demo(root: Path) -> Archived:
    db, attachments = demo_database(root)
    try:
        result = archive_year(
            db, YEAR, root / "out", actor=actor(), include_open=True, attachments_dir=attachments
        )
        assert result.ok, result.message
        return Archived(db.path or root / "demo.sqlite", attachments, result.unwrap(),
                        year_cases(db, YEAR))  # fmt: skip
    finally:
        db.close()
