"""Backups and restore of the register.

- :func:`backup` — a copy of the live database at a chosen place (optionally encrypted
  with a passphrase, for a copy that leaves the PC), audited;
- :func:`auto_backup` — a copy in the data folder's ``backups/`` (``<name>-<time>.sqlite``),
  keeping the newest ``office_settings.backup_keep`` (:data:`DEFAULT_KEEP`);
- :func:`restore` — replace the database by a backup: the backup is decrypted, checked
  (``PRAGMA integrity_check``, schema) before anything changes, refused while the
  database is in use, the current file is kept aside
  (``<name>.before-restore-<time>.sqlite``), and the restore is audited.

Every file written here is readable by the owner only (0600, folders 0700 on POSIX).
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Final

from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.store import backup as files
from petitiondesk.store.db import Database, DatabaseError, inspect_file
from petitiondesk.store.migrate import SchemaError, check_schema
from petitiondesk.store.models import AuditLog, OfficeSettings

from . import audit
from .result import Result

DEFAULT_KEEP: Final = 10
BACKUP_FOLDER: Final = "backups"
STAMP: Final = "%Y%m%d-%H%M%S"

MSG_DONE = "已备份数据库：{path}"
MSG_DONE_ENCRYPTED = "已备份数据库（已加密）：{path}"
MSG_NOT_FILE = "只能备份数据库文件（当前数据库不是本地文件）。"
MSG_SAME_FILE = "备份文件不能是数据库文件本身：{path}"
MSG_MISSING = "找不到备份文件：{path}"
MSG_NEEDS_PASSPHRASE = "该备份已加密，需要口令才能恢复（未作任何修改）。"
MSG_DAMAGED = "备份文件已损坏，不能用于恢复（未作任何修改）：{detail}"
MSG_SCHEMA = "备份文件不能用于恢复（未作任何修改）：{detail}"
MSG_IN_USE = "数据库正被其他程序（例如已打开的主窗口）使用，请先关闭后再恢复（未作任何修改）。"
MSG_RESTORED = "已从备份恢复数据库；原文件已另存为：{aside}"
MSG_RESTORED_NEW = "已从备份恢复数据库。"
MSG_SOURCE_DAMAGED = (
    "数据库文件检查未通过，本次未做自动备份，原有的备份都已保留（请尽快从备份恢复）：{detail}"
)


def backup_folder(db_path: Path) -> Path:
    """The automatic backups of ``db_path``: ``backups/`` beside it."""
    return db_path.parent / BACKUP_FOLDER


def _stamp(now: datetime | None) -> str:
    return (now or datetime.now()).strftime(STAMP)


def backup(
    db: Database, out: Path, *, passphrase: str | None = None, actor: Actor | None = None
) -> Result[Path]:
    """Copy the live database to ``out`` (0600); sealed when ``passphrase`` is given.

    With ``actor`` the copy is recorded in the audit log (a copy that may leave the PC);
    without one it is the program's own automatic copy (on exit, daily).
    """
    if actor is not None and (why := refusal(actor, Permission.BACKUP)):
        return Result.failure({"": why})
    source = db.path
    if source is None:
        return Result.failure({"": MSG_NOT_FILE})
    out = Path(out)
    if out.exists() and out.resolve() == source.resolve():
        return Result.failure({"out": MSG_SAME_FILE.format(path=out)})
    files.owner_only_folder(out.parent)
    if passphrase is None:
        files.online_copy(source, out)
    else:
        with tempfile.TemporaryDirectory(dir=out.parent) as tmpdir:
            plain = Path(tmpdir) / "plain.sqlite"
            files.online_copy(source, plain)
            files.write_private(out, files.encrypt(plain.read_bytes(), passphrase))
    if actor is not None:
        with db.write() as session:
            audit.append(session, _row(actor, "backup", f"备份数据库到 {out}", out))
    message = MSG_DONE if passphrase is None else MSG_DONE_ENCRYPTED
    return Result.success(out, message.format(path=out))


def _row(actor: str, action: str, summary: str, path: Path) -> AuditLog:
    return AuditLog(
        actor=actor,
        action=action,
        entity="database",
        entity_id=None,
        summary=summary[:200],
        after=json.dumps({"file": str(path)}, ensure_ascii=False),
    )


def auto_backup(
    db: Database, *, keep: int | None = None, now: datetime | None = None
) -> Result[Path]:
    """A rotating backup in the data folder; the oldest beyond ``keep`` (default: the
    office setting ``backup_keep``) are removed, but only when the new copy passes
    ``PRAGMA quick_check``: a copy of a damaged database is deleted instead and every
    older copy kept (the result then says so)."""
    source = db.path
    if source is None:
        return Result.failure({"": MSG_NOT_FILE})
    if keep is None:
        with db.read() as session:
            office = session.get(OfficeSettings, 1)
            keep = office.backup_keep if office is not None else DEFAULT_KEEP
    folder = files.owner_only_folder(backup_folder(source))
    target = folder / f"{source.stem}-{_stamp(now)}.sqlite"
    try:
        result = backup(db, target)
    except sqlite3.DatabaseError as exc:  # pages too damaged to copy
        target.unlink(missing_ok=True)
        return Result.failure({"": MSG_SOURCE_DAMAGED.format(detail=exc)})
    if not result.ok:
        return result
    # The copy is the database as it was: a damaged one must not push out good copies.
    problems = files.integrity_problems(target, quick=True)
    if problems:
        target.unlink(missing_ok=True)
        return Result.failure({"": MSG_SOURCE_DAMAGED.format(detail=problems[0])})
    for old in list_backups(source)[max(keep, 1) :]:
        old.unlink(missing_ok=True)
    return result


def list_backups(db_path: Path) -> list[Path]:
    """The automatic backups of ``db_path``, newest first."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    found = folder.glob(f"{db_path.stem}-*.sqlite")
    return sorted((p for p in found if p.is_file()), key=lambda p: p.name, reverse=True)


