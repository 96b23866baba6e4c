"""Slots that still take bookings, those whose leader owns the visitor's issue first
(谁主管、谁接访, seed 000 篇3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from sqlalchemy.orm import Session

from petitiondesk.core.enums import AppointmentKind
from petitiondesk.core.roster import TimeSpan, format_md, weekday_label
from petitiondesk.core.workcalendar import WorkCalendar
from petitiondesk.store.db import Database

from ..calendar import load_calendar
from ..roster import count_bookings, entries_between


@dataclass(frozen=True)
class SlotSuggestion:
    """A slot that still takes bookings. ``covers_category``: its leader owns the issue."""

    entry_id: int
    day: date
    weekday: str
    start: time
    end: time
    time_text: str
    place: str
    leader_id: int
    leader_name: str
    leader_title: str
    covers_category: bool
    booked: int
    capacity: int
    calendar_uncovered: bool

    @property
    def remaining(self) -> int:
        return self.capacity - self.booked

    @property
    def label(self) -> str:
        """``10月13日（星期二）08:30-12:00 李红梅``."""
        return f"{format_md(self.day)}（{self.weekday}）{self.time_text} {self.leader_name}"


def suggestions(
    session: Session,
    calendar: WorkCalendar,
    category_id: int | None,
    date_from: date,
    date_to: date,
) -> list[SlotSuggestion]:
    entries = entries_between(session, date_from, date_to)
    booked = count_bookings(session, [e.id for e in entries], AppointmentKind.APPOINTMENT)
    found = []
    for e in entries:
        count = booked.get(e.id, 0)
        if count >= e.capacity or not e.leader.active or not calendar.is_workday(e.day):
            continue
        span = TimeSpan(e.start_time, e.end_time)
        found.append(
            SlotSuggestion(
                entry_id=e.id,
                day=e.day,
                weekday=weekday_label(e.day),
                start=e.start_time,
                end=e.end_time,
                time_text=span.text,
                place=e.place,
                leader_id=e.leader_id,
                leader_name=e.leader.name,
                leader_title=e.leader.title,
                covers_category=category_id is not None
                and any(c.id == category_id for c in e.leader.categories),
                booked=count,
                capacity=e.capacity,
                calendar_uncovered=e.calendar_uncovered or not calendar.is_covered(e.day),
            )
        )
    found.sort(key=lambda s: (not s.covers_category, s.day, s.start, s.place, s.entry_id))
    return found


def suggest_slots(
    db: Database, category_id: int | None, date_from: date, date_to: date
) -> list[SlotSuggestion]:
    """Slots in ``[date_from, date_to]`` that still take bookings: those whose leader
    owns ``category_id`` first, then the rest; each group by date and time. Full slots,
    slots of a deactivated leader and slots on a day off are left out."""
    with db.read() as session:
        return suggestions(session, load_calendar(session), category_id, date_from, date_to)
