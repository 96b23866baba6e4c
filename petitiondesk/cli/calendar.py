"""``petitiondesk calendar due START DAYS [--workdays]``: when a time limit runs out.

Prints the due date on stdout; exit 3 (``UNCOVERED …`` on stderr) when the work calendar
does not know that year's holidays yet, so the date is only an estimate."""

from __future__ import annotations

import argparse
import sys

from petitiondesk.store.db import Database

from .common import EXIT_OK, EXIT_UNCOVERED, CliError, Subparsers, parse_date


def register(commands: Subparsers, common: argparse.ArgumentParser) -> None:
    cal = commands.add_parser("calendar", parents=[common], help="工作日历")
    sub = cal.add_subparsers(dest="calendar_command", metavar="CALENDAR_COMMAND", required=True)
    due = sub.add_parser("due", parents=[common], help="计算期限届满日")
    due.add_argument("start", type=parse_date, help="起算日 YYYY-MM-DD（当日不计入）")
    due.add_argument("days", type=int, help="天数")
    due.add_argument("--workdays", action="store_true", help="按工作日计算（默认自然日）")
    due.set_defaults(handler=_due)


def _due(db: Database, args: argparse.Namespace) -> int:
    from petitiondesk.services.calendar import due_by_days

    if args.days < 0:
        raise CliError("天数不能为负数 / days must not be negative")
    due = due_by_days(db, args.start, args.days, workdays=args.workdays)
    print(due.due.isoformat())
    if not due.covered:
        print(f"UNCOVERED {due.reason}", file=sys.stderr)
        return EXIT_UNCOVERED
    return EXIT_OK
