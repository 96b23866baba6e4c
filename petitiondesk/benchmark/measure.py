"""``petitiondesk bench``: each item of issue 15's table, as the program does it and as
the raw library does the same work in the same run, median of several runs.

* window: the program's start vs a bare QMainWindow (fresh interpreters, see
  :mod:`.gui_probe`); the UI-thread stalls during a search, an export and a print preview
  come from there too;
* searches, similar petitions, look-ups: the service call vs *the same SQL* — the
  statements the service sent, captured from the engine and replayed through a plain
  ``sqlite3`` connection;
* the year register export: ``export_register`` vs raw openpyxl write-only (the same
  columns from one sqlite3 query, every text cell a string, ``quotePrefix`` on text that
  starts like a formula);
* the ledger PDF: ``render_ledger_pdf`` of 3,000 register rows vs raw reportlab
  ``drawString`` of the same texts in the same font.

Qt-free: the GUI parts run in subprocesses. Timings live here, never in tests.
"""

from __future__ import annotations

import json
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, select

from petitiondesk.store.db import Database
from petitiondesk.store.models import Petition, Petitioner

from .build import NOW


@dataclass(frozen=True)
class Row:
    """One line of the table: milliseconds (or seconds, MiB…) as ``unit`` says."""

    work: str
    ours: float
    raw: float | None
    target: str
    ok: bool | None
    unit: str = "ms"
    note: str = ""

    @property
    def ratio(self) -> str:
        return f"{self.ours / self.raw:.2f}×" if self.raw else ""


