"""The roster and the 四卡 on paper: data from the database → ``printing/``.

- :func:`print_roster` — the published roster (排班公示) of a period, as PDF for the
  notice board or as an Excel sheet, chosen by the suffix of ``out``.
- :func:`print_cards` — the four cards (四卡, seed 000 篇3) of one booking: the visitor's
  notice card, the responsible unit's notice card, the leader's report card and the
  office's stub, on one A4 sheet.

Confidentiality (检举控告): a booking linked to a confidential petition prints the unit's
card without the visitor's identity (``confidential`` flag of ``forms/reception_cards``);
the leader's card and the office stub keep it. A booking not linked to a petition, or
linked to one that is not confidential, prints in full.

The printing renderers write atomically (printing/atomic.py): nothing half-written
is ever left at ``out``. The printing modules (reportlab, openpyxl) are imported when a
file is written, not when this module is imported: the window uses the light helpers
(:func:`portfolio_for_print`, :func:`responsible_units`) at start-up.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Final

from sqlalchemy import select

from petitiondesk.core.datetext import chinese_date, chinese_datetime
from petitiondesk.core.enums import Sex
from petitiondesk.core.roster import TimeSpan, weekday_label
from petitiondesk.store.db import Database
from petitiondesk.store.models import (
    Appointment,
    AuditLog,
    Department,
    OfficeSettings,
    Petition,
    Petitioner,
)

from .appointments import ticket_text
from .result import Result
from .roster import RosterRow, list_roster

if TYPE_CHECKING:
    from petitiondesk.printing.roster import RosterPrintRow

__all__ = [
    "ROSTER_SUFFIXES",
    "UnitChoice",
    "booking_no_of",
    "booking_number",
    "card_values",
    "cards_file_name",
    "period_text",
    "portfolio_for_print",
    "print_cards",
    "print_roster",
    "responsible_units",
    "roster_file_name",
    "roster_print_rows",
]

#: What :func:`print_roster` can write, by suffix.
ROSTER_SUFFIXES: Final = {".pdf": "PDF", ".xlsx": "Excel"}
#: The time span as printed: an em dash reads better than a hyphen on paper.
PRINT_DASH: Final = "—"
MSG_EMPTY: Final = "{period}没有排班，请先生成排班"
MSG_SUFFIX: Final = "导出文件应以 .pdf 或 .xlsx 结尾：{name}"

_QUARTERS: Final = ("第一季度", "第二季度", "第三季度", "第四季度")
_NOTE_SEPARATORS: Final = re.compile(r"[、，,;；\s]+")


# --- the published roster ----------------------------------------------------------------


def _month_end(year: int, month: int) -> date:
    first_next = date(year + month // 12, month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def period_text(date_from: date, date_to: date) -> str:
    """``2026年11月``, ``2026年第四季度``, ``2026年`` for a whole month / quarter / year,
    else ``2026年11月3日至2027年1月15日``."""
    if date_from.day == 1 and date_from.year == date_to.year:
        year, month = date_from.year, date_from.month
        if date_to == _month_end(year, month):
            return f"{year}年{month}月"
        if month % 3 == 1 and date_to == _month_end(year, month + 2):
            return f"{year}年{_QUARTERS[month // 3]}"
        if month == 1 and date_to == date(year, 12, 31):
            return f"{year}年"
    if date_from == date_to:
        return chinese_date(date_from)
    return f"{chinese_date(date_from)}至{chinese_date(date_to)}"


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
    """The slots as published: plain text, one line per time span."""
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
        )
        for row in rows
    ]


def _office(db: Database) -> tuple[str, str, str]:
    """(name, letterhead, phone) of the office."""
    with db.read() as session:
        office = session.get(OfficeSettings, 1)
        if office is None:
            return "", "", ""
        return office.name, office.letterhead or office.name, office.phone


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
) -> Result[int]:
    """The published roster (排班公示) of ``[date_from, date_to]`` at ``out``: PDF for
    ``.pdf``, an Excel sheet for ``.xlsx``. Returns the number of slots printed.

    Refused (nothing written) for another suffix, a reversed period or an empty one."""
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
    office, _letterhead, phone = _office(db)
    printed = roster_print_rows(rows)
    from petitiondesk.printing.roster import write_roster_pdf, write_roster_xlsx

    published = published_on or date.today()
    write = write_roster_pdf if suffix == ".pdf" else write_roster_xlsx
    count = write(
        out,
        printed,
        office=office,
        period_text=period,
        published_on=published,
        phone=phone,
        progress=progress,
    )
    kind = ROSTER_SUFFIXES[suffix]
    return Result.success(count, f"已生成{period}排班公示（{kind}，{count}个接待时段）：{out}")


# --- the four cards ----------------------------------------------------------------------


@dataclass(frozen=True)
class UnitChoice:
    """A department or unit that can be named as the responsible unit on the 四卡."""

    id: int
    label: str


def responsible_units(db: Database) -> list[UnitChoice]:
    """Active departments (科室) and units (外单位) for the 责任单位 of a booking."""
    with db.read() as session:
        stmt = (
            select(Department)
            .where(Department.active)
            .order_by(Department.kind, Department.name, Department.id)
        )
        return [UnitChoice(d.id, d.name) for d in session.scalars(stmt)]


def booking_number(appointment: Appointment, day: date) -> str:
    """``YY20261012-0017`` (预约) / ``XC20261012-0018`` (现场): the date of the reception
    day and the booking's id — stable and unique, printed on all four cards."""
    prefix = "XC" if appointment.kind == "walk_in" else "YY"
    return f"{prefix}{day:%Y%m%d}-{appointment.id:04d}"


