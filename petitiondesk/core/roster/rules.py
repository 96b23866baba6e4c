"""Reception-day rules: validation, description, and the dates each rule names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from petitiondesk.core.enums import DayOffPolicy, ReceptionRuleKind
from petitiondesk.core.workcalendar import WorkCalendar

from .spans import WEEKDAY_LABELS, TimeSpan, check_spans, format_spans, parse_spans

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
