"""The benchmark's GUI side, run in a fresh interpreter (``python -m
petitiondesk.benchmark.gui_probe KIND --db PATH``) so that start-up is measured cold and
Qt never enters the measuring process. Prints one JSON object on the last line.

* ``window``: the program's start (QApplication, database opened, MainWindow shown and
  painted); ``bare``: a bare QMainWindow the same way. Both report ``ready_s``: seconds
  from interpreter start (``time.perf_counter`` at the top of this module approximates
  it; the parent also times the whole subprocess).
* ``stalls``: the longest gap of a 10 ms QTimer on the UI thread while the window's own
  background paths run: a search (the intake model), the year register export and a
  registration slip print preview (``operations.run_in_background``), and the year
  register export through the ledger export job (a separate process the window polls,
  as 台账 → 导出台账 runs it).
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from petitiondesk.benchmark import bench_actor  # noqa: E402

TICK_MS = 10


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _shown(widget: Any) -> float:
    from PySide6.QtWidgets import QApplication

    widget.show()
    QApplication.processEvents()
    widget.repaint()
    QApplication.processEvents()
    return time.perf_counter() - T0


def window(db_path: str) -> dict[str, float]:
    from petitiondesk.gui.app import application, open_database
    from petitiondesk.gui.main_window import MainWindow

    application()
    db = open_database(db_path)
    ready = _shown(MainWindow(db, actor=bench_actor()))
    mods = sorted({m.split(".")[0] for m in sys.modules} & {"alembic", "reportlab", "openpyxl"})
    return {"ready_s": ready, "peak_mib": _peak_mib(), "heavy_imports": len(mods)}


def bare(_db_path: str) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication, QMainWindow

    _app = QApplication.instance() or QApplication([])
    return {"ready_s": _shown(QMainWindow()), "peak_mib": _peak_mib()}


class _StallMeter:
    """Records the longest gap between ticks of a timer on the UI thread."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.gaps: list[float] = []
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self._last) * 1000 - TICK_MS)
        self._last = now

    def run(
        self, start: Callable[[Callable[[], None]], None], timeout_s: float = 600
    ) -> dict[str, float]:
        from PySide6.QtWidgets import QApplication

        finished: list[bool] = []
        self.gaps.clear()
        self._last = time.perf_counter()
        self._timer.start()
        began = time.perf_counter()
        start(lambda: finished.append(True))
        while not finished and time.perf_counter() - began < timeout_s:
            QApplication.processEvents()
            time.sleep(0.001)
        self._timer.stop()
        return {
            "longest_ms": max(self.gaps, default=0.0),
            "over_100": float(sum(1 for g in self.gaps if g > 100)),
            "seconds": time.perf_counter() - began,
        }


def stalls(db_path: str, text: str, year: int, register_no: str) -> dict[str, Any]:
    from petitiondesk.benchmark.outputs import export_request
    from petitiondesk.gui.app import application
    from petitiondesk.gui.intake.case_table_model import CaseTableModel
    from petitiondesk.gui.ledgers.runner import LedgerExportRun
    from petitiondesk.gui.main_window import freeze_long_lived
    from petitiondesk.gui.operations import run_in_background
    from petitiondesk.services.cases import SearchQuery
    from petitiondesk.store.db import Database

    application()
    db = Database.open(db_path)
    freeze_long_lived()  # as the window does once shown
    meter = _StallMeter()
    out: dict[str, Any] = {}
    model = CaseTableModel(db, page_size=100)

    def search(done: Callable[[], None]) -> None:
        model.search_finished.connect(done)
        model.set_query(SearchQuery(text=text))

    folder = Path(tempfile.mkdtemp(prefix="petitiondesk-bench-"))

    def export(done: Callable[[], None]) -> None:
        # As 台账 → 导出台账 runs it: the export job in its own process, the UI thread
        # only polling its progress from a timer (gui/ledgers/runner.py; the window
        # imported it when the clerk opened the export dialog).
        run = LedgerExportRun(None, export_request(Path(db_path), year, folder / "r.xlsx"))
        run.finished.connect(lambda _status: done())
        out["export_rows"] = run  # kept alive until the end of the probe

    def preview(done: Callable[[], None]) -> None:
        from petitiondesk.services.printouts import print_registration

        run_in_background(
            None,
            lambda _p: print_registration(
                db, register_no, folder / "slip.pdf", actor=bench_actor()
            ),
            on_success=lambda _r: done(),
            on_failure=lambda _e: done(),
        )

    for name, start in (("search", search), ("export", export), ("preview", preview)):
        out[name] = meter.run(start)
    job = out.pop("export_rows")
    out["export"]["ok"] = float(job.status.state == "succeeded")
    out["peak_mib"] = _peak_mib()
    db.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=("window", "bare", "stalls"))
    parser.add_argument("--db", required=True)
    parser.add_argument("--text", default="拆迁")
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--register-no", default="2025-00001")
    args = parser.parse_args(argv)
    if args.kind == "window":
        result: dict[str, Any] = window(args.db)
    elif args.kind == "bare":
        result = bare(args.db)
    else:
        result = stalls(args.db, args.text, args.year, args.register_no)
    print(json.dumps(result))
    sys.stdout.flush()
    import os

    os._exit(0)  # skip Qt and pool teardown: not part of what is measured


if __name__ == "__main__":
    sys.exit(main())
