"""The demo register holds every state of the 办结 tab: closed with and without review,
a 复查 window open, a 复查 due, and a 复核终结 matter with a new visit on it."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from petitiondesk.core.docno import parse_doc_no
from petitiondesk.core.enums import CaseStatus, ReviewLevel, Satisfaction
from petitiondesk.services import closure
from petitiondesk.services.demo import load_demo
from petitiondesk.services.repeats import similar_open_petitions
from petitiondesk.store.db import Database
from petitiondesk.store.models import Closure, Petition, ReviewRequest

NOW = datetime(2026, 11, 20, 12, 0)


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db, visits=200, seed=1, now=NOW)
    return db


def _views(db: Database) -> list[closure.ClosureView]:
    with db.read() as session:
        numbers = session.scalars(
            select(Petition.register_no).join(Closure, Closure.petition_id == Petition.id)
        ).all()
    views = [closure.case_closure(db, n) for n in numbers]
    return [v for v in views if v is not None]


def test_closed_cases_with_and_without_review(demo: Database) -> None:
    views = _views(demo)
    closed = [v for v in views if v.status is CaseStatus.CLOSED]
    plain = [v for v in closed if not v.reviews]
    reviewed = [v for v in closed if v.reviews]
    assert len(plain) >= 3 and len(reviewed) == 1
    for v in views:  # opinion, delivery and satisfaction recorded on every one
        assert v.opinion is not None and v.opinion.number and v.opinion.review_route
        assert v.delivery is not None and v.delivery.received_on is not None
        assert v.satisfaction is not Satisfaction.NOT_ASKED and v.closed_at is not None
        assert v.report is not None and v.missing == ()
    assert reviewed[0].reviews[0].decided_on is not None
    assert closure.closing_check(demo, plain[0].register_no) == ["事项已办结"]


def test_board_has_an_open_window_and_a_review_due(demo: Database) -> None:
    board = closure.closure_board(demo, NOW.date())
    assert board.windows_open, "a closed case whose 复查 window is open"
    assert board.reviews_due, "a 复查 awaiting its decision"
    due = board.reviews_due[0]
    assert due.due_date is not None and 0 <= (due.due_date - NOW.date()).days <= 5


def test_final_matter_and_the_new_visit_on_it(demo: Database) -> None:
    with demo.read() as session:
        final = session.scalars(select(Petition).where(Petition.status == CaseStatus.FINAL)).one()
        levels = session.scalars(
            select(ReviewRequest.level).where(ReviewRequest.petition_id == final.id)
        ).all()
        # The demo may hold earlier repeat visits of the same case too; the new visit on the
        # final matter is the newest one, still undecided.
        repeats = session.scalars(select(Petition).where(Petition.repeat_of_id == final.id)).all()
        visit = max((p for p in repeats if p.acceptance is None), key=lambda p: p.register_no)
        assert visit.petitioner_id == final.petitioner_id
        assert visit.category_id == final.category_id and visit.acceptance is None
        category, summary, number = visit.category_id, visit.summary, visit.register_no
        final_no = final.register_no
    assert sorted(levels, key=lambda lv: lv.value) == [ReviewLevel.RE_REVIEW, ReviewLevel.REVIEW]
    similar = similar_open_petitions(demo, category_id=category, summary=summary, now=NOW)
    flagged = [c for c in similar if c.register_no == final_no]
    assert flagged and flagged[0].final_label == "已复核终结"
    proposal = closure.acceptance_proposal(demo, number)
    assert proposal is not None and proposal.final_register_no == final_no


def test_demo_numbers_are_gap_free_in_date_order(demo: Database) -> None:
    with demo.read() as session:
        rows = session.execute(
            select(Closure.reply_date, Closure.opinion_no).order_by(Closure.reply_date)
        ).all()
        decisions = session.execute(
            select(ReviewRequest.decided_at, ReviewRequest.decision_no, ReviewRequest.level)
            .where(ReviewRequest.decided_at.is_not(None))
            .order_by(ReviewRequest.decided_at)
        ).all()
    seqs: dict[int, list[int]] = {}
    for day, number in rows:
        prefix, year, seq = parse_doc_no(number)
        assert prefix == "青信复" and year == day.year
        seqs.setdefault(year, []).append(seq)
    for found in seqs.values():
        assert found == list(range(1, len(found) + 1))
    assert sorted(d.level.value for d in decisions) == ["re_review", "review", "review"]
    assert all(d.decision_no for d in decisions)
