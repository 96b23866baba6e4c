"""Restore from the window: what a backup holds, the newest good automatic backup, and the
restore itself for a signed-in actor (:data:`Permission.BACKUP`).

The copying, checking and keeping aside is :func:`petitiondesk.services.backup.restore`;
this module adds what the clerk is shown before confirming (:func:`inspect_backup`) and
what the start-up check offers when the database is damaged (:func:`newest_good_backup`).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Final

from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.store import backup as files
from petitiondesk.store.db import _connect_readonly, inspect_file

from . import backup
from .audit_view import local_time
from .result import Result

MSG_INFO: Final = (
    "备份文件：{path}\n"
    "备份时间：{written}\n"
    "其中登记：{cases} 条\n"
    "最后一次操作：{last}\n"
    "数据库版本：{schema}{encrypted}"
)


@dataclass(frozen=True)
class BackupInfo:
    """What a (checked) backup holds."""

    path: Path
    written: datetime  # the file's modification time (local)
    cases: int
    last_change: datetime | None  # the newest audit row (local time)
    schema: str
    encrypted: bool

    def describe(self) -> str:
        return MSG_INFO.format(
            path=self.path,
            written=f"{self.written:%Y-%m-%d %H:%M}",
            cases=self.cases,
            last=f"{self.last_change:%Y-%m-%d %H:%M}" if self.last_change else "无",
            schema=self.schema or "未知",
            encrypted="\n（已加密）" if self.encrypted else "",
        )


def _contents(plain: Path) -> tuple[int, datetime | None]:
    conn = _connect_readonly(plain)
    try:
        cases = int(conn.execute("SELECT count(*) FROM petition").fetchone()[0])
        newest = conn.execute("SELECT max(at) FROM audit_log").fetchone()[0]
    finally:
        conn.close()
    last = local_time(datetime.fromisoformat(str(newest))) if newest else None
    return cases, last


def inspect_backup(source: Path, passphrase: str | None = None) -> Result[BackupInfo]:
    """Decrypt (with ``passphrase``) and check ``source`` as a restore would, and say
    what it holds; a refusal (wrong passphrase, damaged, foreign file) as the restore
    would give it. Nothing is written but a private temporary copy, removed again."""
    source = Path(source)
    with tempfile.TemporaryDirectory(prefix="petitiondesk-restore-") as folder:
        staging = Path(folder) / "backup.sqlite"
        why = backup.unpack(source, passphrase, staging)
        if why is not None:
            return Result.failure({"": why})
        _tables, schema = inspect_file(staging)
        cases, last = _contents(staging)
    written = datetime.fromtimestamp(source.stat().st_mtime)
    encrypted = files.is_encrypted(_head(source))
    return Result.success(BackupInfo(source, written, cases, last, schema or "", encrypted))


def _head(path: Path) -> bytes:
    with path.open("rb") as raw:
        return raw.read(len(files.MAGIC))


def is_encrypted(path: Path) -> bool:
    """Whether ``path`` is an encrypted backup (its passphrase is needed); False when it
    cannot be read (the restore then says why)."""
    try:
        return files.is_encrypted(_head(path))
    except OSError:
        return False


def newest_good_backup(db_path: Path) -> BackupInfo | None:
    """The newest automatic backup of ``db_path`` that passes the restore's checks
    (newest first; a damaged one is skipped); None when none does."""
    for candidate in backup.list_backups(Path(db_path)):
        checked = inspect_backup(candidate)
        if checked.ok:
            return checked.unwrap()
    return None


def restore_as(
    actor: Actor,
    db_path: Path,
    source: Path,
    *,
    passphrase: str | None = None,
    now: datetime | None = None,
) -> Result[Path]:
    """:func:`backup.restore` for ``actor`` (who needs :data:`Permission.BACKUP`); the
    database must be closed. Returns where the previous file was kept."""
    if why := refusal(actor, Permission.BACKUP):
        return Result.failure({"": why})
    return backup.restore(Path(db_path), Path(source), actor=actor, passphrase=passphrase, now=now)
