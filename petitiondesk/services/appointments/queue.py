"""A slot's calling order (叫号顺序) and the tickets in it (预约3号, 现场1号).

Tickets are given once and never renumbered; the calling order is derived at read time
(see the package docstring).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from petitiondesk.core import validation
from petitiondesk.core.enums import AppointmentKind, AppointmentStatus
from petitiondesk.store.db import Database
from petitiondesk.store.models import Appointment


def ticket_text(kind: str, queue_no: int) -> str:
    """``预约3号`` / ``现场1号`` (``kind``: an ``AppointmentKind`` or its value)."""
    return f"{AppointmentKind(kind).label}{queue_no}号"


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


def slot_queue(session: Session, entry_id: int) -> list[QueueItem]:
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
    if validation.storable_values(entry_id=entry_id):
        return []  # no such slot: beyond any row id
    with db.read() as session:
        return slot_queue(session, entry_id)
