"""An edit of a record another desk changed meanwhile is refused (issue 14): two Database
objects on one register (a SQLite file or a PostgreSQL database) are two desks; desk A
loads a record, desk B saves it, A's save is refused with a message and B's change stands.
Without a version (callers that loaded nothing) the save goes through as before."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from sqlalchemy import select

from petitiondesk.core.enums import AcceptanceDecision, CaseStatus
from petitiondesk.services import closure, roster, settings
from petitiondesk.services.acceptance import AcceptanceInput, correct_acceptance, decide_acceptance
from petitiondesk.services.cases import case_detail, iter_cases
from petitiondesk.services.intake import register_visit
from petitiondesk.store.db import Database
from petitiondesk.store.models import Closure, Leader, Petition, Referral
from tests.helpers import actor, admin, visit_input
from tests.services.closure.setup import opinion
from tests.services.desks import assert_stale

RECEIVED = datetime(2026, 8, 3, 9, 0)
ON = date(2026, 8, 10)
CLERK = actor("赵丽")


def register(db: Database) -> str:
    visit = visit_input(received_at=RECEIVED)
    return register_visit(db, visit, actor=CLERK, now=RECEIVED).unwrap().register_no


def case_version(db: Database, number: str) -> int | None:
    rows = [row for row in iter_cases(db) if row.register_no == number]
    assert len(rows) == 1
    return rows[0].version


def test_acceptance_of_a_case_changed_meanwhile_is_refused(db: Database, desk_b: Database) -> None:
    number = register(db)
    loaded = case_version(db, number)  # desk A opens 受理决定
    assert loaded is not None
    decide_acceptance(
        desk_b, number, AcceptanceInput(AcceptanceDecision.FORWARD, ON, redirect_body="人社局"),
        actor=CLERK, today=ON,
    ).unwrap()  # fmt: skip
    data = AcceptanceInput(AcceptanceDecision.ACCEPT, ON, note="甲的备注", version=loaded)
    assert_stale(decide_acceptance(db, number, data, actor=CLERK, today=ON), f"登记 {number}")
    with db.read() as session:
        row = session.scalars(select(Petition).where(Petition.register_no == number)).one()
        assert row.status is CaseStatus.FORWARDED and row.acceptance_note == ""

    # Loaded again (current version): the correction goes through.
    fresh = replace(data, version=case_version(db, number))
    done = correct_acceptance(db, number, fresh, actor=CLERK, correction_reason="误转送", today=ON)
    assert done.ok, done.message
    assert case_detail(db, number) is not None


def test_office_settings_changed_meanwhile_are_refused(db: Database, desk_b: Database) -> None:
    loaded = settings.get_office_settings(db)
    assert loaded.version is not None
    other = replace(settings.get_office_settings(desk_b), name="乙窗口改的名称")
    assert settings.update_office_settings(desk_b, other, actor=admin()).ok
    mine = replace(loaded, name="甲窗口改的名称")
    assert_stale(settings.update_office_settings(db, mine, actor=admin()), "单位设置")
    assert settings.get_office_settings(db).name == "乙窗口改的名称"
    # Without a version (nothing loaded): saved as before.
    assert settings.update_office_settings(db, replace(mine, version=None), actor=admin()).ok


def test_a_leader_changed_meanwhile_is_refused(db: Database, desk_b: Database) -> None:
    (first, *_rest) = roster.list_leaders(db)
    assert first.version is not None

    def leader_input(row: roster.LeaderRow, **changes: object) -> roster.LeaderInput:
        data = roster.LeaderInput(
            id=row.id, name=row.name, title=row.title, phone=row.phone,
            rotation_order=row.rotation_order, active=row.active,
            category_ids=list(row.category_ids), version=row.version,
        )  # fmt: skip
        for key, value in changes.items():
            setattr(data, key, value)
        return data

    assert roster.save_leader(desk_b, leader_input(first, title="常务副局长"), actor=admin()).ok
    refused = roster.save_leader(db, leader_input(first, phone="13900001111"), actor=admin())
    assert_stale(refused, f"领导 {first.name}")
    with db.read() as session:
        row = session.get_one(Leader, first.id)
        assert (row.title, row.phone) == ("常务副局长", "")
    (again, *_rest) = roster.list_leaders(db)
    assert roster.save_leader(db, leader_input(again, phone="13900001111"), actor=admin()).ok
    # A new leader has nothing to be stale against.
    assert roster.save_leader(db, roster.LeaderInput(name="新领导"), actor=admin()).ok


def own_case(db: Database) -> str:
    number = register(db)
    decide_acceptance(
        db, number, AcceptanceInput(AcceptanceDecision.ACCEPT, RECEIVED.date()), actor=CLERK,
        today=RECEIVED.date(),
    ).unwrap()  # fmt: skip
    return number


def test_closure_forms_changed_meanwhile_are_refused(db: Database, desk_b: Database) -> None:
    number = own_case(db)
    assert closure.closure_version(db, number) == 0  # no closure row yet
    assert closure.closure_version(db, "2099-9999") is None
    loaded = closure.closure_version(db, number)
    report = closure.CompletionReportInput(None, ON, "乙窗口：已处理完毕。")
    assert closure.record_completion_report(desk_b, number, report, actor=CLERK, today=ON).ok
    mine = closure.CompletionReportInput(None, ON, "甲窗口：已处理。")
    refused = closure.record_completion_report(
        db, number, mine, actor=CLERK, today=ON, version=loaded
    )
    assert_stale(refused, f"登记 {number} 的办结")

    loaded = closure.closure_version(db, number)  # desk A opens 处理意见书
    assert closure.save_opinion(desk_b, number, opinion(ON), actor=CLERK, today=ON).ok
    refused = closure.save_opinion(
        db, number, opinion(ON, facts="甲窗口写的事实"), actor=CLERK, today=ON, version=loaded
    )
    assert_stale(refused, f"登记 {number} 的办结")
    with db.read() as session:
        row = session.scalars(select(Closure)).one()
        assert row.report_handling == "乙窗口：已处理完毕。"
        assert row.reply_facts == opinion(ON).facts
    current = closure.closure_version(db, number)
    saved = closure.save_opinion(
        db, number, opinion(ON, facts="甲窗口写的事实"), actor=CLERK, today=ON, version=current
    )
    assert saved.ok, saved.message


def test_a_referral_report_on_a_referral_changed_meanwhile_is_refused(
    db: Database, desk_b: Database
) -> None:
    from petitiondesk.services.referrals import ReportInput, referral_detail, report_back
    from tests.services.referrals.setup import TODAY, accepted_case, add_units, refer

    units = add_units(db)
    number = accepted_case(db)
    made = refer(db, number, units["城关镇人民政府"], units["青山县自然资源局"])
    loaded = referral_detail(db, made.referral_id)  # desk A opens 办理结果…
    assert loaded is not None and loaded.version is not None
    with desk_b.write() as session:  # desk B changes the referral meanwhile
        session.get_one(Referral, made.referral_id).leader_instruction = "乙窗口：请从速办理"
    mine = ReportInput(text="甲窗口：已答复信访人。", reported_on=TODAY, version=loaded.version)
    lead = units["城关镇人民政府"]
    refused = report_back(db, made.referral_id, lead, mine, actor=CLERK, today=TODAY)
    assert_stale(refused, f"交办 {loaded.referral_no}")
    again = referral_detail(db, made.referral_id)
    assert again is not None
    assert [u.reported_on for u in again.units] == [None, None]
    assert again.leader_instruction == "乙窗口：请从速办理"
    fresh = replace(mine, version=again.version)
    assert report_back(db, made.referral_id, lead, fresh, actor=CLERK, today=TODAY).ok
