"""``petitiondesk calendar due``: due dates, exit 3 when the calendar cannot answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_cli


def test_calendar_due(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "c.sqlite")
    # 10 working days after Fri 2026-09-25: National Day off 10-01..07, make-up Sat 10-10 works.
    assert run_cli(capsys, "--db", db, "calendar", "due", "2026-09-25", "10", "--workdays")[:2] == (
        0,
        "2026-10-15\n",
    )
    # 15 calendar days after 2026-11-20 is Sat 12-05 → next working day.
    assert run_cli(capsys, "--db", db, "calendar", "due", "2026-11-20", "15")[:2] == (
        0,
        "2026-12-07\n",
    )


def test_calendar_due_uncovered_exits_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(
        capsys, "--db", str(tmp_path / "c.sqlite"), "calendar", "due", "2026-12-20", "30"
    )
    assert code == 3
    assert out.strip().startswith("2027-")
    assert err.startswith("UNCOVERED") and "2027" in err
