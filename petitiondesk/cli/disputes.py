"""``petitiondesk disputes --month YYYY-MM --out FILE.xlsx|.pdf``: the month's
dispute-screening register (矛盾纠纷排查台账) as Excel or PDF.

The register names the people involved, so the file is recorded in the audit log (the
database is opened for writing), by ``命令行:<OS user>``."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from petitiondesk.store.db import Database

from .common import Access, Subparsers, cli_actor, finish, prepare_output

MSG_MONTH = "月份格式应为 YYYY-MM，如 2026-11：{text}"


def parse_month_arg(text: str) -> date:
    from petitiondesk.core.disputes import parse_month

    try:
        return parse_month(text)
    except ValueError:
        raise argparse.ArgumentTypeError(MSG_MONTH.format(text=text)) from None


def register(commands: Subparsers, common: argparse.ArgumentParser) -> None:
    cmd = commands.add_parser(
        "disputes", parents=[common], help="导出矛盾纠纷排查台账（Excel 或 PDF）"
    )
    cmd.add_argument("--month", type=parse_month_arg, required=True, help="月份，如 2026-11")
    cmd.add_argument("--out", required=True, type=Path, help="输出 .xlsx 或 .pdf 文件")
    cmd.set_defaults(handler=_export, access=Access.WRITE)


def _export(db: Database, args: argparse.Namespace) -> int:
    from petitiondesk.core.identity import Role, issue
    from petitiondesk.services.printouts.dispute_register import export_disputes

    out = prepare_output(args.out, (".xlsx", ".pdf"))
    actor = issue(cli_actor(), Role.COMMAND_LINE)  # whoever holds the file maintains it
    return finish(export_disputes(db, args.month, out, actor=actor))
