"""Command line: the same services as the window (demo, cases, calendar, print, export,
roster).

Stable interface for scripts: TSV on stdout, one error line on stderr, non-zero exit.
Exit codes: 0 ok, 1 error, 2 usage, 3 calendar cannot answer (UNCOVERED).

One module per command group; each registers its subcommands on the parser (see
:mod:`petitiondesk.cli.common`). A new group is a new module added to :data:`GROUPS`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from petitiondesk import __version__
from petitiondesk.paths import default_database_path
from petitiondesk.store.db import Database, DatabaseError

from . import calendar, export, print_forms, referral, register, roster
from .common import EXIT_ERROR, EXIT_OK, EXIT_UNCOVERED, EXIT_USAGE, CliError, error_exit
from .print_forms import PRINT_FORMS

__all__ = [
    "EXIT_ERROR",
    "EXIT_OK",
    "EXIT_UNCOVERED",
    "EXIT_USAGE",
    "GROUPS",
    "PRINT_FORMS",
    "CliError",
    "build_parser",
    "main",
]

#: The command groups, in the order ``--help`` lists their commands.
GROUPS = (register, calendar, print_forms, export, roster, referral)


def build_parser() -> argparse.ArgumentParser:
    db_help = "数据库文件路径或 SQLAlchemy URL（默认：用户数据目录下的 petitiondesk.sqlite）"
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS, help=db_help)

    parser = argparse.ArgumentParser(
        prog="petitiondesk", description="PetitionDesk 信访桌面：不带子命令时打开主窗口。"
    )
    parser.add_argument("--db", default=None, help=db_help)
    parser.add_argument("--version", action="version", version=f"petitiondesk {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in GROUPS:
        group.register(commands, common)
    return parser


def _open(target: str | None) -> Database:
    from petitiondesk.services.bootstrap import ensure_defaults

    db = Database.open(target or default_database_path(), create=True)
    ensure_defaults(db)
    return db


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        from petitiondesk.gui.app import run

        return run(args.db)
    try:
        db = _open(args.db)
    except DatabaseError as exc:
        return error_exit(exc)
    try:
        code: int = args.handler(db, args)
        return code
    except BrokenPipeError:  # e.g. `petitiondesk cases | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except (CliError, DatabaseError, OSError) as exc:
        return error_exit(exc)
    finally:
        db.close()


if __name__ == "__main__":
    sys.exit(main())
