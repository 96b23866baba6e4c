"""Issue 9: whatever the clerk types into registration, acceptance or the conversation
record, the service answers with a Result (field messages on failure), never an exception.

Roster and booking inputs are being rebuilt elsewhere and are fuzzed there.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from petitiondesk.core.enums import AcceptanceDecision, Channel, RejectionReason, Sex
from petitiondesk.services.acceptance import AcceptanceInput, correct_acceptance, decide_acceptance
from petitiondesk.services.conversations import ConversationInput, save_conversation_record
from petitiondesk.services.intake import RepresentativeInput, VisitInput, register_visit
from petitiondesk.services.petitioners import PetitionerInput, lookup_petitioners, update_petitioner
from petitiondesk.services.result import Result
from petitiondesk.store.db import Database
from tests.helpers import GOOD_ID, actor, visit_input

NOW = datetime(2026, 11, 20, 16, 0)
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text as a clerk, a paste from elsewhere or a broken input method may deliver it:
# lone surrogates, control and bidi characters, huge pastes, ID-like digit runs.
ANY_CHAR = st.characters(codec=None, categories=None)
TEXT = st.one_of(
    st.text(max_size=30),
    st.text(ANY_CHAR, max_size=30),
    st.sampled_from(
        [
            "",
            "\ud800",
            "王\udfff秀英",
            "\u202egpj.exe",
            "\x00\x07",
            "9" * 25,
            GOOD_ID,
            "长" * 5000,
            "=1+1",
            " ",
        ]
    ),
)
ROW_ID = st.one_of(
    st.none(),
    st.integers(-3, 5),
    st.integers(2**63 - 2, 2**70),
    st.integers(max_value=-(2**63)),
)
WHEN = st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31))
DAY = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
COUNT = st.one_of(st.integers(-5, 20), st.integers(2**63 - 2, 2**70))
REGISTER_NO = st.one_of(TEXT, st.sampled_from(["2026-00001", "０２６-00001", "9999-99999"]))


def _assert_plain_result(result: Result[Any]) -> None:
    assert isinstance(result, Result)
    if not result.ok:
        assert result.errors and all(isinstance(v, str) and v for v in result.errors.values())
        assert result.message


@pytest.fixture
def office(db: Database) -> Iterator[Database]:
    register_visit(db, visit_input(), actor=actor("t"), now=NOW).unwrap()  # 2026-00001
    yield db


# The petitioner's own details, shared by registration and the petitioner edit.
PERSON = {
    "name": TEXT,
    "sex": st.one_of(st.none(), st.sampled_from(Sex)),
    "id_number": TEXT,
    "phone": TEXT,
    "address": TEXT,
    "work_unit": TEXT,
}

visits = st.builds(
    VisitInput,
    channel=st.sampled_from(Channel),
    received_at=WHEN,
    **PERSON,
    people_count=COUNT,
    category_id=ROW_ID,
    place=TEXT,
    summary=TEXT,
    demands=TEXT,
    receiving_officer=TEXT,
    duty_leader_id=ROW_ID,
    handling_opinion=TEXT,
    letter_date=st.one_of(st.none(), DAY),
    postmark=TEXT,
    representatives=st.lists(
        st.builds(RepresentativeInput, name=TEXT, id_number=TEXT, phone=TEXT), max_size=3
    ),
    skipped_level=st.booleans(),
    anonymous=st.booleans(),
    urgent=st.booleans(),
    confidential=st.booleans(),
    accused=TEXT,
    petitioner_id=ROW_ID,
)


@FUZZ
@given(data=visits)
def test_registration_never_raises(office: Database, data: VisitInput) -> None:
    _assert_plain_result(register_visit(office, data, actor=actor("fuzz"), now=NOW))


@FUZZ
@given(
    field=st.sampled_from(
        ["name", "id_number", "phone", "address", "summary", "demands", "handling_opinion"]
    ),
    value=TEXT,
    received_at=WHEN,
    ids=ROW_ID,
)
def test_one_bad_field_on_a_good_registration_never_raises(
    office: Database, field: str, value: str, received_at: datetime, ids: int | None
) -> None:
    data = visit_input(received_at=received_at, duty_leader_id=ids)
    setattr(data, field, value)
    _assert_plain_result(register_visit(office, data, actor=actor("fuzz"), now=NOW))


acceptances = st.builds(
    AcceptanceInput,
    decision=st.sampled_from(AcceptanceDecision),
    decided_on=DAY,
    reason=st.one_of(st.none(), st.sampled_from(RejectionReason)),
    redirect_body=TEXT,
    note=TEXT,
    case_leader_id=ROW_ID,
)


@FUZZ
@given(register_no=REGISTER_NO, data=acceptances, reason=TEXT, today=DAY)
def test_acceptance_never_raises(
    office: Database, register_no: str, data: AcceptanceInput, reason: str, today: date
) -> None:
    _assert_plain_result(
        decide_acceptance(office, register_no, data, actor=actor("f"), today=today)
    )
    _assert_plain_result(
        correct_acceptance(
            office, register_no, data, actor=actor("f"), correction_reason=reason, today=today
        )
    )


conversations = st.builds(
    ConversationInput,
    leader_id=ROW_ID,
    held_at=WHEN,
    content=TEXT,
    recorder=TEXT,
    attendees=TEXT,
    leader_instruction=TEXT,
    roster_entry_id=ROW_ID,
    place=TEXT,
)


@FUZZ
@given(register_no=REGISTER_NO, data=conversations)
def test_conversation_record_never_raises(
    office: Database, register_no: str, data: ConversationInput
) -> None:
    _assert_plain_result(save_conversation_record(office, register_no, data, actor("f"), now=NOW))


people = st.builds(PetitionerInput, **PERSON)


@FUZZ
@given(petitioner_id=st.one_of(st.integers(-3, 5), st.integers(2**63 - 2, 2**70)), data=people)
def test_petitioner_edit_and_lookup_never_raise(
    office: Database, petitioner_id: int, data: PetitionerInput
) -> None:
    _assert_plain_result(update_petitioner(office, petitioner_id, data, actor=actor("f")))
    lookup_petitioners(office, id_number=data.id_number, phone=data.phone, name=data.name)
