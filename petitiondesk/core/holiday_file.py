"""The year file: one year's holiday arrangement as a small CSV file (UTF-8, header).

::

    日期,类型,节日
    2027-02-06,放假,春节
    2027-02-15,上班,春节

One row per day: the date (YYYY-MM-DD), 放假 or 上班, the holiday's name. So one office
can pass the year to the next. Reading refuses the whole file on any bad line and names
the line; nothing is half-read.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Final

from .holiday_notice import MAX_NAME_LENGTH, WEEKDAY_NAMES, LineError, YearDay

HEADER: Final = ("日期", "类型", "节日")
KINDS: Final = {"放假": False, "上班": True}


@dataclass(frozen=True)
class YearFile:
    year: int | None
    days: tuple[YearDay, ...]
    errors: tuple[LineError, ...]

    @property
    def ok(self) -> bool:
        return not self.errors and self.year is not None


def format_year_file(days: Iterable[YearDay]) -> str:
    """The CSV text (``\\n`` line ends) of ``days`` in date order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for d in sorted(days, key=lambda y: y.day):
        writer.writerow((d.day.isoformat(), d.kind_label, d.name))
    return out.getvalue()


def _row(cells: list[str]) -> YearDay:
    if len(cells) < 2 or len(cells) > 3:
        raise ValueError("每行应有三列：日期,类型,节日")
    text, kind, name = (c.strip() for c in (*cells, "")[:3])
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"日期“{text}”无效，应写作 2027-02-06") from None
    if kind not in KINDS:
        raise ValueError(f"类型“{kind}”无效，应为“放假”或“上班”")
    if len(name) > MAX_NAME_LENGTH:
        raise ValueError(f"节日名称不能超过{MAX_NAME_LENGTH}个字")
    if KINDS[kind] and day.weekday() < 5:
        raise ValueError(f"{text}是{WEEKDAY_NAMES[day.weekday()]}，不能作为调休上班日")
    return YearDay(day, KINDS[kind], name)


def parse_year_file(text: str) -> YearFile:
    """Read a year file; every problem is reported with its line number."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    errors: list[LineError] = []
    if not rows or tuple(c.strip() for c in rows[0]) != HEADER:
        return YearFile(None, (), (LineError(1, "第一行应为表头：日期,类型,节日"),))
    days: list[YearDay] = []
    seen: dict[date, int] = {}
    for line_no, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        try:
            day = _row(cells)
        except ValueError as exc:
            errors.append(LineError(line_no, str(exc)))
            continue
        if day.day in seen:
            errors.append(LineError(line_no, f"{day.day.isoformat()}与第{seen[day.day]}行重复"))
            continue
        if days and day.day.year != days[0].day.year:
            errors.append(LineError(line_no, f"一个文件只能包含一个年份（{days[0].day.year}年）"))
            continue
        seen[day.day] = line_no
        days.append(day)
    if not days and not errors:
        errors.append(LineError(2, "文件中没有任何日期"))
    year = days[0].day.year if days else None
    return YearFile(year, tuple(sorted(days, key=lambda y: y.day)), tuple(errors))
