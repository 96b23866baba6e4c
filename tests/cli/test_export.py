"""``petitiondesk export register`` (and the registration slip it is checked against);
``--outside`` masks ID numbers and phones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from petitiondesk.core.masking import mask_id, mask_phone
from petitiondesk.services.cases import iter_cases
from petitiondesk.store.db import Database
from petitiondesk.store.models import AuditLog
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


def _cells(path: Path) -> set[str]:
    book = load_workbook(path, read_only=True)
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        return {str(c) for row in rows for c in row if c}
    finally:
        book.close()


def test_export_register_outside_masks_ids_and_phones(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run_cli(capsys, "--db", demo_db, "cases")
    year = int(out.splitlines()[1].split("\t")[0][:4])
    db = Database.open(demo_db)
    try:
        rows = list(iter_cases(db, year=year))
    finally:
        db.close()
    ids = {r.id_number for r in rows if r.id_number}
    phones = {r.phone for r in rows if r.phone}
    assert ids and phones

    uses = {}
    for flag in ("--outside", None):
        xlsx = tmp_path / f"ledger{flag or ''}.xlsx"
        argv = ["--db", demo_db, "export", "register", "--year", str(year), "--out", str(xlsx)]
        code, _, err = run_cli(capsys, *argv, *([flag] if flag else []))
        assert code == 0, err
        uses[flag] = _cells(xlsx)
    outside, internal = "\n".join(uses["--outside"]), uses[None]
    assert not any(number in outside for number in ids | phones)
    assert ids <= internal and phones <= internal
    assert {mask_id(i) for i in ids} <= uses["--outside"]
    assert {mask_phone(p) for p in phones} <= uses["--outside"]

    db = Database.open(demo_db)
    try:
        with db.read() as session:
            audit = session.scalars(
                select(AuditLog.after).where(AuditLog.entity == "export").order_by(AuditLog.id)
            ).all()
    finally:
        db.close()
    assert [json.loads(a)["use"] for a in audit] == ["对外", "内部"]
