"""The referral, closure and roster steps two desks can take are refused when the record
changed meanwhile (issue 14): desk A loads the record (its version), desk B changes it,
A's save is refused with the stale message and B's change stands; loaded again, A's save
goes through."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

from sqlalchemy import select

from petitiondesk.core.enums import (
    CaseStatus,
    DeliveryMethod,
    ReviewLevel,
    ReviewOutcome,
    Satisfaction,
    SupervisionRole,
    SurveyMethod,
    UrgeMethod,
)
from petitiondesk.services import cases, closure, referrals, roster
from petitiondesk.services.result import Result
from petitiondesk.store.db import Database
from petitiondesk.store.models import Petition, ReferralUrge, SupervisionSlip
from tests.helpers import actor, admin
from tests.services.closure.setup import closed_case, opinion, own_case
from tests.services.desks import assert_stale
from tests.services.referrals.setup import TODAY, accepted_case, add_units, refer

CLERK = actor("赵丽")


def loaded_referral(db: Database) -> tuple[referrals.ReferralView, dict[str, int]]:
    """An open referral (lead 城关镇, co 自然资源局) as desk A's form loads it."""
    units = add_units(db)
    number = accepted_case(db)
    made = refer(db, number, units["城关镇人民政府"], units["青山县自然资源局"])
    view = referrals.referral_detail(db, made.referral_id)
    assert view is not None and view.version is not None
    return view, units


def extend(db: Database, view: referrals.ReferralView, days: int = 10) -> None:
    data = referrals.ExtensionInput("情况复杂", "张建国", TODAY, days)
    assert referrals.extend_referral(db, view.referral_id, data, actor=CLERK, today=TODAY).ok


def test_a_receipt_for_a_referral_changed_meanwhile_is_refused(
    db: Database, desk_b: Database
) -> None:
    view, units = loaded_referral(db)
    extend(desk_b, view)
    lead = units["城关镇人民政府"]

    def receipt(version: int | None) -> object:
        return referrals.record_receipt(
            db, view.referral_id, lead, received_on=TODAY, received_by="王科长",
            actor=CLERK, today=TODAY, version=version,
        )  # fmt: skip

    assert_stale(receipt(view.version), f"交办 {view.referral_no}")
    again = referrals.referral_detail(db, view.referral_id)
    assert again is not None and [u.received_on for u in again.units] == [None, None]
    assert receipt(again.version).ok


def test_an_objection_extension_or_urge_on_a_referral_changed_meanwhile_is_refused(
    db: Database, desk_b: Database
) -> None:
    view, units = loaded_referral(db)
    what = f"交办 {view.referral_no}"
    extend(desk_b, view, 5)
    co = units["青山县自然资源局"]
    objected = referrals.object_referral(
        db, view.referral_id, co, objected_on=TODAY, reason="不属本局职责", actor=CLERK,
        today=TODAY, version=view.version,
    )  # fmt: skip
    assert_stale(objected, what)
    mine = referrals.ExtensionInput("甲窗口：需要调查", "李明", TODAY, 20, version=view.version)
    assert_stale(
        referrals.extend_referral(db, view.referral_id, mine, actor=CLERK, today=TODAY), what
    )
    urged = referrals.urge_referral(
        db, view.referral_id, urged_on=TODAY, method=UrgeMethod.PHONE, actor=CLERK, today=TODAY,
        version=view.version,
    )  # fmt: skip
    assert_stale(urged, what)
    again = referrals.referral_detail(db, view.referral_id)
    assert again is not None
    assert again.extension_days == 5
    with db.read() as session:
        assert session.scalars(select(ReferralUrge)).all() == []
    assert [u.objected_on for u in again.units] == [None, None]
    fresh = replace(mine, days=10, version=again.version)
    assert referrals.extend_referral(db, view.referral_id, fresh, actor=CLERK, today=TODAY).ok


