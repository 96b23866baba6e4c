"""A small register counted by hand (May 2026), written straight into the database
(the statistics tests of services/ and gui/ share it through their conftest)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from petitiondesk.core.enums import (
    CaseStatus,
    Channel,
    DepartmentKind,
    OpinionDecision,
    ReferralKind,
    Satisfaction,
)
from petitiondesk.store.db import Database
from petitiondesk.store.models import (
    Closure,
    Department,
    Extension,
    IssueCategory,
    Petition,
    Referral,
)


def _petition(session, seq: int, received: datetime, channel: Channel, category: str | None,
              **extra: object) -> Petition:  # type: ignore[no-untyped-def]  # fmt: skip
    category_id = None
    if category is not None:
        category_id = session.scalar(select(IssueCategory.id).where(IssueCategory.name == category))
    petition = Petition(
        register_no=f"{received.year}-{seq:05d}", year=received.year, seq=seq, channel=channel,
        received_at=received, category_id=category_id, summary="反映问题", **extra,
    )  # fmt: skip
    session.add(petition)
    session.flush()
    return petition


def _refer(session, petition: Petition, unit: Department, seq: int, on: date, due: date,
           answered: date | None = None, extended: bool = False) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    referral = Referral(
        petition_id=petition.id, referral_no=f"JB-{seq}", kind=ReferralKind.ASSIGN,
        department_id=unit.id, start_date=on, referred_on=on, due_date=due, answered_at=answered,
    )  # fmt: skip
    session.add(referral)
    session.flush()
    if extended:
        session.add(Extension(referral_id=referral.id, reason="情况复杂", days=10, approved_by="局长",
                              approved_at=on, old_due=due, new_due=due))  # fmt: skip


def _close(session, petition: Petition, on: datetime, satisfaction: Satisfaction) -> None:  # type: ignore[no-untyped-def]
    session.add(Closure(petition_id=petition.id, closed_at=on, satisfaction=satisfaction,
                        opinion_decision=OpinionDecision.SUPPORT))  # fmt: skip


def fill_may_register(db: Database) -> Database:
    """May 2026: 4 visits (1 repeat, 1 group of 8, 1 越级 + confidential), 2 closed in May
    (10 and 4 days); April: 2 visits; May 2025: 1 visit. Referrals in May: 住建局 3
    (1 on time, 1 late and extended, 1 not yet due), 交通局 1 (overdue)."""
    with db.write() as session:
        zj = Department(name="住建局", kind=DepartmentKind.EXTERNAL)
        jt = Department(name="交通局", kind=DepartmentKind.EXTERNAL)
        session.add_all([zj, jt])
        session.flush()
        april = _petition(session, 1, datetime(2026, 4, 20, 9), Channel.VISIT, "劳动社保",
                          status=CaseStatus.CLOSED)  # fmt: skip
        _petition(session, 2, datetime(2026, 4, 21, 9), Channel.ONLINE, "城乡建设")
        first = _petition(session, 3, datetime(2026, 5, 3, 9), Channel.VISIT, "城乡建设",
                          repeat_of_id=april.id, status=CaseStatus.CLOSED)  # fmt: skip
        second = _petition(session, 4, datetime(2026, 5, 10, 9), Channel.LETTER, "城乡建设",
                           is_group=True, people_count=8, status=CaseStatus.REFERRED)  # fmt: skip
        _petition(session, 5, datetime(2026, 5, 20, 9), Channel.PHONE, "劳动社保",
                  skipped_level=True, confidential=True)  # fmt: skip
        last = _petition(session, 6, datetime(2026, 5, 31, 23, 30), Channel.ONLINE, None,
                         status=CaseStatus.REFERRED)  # fmt: skip
        _petition(session, 1, datetime(2025, 5, 6, 9), Channel.VISIT, "城乡建设")
        _close(session, first, datetime(2026, 5, 13, 16), Satisfaction.SATISFIED)
        _close(session, april, datetime(2026, 5, 1, 10), Satisfaction.UNSATISFIED)
        _refer(session, first, zj, 1, date(2026, 5, 3), date(2026, 5, 20), date(2026, 5, 12))
        _refer(session, second, zj, 2, date(2026, 5, 10), date(2026, 5, 25), date(2026, 5, 28),
               extended=True)  # fmt: skip
        _refer(session, last, zj, 3, date(2026, 5, 31), date(2026, 6, 20))
        _refer(session, second, jt, 4, date(2026, 5, 11), date(2026, 5, 21))
    return db


def add_may_visit(db: Database) -> None:
    """One more May visit (a refresh must show 5)."""
    with db.write() as session:
        _petition(session, 7, datetime(2026, 5, 25, 10), Channel.VISIT, "城乡建设")
