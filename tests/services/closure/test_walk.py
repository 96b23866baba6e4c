"""One case from acceptance to 复核终结, and a new visit on the same matter flagged at
intake: each state change checked in the database and in the audit log."""

from __future__ import annotations

from datetime import date, datetime

from petitiondesk.core.enums import (
    AcceptanceDecision,
    CaseStatus,
    DeliveryMethod,
    OpinionDecision,
    ReferralStatus,
    RejectionReason,
    ReviewLevel,
    ReviewOutcome,
    Satisfaction,
    SurveyMethod,
)
from petitiondesk.services import closure
from petitiondesk.services.intake import register_visit
from petitiondesk.services.referrals import ReportInput, case_referrals, report_back
from petitiondesk.services.repeats import earlier_by_person, similar_open_petitions
from petitiondesk.store.db import Database
from tests.helpers import GOOD_ID, visit_input
from tests.services.closure.setup import (
    CLERK,
    audit_after,
    audit_count,
    last_audit,
    status,
)
from tests.services.referrals.setup import accepted_case, refer


def _step_audited(db: Database, before: int, action: str) -> dict[str, object]:
    assert audit_count(db) == before + 1
    row = last_audit(db)
    assert row.action == action and row.actor == CLERK
    return audit_after(row)


def test_case_walks_from_acceptance_to_final_and_a_new_visit_is_flagged(
    db: Database, units: dict[str, int]
) -> None:
    number = accepted_case(db)
    out = refer(db, number, units["青山县住房和城乡建设局"])
    unit = units["青山县住房和城乡建设局"]
    report_back(
        db, out.referral_id, unit,
        ReportInput("经调查，补偿款已拨付。", date(2026, 11, 30), doc_no="青住建〔2026〕8号"),
        actor=CLERK, today=date(2026, 11, 30),
    ).unwrap()  # fmt: skip
    assert status(db, number) is CaseStatus.ANSWERED
    assert closure.closing_check(db, number) == [
        "尚未记录办理结果（办结报告）",
        "尚未保存信访处理意见书（未编文号）",
        "尚未记录意见书的送达情况",
    ]

    # 1. The completion report, prefilled from the report-back.
    draft = closure.completion_report_draft(db, number)
    assert draft is not None and draft.doc_no == "青住建〔2026〕8号"
    assert draft.department_id == unit and draft.handling == "经调查，补偿款已拨付。"
    draft.signer, draft.investigation = "周局长", "实地走访核实。"
    n = audit_count(db)
    view = closure.record_completion_report(
        db, number, draft, actor=CLERK, today=date(2026, 12, 1)
    ).unwrap()
    assert view.report is not None and view.report.unit == "青山县住房和城乡建设局"
    assert _step_audited(db, n, "record_completion_report")["report_doc_no"] == "青住建〔2026〕8号"

    # 2. The opinion: drafted, edited, numbered on saving.
    opinion = closure.draft_opinion(db, number, today=date(2026, 12, 1))
    assert opinion is not None and opinion.decision is None
    assert opinion.decision_text == "经调查，补偿款已拨付。" and opinion.review_days == 30
    assert "30日内" in opinion.review_route
    refused = closure.save_opinion(db, number, opinion, actor=CLERK, today=date(2026, 12, 1))
    assert not refused.ok and "decision" in refused.errors
    opinion.decision = OpinionDecision.SUPPORT
    n = audit_count(db)
    view = closure.save_opinion(db, number, opinion, actor=CLERK, today=date(2026, 12, 1)).unwrap()
    assert view.opinion is not None and view.opinion.number == "信访复〔2026〕1号"
    assert view.opinion.title == "信访处理意见书"
    assert _step_audited(db, n, "save_opinion")["opinion_no"] == "信访复〔2026〕1号"

    # 3. Delivery by registered mail; the receipt date comes later.
    n = audit_count(db)
    mail = closure.DeliveryInput(
        DeliveryMethod.REGISTERED_MAIL, date(2026, 12, 2), tracking_no="XA123456789CN"
    )
    view = closure.record_delivery(db, number, mail, actor=CLERK, today=date(2026, 12, 2)).unwrap()
    assert view.delivery is not None and view.delivery.received_on is None
    assert _step_audited(db, n, "record_delivery")["delivery_tracking"] == "XA123456789CN"
    assert closure.review_window(db, number) is None  # not closed, nothing received
    n = audit_count(db)
    closure.record_receipt(db, number, date(2026, 12, 4), actor=CLERK, today=date(2026, 12, 4))
    assert _step_audited(db, n, "record_opinion_receipt")["delivered_at"] == "2026-12-04"

    # 4. Satisfaction.
    n = audit_count(db)
    survey = closure.SatisfactionInput(
        Satisfaction.BASICALLY, SurveyMethod.PHONE, date(2026, 12, 5)
    )
    closure.record_satisfaction(db, number, survey, actor=CLERK, today=date(2026, 12, 5)).unwrap()
    assert _step_audited(db, n, "record_satisfaction")["satisfaction"] == "basically"

    # 5. Closed.
    assert closure.closing_check(db, number) == []
    n = audit_count(db)
    view = closure.close_case(
        db, number, closed_on=date(2026, 12, 7), actor=CLERK, today=date(2026, 12, 7)
    ).unwrap()
    assert view.status is CaseStatus.CLOSED and status(db, number) is CaseStatus.CLOSED
    assert _step_audited(db, n, "close_case")["status"] == "closed"
    assert [r.status for r in case_referrals(db, out.petition_id)] == [ReferralStatus.CLOSED]
    form = closure.closure_form(db, number)
    assert form is not None and form.unit == "青山县住房和城乡建设局"
    assert form.satisfaction is Satisfaction.BASICALLY and form.reply_date == date(2026, 12, 1)

    # 6. 复查 in time (window: 30 days from receipt on 12-04 → 2027-01-03).
    window = closure.review_window(db, number)
    assert window is not None and window.level is ReviewLevel.REVIEW
    assert window.received_on == date(2026, 12, 4)
    n = audit_count(db)
    review = closure.request_review(
        db, number, closure.ReviewInput(ReviewLevel.REVIEW, date(2026, 12, 20), body="青山市信访局"),
        actor=CLERK, today=date(2026, 12, 20),
    ).unwrap()  # fmt: skip
    assert status(db, number) is CaseStatus.IN_REVIEW
    assert review.due_date is not None and review.due_rule == "review_decision:30:calendar:1"
    assert _step_audited(db, n, "request_review")["level"] == "review"

    # 7. The 复查 decision, received; the case is closed again.
    n = audit_count(db)
    decided = closure.decide_review(
        db, review.review_id,
        closure.ReviewDecisionInput(
            ReviewOutcome.UPHOLD, "维持原处理意见。", date(2027, 1, 8), received_on=date(2027, 1, 9)
        ),
        actor=CLERK, today=date(2027, 1, 10),
    ).unwrap()  # fmt: skip
    assert decided.decision_no == "信访复查〔2027〕1号"
    assert status(db, number) is CaseStatus.CLOSED
    assert audit_count(db) == n + 2  # the review, and the case's status change
    assert last_audit(db).action == "case_status"

    # 8. 复核, decided: 复核终结.
    rereview = closure.request_review(
        db, number, closure.ReviewInput(ReviewLevel.RE_REVIEW, date(2027, 1, 20)),
        actor=CLERK, today=date(2027, 1, 20),
    ).unwrap()  # fmt: skip
    assert rereview.previous_id == review.review_id
    assert status(db, number) is CaseStatus.IN_REVIEW
    closure.decide_review(
        db, rereview.review_id,
        closure.ReviewDecisionInput(ReviewOutcome.UPHOLD, "维持复查意见。", date(2027, 2, 10)),
        actor=CLERK, today=date(2027, 2, 10),
    ).unwrap()  # fmt: skip
    assert status(db, number) is CaseStatus.FINAL
    assert audit_after(last_audit(db))["status"] == "final"
    assert closure.review_window(db, number) is None

    # 9. A new visit on the same matter: flagged at intake, refusal proposed.
    new = visit_input(
        received_at=datetime(2027, 3, 1, 9, 0), summary="再次反映拆迁补偿款未按协议发放。"
    )
    similar = similar_open_petitions(
        db, category_id=1, summary=new.summary, now=datetime(2027, 3, 1)
    )
    assert [c.register_no for c in similar] == [number]
    assert similar[0].final and similar[0].final_label == "已复核终结"
    person = earlier_by_person(db, id_number=GOOD_ID)
    assert person[0].final
    again = register_visit(db, new, actor=CLERK, now=new.received_at).unwrap().register_no
    proposal = closure.acceptance_proposal(db, again)
    assert proposal is not None and proposal.final_register_no == number
    assert proposal.decision is AcceptanceDecision.REJECT
    assert proposal.reason is RejectionReason.REVIEW_CONCLUDED
    assert "2027-02-10" in proposal.note and proposal.basis.endswith("第三十六条")