def test_a_supervision_slip_or_its_return_on_a_record_changed_meanwhile_is_refused(
    db: Database, desk_b: Database
) -> None:
    view, _units = loaded_referral(db)
    extend(desk_b, view)
    roles = (SupervisionRole.DEPUTY_SECRETARY, SupervisionRole.COUNTY_HEAD)
    copies = tuple(referrals.RecipientInput(role.label) for role in roles)
    data = referrals.SupervisionInput(
        TODAY, "尽快答复", copies, referral_id=view.referral_id, version=view.version
    )
    assert_stale(
        referrals.issue_supervision(db, view.register_no, data, actor=CLERK, today=TODAY),
        f"交办 {view.referral_no}",
    )
    again = referrals.referral_detail(db, view.referral_id)
    assert again is not None
    made = referrals.issue_supervision(
        db, view.register_no, replace(data, version=again.version), actor=CLERK, today=TODAY
    )
    slip = made.unwrap()
    assert slip.version is not None

    def back(on: Database, position: int, version: int | None) -> object:
        return referrals.record_slip_return(
            on, slip.slip_id, position, returned_on=TODAY, actor=CLERK, today=TODAY,
            version=version,
        )  # fmt: skip

    with desk_b.write() as session:  # desk B changes the slip meanwhile
        session.get_one(SupervisionSlip, slip.slip_id).result = "乙窗口：已电话督促"
    assert_stale(back(db, 1, slip.version), f"督办单 {slip.slip_no}")
    current = referrals.supervision_slip(db, slip.slip_id)
    assert current is not None and current.returned_count == 0
    done = back(db, 1, current.version)
    assert isinstance(done, Result) and done.ok
    assert back(db, 2, done.value.version).ok  # the dialog's second copy: its own version


def test_referring_a_case_changed_meanwhile_is_refused(db: Database, desk_b: Database) -> None:
    units = add_units(db)
    number = accepted_case(db)
    (listed,) = [r for r in cases.iter_cases(db) if r.register_no == number]  # desk A's list
    edit_case(desk_b, number, "乙窗口补充的诉求摘要")  # desk B edits the case meanwhile
    data = referrals.ReferInput(
        units["城关镇人民政府"], TODAY, "dept_reply", version=listed.version
    )
    assert_stale(referrals.refer_case(db, number, data, actor=CLERK, today=TODAY), f"登记 {number}")
    assert referrals.case_referrals(db, listed.id) == []
    (again,) = [r for r in cases.iter_cases(db) if r.register_no == number]
    made = referrals.refer_case(
        db, number, replace(data, version=again.version), actor=CLERK, today=TODAY
    )
    assert made.ok, made.message
    # Referred by the other desk: the case's own state answers (no second message).
    refused = referrals.refer_case(desk_b, number, data, actor=CLERK, today=TODAY)
    assert not refused.ok and "该记录已被其他窗口修改" not in refused.message


def test_closure_steps_on_a_closure_changed_meanwhile_are_refused(
    db: Database, desk_b: Database
) -> None:
    on = date(2026, 8, 10)
    number = own_case(db, datetime(2026, 8, 3, 9, 0), date(2026, 8, 3))
    what = f"登记 {number} 的办结"
    report = closure.CompletionReportInput(None, on, "已处理完毕。")
    closure.record_completion_report(db, number, report, actor=CLERK, today=on).unwrap()
    closure.save_opinion(db, number, opinion(on), actor=CLERK, today=on).unwrap()
    loaded = closure.closure_version(db, number)  # desk A opens 送达 / 满意度 / 办结
    asked = closure.SatisfactionInput(Satisfaction.SATISFIED, SurveyMethod.PHONE, on)
    closure.record_satisfaction(desk_b, number, asked, actor=CLERK, today=on).unwrap()

    handed = closure.DeliveryInput(DeliveryMethod.IN_PERSON, on, signer="王秀英")
    steps = {
        "送达": lambda v: closure.record_delivery(db, number, handed, actor=CLERK, today=on, version=v),
        "满意度": lambda v: closure.record_satisfaction(
            db, number, replace(asked, level=Satisfaction.UNSATISFIED), actor=CLERK, today=on,
            version=v,
        ),
        "办结": lambda v: closure.close_case(db, number, closed_on=on, actor=CLERK, today=on, version=v),
    }  # fmt: skip
    for step in steps.values():
        assert_stale(step(loaded), what)
    view = closure.case_closure(db, number)
    assert view is not None and view.delivery is None
    assert view.satisfaction is Satisfaction.SATISFIED and view.status is not CaseStatus.CLOSED
    for step in steps.values():
        assert step(closure.closure_version(db, number)).ok  # loaded again: saved

    loaded = closure.closure_version(db, number)  # desk A opens 撤销办结 / 存档销案
    closure.record_satisfaction(desk_b, number, asked, actor=CLERK, today=on).unwrap()
    reopened = closure.reopen_case(
        db, number, reason="误办结", reopened_on=on, actor=CLERK, today=on, version=loaded
    )
    assert_stale(reopened, what)
    archived = closure.archive_case(
        db, number, archived_on=on, actor=CLERK, today=on, version=loaded
    )
    assert_stale(archived, what)
    view = closure.case_closure(db, number)
    assert view is not None and view.status is CaseStatus.CLOSED and view.archived_on is None


