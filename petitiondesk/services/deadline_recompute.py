"""Recompute every open deadline after the holiday calendar changed.

A deadline is stored with the date it started from and the rule it was set with
(``core.deadlines.format_rule_spec``; rows from before migration 0003 have none and fall
back to the office's current rule of the same code). When the office enters or changes a
year, :func:`plan_recompute` lists what would move against the new calendar, and
:func:`apply_recompute` writes the new dates, clears the 待核 flags (``*_uncovered``)
and leaves one audit row per change. Editing a rule never moves a deadline: only the
calendar does.

Open deadlines: the written-notice limit of an undecided petition, the forward limit of
a forwarded one, the handling limit (60 days) of an accepted one not yet closed, the
deadline of an open referral (or of its extensions; a referral capped by its source's
own earlier deadline keeps that date), and the decision limit of an undecided review
(复查/复核; a hearing's days are not counted). Supervision slips carry dates a leader
set by hand, not a rule, and are left alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from petitiondesk.core.closure import hearing_days
from petitiondesk.core.deadlines import DeadlineRule as CoreRule
from petitiondesk.core.deadlines import Due, due_date, parse_rule_spec
from petitiondesk.core.enums import CaseStatus, DayUnit, ReferralStatus, ReviewLevel
from petitiondesk.core.workcalendar import WorkCalendar
from petitiondesk.store.models import (
    Base,
    DeadlineRule,
    Extension,
    Petition,
    Referral,
    ReviewRequest,
)

from . import audit

#: Statuses in which the handling limit (办理期限) still runs.
HANDLING_OPEN = (
    CaseStatus.ACCEPTED,
    CaseStatus.REFERRED,
    CaseStatus.REREFER,
    CaseStatus.ANSWERED,
)


@dataclass(frozen=True)
class DeadlineMove:
    """One open deadline the new calendar changes: its date, its 待核 flag, or both."""

    petition_id: int
    register_no: str
    what: str  # e.g. 办理期限, 交办期限（JB2027-3）
    old_due: date
    new_due: date
    was_estimate: bool
    estimate: bool

    @property
    def moved(self) -> bool:
        return self.old_due != self.new_due

    @property
    def text(self) -> str:
        """``2027-00003 办理期限 2027-02-08 → 2027-02-15（已确定）``."""
        tail = "（仍为推算）" if self.estimate else "（已确定）"
        return (
            f"{self.register_no} {self.what} {self.old_due.isoformat()} → "
            f"{self.new_due.isoformat()}{tail}"
        )


@dataclass(frozen=True)
class _Slot:
    entity: Base
    petition: Petition
    what: str
    due_attr: str
    flag_attr: str | None
    start: date
    spec: str
    fallback_code: str
    follow: Callable[[date, date], None] | None = None  # also move a copy of the date
    cap: date | None = None  # a fixed earlier date wins (a source's own deadline)


@dataclass(frozen=True)
class PendingChange:
    move: DeadlineMove
    slot: _Slot


def _petition_slots(session: Session) -> Iterator[_Slot]:
    undecided = select(Petition).where(
        Petition.status == CaseStatus.REGISTERED,
        Petition.acceptance.is_(None),
        Petition.acceptance_due.is_not(None),
    )
    for p in session.scalars(undecided):
        yield _Slot(
            p, p, "受理告知期限", "acceptance_due", "acceptance_due_uncovered",
            p.received_at.date(), p.acceptance_due_rule, "acceptance_notice",
        )  # fmt: skip
    forwarded = select(Petition).where(
        Petition.status == CaseStatus.FORWARDED,
        Petition.forward_due.is_not(None),
        Petition.acceptance_date.is_not(None),
    )
    for p in session.scalars(forwarded):
        assert p.acceptance_date is not None
        yield _Slot(
            p, p, "转送期限", "forward_due", "forward_due_uncovered",
            p.acceptance_date, p.forward_due_rule, "forward_other_body",
        )  # fmt: skip
    handling = select(Petition).where(
        Petition.status.in_(HANDLING_OPEN),
        Petition.handling_due.is_not(None),
        Petition.acceptance_date.is_not(None),
    )
    for p in session.scalars(handling):
        assert p.acceptance_date is not None
        yield _Slot(
            p, p, "办理期限", "handling_due", "handling_due_uncovered",
            p.acceptance_date, p.handling_due_rule, "handling",
        )  # fmt: skip


def _extension_slot(referral: Referral, ext: Extension) -> _Slot:
    """An extension runs ``days`` calendar days from the old deadline (Art. 34), rolled to
    a working day; when the referral's date is this extension's end, it follows."""

    def follow(old: date, new: date) -> None:
        if referral.due_date == old:
            referral.due_date = new

    spec = f"extension:{ext.days}:{DayUnit.CALENDAR.value}:1"
    what = f"延期后期限（{referral.referral_no}）"
    return _Slot(ext, referral.petition, what, "new_due", None, ext.old_due, spec, "", follow)


def _handling_slots(session: Session) -> Iterator[_Slot]:
    referrals = select(Referral).where(Referral.status == ReferralStatus.OPEN)
    options = (selectinload(Referral.extensions), joinedload(Referral.petition))
    for r in session.scalars(referrals.options(*options)).unique():
        if r.extensions:
            yield from (_extension_slot(r, ext) for ext in r.extensions)
            continue
        yield _Slot(
            r, r.petition, f"交办期限（{r.referral_no}）", "due_date", "due_uncovered",
            r.start_date, r.due_rule, r.deadline_rule_code, cap=r.source_due,
        )  # fmt: skip
    reviews = select(ReviewRequest).where(
        ReviewRequest.decided_at.is_(None), ReviewRequest.due_date.is_not(None)
    )
    for rv in session.scalars(reviews.options(joinedload(ReviewRequest.petition))):
        second = rv.level is ReviewLevel.RE_REVIEW
        # A hearing (听证) stops the clock: count from the request moved by its length.
        start = rv.requested_at + timedelta(days=hearing_days(rv.hearing_start, rv.hearing_end))
        yield _Slot(
            rv, rv.petition, f"{rv.level.label}办理期限", "due_date", "due_uncovered",
            start, rv.due_rule, "rereview_decision" if second else "review_decision",
        )  # fmt: skip


def _rule_of(slot: _Slot, current: dict[str, CoreRule]) -> CoreRule | None:
    if slot.spec:
        try:
            return parse_rule_spec(slot.spec)[1]
        except ValueError:
            pass
    return current.get(slot.fallback_code)


def plan_recompute(session: Session, calendar: WorkCalendar) -> list[PendingChange]:
    """The open deadlines whose date or 待核 flag differs under ``calendar``."""
    current = {
        r.code: CoreRule(r.days, r.unit, r.roll_to_workday)
        for r in session.scalars(select(DeadlineRule))
    }
    out: list[PendingChange] = []
    for slot in (*_petition_slots(session), *_handling_slots(session)):
        rule = _rule_of(slot, current)
        old = getattr(slot.entity, slot.due_attr)
        if rule is None or old is None:
            continue
        due = due_date(calendar, slot.start, rule)
        if slot.cap is not None and slot.cap < due.due:
            due = Due(slot.cap, True, "")
        was = bool(getattr(slot.entity, slot.flag_attr)) if slot.flag_attr else False
        if due.due == old and was == (not due.covered):
            continue
        move = DeadlineMove(
            slot.petition.id, slot.petition.register_no, slot.what,
            old, due.due, was, not due.covered,
        )  # fmt: skip
        out.append(PendingChange(move, slot))
    out.sort(key=lambda c: (c.move.register_no, c.move.what))
    return out


def apply_recompute(session: Session, changes: Sequence[PendingChange], *, actor: str) -> None:
    """Write the changes, one audit row each (before/after of the row that holds the date)."""
    for change in changes:
        slot, move = change.slot, change.move
        before = audit.snapshot(slot.entity)
        setattr(slot.entity, slot.due_attr, move.new_due)
        if slot.flag_attr:
            setattr(slot.entity, slot.flag_attr, move.estimate)
        if slot.follow is not None:
            slot.follow(move.old_due, move.new_due)
        audit.record(
            session,
            actor=actor,
            action="recompute_deadline",
            entity=slot.entity,
            summary=f"节假日安排变更，重算期限：{move.text}",
            before=before,
        )
