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

Petition (登记号): a booking or walk-in may name the visitor's petition; it is checked
(exists, same person) and fills what the clerk left empty, and a confidential petition
keeps the visitor off the responsible unit's card of the 四卡 (``petitions``).

Capacity (``RosterEntry.capacity``) limits appointments only; walk-ins are never refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from petitiondesk.services.lazy import lazy_exports

if TYPE_CHECKING:
    from .booking import (
        MSG_FULL,
        SUGGEST_DAYS,
        Booking,
        BookingInput,
        WalkInInput,
        book_appointment,
        cancel_appointment,
        register_walk_in,
    )
    from .petitions import PetitionChoice, find_petition, recent_petitions
    from .queue import QueueItem, day_queue, ticket_text
    from .slots import SlotSuggestion, suggest_slots

__getattr__ = lazy_exports(
    __name__,
    {
        "booking": (
            "MSG_FULL",
            "SUGGEST_DAYS",
            "Booking",
            "BookingInput",
            "WalkInInput",
            "book_appointment",
            "cancel_appointment",
            "register_walk_in",
        ),
        "petitions": (
            "PetitionChoice",
            "find_petition",
            "recent_petitions",
        ),
        "queue": (
            "QueueItem",
            "day_queue",
            "ticket_text",
        ),
        "slots": (
            "SlotSuggestion",
            "suggest_slots",
        ),
    },
)

__all__ = [
    "MSG_FULL",
    "SUGGEST_DAYS",
    "Booking",
    "BookingInput",
    "PetitionChoice",
    "QueueItem",
    "SlotSuggestion",
    "WalkInInput",
    "book_appointment",
    "cancel_appointment",
    "day_queue",
    "find_petition",
    "recent_petitions",
    "register_walk_in",
    "suggest_slots",
    "ticket_text",
]
