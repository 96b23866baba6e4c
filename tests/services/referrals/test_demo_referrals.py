"""The demo holds referrals in every state the 交办督办 tab knows."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from petitiondesk.core.enums import CaseSource, CaseStatus, DueState, ReferralStatus
from petitiondesk.services.demo import load_demo
from petitiondesk.services.referrals import case_supervision, referral_board
from petitiondesk.store.db import Database
from petitiondesk.store.models import Extension, Petition, Referral

NOW = datetime(2026, 11, 20, 12, 0)


def test_demo_referrals_in_every_state(db: Database) -> None:
    load_demo(db, visits=200, seed=1, now=NOW)
    board = referral_board(db, NOW.date())
    assert all(board.counts[s] for s in DueState), board.counts
    with db.read() as session:
        referrals = session.scalars(select(Referral)).all()
        statuses = {r.status for r in referrals}
        assert {ReferralStatus.OPEN, ReferralStatus.ANSWERED, ReferralStatus.OBJECTED} <= statuses
        assert session.scalar(select(Extension.id).limit(1)) is not None
        sources = set(session.scalars(select(Petition.source_kind)))
        assert {CaseSource.HOTLINE, CaseSource.ABOVE_ASSIGN} <= sources
        assert any(r.redacted for r in referrals)
        assert (
            session.scalar(select(Petition.id).where(Petition.status == CaseStatus.REREFER)) is None
        )  # the objected case was re-referred
        cases = {r.petition_id for r in referrals}
    slips = [v for pid in sorted(cases) for v in case_supervision(db, pid)]
    assert slips and 0 < slips[0].returned_count < len(slips[0].recipients)
    numbers = [r.referral_no for r in board.rows]
    assert len(numbers) == len(set(numbers))
