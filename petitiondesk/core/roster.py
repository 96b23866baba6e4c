"""Leaders' reception-day roster (领导接待日排班): rules, slot planning, rotation.

Pure functions over the working-day calendar (``WorkCalendar``); no database, no Qt.

Rule kinds (``ReceptionRuleKind``) and the dates each one *names* (its nominal dates):

- ``WEEKDAY``: every given weekday (每周一, seed 000; 每周二, seed 003).
- ``NTH_WEEKDAY``: the n-th given weekday of each month (每月第一个星期三, seed 001);
  ``nth`` is 1..5 or -1 for the last one. A month without a 5th such weekday has none.
- ``EVERY_WORKDAY``: every working day of the calendar, in rotation (seed 003). Make-up
  working days on weekends (调休补班, e.g. Saturday 2026-10-10) count, because the rule
  says "working day".
- ``FIRST_WEEK``: 每月第一周的星期一至星期五 (seed 003). **Definition:** the Monday to
  Friday of the week that begins on the month's first Monday — always five dates, all
  inside the month (between the 1st and the 11th). The rule names Monday to Friday, so
  the office gets a full five-day week every month, and the answer does not depend on
  where the holidays fall (a "week containing the first working day" reading gives zero
  days in January 2026, whose first working day is the make-up Sunday 01-04).

A rule never adds a weekday it does not name: a make-up Saturday is a working day but
not a Monday, so WEEKDAY / NTH_WEEKDAY / FIRST_WEEK rules do not get a slot on it.

A nominal date that is a day off (法定节假日, or an ordinary weekend for a rule naming
Saturday or Sunday) follows the rule's ``DayOffPolicy``: ``SKIP`` drops it, ``NEXT``
(顺延) moves it to the next working day, ``PREVIOUS`` (提前) to the previous working day
(which may be a make-up weekend day: it is an official working day). Moves farther than
``MAX_MOVE_DAYS`` are dropped. When several slots of one rule land on the same date, the
slot that was not moved wins, else the one moved the shortest distance (then the earlier
nominal date); the others are dropped, with the reason.

A slot belongs to the period that contains its *final* date, so planning consecutive
periods gives exactly the slots of planning their union (nothing lost or doubled at the
boundary); a dropped nominal date is reported in the period containing the nominal date.

Dates outside the calendar's coverage (years whose holiday notice is not entered) are
planned on the Monday–Friday guess and flagged ``calendar_uncovered``.

Rotation: active leaders ordered by ``(rotation_order, id)``; one leader takes all time
spans of one rule on one date; the next date goes to the next leader, wrapping around.
A leader already busy at an overlapping time that day is passed over and the next free
leader in order fills in (按值班顺序依次递补).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from itertools import groupby
from typing import Final

from petitiondesk.core.datetext import chinese_date
from petitiondesk.core.enums import DayOffPolicy, PlanSkipKind, ReceptionRuleKind
from petitiondesk.core.workcalendar import CalendarError, WorkCalendar

#: A day off is moved at most this far (顺延/提前); real holiday breaks are ≤ 9 days.
MAX_MOVE_DAYS: Final = 31
#: At most this many time spans in one rule ("08:30-12:00;14:30-18:00" has two).
MAX_SPANS: Final = 6

WEEKDAY_LABELS: Final = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

_ONE_DAY: Final = timedelta(days=1)


# --- small formatting helpers ------------------------------------------------------------


def weekday_label(d: date) -> str:
    """``星期一`` … ``星期日``."""
    return WEEKDAY_LABELS[d.weekday()]


def format_md(d: date) -> str:
    """``10月8日`` (no year, no padding), as the clerk writes it on a notice card."""
    return f"{d.month}月{d.day}日"


def format_day(d: date) -> str:
    """``2026年10月8日（星期四）``, for report messages that may span years."""
    return f"{chinese_date(d)}（{weekday_label(d)}）"


def format_time(t: time) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"


# --- time spans --------------------------------------------------------------------------


class SlotTextError(ValueError):
    """The time-span text cannot be read; ``str(exc)`` is a Chinese message for the clerk."""


@dataclass(frozen=True, order=True)
class TimeSpan:
    """One reception time span on a day, e.g. 08:30–12:00."""

    start: time
    end: time

    @property
    def text(self) -> str:
        """``08:30-12:00``."""
        return f"{format_time(self.start)}-{format_time(self.end)}"

    @property
    def half_day(self) -> str:
        """``上午`` / ``下午`` / ``晚上`` by the start time."""
        if self.start < time(12):
            return "上午"
        if self.start < time(18):
            return "下午"
        return "晚上"


MSG_SPANS_EMPTY: Final = "请填写接待时段，如 08:30-12:00;14:30-18:00"

_DASHES: Final = str.maketrans({"–": "-", "—": "-", "―": "-", "－": "-", "～": "-", "~": "-"})
_SPAN_RE: Final = re.compile(r"(\d{1,2}):(\d{2})\s*(?:-|至|到)\s*(\d{1,2}):(\d{2})")
_SPAN_SEPARATORS: Final = re.compile(r"[;,、\n]+")


def _clock(hour: str, minute: str, part: str) -> time:
    h, m = int(hour), int(minute)
    if h > 23 or m > 59:
        raise SlotTextError(f"接待时段“{part}”中的时间{hour}:{minute}不存在")
    return time(h, m)


def parse_spans(text: str) -> tuple[TimeSpan, ...]:
    """Read ``"08:30-12:00;14:30-18:00"`` into sorted, non-overlapping spans.

    Full-width punctuation (；：－～) and the separators ``,`` ``、`` or a new line are
    accepted, so are ``至`` / ``到`` between the times. Raises ``SlotTextError`` with a
    Chinese message on anything else.
    """
    normalized = unicodedata.normalize("NFKC", text or "").translate(_DASHES)
    parts = [p.strip() for p in _SPAN_SEPARATORS.split(normalized) if p.strip()]
    if not parts:
        raise SlotTextError(MSG_SPANS_EMPTY)
    if len(parts) > MAX_SPANS:
        raise SlotTextError(f"接待时段最多{MAX_SPANS}段")
    spans: list[TimeSpan] = []
    for part in parts:
        match = _SPAN_RE.fullmatch(part)
        if match is None:
            raise SlotTextError(
                f"接待时段“{part}”格式不正确，应写成 08:30-12:00，多个时段用分号隔开"
            )
        start = _clock(match[1], match[2], part)
        end = _clock(match[3], match[4], part)
        if end <= start:
            raise SlotTextError(f"接待时段“{part}”的结束时间应晚于开始时间")
        spans.append(TimeSpan(start, end))
    spans.sort()
    for earlier, later in zip(spans, spans[1:], strict=False):
        if later.start < earlier.end:
            raise SlotTextError(f"接待时段“{earlier.text}”与“{later.text}”重叠")
    return tuple(spans)


def check_spans(text: str) -> str | None:
    """``None`` when ``parse_spans`` accepts ``text``, else its Chinese message."""
    try:
        parse_spans(text)
    except SlotTextError as exc:
        return str(exc)
    return None


def format_spans(spans: Iterable[TimeSpan]) -> str:
    """The canonical text stored in ``ReceptionRule.slots``: ``08:30-12:00;14:30-18:00``."""
    return ";".join(span.text for span in spans)


def spans_overlap(a_start: time, a_end: time, b_start: time, b_end: time) -> bool:
    """True when two time spans on the same day share a moment (touching ends do not)."""
    return a_start < b_end and b_start < a_end


# --- rules -------------------------------------------------------------------------------


class RuleError(ValueError):
    """A rule that cannot be planned; ``str(exc)`` is a Chinese message."""


MSG_WEEKDAY: Final = "请选择星期几（星期一至星期日）"
MSG_NTH: Final = "第几个星期几应为1至5，或-1表示最后一个"
MSG_PLACE: Final = "请填写接待地点"
MSG_VALID_RANGE: Final = "启用日期不能晚于停用日期"


def rule_errors(
    kind: ReceptionRuleKind,
    weekday: int | None,
    nth: int | None,
    slots_text: str,
    place: str,
    valid_from: date | None = None,
    valid_to: date | None = None,
) -> dict[str, str]:
    """Per-field Chinese messages for a reception rule (empty when it is valid).

    Keys: ``weekday``, ``nth``, ``slots``, ``place``, ``valid_to``.
    """
    errors: dict[str, str] = {}
    if kind in (ReceptionRuleKind.WEEKDAY, ReceptionRuleKind.NTH_WEEKDAY) and (
        weekday is None or not 0 <= weekday <= 6
    ):
        errors["weekday"] = MSG_WEEKDAY
    if kind is ReceptionRuleKind.NTH_WEEKDAY and (nth is None or nth not in (1, 2, 3, 4, 5, -1)):
        errors["nth"] = MSG_NTH
    slot_message = check_spans(slots_text)
    if slot_message:
        errors["slots"] = slot_message
    if not place.strip():
        errors["place"] = MSG_PLACE
    if valid_from is not None and valid_to is not None and valid_from > valid_to:
        errors["valid_to"] = MSG_VALID_RANGE
    return errors


@dataclass(frozen=True)
class RuleSpec:
    """What a reception rule (``ReceptionRule`` row) says, ready for planning.

    ``weekday`` is 0 = Monday … 6 = Sunday (WEEKDAY, NTH_WEEKDAY); ``nth`` 1..5 or -1
    (NTH_WEEKDAY). ``valid_from`` / ``valid_to`` bound the nominal dates (inclusive).
    Raises ``RuleError`` when inconsistent.
    """

    kind: ReceptionRuleKind
    spans: tuple[TimeSpan, ...]
    place: str
    weekday: int | None = None
    nth: int | None = None
    on_day_off: DayOffPolicy = DayOffPolicy.SKIP
    valid_from: date | None = None
    valid_to: date | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", ReceptionRuleKind(self.kind))
        object.__setattr__(self, "on_day_off", DayOffPolicy(self.on_day_off))
        errors = rule_errors(
            self.kind,
            self.weekday,
            self.nth,
            format_spans(self.spans) if self.spans else "",
            self.place,
            self.valid_from,
            self.valid_to,
        )
        if errors:
            raise RuleError("；".join(errors.values()))

    @classmethod
    def from_text(
        cls,
        kind: ReceptionRuleKind,
        slots: str,
        place: str,
        *,
        weekday: int | None = None,
        nth: int | None = None,
        on_day_off: DayOffPolicy = DayOffPolicy.SKIP,
        valid_from: date | None = None,
        valid_to: date | None = None,
    ) -> RuleSpec:
        """Build from the stored slot text (raises ``SlotTextError`` / ``RuleError``)."""
        return cls(
            kind=kind,
            spans=parse_spans(slots),
            place=place,
            weekday=weekday,
            nth=nth,
            on_day_off=on_day_off,
            valid_from=valid_from,
            valid_to=valid_to,
        )

    def names_weekday(self, weekday: int) -> bool:
        """Whether the rule names this weekday (EVERY_WORKDAY names every working day)."""
        if self.kind is ReceptionRuleKind.EVERY_WORKDAY:
            return True
        if self.kind is ReceptionRuleKind.FIRST_WEEK:
            return weekday < 5
        return weekday == self.weekday


_NTH_TEXT: Final = {1: "第一个", 2: "第二个", 3: "第三个", 4: "第四个", 5: "第五个", -1: "最后一个"}


def describe_rule(spec: RuleSpec) -> str:
    """The rule as a sentence for the published roster, e.g. ``每周星期一 08:30-12:00``."""
    spans = "、".join(span.text for span in spec.spans)
    if spec.kind is ReceptionRuleKind.WEEKDAY:
        head = f"每周{WEEKDAY_LABELS[spec.weekday or 0]}"
    elif spec.kind is ReceptionRuleKind.NTH_WEEKDAY:
        head = f"每月{_NTH_TEXT.get(spec.nth or 1, '')}{WEEKDAY_LABELS[spec.weekday or 0]}"
    elif spec.kind is ReceptionRuleKind.FIRST_WEEK:
        head = "每月第一周星期一至星期五"
    else:
        head = "每个工作日轮流"
    tail = {
        DayOffPolicy.SKIP: "（法定节假日除外）",
        DayOffPolicy.NEXT: "（遇节假日顺延）",
        DayOffPolicy.PREVIOUS: "（遇节假日提前）",
    }[spec.on_day_off]
    return f"{head} {spans}{tail}"


def first_monday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7)


def first_week(year: int, month: int) -> tuple[date, ...]:
    """The five dates of 每月第一周 (Monday–Friday from the month's first Monday)."""
    monday = first_monday(year, month)
    return tuple(monday + timedelta(days=n) for n in range(5))


def is_nominal(spec: RuleSpec, d: date, calendar: WorkCalendar) -> bool:
    """Whether the rule names date ``d`` (before holidays are considered, except for
    EVERY_WORKDAY, whose nominal dates *are* the calendar's working days)."""
    if spec.valid_from is not None and d < spec.valid_from:
        return False
    if spec.valid_to is not None and d > spec.valid_to:
        return False
    if spec.kind is ReceptionRuleKind.EVERY_WORKDAY:
        return calendar.is_workday(d)
    if spec.kind is ReceptionRuleKind.FIRST_WEEK:
        monday = first_monday(d.year, d.month)
        return monday <= d <= monday + timedelta(days=4)
    if d.weekday() != spec.weekday:
        return False
    if spec.kind is ReceptionRuleKind.WEEKDAY:
        return True
    if spec.nth == -1:
        return (d + timedelta(days=7)).month != d.month
    return (d.day - 1) // 7 + 1 == spec.nth


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
            verb = "顺延" if other.target > other.nominal else "提前"
            kept = (
                "本规则原定的接待日"
                if not best.moved
                else f"由{format_md(best.nominal)}{'顺延' if best.target > best.nominal else '提前'}的接待日"
            )
            skip(
                other.nominal,
                PlanSkipKind.COLLISION,
                f"{format_day(other.nominal)}是{_day_off_name(calendar, other.nominal)}，"
                f"{verb}至{format_md(other.target)}，但该日已有{kept}，不再重复安排",
                other.target,
            )

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
