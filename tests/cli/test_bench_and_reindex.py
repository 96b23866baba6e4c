"""``petitiondesk reindex`` and the benchmark's building blocks (no timings asserted:
those live in ``petitiondesk bench`` only)."""

from __future__ import annotations

from pathlib import Path

import pytest

from petitiondesk.benchmark import build, report
from petitiondesk.benchmark.measure import Row
from petitiondesk.services.cases import SearchQuery, count_search, search_cases
from petitiondesk.store.db import Database
from tests.helpers import run_cli


def test_a_small_benchmark_database_is_searchable_and_reindexable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = build.ensure(tmp_path / "bench.sqlite", 300, years=2)
    capsys.readouterr()
    db = Database.open(path)
    try:
        with db.engine.connect() as conn:
            summary = conn.exec_driver_sql("SELECT summary FROM petition LIMIT 1").scalar_one()
        query = SearchQuery(text=summary[2:4])
        before = [r.id for r in search_cases(db, query)]
        assert before and count_search(db, query) >= len(before)
        with db.engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM petition_search")
        assert search_cases(db, query) == []
    finally:
        db.close()
    code, _out, err = run_cli(capsys, "--db", str(path), "reindex")
    assert code == 0 and "300" in err
    db = Database.open(path)
    try:
        assert [r.id for r in search_cases(db, query)] == before
    finally:
        db.close()


def test_the_table_has_ratio_target_and_verdict() -> None:
    rows = [
        Row("search", 20.0, 10.0, "≤ 100 ms", True),
        Row("export", 3.0, 2.0, "≤ 1.25× raw", False, "s"),
    ]
    text = report.table(rows, "database: x")
    assert "| search | 20.0 ms | 10.0 ms | 2.00× | ≤ 100 ms | yes |" in text
    assert "| export | 3.00 s | 2.00 s | 1.50× | ≤ 1.25× raw | **no** |" in text
