"""Changes to a slot's leader: 替班 (substitute), 调换 (swap), 依次递补 (fill in rota
order), and a slot's change history. Each change is a ``RosterChange`` row plus audit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from petitiondesk.core import validation
from petitiondesk.core.enums import AppointmentStatus, RosterChangeKind
from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.core.roster import first_free_in_rotation, format_md
from petitiondesk.store.db import Database
from petitiondesk.store.models import Appointment, AuditLog, Leader, RosterChange, RosterEntry

from .. import audit
from ..calendar import load_calendar
from ..result import Result
from ._shared import (
    active_leaders,
    day_off_message,
    entry_stale,
    leader_available,
    leader_conflict,
    load_entry,
    rota,
    slot_text,
)

#: Change kind -> Chinese label (kept for callers of the old mapping; see ``RosterChangeKind``).
CHANGE_KINDS: Final = {kind.value: kind.label for kind in RosterChangeKind}


@dataclass(frozen=True)
class ChangeOutcome:
    """A saved roster change. ``warnings`` are advice (e.g. bookings whose issue the new
    leader does not own)."""

    change_ids: tuple[int, ...]
    entry_ids: tuple[int, ...]
    from_leader: str
    to_leader: str
    warnings: tuple[str, ...] = ()


def _reason_error(reason: str, what: str) -> dict[str, str]:
    return {"reason": f"请填写{what}原因"} if not reason.strip() else {}


def _unstorable(what: str, **values: object) -> Result[ChangeOutcome] | None:
    """A refusal when an id or a text cannot even be looked up or stored (see
    ``validation.storable_problems``), before the database is opened."""
    problems = validation.storable_values(**values)
    if not problems:
        return None
    return Result.failure(problems, f"{what}未保存：" + "；".join(problems.values()))


def _booking_warnings(session: Session, entry: RosterEntry, leader: Leader) -> list[str]:
    owned = {c.id for c in leader.categories}
    stmt = select(Appointment).where(
        Appointment.entry_id == entry.id,
        Appointment.status == AppointmentStatus.BOOKED,
        Appointment.category_id.is_not(None),
    )
    outside = [a for a in session.scalars(stmt) if a.category_id not in owned]
    if not outside:
        return []
    return [
        f"{slot_text(entry)} 已有{len(outside)}个预约的问题类别不在{leader.name}的分管范围内，"
        "请视情况通知来访人改约"
    ]


def _apply_change(
    session: Session,
    entry: RosterEntry,
    to_leader: Leader,
    *,
    kind: RosterChangeKind,
    reason: str,
    requested_by: str,
    actor: str,
    other_entry_id: int | None = None,
) -> RosterChange:
    from_leader = entry.leader
    change = RosterChange(
        entry_id=entry.id,
        kind=kind,
        from_leader_id=from_leader.id,
        to_leader_id=to_leader.id,
        other_entry_id=other_entry_id,
        reason=reason.strip(),
        requested_by=requested_by.strip(),
    )
    entry.leader_id = to_leader.id
    entry.leader = to_leader
    entry.manual = True
    session.add(change)
    audit.record(
        session,
        actor=actor,
        action=f"roster_{kind}",
        entity=change,
        summary=(
            f"{kind.label}：{slot_text(entry)} {from_leader.name}→{to_leader.name}，"
            f"原因：{reason.strip()}"
        ),
    )
    return change


def _reassign(
    session: Session,
    entry: RosterEntry,
    to_leader: Leader,
    *,
    kind: RosterChangeKind,
    reason: str,
    requested_by: str,
    actor: str,
) -> ChangeOutcome:
    """One slot handed to ``to_leader`` (替班 / 递补): the change, and what to tell the clerk."""
    from_name = entry.leader.name
    change = _apply_change(
        session, entry, to_leader, kind=kind, reason=reason, requested_by=requested_by,
        actor=actor,
    )  # fmt: skip
    warnings = tuple(_booking_warnings(session, entry, to_leader))
    return ChangeOutcome((change.id,), (entry.id,), from_name, to_leader.name, warnings)


def substitute(
    db: Database,
    entry_id: int,
    to_leader_id: int,
    *,
    reason: str,
    requested_by: str = "",
    actor: Actor,
    version: int | None = None,
) -> Result[ChangeOutcome]:
    """替班: ``to_leader_id`` takes the slot. Refused when that leader is inactive, busy at
    that time, already on the slot, or the slot's date is a day off. ``version``: the
    slot's version the form was loaded with (None: no check)."""
    if why := refusal(actor, Permission.ROSTER):
        return Result.failure({"": why})
    refused = _unstorable(
        "替班",
        entry_id=entry_id,
        to_leader_id=to_leader_id,
        reason=reason,
        requested_by=requested_by,
    )
    if refused is not None:
        return refused
    errors = _reason_error(reason, "替班")
    with db.write() as session:
        entry = load_entry(session, entry_id)
        leader = session.get(Leader, to_leader_id)
        if entry is None:
            errors.setdefault("entry_id", "该接待时段不存在")
        if leader is None:
            errors.setdefault("to_leader_id", "请选择替班领导")
        if entry is None or leader is None or errors:
            return Result.failure(errors, "替班未保存：" + "；".join(errors.values()))
        if stale := entry_stale(entry, version):
            return Result.failure(stale)
        calendar = load_calendar(session)
        off = day_off_message(calendar, entry.day)
        if off:
            errors["entry_id"] = off
        if leader.id == entry.leader_id:
            errors["to_leader_id"] = f"{leader.name}本来就是该时段的接待领导"
        else:
            problem = leader_available(
                session, leader, entry.day, entry.start_time, entry.end_time, [entry.id]
            )
            if problem:
                errors["to_leader_id"] = problem
        if errors:
            return Result.failure(errors, "替班未保存：" + "；".join(errors.values()))
        outcome = _reassign(
            session,
            entry,
            leader,
            kind=RosterChangeKind.SUBSTITUTE,
            reason=reason,
            requested_by=requested_by,
            actor=actor,
        )
    return Result.success(outcome, f"已替班：{outcome.from_leader}→{outcome.to_leader}")


