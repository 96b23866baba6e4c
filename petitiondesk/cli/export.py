"""``petitiondesk export LEDGER (--year YYYY | --from D --to D) --out FILE [--outside]``:
a ledger (台账) of any date range as PDF or Excel (by the suffix of ``--out``).

LEDGER is one of the ledger registry's keys (:mod:`petitiondesk.services.ledgers`):
register 来信来访登记台账, referral 交办转送台账, supervision 督办台账, closure 办结台账,
reception 领导接待日记录. A ledger holds personal data, so the export is recorded in the
audit log (with its range and use, 对外 / 内部): the database is opened for writing.
``--outside`` marks a copy for outside use: ID numbers and phones are masked."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Final

from petitiondesk.store.db import Database

from .common import Access, CliError, Subparsers, cli_actor, finish, parse_date, prepare_output

#: The registry's keys and what they are (kept here so --help needs no service import).
LEDGER_HELP: Final = {
    "register": "来信来访登记台账",
    "referral": "交办转送台账",
    "supervision": "督办台账",
    "closure": "办结台账",
    "reception": "领导接待日记录",
}
MSG_RANGE: Final = (
    "请用 --year 指定年份，或用 --from 和 --to 指定起止日期（--to 不能与 --year 同用）"
)


def register(commands: Subparsers, common: argparse.ArgumentParser) -> None:
    exp = commands.add_parser("export", parents=[common], help="导出台账（PDF 或 Excel）")
    exp.add_argument(
        "ledger",
        choices=list(LEDGER_HELP),
        help="；".join(f"{key} = {title}" for key, title in LEDGER_HELP.items()),
    )
    period = exp.add_mutually_exclusive_group(required=True)
    period.add_argument("--year", type=int, help="年份，如 2026（整年）")
    period.add_argument("--from", dest="date_from", type=parse_date, help="起始日期 YYYY-MM-DD")
    exp.add_argument("--to", dest="date_to", type=parse_date, help="截止日期 YYYY-MM-DD")
    exp.add_argument("--out", required=True, type=Path, help="输出文件（.pdf 或 .xlsx）")
    exp.add_argument(
        "--outside",
        action="store_true",
        help="对外提供：身份证号和电话只显示首尾几位（默认为内部使用，显示完整）",
    )
    exp.set_defaults(handler=_export, access=Access.WRITE)


def _range(args: argparse.Namespace) -> tuple[date, date]:
    if args.year is not None and args.date_to is None:
        return date(args.year, 1, 1), date(args.year, 12, 31)
    if args.date_from is not None and args.date_to is not None:
        return args.date_from, args.date_to
    raise CliError(MSG_RANGE)


def _export(db: Database, args: argparse.Namespace) -> int:
    from petitiondesk.core.identity import Role, issue
    from petitiondesk.services.ledgers.export import export_ledger

    start, end = _range(args)
    out = prepare_output(args.out, (".pdf", ".xlsx"))
    actor = issue(cli_actor(), Role.COMMAND_LINE)
    return finish(
        export_ledger(db, args.ledger, start, end, out, actor=actor, outside=args.outside)
    )
