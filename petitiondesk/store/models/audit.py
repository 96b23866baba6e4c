"""The audit log: every write by a service leaves one row (who, when, what, before/after).

Append-only: rows are chained by hash (``prev_hash``/``row_hash``, see
:mod:`petitiondesk.core.auditchain`), and triggers created by migration 0006 refuse
UPDATE and DELETE. The triggers live outside the SQLAlchemy metadata (``Base.metadata``
knows nothing of them), so the models-vs-migrations comparison does not see them; only
the migration creates them, and ``tests/store`` checks that they exist at head.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class AuditLog(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.current_timestamp(), index=True
    )
    actor: Mapped[str] = mapped_column(String(40), default="")
    action: Mapped[str] = mapped_column(String(40))  # e.g. register_visit
    entity: Mapped[str] = mapped_column(String(40))  # table name
    entity_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    summary: Mapped[str] = mapped_column(String(200), default="")
    before: Mapped[str] = mapped_column(Text, default="")  # JSON
    after: Mapped[str] = mapped_column(Text, default="")  # JSON
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    row_hash: Mapped[str] = mapped_column(String(64), default="")