def median_ms(call: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        call()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


# --- the same SQL through sqlite3 --------------------------------------------------------


@contextmanager
def captured(db: Database) -> Iterator[list[tuple[str, Any]]]:
    """The statements (with their DBAPI parameters) ``db`` sends inside the block."""
    sent: list[tuple[str, Any]] = []

    def listen(_conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        if not statement.lstrip().upper().startswith(("BEGIN", "ROLLBACK", "COMMIT", "PRAGMA")):
            sent.append((statement, params))

    event.listen(db.engine, "before_cursor_execute", listen)
    try:
        yield sent
    finally:
        event.remove(db.engine, "before_cursor_execute", listen)


def replay(raw: sqlite3.Connection, statements: list[tuple[str, Any]]) -> None:
    for statement, params in statements:
        raw.execute(statement, params).fetchall()


def service_vs_sql(
    db: Database, raw: sqlite3.Connection, calls: list[Callable[[], object]]
) -> tuple[list[float], list[float]]:
    """Each call timed as the service runs it and as its SQL replayed raw."""
    ours, bare = [], []
    for call in calls:
        call()  # warm: the same page cache for both
        with captured(db) as sent:
            t = time.perf_counter()
            call()
            ours.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        replay(raw, sent)
        bare.append((time.perf_counter() - t) * 1000)
    return ours, bare


# --- the look-ups ------------------------------------------------------------------------


def sample(db: Database, count: int, seed: int) -> dict[str, list[Any]]:
    rng = random.Random(seed)
    with db.read() as session:
        top = int(session.scalar(select(func.max(Petitioner.id))) or 0)
        people = [
            session.execute(
                select(Petitioner.name, Petitioner.id_number, Petitioner.phone).where(
                    Petitioner.id == rng.randrange(1, top + 1)
                )
            ).one()
            for _ in range(count)
        ]
        recent = list(
            session.execute(
                select(Petition.category_id, Petition.summary, Petition.register_no)
                .where(Petition.received_at >= NOW - timedelta(days=365))
                .order_by(func.random())
                .limit(count)
            )
        )
    return {"people": people, "recent": recent}


def _window_search(db: Database, text: str) -> Callable[[], object]:
    from petitiondesk.services.cases import SearchQuery, count_search, search_cases

    query = SearchQuery(text=text)

    def run() -> object:  # what CaseTableModel.refresh does off the UI thread
        total = count_search(db, query, cap=1000)
        return search_cases(db, query, 0, 100) if total else []

    return run


def searches(db: Database, raw: sqlite3.Connection, picks: dict[str, list[Any]]) -> list[Row]:
    from petitiondesk.services.petitioners import lookup_petitioners
    from petitiondesk.services.repeats import similar_open_petitions

    names = [p.name[1:3] or p.name for p in picks["people"]]  # a 2-character fragment
    words = ["拆迁补偿", "噪声", "低保", "宅基地", "物业", "学费", "补贴名单", "拖欠工资"]
    misses = [f"没有这句话{i}" for i in range(len(words))]
    rows = []
    for label, texts in (
        ("search box, 2-character name fragment", names),
        ("search box, summary words", words),
        ("search box, no match", misses),
    ):
        ours, bare = service_vs_sql(db, raw, [_window_search(db, t) for t in texts])
        rows.append(_row(label, ours, bare, 100))

    def similar(category_id: int, summary: str) -> Callable[[], object]:
        typed = summary[: max(8, len(summary) * 2 // 3)]  # the clerk is still typing
        return lambda: similar_open_petitions(db, category_id=category_id, summary=typed, now=NOW)

    ours, bare = service_vs_sql(db, raw, [similar(c, s) for c, s, _ in picks["recent"]])
    rows.append(
        Row(
            "similar open petitions while typing (p95)",
            p95(ours),
            p95(bare),
            "p95 ≤ 100 ms",
            p95(ours) <= 100,
            note=f"median {statistics.median(ours):.1f} ms",
        )
    )

    def lookup(id_number: str = "", phone: str = "") -> Callable[[], object]:
        return lambda: lookup_petitioners(db, id_number=id_number, phone=phone)

    kinds = [
        lookup(id_number=p.id_number or "") if i % 2 else lookup(phone=p.phone)
        for i, p in enumerate(picks["people"])
    ]
    ours, bare = service_vs_sql(db, raw, kinds)
    rows.append(_row("ID / phone look-up", ours, bare, 100))
    return rows


def _row(label: str, ours: list[float], bare: list[float], target_ms: float) -> Row:
    mine = statistics.median(ours)
    return Row(
        label,
        mine,
        statistics.median(bare),
        f"≤ {target_ms:.0f} ms",
        mine <= target_ms,
        note=f"p95 {p95(ours):.1f} ms",
    )


# --- GUI subprocesses --------------------------------------------------------------------


#: The children's bytecode cache (as an installed program has one), whatever
#: PYTHONDONTWRITEBYTECODE says: without it every start compiles the program's modules.
PYCACHE = Path(tempfile.gettempdir()) / "petitiondesk-bench" / "pycache"


def probe(kind: str, db_path: Path, *extra: str) -> tuple[float, dict[str, Any]]:
    """Run a GUI probe in a fresh interpreter: its wall time and its report (with
    ``cpu_s``, the child's user + system time)."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    command = [sys.executable, "-m", "petitiondesk.benchmark.gui_probe", kind, "--db", str(db_path)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    done = subprocess.run(
        [*command, *extra], capture_output=True, text=True, env=env, check=True, timeout=900
    )
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    report["cpu_s"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, report


def window_rows(db_path: Path, runs: int) -> tuple[list[Row], dict[str, Any]]:
    """Fresh starts of the program and of a bare window, alternating (the machine's load
    falls on both alike), after one of each to fill the bytecode cache."""
    probe("window", db_path), probe("bare", db_path)
    ours: list[tuple[float, dict[str, Any]]] = []
    bare: list[tuple[float, dict[str, Any]]] = []
    for _ in range(runs):
        ours.append(probe("window", db_path))
        bare.append(probe("bare", db_path))
    mine = statistics.median(wall for wall, _ in ours)
    cpu = statistics.median(report["cpu_s"] for _, report in ours)
    cpu_bare = statistics.median(report["cpu_s"] for _, report in bare)
    note = f"CPU {cpu:.2f} s vs {cpu_bare:.2f} s"
    row = Row(
        "start to usable window",
        mine,
        statistics.median(wall for wall, _ in bare),
        "≤ 1.0 s",
        mine <= 1.0,
        "s",
        note,
    )
    return [row], {}


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def tmp_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="petitiondesk-bench-"))
