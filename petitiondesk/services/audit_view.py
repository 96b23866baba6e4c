"""The 审计日志 screen: the audit log read back, filtered, newest first, a page at a time.

Only administrators may read it (:data:`Permission.AUDIT`, checked here, not only in the
window). Each row comes with the state of its link in the hash chain, checked cheaply
from the row itself and its predecessor: 完好, 内容被改动 (its own hash does not match) or
前一条缺失 (the row before it was removed or replaced). ``petitiondesk check`` walks the
whole chain; this is the same test on the rows shown.

Times are stored in UTC (as SQLite's CURRENT_TIMESTAMP) and shown in local time; the date
filter is in local days.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Final

from sqlalchemy import ColumnElement, Select, and_, case, false, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from petitiondesk.core.auditchain import GENESIS, row_hash
from petitiondesk.core.identity import Actor
from petitiondesk.core.masking import mask_id, mask_phone, mask_text
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.store.db import Database
from petitiondesk.store.models import AuditLog, Petition

from .audit import chain_row
from .audit_labels import action_label, entity_label, field_label
from .result import Result

PAGE_SIZE: Final = 200
CHAIN_OK: Final = "完好"
CHAIN_CHANGED: Final = "内容被改动"
CHAIN_GAP: Final = "前一条缺失"
MSG_NO_CASE: Final = "没有登记号为 {number} 的案件"
MSG_DATES: Final = "结束日期不能早于开始日期"
MSG_FOUND: Final = "共 {total} 条审计记录"


@dataclass(frozen=True)
class AuditFilter:
    """What the screen asks for; empty fields do not filter."""

    actor: str = ""  # part of the operator's name
    register_no: str = ""  # a case's register number (登记号)
    action: str = ""  # a stored action name, exactly
    entity: str = ""  # a table name, exactly
    day_from: date | None = None  # local days, inclusive
    day_to: date | None = None


@dataclass(frozen=True)
class AuditEntry:
    """One audit row as shown: local time, labels, the case's number, the chain state."""

    id: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: int | None
    register_no: str
    summary: str
    before: str
    after: str
    chain: str = CHAIN_OK

    @property
    def action_text(self) -> str:
        return action_label(self.action)

    @property
    def entity_text(self) -> str:
        label = entity_label(self.entity)
        return f"{label} #{self.entity_id}" if self.entity_id is not None else label


@dataclass(frozen=True)
class AuditPage:
    entries: tuple[AuditEntry, ...]
    total: int
    offset: int
    limit: int

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.entries) < self.total


@dataclass(frozen=True)
class AuditChoices:
    """The values the filter lists offer: (stored value, label) pairs."""

    actors: tuple[str, ...] = ()
    actions: tuple[tuple[str, str], ...] = ()
    entities: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class FieldChange:
    """One field of a row's before/after, readable."""

    key: str
    label: str
    before: str
    after: str
    changed: bool = field(default=False)


def local_time(at: datetime) -> datetime:
    """A stored (UTC, naive) time in local time (naive)."""
    return at.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def _utc(day: date) -> datetime:
    """Local midnight at the start of ``day`` as a naive UTC time (as stored)."""
    return datetime.combine(day, time()).astimezone().astimezone(UTC).replace(tzinfo=None)


def _json_key_is(
    column: InstrumentedAttribute[str], key: str, value: int, dialect: str
) -> ColumnElement[bool]:
    """``column`` (JSON text or "") holds ``key: value``. PostgreSQL: the text as
    ``json.dumps`` writes it (``"key": 12,`` or ``"key": 12}``), which needs no cast of
    text that may not be JSON."""
    if dialect != "sqlite":
        return column.regexp_match(f'"{key}": {int(value)}[,}}]')
    valid = case((func.json_valid(column) == 1, column), else_="{}")
    return func.json_extract(valid, f"$.{key}") == value


def _case_condition(petition_id: int, number: str, dialect: str) -> ColumnElement[bool]:
    return or_(
        and_(AuditLog.entity == Petition.__tablename__, AuditLog.entity_id == petition_id),
        _json_key_is(AuditLog.after, "petition_id", petition_id, dialect),
        _json_key_is(AuditLog.before, "petition_id", petition_id, dialect),
        AuditLog.summary.contains(number, autoescape=True),
    )


