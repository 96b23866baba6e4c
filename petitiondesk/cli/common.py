"""What every command group shares: exit codes, the date argument, the one place where a
failure becomes the single Chinese line on stderr, and how a group registers itself.

A command group is a module with ``register(commands, common)``: it adds its subcommands
to ``commands`` (the main parser's subparsers), gives each the ``common`` parent (which
carries ``--db``), and sets ``handler`` on each leaf parser to a function
``(db, args) -> exit code``. A handler reports an expected failure by raising
:class:`CliError`; :func:`error_exit` prints it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, Final, TypeAlias

from petitiondesk.core.datetext import parse_day
from petitiondesk.store.db import DatabaseError

if TYPE_CHECKING:
    from petitiondesk.services.result import Result
    from petitiondesk.store.db import Database

EXIT_OK: Final = 0
EXIT_ERROR: Final = 1
EXIT_USAGE: Final = 2
EXIT_UNCOVERED: Final = 3

MSG_DATE: Final = "日期格式应为 YYYY-MM-DD：{text}"

Handler: TypeAlias = "Callable[[Database, argparse.Namespace], int]"
#: ``commands.add_parser(...)`` of the main parser (argparse keeps the class private).
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


class CliError(Exception):
    """An expected failure: printed as one line on stderr, exit code 1."""


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


def error_message(exc: CliError | DatabaseError | OSError) -> str:
    """The one line a known failure prints (without the ``错误：`` prefix)."""
    if isinstance(exc, OSError):
        return f"无法写入文件 / cannot write: {exc.filename or ''} {exc.strerror or exc}"
    return str(exc)


def error_exit(exc: CliError | DatabaseError | OSError) -> int:
    """Print ``错误：…`` for ``exc`` on stderr; return the exit code."""
    print(f"错误：{error_message(exc)}", file=sys.stderr)
    return EXIT_ERROR


def finish(result: Result[Any]) -> int:
    """A service's result as the command's outcome: its message on stderr (stdout stays
    for data) and exit 0, or :class:`CliError` with the message."""
    if not result.ok:
        raise CliError(result.message)
    print(result.message, file=sys.stderr)
    return EXIT_OK
