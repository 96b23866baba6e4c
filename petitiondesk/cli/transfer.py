"""``petitiondesk --db FILE migrate-to URL``: copy the register into an empty database
of another engine (PostgreSQL for several desks, issue 14) and verify the copy."""

from __future__ import annotations

import argparse
import sys

from petitiondesk.store.db import Database

from .common import EXIT_OK, Access, CliError, Subparsers

MSG_DONE = "已复制到 {target}：{tables} 张数据表，共 {rows} 行；行数与校验值一致，审计链完整。"
MSG_CHAIN = "复制后的审计链校验未通过：{problems}"


def register(commands: Subparsers, common: argparse.ArgumentParser) -> None:
    cmd = commands.add_parser(
        "migrate-to",
        parents=[common],
        help="把登记簿复制到另一个空数据库（如 PostgreSQL，多窗口共用）并核对",
    )
    cmd.add_argument("target", help="目标数据库的 SQLAlchemy URL，如 postgresql+psycopg://…")
    cmd.set_defaults(handler=_migrate_to, access=Access.WRITE)


def _migrate_to(db: Database, args: argparse.Namespace) -> int:
    from petitiondesk.services.integrity import full_check
    from petitiondesk.store.transfer import TransferError, copy_register

    target = Database.open(args.target, create=True)
    shown = target.url.render_as_string(hide_password=True)
    try:
        try:
            report = copy_register(db, target)
        except TransferError as exc:
            raise CliError(str(exc)) from exc
        check = full_check(target)
        if not check.ok:
            raise CliError(MSG_CHAIN.format(problems=check.message))
    finally:
        target.close()
    print(
        MSG_DONE.format(target=shown, tables=len(report.tables), rows=report.rows), file=sys.stderr
    )
    return EXIT_OK
