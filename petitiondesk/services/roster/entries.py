"""Slots added by hand (手工加排), their accompanying department (陪同接访), removal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import func, select

from petitiondesk.core import validation
from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.core.roster import format_md
from petitiondesk.store.db import Database
from petitiondesk.store.models import Appointment, Department, Leader, RosterChange, RosterEntry

from .. import audit
from ..calendar import load_calendar
from ..result import Result
from ._shared import (
    MAX_CAPACITY,
    Saved,
    day_off_message,
    entry_stale,
    leader_available,
    load_entry,
    slot_text,
)


@dataclass
class EntryInput:
    """A slot added by hand (手工加排). Field names are the error keys."""

    day: date
    start: time
    end: time
    place: str
    leader_id: int | None
    capacity: int = 10
    accompany_department_id: int | None = None
    accompany_person: str = ""
    note: str = ""


def add_entry(db: Database, data: EntryInput, *, actor: Actor) -> Result[Saved]:
    """Add one slot by hand (``manual=True``); refused on a day off, for an inactive
    leader, for a leader already on duty then, or where the place and time are taken."""
    if why := refusal(actor, Permission.ROSTER):
        return Result.failure({"": why})
    errors = validation.storable_problems(data)
    if errors:
        return Result.failure(errors, "接待时段未保存：" + "；".join(errors.values()))
    if data.end <= data.start:
        errors["end"] = "结束时间应晚于开始时间"
    if not data.place.strip():
        errors["place"] = "请填写接待地点"
    if not 1 <= data.capacity <= MAX_CAPACITY:
        errors["capacity"] = f"每个时段可预约人数应为1至{MAX_CAPACITY}人"
    if data.leader_id is None:
        errors["leader_id"] = "请选择接待领导"
    with db.write() as session:
        calendar = load_calendar(session)
        off = day_off_message(calendar, data.day)
        if off:
            errors.setdefault("day", off)
        leader = session.get(Leader, data.leader_id) if data.leader_id is not None else None
        if data.leader_id is not None and leader is None:
            errors.setdefault("leader_id", "接待领导不存在")
        if data.accompany_department_id is not None and (
            session.get(Department, data.accompany_department_id) is None
        ):
            errors.setdefault("accompany_department_id", "陪同科室不存在")
        if errors or leader is None:
            return Result.failure(errors, "接待时段未保存：" + "；".join(errors.values()))
        problem = leader_available(session, leader, data.day, data.start, data.end)
        if problem:
            errors["leader_id"] = problem
        taken = session.scalar(
            select(RosterEntry).where(
                RosterEntry.day == data.day,
                RosterEntry.start_time == data.start,
                RosterEntry.place == data.place.strip(),
            )
        )
        if taken is not None:
            errors["start"] = f"{data.place.strip()}在该时间已有排班（{taken.leader.name}）"
        if errors:
            return Result.failure(errors, "接待时段未保存：" + "；".join(errors.values()))
        entry = RosterEntry(
            rule_id=None,
            day=data.day,
            start_time=data.start,
            end_time=data.end,
            place=data.place.strip(),
            leader_id=leader.id,
            capacity=data.capacity,
            accompany_department_id=data.accompany_department_id,
            accompany_person=data.accompany_person.strip(),
            manual=True,
            calendar_uncovered=not calendar.is_covered(data.day),
            note=data.note.strip(),
        )
        session.add(entry)
        audit.record(
            session,
            actor=actor,
            action="add_roster_entry",
            entity=entry,
            summary=f"手工加排 {slot_text(entry)} {leader.name}",
        )
        warnings: tuple[str, ...] = ()
        if entry.calendar_uncovered:
            warnings = (f"{data.day.year}年的节假日安排尚未录入，请确认该日是工作日",)
        saved = Saved(entry.id, warnings)
    return Result.success(saved, f"已加排 {format_md(data.day)} {leader.name}")


def set_accompany(
    db: Database,
    entry_id: int,
    *,
    department_id: int | None,
    person: str = "",
    actor: Actor,
    version: int | None = None,
) -> Result[Saved]:
    """Record the functional department (and person) accompanying the leader (陪同接访).
    ``version``: the slot's version the form was loaded with (None: no check)."""
    if why := refusal(actor, Permission.ROSTER):
        return Result.failure({"": why})
    problems = validation.storable_values(
        entry_id=entry_id, accompany_department_id=department_id, accompany_person=person
    )
    if problems:
        return Result.failure(problems, "陪同人员未保存：" + "；".join(problems.values()))
    with db.write() as session:
        entry = load_entry(session, entry_id)
        if entry is None:
            return Result.failure({"entry_id": "该接待时段不存在"})
        if stale := entry_stale(entry, version):
            return Result.failure(stale)
        if department_id is not None and session.get(Department, department_id) is None:
            return Result.failure({"accompany_department_id": "陪同科室不存在"})
        before = audit.snapshot(entry)
        entry.accompany_department_id = department_id
        entry.accompany_person = person.strip()
        audit.record(
            session,
            actor=actor,
            action="set_roster_accompany",
            entity=entry,
            summary=f"设置陪同接访 {slot_text(entry)} {person.strip()}",
            before=before,
        )
    return Result.success(Saved(entry_id), "已保存陪同人员")


def remove_entry(
    db: Database, entry_id: int, *, reason: str, actor: Actor, version: int | None = None
) -> Result[Saved]:
    """Delete a slot (e.g. one left on a day off after the holiday table changed).
    Refused while it has bookings; its swap partner's history keeps the change but loses
    the link to this slot. ``version``: the slot's version the form was loaded with."""
    if why := refusal(actor, Permission.ROSTER):
        return Result.failure({"": why})
    problems = validation.storable_values(entry_id=entry_id, reason=reason)
    if problems:
        return Result.failure(problems, "接待时段未删除：" + "；".join(problems.values()))
    if not reason.strip():
        return Result.failure({"reason": "请填写删除原因"})
    with db.write() as session:
        entry = load_entry(session, entry_id)
        if entry is None:
            return Result.failure({"entry_id": "该接待时段不存在"})
        if stale := entry_stale(entry, version):
            return Result.failure(stale)
        booked = session.scalar(
            select(func.count(Appointment.id)).where(Appointment.entry_id == entry.id)
        )
        if booked:
            return Result.failure(
                {"entry_id": f"该时段已有{booked}条预约或排队记录，不能删除，请改为替班"}
            )
        for change in session.scalars(
            select(RosterChange).where(RosterChange.other_entry_id == entry.id)
        ):
            change.other_entry_id = None
        audit.record(
            session,
            actor=actor,
            action="remove_roster_entry",
            entity=entry,
            summary=f"删除接待时段 {slot_text(entry)} {entry.leader.name}，原因：{reason.strip()}",
        )
        session.delete(entry)
    return Result.success(Saved(entry_id), "已删除该接待时段")
