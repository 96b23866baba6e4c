"""Is the database file sound? SQLite's own page checks plus the audit hash chain.

- :func:`quick_check` — at start (in the background): ``PRAGMA quick_check`` and the
  tail of the audit chain; a damaged file is named in plain words with the newest
  good backup to restore (checked as a restore would check it).
- :func:`full_check` — ``petitiondesk check``: ``PRAGMA integrity_check`` and the whole
  audit chain; one Chinese line per problem.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

import sqlalchemy.exc
from sqlalchemy import func, select

from petitiondesk.core.auditchain import GENESIS, ChainRow, first_break
from petitiondesk.store.db import Database
from petitiondesk.store.models import AuditLog

from .audit import chain_row
from .result import Result

#: How many of the newest audit rows the start-up check verifies.
TAIL_ROWS: Final = 200
MSG_PAGES: Final = (
    "数据库文件已损坏（SQLite 检查发现 {count} 处问题，例如：{first}）。"
    "继续使用可能在保存时出错或丢失数据。"
)
MSG_UNREADABLE: Final = "数据库文件无法完整读取，可能已损坏（{reason}）。"
MSG_RESTORE: Final = "建议用最新的备份恢复：{path}"
MSG_NO_BACKUP: Final = "没有找到可用的备份，请联系维护人员，并先复制保存当前文件。"
MSG_OK: Final = "数据库检查通过：文件完好，审计记录链完整（{count} 条）。"


@dataclass(frozen=True)
class IntegrityReport:
    """What a check found: ``problems`` are Chinese lines, empty when all is well."""

    problems: tuple[str, ...]
    audit_rows: int

    @property
    def ok(self) -> bool:
        return not self.problems


def _pragma(db: Database, pragma: str) -> list[str]:
    with db.engine.connect() as conn:
        return [str(row[0]) for row in conn.exec_driver_sql(f"PRAGMA {pragma}")]


def page_problems(db: Database, *, full: bool) -> list[str]:
    """SQLite's verdict (``integrity_check`` or ``quick_check``) as Chinese lines. A
    PostgreSQL server checks its own pages (checksums, its administrator's tools): only
    the audit chain is checked there."""
    if db.engine.dialect.name != "sqlite":
        return []
    try:
        lines = _pragma(db, "integrity_check" if full else "quick_check")
    except (sqlalchemy.exc.SQLAlchemyError, sqlite3.Error) as exc:
        reason = getattr(exc, "orig", exc)
        return [MSG_UNREADABLE.format(reason=reason)]
    if lines == ["ok"]:
        return []
    return [MSG_PAGES.format(count=len(lines), first=lines[0])]


def _rows(db: Database, from_id: int) -> Iterator[AuditLog]:
    with db.read() as session:
        stmt = select(AuditLog).where(AuditLog.id >= from_id).order_by(AuditLog.id)
        yield from session.scalars(stmt.execution_options(yield_per=500))


def chain_problems(db: Database, *, tail: int | None = None) -> tuple[list[str], int]:
    """The audit chain (the newest ``tail`` rows, or all): problems and the row count."""
    try:
        with db.read() as session:
            newest, total = session.execute(select(func.max(AuditLog.id), func.count())).one()
        newest, total = newest or 0, total or 0
        start = 1 if tail is None else max(1, newest - tail + 1)
        rows = _rows(db, start)
        first = next(rows, None)
        if first is None:
            return [], total
        prev = GENESIS if tail is None else first.prev_hash
        broken = first_break(_chained(first, rows), prev)
    except (sqlalchemy.exc.SQLAlchemyError, sqlite3.Error) as exc:
        return [MSG_UNREADABLE.format(reason=getattr(exc, "orig", exc))], 0
    return ([broken.describe()] if broken else []), total


def _chained(first: AuditLog, rest: Iterator[AuditLog]) -> Iterator[ChainRow]:
    yield chain_row(first)
    for row in rest:
        yield chain_row(row)


def _restore_hint(db: Database) -> str:
    """The newest automatic backup that passes the restore's checks (a damaged copy is
    skipped), or what to do without one."""
    from .restore import newest_good_backup

    good = newest_good_backup(db.path) if db.path is not None else None
    return MSG_RESTORE.format(path=good.path) if good else MSG_NO_BACKUP


def quick_check(db: Database) -> Result[IntegrityReport]:
    """The start-up check: ``PRAGMA quick_check`` and the audit chain's tail."""
    return _check(db, full=False)


def full_check(db: Database) -> Result[IntegrityReport]:
    """``PRAGMA integrity_check`` and the whole audit chain."""
    return _check(db, full=True)


def _check(db: Database, *, full: bool) -> Result[IntegrityReport]:
    problems = page_problems(db, full=full)
    chain, count = chain_problems(db, tail=None if full else TAIL_ROWS)
    problems += chain
    report = IntegrityReport(tuple(problems), count)
    if report.ok:
        return Result.success(report, MSG_OK.format(count=count))
    lines = [*problems, _restore_hint(db)]
    return Result(value=report, errors={"": lines[0]}, message="\n".join(lines))
