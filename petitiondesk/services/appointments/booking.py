"""Appointments (预约) and walk-ins (现场排队) for reception slots (seed 004).

Matching: a visitor's issue goes to the leader whose portfolio covers it (谁主管、谁接访,
seed 000 篇3). ``suggest_slots`` ranks such slots first; ``book_appointment`` still books
a slot whose leader does not own the issue, but says so and names a better slot.

Queue numbers — derived at read time, never renumbered in storage:

- ``Appointment.queue_no`` is a *ticket* within its kind and slot, given once and never
  reused: appointments 预约1号, 2号 … in booking order; walk-ins 现场1号, 2号 … in
  arrival order. A printed notice card therefore stays right whatever happens later.
- ``day_queue`` gives the calling order: every appointment not cancelled (by ticket),
  then every walk-in (by ticket) — 临时来访的，排在预约群众之后 (seed 004). ``position``
  is 1..n in that order, so a walk-in moves back one place when a later appointment is
  booked and forward one when an appointment is cancelled.

Capacity (``RosterEntry.capacity``) limits appointments only; walk-ins are never refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from petitiondesk.core import validation
from petitiondesk.core.enums import AppointmentKind, AppointmentStatus
from petitiondesk.core.roster import TimeSpan, format_md, weekday_label
from petitiondesk.core.workcalendar import WorkCalendar
from petitiondesk.store.db import Database
from petitiondesk.store.models import (
    Appointment,
    Department,
    IssueCategory,
    Leader,
    Petitioner,
    RosterEntry,
)

from .. import audit
from ..calendar import load_calendar
from ..result import Result
from ..roster import count_bookings, entries_between, slot_text

#: How far ahead ``book_appointment`` looks for a better-matching slot to suggest.
SUGGEST_DAYS: Final = 30

MSG_FULL: Final = "该时段预约已满"


@dataclass(frozen=True)
class SlotSuggestion:
    """A slot that still takes bookings. ``covers_category``: its leader owns the issue."""

    entry_id: int
    day: date
    weekday: str
    start: time
    end: time
    time_text: str
    place: str
    leader_id: int
    leader_name: str
    leader_title: str
    covers_category: bool
    booked: int
    capacity: int
    calendar_uncovered: bool

    @property
    def remaining(self) -> int:
        return self.capacity - self.booked

    @property
    def label(self) -> str:
        """``10月13日（星期二）08:30-12:00 李红梅``."""
        return f"{format_md(self.day)}（{self.weekday}）{self.time_text} {self.leader_name}"


def _suggestions(
    session: Session,
    calendar: WorkCalendar,
    category_id: int | None,
    date_from: date,
    date_to: date,
) -> list[SlotSuggestion]:
    entries = entries_between(session, date_from, date_to)
    booked = count_bookings(session, [e.id for e in entries], AppointmentKind.APPOINTMENT)
    found = []
    for e in entries:
        count = booked.get(e.id, 0)
        if count >= e.capacity or not e.leader.active or not calendar.is_workday(e.day):
            continue
        span = TimeSpan(e.start_time, e.end_time)
        found.append(
            SlotSuggestion(
                entry_id=e.id,
                day=e.day,
                weekday=weekday_label(e.day),
                start=e.start_time,
                end=e.end_time,
                time_text=span.text,
                place=e.place,
                leader_id=e.leader_id,
                leader_name=e.leader.name,
                leader_title=e.leader.title,
                covers_category=category_id is not None
                and any(c.id == category_id for c in e.leader.categories),
                booked=count,
                capacity=e.capacity,
                calendar_uncovered=e.calendar_uncovered or not calendar.is_covered(e.day),
            )
        )
    found.sort(key=lambda s: (not s.covers_category, s.day, s.start, s.place, s.entry_id))
    return found


def suggest_slots(
    db: Database, category_id: int | None, date_from: date, date_to: date
) -> list[SlotSuggestion]:
    """Slots in ``[date_from, date_to]`` that still take bookings: those whose leader
    owns ``category_id`` first, then the rest; each group by date and time. Full slots,
    slots of a deactivated leader and slots on a day off are left out."""
    with db.read() as session:
        return _suggestions(session, load_calendar(session), category_id, date_from, date_to)


# --- booking -----------------------------------------------------------------------------


@dataclass
class BookingInput:
    """The booking form (预约登记). Field names are the error keys."""

    entry_id: int | None
    visitor_name: str
    category_id: int | None
    phone: str = ""
    summary: str = ""
    petitioner_id: int | None = None
    responsible_department_id: int | None = None


@dataclass
class WalkInInput:
    """A visitor who came without an appointment (现场排队)."""

    entry_id: int | None
    visitor_name: str
    category_id: int | None = None
    phone: str = ""
    summary: str = ""
    petitioner_id: int | None = None


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


def ticket_text(kind: str, queue_no: int) -> str:
    """``预约3号`` / ``现场1号`` (``kind``: an ``AppointmentKind`` or its value)."""
    return f"{AppointmentKind(kind).label}{queue_no}号"


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
        status=AppointmentStatus.BOOKED,
        booked_at=now.replace(microsecond=0),
    )
    session.add(appointment)
    return appointment


def _common_errors(
    session: Session,
    visitor_name: str,
    phone: str,
    category_id: int | None,
    petitioner_id: int | None,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    message = validation.check_required(visitor_name, "来访人姓名")
    if message:
        errors["visitor_name"] = message
    message = validation.check_phone(phone)
    if message:
        errors["phone"] = message
    if category_id is not None and session.get(IssueCategory, category_id) is None:
        errors["category_id"] = "问题类别不存在"
    if petitioner_id is not None and session.get(Petitioner, petitioner_id) is None:
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
        for s in _suggestions(
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
    queue = _queue(session, appointment.entry_id)
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


def book_appointment(
    db: Database,
    data: BookingInput,
    *,
    actor: str,
    today: date | None = None,
    now: datetime | None = None,
) -> Result[Booking]:
    """Book a visitor into a slot (预约). Refused when the slot is full (该时段预约已满),
    past, on a day off, or its leader is deactivated; a mismatch between the issue and
    the leader's portfolio is a warning in the result, not an error."""
    now = now or datetime.now()
    today = today or now.date()
    with db.write() as session:
        errors = _common_errors(
            session, data.visitor_name, data.phone, data.category_id, data.petitioner_id
        )
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
            if entry.day < today:
                errors["entry_id"] = "不能预约已经过去的接待日"
            elif not calendar.is_workday(entry.day):
                errors["entry_id"] = f"{format_md(entry.day)}是休息日，该时段不接待，请改约其他时段"
            elif not entry.leader.active:
                errors["entry_id"] = f"{entry.leader.name}已停用，请先为该时段安排替班"
            elif (
                count_bookings(session, [entry.id], AppointmentKind.APPOINTMENT).get(entry.id, 0)
                >= entry.capacity
            ):
                errors["entry_id"] = MSG_FULL
            elif data.visitor_name.strip() and session.scalar(
                select(Appointment.id).where(
                    Appointment.entry_id == entry.id,
                    Appointment.kind == AppointmentKind.APPOINTMENT,
                    Appointment.status == AppointmentStatus.BOOKED,
                    Appointment.visitor_name == data.visitor_name.strip(),
                    Appointment.phone == data.phone.strip(),
                )
            ):
                errors["visitor_name"] = f"{data.visitor_name.strip()}已预约该时段"
        if errors or entry is None:
            return Result.failure(errors, "预约未保存：" + "；".join(errors.values()))
        warnings, better = _category_advice(session, calendar, entry, data.category_id, today)
        appointment = _add_appointment(
            session,
            entry,
            AppointmentKind.APPOINTMENT,
            data,
            now,
            responsible_department_id=data.responsible_department_id,
        )
        audit.record(
            session,
            actor=actor,
            action="book_appointment",
            entity=appointment,
            summary=f"预约 {slot_text(entry)} {entry.leader.name} "
            f"{ticket_text(AppointmentKind.APPOINTMENT, appointment.queue_no)} {appointment.visitor_name}",
        )
        booking = _booking(session, appointment, entry, warnings, better)
    message = f"已预约：{format_md(booking.day)} {booking.time_text} {booking.leader_name}，{booking.ticket}"
    if warnings:
        message += "。" + warnings[0]
    return Result.success(booking, message)


