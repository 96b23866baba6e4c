"""``petitiondesk bench [--visits N] [--quick] [--db PATH] [--rebuild]``: the speed of the
program beside the raw libraries, on a synthetic register (see
:mod:`petitiondesk.benchmark`). ``--db`` names the benchmark database to build or reuse
(never the office's register); without it the database is cached under
/tmp/petitiondesk-bench/. ``--quick``: 20,000 visits, under a minute.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from petitiondesk.store.db import Database

from .common import Access, Subparsers


def register(commands: Subparsers, common: argparse.ArgumentParser) -> None:
    bench = commands.add_parser(
        "bench", parents=[common], help="性能基准：与原始库同场对比（合成数据库）"
    )
    bench.add_argument("--visits", type=int, default=1_000_000, help="合成来访数（默认 100 万）")
    bench.add_argument("--quick", action="store_true", help="快速：2 万条来访，一分钟内")
    bench.add_argument("--rebuild", action="store_true", help="重新生成合成数据库")
    bench.add_argument("--runs", type=int, default=5, help="每项测量次数（取中位数）")
    bench.set_defaults(handler=_bench, access=Access.FILE)


def _bench(_db: Database, args: argparse.Namespace) -> int:
    from petitiondesk.benchmark.report import Options, run

    db = getattr(args, "db", None)
    return run(
        Options(
            visits=args.visits,
            quick=args.quick,
            db=Path(db) if db else None,
            rebuild=args.rebuild,
            runs=max(1, args.runs),
        )
    )
