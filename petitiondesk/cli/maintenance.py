"""Maintenance of the database file: ``backup``, ``restore`` and ``check``.

- ``petitiondesk --db DB backup --out FILE [--encrypt] [--passphrase-file F]``: a copy
  of the live database (SQLite online backup); ``--encrypt`` seals it with a passphrase
  (asked twice, or read from the first line of ``--passphrase-file``). Audited.
- ``petitiondesk --db DB restore --from FILE [--passphrase-file F]``: replace the
  database by a backup (checked first; the current file is kept aside; refused while
  the database is in use). Asks for the passphrase of an encrypted backup.
- ``petitiondesk --db DB check``: ``PRAGMA integrity_check`` and the audit hash chain;
  one Chinese line per problem and exit 1, or exit 0.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from petitiondesk.store.db import Database

from .common import EXIT_ERROR, EXIT_OK, Access, CliError, Subparsers, cli_actor, finish

MSG_PASSPHRASE = "请输入备份口令："
MSG_PASSPHRASE_AGAIN = "请再次输入口令："
MSG_MISMATCH = "两次输入的口令不一致，未作任何备份。"
MSG_NO_PASSPHRASE_FILE = "无法读取口令文件：{path}"
MSG_EMPTY = "口令不能为空。"


def register(commands: Subparsers, common: argparse.ArgumentParser) -> None:
    bak = commands.add_parser("backup", parents=[common], help="备份数据库（可加密）")
    bak.add_argument("--out", required=True, type=Path, help="备份文件")
    bak.add_argument("--encrypt", action="store_true", help="用口令加密（带出本机的备份）")
    _passphrase_file(bak)
    bak.set_defaults(handler=_backup, access=Access.WRITE)

    res = commands.add_parser("restore", parents=[common], help="从备份恢复数据库")
    res.add_argument("--from", dest="source", required=True, type=Path, help="备份文件")
    _passphrase_file(res)
    res.set_defaults(handler=_restore, access=Access.FILE)

    chk = commands.add_parser("check", parents=[common], help="检查数据库文件和审计记录链是否完好")
    chk.set_defaults(handler=_check, access=Access.READ)


def _passphrase_file(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--passphrase-file", type=Path, default=None, help="从文件第一行读取口令（用于脚本）"
    )


def _read_passphrase(args: argparse.Namespace, *, confirm: bool) -> str:
    if args.passphrase_file is not None:
        try:
            text = args.passphrase_file.read_text(encoding="utf-8")
        except OSError:
            raise CliError(MSG_NO_PASSPHRASE_FILE.format(path=args.passphrase_file)) from None
        lines = text.splitlines()
        passphrase = lines[0] if lines else ""
    else:
        passphrase = getpass.getpass(MSG_PASSPHRASE)
        if confirm and getpass.getpass(MSG_PASSPHRASE_AGAIN) != passphrase:
            raise CliError(MSG_MISMATCH)
    if not passphrase:
        raise CliError(MSG_EMPTY)
    return passphrase


def _backup(db: Database, args: argparse.Namespace) -> int:
    from petitiondesk.services import backup

    passphrase = _read_passphrase(args, confirm=True) if args.encrypt else None
    return finish(backup.backup(db, args.out, passphrase=passphrase, actor=cli_actor()))


def _restore(db: Database, args: argparse.Namespace) -> int:
    from petitiondesk.services import backup
    from petitiondesk.store.backup import MAGIC

    target = db.path
    if target is None:
        raise CliError(backup.MSG_NOT_FILE)
    passphrase = None
    source: Path = args.source
    if source.is_file():
        with source.open("rb") as head:
            if head.read(len(MAGIC)) == MAGIC:
                passphrase = _read_passphrase(args, confirm=False)
    return finish(backup.restore(target, source, actor=cli_actor(), passphrase=passphrase))


def _check(db: Database, args: argparse.Namespace) -> int:
    from petitiondesk.services.integrity import full_check

    result = full_check(db)
    if result.ok:
        print(result.message, file=sys.stderr)
        return EXIT_OK
    problems = result.value.problems if result.value is not None else (result.message,)
    for line in problems:
        print(f"错误：{line}", file=sys.stderr)
    print(result.message.splitlines()[-1], file=sys.stderr)  # the backup to restore
    return EXIT_ERROR
