"""``petitiondesk export register`` (and the registration slip it is checked against)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.helpers import run_cli


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
    assert number in text and "登记单" in text  # 来访 / 来信 / 来电 / 网上信访登记单

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
