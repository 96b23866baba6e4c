"""Appointments (预约) and walk-ins (现场排队): the public names of the package."""

from __future__ import annotations

from .booking import (
    MSG_FULL,
    SUGGEST_DAYS,
    Booking,
    BookingInput,
    QueueItem,
    SlotSuggestion,
    WalkInInput,
    book_appointment,
    cancel_appointment,
    day_queue,
    register_walk_in,
    suggest_slots,
    ticket_text,
)

__all__ = [
    "MSG_FULL",
    "SUGGEST_DAYS",
    "Booking",
    "BookingInput",
    "QueueItem",
    "SlotSuggestion",
    "WalkInInput",
    "book_appointment",
    "cancel_appointment",
    "day_queue",
    "register_walk_in",
    "suggest_slots",
    "ticket_text",
]
