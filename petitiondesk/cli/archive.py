"""年底归档 from the command line.

- ``petitiondesk --db DB archive --year YYYY --out DIR [--include-open]``: the year's
  archive folder ``DIR/YYYY`` (一案一档 PDF/A, catalogue, ledgers, manifest, self-check);
  refused while the year has open cases unless ``--include-open`` (they are then listed
  apart, 未结事项清单). Audited.
- ``petitiondesk archive verify DIR``: the manifest and the four checks again, from the
  files alone (no database); one line per problem and exit 1, or exit 0.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from petitiondesk.core.identity import Actor, Role, issue
from petitiondesk.store.db import Database

from .common import Access, CliError, Subparsers, cli_actor, finish


def register(commands: Subparsers, common: argparse.ArgumentParser) -> None:
    arc = commands.add_parser(
        "archive", parents=[common], help="年底归档（一案一档 PDF/A、归档文件目录、校验清单）"
    )
    arc.add_argument("--year", type=int, help="归档年度，如 2026")
    arc.add_argument("--out", type=Path, help="输出位置：在其中生成以年度命名的文件夹")
    arc.add_argument(
        "--include-open", action="store_true", help="仍有未办结事项时也归档：未结事项另列清单"
    )
    arc.add_argument(
        "--attachments-dir",
        type=Path,
        default=None,
        help="附件文件夹（默认：用户数据目录下的 attachments）",
    )
    sub = arc.add_subparsers(dest="archive_command", metavar="verify")
    ver = sub.add_parser("verify", help="按文件清单和四性检测核对归档文件夹（不需要数据库）")
    ver.add_argument("folder", type=Path, help="归档文件夹（如 OUT/2026）")
    ver.set_defaults(handler=_archive, access=_access)
    arc.set_defaults(handler=_archive, access=_access)


def _access(args: argparse.Namespace) -> Access:
    return Access.FILE if args.archive_command == "verify" else Access.WRITE


def _actor() -> Actor:
    name = cli_actor()
    return name if isinstance(name, Actor) else issue(name, Role.COMMAND_LINE)


def _archive(db: Database, args: argparse.Namespace) -> int:
    from petitiondesk.services import archive

    if args.archive_command == "verify":
        return finish(archive.verify_archive(args.folder))
    if args.year is None or args.out is None:
        raise CliError("归档需要 --year 年度 和 --out 输出位置（核对请用：archive verify 文件夹）")
    if args.out.exists() and not args.out.is_dir():
        raise CliError(f"--out 应为文件夹：{args.out}")

    def progress(done: int) -> None:
        print(f"\r已完成 {done} 步…", end="", file=sys.stderr, flush=True)

    result = archive.archive_year(
        db, args.year, args.out, actor=_actor(), include_open=args.include_open,
        attachments_dir=args.attachments_dir, progress=progress if sys.stderr.isatty() else None,
    )  # fmt: skip
    if sys.stderr.isatty():
        print(file=sys.stderr)
    return finish(result)
