"""Acceptance decision rules and the notice wording (core/acceptance.py)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from petitiondesk.core.acceptance import (
    BASIS_ARTICLES,
    MSG_BODY_FOR_FORWARD,
    MSG_BODY_FOR_OTHER,
    MSG_REASON_REQUIRED,
    basis_article,
    check_acceptance,
    notice_text,
)
from petitiondesk.core.enums import AcceptanceDecision, RejectionReason

RECEIVED = date(2026, 11, 20)
TODAY = date(2026, 11, 30)

decisions = st.sampled_from(list(AcceptanceDecision))
reasons = st.one_of(st.none(), st.sampled_from(list(RejectionReason)))
bodies = st.sampled_from(["", "  ", "青山县人民法院", "青山县生态环境分局"])
days = st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31))


def test_each_decision_needs_what_it_prints() -> None:
    ok = check_acceptance(AcceptanceDecision.ACCEPT, None, "", RECEIVED, RECEIVED, TODAY)
    assert ok == {}
    assert check_acceptance(AcceptanceDecision.REJECT, None, "", TODAY, RECEIVED, TODAY) == {
        "reason": MSG_REASON_REQUIRED
    }
    assert check_acceptance(
        AcceptanceDecision.REJECT, RejectionReason.OTHER_BODY, " ", TODAY, RECEIVED, TODAY
    ) == {"redirect_body": MSG_BODY_FOR_OTHER}
    assert (
        check_acceptance(
            AcceptanceDecision.REJECT, RejectionReason.REVIEW_CONCLUDED, "", TODAY, RECEIVED, TODAY
        )
        == {}
    )
    assert check_acceptance(AcceptanceDecision.FORWARD, None, "", TODAY, RECEIVED, TODAY) == {
        "redirect_body": MSG_BODY_FOR_FORWARD
    }
    assert "reason" in check_acceptance(
        AcceptanceDecision.ACCEPT, RejectionReason.LITIGATION, "", TODAY, RECEIVED, TODAY
    )


@given(decisions, reasons, bodies, days)
def test_decision_date_must_lie_between_receipt_and_today(
    decision: AcceptanceDecision, reason: RejectionReason | None, body: str, decided: date
) -> None:
    errors = check_acceptance(decision, reason, body, decided, RECEIVED, TODAY)
    assert ("decided_on" in errors) == (not RECEIVED <= decided <= TODAY)


@given(decisions, reasons, bodies)
def test_rules_per_decision(
    decision: AcceptanceDecision, reason: RejectionReason | None, body: str
) -> None:
    errors = check_acceptance(decision, reason, body, RECEIVED + timedelta(days=1), RECEIVED, TODAY)
    has_body = bool(body.strip())
    if decision is AcceptanceDecision.ACCEPT:
        assert ("reason" in errors) == (reason is not None)
        assert ("redirect_body" in errors) == has_body
    elif decision is AcceptanceDecision.REJECT:
        assert ("reason" in errors) == (reason is None)
        assert ("redirect_body" in errors) == (
            (reason is RejectionReason.OTHER_BODY and not has_body)
            or (reason is RejectionReason.REVIEW_CONCLUDED and has_body)
        )
    else:
        assert ("reason" in errors) == (reason not in (None, RejectionReason.OTHER_BODY))
        assert ("redirect_body" in errors) == (not has_body)


@given(decisions, reasons, bodies)
def test_every_valid_decision_has_a_notice_citing_article_23(
    decision: AcceptanceDecision, reason: RejectionReason | None, body: str
) -> None:
    if check_acceptance(decision, reason, body, RECEIVED, RECEIVED, TODAY):
        return
    text = notice_text(
        decision=decision,
        reason=reason,
        redirect_body=body,
        name="王秀英",
        received_on=RECEIVED,
        channel_label="走访",
        register_no="2026-00001",
    )
    assert text.body.startswith("王秀英：\n")
    assert "2026年11月20日" in text.body and "2026-00001" in text.body
    article = basis_article(decision, reason)
    assert article in text.body and article in text.basis
    assert text.body.endswith("特此告知。")
    if body.strip() and decision is not AcceptanceDecision.ACCEPT:
        assert body.strip() in text.body
    if reason is not None and decision is AcceptanceDecision.REJECT:
        assert reason.label in text.basis


def test_wording_per_decision() -> None:
    common = {
        "name": "李四",
        "received_on": RECEIVED,
        "channel_label": "来信",
        "register_no": "2026-00002",
    }
    accept = notice_text(
        decision=AcceptanceDecision.ACCEPT, reason=None, redirect_body="", **common
    )
    assert (
        accept.title == "信访事项受理告知书"
        and "予以受理" in accept.body
        and "60日内" in accept.body
    )
    litigation = notice_text(
        decision=AcceptanceDecision.REJECT,
        reason=RejectionReason.LITIGATION,
        redirect_body="",
        **common,
    )
    assert litigation.title == "信访事项不予受理告知书"
    assert "诉讼、仲裁、行政复议" in litigation.body and "人民法院" in litigation.redirect
    forward = notice_text(
        decision=AcceptanceDecision.FORWARD, reason=None, redirect_body="青山县民政局", **common
    )
    assert forward.title == "信访事项转送告知书" and "转送青山县民政局" in forward.body


#: The article of 《信访工作条例》(2022) each decision and reason cites.
EXPECTED_ARTICLES = [
    (AcceptanceDecision.ACCEPT, None, "第二十三条"),  # written notice within 15 days
    (AcceptanceDecision.FORWARD, None, "第二十二条"),  # register and forward within 15 days
    (AcceptanceDecision.FORWARD, RejectionReason.OTHER_BODY, "第二十二条"),
    (AcceptanceDecision.REJECT, RejectionReason.LITIGATION, "第二十九条"),  # legal procedures
    (AcceptanceDecision.REJECT, RejectionReason.REVIEW_CONCLUDED, "第三十六条"),  # after 复核
    (AcceptanceDecision.REJECT, RejectionReason.OTHER_BODY, "第二十二条"),  # told where to go
]


@pytest.mark.parametrize(("decision", "reason", "article"), EXPECTED_ARTICLES)
def test_each_decision_and_reason_cites_its_own_article(
    decision: AcceptanceDecision, reason: RejectionReason | None, article: str
) -> None:
    assert basis_article(decision, reason) == f"《信访工作条例》{article}"
    text = notice_text(
        decision=decision, reason=reason, redirect_body="青山县人民法院", name="王秀英",
        received_on=RECEIVED, channel_label="走访", register_no="2026-00001",
    )  # fmt: skip
    assert article in text.basis and article in text.body
    others = {a for _, _, a in EXPECTED_ARTICLES} - {article}
    assert not any(other in text.body or other in text.basis for other in others)


def test_every_reason_has_an_article() -> None:
    for reason in RejectionReason:
        assert (AcceptanceDecision.REJECT, reason) in BASIS_ARTICLES


def test_one_naming_pattern_for_the_three_titles() -> None:
    titles = {
        notice_text(
            decision=decision, reason=reason, redirect_body="青山县民政局", name="李四",
            received_on=RECEIVED, channel_label="来信", register_no="2026-00002",
        ).title
        for decision, reason, _ in EXPECTED_ARTICLES
    }  # fmt: skip
    assert titles == {"信访事项受理告知书", "信访事项不予受理告知书", "信访事项转送告知书"}
