"""Entering a year's holidays the way the clerk reads the State Council notice.

One line per holiday (节假日安排通知, one paragraph each)::

    元旦 1月1日放假
    春节 2月6日至2月12日放假，2月4日、2月15日上班
    国庆节、中秋节 10月1日至10月8日放假调休，共8天。9月27日（周日）、10月10日（周六）上班

The name comes first, then the first and last day off, then the make-up working days
(调休上班) before 上班. Weekday remarks in brackets and ``共N天`` are ignored. Each line
becomes a :class:`HolidayLine`, or a :class:`LineError` that names the line number.

Refused: a make-up day on a weekday (Monday–Friday is a working day anyway), a make-up
day inside the holiday, two holidays on one date, a date outside the year (including a
range that runs into the next year), a last day before the first, an impossible date.
A day off that is already a weekend day is fine (the notice counts it in the break).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

#: The longest break a notice ever gave is 9 days; more is a typing slip.
MAX_BREAK_DAYS: Final = 15
MAX_NAME_LENGTH: Final = 40
WEEKDAY_NAMES: Final = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

_DATE: Final = r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日"
_RANGE: Final = re.compile(
    _DATE + r"(?:\s*(?:至|到|-|~)\s*(?:(?:(\d{4})年)?(\d{1,2})月)?(\d{1,2})日)?"
)
_ONE_DATE: Final = re.compile(_DATE)
_REMARK: Final = re.compile(r"[(（][^)）]*[)）]")
_NAME: Final = re.compile(r"\s*([^\d\s:：,，]+(?:[、和][^\d\s:：,，]+)*)[\s:：,，]*")


@dataclass(frozen=True)
class HolidayLine:
    """One holiday of the notice: its days off (consecutive) and its make-up days."""

    name: str
    days_off: tuple[date, ...]
    workdays: tuple[date, ...] = ()

    @property
    def first(self) -> date:
        return self.days_off[0]

    @property
    def last(self) -> date:
        return self.days_off[-1]


@dataclass(frozen=True)
class LineError:
    line_no: int
    message: str

    def __str__(self) -> str:
        return f"第{self.line_no}行：{self.message}"


@dataclass(frozen=True)
class YearDay:
    """One day of a year's arrangement: a day off (放假) or a make-up working day (上班)."""

    day: date
    is_workday: bool
    name: str

    @property
    def kind_label(self) -> str:
        return "上班" if self.is_workday else "放假"


@dataclass(frozen=True)
class NoticeParse:
    lines: tuple[HolidayLine, ...]
    errors: tuple[LineError, ...]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def days(self) -> tuple[YearDay, ...]:
        return year_days(self.lines)


def month_day(d: date) -> str:
    """``2月6日``."""
    return f"{d.month}月{d.day}日"


def _make_date(year: int, month: str, day: str) -> date | None:
    try:
        return date(year, int(month), int(day))
    except ValueError:
        return None


class _LineProblem(Exception):
    pass


def _date_in_year(year: int, y: str | None, m: str, d: str) -> date:
    if y and int(y) != year:
        raise _LineProblem(f"{y}年{m}月{d}日不在{year}年内，请只录入{year}年的日期")
    found = _make_date(year, m, d)
    if found is None:
        raise _LineProblem(f"{m}月{d}日不是有效日期")
    return found


def _days_off(year: int, match: re.Match[str]) -> tuple[date, ...]:
    y1, m1, d1, y2, m2, d2 = match.groups()
    first = _date_in_year(year, y1, m1, d1)
    if d2 is None:
        return (first,)
    if y2 and int(y2) != year:
        raise _LineProblem(f"放假日期跨入{y2}年，请只录入{year}年的日期")
    last = _date_in_year(year, None, m2 or m1, d2)
    if last < first:
        if m2 is not None and int(m2) < int(m1):
            raise _LineProblem(f"{month_day(last)}不在{year}年内（放假跨年时只录入本年部分）")
        raise _LineProblem(f"最后一天{month_day(last)}早于第一天{month_day(first)}")
    span = (last - first).days + 1
    if span > MAX_BREAK_DAYS:
        raise _LineProblem(f"放假{span}天，超过{MAX_BREAK_DAYS}天，请检查日期")
    return tuple(first + timedelta(days=i) for i in range(span))


def parse_holiday_line(text: str, year: int) -> HolidayLine:
    """One notice line -> :class:`HolidayLine`; ``ValueError`` with a Chinese message."""
    norm = unicodedata.normalize("NFKC", text).strip()
    norm = _REMARK.sub("", norm)
    name_match = _NAME.match(norm)
    if name_match is None or not name_match.group(1):
        raise ValueError("每行应以节日名称开头，如：春节 2月6日至2月12日放假，2月4日、2月15日上班")
    name = name_match.group(1).strip("。.、")
    if len(name) > MAX_NAME_LENGTH:
        raise ValueError(f"节日名称不能超过{MAX_NAME_LENGTH}个字")
    rest = norm[name_match.end() :]
    off_at = rest.find("放假")
    if off_at < 0:
        raise ValueError("未找到“放假”，格式如：春节 2月6日至2月12日放假")
    range_match = _RANGE.fullmatch(rest[:off_at].strip())
    if range_match is None:
        raise ValueError("放假日期应写作“2月6日至2月12日”或“1月1日”")
    tail = rest[off_at + 2 :]
    try:
        days_off = _days_off(year, range_match)
        workdays = _workdays(year, tail, days_off)
    except _LineProblem as exc:
        raise ValueError(str(exc)) from None
    return HolidayLine(name, days_off, workdays)


