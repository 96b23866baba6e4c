"""The Chinese working-day calendar (工作日历).

Working days follow the State Council holiday notice (国务院办公厅关于节假日安排的通知):
statutory holidays on weekdays are days off, and make-up working days (调休补班) on
weekends are working days — a plain Monday–Friday rule is wrong.

Where the answer comes from, strongest first:

1. the office's editable holiday table (``DayOverride`` rows) — wins for any date;
2. the bundled ``chinesecalendar`` data, for the years it covers;
3. for years the office declared complete (``office_years``): Monday–Friday plus the
   office's rows;
4. anything else is a *guess* (Monday–Friday) and is reported as not covered
   (``DayInfo.covered is False``), never silently.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final, Literal

import chinese_calendar

DaySource = Literal["office", "chinesecalendar", "weekend-guess"]

#: Longest run of consecutive days off a search walks through before giving up.
#: Real holiday notices never come close (the longest break is 9 days); only a
#: broken holiday table can reach it.
MAX_SEARCH_DAYS: Final = 366

_ONE_DAY: Final = timedelta(days=1)

#: chinesecalendar's English holiday names -> the names the clerk knows.
HOLIDAY_NAMES_ZH: Final[Mapping[str, str]] = {
    chinese_calendar.Holiday.new_years_day.value: "元旦",
    chinese_calendar.Holiday.spring_festival.value: "春节",
    chinese_calendar.Holiday.tomb_sweeping_day.value: "清明节",
    chinese_calendar.Holiday.labour_day.value: "劳动节",
    chinese_calendar.Holiday.dragon_boat_festival.value: "端午节",
    chinese_calendar.Holiday.national_day.value: "国庆节",
    chinese_calendar.Holiday.mid_autumn_festival.value: "中秋节",
    chinese_calendar.Holiday.anti_fascist_70th_day.value: "抗战胜利70周年纪念日",
}

_UNKNOWN_HOLIDAY_ZH: Final = "法定节假日"


def _chinese_name(english: object) -> str:
    return HOLIDAY_NAMES_ZH.get(str(english), _UNKNOWN_HOLIDAY_ZH)


def _library_table(raw: Mapping[object, object]) -> dict[date, str]:
    return {d: _chinese_name(name) for d, name in raw.items() if isinstance(d, date)}


# chinesecalendar keeps two dicts: days off for a holiday (weekdays and the weekend days
# inside a holiday block) and make-up working days, both keyed by date, valued with the
# English holiday name.
_LIB_DAYS_OFF: Final[dict[date, str]] = _library_table(chinese_calendar.holidays)
_LIB_MAKEUP_DAYS: Final[dict[date, str]] = _library_table(chinese_calendar.workdays)


def _library_years() -> frozenset[int]:
    """Years whose whole holiday notice is in chinesecalendar.

    Every yearly notice holds the Spring Festival and National Day breaks, so a year is
    covered when both are present. A bare year number is not enough: a notice may reach
    into the neighbouring year (the 2024 New Year break began on 2023-12-30, the 2019
    notice made 2018-12-29 a working day).
    """
    spring = _chinese_name(chinese_calendar.Holiday.spring_festival.value)
    national = _chinese_name(chinese_calendar.Holiday.national_day.value)
    names_by_year: dict[int, set[str]] = {}
    for d, name in _LIB_DAYS_OFF.items():
        names_by_year.setdefault(d.year, set()).add(name)
    return frozenset(y for y, names in names_by_year.items() if {spring, national} <= names)


LIBRARY_YEARS: Final[frozenset[int]] = _library_years()


class CalendarError(ValueError):
    """The calendar cannot answer (a search ran past ``MAX_SEARCH_DAYS`` or past year 9999)."""


@dataclass(frozen=True)
class DayOverride:
    """One row of the office's holiday table; it wins over chinesecalendar for its date."""

    day: date
    is_workday: bool
    name: str = ""


@dataclass(frozen=True)
class DayInfo:
    """What the calendar knows about one date.

    ``name`` is the holiday the date belongs to (e.g. 国庆节), for its days off and for its
    make-up working days alike; empty for ordinary days. ``covered`` is False when the
    answer is a Monday–Friday guess (``source == "weekend-guess"``). ``source`` is
    ``"office"`` for a row of the office's table or a year the office declared complete.
    """

    day: date
    is_workday: bool
    covered: bool
    name: str
    source: DaySource

    @property
    def is_makeup_workday(self) -> bool:
        """A weekend day worked in exchange for a holiday (调休补班)."""
        return self.is_workday and self.day.weekday() >= 5


@dataclass(frozen=True)
class WorkdaySearch:
    """The working day a search found.

    ``first_uncovered`` is the first date the search examined that lies outside the
    calendar's coverage; when set, ``day`` rests on a Monday–Friday guess.
    """

    day: date
    first_uncovered: date | None

    @property
    def covered(self) -> bool:
        return self.first_uncovered is None


@dataclass(frozen=True)
class WorkdayCount:
    """Working days between two dates (see ``WorkCalendar.workdays_between``)."""

    count: int
    first_uncovered: date | None

    @property
    def covered(self) -> bool:
        return self.first_uncovered is None


