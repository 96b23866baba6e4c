"""Issue 9: a booking is linked to the visitor's petition by its register number (登记号),
so a confidential (检举控告) petition reaches the 四卡: the responsible unit's card
withholds the visitor's identity, the leader's card and the office stub keep it."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from petitiondesk.services.appointments import (
    BookingInput,
    WalkInInput,
    book_appointment,
    find_petition,
    recent_petitions,
    register_walk_in,
)
from petitiondesk.services.intake import register_visit
from petitiondesk.services.printouts import print_cards
from petitiondesk.store.db import Database
from petitiondesk.store.models import Appointment
from tests.helpers import GOOD_ID, actor, visit_input
from tests.services.printouts.roster_setup import (
    LABOUR,
    NOW,
    REPORTER_PHONE,
    TODAY,
    URBAN,
    cards_text,
    register_report,
    set_up_office,
    slot,
)

SECRET_PHONE = REPORTER_PHONE


@pytest.fixture
def office(db: Database) -> Database:
    """The roster office, with 孙桂兰's confidential report (2026-00001) and 王秀英's
    ordinary petition (2026-00002) registered at intake."""
    set_up_office(db)
    register_report(db)
    register_visit(
        db,
        visit_input(
            name="王秀英",
            id_number="110105198001010024",
            phone="13803710123",
            received_at=datetime(2026, 10, 8, 10, 0),
            category_id=URBAN,
        ),
        actor=actor("赵丽"),
        now=NOW,
    ).unwrap()
    return db


def _book(db: Database, **changes: object) -> BookingInput:
    data = BookingInput(entry_id=slot(db, date(2026, 10, 19)), visitor_name="", category_id=None)
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def test_booking_by_register_number_redacts_the_unit_card(office: Database, tmp_path: Path) -> None:
    result = book_appointment(
        office,
        _book(office, petition_register_no="2026-00001"),
        actor=actor("赵敏"),
        today=TODAY,
        now=NOW,
    )
    assert result.ok, result.errors
    assert result.value is not None
    appointment_id = result.value.appointment_id
    with office.read() as session:
        row = session.get(Appointment, appointment_id)
        assert row is not None
        assert row.petition_id is not None and row.petition_id == 1
        assert row.visitor_name == "孙桂兰"  # filled from the petition
        assert row.phone == SECRET_PHONE
        assert row.category_id == LABOUR
        assert row.petitioner_id is not None

    out = tmp_path / "四卡.pdf"
    print_cards(office, appointment_id, out, actor=actor()).unwrap()
    cards = cards_text(out)
    assert "（保密）" in cards["unit"]
    for secret in ("孙桂兰", SECRET_PHONE, GOOD_ID):
        assert secret not in cards["unit"]
    assert "孙桂兰" in cards["stub"] and GOOD_ID in cards["stub"]
    assert "孙桂兰" in cards["leader"]


def test_full_width_number_and_the_same_name_are_accepted(office: Database) -> None:
    data = _book(office, petition_register_no="２０２６－０００01", visitor_name=" 孙桂兰 ")
    result = book_appointment(office, data, actor=actor("赵敏"), today=TODAY, now=NOW)
    assert result.ok, result.errors


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"petition_register_no": "2026-00099"}, "找不到登记号 2026-00099"),
        ({"petition_register_no": "26-1"}, "登记号格式应为"),
        (
            {"petition_register_no": "2026-00001", "visitor_name": "王秀英"},
            "登记号2026-00001的来访人是孙桂兰",
        ),
        ({"petition_register_no": "2026-00001", "petitioner_id": 2}, "不是所选来访人"),
    ],
)
def test_a_wrong_register_number_is_refused_under_its_field(
    office: Database, changes: dict[str, object], message: str
) -> None:
    base = {"visitor_name": "王秀英", "category_id": LABOUR}
    result = book_appointment(
        office, _book(office, **{**base, **changes}), actor=actor("赵敏"), today=TODAY, now=NOW
    )
    assert not result.ok
    assert message in result.errors["petition_register_no"]
    with office.read() as session:
        assert session.query(Appointment).count() == 0


def test_a_walk_in_is_linked_too(office: Database, tmp_path: Path) -> None:
    walk_in = register_walk_in(
        office,
        WalkInInput(
            entry_id=slot(office, date(2026, 10, 19)),
            visitor_name="",
            petition_register_no="2026-00001",
        ),
        actor=actor("赵敏"),
        now=NOW,
    ).unwrap()
    out = tmp_path / "四卡.pdf"
    print_cards(office, walk_in.appointment_id, out, actor=actor()).unwrap()
    assert "孙桂兰" not in cards_text(out)["unit"]


def test_lookup_and_recent_petitions(office: Database) -> None:
    found = find_petition(office, "2026-00001").unwrap()
    assert (found.name, found.category, found.confidential) == ("孙桂兰", "劳动社保", True)
    assert "保密" in found.label and "2026-00001" in found.label
    missing = find_petition(office, "2026-00077")
    assert not missing.ok and "找不到登记号" in missing.errors["petition_register_no"]
    assert not find_petition(office, "\ud800").ok

    recent = recent_petitions(office, name="王秀英")
    assert [p.register_no for p in recent] == ["2026-00002"]
    assert recent_petitions(office, name="") == []
    assert recent_petitions(office, petitioner_id=recent[0].petitioner_id)[0].name == "王秀英"