def _workdays(year: int, tail: str, days_off: Sequence[date]) -> tuple[date, ...]:
    found = list(_ONE_DATE.finditer(tail))
    if not found:
        return ()
    if "上班" not in tail[found[-1].end() :]:
        raise _LineProblem("调休上班的日期后应写“上班”，如：2月4日、2月15日上班")
    out: list[date] = []
    for m in found:
        d = _date_in_year(year, *m.groups())
        if d.weekday() < 5:
            raise _LineProblem(
                f"{month_day(d)}是{WEEKDAY_NAMES[d.weekday()]}，本来就是工作日，不能作为调休上班日"
            )
        if d in days_off:
            raise _LineProblem(f"{month_day(d)}既是放假日又是上班日")
        if d in out:
            raise _LineProblem(f"{month_day(d)}重复")
        out.append(d)
    return tuple(sorted(out))


def parse_notice(text: str, year: int) -> NoticeParse:
    """All lines of a notice. Empty lines and lines starting with ``#`` are skipped.
    Two holidays on one date are refused on the later line."""
    lines: list[HolidayLine] = []
    errors: list[LineError] = []
    taken: dict[date, str] = {}
    for line_no, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        try:
            line = parse_holiday_line(raw, year)
        except ValueError as exc:
            errors.append(LineError(line_no, str(exc)))
            continue
        clash = next((d for d in (*line.days_off, *line.workdays) if d in taken), None)
        if clash is not None:
            errors.append(
                LineError(line_no, f"{month_day(clash)}已属于“{taken[clash]}”，节假日不能重叠")
            )
            continue
        for d in (*line.days_off, *line.workdays):
            taken[d] = line.name
        lines.append(line)
    return NoticeParse(tuple(lines), tuple(errors))


def format_holiday_line(line: HolidayLine) -> str:
    """The line as the clerk would type it; ``parse_holiday_line`` reads it back."""
    text = f"{line.name} {month_day(line.first)}"
    if line.last != line.first:
        text += f"至{month_day(line.last)}"
    text += "放假"
    if line.workdays:
        text += "，" + "、".join(month_day(d) for d in line.workdays) + "上班"
    return text


def year_days(lines: Iterable[HolidayLine]) -> tuple[YearDay, ...]:
    """The days of the lines, in date order."""
    out = [YearDay(d, False, line.name) for line in lines for d in line.days_off]
    out += [YearDay(d, True, line.name) for line in lines for d in line.workdays]
    return tuple(sorted(out, key=lambda y: y.day))


def _runs(days: Sequence[date]) -> list[list[date]]:
    """Consecutive dates grouped: [[1, 2, 3], [7]]."""
    runs: list[list[date]] = []
    for d in sorted(days):
        if runs and (d - runs[-1][-1]).days == 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    return runs


def format_notice(days: Iterable[YearDay]) -> str:
    """A year's days written back as notice lines (one per holiday, in date order), so
    the clerk edits what is saved instead of typing it again. A holiday's days off that
    are not consecutive become one line per run, the make-up days going with the first;
    make-up days of a name without any day off (a single day corrected by the office)
    cannot be a notice line and are written as a ``#`` comment line (see
    :func:`lone_workdays`)."""
    off: dict[str, list[date]] = {}
    work: dict[str, list[date]] = {}
    for d in days:
        (work if d.is_workday else off).setdefault(d.name, []).append(d.day)
    lines: list[HolidayLine] = []
    for name, dates in off.items():
        for number, run in enumerate(_runs(dates)):
            extra = tuple(sorted(work.pop(name, []))) if number == 0 else ()
            lines.append(HolidayLine(name, tuple(run), extra))
    text = [format_holiday_line(line) for line in sorted(lines, key=lambda ln: ln.first)]
    for name, dates in work.items():
        days_text = "、".join(month_day(d) for d in sorted(dates))
        text.append(f"# {name} {days_text}上班（逐日调整）")
    return "\n".join(text)


def lone_workdays(days: Iterable[YearDay]) -> tuple[YearDay, ...]:
    """The make-up days whose name has no day off: :func:`format_notice` cannot write
    them as a line, so whoever saves the lines again keeps them beside the lines."""
    listed = list(days)
    off_names = {d.name for d in listed if not d.is_workday}
    return tuple(d for d in listed if d.is_workday and d.name not in off_names)
