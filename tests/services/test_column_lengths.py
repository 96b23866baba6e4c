"""Text longer than its column is a field message, never a crash (issue 14: PostgreSQL
enforces VARCHAR lengths, where SQLite kept any length).

For each form kind, every text field the clerk types is filled, one at a time, with more
characters than any column holds; the service must refuse it with a Chinese message under
that field's key. Runs on both backends (on PostgreSQL a missing check is a DataError)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from petitiondesk.core.enums import DeliveryMethod
from petitiondesk.services.account_admin import create_account
from petitiondesk.services.accounts import AccountInput
from petitiondesk.services.closure import (
    CompletionReportInput,
    DeliveryInput,
    record_completion_report,
    record_delivery,
    save_opinion,
)
from petitiondesk.services.intake import RepresentativeInput, register_visit
from petitiondesk.services.petitioners import PetitionerInput, update_petitioner
from petitiondesk.services.referrals.refer import ReferInput, refer_case
from petitiondesk.services.result import Result
from petitiondesk.services.roster.leaders import LeaderInput, save_leader
from petitiondesk.services.settings import get_office_settings, update_office_settings
from petitiondesk.store.db import Database
from tests.helpers import actor, admin, visit_input
from tests.services.closure.setup import opinion, own_case
from tests.services.referrals.setup import accepted_case, add_units

LONG = "长" * 2001  # more than any VARCHAR column and any free-text limit
NOW = datetime(2026, 11, 20, 16, 0)
CLERK = actor("赵丽")


def _text_fields(data: Any, leave_out: tuple[str, ...] = ()) -> list[str]:
    return [
        f.name
        for f in dataclasses.fields(data)
        if type(getattr(data, f.name)) is str and f.name not in leave_out  # not an enum
    ]


def _each_field_refused(
    data: Any, save: Callable[[Any], Result[Any]], leave_out: tuple[str, ...] = ()
) -> None:
    fields = _text_fields(data, leave_out)
    assert fields
    for name in fields:
        result = save(dataclasses.replace(data, **{name: LONG}))
        assert not result.ok, name
        assert name in result.errors, (name, result.errors)


def test_intake(db: Database) -> None:
    data = visit_input(received_at=NOW)
    # people_text: the 人数 box (digits only, checked as a number); channel-specific codes
    _each_field_refused(data, lambda d: register_visit(db, d, actor=CLERK, now=NOW))
    rep = dataclasses.replace(data, people_count=6, representatives=[RepresentativeInput(LONG)])
    assert "representatives" in str(register_visit(db, rep, actor=CLERK, now=NOW).errors)


def test_petitioner(db: Database) -> None:
    made = register_visit(db, visit_input(received_at=NOW), actor=CLERK, now=NOW).unwrap()
    pid = made.petitioner_id
    data = PetitionerInput(name="王秀英", phone="13900000000", address="城关镇新华社区3组")
    _each_field_refused(data, lambda d: update_petitioner(db, pid, d, CLERK))


def test_referral(db: Database) -> None:
    units = add_units(db)
    number = accepted_case(db)
    data = ReferInput(
        lead_unit_id=next(iter(units.values())), referred_on=date(2026, 11, 20),
        rule_code="dept_reply",
    )  # fmt: skip
    _each_field_refused(
        data,
        lambda d: refer_case(db, number, d, actor=CLERK, today=date(2026, 11, 20)),
        leave_out=("rule_code",),  # chosen from a list, checked against the rules
    )


def test_closure_forms(db: Database) -> None:
    received, on = datetime(2026, 8, 3, 9, 0), date(2026, 8, 20)
    number = own_case(db, received, received.date())
    report = CompletionReportInput(None, on, "已处理完毕。")
    _each_field_refused(
        report, lambda d: record_completion_report(db, number, d, actor=CLERK, today=on)
    )
    record_completion_report(db, number, report, actor=CLERK, today=on).unwrap()
    _each_field_refused(opinion(on), lambda d: save_opinion(db, number, d, actor=CLERK, today=on))
    save_opinion(db, number, opinion(on), actor=CLERK, today=on).unwrap()
    delivery = DeliveryInput(DeliveryMethod.IN_PERSON, on, signer="王秀英")
    _each_field_refused(delivery, lambda d: record_delivery(db, number, d, actor=CLERK, today=on))


def test_account(db: Database) -> None:
    data = AccountInput(username="liming", display_name="李敏", password="Secret-2026!")
    _each_field_refused(
        data,
        lambda d: create_account(db, d, actor=admin()),
        leave_out=("password",),  # its own limit (MAX_PASSWORD) is tested with accounts
    )


def test_office_settings(db: Database) -> None:
    current = get_office_settings(db)
    _each_field_refused(current, lambda d: update_office_settings(db, d, actor=admin()))
    for lines in ((LONG,), ("文头" * 10,) * 20):  # one line too long; together too long
        result = update_office_settings(
            db, dataclasses.replace(current, letterhead_lines=lines), actor=admin()
        )
        assert "letterhead_lines" in result.errors
    officers = dataclasses.replace(current, receiving_officers=(LONG,))
    assert "receiving_officers" in update_office_settings(db, officers, actor=admin()).errors


def test_leader(db: Database) -> None:
    data = LeaderInput(name="王建华", title="副局长", phone="0000-1234567")
    _each_field_refused(data, lambda d: save_leader(db, d, actor=admin()))


def test_refusals_are_in_chinese(db: Database) -> None:
    result = register_visit(db, visit_input(name=LONG), actor=CLERK, now=NOW)
    assert "姓名" in result.errors["name"]
