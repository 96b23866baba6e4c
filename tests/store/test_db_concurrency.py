"""Issue 9: several desks starting together on a new or older file all end up with a
current schema; none is told the file is corrupt."""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path

import pytest

from petitiondesk.store.db import Database
from petitiondesk.store.migrate import current_revision, head_revision

SCHEMAS = Path(__file__).parent / "schemas"
DESKS = 12


def _start_desk(args: tuple[str, multiprocessing.synchronize.Barrier]) -> str:
    from petitiondesk.services.bootstrap import ensure_defaults
    from petitiondesk.store.db import DatabaseError

    path, barrier = args
    barrier.wait()
    try:
        db = Database.open(path, create=True)
        ensure_defaults(db)
        revision = current_revision(db.engine) or ""
        db.close()
        return revision
    except DatabaseError as exc:
        return f"refused: {exc}"


@pytest.mark.parametrize("start", ["new", "0001_initial.sqlite"])
def test_desks_starting_together_all_get_a_current_schema(tmp_path: Path, start: str) -> None:
    path = tmp_path / "office.sqlite"
    if start != "new":
        shutil.copy(SCHEMAS / start, path)
    ctx = multiprocessing.get_context("spawn")
    with ctx.Manager() as manager:
        barrier = manager.Barrier(DESKS)
        with ctx.Pool(DESKS) as pool:
            results = pool.map(_start_desk, [(str(path), barrier)] * DESKS)
    assert results == [head_revision()] * DESKS, results
    db = Database.open(path)
    assert current_revision(db.engine) == head_revision()
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM office_settings").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    db.close()
