"""``petitiondesk export LEDGER --year YYYY --out FILE.xlsx [--outside]``: a ledger (台账)
as Excel.

The ledger holds personal data, so the export is recorded in the audit log (with its use,
对外 / 内部): the database is opened for writing. ``--outside`` marks a copy for outside
use: ID numbers and phones are masked."""

from __future__ import annotations

import argparse
from pathlib import Path

from petitiondesk.store.db import Database

from .common import Access, Subparsers, cli_actor, finish, prepare_output


def register(commands: Subparsers, common: argparse.ArgumentParser) -> None:
    exp = commands.add_parser("export", parents=[common], help="导出台账为 Excel")
    exp.add_argument("ledger", choices=["register"], help="register = 来信来访登记台账")
    exp.add_argument("--year", type=int, required=True, help="年份，如 2026")
    exp.add_argument("--out", required=True, type=Path, help="输出 .xlsx 文件")
    exp.add_argument(
        "--outside",
        action="store_true",
        help="对外提供：身份证号和电话只显示首尾几位（默认为内部使用，显示完整）",
    )
    exp.set_defaults(handler=_export, access=Access.WRITE)


def _export(db: Database, args: argparse.Namespace) -> int:
    from petitiondesk.services.printouts import export_register

    out = prepare_output(args.out, (".xlsx",))
    return finish(export_register(db, args.year, out, actor=cli_actor(), outside=args.outside))