def edit_case(desk: Database, number: str, summary: str) -> None:
    """Another desk changes the case (any field moves its version on)."""
    with desk.write() as session:
        petition = session.scalars(select(Petition).where(Petition.register_no == number)).one()
        petition.summary = summary


def test_review_steps_on_a_case_changed_meanwhile_are_refused(
    db: Database, desk_b: Database
) -> None:
    number = closed_case(db, date(2026, 8, 10))
    on, what = date(2026, 8, 20), f"登记 {number}"
    loaded = closure.case_version(db, number)  # desk A opens 复查申请
    assert loaded is not None and closure.case_version(db, "2099-9999") is None
    edit_case(desk_b, number, "乙窗口改的摘要")
    asked = closure.ReviewInput(ReviewLevel.REVIEW, on, version=loaded)
    assert_stale(closure.request_review(db, number, asked, actor=CLERK, today=on), what)
    fresh = replace(asked, version=closure.case_version(db, number))
    review = closure.request_review(db, number, fresh, actor=CLERK, today=on).unwrap()

    loaded = closure.case_version(db, number)  # desk A opens 复查意见
    edit_case(desk_b, number, "乙窗口又改的摘要")
    decision = closure.ReviewDecisionInput(ReviewOutcome.UPHOLD, "维持原意见。", on, version=loaded)
    assert_stale(closure.decide_review(db, review.review_id, decision, actor=CLERK, today=on), what)
    heard = closure.record_hearing(
        db, review.review_id, start=on, end=on, actor=CLERK, today=on, version=loaded
    )
    assert_stale(heard, what)
    view = closure.case_closure(db, number)
    assert view is not None and view.status is CaseStatus.IN_REVIEW
    again = replace(decision, version=closure.case_version(db, number))
    assert closure.decide_review(db, review.review_id, again, actor=CLERK, today=on).ok


def test_roster_changes_of_a_slot_changed_meanwhile_are_refused(
    db: Database, desk_b: Database
) -> None:
    first, second, *_rest = roster.list_leaders(db)
    days = (date(2026, 10, 12), date(2026, 10, 13))
    for day, leader in zip(days, (first, second), strict=True):
        slot = roster.EntryInput(day, time(8, 30), time(12), "县信访接待中心", leader.id)
        roster.add_entry(db, slot, actor=admin()).unwrap()
    row, other = roster.list_roster(db, *days)  # desk A's roster list
    assert row.version is not None
    roster.set_accompany(
        desk_b, row.entry_id, department_id=None, person="乙窗口", actor=admin()
    ).unwrap()
    what = f"排班 2026年10月12日（星期一）{row.time_text} 县信访接待中心"
    tries = (
        lambda v: roster.substitute(db, row.entry_id, second.id, reason="出差", actor=admin(), version=v),
        lambda v: roster.swap(
            db, row.entry_id, other.entry_id, reason="协商", actor=admin(), versions=(v, other.version)
        ),
        lambda v: roster.fill_next_in_rotation(db, row.entry_id, reason="出差", actor=admin(), version=v),
        lambda v: roster.set_accompany(
            db, row.entry_id, department_id=None, person="甲窗口", actor=admin(), version=v
        ),
        lambda v: roster.remove_entry(db, row.entry_id, reason="误排", actor=admin(), version=v),
    )  # fmt: skip
    for attempt in tries:
        assert_stale(attempt(row.version), what)
    again, _other = roster.list_roster(db, *days)
    assert (again.leader_id, again.accompany_person) == (first.id, "乙窗口")
    assert tries[0](again.version).ok  # loaded again: the substitution is saved
