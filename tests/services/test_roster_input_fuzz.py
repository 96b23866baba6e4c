"""Issue 9: whatever the clerk types into the roster and booking forms — leaders, reception
rules, substitutions, slots added by hand, bookings, walk-ins — the service answers with a
Result (field messages on failure), never an exception.

The text and number strategies are those of the intake fuzz (tests/services/test_input_fuzz.py):
lone surrogates, numbers ≥ 2**63, years before 1000, very long strings.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from petitiondesk.core.enums import DayOffPolicy, ReceptionRuleKind
from petitiondesk.services.appointments import (
    BookingInput,
    WalkInInput,
    book_appointment,
    cancel_appointment,
    day_queue,
    register_walk_in,
    suggest_slots,
)
from petitiondesk.services.roster import (
    EntryInput,
    LeaderInput,
    RuleInput,
    add_entry,
    fill_next_in_rotation,
    generate_roster,
    list_roster,
    remove_entry,
    roster_history,
    save_leader,
    save_reception_rule,
    set_accompany,
    substitute,
    swap,
)
from petitiondesk.store.db import Database
from tests.helpers import actor
from tests.services.printouts.roster_setup import TODAY, set_up_office
from tests.services.test_input_fuzz import (
    DAY,
    FUZZ,
    REGISTER_NO,
    ROW_ID,
    TEXT,
    _assert_plain_result,
)

INT = st.one_of(
    st.none(),
    st.integers(-8, 8),
    st.integers(2**63 - 2, 2**70),
    st.integers(max_value=-(2**63)),
)
COUNT = st.one_of(
    st.integers(-5, 300), st.integers(2**63 - 2, 2**70), st.integers(max_value=-(2**63))
)
SPANS = st.one_of(
    TEXT,
    st.sampled_from(
        [
            "08:30-12:00;14:30-18:00",
            "０８：３０－１２：００",
            "99:99-99:99",
            "08:30-12:00;" * 10,
            "\u0661\u0662:30-\u0661\u0663:00",  # Arabic-Indic digits
            "8:30至12:00、14:30到17:30",
            "12:00-08:30",
        ]
    ),
)
CLOCK = st.times()
SMALL_DAY = st.one_of(DAY, st.dates(min_value=date(2026, 10, 1), max_value=date(2026, 12, 31)))


@pytest.fixture
def office(db: Database) -> Database:
    """Two leaders, Monday receptions and the Q4 2026 roster (entries 1…)."""
    return set_up_office(db)


def _check(result: Any) -> None:
    _assert_plain_result(result)


leaders = st.builds(
    LeaderInput,
    name=TEXT,
    id=ROW_ID,
    title=TEXT,
    phone=TEXT,
    rotation_order=INT,
    active=st.booleans(),
    category_ids=st.lists(st.one_of(st.integers(-3, 8), st.integers(2**63 - 2, 2**70)), max_size=3),
    portfolio_note=TEXT,
)


@FUZZ
@given(data=leaders, today=DAY)
def test_leader_form_never_raises(office: Database, data: LeaderInput, today: date) -> None:
    _check(save_leader(office, data, actor=actor("fuzz"), today=today))


rules = st.builds(
    RuleInput,
    name=TEXT,
    kind=st.one_of(st.sampled_from(ReceptionRuleKind), st.sampled_from(["", "bogus"])),
    slots=SPANS,
    place=TEXT,
    id=ROW_ID,
    weekday=INT,
    nth=INT,
    on_day_off=st.one_of(st.sampled_from(DayOffPolicy), st.just("bogus")),
    capacity=COUNT,
    active=st.booleans(),
    valid_from=st.one_of(st.none(), DAY),
    valid_to=st.one_of(st.none(), DAY),
)


@FUZZ
@given(data=rules)
def test_rule_form_never_raises(office: Database, data: RuleInput) -> None:
    _check(save_reception_rule(office, data, actor=actor("fuzz")))


@FUZZ
@given(date_from=DAY, date_to=DAY)
def test_generation_period_never_raises(office: Database, date_from: date, date_to: date) -> None:
    _check(generate_roster(office, date_from, date_to, actor=actor("fuzz")))
    list_roster(office, date_from, date_to)


entries = st.builds(
    EntryInput,
    day=SMALL_DAY,
    start=CLOCK,
    end=CLOCK,
    place=TEXT,
    leader_id=ROW_ID,
    capacity=COUNT,
    accompany_department_id=ROW_ID,
    accompany_person=TEXT,
    note=TEXT,
)


@FUZZ
@given(data=entries, entry_id=ROW_ID, reason=TEXT, person=TEXT, department=ROW_ID)
def test_manual_slots_never_raise(
    office: Database,
    data: EntryInput,
    entry_id: int | None,
    reason: str,
    person: str,
    department: int | None,
) -> None:
    _check(add_entry(office, data, actor=actor("fuzz")))
    target = entry_id if entry_id is not None else 1
    _check(set_accompany(office, target, department_id=department, person=person, actor=actor("f")))
    _check(remove_entry(office, target, reason=reason, actor=actor("fuzz")))


@FUZZ
@given(entry_a=ROW_ID, entry_b=ROW_ID, leader=ROW_ID, reason=TEXT, requested_by=TEXT)
def test_substitutions_never_raise(
    office: Database,
    entry_a: int | None,
    entry_b: int | None,
    leader: int | None,
    reason: str,
    requested_by: str,
) -> None:
    a = entry_a if entry_a is not None else 1
    b = entry_b if entry_b is not None else 2
    who = leader if leader is not None else 1
    changed = {"reason": reason, "requested_by": requested_by, "actor": "fuzz"}
    _check(substitute(office, a, who, **changed))
    _check(swap(office, a, b, **changed))
    _check(fill_next_in_rotation(office, a, **changed))
    roster_history(office, a)


# What a booking and a walk-in share.
VISITOR = {
    "entry_id": ROW_ID,
    "visitor_name": TEXT,
    "category_id": ROW_ID,
    "phone": TEXT,
    "summary": TEXT,
    "petitioner_id": ROW_ID,
    "petition_register_no": REGISTER_NO,
}
bookings = st.builds(BookingInput, **VISITOR, responsible_department_id=ROW_ID)
walk_ins = st.builds(WalkInInput, **VISITOR)


@FUZZ
@given(data=bookings, today=DAY)
def test_booking_never_raises(office: Database, data: BookingInput, today: date) -> None:
    _check(book_appointment(office, data, actor=actor("fuzz"), today=today))


@FUZZ
@given(data=walk_ins, appointment=ROW_ID, reason=TEXT)
def test_walk_in_and_cancel_never_raise(
    office: Database, data: WalkInInput, appointment: int | None, reason: str
) -> None:
    _check(register_walk_in(office, data, actor=actor("fuzz")))
    target = appointment if appointment is not None else 1
    _check(cancel_appointment(office, target, reason=reason, actor=actor("fuzz")))


@FUZZ
@given(category=ROW_ID, date_from=DAY, date_to=DAY, entry_id=st.integers(-3, 2**70))
def test_booking_queries_never_raise(
    office: Database, category: int | None, date_from: date, date_to: date, entry_id: int
) -> None:
    suggest_slots(office, category, date_from, date_to)
    day_queue(office, entry_id)


def test_a_good_booking_still_goes_through(office: Database) -> None:
    """The fuzz fixtures are sound: the office takes a plain booking."""
    rows = list_roster(office, date(2026, 10, 19), date(2026, 10, 19))
    data = BookingInput(entry_id=rows[0].entry_id, visitor_name="王秀英", category_id=3)
    assert book_appointment(office, data, actor=actor("t"), today=TODAY).ok
