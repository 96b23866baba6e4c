"""Issue 9 on the command line: which commands may create a database file, which may
write to it, and that refusing leaves it untouched."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from petitiondesk.store import db as store_db
from petitiondesk.store.db import Database
from petitiondesk.store.models import AuditLog, ConversationRecord, Petition
from tests.helpers import run_cli

Q4 = ("--from", "2026-10-01", "--to", "2026-12-31")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def office(demo_db: str, capsys: pytest.CaptureFixture[str]) -> Path:
    """The demo database with a quarter's roster generated."""
    code, _, err = run_cli(capsys, "--db", demo_db, "roster", "generate", *Q4)
    assert code == 0, err
    return Path(demo_db)


def some_cases(path: Path) -> tuple[str, str]:
    """A case number, and the number of a case with a conversation record."""
    db = Database.open(path)
    with db.read() as session:
        first = session.scalars(select(Petition.register_no).order_by(Petition.id)).first()
        talk = session.scalars(select(ConversationRecord.petition_id)).first()
        talked = session.get(Petition, talk)
        assert first is not None and talked is not None
        numbers = first, talked.register_no
    db.close()
    return numbers


def read_only_commands(path: Path, out: Path) -> list[list[str]]:
    case, talked = some_cases(path)
    return [
        ["cases"],
        ["cases", "--year", "2026"],
        ["calendar", "holidays", "2026"],
        ["calendar", "due", "2026-11-20", "15"],
        ["roster", "export", *Q4, "--out", str(out / "roster.pdf")],
        ["roster", "export", *Q4, "--out", str(out / "roster.xlsx")],
        ["calendar", "export", "2026", "--out", str(out / "2026.csv")],
        ["check"],
    ]


def audited_commands(path: Path, out: Path) -> list[list[str]]:
    """Commands that print or export personal data: each leaves one audit row."""
    case, talked = some_cases(path)
    return [
        ["print", "registration", "--case", case, "--out", str(out / "slip.pdf")],
        ["print", "conversation-record", "--case", talked, "--out", str(out / "talk.pdf")],
        ["export", "register", "--year", "2026", "--out", str(out / "ledger.xlsx")],
    ]


# --- a missing file is created only by init, demo and the default database -----------


@pytest.mark.parametrize(
    "command",
    [
        ["cases"],
        ["calendar", "due", "2026-11-20", "15"],
        ["calendar", "complete", "2027"],
        ["roster", "generate", *Q4],
        ["print", "registration", "--case", "2026-00001", "--out", "{tmp}/x.pdf"],
        ["export", "register", "--year", "2026", "--out", "{tmp}/x.xlsx"],
    ],
)
def test_a_mistyped_db_is_refused_and_not_created(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "petitiondsk.sqlite"
    argv = [word.format(tmp=tmp_path) for word in command]
    code, out, err = run_cli(capsys, "--db", str(typo), *argv)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and str(typo) in err and "找不到数据库文件" in err
    assert not typo.exists()
    assert list(tmp_path.iterdir()) == []


def test_init_creates_a_database_the_other_commands_then_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "new" / "office.sqlite"
    code, _, err = run_cli(capsys, "--db", str(path), "init")
    assert code == 0 and str(path) in err
    assert path.exists()
    assert run_cli(capsys, "--db", str(path), "cases")[:2] == (
        0,
        "register_no\treceived_date\tchannel\tcategory\tstatus\n",
    )
    before = digest(path)
    assert run_cli(capsys, "--db", str(path), "init")[0] == 0  # again: nothing to do
    assert digest(path) == before


def test_the_default_database_is_created_on_first_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import petitiondesk.cli as cli

    default = tmp_path / "data" / "petitiondesk.sqlite"
    monkeypatch.setattr(cli, "default_database_path", lambda: default)
    assert run_cli(capsys, "calendar", "complete", "2027")[0] == 0
    assert default.exists()


def test_a_second_demo_into_a_filled_database_is_refused(
    demo_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = digest(Path(demo_db))
    code, out, err = run_cli(capsys, "--db", demo_db, "demo", "--visits", "5")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "已有登记" in err and "空数据库" in err
    assert digest(Path(demo_db)) == before


# --- read-only commands write nothing ----------------------------------------------------


def test_read_only_commands_leave_the_file_byte_identical(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    commands = read_only_commands(office, out)
    before = digest(office)
    for command in commands:
        code, _, err = run_cli(capsys, "--db", str(office), *command)
        assert code == 0, (command, err)
        assert digest(office) == before, command
    assert len(list(out.iterdir())) == 3


def test_prints_and_exports_of_personal_data_are_audited(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    for command in audited_commands(office, out):
        with sqlite3.connect(office) as conn:
            before = conn.execute("SELECT max(id) FROM audit_log").fetchone()[0] or 0
        conn.close()
        code, _, err = run_cli(capsys, "--db", str(office), *command)
        assert code == 0, (command, err)
        with sqlite3.connect(office) as conn:
            rows = conn.execute(
                "SELECT actor, action, summary, after FROM audit_log WHERE id > ?", (before,)
            ).fetchall()
        conn.close()
        assert len(rows) == 1, command
        actor, action, summary, after = rows[0]
        assert actor.startswith("命令行:") and action.startswith(("print_", "export_"))
        assert command[-1] in after  # the file it went to
        if command[0] == "print":
            assert command[3] in summary  # which case
    assert len(list(out.iterdir())) == 3


@pytest.fixture
def write_locked(office: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Another desk holds the write lock (``BEGIN IMMEDIATE``) while the test runs."""
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_S", 0.3)
    other = sqlite3.connect(office, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield office
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_read_only_commands_work_while_another_desk_writes(
    write_locked: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for command in read_only_commands(write_locked, tmp_path / "out"):
        code, _, err = run_cli(capsys, "--db", str(write_locked), *command)
        assert code == 0, (command, err)


def test_printing_an_acceptance_notice_is_recorded(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = Database.open(demo_db)
    with db.read() as session:
        number = session.scalars(
            select(Petition.register_no).where(Petition.acceptance.is_not(None))
        ).first()
        audits = session.scalar(select(func.count(AuditLog.id)))
    assert number is not None
    pdf = tmp_path / "notice.pdf"
    code, _, err = run_cli(
        capsys, "--db", demo_db, "print", "acceptance-notice", "--case", number, "--out", str(pdf)
    )
    assert code == 0, err
    with db.read() as session:
        assert session.scalar(select(func.count(AuditLog.id))) == (audits or 0) + 1
        last = session.scalars(select(AuditLog).order_by(AuditLog.id.desc())).first()
        assert last is not None and last.actor.startswith("命令行:")
    db.close()


def test_read_only_commands_cope_without_office_settings(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A read-only open never writes the defaults, so the printouts must do without them
    (a database set up by hand, or by an older version, may lack the settings row)."""
    with sqlite3.connect(office) as conn:
        conn.execute("DELETE FROM office_settings")
    conn.close()
    for command in read_only_commands(office, tmp_path / "out"):
        code, _, err = run_cli(capsys, "--db", str(office), *command)
        assert code == 0, (command, err)
