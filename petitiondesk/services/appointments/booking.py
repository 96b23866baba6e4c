"""Booking a visitor into a slot (预约), registering a walk-in (现场排队), cancelling.

A mismatch between the visitor's issue and the leader's portfolio is advice, not a
refusal: the result names a better slot. Capacity limits appointments only.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from petitiondesk.core import validation
from petitiondesk.core.enums import AppointmentKind, AppointmentStatus
from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.core.roster import TimeSpan, format_md
from petitiondesk.core.workcalendar import WorkCalendar
from petitiondesk.store.db import Database
from petitiondesk.store.models import (
    Appointment,
    Department,
    IssueCategory,
    Leader,
    Petition,
    Petitioner,
    RosterEntry,
)

from .. import audit
from ..calendar import load_calendar
from ..result import Result
from ..roster import count_bookings, slot_text
from .petitions import petition_by_register_no
from .queue import slot_queue, ticket_text
from .slots import SlotSuggestion, suggestions

#: How far ahead ``book_appointment`` looks for a better-matching slot to suggest.
SUGGEST_DAYS: Final = 30

MSG_FULL: Final = "该时段预约已满"
MSG_NAME_MISMATCH: Final = "登记号{no}的来访人是{name}，与预约的来访人不一致"
MSG_PERSON_MISMATCH: Final = "登记号{no}不是所选来访人的信访事项"
#: Longest visitor name (the column) and summary on a booking.
VISITOR_NAME_MAX: Final = 40


@dataclass
class BookingInput:
    """The booking form (预约登记). Field names are the error keys.

    ``petition_register_no`` links the booking to the visitor's petition (登记号): the
    name, phone, petitioner, category and summary left empty are taken from it, and a
    confidential (检举控告) petition keeps the visitor off the unit's card of the 四卡."""

    entry_id: int | None
    visitor_name: str
    category_id: int | None
    phone: str = ""
    summary: str = ""
    petitioner_id: int | None = None
    responsible_department_id: int | None = None
    petition_register_no: str = ""


@dataclass
class WalkInInput:
    """A visitor who came without an appointment (现场排队)."""

    entry_id: int | None
    visitor_name: str
    category_id: int | None = None
    phone: str = ""
    summary: str = ""
    petitioner_id: int | None = None
    petition_register_no: str = ""


@dataclass(frozen=True)
class Booking:
    """A saved appointment or walk-in.

    ``queue_no`` / ``ticket`` are stable (预约3号); ``position`` is the place in the
    calling order at the time of saving (see the module docstring). ``warnings`` are
    advice that did not stop the booking; ``better_slot`` the suggested alternative.
    """

    appointment_id: int
    entry_id: int
    kind: AppointmentKind
    queue_no: int
    ticket: str
    position: int
    day: date
    time_text: str
    place: str
    leader_name: str
    warnings: tuple[str, ...] = ()
    better_slot: SlotSuggestion | None = None


def _next_ticket(session: Session, entry_id: int, kind: AppointmentKind) -> int:
    stmt = select(func.max(Appointment.queue_no)).where(
        Appointment.entry_id == entry_id, Appointment.kind == kind
    )
    return int(session.scalar(stmt) or 0) + 1


def _add_appointment(
    session: Session,
    entry: RosterEntry,
    kind: AppointmentKind,
    data: BookingInput | WalkInInput,
    now: datetime,
    *,
    petition: Petition | None = None,
    responsible_department_id: int | None = None,
) -> Appointment:
    """A new booked row of ``kind`` in ``entry`` with the next ticket, added to ``session``."""
    appointment = Appointment(
        entry_id=entry.id,
        kind=kind,
        queue_no=_next_ticket(session, entry.id, kind),
        visitor_name=data.visitor_name.strip(),
        phone=data.phone.strip(),
        petitioner_id=data.petitioner_id,
        category_id=data.category_id,
        summary=data.summary.strip(),
        responsible_department_id=responsible_department_id,
        petition_id=petition.id if petition is not None else None,
        status=AppointmentStatus.BOOKED,
        booked_at=now.replace(microsecond=0),
    )
    session.add(appointment)
    return appointment