def _as_date(d: date) -> date:
    # datetime is a date subclass but never equal to one, so it would miss every table.
    return d.date() if isinstance(d, datetime) else d


def _step(d: date, forward: bool) -> date:
    try:
        return d + _ONE_DAY if forward else d - _ONE_DAY
    except OverflowError:
        raise CalendarError("日期超出可计算的范围") from None


class WorkCalendar:
    """Working days from the office's holiday table over chinesecalendar.

    ``overrides``: the office's holiday table (a date may appear once; identical
    duplicates are tolerated, conflicting ones raise ``ValueError``).
    ``office_years``: years for which the office has entered the whole State Council
    notice; they count as covered (Monday–Friday plus the overrides). In years that
    chinesecalendar covers, its data stays the base and the overrides correct it.
    """

    def __init__(
        self, overrides: Iterable[DayOverride] = (), office_years: Iterable[int] = ()
    ) -> None:
        table: dict[date, DayOverride] = {}
        for row in overrides:
            key = _as_date(row.day)
            earlier = table.get(key)
            if earlier is not None and (earlier.is_workday, earlier.name) != (
                row.is_workday,
                row.name,
            ):
                raise ValueError(f"节假日表中 {key.isoformat()} 有两条不一致的记录")
            table[key] = row
        self._overrides: Final = table
        self._office_years: Final = frozenset(office_years)
        self._covered_years: Final = LIBRARY_YEARS | self._office_years

    def covered_years(self) -> frozenset[int]:
        """Years whose whole arrangement is known (chinesecalendar's plus the office's)."""
        return self._covered_years

    def day(self, d: date) -> DayInfo:
        d = _as_date(d)
        row = self._overrides.get(d)
        if row is not None:
            return DayInfo(d, row.is_workday, True, row.name, "office")
        weekday = d.weekday() < 5
        if d.year in LIBRARY_YEARS:
            if d in _LIB_MAKEUP_DAYS:
                return DayInfo(d, True, True, _LIB_MAKEUP_DAYS[d], "chinesecalendar")
            if d in _LIB_DAYS_OFF:
                return DayInfo(d, False, True, _LIB_DAYS_OFF[d], "chinesecalendar")
            return DayInfo(d, weekday, True, "", "chinesecalendar")
        if d.year in self._office_years:
            return DayInfo(d, weekday, True, "", "office")
        return DayInfo(d, weekday, False, "", "weekend-guess")

    def is_workday(self, d: date) -> bool:
        """True for a working day; outside coverage this is the Monday–Friday guess."""
        return self.day(d).is_workday

    def is_covered(self, d: date) -> bool:
        return self.day(d).covered

    def holiday_name(self, d: date) -> str:
        """Chinese name of the holiday when ``d`` is one of its days off, else ``""``."""
        info = self.day(d)
        return "" if info.is_workday else info.name

    def next_workday(self, d: date, include_self: bool = False) -> WorkdaySearch:
        """The first working day after ``d`` (or ``d`` itself when ``include_self``)."""
        return self._search(_as_date(d), include_self, forward=True)

    def previous_workday(self, d: date, include_self: bool = False) -> WorkdaySearch:
        """The last working day before ``d`` (or ``d`` itself when ``include_self``)."""
        return self._search(_as_date(d), include_self, forward=False)

    def workdays_between(self, a: date, b: date) -> WorkdayCount:
        """Working days in the half-open interval (a, b]: ``a`` not counted, ``b`` counted.

        Signed: when ``b`` is before ``a`` the result is minus the count over (b, a].
        This is the deadline convention (the start day is not counted).
        """
        a, b = _as_date(a), _as_date(b)
        low, high, sign = (a, b, 1) if a <= b else (b, a, -1)
        count = 0
        first_uncovered: date | None = None
        d = low
        while d < high:
            d = _step(d, forward=True)
            info = self.day(d)
            if not info.covered and first_uncovered is None:
                first_uncovered = d
            count += info.is_workday
        return WorkdayCount(sign * count, first_uncovered)

    def _search(self, start: date, include_self: bool, forward: bool) -> WorkdaySearch:
        d = start if include_self else _step(start, forward)
        first_uncovered: date | None = None
        for _ in range(MAX_SEARCH_DAYS):
            info = self.day(d)
            if not info.covered and first_uncovered is None:
                first_uncovered = d
            if info.is_workday:
                return WorkdaySearch(d, first_uncovered)
            d = _step(d, forward)
        direction = "之后" if forward else "之前"
        raise CalendarError(
            f"{start.isoformat()}{direction}连续{MAX_SEARCH_DAYS}天都不是工作日，请检查节假日表"
        )


def bundled_days(year: int) -> tuple[DayOverride, ...]:
    """The days off and make-up working days chinesecalendar holds for ``year``, in date
    order (empty for a year it does not cover); names in Chinese."""
    if year not in LIBRARY_YEARS:
        return ()
    rows = [DayOverride(d, False, n) for d, n in _LIB_DAYS_OFF.items() if d.year == year]
    rows += [DayOverride(d, True, n) for d, n in _LIB_MAKEUP_DAYS.items() if d.year == year]
    return tuple(sorted(rows, key=lambda r: r.day))
