"""Issue 9: every command-line failure is one Chinese line on stderr, never a traceback
(an SQL error's text carries petitioners' names and statements), and an ``--out`` path
is checked before anything is written."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy.exc

from petitiondesk.store import db as store_db
from tests.helpers import run_cli

NAME = "王秀英"  # a petitioner's name that must never reach the terminal


def one_chinese_line(err: str) -> None:
    assert err.startswith("错误：") and err.count("\n") == 1, err
    assert "Traceback" not in err and "Exception ignored" not in err
    assert NAME not in err


def run_module(*argv: str) -> subprocess.CompletedProcess[str]:
    """The real program, so stderr shows what Python itself would print on exit."""
    return subprocess.run(
        [sys.executable, "-m", "petitiondesk", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


# --- the database ------------------------------------------------------------------------


def test_a_locked_database_is_one_line_for_a_writing_command(
    demo_db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_S", 0.2)
    other = sqlite3.connect(demo_db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        code, out, err = run_cli(capsys, "--db", demo_db, "calendar", "complete", "2027")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert code == 1 and out == ""
    one_chinese_line(err)
    assert "正被另一程序使用" in err


def test_a_malformed_database_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    before = path.read_bytes()
    for command in (
        ["cases"],
        ["roster", "generate", "--from", "2026-10-01", "--to", "2026-10-31"],
    ):
        code, _, err = run_cli(capsys, "--db", str(path), *command)
        assert code == 1
        one_chinese_line(err)
        assert "已损坏或不是数据库文件" in err and str(path) in err
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("sqlite_text", "expected"),
    [
        ("database is locked", "正被另一程序使用"),
        ("database or disk is full", "磁盘已满"),
        ("attempt to write a readonly database", "只读"),
        ("database disk image is malformed", "已损坏"),
    ],
)
def test_database_errors_while_working_are_one_line_without_sql(
    sqlite_text: str,
    expected: str,
    demo_db: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Failures half-way through a command (not at opening): SQLAlchemy's text carries
    the statement and its parameters; only the translation may be printed."""
    import petitiondesk.services.holidays as holidays

    def fail(*_args: object, **_kwargs: object) -> None:
        raise sqlalchemy.exc.OperationalError(
            "UPDATE petitioner SET name=?", (NAME,), sqlite3.OperationalError(sqlite_text)
        )

    monkeypatch.setattr(holidays, "mark_complete", fail)
    code, _, err = run_cli(capsys, "--db", demo_db, "calendar", "complete", "2027")
    assert code == 1
    one_chinese_line(err)
    assert expected in err and "UPDATE" not in err


