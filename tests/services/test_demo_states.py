"""The demo register shows every state this part of the program knows."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select

from petitiondesk.core.docno import parse_doc_no
from petitiondesk.core.enums import AcceptanceDecision, Channel, RejectionReason
from petitiondesk.services.acceptance import pending_acceptance
from petitiondesk.services.bootstrap import ensure_defaults
from petitiondesk.services.demo import load_demo
from petitiondesk.store.db import Database
from petitiondesk.store.models import ConversationRecord, Petition

NOW = datetime(2026, 11, 20, 12, 0)


def snapshot(db: Database) -> list[tuple[object, ...]]:
    with db.read() as session:
        rows = session.execute(
            select(Petition.register_no, Petition.status, Petition.notice_no, Petition.forward_due,
                   Petition.redirect_body).order_by(Petition.id)
        ).all()  # fmt: skip
        talks = session.execute(
            select(ConversationRecord.petition_id, ConversationRecord.content).order_by(
                ConversationRecord.id
            )
        ).all()
    return [tuple(r) for r in rows] + [tuple(t) for t in talks]


def test_demo_has_notices_conversations_and_pending_cases(db: Database) -> None:
    load_demo(db, visits=200, seed=1, now=NOW)
    with db.read() as session:
        decided = session.scalars(select(Petition).where(Petition.acceptance.is_not(None))).all()
        assert decided and all(p.notice_no for p in decided)
        assert {p.acceptance for p in decided} == set(AcceptanceDecision)
        by_year: dict[int, list[int]] = {}
        for p in decided:
            prefix, year, seq = parse_doc_no(p.notice_no)
            assert (
                prefix == "青信"
                and p.acceptance_date is not None
                and year == p.acceptance_date.year
            )
            by_year.setdefault(year, []).append(seq)
        for seqs in by_year.values():  # gap-free per year
            assert sorted(seqs) == list(range(1, len(seqs) + 1))
        for p in decided:
            if p.acceptance is AcceptanceDecision.FORWARD:
                assert p.forward_due is not None and p.redirect_body
                assert p.rejection_reason is RejectionReason.OTHER_BODY
            if p.rejection_reason is RejectionReason.OTHER_BODY:
                assert p.redirect_body
        talks = session.scalars(select(ConversationRecord)).all()
        assert len(talks) >= 10
        for talk in talks:
            p = session.get(Petition, talk.petition_id)
            assert (
                p is not None and p.channel is Channel.VISIT and talk.leader_id == p.duty_leader_id
            )
            assert talk.content and talk.leader_instruction and talk.recorder == p.receiving_officer
        assert (
            session.scalar(select(func.count(Petition.id)).where(Petition.acceptance.is_(None))) > 0
        )
    pending = pending_acceptance(db, date(2026, 11, 20))
    assert pending and all(p.days_remaining is not None for p in pending)


def test_demo_stays_deterministic(tmp_path: Path) -> None:
    snapshots = []
    for name in ("a.sqlite", "b.sqlite"):
        database = Database.open(tmp_path / name, create=True)
        ensure_defaults(database)
        load_demo(database, visits=60, seed=4, now=NOW)
        snapshots.append(snapshot(database))
        database.close()
    assert snapshots[0] == snapshots[1]
