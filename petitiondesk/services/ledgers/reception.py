"""领导接待日记录 (seed 000: "每次接待群众来访的内容、处理结果都要填入《领导接待日记录》"):
one row per visitor a leader received in the period — the date and time, place, leader,
the visitors, what they raised, the leader's instruction and the result.

Read with one Core statement: the conversation records (接谈记录, the usual record of a
reception) and, UNION ALL, the appointments marked 已接待 whose case has no conversation
record (the leader received them, nothing was written down yet)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import Row, and_, func, literal, select, union_all

from petitiondesk.core.enums import AppointmentStatus, CaseStatus
from petitiondesk.store.db import Database
from petitiondesk.store.dialect import clock_of, day_of
from petitiondesk.store.models import (
    Appointment,
    ConversationRecord,
    Leader,
    Petition,
    Petitioner,
    RosterEntry,
)

from ._query import Query, day_range, stream

FORM = "reception_record"
TITLE = "领导接待日记录"


def _recorded() -> Query:
    """Receptions with a conversation record (the day and time of ``held_at``)."""
    cr = ConversationRecord
    return (
        select(
            day_of(cr.held_at).label("day"),
            clock_of(cr.held_at).label("time"),
            func.coalesce(func.nullif(cr.place, ""), RosterEntry.place, "").label("place"),
            Leader.name.label("leader"),
            Leader.title.label("leader_title"),
            func.coalesce(Petitioner.name, "匿名").label("visitor"),
            Petition.people_count,
            Petition.register_no,
            Petition.summary.label("issues"),
            cr.leader_instruction.label("instruction"),
            Petition.result,
            Petition.status,
            cr.recorder,
        )  # fmt: skip
        .join(Petition, cr.petition_id == Petition.id)
        .join(Leader, cr.leader_id == Leader.id)
        .outerjoin(Petitioner, Petition.petitioner_id == Petitioner.id)
        .outerjoin(RosterEntry, cr.roster_entry_id == RosterEntry.id)
    )


def _seen_unrecorded() -> Query:
    """Appointments received (已接待) without a conversation record of their case."""
    a, entry = Appointment, RosterEntry
    no_record = (
        ~select(ConversationRecord.id)
        .where(ConversationRecord.petition_id == a.petition_id)
        .exists()
    )
    return (
        select(
            entry.day.label("day"),
            clock_of(entry.start_time).label("time"),
            entry.place.label("place"),
            Leader.name.label("leader"),
            Leader.title.label("leader_title"),
            a.visitor_name.label("visitor"),
            func.coalesce(Petition.people_count, 1).label("people_count"),
            func.coalesce(Petition.register_no, "").label("register_no"),
            func.coalesce(Petition.summary, a.summary).label("issues"),
            literal("").label("instruction"),
            func.coalesce(Petition.result, "").label("result"),
            Petition.status,
            literal("").label("recorder"),
        )  # fmt: skip
        .join(entry, a.entry_id == entry.id)
        .join(Leader, entry.leader_id == Leader.id)
        .outerjoin(Petition, a.petition_id == Petition.id)
        .where(and_(a.status == AppointmentStatus.SEEN, no_record))
    )


def query(start: date, end: date) -> Query:
    """Every reception from ``start`` to ``end``, in date and time order."""
    both = union_all(
        _recorded().where(day_range(day_of(ConversationRecord.held_at), start, end)),
        _seen_unrecorded().where(day_range(RosterEntry.day, start, end)),
    ).subquery()
    return select(both).order_by(both.c.day, both.c.time, both.c.register_no)


def _visitors(name: str, people: int) -> str:
    return f"{name}等{people}人" if people > 1 else name


def _result(result: str, status: CaseStatus | None) -> str:
    if result:
        return result
    return status.label if status is not None else ""


def rows(
    db: Database, start: date, end: date, *, outside: bool = False
) -> Iterator[dict[str, object]]:
    """``outside`` changes nothing: the record shows no ID number or phone."""

    def convert(r: Row[Any]) -> dict[str, object]:
        title = f"（{r.leader_title}）" if r.leader_title else ""
        return {
            "day": r.day,
            "time": r.time or "",
            "place": r.place or "",
            "leader": f"{r.leader}{title}",
            "visitors": _visitors(r.visitor, r.people_count or 1),
            "register_no": r.register_no or "",
            "issues": r.issues or "",
            "instructions": r.instruction or "",
            "results": _result(r.result or "", r.status),
            "recorder": r.recorder or "",
        }

    return stream(db, query(start, end), convert)
