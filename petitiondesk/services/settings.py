"""Office settings the program reads and the first-start questions it asks once."""

from __future__ import annotations

from sqlalchemy import func, select

from petitiondesk.core.group_rules import GroupRules
from petitiondesk.store.db import Database
from petitiondesk.store.models import OfficeSettings, Petition

from . import audit


def group_visit_rules(db: Database) -> GroupRules:
    """The office's representative limits (the national rule until they are set)."""
    with db.read() as session:
        row = session.get(OfficeSettings, 1)
        if row is None:
            return GroupRules()
        return GroupRules(
            group_rep_limit=row.group_rep_limit,
            small_group_rep_limit=row.small_group_rep_limit,
            small_group_max_people=row.small_group_max_people,
        )


def demo_offer_pending(db: Database) -> bool:
    """True on a first start: the offer to load demo data was never answered and the register is empty."""
    with db.read() as session:
        office = session.get(OfficeSettings, 1)
        if office is None or office.demo_offer_answered:
            return False
        return not session.scalar(select(func.count(Petition.id)))


def mark_demo_offer_answered(db: Database, *, actor: str = "system") -> None:
    with db.write() as session:
        office = session.get(OfficeSettings, 1)
        if office is not None and not office.demo_offer_answered:
            before = audit.snapshot(office)
            office.demo_offer_answered = True
            audit.record(
                session, actor=actor, action="answer_demo_offer", entity=office, before=before
            )
