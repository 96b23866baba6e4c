"""The change log other desks poll (issue 14): one row per write transaction.

Written by :mod:`petitiondesk.store.changes` on SQLite (on PostgreSQL the same news goes
by NOTIFY and the table stays empty); only the newest rows are kept."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class ChangeLog(Base):
    """Which connection (``origin``) committed a change of which topics (comma-separated
    hub topics: cases, roster, …)."""

    __tablename__ = "change_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    origin: Mapped[str] = mapped_column(String(32), default="")
    topics: Mapped[str] = mapped_column(String(200), default="")