def booking_no_of(db: Database, appointment_id: int) -> str | None:
    """The booking number printed on the 四卡 of ``appointment_id`` (None: no booking)."""
    with db.read() as session:
        appointment = session.get(Appointment, appointment_id)
        if appointment is None:
            return None
        return booking_number(appointment, appointment.entry.day)


def cards_file_name(booking_no: str) -> str:
    return f"领导接待日四卡-{booking_no}.pdf"


@dataclass(frozen=True)
class _Cards:
    values: dict[str, str]
    booking_no: str


def _card_values(db: Database, appointment_id: int) -> Result[_Cards]:
    with db.read() as session:
        appointment = session.get(Appointment, appointment_id)
        if appointment is None:
            return Result.failure({"appointment_id": "该预约不存在"})
        if appointment.status == "cancelled":
            return Result.failure({"appointment_id": "该预约已经取消，不能打印四卡"})
        entry = appointment.entry
        leader = entry.leader
        office = session.get(OfficeSettings, 1)
        petitioner = (
            session.get(Petitioner, appointment.petitioner_id)
            if appointment.petitioner_id is not None
            else None
        )
        petition = (
            session.get(Petition, appointment.petition_id)
            if appointment.petition_id is not None
            else None
        )
        unit = (
            session.get(Department, appointment.responsible_department_id)
            if appointment.responsible_department_id is not None
            else None
        )
        booked_by = session.scalar(
            select(AuditLog.actor)
            .where(
                AuditLog.entity == Appointment.__tablename__,
                AuditLog.entity_id == appointment.id,
                AuditLog.action.in_(("book_appointment", "register_walk_in")),
            )
            .order_by(AuditLog.id)
            .limit(1)
        )
        office_name = office.name if office is not None else ""
        sex = ""
        if petitioner is not None and petitioner.sex is not Sex.UNKNOWN:
            sex = petitioner.sex.label
        number = booking_number(appointment, entry.day)
        values = {
            "office_name": office_name,
            "letterhead": (office.letterhead or office.name) if office is not None else "",
            "booking_no": number,
            "queue_no": ticket_text(appointment.kind, appointment.queue_no),
            "visitor_name": appointment.visitor_name,
            "visitor_sex": sex,
            "visitor_phone": appointment.phone or (petitioner.phone if petitioner else ""),
            "visitor_id_number": (petitioner.id_number or "") if petitioner else "",
            "day": chinese_date(entry.day),
            "weekday": weekday_label(entry.day),
            "time_span": TimeSpan(entry.start_time, entry.end_time).text.replace("-", PRINT_DASH),
            "place": entry.place,
            "leader_name": leader.name,
            "leader_title": leader.title,
            "category": appointment.category.name if appointment.category is not None else "",
            "summary": appointment.summary or (petition.summary if petition else ""),
            "demands": petition.demands if petition is not None else "",
            "responsible_unit": unit.name if unit is not None else "",
            "office_phone": office.phone if office is not None else "",
            "booked_by": booked_by or "",
            "booked_at": chinese_datetime(appointment.booked_at),
            "confidential": "1" if petition is not None and petition.confidential else "",
        }
        return Result.success(_Cards(values, number))


def card_values(db: Database, appointment_id: int) -> Result[dict[str, str]]:
    """The values of ``forms/reception_cards.toml`` for one booking (or walk-in)."""
    found = _card_values(db, appointment_id)
    if not found.ok or found.value is None:
        return Result.failure(found.errors, found.message)
    return Result.success(found.value.values)


def print_cards(db: Database, appointment_id: int, out: Path) -> Result[Path]:
    """The 四卡 of one booking as a one-page PDF at ``out``. Refused for a booking that
    does not exist or was cancelled (nothing written)."""
    found = _card_values(db, appointment_id)
    if not found.ok or found.value is None:
        return Result.failure(found.errors, found.message)
    from petitiondesk.printing.cards_pdf import render_cards_pdf

    out = Path(out)
    render_cards_pdf(found.value.values, out)
    return Result.success(out, f"已生成四卡（预约编号 {found.value.booking_no}）：{out}")
