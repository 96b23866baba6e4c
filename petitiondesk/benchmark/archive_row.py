"""The benchmark's archive row: 年底归档 of one whole year of the bench database
(every case's forms as one PDF/A item, the ledgers, the catalogue, the self-check), with
progress on the log. Both runs archive the smallest year (a busy year of
the 1M database has more than the 9,999 items one 保管期限 can number), and the row says
what a 100,000-case year would take at the measured rate. A whole busy
year takes hours, so the full run stops the archive after :data:`FULL_LIMIT_S` seconds
(its ``cancel`` event) and extrapolates the year from the steps done by then; the row
says so ("sample … extrapolated").

The archive writes (its settings, an audit row), so it runs on a copy of the bench
database (sqlite3's backup API), never the cached file.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any, TextIO

from petitiondesk.core.identity import Role, issue
from petitiondesk.store.db import Database

from .measure import Row

BENCH_FONDS_NO = "B001"
PROGRESS_EVERY_S = 5.0
HUNDRED_K = 100_000
FULL_LIMIT_S = 150.0  # the full run's archive sample


def pick_year(db_path: Path, quick: bool) -> tuple[int, int]:
    """(year, visits): the smallest year. (The busiest year of the 1M database, about
    90,000 visits, cannot be archived at all: 件号 run from 1 to 9999 in a 保管期限, so
    :func:`petitiondesk.core.archive.item_no` refuses the 10,000th item — ValueError.)"""
    del quick  # both runs: the full run stops the smallest year's archive early
    order = "ASC"
    conn = sqlite3.connect(db_path)
    try:
        year, count = conn.execute(
            f"SELECT year, count(*) FROM petition GROUP BY year ORDER BY 2 {order}, 1 LIMIT 1"
        ).fetchone()
    finally:
        conn.close()
    return int(year), int(count)


def _copy(db_path: Path, target: Path) -> None:
    source, copy = sqlite3.connect(db_path), sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()


class _Progress:
    """Prints ``done/total``, the rate and the time left at most every few seconds."""

    def __init__(self, total: int, log: TextIO) -> None:
        self.total, self.log = total, log
        self.started = self.last = time.perf_counter()
        self.done = 0

    def __call__(self, done: int) -> None:
        self.done = done
        now = time.perf_counter()
        if now - self.last < PROGRESS_EVERY_S and done < self.total:
            return
        self.last = now
        rate = done / max(now - self.started, 1e-9)
        left = (self.total - done) / rate if rate else 0.0
        print(f"  archive {done:,}/{self.total:,} steps, {rate:.1f}/s, ~{left:.0f} s left",
              file=self.log, flush=True)  # fmt: skip


def archive_row(
    db_path: Path, folder: Path, *, quick: bool, log: TextIO, limit_s: float | None = None
) -> Row:
    """The archive of the smallest (``quick``) or busiest year; with ``limit_s`` (the
    full run: :data:`FULL_LIMIT_S`) stopped after that long and extrapolated."""
    year, visits = pick_year(db_path, quick)
    copy = folder / "archive-copy.sqlite"
    _copy(db_path, copy)
    try:
        seconds, total, progress, result = _archive(copy, year, folder, visits, log, limit_s)
    finally:
        copy.unlink(missing_ok=True)
    if result is None:  # stopped: a sample
        rate = progress.done / seconds
        return Row(
            f"year-end archive of {year} ({visits:,} visits), SAMPLE: stopped after "
            f"{seconds:.0f} s at {progress.done:,} of {total:,} steps, time extrapolated",
            total / rate if rate else float("inf"),
            None,
            "a 100k-visit year",
            None,
            "s",
            note=f"{rate:.1f} steps/s; 100,000 items ≈ {HUNDRED_K / rate / 3600:.1f} h"
            if rate
            else "no step finished",
        )
    summary = result.unwrap()
    rate = summary.items / seconds
    return Row(
        f"year-end archive of {year} ({visits:,} visits: {summary.items:,} items, "
        f"{summary.pages:,} pages, PDF/A)",
        seconds,
        None,
        "a 100k-visit year",
        None,
        "s",
        note=f"{rate:.1f} items/s; 100,000 items ≈ {HUNDRED_K / rate / 3600:.1f} h",
    )


def _archive(
    copy: Path, year: int, folder: Path, visits: int, log: TextIO, limit_s: float | None
) -> tuple[float, int, _Progress, Any]:
    """Archive ``year`` of the database ``copy``: (seconds, planned steps, the progress
    seen, the result — None when stopped at ``limit_s``)."""
    from petitiondesk.services.archive import (
        archive_year,
        get_archive_settings,
        planned_steps,
        update_archive_settings,
    )

    db = Database.open(copy)
    stop = threading.Event()
    timer = threading.Timer(limit_s, stop.set) if limit_s else None
    try:
        admin = issue("基准测试", Role.ADMIN)
        settings = get_archive_settings(db)
        if not settings.fonds_no:
            changed = dataclasses.replace(settings, fonds_no=BENCH_FONDS_NO)
            assert update_archive_settings(db, changed, actor=admin).ok
        total = planned_steps(db, year)
        progress = _Progress(total, log)
        print(f"  archive: year {year} ({visits:,} visits) …", file=log, flush=True)
        started = time.perf_counter()
        if timer is not None:
            timer.start()
        result = archive_year(db, year, folder / "archive", actor=admin, include_open=True,
                              progress=progress, cancel=stop)  # fmt: skip
        seconds = time.perf_counter() - started
    finally:
        if timer is not None:
            timer.cancel()
        db.close()
    return seconds, total, progress, (None if stop.is_set() and not result.ok else result)
