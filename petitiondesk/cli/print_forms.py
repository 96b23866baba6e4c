"""``petitiondesk print FORM --case NO --out FILE``: one case's printed forms as PDF.

Every form carries personal data, so every print is recorded in the audit log (who, when,
which form, which case): printing opens the database for writing. The acceptance notice
also records in the register when it was printed."""

from __future__ import annotations

import argparse
from pathlib import Path

from petitiondesk.store.db import Database

from .common import Access, Subparsers, cli_actor, finish, prepare_output

#: ``petitiondesk print FORM``: the forms one case can be printed on.
PRINT_FORMS = {
    "registration": "来访登记单",
    "acceptance-notice": "受理/不予受理告知书",
    "conversation-record": "接谈记录",
}


def register(commands: Subparsers, common: argparse.ArgumentParser) -> None:
    prt = commands.add_parser("print", parents=[common], help="打印表单为 PDF")
    prt.add_argument(
        "form",
        choices=list(PRINT_FORMS),
        help="registration = 来访登记单；acceptance-notice = 受理/不予受理告知书（一式二份）；"
        "conversation-record = 接谈记录",
    )
    prt.add_argument("--case", required=True, help="登记号，如 2026-00012")
    prt.add_argument("--out", required=True, type=Path, help="输出 PDF 文件")
    prt.set_defaults(handler=_print, access=Access.WRITE)


def _print(db: Database, args: argparse.Namespace) -> int:
    from petitiondesk.services import printouts

    out = prepare_output(args.out, (".pdf",))
    if args.form == "registration":
        return finish(printouts.print_registration(db, args.case, out, actor=cli_actor()))
    if args.form == "acceptance-notice":
        return finish(printouts.print_acceptance_notice(db, args.case, out, actor=cli_actor()))
    return finish(printouts.print_conversation_record(db, args.case, out, actor=cli_actor()))
