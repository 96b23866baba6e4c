"""Planning a rule's slots over a period on the working-day calendar (顺延/提前/skip)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time, timedelta
from itertools import groupby
from typing import Final

from petitiondesk.core.enums import DayOffPolicy, PlanSkipKind
from petitiondesk.core.workcalendar import CalendarError, WorkCalendar

from .rules import RuleSpec, is_nominal
from .spans import TimeSpan, format_day, format_md

#: A day off is moved at most this far (顺延/提前); real holiday breaks are ≤ 9 days.
MAX_MOVE_DAYS: Final = 31

_ONE_DAY: Final = timedelta(days=1)

# --- planning ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedSlot:
    """One reception time span the rule asks for.

    ``moved_from`` is the nominal date when the slot was moved off a day off (顺延/提前).
    ``calendar_uncovered`` is True when the date (or the search that moved it) lies in
    a year whose holiday notice is not entered: the date is a Monday–Friday guess.
    """

    day: date
    start: time
    end: time
    place: str
    moved_from: date | None = None
    calendar_uncovered: bool = False

    @property
    def span(self) -> TimeSpan:
        return TimeSpan(self.start, self.end)

    @property
    def key(self) -> tuple[date, time, str]:
        """What the database keeps unique: date, start time, place."""
        return (self.day, self.start, self.place)


@dataclass(frozen=True)
class SkippedDay:
    """A nominal date the plan dropped, and why (Chinese ``reason``)."""

    day: date
    kind: PlanSkipKind
    reason: str
    target: date | None = None


@dataclass(frozen=True)
class SlotPlan:
    slots: tuple[PlannedSlot, ...]
    skipped: tuple[SkippedDay, ...]

    @property
    def moved(self) -> int:
        """Slots (time spans) that were moved off a day off."""
        return sum(1 for s in self.slots if s.moved_from is not None)


@dataclass(frozen=True)
class _Candidate:
    nominal: date
    target: date
    uncovered: bool

    @property
    def moved(self) -> bool:
        return self.nominal != self.target

    @property
    def rank(self) -> tuple[int, int, date]:
        return (int(self.moved), abs((self.target - self.nominal).days), self.nominal)


def _dates(first: date, last: date) -> Iterator[date]:
    d = first
    while d <= last:
        yield d
        d += _ONE_DAY


def _day_off_name(calendar: WorkCalendar, d: date) -> str:
    name = calendar.holiday_name(d)
    return f"{name}假期" if name else "休息日"


def _collision_reason(calendar: WorkCalendar, best: _Candidate, other: _Candidate) -> str:
    """Why ``other``, moved onto the day ``best`` keeps, is not held twice."""
    verb = "顺延" if other.target > other.nominal else "提前"
    kept = (
        "本规则原定的接待日"
        if not best.moved
        else f"由{format_md(best.nominal)}{'顺延' if best.target > best.nominal else '提前'}的接待日"
    )
    return (
        f"{format_day(other.nominal)}是{_day_off_name(calendar, other.nominal)}，"
        f"{verb}至{format_md(other.target)}，但该日已有{kept}，不再重复安排"
    )


def plan_slots(spec: RuleSpec, calendar: WorkCalendar, start: date, end: date) -> SlotPlan:
    """The slots ``spec`` asks for whose final date lies in ``[start, end]``.

    Every slot falls on a working day of ``calendar`` (a guessed one when uncovered).
    ``skipped`` lists the nominal dates in ``[start, end]`` that were dropped.
    """
    if end < start:
        return SlotPlan((), ())
    policy = spec.on_day_off
    margin = timedelta(0) if policy is DayOffPolicy.SKIP else timedelta(days=MAX_MOVE_DAYS)
    try:
        lo, hi = start - margin, end + margin
    except OverflowError:
        lo, hi = start, end
    skipped: list[SkippedDay] = []

    def skip(nominal: date, kind: PlanSkipKind, reason: str, target: date | None = None) -> None:
        if start <= nominal <= end:
            skipped.append(SkippedDay(nominal, kind, reason, target))

    candidates: list[_Candidate] = []
    for d in _dates(lo, hi):
        if not is_nominal(spec, d, calendar):
            continue
        info = calendar.day(d)
        if info.is_workday:
            candidates.append(_Candidate(d, d, not info.covered))
            continue
        off = f"{format_day(d)}是{_day_off_name(calendar, d)}"
        if policy is DayOffPolicy.SKIP:
            skip(d, PlanSkipKind.DAY_OFF, f"{off}，按规则不安排接待")
            continue
        forward = policy is DayOffPolicy.NEXT
        verb = "顺延" if forward else "提前"
        try:
            found = calendar.next_workday(d) if forward else calendar.previous_workday(d)
        except CalendarError as exc:
            skip(d, PlanSkipKind.TOO_FAR, f"{off}，无法{verb}：{exc}")
            continue
        if abs((found.day - d).days) > MAX_MOVE_DAYS:
            reason = f"{off}，{verb}超过{MAX_MOVE_DAYS}天，不安排接待"
            skip(d, PlanSkipKind.TOO_FAR, reason, found.day)
            continue
        candidates.append(_Candidate(d, found.day, not info.covered or not found.covered))

    winners: list[_Candidate] = []
    candidates.sort(key=lambda c: (c.target, c.rank))
    for _target, group in groupby(candidates, key=lambda c: c.target):
        best, *others = list(group)
        winners.append(best)
        for other in others:
            reason = _collision_reason(calendar, best, other)
            skip(other.nominal, PlanSkipKind.COLLISION, reason, other.target)

    slots = [
        PlannedSlot(
            day=c.target,
            start=span.start,
            end=span.end,
            place=spec.place,
            moved_from=c.nominal if c.moved else None,
            calendar_uncovered=c.uncovered,
        )
        for c in winners
        if start <= c.target <= end
        for span in spec.spans
    ]
    slots.sort(key=lambda s: (s.day, s.start))
    skipped.sort(key=lambda s: s.day)
    return SlotPlan(tuple(slots), tuple(skipped))
