"""One audit row per write, inside the same transaction as the write itself.

Rows are appended to a hash chain (:mod:`petitiondesk.core.auditchain`): :func:`append`
reads the newest row's hash and computes the new row's hash inside the writing
transaction. Every write transaction takes the write lock up front (``db.write()``,
``BEGIN IMMEDIATE``), so no two writers can read the same newest row: the chain stays
linear. :func:`append` refuses a session that does not hold that lock.

Prints and exports of personal data are recorded too (:func:`record_print`,
:func:`record_export`): who, when, which form or ledger, which case, which file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from enum import Enum
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from petitiondesk.core.auditchain import GENESIS, ChainRow, row_hash
from petitiondesk.store.models import AuditLog, Base

MSG_NOT_LOCKED = "audit rows are appended only inside db.write() (BEGIN IMMEDIATE)"


def snapshot(obj: Base) -> dict[str, Any]:
    """The column values of a model instance as JSON-ready data."""
    mapper = inspect(type(obj))
    return {col.key: _jsonable(getattr(obj, col.key)) for col in mapper.column_attrs}


def _jsonable(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    entity: Base,
    summary: str = "",
    before: Mapping[str, Any] | None = None,
) -> AuditLog:
    """Add an audit row for ``entity`` (flushed so the entity has its id)."""
    session.flush()
    after = snapshot(entity)
    row = AuditLog(
        actor=actor,
        action=action,
        entity=type(entity).__tablename__,
        entity_id=after.get("id") if isinstance(after.get("id"), int) else None,
        summary=summary[:200],
        before=json.dumps(dict(before), ensure_ascii=False, sort_keys=True) if before else "",
        after=json.dumps(after, ensure_ascii=False, sort_keys=True),
    )
    return append(session, row)


def chain_row(row: AuditLog) -> ChainRow:
    """The hashed fields of an audit row."""
    return ChainRow(
        id=row.id,
        at=row.at,
        actor=row.actor or "",
        action=row.action,
        entity=row.entity,
        entity_id=row.entity_id,
        summary=row.summary or "",
        before=row.before or "",
        after=row.after or "",
        prev_hash=row.prev_hash,
        row_hash=row.row_hash,
    )


def append(session: Session, row: AuditLog) -> AuditLog:
    """Add ``row`` at the end of the chain: its id, time and both hashes are set here.

    Must run inside ``db.write()``: the newest row is read under the write lock, so two
    writers never chain onto the same row.
    """
    if not session.connection().get_execution_options().get("sqlite_immediate"):
        raise RuntimeError(MSG_NOT_LOCKED)
    session.flush()  # earlier rows of this transaction first
    last = session.execute(
        select(AuditLog.id, AuditLog.row_hash).order_by(AuditLog.id.desc()).limit(1)
    ).first()
    row.id = (last[0] if last else 0) + 1
    row.at = datetime.now(UTC).replace(tzinfo=None, microsecond=0)  # as CURRENT_TIMESTAMP
    row.actor, row.summary = row.actor or "", row.summary or ""
    row.before, row.after = row.before or "", row.after or ""
    row.prev_hash = last[1] if last else GENESIS
    row.row_hash = row_hash(chain_row(row), row.prev_hash)
    session.add(row)
    session.flush()
    return row


def record_print(
    session: Session, *, actor: str, form: str, entity: Base, label: str, out: object
) -> AuditLog:
    """Record that ``form`` (its Chinese ``label``) of ``entity`` was printed to ``out``."""
    number = getattr(entity, "register_no", "") or getattr(entity, "id", "")
    row = AuditLog(
        actor=actor,
        action=f"print_{form}",
        entity=type(entity).__tablename__,
        entity_id=getattr(entity, "id", None),
        summary=f"{number} 打印{label}"[:200],
        after=json.dumps({"form": form, "out": str(out)}, ensure_ascii=False, sort_keys=True),
    )
    return append(session, row)


EXPORT_OUTSIDE = "对外"
EXPORT_INTERNAL = "内部"


def record_export(
    session: Session,
    *,
    actor: str,
    ledger: str,
    label: str,
    out: object,
    count: int,
    outside: bool = False,
    period: tuple[date, date] | None = None,
) -> AuditLog:
    """Record that ``count`` rows of a ledger (its Chinese ``label``) went to ``out``, for
    outside use (ID numbers and phones masked) or the office's own use; ``period``: the
    date range exported (first and last day)."""
    use = EXPORT_OUTSIDE if outside else EXPORT_INTERNAL
    after: dict[str, object] = {"ledger": ledger, "out": str(out), "count": count, "use": use}
    if period is not None:
        after["from"], after["to"] = period[0].isoformat(), period[1].isoformat()
    row = AuditLog(
        actor=actor,
        action=f"export_{ledger}",
        entity="export",
        entity_id=None,
        summary=f"导出{label} {count} 条（{'对外提供' if outside else '内部使用'}）"[:200],
        after=json.dumps(after, ensure_ascii=False, sort_keys=True),
    )
    return append(session, row)