def test_an_unexpected_error_is_one_line_naming_only_its_type(
    demo_db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import petitiondesk.services.cases as cases

    def fail(*_args: object, **_kwargs: object) -> None:
        raise sqlalchemy.exc.IntegrityError(
            "INSERT INTO petitioner (name) VALUES (?)", (NAME,), Exception("UNIQUE")
        )

    monkeypatch.setattr(cases, "iter_cases", fail)
    code, _, err = run_cli(capsys, "--db", demo_db, "cases")
    assert code == 1
    one_chinese_line(err)
    assert "程序出现意外错误（错误类型：IntegrityError）" in err

    monkeypatch.setattr(cases, "iter_cases", lambda *a, **k: 1 / 0)
    code, _, err = run_cli(capsys, "--db", demo_db, "cases")
    assert code == 1 and "错误类型：ZeroDivisionError" in err


# --- argparse in Chinese -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["export", "register", "--year", "x", "--out", "a.xlsx"], "'x' 不是有效的整数"),
        (["export", "register", "--out", "a.xlsx"], "必须提供以下参数之一：--year --from"),
        (["cases", "--bogus"], "无法识别的参数：--bogus"),
        (["print", "slip", "--case", "1", "--out", "a.pdf"], "无效的选择：'slip'"),
        (["nonsense"], "无效的选择：'nonsense'"),
        (["calendar", "due", "someday", "3"], "日期格式应为 YYYY-MM-DD：someday"),
        (["calendar", "due", "2026-01-01"], "缺少必需的参数：days"),
        (["export", "register", "--year"], "需要提供一个值"),
    ],
)
def test_usage_errors_are_one_chinese_line(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(capsys, *argv)
    assert code == 2 and out == ""
    one_chinese_line(err)
    assert expected in err
    for english in ("usage:", "error:", "invalid", "required", "unrecognized", "argument"):
        assert english not in err


def test_help_is_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in ([], ["calendar"], ["calendar", "import"], ["export"]):
        code, out, _ = run_cli(capsys, *argv, "-h")
        assert code == 0
        assert out.startswith("用法：petitiondesk") and "显示本帮助并退出" in out
        for english in ("usage:", "options:", "positional arguments", "show this help"):
            assert english not in out


def test_translate_leaves_an_unknown_message_alone() -> None:
    from petitiondesk.cli.parser import translate

    assert translate("something new") == "something new"
    assert translate("argument --x: expected 2 arguments") == "参数 --x：需要提供 2 个值"


# --- output files ------------------------------------------------------------------------


def test_an_export_folder_that_cannot_be_created_prints_one_line(
    demo_db: str, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    out = blocker / "sub" / "ledger.xlsx"
    proc = run_module("--db", demo_db, "export", "register", "--year", "2026", "--out", str(out))
    assert proc.returncode == 1 and proc.stdout == ""
    one_chinese_line(proc.stderr)
    assert str(blocker / "sub") in proc.stderr


def test_the_ledger_writer_closes_its_sheet_when_the_target_fails(tmp_path: Path) -> None:
    """Without the CLI's check: the write-only sheet's generator is closed, so nothing
    ("Exception ignored in … _write_rows") is printed when it is collected."""
    import gc

    from petitiondesk.printing.ledger_xlsx import load_ledger_columns, write_ledger_xlsx

    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    columns = load_ledger_columns("register_ledger")
    with pytest.raises(NotADirectoryError):
        write_ledger_xlsx(blocker / "sub" / "x.xlsx", "台账", columns, iter([]))
    gc.collect()  # an unclosed generator would raise PytestUnraisableExceptionWarning here


@pytest.mark.parametrize(
    ("command", "name"),
    [
        (["export", "register", "--year", "2026", "--out"], "ledger.csv"),
        (["export", "register", "--year", "2026", "--out"], "ledger.docx"),
        (["print", "registration", "--case", "2026-00001", "--out"], "slip.xlsx"),
        (["calendar", "export", "2026", "--out"], "2026.xlsx"),
        (["roster", "export", "--from", "2026-10-01", "--to", "2026-10-31", "--out"], "r.csv"),
    ],
)
def test_an_output_with_the_wrong_extension_is_refused(
    command: list[str],
    name: str,
    demo_db: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / name
    code, _, err = run_cli(capsys, "--db", demo_db, *command, str(target))
    assert code == 1
    one_chinese_line(err)
    assert "结尾" in err and name in err
    assert not target.exists()


def test_an_output_naming_a_folder_names_the_folder(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "ledger.xlsx"
    folder.mkdir()
    code, _, err = run_cli(
        capsys, "--db", demo_db, "export", "register", "--year", "2026", "--out", str(folder)
    )
    assert code == 1
    one_chinese_line(err)
    assert str(folder) in err and "文件夹" in err and ".part" not in err
    assert list(folder.iterdir()) == []


def test_a_killed_exports_part_file_is_removed_by_the_next_export(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stale = tmp_path / ".~ledger.xlsx.999999999-abc123.part"  # no such process
    stale.write_bytes(b"PK half an export")
    out = tmp_path / "ledger.xlsx"
    code, _, err = run_cli(
        capsys, "--db", demo_db, "export", "register", "--year", "2026", "--out", str(out)
    )
    assert code == 0, err
    assert out.exists() and not stale.exists()
    assert sorted(p.name for p in tmp_path.glob(".~*")) == []
