"""The dispute-screening register (矛盾纠纷排查台账, seed 001 §6): keep it month by month.

* :func:`save_dispute` — record a screened dispute or change one (validated, audited);
* :func:`close_dispute` — 化解销号: the dispute is resolved on a day, with how;
* :func:`list_disputes` — a month's register (or every month), for the dialog and the
  printed ledger (:mod:`petitiondesk.services.printouts.dispute_register`).

Every dispute names its 责任领导、责任单位、责任人 and a deadline (限期解决, seed 001 §6
(四)); writes need :attr:`Permission.REGISTER`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from sqlalchemy import select

from petitiondesk.core import validation
from petitiondesk.core.disputes import DisputeStatus, RiskLevel, month_start, month_text
from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.store.db import Database
from petitiondesk.store.models import Dispute

from . import audit
from .result import Result

MSG_NOT_FOUND: Final = "找不到该矛盾纠纷记录"
MSG_CLOSE_FIRST: Final = "化解完成请用“化解销号”登记化解日期"
NOTES_MAX: Final = 1000
MATTER_MAX: Final = 1000

#: Text fields: (limit, label, required).
_TEXTS: Final = {
    "place": (200, "发生地点", True),
    "parties": (200, "涉及人员", True),
    "leader": (40, "责任领导", True),
    "unit": (100, "责任单位", True),
    "person": (40, "责任人", True),
}


@dataclass
class DisputeInput:
    """What the clerk typed; field names are the error keys. ``id`` None: a new one."""

    month: date
    place: str = ""
    matter: str = ""
    parties: str = ""
    people_count: int = 1
    risk: RiskLevel = RiskLevel.MEDIUM
    leader: str = ""
    unit: str = ""
    person: str = ""
    deadline: date | None = None
    status: DisputeStatus = DisputeStatus.OPEN
    notes: str = ""
    id: int | None = None


@dataclass(frozen=True)
class DisputeRow:
    id: int
    month: date
    place: str
    matter: str
    parties: str
    people_count: int
    risk: RiskLevel
    leader: str
    unit: str
    person: str
    deadline: date | None
    status: DisputeStatus
    resolved_on: date | None
    notes: str

    def overdue(self, today: date) -> bool:
        """Past its deadline and not resolved."""
        return (
            self.status is not DisputeStatus.RESOLVED
            and self.deadline is not None
            and self.deadline < today
        )


def _row(d: Dispute) -> DisputeRow:
    return DisputeRow(
        id=d.id,
        month=d.month,
        place=d.place,
        matter=d.matter,
        parties=d.parties,
        people_count=d.people_count,
        risk=d.risk,
        leader=d.leader,
        unit=d.unit,
        person=d.person,
        deadline=d.deadline,
        status=d.status,
        resolved_on=d.resolved_on,
        notes=d.notes,
    )


def validate_dispute(data: DisputeInput) -> dict[str, str]:
    """The problems of ``data`` by field (empty when it can be saved)."""
    errors = validation.storable_problems(data)

    def put(key: str, message: str | None) -> None:
        if message and key not in errors:
            errors[key] = message

    for key, (limit, label, required) in _TEXTS.items():
        text = getattr(data, key).strip()
        if required:
            put(key, validation.check_required(text, label))
        put(key, validation.check_max_length(text, limit, label))
    put("matter", validation.check_required(data.matter.strip(), "矛盾纠纷简要情况"))
    put("matter", validation.check_long_text(data.matter, MATTER_MAX, "矛盾纠纷简要情况"))
    put("notes", validation.check_long_text(data.notes, NOTES_MAX, "化解措施及进展"))
    put("people_count", validation.check_people_count(data.people_count))
    put("month", validation.check_year(data.month, "排查月份"))
    if data.deadline is None:
        put("deadline", "请填写化解时限（限期解决）")
    else:
        put("deadline", validation.check_year(data.deadline, "化解时限"))
        if data.deadline < month_start(data.month):
            put("deadline", "化解时限不能早于排查月份")
    if not isinstance(data.risk, RiskLevel):
        put("risk", "请选择风险等级")
    if not isinstance(data.status, DisputeStatus):
        put("status", "请选择化解状态")
    return errors


def _apply(row: Dispute, data: DisputeInput) -> None:
    row.month = month_start(data.month)
    row.place, row.matter = data.place.strip(), data.matter.strip()
    row.parties, row.people_count = data.parties.strip(), data.people_count
    row.risk = data.risk
    row.leader, row.unit, row.person = data.leader.strip(), data.unit.strip(), data.person.strip()
    row.deadline, row.notes = data.deadline, data.notes.strip()


def save_dispute(db: Database, data: DisputeInput, *, actor: Actor) -> Result[DisputeRow]:
    """Record a new screened dispute (``data.id`` None) or change one (audited). A
    resolved one is resolved through :func:`close_dispute`; setting it back to 化解中 or
    已稳控 reopens it."""
    if why := refusal(actor, Permission.REGISTER):
        return Result.failure({"": why})
    errors = validate_dispute(data)
    if errors:
        return Result.failure(errors, "未保存：" + "；".join(errors.values()))
    with db.write() as session:
        if data.id is None:
            if data.status is DisputeStatus.RESOLVED:
                return Result.failure({"status": MSG_CLOSE_FIRST})
            row = Dispute(status=data.status)
            _apply(row, data)
            session.add(row)
            action, before, verb = "create_dispute", None, "登记"
        else:
            found = session.get(Dispute, data.id)
            if found is None:
                return Result.failure({"": MSG_NOT_FOUND})
            row, before, verb = found, audit.snapshot(found), "修改"
            if data.status is DisputeStatus.RESOLVED and row.status is not DisputeStatus.RESOLVED:
                return Result.failure({"status": MSG_CLOSE_FIRST})
            if data.status is not DisputeStatus.RESOLVED:
                row.resolved_on = None  # reopened (or still open)
            row.status = data.status
            _apply(row, data)
            action = "update_dispute"
            if audit.snapshot(row) == before:
                return Result.success(_row(row), "没有修改")
        summary = f"{verb}矛盾纠纷（{month_text(row.month)}）：{row.place}"
        audit.record(
            session, actor=actor, action=action, entity=row, summary=summary, before=before
        )
        value = _row(row)
    return Result.success(value, f"已{verb}：{value.place}")


def close_dispute(
    db: Database, dispute_id: int, *, resolved_on: date, how: str = "", actor: Actor
) -> Result[DisputeRow]:
    """化解销号: ``dispute_id`` resolved on ``resolved_on``; ``how`` is added to its notes."""
    if why := refusal(actor, Permission.REGISTER):
        return Result.failure({"": why})
    errors = validation.storable_values(how=how)
    if not errors:
        message = validation.check_year(resolved_on, "化解日期")
        if message:
            errors["resolved_on"] = message
    if errors:
        return Result.failure(errors)
    with db.write() as session:
        row = session.get(Dispute, dispute_id)
        if row is None:
            return Result.failure({"": MSG_NOT_FOUND})
        if row.status is DisputeStatus.RESOLVED:
            return Result.failure({"status": f"该矛盾纠纷已于{row.resolved_on}化解销号"})
        if resolved_on < row.month:
            return Result.failure({"resolved_on": "化解日期不能早于排查月份"})
        before = audit.snapshot(row)
        note = how.strip()
        if note:
            joined = f"{row.notes}\n{resolved_on:%Y-%m-%d} 化解：{note}".strip()
            if len(joined) > NOTES_MAX:
                return Result.failure({"notes": f"化解措施及进展不能超过{NOTES_MAX}字"})
            row.notes = joined
        row.status, row.resolved_on = DisputeStatus.RESOLVED, resolved_on
        audit.record(
            session, actor=actor, action="close_dispute", entity=row,
            summary=f"矛盾纠纷化解销号：{row.place}", before=before,
        )  # fmt: skip
        value = _row(row)
    return Result.success(value, f"已化解销号：{value.place}")


def list_disputes(db: Database, month: date | None = None) -> list[DisputeRow]:
    """The disputes screened in ``month`` (every month when None): highest risk first,
    then by deadline."""
    order = {RiskLevel.HIGH: 0, RiskLevel.MEDIUM: 1, RiskLevel.LOW: 2}
    stmt = select(Dispute).order_by(Dispute.month.desc(), Dispute.id)
    if month is not None:
        stmt = stmt.where(Dispute.month == month_start(month))
    with db.read() as session:
        rows = [_row(d) for d in session.scalars(stmt)]
    rows.sort(key=lambda r: (-r.month.toordinal(), order[r.risk], r.deadline or date.max, r.id))
    return rows
