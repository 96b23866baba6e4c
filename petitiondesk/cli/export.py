"""``petitiondesk export LEDGER --year YYYY --out FILE.xlsx``: a ledger (台账) as Excel."""

from __future__ import annotations

import argparse
from pathlib import Path

from petitiondesk.store.db import Database

from .common import Access, Subparsers, finish, prepare_output


def register(commands: Subparsers, common: argparse.ArgumentParser) -> None:
    exp = commands.add_parser("export", parents=[common], help="导出台账为 Excel")
    exp.add_argument("ledger", choices=["register"], help="register = 来信来访登记台账")
    exp.add_argument("--year", type=int, required=True, help="年份，如 2026")
    exp.add_argument("--out", required=True, type=Path, help="输出 .xlsx 文件")
    exp.set_defaults(handler=_export, access=Access.READ)


def _export(db: Database, args: argparse.Namespace) -> int:
    from petitiondesk.services.printouts import export_register

    return finish(export_register(db, args.year, prepare_output(args.out, (".xlsx",))))
