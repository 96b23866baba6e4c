"""Receipt, objection and re-referral, report-back, supervision, extension, urging, history."""

from __future__ import annotations

from datetime import date

from petitiondesk.core.enums import (
    CaseStatus,
    ReferralEvent,
    ReferralStatus,
    SupervisionStatus,
    UrgeMethod,
)
from petitiondesk.core.referral_rules import ART34_EXTENSION
from petitiondesk.services.referrals import (
    ExtensionInput,
    RecipientInput,
    ReportInput,
    SupervisionInput,
    available_supervision_roles,
    case_deadlines,
    case_referrals,
    extend_referral,
    issue_supervision,
    object_referral,
    record_receipt,
    record_slip_return,
    referral_history,
    report_back,
    urge_referral,
)
from petitiondesk.store.db import Database
from petitiondesk.store.models import Petition
from tests.helpers import actor
from tests.services.referrals.setup import TODAY, accepted_case, refer


def _status(db: Database, petition_id: int) -> CaseStatus:
    with db.read() as session:
        p = session.get(Petition, petition_id)
        assert p is not None
        return p.status


def test_objection_in_time_returns_the_case_for_a_new_referral(
    db: Database, units: dict[str, int]
) -> None:
    number = accepted_case(db)
    out = refer(db, number, units["信访科"])
    unit = units["信访科"]
    receipt = record_receipt(
        db,
        out.referral_id,
        unit,
        received_on=TODAY,
        received_by="刘科长",
        actor=actor("赵丽"),
        today=TODAY,
    ).unwrap()
    assert receipt.objection_due == date(2026, 12, 2)  # 5 working days after Wed 11-25
    objection = object_referral(
        db,
        out.referral_id,
        unit,
        objected_on=TODAY,
        reason="不属本科职责",
        actor=actor("赵丽"),
        today=TODAY,
    ).unwrap()
    assert not objection.late and objection.referral_ended
    assert _status(db, out.petition_id) is CaseStatus.REREFER
    again = refer(db, number, units["督查科"])
    assert again.referral_no == "交〔2026〕2号"
    assert again.deadline.start == TODAY
    views = case_referrals(db, out.petition_id)
    assert [v.status for v in views] == [ReferralStatus.OBJECTED, ReferralStatus.OPEN]


def test_a_late_objection_is_recorded_and_flagged(db: Database, units: dict[str, int]) -> None:
    number = accepted_case(db)
    out = refer(db, number, units["信访科"], on=TODAY)
    record_receipt(
        db, out.referral_id, units["信访科"], received_on=TODAY, received_by="刘", actor=actor("x"),
        today=TODAY,
    ).unwrap()  # fmt: skip
    late_day = date(2026, 12, 3)  # the 6th working day after receipt
    result = object_referral(
        db, out.referral_id, units["信访科"], objected_on=late_day, reason="不属本科职责",
        actor=actor("x"), today=late_day,
    )  # fmt: skip
    assert result.ok and result.unwrap().late
    assert "第二十三条" in result.message
    assert case_referrals(db, out.petition_id)[0].units[0].objection_late


def _recipients(n: int) -> tuple[RecipientInput, ...]:
    roles = ("县委书记", "主管副书记", "县长", "主管副县长", "纪委书记", "组织部长", "责任单位")
    return tuple(RecipientInput(roles[i % len(roles)], f"某{i}") for i in range(n))


def test_supervision_eight_copies_two_returns_then_report_closes_it(
    db: Database, units: dict[str, int]
) -> None:
    number = accepted_case(db)
    out = refer(db, number, units["城关镇人民政府"])
    nine = SupervisionInput(TODAY, "督促按期办结", _recipients(9), referral_id=out.referral_id)
    refused = issue_supervision(db, number, nine, actor=actor("赵丽"), today=TODAY)
    assert "最多送8个对象" in refused.errors["recipients"]
    data = SupervisionInput(
        TODAY, "督促按期办结", _recipients(2), leader_decision="请城关镇限期办结",
        new_due=date(2026, 12, 10), referral_id=out.referral_id,
    )  # fmt: skip
    slip = issue_supervision(db, number, data, actor=actor("赵丽"), today=TODAY).unwrap()
    assert slip.slip_no == "督〔2026〕1号"
    assert slip.original_due == out.deadline.due
    assert slip.recipients[1].unit == ""
    eight = SupervisionInput(TODAY, "再次督办", _recipients(8), referral_id=out.referral_id)
    assert issue_supervision(db, number, eight, actor=actor("赵丽"), today=TODAY).ok
    for position in (1, 2):
        view = record_slip_return(
            db, slip.slip_id, position, returned_on=TODAY, actor=actor("赵丽"), today=TODAY
        ).unwrap()
    assert view.all_returned and view.status is SupervisionStatus.RETURNED
    assert not view.archive_offered
    report = report_back(
        db, out.referral_id, units["城关镇人民政府"],
        ReportInput("已补发补偿款", TODAY, doc_no="城政〔2026〕8号"), actor=actor("赵丽"), today=TODAY,
    ).unwrap()  # fmt: skip
    assert report.closed_slips == ("督〔2026〕1号",)
    assert report.case_status is CaseStatus.ANSWERED
    assert _status(db, out.petition_id) is CaseStatus.ANSWERED
    from petitiondesk.services.referrals import supervision_slip

    closed = supervision_slip(db, slip.slip_id)
    assert closed is not None and closed.archive_offered and closed.closed_on == TODAY
    other = supervision_slip(db, slip.slip_id + 1)
    assert other is not None and other.status is SupervisionStatus.ISSUED


