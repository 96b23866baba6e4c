"""The benchmark's output rows measure what the window runs (no timings asserted: those
live in ``petitiondesk bench`` only): the register export through the ledger export job,
the PDF beside a like-for-like raw reportlab table, the full run's archive as a stopped,
extrapolated sample."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from petitiondesk.benchmark import archive_row, build, outputs
from petitiondesk.services.ledgers import jobs
from petitiondesk.store.db import Database


@pytest.fixture(scope="module")
def bench_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, Path]]:
    path = build.ensure(tmp_path_factory.mktemp("bench") / "bench.sqlite", 300, years=2)
    db = Database.open(path)
    yield db, path
    db.close()


def _column_a(path: Path, first_row: int) -> list[object]:
    wb = load_workbook(path, read_only=True)
    try:
        rows = wb.worksheets[0].iter_rows(min_row=first_row, max_col=1, values_only=True)
        return [row[0] for row in rows]
    finally:
        wb.close()


def test_the_export_row_runs_the_ledger_export_job(
    bench_db: tuple[Database, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, path = bench_db
    started: list[jobs.ExportRequest] = []
    real_init = jobs.ExportJob.__init__

    def spy(self: jobs.ExportJob, request: jobs.ExportRequest) -> None:
        started.append(request)
        real_init(self, request)

    monkeypatch.setattr(jobs.ExportJob, "__init__", spy)
    year, count = outputs.busiest_year(db)
    row = outputs.export_row(db, path, tmp_path, 1)
    assert [(r.ledger, r.start.year, r.end.year) for r in started] == [("register", year, year)]
    assert f"{count:,} rows" in row.work and row.raw is not None
    ours = _column_a(tmp_path / "ours0.xlsx", 4)  # title, period, header
    raw = _column_a(tmp_path / "raw0.xlsx", 1)
    assert len(ours) == len(raw) == count and ours == raw  # the same register numbers


def test_the_pdf_row_puts_a_paragraph_table_beside_the_ledger(
    bench_db: tuple[Database, Path], tmp_path: Path
) -> None:
    db, _path = bench_db
    row = outputs.pdf_row(db, tmp_path, 1, rows=30)
    assert row.work == "ledger PDF, 30 rows" and row.raw is not None
    assert (tmp_path / "ledger0.pdf").stat().st_size > 0
    assert (tmp_path / "raw0.pdf").stat().st_size > 0


def test_a_time_limited_archive_is_labelled_a_sample(
    bench_db: tuple[Database, Path], tmp_path: Path
) -> None:
    _db, path = bench_db
    log = io.StringIO()
    row = archive_row.archive_row(path, tmp_path, quick=False, log=log, limit_s=0.01)
    assert "SAMPLE" in row.work and "extrapolated" in row.work
    assert not (tmp_path / "archive-copy.sqlite").exists()
