"""``petitiondesk demo`` and ``petitiondesk cases``: the register (登记) from the command
line: fill a database with demo data, list the cases as TSV."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from petitiondesk.core.enums import CaseStatus
from petitiondesk.store.db import Database

from .common import EXIT_OK, Access, CliError, Subparsers

CASES_HEADER = "register_no\treceived_date\tchannel\tcategory\tstatus\n"
MSG_NOT_EMPTY = (
    "数据库中已有登记，演示数据只能载入空数据库（可用 --db 指定一个新文件）；未作任何修改。"
)


def register(commands: Subparsers, common: argparse.ArgumentParser) -> None:
    demo = commands.add_parser("demo", parents=[common], help="填入演示数据")
    demo.add_argument("--visits", type=int, default=200, help="演示登记条数（默认 200）")
    demo.add_argument("--seed", type=int, default=1, help="随机种子（相同种子得到相同数据）")
    demo.add_argument(
        "--as-of",
        metavar="YYYY-MM-DDTHH:MM",
        help="演示数据的“现在”（默认当前时刻；固定后相同种子在任何一天得到相同数据）",
    )
    demo.set_defaults(handler=_demo, access=Access.CREATE)

    cases = commands.add_parser("cases", parents=[common], help="列出信访事项（TSV）")
    cases.add_argument("--year", type=int)
    cases.add_argument("--status", choices=[s.value for s in CaseStatus])
    cases.set_defaults(handler=_cases, access=Access.READ)


def _demo(db: Database, args: argparse.Namespace) -> int:
    from petitiondesk.services.demo import load_demo

    if args.visits < 0:
        raise CliError("--visits 不能为负数 / --visits must not be negative")
    as_of = _as_of(args.as_of)
    if _has_cases(db):
        raise CliError(MSG_NOT_EMPTY)
    count = load_demo(db, visits=args.visits, seed=args.seed, now=as_of)
    print(f"已载入演示数据：{count} 条登记 / loaded {count} demo visits", file=sys.stderr)
    return EXIT_OK


def _as_of(text: str | None) -> datetime | None:
    """The ``--as-of`` moment: a past (or present) date and time, or None for now."""
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise CliError(f"--as-of 应为“年-月-日T时:分”，如 2026-11-20T12:00；收到：{text}") from None
    if moment.tzinfo is not None:
        raise CliError("--as-of 不带时区（按本机当地时间）")
    if moment > datetime.now():
        raise CliError("--as-of 不能晚于现在：演示登记不能在将来收到")
    return moment


def _has_cases(db: Database) -> bool:
    from sqlalchemy import select

    from petitiondesk.store.models import Petition

    with db.read() as session:
        return session.scalar(select(Petition.id).limit(1)) is not None


def _cases(db: Database, args: argparse.Namespace) -> int:
    from petitiondesk.services.cases import iter_cases

    status = CaseStatus(args.status) if args.status else None
    out = sys.stdout
    out.write(CASES_HEADER)
    for row in iter_cases(db, year=args.year, status=status):
        category = row.category.replace("\t", " ")
        out.write(
            f"{row.register_no}\t{row.received_at.date().isoformat()}\t{row.channel.value}\t"
            f"{category}\t{row.status.value}\n"
        )
    return EXIT_OK
