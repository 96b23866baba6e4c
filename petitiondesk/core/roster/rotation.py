"""Rotation: the next leader in order, passing over one already busy (依次递补)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from itertools import groupby

from .planning import PlannedSlot
from .spans import spans_overlap

# --- rotation ----------------------------------------------------------------------------

RotationKey = tuple[int, int]


@dataclass(frozen=True)
class RotationLeader:
    """A leader's place in the rota: ordered by ``(rotation_order, id)``."""

    id: int
    rotation_order: int

    @property
    def key(self) -> RotationKey:
        return (self.rotation_order, self.id)


def rotation_order(leaders: Iterable[RotationLeader]) -> list[RotationLeader]:
    return sorted(leaders, key=lambda leader: leader.key)


def rotation_start(leaders: Sequence[RotationLeader], after: RotationKey | None) -> int:
    """Index in ``leaders`` (rota order) of the leader who comes after ``after``.

    ``after`` is the rota key of the leader who had the previous turn; that leader need
    not be in ``leaders`` any more (deactivated): the rota still continues with whoever
    follows them. ``None`` (no previous turn) starts at 0.
    """
    if after is None or not leaders:
        return 0
    for index, leader in enumerate(leaders):
        if leader.key > after:
            return index
    return 0


def rotation_after(leaders: Sequence[RotationLeader], after: RotationKey) -> list[RotationLeader]:
    """All leaders in rota order starting after ``after``, wrapping round, without the
    leader whose key is ``after`` (for 依次递补: who comes next after this one)."""
    if not leaders:
        return []
    begin = rotation_start(leaders, after)
    ordered = list(leaders[begin:]) + list(leaders[:begin])
    return [leader for leader in ordered if leader.key != after]


@dataclass(frozen=True)
class BusySpan:
    """A leader already on duty at a time (an existing roster entry)."""

    leader_id: int
    day: date
    start: time
    end: time


@dataclass(frozen=True)
class ExistingDay:
    """A date on which the rule already has entries.

    ``rotation_key`` is the rota key of the leader the rotation gave the date (before any
    substitution); ``leader_id`` is who is on duty now; ``spans`` are the (start time,
    place) pairs already present.
    """

    rotation_key: RotationKey
    leader_id: int
    spans: frozenset[tuple[time, str]] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Assignment:
    """A planned slot and its leader. ``passed_over`` are the leaders whose turn it was
    but who were busy at that time (递补)."""

    slot: PlannedSlot
    leader_id: int
    passed_over: tuple[int, ...] = ()


@dataclass(frozen=True)
class RotationResult:
    assignments: tuple[Assignment, ...]
    #: slots already present (not reassigned)
    existing: tuple[PlannedSlot, ...]
    #: slots no leader was free for
    unassigned: tuple[PlannedSlot, ...]
    #: where the rota stands after the last date (for the next call)
    next_index: int


class _Busy:
    def __init__(self, spans: Iterable[BusySpan]) -> None:
        self._by_day: dict[tuple[int, date], list[tuple[time, time]]] = {}
        for span in spans:
            self.add(span.leader_id, span.day, span.start, span.end)

    def add(self, leader_id: int, day: date, start: time, end: time) -> None:
        self._by_day.setdefault((leader_id, day), []).append((start, end))

    def free(self, leader_id: int, day: date, slots: Iterable[PlannedSlot]) -> bool:
        taken = self._by_day.get((leader_id, day), [])
        return not any(
            spans_overlap(s.start, s.end, b_start, b_end) for s in slots for b_start, b_end in taken
        )


def assign_rotation(
    slots: Sequence[PlannedSlot],
    leaders: Sequence[RotationLeader],
    start_index: int = 0,
    *,
    existing: Mapping[date, ExistingDay] | None = None,
    busy: Iterable[BusySpan] = (),
) -> RotationResult:
    """Give each date of ``slots`` a leader in rota order, starting at ``start_index``.

    ``leaders`` are the active leaders in rota order (see ``rotation_order``). All
    spans of one date go to one leader. A date in ``existing`` keeps its leader (never
    reassigned) and moves the rota on past the leader the rotation gave it; a span of
    such a date that is missing goes to the date's leader when free. A leader who is
    busy (``busy``, or an assignment made here) at an overlapping time is passed over.
    The result never puts one leader on two overlapping spans.
    """
    existing = existing or {}
    taken = _Busy(busy)
    assignments: list[Assignment] = []
    kept: list[PlannedSlot] = []
    unassigned: list[PlannedSlot] = []
    count = len(leaders)
    pointer = start_index % count if count else 0

    def first_free(day: date, wanted: Sequence[PlannedSlot]) -> int | None:
        for step in range(count):
            index = (pointer + step) % count
            if taken.free(leaders[index].id, day, wanted):
                return index
        return None

    ordered = sorted(slots, key=lambda s: (s.day, s.start, s.place))
    for day, group in groupby(ordered, key=lambda s: s.day):
        day_slots = list(group)
        known = existing.get(day)
        if known is not None:
            missing = [s for s in day_slots if (s.start, s.place) not in known.spans]
            kept.extend(s for s in day_slots if (s.start, s.place) in known.spans)
            pointer = rotation_start(leaders, known.rotation_key)
            if not missing:
                continue
            if taken.free(known.leader_id, day, missing):
                chosen_id: int | None = known.leader_id
            else:
                index = first_free(day, missing)
                chosen_id = None if index is None else leaders[index].id
            if chosen_id is None:
                unassigned.extend(missing)
                continue
            for s in missing:
                taken.add(chosen_id, day, s.start, s.end)
                assignments.append(Assignment(s, chosen_id))
            continue
        if count == 0:
            unassigned.extend(day_slots)
            continue
        index = first_free(day, day_slots)
        if index is None:
            unassigned.extend(day_slots)
            continue
        passed = tuple(leaders[(pointer + k) % count].id for k in range((index - pointer) % count))
        leader_id = leaders[index].id
        for s in day_slots:
            taken.add(leader_id, day, s.start, s.end)
            assignments.append(Assignment(s, leader_id, passed))
        pointer = (index + 1) % count
    return RotationResult(tuple(assignments), tuple(kept), tuple(unassigned), pointer)


def first_free_in_rotation(
    leaders: Sequence[RotationLeader],
    after: RotationKey,
    is_free: Callable[[int], bool],
) -> RotationLeader | None:
    """依次递补: the first leader after ``after`` in rota order for whom ``is_free``."""
    for leader in rotation_after(leaders, after):
        if is_free(leader.id):
            return leader
    return None
