"""services.printouts.cards: the 四卡 of a booking from the database, read back."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from petitiondesk.core.enums import Channel, Sex
from petitiondesk.services.appointments import (
    WalkInInput,
    cancel_appointment,
    register_walk_in,
)
from petitiondesk.services.printouts import (
    booking_no_of,
    card_values,
    print_cards,
    responsible_units,
)
from petitiondesk.store.db import Database
from petitiondesk.store.models import (
    Appointment,
    Petition,
    Petitioner,
)
from tests.helpers import actor
from tests.services.printouts.roster_setup import (
    CARD_TITLES,
    LABOUR,
    book,
    cards_text,
    set_up_office,
    slot,
)


@pytest.fixture
def office(db: Database) -> Database:
    """青山县信访局 with two leaders, Monday receptions and the Q4 2026 roster."""
    return set_up_office(db)


# --- the four cards ----------------------------------------------------------------------------


def test_cards_carry_visitor_leader_and_the_four_titles(office: Database, tmp_path: Path) -> None:
    unit = responsible_units(office)[0]
    assert unit.label == "青山县人力资源和社会保障局"
    appointment = book(office, slot(office, date(2026, 10, 19)), responsible_department_id=unit.id)
    out = tmp_path / "四卡.pdf"
    result = print_cards(office, appointment, out, actor=actor())
    assert result.ok, result.errors
    number = booking_no_of(office, appointment)
    assert number == f"YY20261019-{appointment:04d}"
    assert number in result.message

    cards = cards_text(out)
    assert set(cards) == set(CARD_TITLES)
    for text in cards.values():
        assert number in text
    for card in ("visitor", "unit", "leader", "stub"):
        assert "王秀英" in cards[card]
        assert "李红梅" in cards[card]  # the leader on duty on 10-19
    assert "2026年10月19日星期一08:30—12:00" in cards["visitor"]
    assert "预约1号" in cards["visitor"]
    assert "0371-62345678" in cards["visitor"]  # the office's phone
    assert "青山县人力资源和社会保障局" in cards["unit"]
    assert "未补缴养老保险费" in cards["leader"]
    assert "经办人：赵敏" in cards["leader"]
    assert "2026年10月9日10:25" in cards["stub"]


def test_confidential_petition_hides_the_visitor_from_the_unit(
    office: Database, tmp_path: Path
) -> None:
    with office.write() as session:
        person = Petitioner(
            name="孙桂兰", sex=Sex.FEMALE, id_number="11010519491231002X", phone="13912345678"
        )
        session.add(person)
        session.flush()
        petition = Petition(
            register_no="2026-00031",
            year=2026,
            seq=31,
            channel=Channel.VISIT,
            received_at=datetime(2026, 10, 8, 9, 30),
            petitioner_id=person.id,
            category_id=LABOUR,
            summary="检举某单位负责人挪用职工养老保险费。",
            demands="请求依法查处。",
            confidential=True,
            accused="某单位负责人",
        )
        session.add(petition)
        session.flush()
        petition_id, person_id = petition.id, person.id
    appointment = book(
        office,
        slot(office, date(2026, 10, 19)),
        visitor_name="孙桂兰",
        phone="13912345678",
        petitioner_id=person_id,
        summary="",
    )
    with office.write() as session:
        row = session.get(Appointment, appointment)
        assert row is not None
        row.petition_id = petition_id

    values = card_values(office, appointment).unwrap()
    assert values["confidential"] == "1"
    assert values["summary"] == "检举某单位负责人挪用职工养老保险费。"  # from the petition
    assert values["demands"] == "请求依法查处。"
    out = tmp_path / "四卡.pdf"
    assert print_cards(office, appointment, out, actor=actor()).ok
    cards = cards_text(out)
    unit = cards["unit"]
    assert "（保密）" in unit
    for secret in ("孙桂兰", "13912345678"):
        assert secret not in unit
    for card in ("leader", "stub"):
        assert "孙桂兰" in cards[card]
    assert "女" in cards["leader"]
    assert "11010519491231002X" in cards["stub"]


def test_not_confidential_without_a_confidential_petition(office: Database) -> None:
    appointment = book(office, slot(office, date(2026, 10, 19)))
    values = card_values(office, appointment).unwrap()
    assert values["confidential"] == ""
    assert values["visitor_sex"] == "" and values["visitor_id_number"] == ""
    assert values["responsible_unit"] == ""


def test_walk_in_cards_and_refusals(office: Database, tmp_path: Path) -> None:
    walk_in = register_walk_in(
        office,
        WalkInInput(entry_id=slot(office, date(2026, 10, 19)), visitor_name="赵德明"),
        actor=actor("赵敏"),
    ).unwrap()
    values = card_values(office, walk_in.appointment_id).unwrap()
    assert values["queue_no"] == "现场1号"
    assert values["booking_no"].startswith("XC20261019-")

    appointment = book(office, slot(office, date(2026, 10, 19)))
    assert cancel_appointment(office, appointment, actor=actor("赵敏")).ok
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "cards.pdf"
    cancelled = print_cards(office, appointment, out, actor=actor())
    assert not cancelled.ok and "已经取消" in cancelled.message
    missing = print_cards(office, 9999, out, actor=actor())
    assert not missing.ok and missing.message == "该预约不存在"
    assert booking_no_of(office, 9999) is None
    assert list(folder.iterdir()) == []


def _petition_of(office: Database, sex: Sex) -> tuple[int, int]:
    with office.write() as session:
        person = Petitioner(name="孙桂兰", sex=sex, id_number="11010519491231002X")
        session.add(person)
        session.flush()
        petition = Petition(
            register_no="2026-00032", year=2026, seq=32, channel=Channel.VISIT,
            received_at=datetime(2026, 10, 8, 9, 30), petitioner_id=person.id,
            category_id=LABOUR, summary="反映养老保险费未补缴。",
        )  # fmt: skip
        session.add(petition)
        session.flush()
        return petition.id, person.id


def test_report_card_sex_from_the_linked_petition(office: Database, tmp_path: Path) -> None:
    petition_id, _ = _petition_of(office, Sex.FEMALE)
    appointment = book(office, slot(office, date(2026, 10, 19)), visitor_name="孙桂兰")
    with office.write() as session:
        row = session.get(Appointment, appointment)
        assert row is not None
        row.petition_id, row.petitioner_id = petition_id, None
    assert card_values(office, appointment).unwrap()["visitor_sex"] == "女"
    out = tmp_path / "四卡.pdf"
    print_cards(office, appointment, out, actor=actor()).unwrap()
    assert "性别女" in cards_text(out)["leader"].replace(" ", "")


def test_report_card_sex_from_the_id_number(office: Database) -> None:
    _, person_id = _petition_of(office, Sex.UNKNOWN)
    appointment = book(
        office, slot(office, date(2026, 10, 19)), visitor_name="孙桂兰", petitioner_id=person_id
    )
    assert card_values(office, appointment).unwrap()["visitor_sex"] == "女"
