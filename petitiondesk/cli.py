"""Command line: the same services as the window (demo, cases, calendar, print, export).

Stable interface for scripts: TSV on stdout, one error line on stderr, non-zero exit.
Exit codes: 0 ok, 1 error, 2 usage, 3 calendar cannot answer (UNCOVERED).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from petitiondesk import __version__, cli_roster
from petitiondesk.core.enums import CaseStatus
from petitiondesk.paths import default_database_path
from petitiondesk.store.db import Database, DatabaseError

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_UNCOVERED = 0, 1, 2, 3


#: ``petitiondesk print FORM``: the forms one case can be printed on.
PRINT_FORMS = {
    "registration": "来访登记单",
    "acceptance-notice": "受理/不予受理告知书",
    "conversation-record": "接谈记录",
}


class CliError(Exception):
    """An expected failure: printed as one line on stderr."""


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD：{text}") from None


def build_parser() -> argparse.ArgumentParser:
    db_help = "数据库文件路径或 SQLAlchemy URL（默认：用户数据目录下的 petitiondesk.sqlite）"
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS, help=db_help)

    parser = argparse.ArgumentParser(
        prog="petitiondesk", description="PetitionDesk 信访桌面：不带子命令时打开主窗口。"
    )
    parser.add_argument("--db", default=None, help=db_help)
    parser.add_argument("--version", action="version", version=f"petitiondesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", parents=[common], help="填入演示数据")
    demo.add_argument("--visits", type=int, default=200, help="演示登记条数（默认 200）")
    demo.add_argument("--seed", type=int, default=1, help="随机种子（相同种子得到相同数据）")

    cases = sub.add_parser("cases", parents=[common], help="列出信访事项（TSV）")
    cases.add_argument("--year", type=int)
    cases.add_argument("--status", choices=[s.value for s in CaseStatus])

    cal = sub.add_parser("calendar", parents=[common], help="工作日历")
    cal_sub = cal.add_subparsers(dest="calendar_command", metavar="CALENDAR_COMMAND", required=True)
    due = cal_sub.add_parser("due", parents=[common], help="计算期限届满日")
    due.add_argument("start", type=_parse_date, help="起算日 YYYY-MM-DD（当日不计入）")
    due.add_argument("days", type=int, help="天数")
    due.add_argument("--workdays", action="store_true", help="按工作日计算（默认自然日）")

    prt = sub.add_parser("print", parents=[common], help="打印表单为 PDF")
    prt.add_argument(
        "form",
        choices=list(PRINT_FORMS),
        help="registration = 来访登记单；acceptance-notice = 受理/不予受理告知书（一式二份）；"
        "conversation-record = 接谈记录",
    )
    prt.add_argument("--case", required=True, help="登记号，如 2026-00012")
    prt.add_argument("--out", required=True, type=Path, help="输出 PDF 文件")

    exp = sub.add_parser("export", parents=[common], help="导出台账为 Excel")
    exp.add_argument("ledger", choices=["register"], help="register = 来信来访登记台账")
    exp.add_argument("--year", type=int, required=True)
    exp.add_argument("--out", required=True, type=Path, help="输出 .xlsx 文件")
    cli_roster.add_parser(sub, common)
    return parser


def _open(target: str | None) -> Database:
    from petitiondesk.services.bootstrap import ensure_defaults

    db = Database.open(target or default_database_path(), create=True)
    ensure_defaults(db)
    return db


def _cmd_demo(db: Database, args: argparse.Namespace) -> int:
    from petitiondesk.services.demo import load_demo

    if args.visits < 0:
        raise CliError("--visits 不能为负数 / --visits must not be negative")
    count = load_demo(db, visits=args.visits, seed=args.seed)
    print(f"已载入演示数据：{count} 条登记 / loaded {count} demo visits", file=sys.stderr)
    return EXIT_OK


def _cmd_cases(db: Database, args: argparse.Namespace) -> int:
    from petitiondesk.services.cases import iter_cases

    status = CaseStatus(args.status) if args.status else None
    out = sys.stdout
    out.write("register_no\treceived_date\tchannel\tcategory\tstatus\n")
    for row in iter_cases(db, year=args.year, status=status):
        category = row.category.replace("\t", " ")
        out.write(
            f"{row.register_no}\t{row.received_at.date().isoformat()}\t{row.channel.value}\t"
            f"{category}\t{row.status.value}\n"
        )
    return EXIT_OK


def _cmd_calendar(db: Database, args: argparse.Namespace) -> int:
    from petitiondesk.services.calendar import due_by_days

    if args.days < 0:
        raise CliError("天数不能为负数 / days must not be negative")
    due = due_by_days(db, args.start, args.days, workdays=args.workdays)
    print(due.due.isoformat())
    if not due.covered:
        print(f"UNCOVERED {due.reason}", file=sys.stderr)
        return EXIT_UNCOVERED
    return EXIT_OK


def _cmd_print(db: Database, args: argparse.Namespace) -> int:
    from petitiondesk.services import notices, printouts

    if args.form == "registration":
        result = printouts.print_registration(db, args.case, args.out)
    elif args.form == "acceptance-notice":
        result = notices.print_acceptance_notice(db, args.case, args.out, actor="cli")
    else:
        result = notices.print_conversation_record(db, args.case, args.out)
    if not result.ok:
        raise CliError(result.message)
    print(result.message, file=sys.stderr)
    return EXIT_OK


def _cmd_export(db: Database, args: argparse.Namespace) -> int:
    from petitiondesk.services.printouts import export_register

    result = export_register(db, args.year, args.out)
    if not result.ok:
        raise CliError(result.message)
    print(result.message, file=sys.stderr)
    return EXIT_OK


COMMANDS = {
    "demo": _cmd_demo,
    "cases": _cmd_cases,
    "calendar": _cmd_calendar,
    "print": _cmd_print,
    "export": _cmd_export,
    "roster": cli_roster.run,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        from petitiondesk.gui.app import run

        return run(args.db)
    try:
        db = _open(args.db)
    except DatabaseError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_ERROR
    try:
        return COMMANDS[args.command](db, args)
    except CliError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # e.g. `petitiondesk cases | head`
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        print(
            f"错误：无法写入文件 / cannot write: {exc.filename or ''} {exc.strerror or exc}",
            file=sys.stderr,
        )
        return EXIT_ERROR
    finally:
        db.close()


if __name__ == "__main__":
    sys.exit(main())
