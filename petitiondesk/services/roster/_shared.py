"""Helpers the roster modules share: slot text, the rota, days off, a leader's clashes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from petitiondesk.core.roster import (
    RotationLeader,
    TimeSpan,
    format_day,
    format_md,
    rotation_order,
    spans_overlap,
)
from petitiondesk.core.workcalendar import WorkCalendar
from petitiondesk.store.models import Leader, RosterEntry

from ..stale import stale_errors

#: Bookings per slot accepted by the rule and entry forms.
MAX_CAPACITY: Final = 200


@dataclass(frozen=True)
class Saved:
    """A saved row's id, plus advice that did not stop the save."""

    id: int
    warnings: tuple[str, ...] = ()


def span_text(entry: RosterEntry) -> str:
    return TimeSpan(entry.start_time, entry.end_time).text


def entry_stale(entry: RosterEntry, version: int | None) -> dict[str, str]:
    """The stale-edit refusal if the slot changed since the form loaded ``version``
    (:attr:`RosterRow.version`; None: no check; issue 14)."""
    return stale_errors(entry, version, f"排班 {slot_text(entry)}")


def slot_text(entry: RosterEntry) -> str:
    """``2026年10月8日（星期四）08:30-12:00 县信访接待中心``."""
    place = f" {entry.place}" if entry.place else ""
    return f"{format_day(entry.day)}{span_text(entry)}{place}"


def active_leaders(session: Session) -> list[Leader]:
    """Active leaders in rota order (rotation_order, then id)."""
    stmt = select(Leader).where(Leader.active).order_by(Leader.rotation_order, Leader.id)
    return list(session.scalars(stmt))


def rota(leaders: Iterable[Leader]) -> list[RotationLeader]:
    return rotation_order(RotationLeader(ld.id, ld.rotation_order) for ld in leaders)


def day_off_message(calendar: WorkCalendar, day: date) -> str | None:
    """``None`` on a working day, else why no reception can be held that day."""
    info = calendar.day(day)
    if info.is_workday:
        return None
    what = f"{info.name}假期" if info.name else "休息日"
    return f"{format_day(day)}是{what}，不能安排接待"


def leader_conflict(
    session: Session,
    leader_id: int,
    day: date,
    start: time,
    end: time,
    exclude: Iterable[int] = (),
) -> RosterEntry | None:
    """An entry that already puts ``leader_id`` on duty at an overlapping time that day."""
    skip = set(exclude)
    stmt = select(RosterEntry).where(RosterEntry.leader_id == leader_id, RosterEntry.day == day)
    for other in session.scalars(stmt):
        if other.id not in skip and spans_overlap(start, end, other.start_time, other.end_time):
            return other
    return None


def conflict_message(leader: Leader, other: RosterEntry) -> str:
    where = f"在{other.place}" if other.place else ""
    return (
        f"{leader.name}在{format_md(other.day)} {span_text(other)} 已{where}接待，"
        "同一时间不能安排两处"
    )


def leader_available(
    session: Session,
    leader: Leader,
    day: date,
    start: time,
    end: time,
    exclude: Iterable[int] = (),
) -> str | None:
    """Why ``leader`` cannot receive on ``day`` from ``start`` to ``end`` (inactive, or
    busy then), else ``None``."""
    if not leader.active:
        return f"{leader.name}已停用（不在岗），不能安排接待"
    other = leader_conflict(session, leader.id, day, start, end, exclude)
    return conflict_message(leader, other) if other is not None else None


def load_entry(session: Session, entry_id: int) -> RosterEntry | None:
    return session.get(RosterEntry, entry_id)
