"""``petitiondesk calendar``: due dates (exit 3 when the calendar cannot answer), and the
holiday year from the command line: list, import (with the deadlines that move), export,
mark complete; a year round-trips through a file into a fresh database."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from petitiondesk.store.db import Database
from petitiondesk.store.models import AuditLog, CalendarYear, Holiday, Petition
from tests.helpers import run_cli
from tests.services.test_holidays import open_cases

# Invented for the test: chinesecalendar stops at 2026.
YEAR_2027 = """\
日期,类型,节日
2027-01-01,放假,元旦
2027-01-31,上班,春节
2027-02-06,放假,春节
2027-02-07,放假,春节
2027-02-08,放假,春节
2027-02-09,放假,春节
2027-02-10,放假,春节
2027-02-11,放假,春节
2027-02-12,放假,春节
2027-02-20,上班,春节
"""


def new_db(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    code, _, err = run_cli(capsys, "--db", str(path), "init")
    assert code == 0, err
    return str(path)


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    return new_db(tmp_path / "c.sqlite", capsys)


@pytest.fixture
def year_file(tmp_path: Path) -> Path:
    path = tmp_path / "2027.csv"
    path.write_text(YEAR_2027, encoding="utf-8")
    return path


def accepted_case(path: str) -> str:
    """A case accepted 2026-12-10: its 60-day limit (2027-02-08) is only an estimate."""
    db = Database.open(path)
    try:
        return open_cases(db)[0]
    finally:
        db.close()


def counts(path: str) -> tuple[int, int, int]:
    db = Database.open(path)
    with db.read() as session:
        found = tuple(
            int(session.scalar(select(func.count()).select_from(model)) or 0)
            for model in (Holiday, CalendarYear, AuditLog)
        )
    db.close()
    return found  # type: ignore[return-value]


def test_calendar_due(db: str, capsys: pytest.CaptureFixture[str]) -> None:
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


def test_calendar_due_uncovered_exits_3(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "--db", db, "calendar", "due", "2026-12-20", "30")
    assert code == 3
    assert out.strip().startswith("2027-")
    assert err.startswith("UNCOVERED") and "2027" in err


def test_holidays_lists_a_bundled_year(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "--db", db, "calendar", "holidays", "2026")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "date\tkind\tname\tsource"
    assert "2026-10-01\t放假\t国庆节\t内置数据" in lines
    assert "内置数据已包含" in err
    code, out, err = run_cli(capsys, "--db", db, "calendar", "holidays", "2027")
    assert (code, out) == (0, "date\tkind\tname\tsource\n")
    assert "2027年：尚未录入完整" in err and "待核" in err


def test_import_shows_the_deadlines_that_move_and_dry_run_saves_nothing(
    db: str, year_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    number = accepted_case(db)
    before = counts(db)
    digest = hashlib.sha256(Path(db).read_bytes()).hexdigest()
    code, out, err = run_cli(
        capsys, "--db", db, "calendar", "import", str(year_file), "--complete", "--dry-run"
    )
    assert code == 0, err
    assert f"{number} 办理期限 2027-02-08 → 2027-02-15（已确定）" in out.splitlines()
    assert "预览，未保存" in err
    assert counts(db) == before
    assert hashlib.sha256(Path(db).read_bytes()).hexdigest() == digest

    code, out2, err = run_cli(
        capsys, "--db", db, "calendar", "import", str(year_file), "--complete"
    )
    assert code == 0, err
    assert out2 == out and "已保存2027年节假日安排" in err
    holidays, years, audits = counts(db)
    assert (holidays, years) == (10, 1) and audits > before[2]
    check = Database.open(db)
    with check.read() as session:
        case = session.scalar(select(Petition).where(Petition.register_no == number))
        assert case is not None
        assert (case.handling_due, case.handling_due_uncovered) == (date(2027, 2, 15), False)
        actors = set(session.scalars(select(AuditLog.actor).where(AuditLog.id > before[2])))
    check.close()
    assert {a.split(":")[0] for a in actors} == {"命令行"}

    # The same file again changes nothing and writes nothing.
    after = counts(db)
    code, out, err = run_cli(capsys, "--db", db, "calendar", "import", str(year_file), "--complete")
    assert (code, out) == (0, "")
    assert "没有变化" in err
    assert counts(db) == after


def test_a_bad_line_is_refused_with_its_number_and_nothing_saved(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    lines = YEAR_2027.splitlines()
    lines[4] = "2027-02-31,放假,春节"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = counts(db)
    code, out, err = run_cli(capsys, "--db", db, "calendar", "import", str(bad), "--complete")
    assert (code, out) == (1, "")
    assert err.startswith("错误：bad.csv：第5行：") and err.count("\n") == 1
    assert counts(db) == before

    code, _, err = run_cli(capsys, "--db", db, "calendar", "import", str(tmp_path / "nope.csv"))
    assert code == 1 and "找不到节假日文件" in err and err.count("\n") == 1


def test_export_then_import_into_a_fresh_database_round_trips(
    db: str, year_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(capsys, "--db", db, "calendar", "import", str(year_file), "--complete")[0] == 0
    listed = run_cli(capsys, "--db", db, "calendar", "holidays", "2027")
    assert listed[0] == 0 and "已录入完整" in listed[2]
    assert len(listed[1].splitlines()) == 11

    exported = tmp_path / "out" / "2027.csv"
    code, _, err = run_cli(capsys, "--db", db, "calendar", "export", "2027", "--out", str(exported))
    assert code == 0 and str(exported) in err
    assert exported.read_text(encoding="utf-8") == YEAR_2027

    fresh = new_db(tmp_path / "fresh.sqlite", capsys)
    code, _, err = run_cli(capsys, "--db", fresh, "calendar", "import", str(exported), "--complete")
    assert code == 0, err
    assert run_cli(capsys, "--db", fresh, "calendar", "holidays", "2027") == listed


def test_complete_marks_the_year_and_shows_the_moves(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    number = accepted_case(db)
    code, out, err = run_cli(capsys, "--db", db, "calendar", "complete", "2027", "--dry-run")
    assert code == 0, err
    assert f"{number} 办理期限 2027-02-08 → 2027-02-08（已确定）" in out
    assert counts(db)[1] == 0
    code, out, err = run_cli(capsys, "--db", db, "calendar", "complete", "2027")
    assert code == 0 and counts(db)[1] == 1
    assert "已录入完整" in run_cli(capsys, "--db", db, "calendar", "holidays", "2027")[2]
    code, _, err = run_cli(capsys, "--db", db, "calendar", "complete", "1999")
    assert code == 1 and "年份应在" in err