def register_walk_in(
    db: Database, data: WalkInInput, *, actor: str, now: datetime | None = None
) -> Result[Booking]:
    """A visitor who came without an appointment queues after all appointments of the
    slot (never refused for capacity)."""
    now = now or datetime.now()
    with db.write() as session:
        errors = _common_errors(
            session, data.visitor_name, data.phone, data.category_id, data.petitioner_id
        )
        entry = session.get(RosterEntry, data.entry_id) if data.entry_id is not None else None
        if entry is None:
            errors["entry_id"] = "请选择接待时段"
        if errors or entry is None:
            return Result.failure(errors, "排队登记未保存：" + "；".join(errors.values()))
        calendar = load_calendar(session)
        warnings, better = _category_advice(session, calendar, entry, data.category_id, now.date())
        appointment = _add_appointment(session, entry, AppointmentKind.WALK_IN, data, now)
        audit.record(
            session,
            actor=actor,
            action="register_walk_in",
            entity=appointment,
            summary=f"现场排队 {slot_text(entry)} "
            f"{ticket_text(AppointmentKind.WALK_IN, appointment.queue_no)} {appointment.visitor_name}",
        )
        booking = _booking(session, appointment, entry, warnings, better)
    return Result.success(booking, f"已登记现场排队：{booking.ticket}，当前第{booking.position}位")


def cancel_appointment(
    db: Database, appointment_id: int, *, reason: str = "", actor: str
) -> Result[int]:
    """Cancel a booking or a walk-in that has not been seen; its ticket is not reused."""
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


# --- the queue ---------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueItem:
    """One visitor in a slot's calling order."""

    position: int
    appointment_id: int
    kind: AppointmentKind
    kind_label: str
    queue_no: int
    ticket: str
    visitor_name: str
    phone: str
    category: str
    summary: str
    status: AppointmentStatus
    status_label: str
    booked_at: datetime


def _queue(session: Session, entry_id: int) -> list[QueueItem]:
    stmt = (
        select(Appointment)
        .where(Appointment.entry_id == entry_id, Appointment.status != AppointmentStatus.CANCELLED)
        .options(selectinload(Appointment.category))
    )
    rows = sorted(
        session.scalars(stmt),
        key=lambda a: (a.kind != AppointmentKind.APPOINTMENT, a.queue_no, a.id),
    )
    return [
        QueueItem(
            position=position,
            appointment_id=a.id,
            kind=a.kind,
            kind_label=a.kind.label,
            queue_no=a.queue_no,
            ticket=ticket_text(a.kind, a.queue_no),
            visitor_name=a.visitor_name,
            phone=a.phone,
            category=a.category.name if a.category is not None else "",
            summary=a.summary,
            status=a.status,
            status_label=a.status.label,
            booked_at=a.booked_at,
        )
        for position, a in enumerate(rows, start=1)
    ]


def day_queue(db: Database, entry_id: int) -> list[QueueItem]:
    """The slot's calling order: appointments by ticket, then walk-ins by ticket;
    cancelled ones left out; ``position`` 1..n."""
    with db.read() as session:
        return _queue(session, entry_id)
