"""The tab badges' cheap counts (issue 15, start-up) agree with the loaded boards."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from petitiondesk.services import closure, referrals
from petitiondesk.services.demo import load_demo
from petitiondesk.store.db import Database

NOW = datetime(2026, 11, 20, 12, 0)


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db, visits=200, seed=1, now=NOW)
    return db


def test_referral_counts_equal_the_board_counts(demo: Database) -> None:
    seen = set()
    for days in (-60, -10, 0, 5, 15, 30, 60, 120):
        as_of = NOW.date() + timedelta(days=days)
        board = referrals.referral_board(demo, as_of)
        counts = referrals.referral_counts(demo, as_of)
        assert counts.counts == board.counts, as_of
        assert counts.title == board.title and counts.soon_days == board.soon_days
        seen.update(state for state, n in board.counts.items() if n)
    assert len(seen) == 3  # overdue, due soon and normal were all compared


def test_closure_counts_equal_the_board_counts(demo: Database) -> None:
    for as_of in (NOW.date(), NOW.date() + timedelta(days=20), date(2027, 6, 1)):
        assert closure.closure_counts(demo, as_of) == closure.closure_board(demo, as_of).counts
    assert all(closure.closure_counts(demo, NOW.date()))  # none of the three is empty
