"""``petitiondesk reindex``: rebuild the register's search index (after bulk changes
made outside the program, or if searches miss what the register holds)."""

from __future__ import annotations

import argparse
import sys

from petitiondesk.store.db import Database

from .common import EXIT_OK, Access, Subparsers


def register(commands: Subparsers, common: argparse.ArgumentParser) -> None:
    cmd = commands.add_parser("reindex", parents=[common], help="重建登记查询索引")
    cmd.set_defaults(handler=_reindex, access=Access.WRITE)


def _reindex(db: Database, _args: argparse.Namespace) -> int:
    from petitiondesk.store import search_index

    with db.engine.begin() as conn:
        count = search_index.rebuild(conn)
    print(f"已重建查询索引：{count} 条登记。", file=sys.stderr)
    return EXIT_OK
