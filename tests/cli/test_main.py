"""The stable command line: TSV output, exit codes, one-line errors, nothing half-written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.helpers import run_cli


@pytest.fixture
def demo_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "demo.sqlite")
    code, _out, err = run_cli(capsys, "--db", path, "demo", "--visits", "40", "--seed", "3")
    assert code == 0, err
    assert "40" in err
    return path


def test_cases_prints_tsv_with_header(demo_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "--db", demo_db, "cases")
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == "register_no\treceived_date\tchannel\tcategory\tstatus"
    assert len(lines) == 41
    for line in lines[1:]:
        number, received, channel, _category, status = line.split("\t")
        assert number[:4] == received[:4]
        assert channel in {"visit", "letter", "phone", "online"}
        assert status in {"registered", "accepted", "rejected", "forwarded"}
    year = lines[1].split("\t")[0][:4]
    _, filtered, _ = run_cli(
        capsys, "--db", demo_db, "cases", "--year", year, "--status", "accepted"
    )
    rows = filtered.splitlines()[1:]
    assert rows and all(r.startswith(year) and r.endswith("\taccepted") for r in rows)


def test_demo_is_deterministic_for_a_seed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outputs = []
    for name in ("a.sqlite", "b.sqlite"):
        path = str(tmp_path / name)
        run_cli(capsys, "--db", path, "demo", "--visits", "15", "--seed", "9")
        outputs.append(run_cli(capsys, "--db", path, "cases")[1])
    assert outputs[0] == outputs[1]


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


def test_print_registration_and_export_register(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run_cli(capsys, "--db", demo_db, "cases")
    number = out.splitlines()[1].split("\t")[0]
    pdf = tmp_path / "slip.pdf"
    code, _, err = run_cli(
        capsys, "--db", demo_db, "print", "registration", "--case", number, "--out", str(pdf)
    )
    assert code == 0, err
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert number in text and "来访登记单" in text

    xlsx = tmp_path / "ledger.xlsx"
    year = number[:4]
    code, _, err = run_cli(
        capsys, "--db", demo_db, "export", "register", "--year", year, "--out", str(xlsx)
    )
    assert code == 0, err
    sheet = load_workbook(xlsx).active
    assert sheet is not None
    values = [c for row in sheet.iter_rows(values_only=True) for c in row]
    assert number in values


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
    run_cli(capsys, "--db", str(path), "cases")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'zzzz'")
    code, _, err = run_cli(capsys, "--db", str(path), "cases")
    assert code == 1 and "更新版本" in err


def test_module_entry_point_runs(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "petitiondesk", "--db", str(tmp_path / "m.sqlite"), "cases"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("register_no\t")
