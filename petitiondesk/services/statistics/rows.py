"""The plain rows a statistics report is computed from, read with Core queries (no ORM
objects: a year of 100 000 visits is a list of small tuples)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session

from petitiondesk.core.enums import (
    AcceptanceDecision,
    CaseStatus,
    Channel,
    OpinionDecision,
    ReferralStatus,
    Satisfaction,
)
from petitiondesk.core.statistics import CaseFact, ReferralFact, Vocabulary
from petitiondesk.store.models import (
    Closure,
    Department,
    Extension,
    IssueCategory,
    Petition,
    Referral,
)


def _start(day: date) -> datetime:
    return datetime.combine(day, time.min)


def _after(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time.min)


def vocabulary(session: Session) -> Vocabulary:
    """The office's categories in their settings order (inactive ones too: old cases)."""
    names = session.scalars(
        select(IssueCategory.name).order_by(IssueCategory.sort_order, IssueCategory.id)
    )
    return Vocabulary(categories=tuple(names))


def _result(
    acceptance: AcceptanceDecision | None,
    closed_at: datetime | None,
    decision: OpinionDecision | None,
) -> str:
    if acceptance is AcceptanceDecision.REJECT:
        return AcceptanceDecision.REJECT.label
    if acceptance is AcceptanceDecision.FORWARD:
        return AcceptanceDecision.FORWARD.label
    if closed_at is not None and decision is not None:
        return decision.label
    return ""


def case_facts(session: Session, first: date, last: date) -> list[CaseFact]:
    """Every petition received in ``[first, last]`` or closed in it."""
    latest = (
        select(Referral.petition_id, func.max(Referral.id).label("referral_id"))
        .where(Referral.status != ReferralStatus.OBJECTED)
        .group_by(Referral.petition_id)
        .subquery()
    )
    stmt = (
        select(
            Petition.received_at,
            Petition.channel,
            IssueCategory.name,
            Department.name,
            Petition.status,
            Petition.acceptance,
            Closure.closed_at,
            Closure.opinion_decision,
            Closure.satisfaction,
            Petition.repeat_of_id,
            Petition.is_group,
            Petition.skipped_level,
            Petition.confidential,
            Petition.people_count,
        )
        .outerjoin(IssueCategory, IssueCategory.id == Petition.category_id)
        .outerjoin(Closure, Closure.petition_id == Petition.id)
        .outerjoin(latest, latest.c.petition_id == Petition.id)
        .outerjoin(Referral, Referral.id == latest.c.referral_id)
        .outerjoin(Department, Department.id == Referral.department_id)
        .where(
            or_(
                and_(Petition.received_at >= _start(first), Petition.received_at < _after(last)),
                and_(Closure.closed_at >= _start(first), Closure.closed_at < _after(last)),
            )
        )
    )
    facts = []
    for row in session.execute(stmt):
        (received, channel, category, unit, status, acceptance, closed_at, decision) = row[:8]
        satisfaction, repeat_of, group, skipped, confidential, people = row[8:]
        facts.append(
            CaseFact(
                received=received.date(),
                channel=Channel(channel).label,
                category=category or "",
                unit=unit or "",
                status=CaseStatus(status).label,
                result=_result(acceptance, closed_at, decision),
                repeat=repeat_of is not None,
                group=bool(group),
                skipped_level=bool(skipped),
                confidential=bool(confidential),
                people=people or 1,
                closed=closed_at.date() if closed_at is not None else None,
                satisfaction=Satisfaction(satisfaction).label if closed_at is not None else "",
            )
        )
    return facts


def referral_facts(session: Session, first: date, last: date) -> list[ReferralFact]:
    """Every referral made in ``[first, last]`` (a unit's 回退 left out: not its matter)."""
    referred = func.coalesce(Referral.referred_on, Referral.start_date)
    extended = exists().where(Extension.referral_id == Referral.id)
    stmt = (
        select(Department.name, referred, Referral.due_date, Referral.answered_at, extended)
        .join(Department, Department.id == Referral.department_id)
        .where(referred >= first, referred <= last, Referral.status != ReferralStatus.OBJECTED)
    )
    return [
        ReferralFact(unit, day, due, answered, bool(was_extended))
        for unit, day, due, answered, was_extended in session.execute(stmt)
    ]