def _case_id(session: Session, number: str) -> int | None:
    return session.scalar(select(Petition.id).where(Petition.register_no == number))


def _conditions(session: Session, filters: AuditFilter) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if filters.actor.strip():
        found.append(AuditLog.actor.contains(filters.actor.strip(), autoescape=True))
    if filters.action:
        found.append(AuditLog.action == filters.action)
    if filters.entity:
        found.append(AuditLog.entity == filters.entity)
    if filters.day_from is not None:
        found.append(AuditLog.at >= _utc(filters.day_from))
    if filters.day_to is not None:
        found.append(AuditLog.at < _utc(filters.day_to + timedelta(days=1)))
    number = filters.register_no.strip()
    if number:
        pid = _case_id(session, number)
        dialect = session.get_bind().dialect.name
        found.append(false() if pid is None else _case_condition(pid, number, dialect))
    return found


def _statement(session: Session, filters: AuditFilter) -> Select[AuditLog]:
    return select(AuditLog).where(*_conditions(session, filters)).order_by(AuditLog.id.desc())


def _refused(actor: Actor, filters: AuditFilter) -> str | None:
    if why := refusal(actor, Permission.AUDIT):
        return why
    if filters.day_from and filters.day_to and filters.day_to < filters.day_from:
        return MSG_DATES
    return None


def search(
    db: Database,
    actor: Actor,
    filters: AuditFilter = AuditFilter(),
    *,
    offset: int = 0,
    limit: int = PAGE_SIZE,
) -> Result[AuditPage]:
    """One page of the audit rows that match ``filters``, newest first."""
    if why := _refused(actor, filters):
        return Result.failure({"": why})
    number = filters.register_no.strip()
    with db.read() as session:
        if number and _case_id(session, number) is None:
            return Result.success(
                AuditPage((), 0, offset, limit), MSG_NO_CASE.format(number=number)
            )
        stmt = _statement(session, filters)
        total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
        rows = list(session.scalars(stmt.offset(max(offset, 0)).limit(max(limit, 1))))
        entries = tuple(_entries(session, rows))
    page = AuditPage(entries, total, offset, limit)
    return Result.success(page, MSG_FOUND.format(total=total))


def iter_entries(db: Database, filters: AuditFilter, *, batch: int = 500) -> Iterator[AuditEntry]:
    """Every matching row, newest first, in batches (for an export; no permission check:
    the exporting service checks)."""
    offset = 0
    while True:
        with db.read() as session:
            stmt = _statement(session, filters).offset(offset).limit(batch)
            rows = list(session.scalars(stmt))
            entries = list(_entries(session, rows))
        yield from entries
        if len(rows) < batch:
            return
        offset += batch


def choices(db: Database, actor: Actor) -> Result[AuditChoices]:
    """The operators, actions and tables found in the log (for the filter lists)."""
    if why := refusal(actor, Permission.AUDIT):
        return Result.failure({"": why})
    with db.read() as session:
        actors = session.scalars(select(AuditLog.actor).distinct().order_by(AuditLog.actor))
        actions = session.scalars(select(AuditLog.action).distinct())
        entities = session.scalars(select(AuditLog.entity).distinct())
        found = AuditChoices(
            actors=tuple(a for a in actors if a),
            actions=tuple(sorted(((a, action_label(a)) for a in actions), key=lambda p: p[1])),
            entities=tuple(sorted(((e, entity_label(e)) for e in entities), key=lambda p: p[1])),
        )
    return Result.success(found)


# --- rows as shown ------------------------------------------------------------------------------
def _loads(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text) if text else {}
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _petition_of(row: AuditLog) -> int | None:
    if row.entity == Petition.__tablename__ and row.entity_id is not None:
        return row.entity_id
    for text in (row.after, row.before):
        value = _loads(text).get("petition_id")
        if isinstance(value, int):
            return value
    return None


