"""The stable command line: exit codes, one-line errors, nothing half-written, entry points."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import run_cli


def test_errors_are_one_line_and_write_nothing(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "missing.pdf"
    code, out, err = run_cli(
        capsys, "--db", demo_db, "print", "registration", "--case", "1999-00001", "--out", str(pdf)
    )
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "1999-00001" in err
    assert not pdf.exists()
    assert list(tmp_path.glob("*.part")) == []


def test_newer_database_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    path = tmp_path / "n.sqlite"
    assert run_cli(capsys, "--db", str(path), "init")[0] == 0
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'zzzz'")
    code, _, err = run_cli(capsys, "--db", str(path), "cases")
    assert code == 1 and "更新版本" in err


def test_module_entry_point_runs(tmp_path: Path) -> None:
    for command in ("init", "cases"):
        proc = subprocess.run(
            [sys.executable, "-m", "petitiondesk", "--db", str(tmp_path / "m.sqlite"), command],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
        assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("register_no\t")