def test_unknown_roles_are_refused_and_office_roles_offered(
    db: Database, units: dict[str, int]
) -> None:
    from petitiondesk.services.referrals import set_extra_supervision_roles

    number = accepted_case(db)
    data = SupervisionInput(TODAY, "督办", (RecipientInput("政法委书记"),))
    assert "recipients" in issue_supervision(db, number, data, actor=actor("x"), today=TODAY).errors
    set_extra_supervision_roles(db, ("政法委书记",), actor=actor("x")).unwrap()
    assert available_supervision_roles(db)[-1] == "政法委书记"
    assert issue_supervision(db, number, data, actor=actor("x"), today=TODAY).ok


def test_extension_thirty_ok_thirty_one_refused(db: Database, units: dict[str, int]) -> None:
    number = accepted_case(db)
    out = refer(db, number, units["信访科"])
    too_long = ExtensionInput("情况复杂", "张建国", TODAY, 31)
    refused = extend_referral(db, out.referral_id, too_long, actor=actor("赵丽"), today=TODAY)
    assert ART34_EXTENSION in refused.errors["days"]
    ext = extend_referral(
        db,
        out.referral_id,
        ExtensionInput("情况复杂", "张建国", TODAY, 30),
        actor=actor("赵丽"),
        today=TODAY,
    ).unwrap()
    assert ext.old_due == date(2026, 12, 23)
    assert ext.new_due == date(2027, 1, 22) and ext.estimate  # 2027 not yet entered
    more = extend_referral(
        db,
        out.referral_id,
        ExtensionInput("再延", "张建国", TODAY, 1),
        actor=actor("赵丽"),
        today=TODAY,
    )
    assert "已延期30日" in more.errors["days"]
    summary = case_deadlines(db, out.petition_id)
    assert summary is not None
    assert summary.lines[0].startswith("办理期限：60日，自受理之日起，遇节假日顺延 → 2027-01-22")
    assert "延期30日（张建国批准）→ 2027-01-22" in summary.lines[1]


def test_extension_matches_the_recompute_rule(db: Database, units: dict[str, int]) -> None:
    """Entering 2027 leaves a date computed as the recompute module computes it alone."""
    from petitiondesk.services.calendar import load_calendar
    from petitiondesk.services.deadline_recompute import plan_recompute

    number = accepted_case(db)
    out = refer(db, number, units["信访科"])
    extend_referral(
        db,
        out.referral_id,
        ExtensionInput("情况复杂", "张建国", TODAY, 30),
        actor=actor("x"),
        today=TODAY,
    ).unwrap()
    with db.read() as session:
        moves = [c.move for c in plan_recompute(session, load_calendar(session))]
    assert all(not m.moved for m in moves if "延期" in m.what)


def test_urging_and_history_in_order(db: Database, units: dict[str, int]) -> None:
    number = accepted_case(db)
    out = refer(db, number, units["信访科"])
    unit = units["信访科"]
    record_receipt(
        db,
        out.referral_id,
        unit,
        received_on=TODAY,
        received_by="刘",
        actor=actor("x"),
        today=TODAY,
    ).unwrap()
    urge_referral(
        db, out.referral_id, urged_on=TODAY, method=UrgeMethod.PHONE, note="请加快", actor=actor("x"),
        today=TODAY,
    ).unwrap()  # fmt: skip
    extend_referral(
        db,
        out.referral_id,
        ExtensionInput("情况复杂", "张建国", TODAY, 10),
        actor=actor("x"),
        today=TODAY,
    ).unwrap()
    issue_supervision(
        db, number, SupervisionInput(TODAY, "督办", _recipients(1), referral_id=out.referral_id),
        actor=actor("x"), today=TODAY,
    ).unwrap()  # fmt: skip
    report_back(
        db, out.referral_id, unit, ReportInput("已办结", TODAY), actor=actor("x"), today=TODAY
    ).unwrap()
    kinds = [e.kind for e in referral_history(db, out.petition_id)]
    assert kinds == [
        ReferralEvent.REFERRED,
        ReferralEvent.RECEIVED,
        ReferralEvent.URGED,
        ReferralEvent.EXTENDED,
        ReferralEvent.SUPERVISED,
        ReferralEvent.REPORTED,
    ]
    closed = urge_referral(
        db, out.referral_id, urged_on=TODAY, method=UrgeMethod.SLIP, actor=actor("x"), today=TODAY
    )
    assert not closed.ok
