"""The database's record of which program version last opened it (issue 16).

:func:`record_open` is called when the window opens a database and by the command
line's write commands (read-only commands write nothing); it writes only when the version
changes. :func:`last_open` is what 关于 shows. This is bookkeeping about the program, not an act of the clerk: no audit row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sqlalchemy import text

from petitiondesk.store.db import Database
from petitiondesk.store.models import ProgramVersion
from petitiondesk.version import __version__

VIA_WINDOW: Final = "窗口"
VIA_CLI: Final = "命令行"


@dataclass(frozen=True)
class OpenRecord:
    version: str
    opened_at: datetime
    opened_via: str
    previous_version: str

    def text(self) -> str:
        """``0.1.0（自 2026-12-04 21:40 起，窗口）``, plus the version before after an
        upgrade."""
        when = self.opened_at.strftime("%Y-%m-%d %H:%M")
        line = f"{self.version}（自 {when} 起，{self.opened_via}）"
        if self.previous_version and self.previous_version != self.version:
            line += f"，此前为 {self.previous_version}"
        return line


def record_open(
    db: Database, via: str, *, version: str = __version__, now: datetime | None = None
) -> OpenRecord:
    """Note that ``version`` of the program opened ``db`` (via 窗口 or 命令行).

    Written only when the version differs from the recorded one (the first open, an
    upgrade, or an older program after a newer one): opening the file again with the
    same version leaves it byte-identical, so the record says since when and how this
    version has been working on the data."""
    current = last_open(db)
    if current is not None and current.version == version:
        return current
    when = now or datetime.now().replace(microsecond=0)
    with db.write() as session:
        row = session.get(ProgramVersion, 1)
        if row is None:
            row = ProgramVersion(id=1, previous_version="")
            session.add(row)
        elif row.version != version:
            row.previous_version = row.version
        row.version = version
        row.opened_at = when
        row.opened_via = via
        session.flush()
        return _record(row)


_RECORDED = text("SELECT version FROM program_version WHERE id = 1")


def recorded_version(db: Database) -> str | None:
    """The version of the last recorded open (one plain query: no ORM at start-up)."""
    with db.engine.connect() as conn:
        version = conn.execute(_RECORDED).scalar()
    return None if version is None else str(version)


def last_open(db: Database) -> OpenRecord | None:
    """The last recorded open, or None (a database no version-recording program opened)."""
    with db.read() as session:
        row = session.get(ProgramVersion, 1)
        return _record(row) if row is not None else None


def _record(row: ProgramVersion) -> OpenRecord:
    return OpenRecord(row.version, row.opened_at, row.opened_via, row.previous_version or "")
