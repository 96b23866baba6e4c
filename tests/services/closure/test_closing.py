"""Closing refuses with what is missing; reopening with a reason; the archive flag after
every supervision slip is back; the board's queues; the closure settings."""

from __future__ import annotations

from datetime import date, datetime

from petitiondesk.core.enums import CaseStatus, DeliveryMethod
from petitiondesk.services.closure import (
    DeliveryInput,
    archive_case,
    close_case,
    closing_check,
    closure_board,
    draft_opinion,
    record_delivery,
    reopen_case,
    save_opinion,
)
from petitiondesk.services.settings import (
    ClosureSettings,
    get_closure_settings,
    update_closure_settings,
)
from petitiondesk.store.db import Database
from tests.helpers import admin
from tests.services.closure.setup import (
    CLERK,
    audit_after,
    closed_case,
    last_audit,
    opinion,
    own_case,
    status,
)


def test_close_refuses_with_the_missing_lines(db: Database) -> None:
    number = own_case(db, datetime(2026, 8, 3, 9), date(2026, 8, 3))
    result = close_case(db, number, closed_on=date(2026, 9, 1), actor=CLERK, today=date(2026, 9, 1))
    assert not result.ok
    assert result.errors["case"] == "；".join(closing_check(db, number))
    assert "尚未记录办理结果（办结报告）" in result.message
    assert status(db, number) is CaseStatus.ACCEPTED


def test_settings_title_and_review_body_reach_the_opinion(db: Database) -> None:
    assert get_closure_settings(db).opinion_title == "信访处理意见书"
    update_closure_settings(
        db, ClosureSettings("答复意见书", "青山市信访局", "河南省信访局"), actor=admin()
    ).unwrap()
    assert audit_after(last_audit(db))["opinion_title"] == "答复意见书"
    number = own_case(db, datetime(2026, 8, 3, 9), date(2026, 8, 3))
    draft = draft_opinion(db, number, today=date(2026, 9, 1))
    assert draft is not None and "向青山市信访局书面提出复查申请" in draft.review_route
    view = save_opinion(db, number, opinion(date(2026, 9, 1)), actor=CLERK, today=date(2026, 9, 1))
    assert view.unwrap().opinion is not None
    assert view.unwrap().opinion.title == "答复意见书"  # type: ignore[union-attr]
    record_delivery(
        db, number, DeliveryInput(DeliveryMethod.OTHER, date(2026, 9, 2), note="微信发送并确认"),
        actor=CLERK, today=date(2026, 9, 2),
    ).unwrap()  # fmt: skip
    refused = save_opinion(
        db, number, opinion(date(2026, 9, 1)), actor=CLERK, today=date(2026, 9, 3)
    )
    assert refused.errors == {"case": "意见书已送达，不能再修改"}


def test_reopen_needs_a_reason_and_is_audited(db: Database) -> None:
    number = closed_case(db, date(2026, 9, 2))
    refused = reopen_case(
        db, number, reason=" ", reopened_on=date(2026, 9, 3), actor=CLERK, today=date(2026, 9, 3)
    )
    assert refused.errors == {"reason": "请填写撤销办结的理由"}
    view = reopen_case(
        db, number, reason="误将未送达的事项办结", reopened_on=date(2026, 9, 3), actor=CLERK,
        today=date(2026, 9, 3),
    ).unwrap()  # fmt: skip
    assert view.status is CaseStatus.ACCEPTED and view.closed_at is None
    row = last_audit(db)
    assert row.action == "reopen_case" and "误将未送达的事项办结" in row.summary
    assert closing_check(db, number) == []


def test_archive_and_board(db: Database) -> None:
    number = closed_case(db, date(2026, 9, 2))
    board = closure_board(db, date(2026, 9, 20))
    assert [(w.register_no, w.last_day, w.days_left) for w in board.windows_open] == [
        (number, date(2026, 10, 8), 18)
    ]
    assert board.counts == (0, 1, 0)
    view = archive_case(
        db, number, archived_on=date(2026, 9, 20), actor=CLERK, today=date(2026, 9, 20)
    ).unwrap()
    assert view.archived_on == date(2026, 9, 20)
    assert last_audit(db).action == "archive_case"
    assert closure_board(db, date(2026, 10, 9)).windows_open == ()
