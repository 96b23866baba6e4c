"""Command line: the same services as the window (init, demo, cases, calendar, print,
export, roster) and the maintenance of the file (backup, restore, check).

Stable interface for scripts: TSV on stdout, one error line on stderr, non-zero exit.
Exit codes: 0 ok, 1 error, 2 usage, 3 calendar cannot answer (UNCOVERED).

One module per command group; each registers its subcommands on the parser (see
:mod:`petitiondesk.cli.common`). A new group is a new module added to :data:`GROUPS`.

Only ``init``, ``demo`` and the first use of the default database create a file; a
mistyped ``--db`` is refused with its path. Commands that only read open the database
read-only and write nothing. Whatever fails prints one Chinese line, never a traceback
(an SQL error's text carries petitioners' names and statements).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from petitiondesk.paths import default_database_path
from petitiondesk.store.db import Database
from petitiondesk.version import build_info

from . import (
    archive,
    bench,
    calendar,
    database,
    disputes,
    export,
    maintenance,
    print_forms,
    referral,
    register,
    roster,
    search_index,
    transfer,
)
from .common import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_UNCOVERED,
    EXIT_USAGE,
    Access,
    CliError,
    cli_actor,
    error_exit,
)
from .parser import ArgumentParser
from .print_forms import PRINT_FORMS

__all__ = [
    "EXIT_ERROR",
    "EXIT_OK",
    "EXIT_UNCOVERED",
    "EXIT_USAGE",
    "GROUPS",
    "PRINT_FORMS",
    "Access",
    "CliError",
    "build_parser",
    "cli_actor",
    "main",
]

#: The command groups, in the order ``--help`` lists their commands.
GROUPS = (
    database,
    register,
    calendar,
    print_forms,
    export,
    disputes,
    archive,
    roster,
    referral,
    maintenance,
    search_index,
    transfer,
    bench,
)

EXIT_INTERRUPTED = 130


def build_parser() -> argparse.ArgumentParser:
    db_help = "数据库文件路径或 SQLAlchemy URL（默认：用户数据目录下的 petitiondesk.sqlite）"
    common = ArgumentParser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS, help=db_help)

    parser = ArgumentParser(
        prog="petitiondesk", description="PetitionDesk 信访桌面：不带子命令时打开主窗口。"
    )
    parser.add_argument("--db", default=None, help=db_help)
    parser.add_argument(
        "--version",
        action="version",
        version=build_info().line(),
        help="显示版本号和构建日期并退出",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="命令")
    for group in GROUPS:
        group.register(commands, common)
    return parser


def open_database(args: argparse.Namespace) -> Database:
    """The database as the command needs it (see :class:`~.common.Access`)."""
    access = args.access(args) if callable(args.access) else args.access
    target = args.db or default_database_path()
    if access is Access.READ:
        return Database.open(target, readonly=True)
    if access is Access.FILE:
        return Database.unopened(target)
    create = access is Access.CREATE or args.db is None
    db = Database.open(target, create=create)
    try:
        from petitiondesk.services.bootstrap import ensure_defaults
        from petitiondesk.services.program_version import VIA_CLI, record_open

        ensure_defaults(db)
        record_open(db, VIA_CLI)
    except BaseException:
        db.close()
        raise
    return db


def run_command(args: argparse.Namespace) -> int:
    """Open the database, run the command's handler; every failure becomes one line."""
    db: Database | None = None
    try:
        db = open_database(args)
        code: int = args.handler(db, args)
        return code
    except BrokenPipeError:  # e.g. `petitiondesk cases | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print("已中断，操作未完成。", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # noqa: BLE001 — the one place every failure becomes a line
        return error_exit(exc, db.path if db is not None else None)
    finally:
        if db is not None:
            db.close()


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # -h, --version, or a usage error already printed
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if args.command is None:
        from petitiondesk.gui.app import run

        return run(args.db)
    return run_command(args)


if __name__ == "__main__":
    sys.exit(main())
