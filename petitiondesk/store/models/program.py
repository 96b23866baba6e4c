"""Which program version last opened this database (one row, id=1; issue 16).

Written when the window opens the file and by the command line's write commands, so an
office (or its IT person) can see in 关于 which release last worked on the data, e.g.
after moving the file to a new PC or before an upgrade."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class ProgramVersion(Base):
    """One row (id=1): the version that last opened the file, when and how (窗口 /
    命令行) it first did, and the version before it. Rewritten only when the version
    changes, so reopening leaves the file untouched."""

    __tablename__ = "program_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(40), default="")
    opened_at: Mapped[datetime] = mapped_column(DateTime)
    opened_via: Mapped[str] = mapped_column(String(20), default="")
    # The version that opened it before this one (differs from version after an upgrade).
    previous_version: Mapped[str] = mapped_column(String(40), default="")
