"""Referring an accepted case: numbers, units, 包案领导, deadlines, estimates, Art. 30."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from petitiondesk.core.enums import CaseSource, CaseStatus, ReferralKind
from petitiondesk.core.referral_rules import ART30_CONFIDENTIAL
from petitiondesk.services.referrals import (
    ReferInput,
    SourceInput,
    case_referrals,
    deadline_preview,
    default_case_leader,
    refer_case,
    set_case_source,
)
from petitiondesk.store.db import Database
from petitiondesk.store.models import AuditLog, Petition
from tests.helpers import actor
from tests.services.referrals.setup import ACCEPTED, TODAY, accepted_case, refer


def test_refer_numbers_units_and_deadline(db: Database, units: dict[str, int]) -> None:
    number = accepted_case(db)
    out = refer(db, number, units["城关镇人民政府"], units["青山县自然资源局"])
    assert out.referral_no == "转〔2026〕1号"
    assert out.kind is ReferralKind.FORWARD
    assert out.co_units == ("青山县自然资源局",)
    assert out.case_leader == "张建国"  # the leader on duty who received the visit
    # 20 working days from 2026-11-25 (no holiday in between)
    assert out.deadline.due == date(2026, 12, 23)
    assert not out.deadline.estimate
    second = accepted_case(db)  # the same petitioner again
    assert refer(db, second, units["信访科"]).referral_no == "交〔2026〕1号"
    with db.read() as session:
        p = session.get(Petition, out.petition_id)
        assert p is not None and p.status is CaseStatus.REFERRED
        assert (
            session.scalar(
                select(func.count()).select_from(AuditLog).where(AuditLog.action == "refer_case")
            )
            == 2
        )
    view = case_referrals(db, out.petition_id)[0]
    assert [u.lead for u in view.units] == [True, False]
    assert view.due_text == "20个工作日，自交办之日起 → 2026-12-23"


def test_preview_text_from_acceptance_day(db: Database) -> None:
    result = deadline_preview(db, date(2024, 12, 5), "handling", counted_from="受理之日")
    assert result.ok
    preview = result.unwrap()
    assert preview.text == "60日，自受理之日起，遇节假日顺延 → 2025-02-05"
    assert not preview.estimate
    assert not deadline_preview(db, TODAY, "no_such_rule").ok


def test_an_estimate_must_be_acknowledged(db: Database, units: dict[str, int]) -> None:
    number = accepted_case(db)
    data = ReferInput(units["信访科"], TODAY, "handling", start_on=ACCEPTED)
    refused = refer_case(db, number, data, actor=actor("赵丽"), today=TODAY)
    assert not refused.ok and "推算" in refused.errors["acknowledge_estimate"]
    data.acknowledge_estimate = True
    out = refer_case(db, number, data, actor=actor("赵丽"), today=TODAY).unwrap()
    assert out.deadline.estimate
    assert out.deadline.text.startswith("60日，自受理之日起，遇节假日顺延 → 2027-01-")


def test_referral_to_the_accused_unit_is_refused(db: Database, units: dict[str, int]) -> None:
    number = accepted_case(db, confidential=True, accused="城关镇人民政府副镇长李某")
    data = ReferInput(units["城关镇人民政府"], TODAY, "dept_reply")
    refused = refer_case(db, number, data, actor=actor("赵丽"), today=TODAY)
    assert not refused.ok
    assert ART30_CONFIDENTIAL in refused.errors["lead_unit_id"]
    data = ReferInput(units["信访科"], TODAY, "dept_reply", co_unit_ids=(units["城关镇人民政府"],))
    assert "co_unit_ids" in refer_case(db, number, data, actor=actor("赵丽"), today=TODAY).errors
    assert refer(db, number, units["信访科"]).redacted


def test_kind_must_match_the_lead_unit(db: Database, units: dict[str, int]) -> None:
    number = accepted_case(db)
    data = ReferInput(units["城关镇人民政府"], TODAY, "dept_reply", kind=ReferralKind.ASSIGN)
    assert "kind" in refer_case(db, number, data, actor=actor("赵丽"), today=TODAY).errors


def test_only_accepted_cases_once_at_a_time(db: Database, units: dict[str, int]) -> None:
    number = accepted_case(db)
    refer(db, number, units["信访科"])
    again = refer_case(
        db, number, ReferInput(units["督查科"], TODAY, "dept_reply"), actor=actor("x"), today=TODAY
    )
    assert "尚在办理中" in again.errors["case"]


def test_default_case_leader_by_portfolio(db: Database, units: dict[str, int]) -> None:
    from petitiondesk.store.models import IssueCategory, Leader

    with db.write() as session:
        leader = session.scalars(select(Leader).where(Leader.name == "李红梅")).one()
        leader.categories = [session.get_one(IssueCategory, 1)]
    number = accepted_case(db, duty_leader_id=None)
    choice = default_case_leader(db, number)
    assert choice is not None and choice.name == "李红梅" and choice.why == "分管该类问题"


def test_source_deadline_caps_the_office_rule(db: Database, units: dict[str, int]) -> None:
    number = accepted_case(db)
    set_case_source(
        db, number,
        SourceInput(CaseSource.HOTLINE, "12345政务服务便民热线", "GD20261125001", date(2026, 12, 4)),
        actor=actor("赵丽"),
    ).unwrap()  # fmt: skip
    out = refer(db, number, units["信访科"], rule="dept_reply")
    assert out.deadline.due == date(2026, 12, 4)
    assert out.deadline.capped_by_source
    assert "来源单位期限 2026-12-04" in out.deadline.text
