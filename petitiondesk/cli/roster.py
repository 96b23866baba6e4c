"""``petitiondesk roster``: the duty roster from the command line.

    petitiondesk --db DB roster generate --from 2026-10-01 --to 2026-12-31
    petitiondesk --db DB roster export --from 2026-10-01 --to 2026-12-31 --out 公示.pdf

``generate`` adds the missing slots of the period (idempotent, never touching changed or
manual slots) and prints its summary to stderr: the Chinese sentence, then one line of
``key=value`` counts for scripts (added, kept, moved, skipped, conflicts, unassigned,
uncovered, removed), then the report's messages indented. ``export`` writes the published
roster (排班公示) as PDF or Excel by the suffix of ``--out``. Same conventions as
:mod:`petitiondesk.cli`: on failure one error line on stderr, exit 1, nothing written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from petitiondesk.store.db import Database

from .common import (
    EXIT_OK,
    Access,
    CliError,
    Subparsers,
    cli_actor,
    finish,
    parse_date,
    prepare_output,
)


def _period_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from", dest="date_from", type=parse_date, required=True, help="开始日期 YYYY-MM-DD"
    )
    parser.add_argument(
        "--to", dest="date_to", type=parse_date, required=True, help="结束日期 YYYY-MM-DD（含）"
    )


def register(commands: Subparsers, common: argparse.ArgumentParser) -> None:
    """``roster generate`` and ``roster export``."""
    roster = commands.add_parser("roster", parents=[common], help="领导接待日排班")
    sub = roster.add_subparsers(dest="roster_command", metavar="ROSTER_COMMAND", required=True)
    generate = sub.add_parser("generate", parents=[common], help="按接待日规则和值班顺序生成排班")
    _period_arguments(generate)
    generate.set_defaults(handler=_generate, access=Access.WRITE)
    export = sub.add_parser("export", parents=[common], help="导出排班公示（.pdf 或 .xlsx）")
    _period_arguments(export)
    export.add_argument(
        "--out", required=True, type=Path, help="输出文件：.pdf 打印公示，.xlsx Excel 表格"
    )
    export.set_defaults(handler=_export, access=Access.READ)


def _generate(db: Database, args: argparse.Namespace) -> int:
    from petitiondesk.services.roster import generate_roster

    result = generate_roster(db, args.date_from, args.date_to, actor=cli_actor())
    report = result.value
    if not result.ok or report is None:
        raise CliError(result.message)
    counts = {
        "added": report.added,
        "kept": report.skipped_existing,
        "moved": report.moved,
        "skipped": report.skipped_day_off + report.skipped_collision,
        "conflicts": report.skipped_conflict,
        "unassigned": report.unassigned,
        "uncovered": report.uncovered,
        "removed": report.removed_stale,
    }
    lines = [report.summary, " ".join(f"{key}={value}" for key, value in counts.items())]
    lines.extend(f"  {message}" for message in report.messages)
    print("\n".join(lines), file=sys.stderr)
    return EXIT_OK


def _export(db: Database, args: argparse.Namespace) -> int:
    from petitiondesk.services.printouts import ROSTER_SUFFIXES, print_roster

    out = prepare_output(args.out, tuple(ROSTER_SUFFIXES))
    return finish(print_roster(db, args.date_from, args.date_to, out))
