"""What every command group shares: exit codes, the date argument, the one place where a
failure becomes the single Chinese line on stderr, and how a group registers itself.

A command group is a module with ``register(commands, common)``: it adds its subcommands
to ``commands`` (the main parser's subparsers), gives each the ``common`` parent (which
carries ``--db``), and sets on each leaf parser ``handler``, a function
``(db, args) -> exit code``, and ``access`` (:class:`Access`: how the database is
opened). A handler reports an expected failure by raising :class:`CliError`;
:func:`error_exit` prints it, and every other failure, as one line.
"""

from __future__ import annotations

import argparse
import enum
import errno
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeAlias

from petitiondesk.core.datetext import parse_day
from petitiondesk.core.identity import Actor
from petitiondesk.printing.atomic import cleanup_stale_parts
from petitiondesk.store.db import DatabaseError
from petitiondesk.store.errors import describe_db_error

if TYPE_CHECKING:
    from petitiondesk.services.result import Result
    from petitiondesk.store.db import Database

EXIT_OK: Final = 0
EXIT_ERROR: Final = 1
EXIT_USAGE: Final = 2
EXIT_UNCOVERED: Final = 3

MSG_DATE: Final = "日期格式应为 YYYY-MM-DD：{text}"
MSG_UNEXPECTED: Final = (
    "程序出现意外错误（错误类型：{kind}），操作未完成。为保护信访人信息，详细内容不在此显示；"
    "请记下所执行的命令并联系维护人员。"
)
MSG_CANNOT_WRITE: Final = "无法写入文件：{path}（{reason}）"
MSG_SUFFIX: Final = "输出文件应以 {suffixes} 结尾：{name}"
MSG_IS_FOLDER: Final = "输出路径是一个文件夹，不是文件：{path}"
MSG_NO_FOLDER: Final = "无法创建输出文件夹：{path}（{reason}）"
#: Why a file could not be written, by errno (the rest fall back to the system's text).
OS_REASONS: Final = {
    errno.ENOSPC: "磁盘已满",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EROFS: "磁盘或文件夹是只读的",
    errno.ENOENT: "文件夹不存在",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EISDIR: "目标是一个文件夹，不是文件",
    errno.EEXIST: "同名文件已存在",
    errno.ENAMETOOLONG: "文件名太长",
}

Handler: TypeAlias = "Callable[[Database, argparse.Namespace], int]"
#: ``commands.add_parser(...)`` of the main parser (argparse keeps the class private).
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


class CliError(Exception):
    """An expected failure: printed as one line on stderr, exit code 1."""


class Access(enum.Enum):
    """How a command opens the database (``set_defaults(access=...)`` on each leaf, or a
    function of the parsed arguments returning one)."""

    READ = "read"  # read-only: writes nothing, works while another desk holds the lock
    WRITE = "write"  # an existing database; only the default one is created on first use
    CREATE = "create"  # demo, init: a missing file is created
    FILE = "file"  # restore: the command handles the file itself (nothing opened)


AccessRule: TypeAlias = "Access | Callable[[argparse.Namespace], Access]"


def cli_actor() -> Actor:
    """Who the audit rows of a CLI write name: ``命令行:<OS user>`` (no sign-in: whoever
    holds the database file maintains it)."""
    from petitiondesk.services.accounts import command_line_actor

    return command_line_actor()


def parse_date(text: str) -> date:
    """The ``type=`` of every date argument: ``2026-10-01`` (and the other spellings the
    window accepts, see :func:`petitiondesk.core.datetext.parse_day`)."""
    message = MSG_DATE.format(text=text)
    try:
        day = parse_day(text, message)
    except ValueError:
        raise argparse.ArgumentTypeError(message) from None
    if day is None:
        raise argparse.ArgumentTypeError(message)
    return day


def error_message(exc: BaseException, db_path: Path | None = None) -> str:
    """The one line a failure prints (without the ``错误：`` prefix).

    Known failures are translated; anything else is named only by its type, because the
    text of an unexpected error (an SQL statement and its parameters) may hold
    petitioners' names and statements.
    """
    if isinstance(exc, CliError | DatabaseError):
        message = str(exc)
    elif isinstance(exc, OSError):
        message = _os_error_message(exc)
    else:
        message = describe_db_error(exc, db_path) or MSG_UNEXPECTED.format(kind=type(exc).__name__)
    return " ".join(message.split("\n"))


def _os_error_message(exc: OSError) -> str:
    reason = OS_REASONS.get(exc.errno or -1, exc.strerror or type(exc).__name__)
    return MSG_CANNOT_WRITE.format(path=exc.filename or "", reason=reason)


def error_exit(exc: BaseException, db_path: Path | None = None) -> int:
    """Print ``错误：…`` for ``exc`` on stderr; return the exit code."""
    print(f"错误：{error_message(exc, db_path)}", file=sys.stderr)
    return EXIT_ERROR


def prepare_output(out: Path, suffixes: Sequence[str]) -> Path:
    """Check an ``--out`` file before anything is written: its suffix is one of
    ``suffixes``, it is not a folder, its folder exists or can be created; half-written
    files a killed export left in that folder are removed."""
    if out.is_dir():
        raise CliError(MSG_IS_FOLDER.format(path=out))
    if out.suffix.lower() not in suffixes:
        raise CliError(MSG_SUFFIX.format(suffixes=" 或 ".join(suffixes), name=out.name))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = OS_REASONS.get(exc.errno or -1, exc.strerror or type(exc).__name__)
        raise CliError(MSG_NO_FOLDER.format(path=out.parent, reason=reason)) from None
    cleanup_stale_parts(out.parent)
    return out


def finish(result: Result[Any]) -> int:
    """A service's result as the command's outcome: its message on stderr (stdout stays
    for data) and exit 0, or :class:`CliError` with the message."""
    if not result.ok:
        raise CliError(result.message)
    print(result.message, file=sys.stderr)
    return EXIT_OK
