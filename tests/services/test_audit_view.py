"""The 审计日志 screen's service: administrators only, filters, newest first, pages, the
chain state of each row, readable before/after, and exports whose outside copy holds no
full ID number or phone (read back)."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from petitiondesk.core.identity import Role
from petitiondesk.services import audit_view
from petitiondesk.services.audit_export import export_audit_log
from petitiondesk.services.audit_view import AuditFilter, field_changes, masked_entry
from petitiondesk.services.intake import register_visit
from petitiondesk.services.petitioners import PetitionerInput, update_petitioner
from petitiondesk.store.db import Database
from petitiondesk.store.models import Petitioner
from tests.helpers import GOOD_ID, actor, visit_input

ADMIN = actor("钱管理", Role.ADMIN)
NEW_PHONE = "13637103118"


def _register(db: Database, count: int = 1, clerk: str = "赵丽") -> list[str]:
    numbers = []
    for index in range(count):
        data = visit_input(people_count=1, place="城关镇", demands=f"答复{index}", duty_leader_id=1)
        made = register_visit(db, data, actor=actor(clerk))
        assert made.ok, made.message
        numbers.append(made.unwrap().register_no)
    return numbers


def _petitioner_id(db: Database) -> int:
    with db.read() as session:
        return int(session.scalars(select(Petitioner.id).limit(1)).one())


def _change_phone(db: Database) -> None:
    data = PetitionerInput(name="王秀英", id_number=GOOD_ID, phone=NEW_PHONE, address="城关镇")
    assert update_petitioner(db, _petitioner_id(db), data, actor("孙红")).ok


def test_a_clerk_and_a_leader_are_refused(db: Database) -> None:
    _register(db)
    for role in (Role.CLERK, Role.LEADER):
        refused = audit_view.search(db, actor("赵丽", role))
        assert not refused.ok
        assert "无权" in refused.message and "审计日志" in refused.message
    assert not audit_view.search(db, "局长").ok  # type: ignore[arg-type]  # a forged actor
    assert not audit_view.choices(db, actor()).ok


def test_newest_first_with_labels_and_case_numbers(db: Database) -> None:
    numbers = _register(db, 2)
    page = audit_view.search(db, ADMIN).unwrap()
    visits = [e for e in page.entries if e.action == "register_visit"]
    assert [e.register_no for e in visits] == list(reversed(numbers))
    ids = [e.id for e in page.entries]
    assert ids == sorted(ids, reverse=True)
    assert visits[0].action_text == "登记来信来访"
    assert visits[0].entity_text.startswith("信访事项")
    assert all(e.chain == audit_view.CHAIN_OK for e in page.entries)


def test_filters_by_person_case_action_and_day(db: Database) -> None:
    first, second = _register(db, 2)
    _register(db, 1, clerk="周强")
    by_person = audit_view.search(db, ADMIN, AuditFilter(actor="周")).unwrap()
    assert by_person.total >= 1 and {e.actor for e in by_person.entries} == {"周强"}
    by_case = audit_view.search(db, ADMIN, AuditFilter(register_no=second)).unwrap()
    assert by_case.total >= 1 and {e.register_no for e in by_case.entries} == {second}
    by_action = audit_view.search(db, ADMIN, AuditFilter(action="register_visit")).unwrap()
    assert by_action.total == 3
    today = date.today()
    assert audit_view.search(db, ADMIN, AuditFilter(day_from=today)).unwrap().total >= 3
    tomorrow = AuditFilter(day_from=today + timedelta(days=1))
    assert audit_view.search(db, ADMIN, tomorrow).unwrap().total == 0
    missing = audit_view.search(db, ADMIN, AuditFilter(register_no="1999-99999"))
    assert missing.ok and missing.unwrap().total == 0 and "没有登记号" in missing.message
    reversed_days = AuditFilter(day_from=today, day_to=today - timedelta(days=1))
    assert not audit_view.search(db, ADMIN, reversed_days).ok
    choices = audit_view.choices(db, ADMIN).unwrap()
    assert {"赵丽", "周强"} <= set(choices.actors)
    assert ("register_visit", "登记来信来访") in choices.actions
    assert first


def test_paging(db: Database) -> None:
    _register(db, 5)
    first = audit_view.search(db, ADMIN, limit=3).unwrap()
    assert len(first.entries) == 3 and first.has_more
    rest = audit_view.search(db, ADMIN, offset=3, limit=100).unwrap()
    assert not rest.has_more
    assert {e.id for e in first.entries}.isdisjoint({e.id for e in rest.entries})
    assert len(first.entries) + len(rest.entries) == first.total


@pytest.mark.sqlite_only  # tampers with the file behind the program's back
def test_chain_state_of_an_edited_and_a_removed_row(db: Database) -> None:
    _register(db, 4)
    conn = sqlite3.connect(db.path or "")
    conn.executescript(
        "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"
        "UPDATE audit_log SET actor = '局长' WHERE id = 2; DELETE FROM audit_log WHERE id = 3;"
    )
    conn.close()
    states = {e.id: e.chain for e in audit_view.search(db, ADMIN).unwrap().entries}
    assert states[2] == audit_view.CHAIN_CHANGED
    assert states[4] == audit_view.CHAIN_GAP
    assert states[1] == audit_view.CHAIN_OK


def test_before_and_after_are_readable(db: Database) -> None:
    _register(db)
    _change_phone(db)
    entry = audit_view.search(db, ADMIN, AuditFilter(action="update_petitioner")).unwrap()
    changes = field_changes(entry.entries[0])
    phone = next(c for c in changes if c.key == "phone")
    assert phone.label == "联系电话" and phone.changed and phone.after == NEW_PHONE
    assert changes[0].changed  # changed fields first
    masked = field_changes(masked_entry(entry.entries[0]))
    assert next(c for c in masked if c.key == "phone").after == "136****3118"


@pytest.mark.parametrize("suffix", [".xlsx", ".pdf"])
def test_outside_export_holds_no_full_id_or_phone(
    db: Database, tmp_path: Path, suffix: str
) -> None:
    _register(db, 2)
    _change_phone(db)
    inside = tmp_path / f"inside{suffix}"
    outside = tmp_path / f"outside{suffix}"
    assert export_audit_log(db, ADMIN, AuditFilter(), inside, outside=False).ok
    made = export_audit_log(db, ADMIN, AuditFilter(), outside, outside=True)
    assert made.ok, made.message
    inside_text, outside_text = _text_of(inside), _text_of(outside)
    assert GOOD_ID in inside_text and NEW_PHONE in inside_text
    for secret in (GOOD_ID, NEW_PHONE, "13912345678"):
        assert secret not in outside_text
    assert "136****3118" in outside_text
    rows = audit_view.search(db, ADMIN, AuditFilter(action="export_audit_log")).unwrap()
    assert [e.summary.endswith("（对外提供）") for e in rows.entries] == [True, False]


def test_export_refused_for_a_clerk(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "audit.xlsx"
    assert not export_audit_log(db, actor(), AuditFilter(), out, outside=True).ok
    assert not out.exists()


def _text_of(path: Path) -> str:
    if path.suffix == ".pdf":
        reader = PdfReader(path)
        return "".join(page.extract_text() for page in reader.pages).replace("\n", "")
    book = load_workbook(path, read_only=True)
    try:
        return "\n".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    finally:
        book.close()
