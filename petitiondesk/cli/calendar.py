"""``petitiondesk calendar``: the working-day calendar from the command line.

    petitiondesk --db DB calendar due START DAYS [--workdays]
    petitiondesk --db DB calendar holidays YEAR
    petitiondesk --db DB calendar import FILE [--complete] [--dry-run]
    petitiondesk --db DB calendar export YEAR --out FILE.csv
    petitiondesk --db DB calendar complete YEAR

``due`` prints the due date on stdout; exit 3 (``UNCOVERED …`` on stderr) when the work
calendar does not know that year's holidays yet, so the date is only an estimate.
``holidays`` prints the year's days as TSV (date, 放假/上班, name, source) and on stderr
whether the year is complete. ``import`` and ``complete`` print every open deadline that
moves (case, deadline, old → new) on stdout and the summary on stderr; ``--dry-run``
only shows them. A year file (core/holiday_file.py) with a bad line is refused as a
whole, naming the line; nothing is saved.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from petitiondesk.store.db import Database

from .common import (
    EXIT_OK,
    EXIT_UNCOVERED,
    Access,
    CliError,
    Subparsers,
    cli_actor,
    finish,
    parse_date,
    prepare_output,
)

if TYPE_CHECKING:
    from petitiondesk.services.holidays import YearListing, YearSaved
    from petitiondesk.services.result import Result

HOLIDAYS_HEADER = "date\tkind\tname\tsource\n"
YEAR_FILE_SUFFIXES = (".csv", ".txt")


def register(commands: Subparsers, common: argparse.ArgumentParser) -> None:
    cal = commands.add_parser("calendar", parents=[common], help="工作日历与节假日安排")
    sub = cal.add_subparsers(
        dest="calendar_command", metavar="CALENDAR_COMMAND", required=True, title="命令"
    )
    due = sub.add_parser("due", parents=[common], help="计算期限届满日")
    due.add_argument("start", type=parse_date, help="起算日 YYYY-MM-DD（当日不计入）")
    due.add_argument("days", type=int, help="天数")
    due.add_argument("--workdays", action="store_true", help="按工作日计算（默认自然日）")
    due.set_defaults(handler=_due, access=Access.READ)

    holidays = sub.add_parser("holidays", parents=[common], help="列出某年的节假日安排（TSV）")
    holidays.add_argument("year", type=int, help="年份，如 2027")
    holidays.set_defaults(handler=_holidays, access=Access.READ)

    imp = sub.add_parser("import", parents=[common], help="从文件导入一年的节假日安排")
    imp.add_argument("file", type=Path, help="节假日文件（CSV：日期,类型,节日）")
    imp.add_argument("--complete", action="store_true", help="同时标记该年已录入完整")
    imp.add_argument("--dry-run", action="store_true", help="只显示将变动的期限，不保存")
    imp.set_defaults(handler=_import, access=_write_unless_dry_run)

    exp = sub.add_parser("export", parents=[common], help="把一年的节假日安排导出为文件")
    exp.add_argument("year", type=int, help="年份，如 2027")
    exp.add_argument("--out", required=True, type=Path, help="输出文件（.csv）")
    exp.set_defaults(handler=_export, access=Access.READ)

    complete = sub.add_parser("complete", parents=[common], help="标记某年节假日安排已录入完整")
    complete.add_argument("year", type=int, help="年份，如 2027")
    complete.add_argument("--dry-run", action="store_true", help="只显示将变动的期限，不保存")
    complete.set_defaults(handler=_complete, access=_write_unless_dry_run)


def _write_unless_dry_run(args: argparse.Namespace) -> Access:
    return Access.READ if args.dry_run else Access.WRITE


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


def year_state(listing: YearListing) -> str:
    """One line: whether the year's deadlines are definite."""
    if listing.complete:
        return f"{listing.year}年：已录入完整，期限为确定日期"
    if listing.bundled:
        return f"{listing.year}年：内置数据已包含，期限为确定日期"
    return f"{listing.year}年：尚未录入完整，期限均为推算日期（待核）"


def _holidays(db: Database, args: argparse.Namespace) -> int:
    from petitiondesk.services.holidays import MAX_YEAR, MIN_YEAR, list_year

    if not MIN_YEAR <= args.year <= MAX_YEAR:
        raise CliError(f"年份应在{MIN_YEAR}至{MAX_YEAR}之间")
    listing = list_year(db, args.year)
    out = sys.stdout
    out.write(HOLIDAYS_HEADER)
    for day in listing.days:
        out.write(f"{day.day.isoformat()}\t{day.kind_label}\t{day.name}\t{day.source_label}\n")
    print(f"{year_state(listing)}（{len(listing.days)}天）", file=sys.stderr)
    return EXIT_OK


def _report(result: Result[YearSaved], *, dry_run: bool) -> int:
    """The deadlines that move on stdout, the summary (and roster note) on stderr."""
    if not result.ok or result.value is None:
        raise CliError(result.message)
    saved = result.value
    for move in saved.preview.moves:
        print(move.text)
    lines = [result.message + ("（预览，未保存）" if dry_run else "")]
    lines.extend(line for line in (saved.roster_message, *saved.messages) if line)
    print("\n".join(lines), file=sys.stderr)
    return EXIT_OK


def _import(db: Database, args: argparse.Namespace) -> int:
    from petitiondesk.services.holidays import import_year_file

    path: Path = args.file
    if not path.is_file():
        raise CliError(f"找不到节假日文件：{path}")
    result = import_year_file(
        db, path, actor=cli_actor(), mark_complete=args.complete, preview=args.dry_run
    )
    if not result.ok:
        raise CliError(f"{path.name}：{result.message}")
    return _report(result, dry_run=args.dry_run)


def _export(db: Database, args: argparse.Namespace) -> int:
    from petitiondesk.services.holidays import export_year_file

    return finish(export_year_file(db, args.year, prepare_output(args.out, YEAR_FILE_SUFFIXES)))


def _complete(db: Database, args: argparse.Namespace) -> int:
    from petitiondesk.services.holidays import mark_complete

    result = mark_complete(db, args.year, actor=cli_actor(), preview=args.dry_run)
    return _report(result, dry_run=args.dry_run)
