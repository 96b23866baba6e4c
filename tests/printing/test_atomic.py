"""Issue 9: no hidden half-written file survives a failed or killed export."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from petitiondesk.printing.atomic import PART_PATTERN, cleanup_stale_parts, replacing

ROOT = Path(__file__).resolve().parents[2]


def _everything(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_failed_write_leaves_neither_target_nor_part(tmp_path: Path) -> None:
    target = tmp_path / "ledger.xlsx"
    with pytest.raises(RuntimeError), replacing(target) as tmp:
        assert PART_PATTERN.match(tmp.name), tmp.name
        tmp.write_bytes(b"half")
        raise RuntimeError("disk went away")
    assert _everything(tmp_path) == []


def test_a_finished_write_replaces_the_target(tmp_path: Path) -> None:
    target = tmp_path / "ledger.xlsx"
    target.write_bytes(b"old")
    with replacing(target) as tmp:
        tmp.write_bytes(b"new")
    assert _everything(tmp_path) == ["ledger.xlsx"] and target.read_bytes() == b"new"


def test_a_folder_as_target_is_named_not_a_temporary_file(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(IsADirectoryError) as caught, replacing(folder):
        pass  # pragma: no cover - never entered
    assert caught.value.filename == str(folder)
    assert _everything(tmp_path) == ["out"] and _everything(folder) == []


KILLED_WRITER = """
import os, sys
from pathlib import Path
from petitiondesk.printing.atomic import replacing
with replacing(Path(sys.argv[1])) as tmp:
    tmp.write_bytes(b"half a ledger")
    os._exit(9)  # killed: no finally, no clean-up
"""


def test_a_killed_writers_part_is_removed_by_cleanup(tmp_path: Path) -> None:
    target = tmp_path / "ledger.xlsx"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(target)], env=env, check=False)
    assert done.returncode == 9
    left = _everything(tmp_path)
    assert len(left) == 1 and left[0].startswith(".~ledger.xlsx.") and left[0].endswith(".part")
    other = tmp_path / "notes.part"  # not ours: never touched
    other.write_bytes(b"x")
    removed = cleanup_stale_parts(tmp_path)
    assert [p.name for p in removed] == left
    with replacing(tmp_path / "live.pdf") as live:  # a writer still at work: kept
        live.write_bytes(b"in progress")
        assert cleanup_stale_parts(tmp_path) == []
        assert live.exists()
    assert _everything(tmp_path) == ["live.pdf", "notes.part"]


def test_writing_first_removes_parts_of_a_killed_writer(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", KILLED_WRITER, str(tmp_path / "ledger.xlsx")], env=env, check=False
    )
    assert done.returncode == 9 and len(_everything(tmp_path)) == 1
    with replacing(tmp_path / "roster.pdf") as tmp:
        tmp.write_bytes(b"done")
    assert _everything(tmp_path) == ["roster.pdf"]


def test_an_old_part_is_stale_even_if_its_writer_cannot_be_asked(tmp_path: Path) -> None:
    part = tmp_path / f".~a.pdf.{os.getpid()}-abc123.part"
    part.write_bytes(b"x")
    assert cleanup_stale_parts(tmp_path) == []
    old = part.stat().st_mtime + 7 * 3600
    assert cleanup_stale_parts(tmp_path, now=old) == [part]
    assert cleanup_stale_parts(tmp_path / "missing") == []
