"""Acceptance decisions: rules, gap-free notice numbers, once only (with a correction
path), the forward deadline and the supervision list."""

from __future__ import annotations

import json
import threading
from datetime import date, datetime

import pytest
from sqlalchemy import select

from petitiondesk.core.docno import parse_doc_no
from petitiondesk.core.enums import AcceptanceDecision, CaseStatus, Channel, RejectionReason
from petitiondesk.services.acceptance import (
    AcceptanceInput,
    correct_acceptance,
    decide_acceptance,
    pending_acceptance,
)
from petitiondesk.services.intake import VisitInput, register_visit
from petitiondesk.store.db import Database
from petitiondesk.store.models import AuditLog, OfficeSettings, Petition
from tests.helpers import actor, url_of

TODAY = date(2026, 11, 30)


def register(db: Database, day: date = date(2026, 11, 20), **changes: object) -> str:
    data = VisitInput(
        channel=Channel.LETTER,
        received_at=datetime(day.year, day.month, day.day, 9, 30),
        name="王秀英",
        phone="13912345678",
        category_id=1,
        summary="来信反映拆迁补偿款未按协议发放。",
        receiving_officer="赵丽",
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return (
        register_visit(db, data, actor=actor("赵丽"), now=datetime(2026, 11, 30, 12))
        .unwrap()
        .register_no
    )


@pytest.fixture
def prefixed(db: Database) -> Database:
    with db.write() as session:
        office = session.get(OfficeSettings, 1)
        assert office is not None
        office.doc_prefix = "青信"
    return db


def accept(on: date = date(2026, 11, 24), **kw: object) -> AcceptanceInput:
    return AcceptanceInput(decision=AcceptanceDecision.ACCEPT, decided_on=on, **kw)  # type: ignore[arg-type]


def test_accept_sets_status_numbers_the_notice_and_audits(prefixed: Database) -> None:
    db = prefixed
    no = register(db)
    result = decide_acceptance(
        db, no, accept(case_leader_id=1, note="重点关注"), actor=actor("赵丽"), today=TODAY
    )
    assert result.ok, result.errors
    value = result.unwrap()
    assert (value.status, value.notice_no, value.late) == (
        CaseStatus.ACCEPTED,
        "青信〔2026〕1号",
        False,
    )
    assert value.forward_due is None
    assert result.message == "已作出受理决定：受理，告知书文号 青信〔2026〕1号"
    with db.read() as session:
        p = session.scalar(select(Petition).where(Petition.register_no == no))
        assert p is not None
        assert (p.acceptance, p.acceptance_date, p.case_leader_id) == (
            AcceptanceDecision.ACCEPT,
            date(2026, 11, 24),
            1,
        )
        assert p.acceptance_note == "重点关注"
        row = session.scalar(select(AuditLog).where(AuditLog.action == "decide_acceptance"))
        assert row is not None and row.actor == "赵丽"
        assert json.loads(row.before)["status"] == "registered"
        assert json.loads(row.after)["notice_no"] == "青信〔2026〕1号"


def test_notice_numbers_are_gap_free_per_year_of_the_decision(prefixed: Database) -> None:
    db = prefixed
    numbers = [register(db) for _ in range(3)]
    dec = register(db, day=date(2025, 12, 29))
    assert (
        decide_acceptance(db, numbers[0], accept(), actor=actor("a"), today=TODAY)
        .unwrap()
        .notice_no
        == "青信〔2026〕1号"
    )
    refused = decide_acceptance(
        db, numbers[1], accept(on=date(2026, 12, 1)), actor=actor("a"), today=TODAY
    )
    assert not refused.ok  # a refused decision takes no number
    assert (
        decide_acceptance(db, numbers[1], accept(), actor=actor("a"), today=TODAY)
        .unwrap()
        .notice_no
        == "青信〔2026〕2号"
    )
    old = decide_acceptance(
        db, dec, accept(on=date(2025, 12, 31)), actor=actor("a"), today=TODAY
    ).unwrap()
    assert old.notice_no == "青信〔2025〕1号"
    # decided in the new year: numbered in the decision's year
    assert (
        decide_acceptance(db, numbers[2], accept(), actor=actor("a"), today=TODAY)
        .unwrap()
        .notice_no
        == "青信〔2026〕3号"
    )


def test_reject_needs_a_reason_and_where_to_go(db: Database) -> None:
    no = register(db)
    no_reason = decide_acceptance(
        db,
        no,
        AcceptanceInput(decision=AcceptanceDecision.REJECT, decided_on=TODAY),
        actor=actor("a"),
        today=TODAY,
    )
    assert no_reason.errors == {"reason": "不予受理须选择理由"}
    assert no_reason.message.startswith("受理决定未保存")
    other = AcceptanceInput(
        decision=AcceptanceDecision.REJECT, decided_on=TODAY, reason=RejectionReason.OTHER_BODY
    )
    assert "redirect_body" in decide_acceptance(db, no, other, actor=actor("a"), today=TODAY).errors
    other.redirect_body = "青山县人力资源和社会保障局"
    value = decide_acceptance(db, no, other, actor=actor("a"), today=TODAY).unwrap()
    assert (
        value.status is CaseStatus.REJECTED and value.notice_no == "信访〔2026〕1号"
    )  # the default prefix
    with db.read() as session:
        p = session.scalar(select(Petition).where(Petition.register_no == no))
        assert p is not None and p.rejection_reason is RejectionReason.OTHER_BODY
        assert p.redirect_body == "青山县人力资源和社会保障局"


def test_forward_records_the_three_working_day_deadline(db: Database) -> None:
    no = register(db)
    data = AcceptanceInput(decision=AcceptanceDecision.FORWARD, decided_on=date(2026, 11, 27),
                           redirect_body="青山县生态环境分局")  # fmt: skip
    value = decide_acceptance(db, no, data, actor=actor("a"), today=TODAY).unwrap()
    # Fri 11-27 + 3 working days → Wed 12-02
    assert (value.status, value.forward_due) == (CaseStatus.FORWARDED, date(2026, 12, 2))
    assert not value.forward_due_uncovered
    assert (
        "请于 2026-12-02 前转送"
        in decide_acceptance(db, register(db), data, actor=actor("a"), today=TODAY).message
    )
    with db.read() as session:
        p = session.scalar(select(Petition).where(Petition.register_no == no))
        assert p is not None and p.forward_due == date(2026, 12, 2)
        assert p.rejection_reason is RejectionReason.OTHER_BODY


def test_decision_date_between_receipt_and_today(db: Database) -> None:
    no = register(db, day=date(2026, 11, 20))
    early = decide_acceptance(db, no, accept(on=date(2026, 11, 19)), actor=actor("a"), today=TODAY)
    assert early.errors == {"decided_on": "决定日期不能早于收到信访事项的日期（2026-11-20）"}
    future = decide_acceptance(db, no, accept(on=date(2026, 12, 1)), actor=actor("a"), today=TODAY)
    assert future.errors == {"decided_on": "决定日期不能晚于今天"}
    assert decide_acceptance(
        db, no, accept(on=date(2026, 11, 20)), actor=actor("a"), today=TODAY
    ).ok


def test_late_decision_is_flagged(db: Database) -> None:
    no = register(db, day=date(2026, 11, 2))  # due 11-17
    value = decide_acceptance(
        db, no, accept(on=date(2026, 11, 25)), actor=actor("a"), today=TODAY
    ).unwrap()
    assert value.late and value.acceptance_due == date(2026, 11, 17)


def test_deciding_twice_is_refused_and_correction_is_documented(prefixed: Database) -> None:
    db = prefixed
    no = register(db)
    decide_acceptance(db, no, accept(), actor=actor("a"), today=TODAY).unwrap()
    twice = decide_acceptance(db, no, accept(on=TODAY), actor=actor("a"), today=TODAY)
    assert twice.errors["decision"].startswith(
        "该事项已作出受理决定（受理，2026-11-24，青信〔2026〕1号）"
    )
    assert "更正受理决定" in twice.errors["decision"]

    wrong = AcceptanceInput(
        decision=AcceptanceDecision.FORWARD, decided_on=TODAY, redirect_body="青山县民政局"
    )
    no_reason = correct_acceptance(
        db, no, wrong, actor=actor("b"), correction_reason=" ", today=TODAY
    )
    assert no_reason.errors == {"correction_reason": "请填写更正理由"}
    fixed = correct_acceptance(
        db, no, wrong, actor=actor("b"), correction_reason="属民政事项", today=TODAY
    ).unwrap()
    assert (fixed.status, fixed.notice_no) == (CaseStatus.FORWARDED, "青信〔2026〕2号")
    with db.read() as session:
        row = session.scalar(select(AuditLog).where(AuditLog.action == "correct_acceptance"))
        assert row is not None and "青信〔2026〕1号" in row.summary and "属民政事项" in row.summary
        p = session.scalar(select(Petition).where(Petition.register_no == no))
        assert p is not None and p.notice_printed_at is None
    with db.write() as session:  # handling has moved on
        p = session.scalar(select(Petition).where(Petition.register_no == no))
        assert p is not None
        p.status = CaseStatus.REFERRED
    late = correct_acceptance(
        db, no, accept(), actor=actor("b"), correction_reason="x", today=TODAY
    )
    assert "不能再更正" in late.errors["decision"]
    undecided = register(db)
    assert "尚未作出受理决定" in correct_acceptance(db, undecided, accept(), actor=actor("b"),
                                              correction_reason="x", today=TODAY).errors["decision"]  # fmt: skip


def test_unknown_case_and_bad_leader(db: Database) -> None:
    assert (
        "找不到"
        in decide_acceptance(db, "2026-99999", accept(), actor=actor("a"), today=TODAY).message
    )
    assert (
        "找不到" in decide_acceptance(db, "bogus", accept(), actor=actor("a"), today=TODAY).message
    )
    no = register(db)
    assert decide_acceptance(
        db, no, accept(case_leader_id=99), actor=actor("a"), today=TODAY
    ).errors == {"case_leader_id": "包案领导不存在"}
    assert decide_acceptance(db, "２０２６－０００01", accept(), actor=actor("a"), today=TODAY).ok


def test_pending_acceptance_lists_undecided_most_urgent_first(db: Database) -> None:
    overdue = register(db, day=date(2026, 11, 2))  # due Tue 11-17
    fresh = register(db, day=date(2026, 11, 27))  # due 12-12 (Sat) → Mon 12-14
    due_today = register(db, day=date(2026, 11, 15))  # due 11-30
    decided = register(db, day=date(2026, 11, 3))
    decide_acceptance(db, decided, accept(on=date(2026, 11, 5)), actor=actor("a"), today=TODAY)
    pending = pending_acceptance(db, TODAY)
    assert [(p.register_no, p.days_remaining, p.overdue) for p in pending] == [
        (overdue, -13, True),
        (due_today, 0, False),
        (fresh, 14, False),
    ]
    assert pending[0].name == "王秀英" and pending[0].category == "城乡建设"
    assert pending_acceptance(db, TODAY, limit=1)[0].register_no == overdue


@pytest.mark.slow
def test_concurrent_decisions_get_distinct_gapless_numbers(db: Database) -> None:
    numbers = [register(db) for _ in range(12)]
    got: list[str] = []
    lock = threading.Lock()

    def work(chunk: list[str]) -> None:
        own = Database.open(url_of(db))
        try:
            for no in chunk:
                value = decide_acceptance(own, no, accept(), actor=actor("a"), today=TODAY).unwrap()
                with lock:
                    got.append(value.notice_no)
        finally:
            own.close()

    threads = [threading.Thread(target=work, args=(numbers[i::4],)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(parse_doc_no(n)[2] for n in got) == list(range(1, 13))
