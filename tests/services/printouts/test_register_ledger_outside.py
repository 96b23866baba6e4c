"""An export of the 来信来访登记台账 for outside use masks ID numbers and phones; the
office's own copy keeps them; the audit row records which (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from petitiondesk.core.enums import Channel
from petitiondesk.core.masking import mask_id, mask_phone
from petitiondesk.services.printouts import export_register
from petitiondesk.store.db import Database
from petitiondesk.store.models import AuditLog
from tests.helpers import actor
from tests.services.printouts.case_setup import register, set_up_office

ID_NUMBER = "410122197206113513"
MOBILE = "13637103118"
LANDLINE = "0371-63981234"


def cells(path: Path) -> list[str]:
    book = load_workbook(path, read_only=True)
    try:
        sheet = book.worksheets[0]
        return [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c]
    finally:
        book.close()


def last_export(db: Database) -> AuditLog:
    with db.read() as session:
        row = session.scalars(
            select(AuditLog).where(AuditLog.entity == "export").order_by(AuditLog.id.desc())
        ).first()
        assert row is not None
        session.expunge(row)
        return row


@pytest.fixture
def office(db: Database) -> Database:
    set_up_office(db)
    register(db, id_number=ID_NUMBER, phone=MOBILE)
    register(db, id_number="", phone=LANDLINE, name="李建华", channel=Channel.PHONE)
    return db


@pytest.mark.parametrize("outside", [True, False])
def test_outside_export_masks_id_and_phone(office: Database, tmp_path: Path, outside: bool) -> None:
    out = tmp_path / "ledger.xlsx"
    result = export_register(office, 2026, out, actor=actor("赵丽"), outside=outside)
    assert result.unwrap() == 2
    values = cells(out)
    text = "\n".join(values)
    full = (ID_NUMBER, MOBILE, LANDLINE, "63981234")
    masked = (mask_id(ID_NUMBER), mask_phone(MOBILE), mask_phone(LANDLINE))
    if outside:
        assert not any(number in text for number in full), text
        assert all(m in values for m in masked)
    else:
        assert all(number in values for number in full[:3])
        assert not any(m in values for m in masked)

    audit = last_export(office)
    after = json.loads(audit.after)
    assert audit.action == "export_register_ledger" and audit.actor == "赵丽"
    assert after["use"] == ("对外" if outside else "内部") and after["count"] == 2
    assert ("对外提供" if outside else "内部使用") in audit.summary
