"""The published duty roster (排班公示 / 领导接待日安排表) as PDF and Excel.

A thin layer over the generic ledger renderers: the columns and the PDF title, subtitle
and footer templates are in ``forms/roster_publication.toml``.

One block per day: a day's slots (上午 / 下午, or several places) print as one row whose
cells list each slot on its own line, labelled ``上午`` / ``下午`` (``①`` ``②`` … when
two slots share a half day); a value the slots share prints once. A row is never split
across a page break, so a day is never split either; the Excel sheet has one row per day. A date whose year's
statutory holidays are not yet known (the State Council publishes them late in the year
before) is printed with :data:`UNCOVERED_MARK` and explained in a note under the table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import BinaryIO

from petitiondesk.printing.ledger_pdf import chinese_date, render_ledger_pdf
from petitiondesk.printing.ledger_xlsx import write_ledger_xlsx
from petitiondesk.printing.ledgerspec import load_ledger
from petitiondesk.printing.pdfdraw import fill_line

__all__ = [
    "ROSTER_LEDGER",
    "UNCOVERED_MARK",
    "UNCOVERED_NOTE",
    "RosterPrintRow",
    "write_roster_pdf",
    "write_roster_xlsx",
]

ROSTER_LEDGER = "roster_publication"
UNCOVERED_MARK = "（待核）"
UNCOVERED_NOTE = (
    "注：标“（待核）”的日期所在年份的法定节假日安排尚未公布，"
    "如遇法定节假日，接待日将另行调整并重新公示。"
)


@dataclass(frozen=True)
class RosterPrintRow:
    """One reception slot as published: plain text, ready to print."""

    day: dt.date
    weekday: str  # 星期一
    time_span: str  # 08:30—12:00
    place: str
    leader: str
    title: str  # 职务
    portfolio: str  # 分管领域
    accompany: str  # 陪同科室
    uncovered: bool = False  # the holidays of this date's year are not known yet
    half_day: str = ""  # 上午 / 下午 / 晚上 (empty: read from the time span)

    def as_values(self, mark_separator: str = "") -> dict[str, object]:
        """Values by column key; an uncovered date becomes text with the mark after it
        (``mark_separator="\n"`` puts the mark on a line of its own)."""
        day: object = self.day
        if self.uncovered:
            day = chinese_date(self.day) + mark_separator + UNCOVERED_MARK
        return {
            "day": day,
            "weekday": self.weekday,
            "time_span": self.time_span,
            "place": self.place,
            "leader": self.leader,
            "title": self.title,
            "portfolio": self.portfolio,
            "accompany": self.accompany,
        }

    @property
    def half_day_label(self) -> str:
        if self.half_day:
            return self.half_day
        hour = self.time_span[:2]
        if not hour.isdigit():
            return ""
        return "上午" if int(hour) < 12 else "下午" if int(hour) < 18 else "晚上"


#: Columns that are the day itself: printed once per block, never labelled.
_DAY_KEYS = ("day", "weekday")
_NUMBERS = "①②③④⑤⑥⑦⑧⑨⑩"


def _labels(slots: Sequence[RosterPrintRow]) -> list[str]:
    """``上午`` / ``下午`` for each slot, or ``①`` ``②`` … when they would repeat."""
    halves = [slot.half_day_label for slot in slots]
    if all(halves) and len(set(halves)) == len(halves):
        return halves
    return [_NUMBERS[i] if i < len(_NUMBERS) else f"({i + 1})" for i in range(len(slots))]


def day_blocks(rows: Iterable[RosterPrintRow], mark_separator: str = "") -> list[dict[str, object]]:
    """One row of values per day (rows in date order): each column lists the day's slots
    line by line with their labels, or once when every slot has the same value."""
    blocks: list[dict[str, object]] = []
    for _day, group in groupby(rows, key=lambda row: row.day):
        slots = list(group)
        values = [slot.as_values(mark_separator) for slot in slots]
        block = dict(values[0])
        if len(slots) > 1:
            labels = _labels(slots)
            for key in block:
                texts = [str(v[key]) for v in values]
                if key in _DAY_KEYS or len(set(texts)) == 1:
                    continue
                block[key] = "\n".join(
                    f"{label} {text or '—'}" for label, text in zip(labels, texts, strict=True)
                )
        blocks.append(block)
    return blocks


def write_roster_pdf(
    out: Path | BinaryIO,
    rows: Iterable[RosterPrintRow],
    *,
    office: str,
    period_text: str,
    published_on: dt.date,
    phone: str = "",
    progress: Callable[[int], None] | None = None,
) -> int:
    """The roster for the notice board: "{office}领导接待日安排表", the period under it,
    one block per day, 公示单位 / 公示日期 / 监督电话 under the table. Returns the number
    of slots published."""
    spec = load_ledger(ROSTER_LEDGER)
    materialised = list(rows)  # the note above the footer depends on every row
    notes = [UNCOVERED_NOTE] if any(row.uncovered for row in materialised) else []
    values = {
        "office": office,
        "period": period_text,
        "published_on": chinese_date(published_on),
        "phone": phone,
    }
    render_ledger_pdf(
        spec, day_blocks(materialised, "\n"), out, values=values, notes=notes, progress=progress
    )
    return len(materialised)


def write_roster_xlsx(
    out: Path | BinaryIO,
    rows: Iterable[RosterPrintRow],
    *,
    office: str,
    period_text: str,
    published_on: dt.date | None = None,
    phone: str = "",
    progress: Callable[[int], None] | None = None,
) -> int:
    """The same roster as an Excel sheet (title, period, header, one row per day, the
    notes under it). Returns the number of slots published."""
    spec = load_ledger(ROSTER_LEDGER)
    materialised = list(rows)
    footer: list[str] = []
    if any(row.uncovered for row in materialised):
        footer.append(UNCOVERED_NOTE)
    published = [f"公示单位：{office}"]
    if published_on is not None:
        published.append(f"公示日期：{chinese_date(published_on)}")
    if phone.strip():
        published.append(f"监督电话：{phone.strip()}")
    footer.append("    ".join(published))
    title = fill_line(spec.pdf.title or spec.title, {"office": office, "period": period_text})
    write_ledger_xlsx(
        out,
        title,
        spec.columns,
        day_blocks(materialised),
        progress,
        sheet_name=spec.sheet_name,
        subtitle=period_text,
        footer_lines=footer,
    )
    return len(materialised)
