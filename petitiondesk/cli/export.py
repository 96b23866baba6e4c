"""``petitiondesk export LEDGER --year YYYY --out FILE.xlsx [--outside]``: a ledger (台账)
as Excel.

The ledger holds personal data, so the export is recorded in the audit log (with its use,
对外 / 内部): the database is opened for writing. ``--outside`` marks a copy for outside
use: ID numbers and phones are masked."""

from __future__ import annotations

import argparse
from pathlib import Path

from petitiondesk.store.db import Database

from .common import Access, CliError, Subparsers, cli_actor, finish, prepare_output


def register(commands: Subparsers, common: argparse.ArgumentParser) -> None:
    exp = commands.add_parser("export", parents=[common], help="导出台账为 Excel")
    exp.add_argument(
        "ledger",
        choices=["register", "disputes"],
        help="register = 来信来访登记台账（--year）；disputes = 矛盾纠纷排查台账（--month）",
    )
    exp.add_argument("--year", type=int, help="年份，如 2026（register）")
    exp.add_argument("--month", help="月份，如 2026-11（disputes）")
    exp.add_argument(
        "--out", required=True, type=Path, help="输出 .xlsx 文件（disputes 也可 .pdf）"
    )
    exp.add_argument(
        "--outside",
        action="store_true",
        help="对外提供：身份证号和电话只显示首尾几位（默认为内部使用，显示完整）",
    )
    exp.set_defaults(handler=_export, access=Access.WRITE)


def _export(db: Database, args: argparse.Namespace) -> int:
    from petitiondesk.services.printouts import export_register

    if args.ledger == "disputes":
        return _export_disputes(db, args)
    if args.year is None:
        raise CliError("导出登记台账需要 --year，如 --year 2026")

    out = prepare_output(args.out, (".xlsx",))
    return finish(export_register(db, args.year, out, actor=cli_actor(), outside=args.outside))


def _export_disputes(db: Database, args: argparse.Namespace) -> int:
    """``export disputes --month 2026-11 --out FILE.xlsx|.pdf``: 矛盾纠纷排查台账."""
    from petitiondesk.core.disputes import parse_month
    from petitiondesk.core.identity import Role, issue
    from petitiondesk.services.printouts.dispute_register import export_disputes

    try:
        month = parse_month(args.month or "")
    except ValueError:
        raise CliError("导出矛盾纠纷排查台账需要 --month，如 --month 2026-11") from None
    out = prepare_output(args.out, (".xlsx", ".pdf"))
    actor = issue(cli_actor(), Role.COMMAND_LINE)  # 命令行: whoever holds the file
    return finish(export_disputes(db, month, out, actor=actor))
