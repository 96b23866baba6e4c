"""``petitiondesk --db DB init``: create a new, empty database (with the office's default
settings, deadline rules and categories). The one explicit way, besides ``demo`` and the
window's first start, that a database file comes into being; on an existing database it
only brings the schema up to date."""

from __future__ import annotations

import argparse
import sys

from petitiondesk.store.db import Database

from .common import EXIT_OK, Access, Subparsers


def register(commands: Subparsers, common: argparse.ArgumentParser) -> None:
    init = commands.add_parser(
        "init", parents=[common], help="新建数据库文件（已存在时只检查并升级）"
    )
    init.set_defaults(handler=_init, access=Access.CREATE)


def _init(db: Database, args: argparse.Namespace) -> int:
    print(
        f"数据库已就绪：{db.path or db.url.render_as_string(hide_password=True)}", file=sys.stderr
    )
    return EXIT_OK