Visit = TypeVar("Visit", BookingInput, WalkInInput)


def _link_petition(session: Session, data: Visit) -> tuple[Visit, Petition | None, dict[str, str]]:
    """Check the booking's ``petition_register_no`` and fill the booking from it.

    Returns the input with the visitor's name, phone, petitioner, category and summary
    taken from the petition where the clerk left them empty; the petition (None: no
    register number, or refused); and the field errors: the number does not read, does
    not exist, or belongs to another person (another petitioner, or another name)."""
    text = data.petition_register_no.strip()
    if not text:
        return data, None, {}
    petition, problem = petition_by_register_no(session, text)
    if petition is None:
        return data, None, {"petition_register_no": problem or "找不到该登记号"}
    person, name = petition.petitioner, data.visitor_name.strip()
    if data.petitioner_id is not None and person is not None and data.petitioner_id != person.id:
        message = MSG_PERSON_MISMATCH.format(no=petition.register_no)
        return data, None, {"petition_register_no": message}
    if name and person is not None and name != person.name.strip():
        message = MSG_NAME_MISMATCH.format(no=petition.register_no, name=person.name)
        return data, None, {"petition_register_no": message}
    filled = dataclasses.replace(
        data,
        visitor_name=name or (person.name if person is not None else ""),
        phone=data.phone.strip() or (person.phone if person is not None else ""),
        petitioner_id=petition.petitioner_id if data.petitioner_id is None else data.petitioner_id,
        category_id=petition.category_id if data.category_id is None else data.category_id,
        summary=data.summary.strip() or petition.summary,
    )
    return filled, petition, {}


def _linked_text(petition: Petition | None) -> str:
    return f"（登记号 {petition.register_no}）" if petition is not None else ""