def backup_due(
    db_path: Path, *, now: datetime | None = None, every: timedelta = timedelta(days=1)
) -> bool:
    """True when the newest automatic backup of ``db_path`` is older than ``every``
    (or there is none): the daily backup at start."""
    backups = list_backups(db_path)
    if not backups:
        return True
    try:
        written = datetime.fromtimestamp(backups[0].stat().st_mtime)
    except OSError:
        return True
    return (now or datetime.now()) - written >= every


def newest_backup(db: Database) -> Path | None:
    """The newest automatic backup of the database, if any."""
    if db.path is None:
        return None
    backups = list_backups(db.path)
    return backups[0] if backups else None


def unpack(source: Path, passphrase: str | None, staging: Path) -> str | None:
    """Write the plain database of ``source`` to ``staging``; a refusal message or None."""
    if not source.is_file():
        return MSG_MISSING.format(path=source)
    data = source.read_bytes()
    if files.is_encrypted(data):
        if passphrase is None:
            return MSG_NEEDS_PASSPHRASE
        try:
            data = files.decrypt(data, passphrase)
        except files.BackupError as exc:
            return str(exc)
    files.write_private(staging, data)
    problems = files.integrity_problems(staging)
    if problems:
        return MSG_DAMAGED.format(detail=problems[0])
    try:
        check_schema(*inspect_file(staging))
    except SchemaError as exc:
        return MSG_SCHEMA.format(detail=exc)
    return None


def restore(
    db_path: Path,
    source: Path,
    *,
    actor: Actor,
    passphrase: str | None = None,
    now: datetime | None = None,
) -> Result[Path]:
    """Replace the database at ``db_path`` by the backup ``source``; returns the path
    where the previous file was kept (or ``db_path`` when there was none). Nothing
    changes when the backup is refused or the database is in use."""
    if why := refusal(actor, Permission.BACKUP):
        return Result.failure({"": why})
    db_path = Path(db_path)
    files.owner_only_folder(db_path.parent)
    staging = db_path.parent / f".~{db_path.name}.restore-{os.getpid()}.sqlite"
    try:
        problem = unpack(Path(source), passphrase, staging)
        if problem is not None:
            return Result.failure({"": problem})
        aside: Path | None = None
        if db_path.exists():
            aside = db_path.with_name(f"{db_path.stem}.before-restore-{_stamp(now)}.sqlite")
            if files.in_use(db_path):
                return Result.failure({"": MSG_IN_USE})
            os.replace(db_path, aside)
        os.replace(staging, db_path)
    finally:
        staging.unlink(missing_ok=True)
    return _after_restore(db_path, Path(source), aside, actor)


def _after_restore(db_path: Path, source: Path, aside: Path | None, actor: str) -> Result[Path]:
    try:
        db = Database.open(db_path)  # an older backup is upgraded here
    except DatabaseError as exc:
        return Result.failure({"": str(exc)})
    try:
        with db.write() as session:
            audit.append(session, _row(actor, "restore_backup", f"从备份恢复：{source}", source))
    finally:
        db.close()
    if aside is None:
        return Result.success(db_path, MSG_RESTORED_NEW)
    return Result.success(aside, MSG_RESTORED.format(aside=aside))
