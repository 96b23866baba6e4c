"""``backup``, ``restore`` and ``check`` from the command line."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.helpers import run_cli


@pytest.fixture
def passphrase_file(tmp_path: Path) -> Path:
    path = tmp_path / "pass.txt"
    path.write_text("青山县口令\n", encoding="utf-8")
    return path


def _chinese_lines(err: str) -> list[str]:
    lines = err.strip().splitlines()
    assert lines and all(line.strip() for line in lines)
    return lines


def test_backup_and_restore_round_trip(
    demo_db: str, tmp_path: Path, passphrase_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listed = run_cli(capsys, "--db", demo_db, "cases")[1]
    out = tmp_path / "usb" / "demo.pdbk"
    code, _, err = run_cli(
        capsys, "--db", demo_db, "backup", "--out", str(out), "--encrypt",
        "--passphrase-file", str(passphrase_file),
    )  # fmt: skip
    assert code == 0 and "已加密" in err
    assert out.read_bytes()[:4] == b"PDBK"
    code, _, err = run_cli(
        capsys, "--db", demo_db, "restore", "--from", str(out),
        "--passphrase-file", str(passphrase_file),
    )  # fmt: skip
    assert code == 0, err
    assert "原文件已另存为" in err
    assert run_cli(capsys, "--db", demo_db, "cases")[1] == listed
    code, _, err = run_cli(capsys, "--db", demo_db, "check")
    assert code == 0 and "完整" in err


def test_restore_asks_for_the_passphrase_and_refuses_a_wrong_one(
    demo_db: str,
    tmp_path: Path,
    passphrase_file: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "demo.pdbk"
    args = ("backup", "--out", str(out), "--encrypt", "--passphrase-file", str(passphrase_file))
    assert run_cli(capsys, "--db", demo_db, *args)[0] == 0
    before = Path(demo_db).read_bytes()
    asked: list[str] = []

    def prompt(text: str) -> str:
        asked.append(text)
        return "不对的口令"

    monkeypatch.setattr("getpass.getpass", prompt)
    code, out_text, err = run_cli(capsys, "--db", demo_db, "restore", "--from", str(out))
    assert code == 1 and out_text == ""
    assert asked == ["请输入备份口令："]
    assert _chinese_lines(err) == ["错误：口令不正确，或备份文件已损坏，无法解密（未作任何修改）。"]
    assert Path(demo_db).read_bytes() == before


def test_backup_prompt_must_match(
    demo_db: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answers = iter(["甲口令", "乙口令"])
    monkeypatch.setattr("getpass.getpass", lambda _text: next(answers))
    out = tmp_path / "demo.pdbk"
    code, _, err = run_cli(capsys, "--db", demo_db, "backup", "--out", str(out), "--encrypt")
    assert code == 1 and "不一致" in err
    assert not out.exists()


def test_check_names_the_first_broken_row(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = run_cli(capsys, "--db", demo_db, "cases")[1].splitlines()[1].split("\t")[0]
    for form in ("registration", "registration"):
        args = ("print", form, "--case", case, "--out", str(tmp_path / "slip.pdf"))
        assert run_cli(capsys, "--db", demo_db, *args)[0] == 0
    conn = sqlite3.connect(demo_db)
    conn.executescript(
        "DROP TRIGGER audit_log_no_update;UPDATE audit_log SET summary = '改过' WHERE id = 2;"
    )
    conn.close()
    code, out, err = run_cli(capsys, "--db", demo_db, "check")
    assert code == 1 and out == ""
    lines = _chinese_lines(err)
    assert lines[0].startswith("错误：审计记录链在第 2 条处断开")
    assert "print_registration_slip" in lines[0]
    assert "备份" in lines[-1]