def _common_errors(session: Session, data: BookingInput | WalkInInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    message = validation.check_required(data.visitor_name, "来访人姓名") or (
        validation.check_max_length(data.visitor_name, VISITOR_NAME_MAX, "来访人姓名")
    )
    if message:
        errors["visitor_name"] = message
    message = validation.check_phone(data.phone)
    if message:
        errors["phone"] = message
    message = validation.check_long_text(data.summary, validation.SUMMARY_MAX, "反映问题")
    if message:
        errors["summary"] = message
    if data.category_id is not None and session.get(IssueCategory, data.category_id) is None:
        errors["category_id"] = "问题类别不存在"
    if data.petitioner_id is not None and session.get(Petitioner, data.petitioner_id) is None:
        errors["petitioner_id"] = "来访人档案不存在"
    return errors


def _category_advice(
    session: Session,
    calendar: WorkCalendar,
    entry: RosterEntry,
    category_id: int | None,
    today: date,
) -> tuple[list[str], SlotSuggestion | None]:
    """A warning when the slot's leader does not own the issue and another active leader
    does, with the earliest such slot within ``SUGGEST_DAYS`` that still has room."""
    if category_id is None:
        return [], None
    if any(c.id == category_id for c in entry.leader.categories):
        return [], None
    owners = [
        ld
        for ld in session.scalars(select(Leader).where(Leader.active))
        if any(c.id == category_id for c in ld.categories)
    ]
    if not owners:
        return [], None
    category = session.get(IssueCategory, category_id)
    what = category.name if category is not None else ""
    candidates = [
        s
        for s in suggestions(
            session, calendar, category_id, today, today + timedelta(days=SUGGEST_DAYS)
        )
        if s.covers_category and s.entry_id != entry.id
    ]
    if not candidates:
        names = "、".join(ld.name for ld in owners)
        return [
            f"所选领导不分管该问题类别（{what}，分管领导：{names}），"
            f"近{SUGGEST_DAYS}天内分管领导没有可预约的接待时段"
        ], None
    best = candidates[0]
    return [
        f"所选领导不分管该问题类别（{what}），建议改约{best.leader_name}领导"
        f"{format_md(best.day)}（{best.weekday} {best.time_text}）"
    ], best


def _position(session: Session, appointment: Appointment) -> int:
    queue = slot_queue(session, appointment.entry_id)
    for item in queue:
        if item.appointment_id == appointment.id:
            return item.position
    return 0


def _booking(
    session: Session,
    appointment: Appointment,
    entry: RosterEntry,
    warnings: list[str],
    better: SlotSuggestion | None,
) -> Booking:
    return Booking(
        appointment_id=appointment.id,
        entry_id=entry.id,
        kind=appointment.kind,
        queue_no=appointment.queue_no,
        ticket=ticket_text(appointment.kind, appointment.queue_no),
        position=_position(session, appointment),
        day=entry.day,
        time_text=TimeSpan(entry.start_time, entry.end_time).text,
        place=entry.place,
        leader_name=entry.leader.name,
        warnings=tuple(warnings),
        better_slot=better,
    )


def _slot_errors(
    session: Session, calendar: WorkCalendar, entry: RosterEntry, data: BookingInput, today: date
) -> dict[str, str]:
    """Why ``entry`` cannot take this booking: past, a day off, an inactive leader, full,
    or the visitor already booked there."""
    if entry.day < today:
        return {"entry_id": "不能预约已经过去的接待日"}
    if not calendar.is_workday(entry.day):
        return {"entry_id": f"{format_md(entry.day)}是休息日，该时段不接待，请改约其他时段"}
    if not entry.leader.active:
        return {"entry_id": f"{entry.leader.name}已停用，请先为该时段安排替班"}
    booked = count_bookings(session, [entry.id], AppointmentKind.APPOINTMENT).get(entry.id, 0)
    if booked >= entry.capacity:
        return {"entry_id": MSG_FULL}
    name = data.visitor_name.strip()
    if name and session.scalar(
        select(Appointment.id).where(
            Appointment.entry_id == entry.id,
            Appointment.kind == AppointmentKind.APPOINTMENT,
            Appointment.status == AppointmentStatus.BOOKED,
            Appointment.visitor_name == name,
            Appointment.phone == data.phone.strip(),
        )
    ):
        return {"visitor_name": f"{name}已预约该时段"}
    return {}


def book_appointment(
    db: Database,
    data: BookingInput,
    *,
    actor: Actor,
    today: date | None = None,
    now: datetime | None = None,
) -> Result[Booking]:
    """Book a visitor into a slot (预约). Refused when the slot is full (该时段预约已满),
    past, on a day off, or its leader is deactivated; a mismatch between the issue and
    the leader's portfolio is a warning in the result, not an error."""
    if why := refusal(actor, Permission.ROSTER):
        return Result.failure({"": why})
    now = now or datetime.now()
    today = today or now.date()
    unstorable = validation.storable_problems(data)
    if unstorable:
        return Result.failure(unstorable, "预约未保存：" + "；".join(unstorable.values()))
    with db.write() as session:
        data, petition, errors = _link_petition(session, data)
        errors = {**_common_errors(session, data), **errors}
        if data.category_id is None:
            errors["category_id"] = "请选择问题类别"
        if data.responsible_department_id is not None and (
            session.get(Department, data.responsible_department_id) is None
        ):
            errors["responsible_department_id"] = "责任单位不存在"
        entry = session.get(RosterEntry, data.entry_id) if data.entry_id is not None else None
        calendar = load_calendar(session)
        if entry is None:
            errors["entry_id"] = "请选择接待时段"
        else:
            errors.update(_slot_errors(session, calendar, entry, data, today))
        if errors or entry is None:
            return Result.failure(errors, "预约未保存：" + "；".join(errors.values()))
        warnings, better = _category_advice(session, calendar, entry, data.category_id, today)
        appointment = _add_appointment(
            session,
            entry,
            AppointmentKind.APPOINTMENT,
            data,
            now,
            petition=petition,
            responsible_department_id=data.responsible_department_id,
        )
        audit.record(
            session,
            actor=actor,
            action="book_appointment",
            entity=appointment,
            summary=f"预约 {slot_text(entry)} {entry.leader.name} "
            f"{ticket_text(AppointmentKind.APPOINTMENT, appointment.queue_no)} {appointment.visitor_name}"
            + _linked_text(petition),
        )
        booking = _booking(session, appointment, entry, warnings, better)
    message = f"已预约：{format_md(booking.day)} {booking.time_text} {booking.leader_name}，{booking.ticket}"
    if warnings:
        message += "。" + warnings[0]
    return Result.success(booking, message)


def register_walk_in(
    db: Database, data: WalkInInput, *, actor: Actor, now: datetime | None = None
) -> Result[Booking]:
    """A visitor who came without an appointment queues after all appointments of the
    slot (never refused for capacity)."""
    if why := refusal(actor, Permission.ROSTER):
        return Result.failure({"": why})
    now = now or datetime.now()
    unstorable = validation.storable_problems(data)
    if unstorable:
        return Result.failure(unstorable, "排队登记未保存：" + "；".join(unstorable.values()))
    with db.write() as session:
        data, petition, errors = _link_petition(session, data)
        errors = {**_common_errors(session, data), **errors}
        entry = session.get(RosterEntry, data.entry_id) if data.entry_id is not None else None
        if entry is None:
            errors["entry_id"] = "请选择接待时段"
        if errors or entry is None:
            return Result.failure(errors, "排队登记未保存：" + "；".join(errors.values()))
        calendar = load_calendar(session)
        warnings, better = _category_advice(session, calendar, entry, data.category_id, now.date())
        appointment = _add_appointment(
            session, entry, AppointmentKind.WALK_IN, data, now, petition=petition
        )
        audit.record(
            session,
            actor=actor,
            action="register_walk_in",
            entity=appointment,
            summary=f"现场排队 {slot_text(entry)} "
            f"{ticket_text(AppointmentKind.WALK_IN, appointment.queue_no)} {appointment.visitor_name}"
            + _linked_text(petition),
        )
        booking = _booking(session, appointment, entry, warnings, better)
    return Result.success(booking, f"已登记现场排队：{booking.ticket}，当前第{booking.position}位")


def cancel_appointment(
    db: Database, appointment_id: int, *, reason: str = "", actor: Actor
) -> Result[int]:
    """Cancel a booking or a walk-in that has not been seen; its ticket is not reused."""
    if why := refusal(actor, Permission.ROSTER):
        return Result.failure({"": why})
    unstorable = validation.storable_values(appointment_id=appointment_id, reason=reason)
    if unstorable:
        return Result.failure(unstorable, "预约未取消：" + "；".join(unstorable.values()))
    with db.write() as session:
        appointment = session.get(Appointment, appointment_id)
        if appointment is None:
            return Result.failure({"appointment_id": "该预约不存在"})
        if appointment.status == AppointmentStatus.CANCELLED:
            return Result.failure({"appointment_id": "该预约已经取消"})
        if appointment.status == AppointmentStatus.SEEN:
            return Result.failure({"appointment_id": "已接待的预约不能取消"})
        before = audit.snapshot(appointment)
        appointment.status = AppointmentStatus.CANCELLED
        why = f"，原因：{reason.strip()}" if reason.strip() else ""
        audit.record(
            session,
            actor=actor,
            action="cancel_appointment",
            entity=appointment,
            summary=f"取消{ticket_text(appointment.kind, appointment.queue_no)} "
            f"{appointment.visitor_name}{why}",
            before=before,
        )
    return Result.success(appointment_id, "已取消预约")
