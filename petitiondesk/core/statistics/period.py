"""The period a statistics report covers: a month, a quarter or a year, with the period
before it (环比) and the same period a year earlier (同比)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from petitiondesk.core.periods import (
    PERIOD_MONTH,
    PERIOD_QUARTER,
    PERIOD_YEAR,
    QUARTER_NAMES,
    month_end,
)

#: (Chinese label, kind) in the order the period picker offers them.
STAT_PERIOD_KINDS: Final[tuple[tuple[str, str], ...]] = (
    ("月", PERIOD_MONTH),
    ("季", PERIOD_QUARTER),
    ("年", PERIOD_YEAR),
)
_LAST_NUMBER: Final = {PERIOD_MONTH: 12, PERIOD_QUARTER: 4, PERIOD_YEAR: 1}


@dataclass(frozen=True, order=True)
class Period:
    """``kind`` month / quarter / year of ``year``; ``number`` is the month (1–12), the
    quarter (1–4) or 1 for a year."""

    kind: str
    year: int
    number: int = 1

    def __post_init__(self) -> None:
        last = _LAST_NUMBER.get(self.kind)
        if last is None:
            raise ValueError(f"unknown period kind: {self.kind!r}")
        if not 1 <= self.number <= last:
            raise ValueError(f"{self.kind} number out of range: {self.number}")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(PERIOD_MONTH, year, month)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        return cls(PERIOD_QUARTER, year, quarter)

    @classmethod
    def whole_year(cls, year: int) -> Period:
        return cls(PERIOD_YEAR, year, 1)

    @classmethod
    def containing(cls, kind: str, day: date) -> Period:
        if kind == PERIOD_MONTH:
            return cls.month(day.year, day.month)
        if kind == PERIOD_QUARTER:
            return cls.quarter(day.year, (day.month - 1) // 3 + 1)
        return cls(kind, day.year, 1)

    @property
    def first_month(self) -> int:
        if self.kind == PERIOD_MONTH:
            return self.number
        if self.kind == PERIOD_QUARTER:
            return (self.number - 1) * 3 + 1
        return 1

    @property
    def month_count(self) -> int:
        return {PERIOD_MONTH: 1, PERIOD_QUARTER: 3, PERIOD_YEAR: 12}[self.kind]

    @property
    def start(self) -> date:
        return date(self.year, self.first_month, 1)

    @property
    def end(self) -> date:
        return month_end(self.year, self.first_month + self.month_count - 1)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of each month in the period."""
        return [(self.year, self.first_month + i) for i in range(self.month_count)]

    def shifted(self, steps: int) -> Period:
        """The period ``steps`` periods later (negative: earlier); December → January
        rolls the year."""
        last = _LAST_NUMBER[self.kind]
        index = self.year * last + (self.number - 1) + steps
        return Period(self.kind, index // last, index % last + 1)

    def previous(self) -> Period:
        """The period just before (环比): 2026年1月 → 2025年12月."""
        return self.shifted(-1)

    def last_year(self) -> Period:
        """The same period a year earlier (同比)."""
        return Period(self.kind, self.year - 1, self.number)

    @property
    def label(self) -> str:
        """``2026年5月``, ``2026年第二季度``, ``2026年``."""
        if self.kind == PERIOD_MONTH:
            return f"{self.year}年{self.number}月"
        if self.kind == PERIOD_QUARTER:
            return f"{self.year}年{QUARTER_NAMES[self.number - 1]}"
        return f"{self.year}年"

    @property
    def kind_label(self) -> str:
        """月 / 季 / 年, as in 本月 / 本季 / 本年."""
        return {PERIOD_MONTH: "月", PERIOD_QUARTER: "季", PERIOD_YEAR: "年"}[self.kind]


def trend_months(period: Period, count: int = 12) -> list[tuple[int, int]]:
    """The ``count`` months ending with the period's last month (the monthly line chart)."""
    last = period.year * 12 + period.first_month + period.month_count - 2
    return [((last - i) // 12, (last - i) % 12 + 1) for i in range(count - 1, -1, -1)]
