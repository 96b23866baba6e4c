"""One place that turns a database failure into a plain Chinese sentence for the clerk.

The CLI and the window's error presenter both call :func:`describe_db_error`; it never
calls a locked, full or read-only database "corrupt" (a clerk who reads "已损坏" may
delete the register). SQL statements and parameters are never part of a message.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

MSG_LOCKED = "数据库正被另一程序使用，请稍后再试（数据未作任何修改）。"
MSG_FULL = "磁盘已满，数据库无法写入。请清理磁盘空间后重试；已保存的数据不受影响。"
MSG_READONLY_FILE = "数据库文件是只读的，无法写入：{path}。请检查文件属性或权限。"
MSG_READONLY_FOLDER = (
    "数据库所在文件夹不可写入：{path}。请把数据库放到可写的文件夹，或检查文件夹权限。"
)
MSG_CORRUPT = "无法打开数据库文件：{path}。该文件已损坏或不是数据库文件，未作任何修改。"
MSG_MISSING = "找不到数据库文件：{path}。请检查路径是否正确（未创建新文件）。"
MSG_EMPTY = "数据库文件是空的（0 字节）：{path}。它不是 PetitionDesk 数据库，未作任何修改。"
MSG_CANNOT_OPEN = "无法打开数据库文件：{path}。请检查路径和权限。"

# SQLite primary result codes (https://sqlite.org/rescode.html)
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26

_UNKNOWN_PATH = "（未知路径）"


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception, the DB-API error SQLAlchemy wraps (``.orig``) and their causes."""
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        item = todo.pop(0)
        if id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        orig = getattr(item, "orig", None)
        for nxt in (orig, item.__cause__, item.__context__):
            if isinstance(nxt, BaseException):
                todo.append(nxt)


def _code(item: BaseException) -> int | None:
    code = getattr(item, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _folder_is_writable(path: Path) -> bool:
    folder = path.parent
    return os.access(folder, os.W_OK) if folder.exists() else True


def _by_text(text: str, shown: str, path: Path | None) -> str | None:
    if "database is locked" in text or "database table is locked" in text:
        return MSG_LOCKED
    if "disk is full" in text:
        return MSG_FULL
    if "readonly database" in text or "read-only" in text:
        if path is not None and not _folder_is_writable(path):
            return MSG_READONLY_FOLDER.format(path=path.parent)
        return MSG_READONLY_FILE.format(path=shown)
    if "file is not a database" in text or "malformed" in text:
        return MSG_CORRUPT.format(path=shown)
    if "unable to open database file" in text:
        return _cannot_open(path, shown)
    return None


def _by_code(code: int, shown: str, path: Path | None) -> str | None:
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return MSG_LOCKED
    if code == SQLITE_FULL:
        return MSG_FULL
    if code in (SQLITE_READONLY, SQLITE_PERM):
        if path is not None and not _folder_is_writable(path):
            return MSG_READONLY_FOLDER.format(path=path.parent)
        return MSG_READONLY_FILE.format(path=shown)
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return MSG_CORRUPT.format(path=shown)
    if code == SQLITE_CANTOPEN:
        return _cannot_open(path, shown)
    return None


def _cannot_open(path: Path | None, shown: str) -> str:
    if path is None:
        return MSG_CANNOT_OPEN.format(path=shown)
    if not path.parent.exists() or not path.exists() and _folder_is_writable(path):
        return MSG_MISSING.format(path=path)
    if not _folder_is_writable(path):
        return MSG_READONLY_FOLDER.format(path=path.parent)
    return MSG_CANNOT_OPEN.format(path=shown)


def _by_os_error(item: OSError, shown: str) -> str | None:
    if item.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return MSG_FULL
    if item.errno == errno.EROFS or isinstance(item, PermissionError):
        return MSG_READONLY_FILE.format(path=item.filename or shown)
    if isinstance(item, FileNotFoundError):
        return MSG_MISSING.format(path=item.filename or shown)
    return None


#: Two desks saved one versioned row at the same moment (PostgreSQL; on SQLite the write
#: lock orders them and the services' version check answers instead; issue 14).
MSG_STALE_ROW = "该记录已被其他窗口同时修改，请刷新后重新编辑；您的修改未保存"


def describe_db_error(exc: BaseException, path: str | Path | None = None) -> str | None:
    """A Chinese sentence for a known database failure, or ``None`` if it is not one.

    ``path`` (the database file, if known) is named in the message where it helps. A
    :class:`petitiondesk.store.db.DatabaseError` already carries its message.
    """
    from .db import DatabaseError

    file = Path(path) if path is not None else None
    shown = str(file) if file is not None else _UNKNOWN_PATH
    from sqlalchemy.orm.exc import StaleDataError

    for item in _chain(exc):
        if isinstance(item, DatabaseError):
            return str(item)
        if isinstance(item, StaleDataError):
            return MSG_STALE_ROW
        if isinstance(item, OSError):
            found = _by_os_error(item, shown)
            if found:
                return found
        if not isinstance(item, sqlite3.Error):
            continue  # a SQLAlchemy wrapper's text holds SQL and parameters: read .orig
        code = _code(item)
        found = _by_code(code, shown, file) if code is not None else None
        found = found or _by_text(str(item).lower(), shown, file)
        if found:
            return found
    return None
