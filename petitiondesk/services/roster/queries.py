"""The published roster (排班公示): rows for the list, the print-out and other services."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, time
from typing import Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from petitiondesk.core.enums import AppointmentKind, AppointmentStatus
from petitiondesk.core.roster import TimeSpan, weekday_label
from petitiondesk.store.db import Database
from petitiondesk.store.models import Appointment, Leader, RosterChange, RosterEntry

from ..calendar import load_calendar
from .leaders import portfolio_text

#: Appointment statuses that hold a place in the slot (a cancelled one does not).
ACTIVE_STATUSES: Final = (
    AppointmentStatus.BOOKED,
    AppointmentStatus.SEEN,
    AppointmentStatus.NO_SHOW,
)


@dataclass(frozen=True)
class RosterRow:
    """One line of the roster list / 排班公示.

    ``calendar_uncovered``: the date rests on a guessed calendar (stored flag, or the
    year is still not covered); regenerate the period after entering the holidays.
    ``on_day_off``: the current calendar says the date is a day off (the holiday table
    changed after the slot was made) — the clerk should move or remove it.
    """

    entry_id: int
    rule_id: int | None
    day: date
    weekday: str
    start: time
    end: time
    time_text: str
    half_day: str
    place: str
    leader_id: int
    leader_name: str
    leader_title: str
    leader_active: bool
    portfolio: tuple[str, ...]
    portfolio_text: str
    accompany_department: str
    accompany_person: str
    accompany: str
    calendar_uncovered: bool
    on_day_off: bool
    day_off_name: str
    manual: bool
    changed: bool
    note: str
    booked: int
    capacity: int
    walk_ins: int
    #: The slot's version when read (a form hands it back; issue 14).
    version: int | None = field(default=None, compare=False)

    @property
    def booked_text(self) -> str:
        return f"{self.booked}/{self.capacity}"


def count_bookings(session: Session, ids: Sequence[int], kind: AppointmentKind) -> dict[int, int]:
    """entry id -> its ``kind`` (appointment / walk-in) rows that hold a place."""
    if not ids:
        return {}
    stmt = (
        select(Appointment.entry_id, func.count(Appointment.id))
        .where(
            Appointment.entry_id.in_(list(ids)),
            Appointment.kind == kind,
            Appointment.status.in_(ACTIVE_STATUSES),
        )
        .group_by(Appointment.entry_id)
    )
    return {entry_id: int(n) for entry_id, n in session.execute(stmt)}


def roster_rows(session: Session, entries: Sequence[RosterEntry]) -> list[RosterRow]:
    calendar = load_calendar(session)
    ids = [e.id for e in entries]
    booked = count_bookings(session, ids, AppointmentKind.APPOINTMENT)
    walk_ins = count_bookings(session, ids, AppointmentKind.WALK_IN)
    changed = (
        set(session.scalars(select(RosterChange.entry_id).where(RosterChange.entry_id.in_(ids))))
        if ids
        else set()
    )
    rows = []
    for e in entries:
        info = calendar.day(e.day)
        span = TimeSpan(e.start_time, e.end_time)
        dept = e.accompany_department.name if e.accompany_department is not None else ""
        accompany = " ".join(part for part in (dept, e.accompany_person) if part)
        rows.append(
            RosterRow(
                entry_id=e.id,
                rule_id=e.rule_id,
                day=e.day,
                weekday=weekday_label(e.day),
                start=e.start_time,
                end=e.end_time,
                time_text=span.text,
                half_day=span.half_day,
                place=e.place,
                leader_id=e.leader_id,
                leader_name=e.leader.name,
                leader_title=e.leader.title,
                leader_active=e.leader.active,
                portfolio=tuple(c.name for c in e.leader.categories),
                portfolio_text=portfolio_text(e.leader),
                accompany_department=dept,
                accompany_person=e.accompany_person,
                accompany=accompany,
                calendar_uncovered=e.calendar_uncovered or not info.covered,
                on_day_off=not info.is_workday,
                day_off_name=(info.name or "休息日") if not info.is_workday else "",
                manual=e.manual,
                changed=e.id in changed,
                note=e.note,
                booked=booked.get(e.id, 0),
                capacity=e.capacity,
                walk_ins=walk_ins.get(e.id, 0),
                version=e.version,
            )
        )
    return rows


def list_roster(db: Database, date_from: date, date_to: date) -> list[RosterRow]:
    """The roster between two dates (inclusive), by date, time and place."""
    with db.read() as session:
        entries = list(
            session.scalars(
                select(RosterEntry)
                .where(RosterEntry.day >= date_from, RosterEntry.day <= date_to)
                .options(
                    selectinload(RosterEntry.leader).selectinload(Leader.categories),
                    selectinload(RosterEntry.accompany_department),
                )
                .order_by(RosterEntry.day, RosterEntry.start_time, RosterEntry.place)
            )
        )
        return roster_rows(session, entries)


def roster_entry(db: Database, entry_id: int) -> RosterRow | None:
    with db.read() as session:
        entry = session.get(RosterEntry, entry_id)
        return roster_rows(session, [entry])[0] if entry is not None else None


def entries_between(session: Session, day_from: date, day_to: date) -> list[RosterEntry]:
    """Entries in ``[day_from, day_to]`` with leader and portfolio loaded (for services)."""
    return list(
        session.scalars(
            select(RosterEntry)
            .where(RosterEntry.day >= day_from, RosterEntry.day <= day_to)
            .options(selectinload(RosterEntry.leader).selectinload(Leader.categories))
            .order_by(RosterEntry.day, RosterEntry.start_time, RosterEntry.place, RosterEntry.id)
        )
    )
