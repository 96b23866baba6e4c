"""One audit row per write, inside the same transaction as the write itself."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime, time
from enum import Enum
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from petitiondesk.store.models import AuditLog, Base


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
    session.add(row)
    return row
