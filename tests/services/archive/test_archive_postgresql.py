"""The year archived from a PostgreSQL register (issue 14): the same demo year gives the
same archive as from the SQLite file — same files, same bytes — and it verifies."""

from __future__ import annotations

from pathlib import Path

from petitiondesk.services.archive import archive_year, verify_archive
from petitiondesk.store.db import Database
from tests.helpers import actor
from tests.services.archive.setup import YEAR, Archived, prepare_demo


def _files(folder: Path) -> dict[Path, bytes]:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_archive_from_postgresql_matches_the_one_from_sqlite(
    archived: Archived, pg_url: str, tmp_path: Path
) -> None:
    db = Database.open(pg_url, create=True)
    try:
        attachments = prepare_demo(db, tmp_path)
        made = archive_year(db, YEAR, tmp_path / "out", actor=actor(), include_open=True,
                            attachments_dir=attachments)  # fmt: skip
    finally:
        db.close()
    assert made.ok, made.message
    assert verify_archive(made.unwrap().folder).ok
    mine, theirs = _files(made.unwrap().folder), _files(archived.folder)
    assert sorted(mine) == sorted(theirs)
    assert [name for name in mine if mine[name] != theirs[name]] == []
