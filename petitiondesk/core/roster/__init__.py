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

from .planning import (
    MAX_MOVE_DAYS,
    PlannedSlot,
    SkippedDay,
    SlotPlan,
    plan_slots,
)
from .rotation import (
    Assignment,
    BusySpan,
    ExistingDay,
    RotationKey,
    RotationLeader,
    RotationResult,
    assign_rotation,
    first_free_in_rotation,
    rotation_after,
    rotation_order,
    rotation_start,
)
from .rules import (
    MSG_NTH,
    MSG_PLACE,
    MSG_VALID_RANGE,
    MSG_WEEKDAY,
    RuleError,
    RuleSpec,
    describe_rule,
    first_monday,
    first_week,
    is_nominal,
    rule_errors,
)
from .spans import (
    MAX_SPANS,
    MSG_SPANS_EMPTY,
    WEEKDAY_LABELS,
    SlotTextError,
    TimeSpan,
    check_spans,
    format_day,
    format_md,
    format_spans,
    format_time,
    parse_spans,
    spans_overlap,
    weekday_label,
)

__all__ = [
    "Assignment",
    "BusySpan",
    "ExistingDay",
    "MAX_MOVE_DAYS",
    "MAX_SPANS",
    "MSG_NTH",
    "MSG_PLACE",
    "MSG_SPANS_EMPTY",
    "MSG_VALID_RANGE",
    "MSG_WEEKDAY",
    "PlannedSlot",
    "RotationKey",
    "RotationLeader",
    "RotationResult",
    "RuleError",
    "RuleSpec",
    "SkippedDay",
    "SlotPlan",
    "SlotTextError",
    "TimeSpan",
    "WEEKDAY_LABELS",
    "assign_rotation",
    "check_spans",
    "describe_rule",
    "first_free_in_rotation",
    "first_monday",
    "first_week",
    "format_day",
    "format_md",
    "format_spans",
    "format_time",
    "is_nominal",
    "parse_spans",
    "plan_slots",
    "rotation_after",
    "rotation_order",
    "rotation_start",
    "rule_errors",
    "spans_overlap",
    "weekday_label",
]