def swap(
    db: Database,
    entry_a: int,
    entry_b: int,
    *,
    reason: str,
    requested_by: str = "",
    actor: Actor,
    versions: tuple[int | None, int | None] = (None, None),
) -> Result[ChangeOutcome]:
    """调换: the leaders of two slots trade places (one change row per slot).
    ``versions``: the two slots' versions the form was loaded with (None: no check)."""
    if why := refusal(actor, Permission.ROSTER):
        return Result.failure({"": why})
    refused = _unstorable(
        "调换", entry_a=entry_a, entry_b=entry_b, reason=reason, requested_by=requested_by
    )
    if refused is not None:
        return refused
    errors = _reason_error(reason, "调换")
    with db.write() as session:
        a = load_entry(session, entry_a)
        b = load_entry(session, entry_b)
        if a is None:
            errors.setdefault("entry_a", "该接待时段不存在")
        if b is None:
            errors.setdefault("entry_b", "要调换的接待时段不存在")
        if a is None or b is None or errors:
            return Result.failure(errors, "调换未保存：" + "；".join(errors.values()))
        if stale := entry_stale(a, versions[0]) or entry_stale(b, versions[1]):
            return Result.failure(stale)
        if a.id == b.id:
            errors["entry_b"] = "请选择另一个接待时段"
        elif a.leader_id == b.leader_id:
            errors["entry_b"] = f"两个时段都是{a.leader.name}接待，无需调换"
        if errors:
            return Result.failure(errors, "调换未保存：" + "；".join(errors.values()))
        calendar = load_calendar(session)
        for key, entry in (("entry_a", a), ("entry_b", b)):
            off = day_off_message(calendar, entry.day)
            if off:
                errors[key] = off
        leader_a, leader_b = a.leader, b.leader
        problem = leader_available(session, leader_b, a.day, a.start_time, a.end_time, [a.id, b.id])
        if problem:
            errors.setdefault("entry_a", problem)
        problem = leader_available(session, leader_a, b.day, b.start_time, b.end_time, [a.id, b.id])
        if problem:
            errors.setdefault("entry_b", problem)
        if errors:
            return Result.failure(errors, "调换未保存：" + "；".join(errors.values()))
        first = _apply_change(
            session,
            a,
            leader_b,
            kind=RosterChangeKind.SWAP,
            reason=reason,
            requested_by=requested_by,
            actor=actor,
            other_entry_id=b.id,
        )
        second = _apply_change(
            session,
            b,
            leader_a,
            kind=RosterChangeKind.SWAP,
            reason=reason,
            requested_by=requested_by,
            actor=actor,
            other_entry_id=a.id,
        )
        warnings = _booking_warnings(session, a, leader_b) + _booking_warnings(session, b, leader_a)
        outcome = ChangeOutcome(
            (first.id, second.id), (a.id, b.id), leader_a.name, leader_b.name, tuple(warnings)
        )
    return Result.success(
        outcome,
        f"已调换：{format_md(a.day)} 由{leader_b.name}接待，{format_md(b.day)} 由{leader_a.name}接待",
    )


