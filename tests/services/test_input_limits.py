"""Issue 9: inputs that used to raise, or to print thousand-page slips, get field messages."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from petitiondesk.core.enums import AcceptanceDecision
from petitiondesk.services.acceptance import AcceptanceInput, decide_acceptance
from petitiondesk.services.conversations import ConversationInput, save_conversation_record
from petitiondesk.services.intake import register_visit
from petitiondesk.services.petitioners import lookup_petitioners
from petitiondesk.store.db import Database
from tests.helpers import actor, visit_input

NOW = datetime(2026, 11, 20, 16, 0)
BIG = 2**63


@pytest.mark.parametrize(
    ("field", "limit", "label"),
    [("summary", 2000, "反映的主要问题"), ("demands", 1000, "诉求"),
     ("handling_opinion", 1000, "处理意见")],
)  # fmt: skip
def test_long_free_text_is_refused_with_a_hint_to_attach_it(
    db: Database, field: str, limit: int, label: str
) -> None:
    assert register_visit(db, visit_input(**{field: "长" * limit}), actor=actor("t"), now=NOW).ok
    result = register_visit(
        db, visit_input(**{field: "长" * (limit + 1)}), actor=actor("t"), now=NOW
    )
    assert result.errors == {
        field: f"{label}内容过长（最多 {limit} 字，现为 {limit + 1} 字），请把全文作为附件添加"
    }


@pytest.mark.parametrize(
    "changes",
    [{"petitioner_id": BIG}, {"category_id": BIG}, {"duty_leader_id": BIG},
     {"people_count": BIG}, {"category_id": -BIG - 1}],
)  # fmt: skip
def test_numbers_beyond_64_bits_are_field_errors(db: Database, changes: dict[str, int]) -> None:
    result = register_visit(db, visit_input(**changes), actor=actor("t"), now=NOW)
    (key,) = changes
    assert key in result.errors and "超出范围" in result.errors[key]


def test_a_year_before_1950_is_a_field_error(db: Database) -> None:
    result = register_visit(
        db, visit_input(received_at=datetime(999, 1, 1)), actor=actor("t"), now=NOW
    )
    assert "年份不合理" in result.errors["received_at"]
    registered = register_visit(db, visit_input(), actor=actor("t"), now=NOW).unwrap().register_no
    late = AcceptanceInput(AcceptanceDecision.ACCEPT, date(999, 1, 1))
    decided = decide_acceptance(db, registered, late, actor=actor("t"), today=NOW.date())
    assert "decided_on" in decided.errors  # earlier than the registration


def test_lone_surrogates_are_field_errors_not_crashes(db: Database) -> None:
    result = register_visit(
        db, visit_input(name="王\ud800", summary="\udfff"), actor=actor("t"), now=NOW
    )
    assert set(result.errors) == {"name", "summary"}
    assert "无法保存的字符" in result.errors["name"]
    number = register_visit(db, visit_input(), actor=actor("t"), now=NOW).unwrap().register_no
    talk = ConversationInput(leader_id=1, held_at=NOW, content="谈话\ud800", recorder="赵丽")
    saved = save_conversation_record(db, number, talk, actor("t"), now=NOW)
    assert "无法保存的字符" in saved.errors["content"]
    assert lookup_petitioners(db, name="\ud800", address="x") == []
    wrong = decide_acceptance(
        db, "2026-\ud800", AcceptanceInput(AcceptanceDecision.ACCEPT, NOW.date()), actor=actor("t")
    )
    assert "case" in wrong.errors
