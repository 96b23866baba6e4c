"""``petitiondesk overdue [--as-of DATE]``: the overdue referrals as TSV (header first:
register number, referral number, unit, due date, days overdue)."""

from __future__ import annotations

import argparse
from datetime import date

from petitiondesk.store.db import Database

from .common import EXIT_OK, Access, Subparsers, parse_date


def register(commands: Subparsers, common: argparse.ArgumentParser) -> None:
    overdue = commands.add_parser("overdue", parents=[common], help="列出已超期的交办事项（TSV）")
    overdue.add_argument(
        "--as-of", type=parse_date, default=None, help="截至日期 YYYY-MM-DD（默认今天）"
    )
    overdue.set_defaults(handler=_overdue, access=Access.READ)


def _overdue(db: Database, args: argparse.Namespace) -> int:
    from petitiondesk.services.referrals import OVERDUE_HEADER, overdue_referrals

    rows = overdue_referrals(db, args.as_of or date.today())
    print("\t".join(OVERDUE_HEADER))
    for row in rows:
        print("\t".join(cell.replace("\t", " ") for cell in row.cells()))
    return EXIT_OK