def _chain_states(session: Session, rows: list[AuditLog]) -> dict[int, str]:
    wanted = {row.id - 1 for row in rows if row.id > 1}
    previous: dict[int, str] = {}
    if wanted:
        found = session.execute(
            select(AuditLog.id, AuditLog.row_hash).where(AuditLog.id.in_(wanted))
        )
        previous = {rid: rhash for rid, rhash in found}
    states: dict[int, str] = {}
    for row in rows:
        expected_prev = GENESIS if row.id == 1 else previous.get(row.id - 1)
        if row.row_hash != row_hash(chain_row(row), row.prev_hash):
            states[row.id] = CHAIN_CHANGED
        elif expected_prev is None or row.prev_hash != expected_prev:
            states[row.id] = CHAIN_GAP
        else:
            states[row.id] = CHAIN_OK
    return states


def _entries(session: Session, rows: list[AuditLog]) -> Iterator[AuditEntry]:
    petitions = {row.id: _petition_of(row) for row in rows}
    ids = {pid for pid in petitions.values() if pid is not None}
    numbers: dict[int, str] = {}
    if ids:
        found = session.execute(
            select(Petition.id, Petition.register_no).where(Petition.id.in_(ids))
        )
        numbers = {pid: number for pid, number in found}
    states = _chain_states(session, rows)
    for row in rows:
        pid = petitions[row.id]
        yield AuditEntry(
            id=row.id,
            at=local_time(row.at),
            actor=row.actor or "",
            action=row.action,
            entity=row.entity,
            entity_id=row.entity_id,
            register_no=numbers.get(pid, "") if pid is not None else "",
            summary=row.summary or "",
            before=row.before or "",
            after=row.after or "",
            chain=states[row.id],
        )


# --- before/after, readable and masked ----------------------------------------------------------
def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def mask_value(key: str, value: Any) -> Any:
    """A stored value as it may leave the office: ID numbers and phones masked."""
    if isinstance(value, str):
        if key == "id_number" or key.endswith("_id_number"):
            return mask_id(value)
        if "phone" in key:
            return mask_phone(value)
        return mask_text(value)
    if isinstance(value, dict):
        return {k: mask_value(str(k), v) for k, v in value.items()}
    if isinstance(value, list):
        return [mask_value(key, v) for v in value]
    return value


def masked_entry(entry: AuditEntry) -> AuditEntry:
    """``entry`` for outside use: every ID number and phone in it masked."""

    def masked_json(text: str) -> str:
        data = _loads(text)
        if not data:
            return mask_text(text)
        return json.dumps(mask_value("", data), ensure_ascii=False, sort_keys=True)

    return replace(
        entry,
        summary=mask_text(entry.summary),
        before=masked_json(entry.before),
        after=masked_json(entry.after),
    )


def field_changes(entry: AuditEntry) -> list[FieldChange]:
    """The fields of the row's before and after, labelled; changed fields first."""
    before, after = _loads(entry.before), _loads(entry.after)
    keys = list(dict.fromkeys([*after, *before]))
    found = [
        FieldChange(
            key=key,
            label=field_label(key),
            before=_text(before.get(key)) if before else "",
            after=_text(after.get(key)),
            changed=bool(before) and before.get(key) != after.get(key),
        )
        for key in keys
    ]
    return sorted(found, key=lambda c: not c.changed)


def changes_text(changes: Iterable[FieldChange], side: str, *, only_changed: bool) -> str:
    """``姓名：王秀英；电话：…`` of one side (``before`` or ``after``)."""
    parts = []
    for change in changes:
        if only_changed and not change.changed:
            continue
        value = change.before if side == "before" else change.after
        if value:
            parts.append(f"{change.label}：{value}")
    return "；".join(parts)


def row_values(entry: AuditEntry) -> Mapping[str, object]:
    """The row of the audit ledger (``forms/audit_log.toml``)."""
    changes = field_changes(entry)
    edited = any(c.changed for c in changes)
    return {
        "at": entry.at,
        "actor": entry.actor,
        "action": entry.action_text,
        "entity": entry.entity_text,
        "register_no": entry.register_no,
        "summary": entry.summary,
        "before": changes_text(changes, "before", only_changed=edited),
        "after": changes_text(changes, "after", only_changed=edited),
        "chain": entry.chain,
    }
