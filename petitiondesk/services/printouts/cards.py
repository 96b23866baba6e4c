"""The four cards (四卡, seed 000 篇3) of one booking: the visitor's notice card, the
responsible unit's notice card, the leader's report card and the office's stub, on one
A4 sheet (``forms/reception_cards.toml``).

Confidentiality (检举控告): a booking linked to a confidential petition prints the unit's
card without the visitor's identity (``confidential`` flag of ``forms/reception_cards``);
the leader's card and the office stub keep it. A booking not linked to a petition, or
linked to one that is not confidential, prints in full.

The renderer (reportlab) is imported when the file is written: the window uses the light
helpers (:func:`responsible_units`, :func:`booking_no_of`) at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from petitiondesk.core.datetext import chinese_date, chinese_datetime
from petitiondesk.core.enums import Sex
from petitiondesk.core.idcard import check_id_number
from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.core.roster import TimeSpan, weekday_label
from petitiondesk.services.appointments import ticket_text
from petitiondesk.store.db import Database
from petitiondesk.store.models import Appointment, AuditLog, Department, Petition, Petitioner

from .. import audit
from ..result import Result
from .audited import audited_output
from .office import office_heading
from .roster import PRINT_DASH


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


def _booked_by(session: Session, appointment: Appointment) -> str:
    """Who took the booking (or registered the walk-in), from the audit log."""
    actor = session.scalar(
        select(AuditLog.actor)
        .where(
            AuditLog.entity == Appointment.__tablename__,
            AuditLog.entity_id == appointment.id,
            AuditLog.action.in_(("book_appointment", "register_walk_in")),
        )
        .order_by(AuditLog.id)
        .limit(1)
    )
    return actor or ""


def _fill(session: Session, appointment: Appointment) -> dict[str, str]:
    entry = appointment.entry
    leader = entry.leader
    office = office_heading(session)
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
    if petitioner is None and petition is not None:
        petitioner = petition.petitioner
    return {
        "office_name": office.name,
        "letterhead": office.letterhead,
        "booking_no": booking_number(appointment, entry.day),
        "queue_no": ticket_text(appointment.kind, appointment.queue_no),
        "visitor_name": appointment.visitor_name,
        "visitor_sex": _sex_text(petitioner),
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
        "office_phone": office.phone,
        "booked_by": _booked_by(session, appointment),
        "booked_at": chinese_datetime(appointment.booked_at),
        "confidential": "1" if petition is not None and petition.confidential else "",
    }


def _sex_text(petitioner: Petitioner | None) -> str:
    """性别 of the visitor for the cards: as recorded, else read from the ID number."""
    if petitioner is None:
        return ""
    if petitioner.sex is not Sex.UNKNOWN:
        return petitioner.sex.label
    checked = check_id_number(petitioner.id_number or "")
    return checked.sex.label if checked.ok and checked.sex is not None else ""


def _card_values(db: Database, appointment_id: int) -> Result[_Cards]:
    with db.read() as session:
        appointment = session.get(Appointment, appointment_id)
        if appointment is None:
            return Result.failure({"appointment_id": "该预约不存在"})
        if appointment.status == "cancelled":
            return Result.failure({"appointment_id": "该预约已经取消，不能打印四卡"})
        values = _fill(session, appointment)
        return Result.success(_Cards(values, values["booking_no"]))


def card_values(db: Database, appointment_id: int) -> Result[dict[str, str]]:
    """The values of ``forms/reception_cards.toml`` for one booking (or walk-in)."""
    found = _card_values(db, appointment_id)
    if not found.ok or found.value is None:
        return Result.failure(found.errors, found.message)
    return Result.success(found.value.values)


def print_cards(db: Database, appointment_id: int, out: Path, *, actor: Actor) -> Result[Path]:
    """The 四卡 of one booking as a one-page PDF at ``out`` (recorded in the audit log).
    Refused for a booking that does not exist or was cancelled (nothing written)."""
    if why := refusal(actor, Permission.PRINT):
        return Result.failure({"": why})
    found = _card_values(db, appointment_id)
    if not found.ok or found.value is None:
        return Result.failure(found.errors, found.message)
    from petitiondesk.printing.cards_pdf import render_cards_pdf

    out = Path(out)

    def record(session: Session) -> None:
        appointment = session.get(Appointment, appointment_id)
        assert appointment is not None
        audit.record_print(
            session, actor=actor, form="reception_cards", entity=appointment, label="四卡", out=out
        )

    with audited_output(db, out, record) as tmp:
        render_cards_pdf(found.value.values, tmp)
    return Result.success(out, f"已生成四卡（预约编号 {found.value.booking_no}）：{out}")
