"""The demo data tells a coherent story (issue 9): registrations today, conversation
records on reception days within reception hours, instructions to the department that
handles the matter, group visits only by visit."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from sqlalchemy import select

from petitiondesk.core.enums import AcceptanceDecision, Channel
from petitiondesk.services import cases
from petitiondesk.services.demo import CATEGORY_UNITS, load_demo
from petitiondesk.store.db import Database
from petitiondesk.store.models import ConversationRecord, Petition, ReceptionRule


def _slots(text: str) -> list[tuple[time, time]]:
    out = []
    for part in text.split(";"):
        start, end = part.split("-")
        out.append((time.fromisoformat(start), time.fromisoformat(end)))
    return out


@pytest.mark.parametrize("now", [datetime(2026, 11, 20, 15, 5), datetime(2026, 11, 23, 9, 40)])
def test_demo_registers_visits_today(db: Database, now: datetime) -> None:
    load_demo(db, visits=120, seed=2, now=now)
    today = now.date()
    assert cases.count_cases(db, day_from=today, day_to=today) >= 2
    with db.read() as session:
        latest = session.scalar(select(Petition.received_at).order_by(Petition.received_at.desc()))
    assert latest is not None and latest <= now


def test_demo_is_coherent(db: Database) -> None:
    load_demo(db, visits=200, seed=1, now=datetime(2026, 11, 20, 12, 0))
    with db.read() as session:
        rules = session.scalars(select(ReceptionRule)).all()
        weekdays = {rule.weekday for rule in rules}
        slots = [slot for rule in rules for slot in _slots(rule.slots)]
        talks = session.scalars(select(ConversationRecord)).all()
        assert len(talks) >= 10
        for talk in talks:
            petition = session.get(Petition, talk.petition_id)
            assert petition is not None and petition.channel is Channel.VISIT
            assert talk.held_at.weekday() in weekdays, talk.held_at
            assert talk.held_at.date() == petition.received_at.date()
            assert talk.held_at >= petition.received_at
            assert any(start <= talk.held_at.time() <= end for start, end in slots), talk.held_at
            assert petition.category is not None
            assert CATEGORY_UNITS[petition.category.name] in talk.leader_instruction
        petitions = session.scalars(select(Petition)).all()
        groups = [p for p in petitions if p.is_group or p.people_count > 1]
        assert groups and all(p.channel is Channel.VISIT for p in groups)
        for p in petitions:
            if p.acceptance is AcceptanceDecision.FORWARD:
                assert p.category is not None
                assert p.redirect_body == CATEGORY_UNITS[p.category.name]
