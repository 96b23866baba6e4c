"""Run every measurement of ``petitiondesk bench`` and print one table."""

from __future__ import annotations

import platform
import shutil
import sqlite3
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from petitiondesk.store.db import Database

from . import build, measure, outputs
from .archive_row import FULL_LIMIT_S, archive_row
from .measure import Row

QUICK_VISITS = 20_000


@dataclass(frozen=True)
class Options:
    visits: int = 1_000_000
    quick: bool = False
    db: Path | None = None
    rebuild: bool = False
    runs: int = 5


def _stall_rows(db: Database, db_path: Path) -> tuple[list[Row], float]:
    year, _count = outputs.busiest_year(db)
    with db.engine.connect() as conn:
        register_no = conn.exec_driver_sql(
            "SELECT register_no FROM petition ORDER BY id DESC LIMIT 1"
        ).scalar_one()
    _wall, result = measure.probe(
        "stalls", db_path, "--text", "拆迁补偿", "--year", str(year), "--register-no", register_no
    )
    rows = []
    for name, label in (("search", "a search"), ("export", "the register export"),
                        ("preview", "a print preview")):  # fmt: skip
        got = result[name]
        rows.append(
            Row(
                f"longest UI stall during {label}",
                got["longest_ms"],
                None,
                "none over 100 ms",
                got["longest_ms"] <= 100,
                note=f"{int(got['over_100'])} over 100 ms in {got['seconds']:.1f} s",
            )
        )
    return rows, float(result["peak_mib"])


def _archive(path: Path, folder: Path, quick: bool, log: TextIO, limit: float | None) -> Row:
    """The archive row, or a row saying why the archive failed (the other rows stand)."""
    try:
        return archive_row(path, folder, quick=quick, log=log, limit_s=limit)
    except Exception as exc:  # a benchmark reports a failure as a row
        return Row("year-end archive", 0.0, None, "", False, "s",
                   note=f"failed: {type(exc).__name__}: {exc}")  # fmt: skip


def collect(options: Options, log: TextIO = sys.stderr) -> tuple[list[Row], str]:
    visits = QUICK_VISITS if options.quick else options.visits
    runs = 3 if options.quick else options.runs
    path = build.ensure(options.db, visits, rebuild=options.rebuild)
    db = Database.open(path)
    raw = sqlite3.connect(path)
    folder = measure.tmp_dir()
    try:
        total = db.engine.connect().exec_driver_sql("SELECT count(*) FROM petition").scalar_one()
        head = f"database: {path} ({total:,} petitions)"
        print(head + " — measuring …", file=log)
        rows, _ = measure.window_rows(path, runs)
        print("  window", file=log)
        picks = measure.sample(db, 12 if options.quick else 30, seed=1)
        rows += measure.searches(db, raw, picks)
        print("  searches", file=log)
        rows.append(outputs.export_row(db, path, folder, 1 if options.quick else 2))
        print("  export", file=log)
        rows.append(outputs.pdf_row(db, folder, 1 if options.quick else 2))
        limit = None if options.quick else FULL_LIMIT_S
        rows.append(_archive(path, folder, options.quick, log, limit))
        stalls, gui_peak = _stall_rows(db, path)
        rows += stalls
        rows.append(
            Row(
                "peak memory of the measuring process",
                measure.peak_rss_mib(),
                None,
                "",
                None,
                "MiB",
                note=f"the window during search, export, preview: {gui_peak:,.0f} MiB",
            )
        )
        return rows, head
    finally:
        raw.close()
        db.close()
        shutil.rmtree(folder, ignore_errors=True)


def _value(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    if unit == "ms":
        return f"{value:,.1f} ms"
    if unit == "s":
        return f"{value:,.2f} s"
    return f"{value:,.0f} {unit}"


def table(rows: list[Row], head: str) -> str:
    lines = [
        head,
        f"machine: {platform.machine()}, {platform.processor() or platform.system()}, "
        f"{_cpus()} CPUs, Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}; "
        f"{date.today():%Y-%m-%d}",
        "",
        "| work | ours | raw library, same run | ratio | target | met |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        met = "" if row.ok is None else ("yes" if row.ok else "**no**")
        ours = _value(row.ours, row.unit) + (f" ({row.note})" if row.note else "")
        lines.append(
            f"| {row.work} | {ours} | {_value(row.raw, row.unit)} | {row.ratio} "
            f"| {row.target} | {met} |"
        )
    return "\n".join(lines)


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run(options: Options, out: TextIO = sys.stdout) -> int:
    started = time.perf_counter()
    rows, head = collect(options)
    print(table(rows, head), file=out)
    print(f"\n(benchmark took {time.perf_counter() - started:.0f} s)", file=out)
    return 0
