"""The published roster (排班公示) of a period, from the database → ``printing/``: PDF
for the notice board or an Excel sheet, chosen by the suffix of ``out``.

The printing renderers write atomically (printing/atomic.py): nothing half-written is
ever left at ``out``. The printing modules (reportlab, openpyxl) are imported when a file
is written, not when this module is imported: the window uses the light helpers
(:func:`portfolio_for_print`, :func:`roster_file_name`) at start-up.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Final

from petitiondesk.core.periods import period_text
from petitiondesk.services.roster import RosterRow, list_roster
from petitiondesk.store.db import Database

from ..result import Result
from .audited import ExportTarget, audited_export
from .office import office_heading

if TYPE_CHECKING:
    from petitiondesk.printing.roster import RosterPrintRow

#: What :func:`print_roster` can write, by suffix.
ROSTER_SUFFIXES: Final = {".pdf": "PDF", ".xlsx": "Excel"}
#: The time span as printed: an em dash reads better than a hyphen on paper.
PRINT_DASH: Final = "—"
MSG_EMPTY: Final = "{period}没有排班，请先生成排班"
#: The ledger name of the roster's export in the audit log (``export_roster_publication``).
LEDGER: Final = "roster_publication"
MSG_SUFFIX: Final = "导出文件应以 .pdf 或 .xlsx 结尾：{name}"

_NOTE_SEPARATORS: Final = re.compile(r"[、，,;；\s]+")


def portfolio_for_print(row: RosterRow) -> str:
    """The leader's 分管领域: the categories, then the note in brackets unless it only
    repeats the categories (as a note typed from the same list does)."""
    names = "、".join(row.portfolio)
    text = row.portfolio_text
    if names and text.startswith(f"{names}（") and text.endswith("）"):
        note = text[len(names) + 1 : -1]
        items = {item.strip() for item in _NOTE_SEPARATORS.split(note) if item.strip()}
        if items <= set(row.portfolio):
            return names
    return text


def roster_print_rows(rows: Sequence[RosterRow]) -> list[RosterPrintRow]:
    """The slots as published: plain text, one per time span (the renderer groups
    them into one block per day)."""
    from petitiondesk.printing.roster import RosterPrintRow

    return [
        RosterPrintRow(
            day=row.day,
            weekday=row.weekday,
            time_span=row.time_text.replace("-", PRINT_DASH),
            place=row.place,
            leader=row.leader_name,
            title=row.leader_title,
            portfolio=portfolio_for_print(row),
            accompany=row.accompany,
            uncovered=row.calendar_uncovered,
            half_day=row.half_day,
        )
        for row in rows
    ]


def roster_file_name(office: str, date_from: date, date_to: date, suffix: str = ".pdf") -> str:
    """``青山县信访局领导接待日安排表（2026年第四季度）.pdf``."""
    return f"{office or '信访'}领导接待日安排表（{period_text(date_from, date_to)}）{suffix}"


def print_roster(
    db: Database,
    date_from: date,
    date_to: date,
    out: Path,
    *,
    published_on: date | None = None,
    progress: Callable[[int], None] | None = None,
    actor: str | None = None,
    outside: bool = False,
) -> Result[int]:
    """The published roster (排班公示) of ``[date_from, date_to]`` at ``out``: PDF for
    ``.pdf``, an Excel sheet for ``.xlsx``. Returns the number of slots printed.

    Refused (nothing written) for another suffix, a reversed period or an empty one.
    With ``actor`` (an export from the window) the file is recorded in the audit log with
    its use (``outside``: 对外提供; the roster names leaders and the office's phone only,
    so nothing in it is masked)."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in ROSTER_SUFFIXES:
        return Result.failure({"out": MSG_SUFFIX.format(name=out.name)})
    if date_to < date_from:
        return Result.failure({"date_to": "结束日期不能早于开始日期"})
    period = period_text(date_from, date_to)
    rows = list_roster(db, date_from, date_to)
    if not rows:
        return Result.failure({"": MSG_EMPTY.format(period=period)})
    with db.read() as session:
        office = office_heading(session)
    printed = roster_print_rows(rows)
    from petitiondesk.printing.roster import write_roster_pdf, write_roster_xlsx

    published = published_on or date.today()
    write = write_roster_pdf if suffix == ".pdf" else write_roster_xlsx
    audited = audited_export(
        db, out, actor=actor or "", ledger=LEDGER, label=f"{period}排班", outside=outside
    )
    with audited if actor is not None else nullcontext(ExportTarget(out)) as target:
        target.count = write(
            target.path,
            printed,
            office=office.name,
            period_text=period,
            published_on=published,
            phone=office.phone,
            progress=progress,
        )
    count = target.count
    kind = ROSTER_SUFFIXES[suffix]
    return Result.success(count, f"已生成{period}排班公示（{kind}，{count}个接待时段）：{out}")
