"""``petitiondesk disputes --month YYYY-MM --out FILE``: 矛盾纠纷排查台账 as xlsx or PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.helpers import run_cli


def test_export_disputes_of_a_month(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(demo_path)  # the 200-visit demo as of 2026-11-20
    xlsx = tmp_path / "disputes.xlsx"
    code, _, err = run_cli(capsys, "--db", db, "disputes", "--month", "2026-11", "--out", str(xlsx))
    assert code == 0, err
    assert "2026年11月矛盾纠纷排查台账" in err
    sheet = load_workbook(xlsx).active
    assert sheet is not None and sheet.cell(4, 3).value == "城关镇新华社区"
    pdf = tmp_path / "disputes.pdf"
    code, _, err = run_cli(capsys, "--db", db, "disputes", "--month", "2026-11", "--out", str(pdf))
    assert code == 0, err
    assert "矛盾纠纷排查台账" in "".join(p.extract_text() for p in PdfReader(pdf).pages)


def test_a_bad_month_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "disputes", "--month", "11月", "--out", "a.xlsx")
    assert code == 2 and out == ""
    assert "月份格式应为 YYYY-MM" in err
