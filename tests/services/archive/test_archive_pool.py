"""The items rendered by worker processes: the same bytes as in one process, and a
cancel stops the workers and leaves nothing (folder or scratch)."""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path

import pytest

from petitiondesk.services.archive import archive_year
from petitiondesk.services.archive.pool import MIN_PARALLEL, default_workers
from petitiondesk.store.db import Database
from tests.helpers import actor
from tests.services.archive.setup import YEAR, Archived


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_two_workers_give_the_same_bytes(archived: Archived, tmp_path: Path) -> None:
    db = Database.open(archived.db_path)
    done: list[int] = []
    try:
        again = archive_year(db, YEAR, tmp_path, actor=actor(), include_open=True,
                             attachments_dir=archived.attachments, workers=2,
                             progress=done.append)  # fmt: skip
    finally:
        db.close()
    assert again.ok, again.message
    assert done == list(range(1, len(done) + 1))
    first, second = _files(archived.folder), _files(again.unwrap().folder)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_cancel_stops_the_workers_and_leaves_nothing(
    archived: Archived, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    out = tmp_path / "out"
    cancel = threading.Event()

    def progress(done: int) -> None:
        if done == 2:
            cancel.set()

    db = Database.open(archived.db_path)
    try:
        result = archive_year(db, YEAR, out, actor=actor(), include_open=True,
                              attachments_dir=archived.attachments, workers=2,
                              progress=progress, cancel=cancel)  # fmt: skip
    finally:
        db.close()
    assert not result.ok and "已取消" in result.message
    assert list(out.iterdir()) == []
    assert list(scratch.iterdir()) == []


def test_small_years_stay_in_one_process() -> None:
    assert default_workers(MIN_PARALLEL - 1) == 1
    assert default_workers(MIN_PARALLEL) >= 1