def fill_next_in_rotation(
    db: Database,
    entry_id: int,
    *,
    reason: str,
    requested_by: str = "",
    actor: Actor,
    version: int | None = None,
) -> Result[ChangeOutcome]:
    """按值班顺序依次递补: the next active leader after the slot's leader in rota order
    who is free at that time takes the slot (``version``: as for :func:`substitute`)."""
    if why := refusal(actor, Permission.ROSTER):
        return Result.failure({"": why})
    refused = _unstorable("递补", entry_id=entry_id, reason=reason, requested_by=requested_by)
    if refused is not None:
        return refused
    errors = _reason_error(reason, "递补")
    with db.write() as session:
        entry = load_entry(session, entry_id)
        if entry is None:
            errors.setdefault("entry_id", "该接待时段不存在")
        if entry is None or errors:
            return Result.failure(errors, "递补未保存：" + "；".join(errors.values()))
        if stale := entry_stale(entry, version):
            return Result.failure(stale)
        calendar = load_calendar(session)
        off = day_off_message(calendar, entry.day)
        if off:
            return Result.failure({"entry_id": off}, "递补未保存：" + off)
        leaders = active_leaders(session)
        by_id = {ld.id: ld for ld in leaders}
        current = entry.leader

        def is_free(leader_id: int) -> bool:
            return (
                leader_conflict(
                    session, leader_id, entry.day, entry.start_time, entry.end_time, [entry.id]
                )
                is None
            )

        chosen = first_free_in_rotation(
            rota(leaders), (current.rotation_order, current.id), is_free
        )
        if chosen is None:
            message = "没有可以递补的在岗领导：其他领导在该时段都已有接待安排或已停用"
            return Result.failure({"entry_id": message}, "递补未保存：" + message)
        outcome = _reassign(
            session,
            entry,
            by_id[chosen.id],
            kind=RosterChangeKind.FILL_NEXT,
            reason=reason,
            requested_by=requested_by,
            actor=actor,
        )
    return Result.success(outcome, f"已按值班顺序由{outcome.to_leader}递补{outcome.from_leader}")


@dataclass(frozen=True)
class ChangeRow:
    """One line of a slot's change history (who / when / from / to / why)."""

    id: int
    entry_id: int
    kind: RosterChangeKind
    kind_label: str
    from_leader: str
    to_leader: str
    other_entry_id: int | None
    other_slot: str
    reason: str
    requested_by: str
    recorded_by: str
    created_at: datetime


def roster_history(db: Database, entry_id: int) -> list[ChangeRow]:
    """The changes of one slot, oldest first. ``recorded_by`` is the clerk who saved it."""
    if validation.storable_values(entry_id=entry_id):
        return []  # no such slot: beyond any row id
    with db.read() as session:
        changes = list(
            session.scalars(
                select(RosterChange)
                .where(RosterChange.entry_id == entry_id)
                .order_by(RosterChange.created_at, RosterChange.id)
            )
        )
        if not changes:
            return []
        names = {ld.id: ld.name for ld in session.scalars(select(Leader))}
        actors = {
            entity_id: actor
            for entity_id, actor in session.execute(
                select(AuditLog.entity_id, AuditLog.actor).where(
                    AuditLog.entity == RosterChange.__tablename__,
                    AuditLog.entity_id.in_([c.id for c in changes]),
                )
            )
        }
        rows = []
        for change in changes:
            other = (
                session.get(RosterEntry, change.other_entry_id)
                if change.other_entry_id is not None
                else None
            )
            rows.append(
                ChangeRow(
                    id=change.id,
                    entry_id=change.entry_id,
                    kind=change.kind,
                    kind_label=change.kind.label,
                    from_leader=names.get(change.from_leader_id, ""),
                    to_leader=names.get(change.to_leader_id, ""),
                    other_entry_id=change.other_entry_id,
                    other_slot=slot_text(other) if other is not None else "",
                    reason=change.reason,
                    requested_by=change.requested_by,
                    recorded_by=actors.get(change.id, ""),
                    created_at=change.created_at,
                )
            )
        return rows
