"""``petitiondesk archive`` and ``petitiondesk archive verify``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_cli
from tests.services.archive.setup import YEAR, demo_database


def test_archive_and_verify(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, attachments = demo_database(tmp_path)
    path = str(db.path)
    db.close()
    out = tmp_path / "out"
    code, _, err = run_cli(capsys, "--db", path, "archive", "--year", str(YEAR), "--out", str(out))
    assert code == 1 and "未办结" in err and not out.exists()

    code, _, err = run_cli(
        capsys, "--db", path, "archive", "--year", str(YEAR), "--out", str(out),
        "--include-open", "--attachments-dir", str(attachments),
    )  # fmt: skip
    assert code == 0, err
    assert f"已归档 {YEAR} 年度 9 件" in err and "自检全部通过" in err

    code, _, err = run_cli(capsys, "archive", "verify", str(out / str(YEAR)))
    assert code == 0 and "核对通过" in err

    catalogue = out / str(YEAR) / "归档文件目录.xlsx"
    catalogue.write_bytes(catalogue.read_bytes() + b"\0")
    code, _, err = run_cli(capsys, "archive", "verify", str(out / str(YEAR)))
    assert code == 1 and "归档文件目录.xlsx 与文件清单中的哈希值不符" in err


def test_archive_needs_year_and_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, _ = demo_database(tmp_path)
    path = str(db.path)
    db.close()
    code, _, err = run_cli(capsys, "--db", path, "archive", "--year", str(YEAR))
    assert code == 1 and "--out" in err
