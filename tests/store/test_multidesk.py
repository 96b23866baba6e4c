"""Several desks on one register (issue 14), run on both backends: numbers from
concurrent processes without duplicate or gap, the audit log append-only, the search
answered without the SQLite index, desks starting together on one PostgreSQL database."""

from __future__ import annotations

import multiprocessing
from datetime import datetime
from typing import Any

import pytest
import sqlalchemy.exc
from sqlalchemy import func, select

from petitiondesk.core.enums import Channel
from petitiondesk.services.cases import SearchQuery, search_cases
from petitiondesk.services.intake import VisitInput, register_visit
from petitiondesk.services.integrity import full_check
from petitiondesk.store.db import Database
from petitiondesk.store.migrate import current_revision, head_revision
from petitiondesk.store.models import AuditLog
from tests.helpers import actor, url_of

PROCESSES, PER_PROCESS = 4, 200


def _visit(i: int, summary: str = "反映噪声扰民") -> VisitInput:
    return VisitInput(
        channel=Channel.PHONE,
        received_at=datetime(2026, 3, 2, 9, 0),
        name=f"来电人{i}",
        phone=f"139{i:08d}",
        summary=summary,
        category_id=1,
        receiving_officer="赵丽",
    )


def _desk(args: tuple[str, int, Any]) -> list[str]:
    """One desk (its own process and engine) registering PER_PROCESS visits."""
    url, desk, barrier = args
    db = Database.open(url)
    barrier.wait()
    numbers = []
    try:
        for k in range(PER_PROCESS):
            result = register_visit(
                db, _visit(desk * 1000 + k), actor=actor(), now=datetime(2026, 3, 2, 10)
            )
            numbers.append(result.unwrap().register_no if result.ok else result.message)
    finally:
        db.close()
    return numbers


@pytest.mark.slow
def test_four_desks_get_distinct_gapless_numbers(db: Database) -> None:
    url = url_of(db)
    ctx = multiprocessing.get_context("spawn")
    with ctx.Manager() as manager:
        barrier = manager.Barrier(PROCESSES)
        with ctx.Pool(PROCESSES) as pool:
            results = pool.map(_desk, [(url, w, barrier) for w in range(PROCESSES)])
    numbers = [n for desk in results for n in desk]
    total = PROCESSES * PER_PROCESS
    assert sorted(numbers) == [f"2026-{n:05d}" for n in range(1, total + 1)]
    assert full_check(db).ok
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(AuditLog)) >= total


def test_the_audit_log_refuses_outside_updates_and_deletes(db: Database) -> None:
    assert register_visit(db, _visit(1), actor=actor()).ok
    for statement in ("UPDATE audit_log SET actor = '局长'", "DELETE FROM audit_log"):
        with (
            pytest.raises(sqlalchemy.exc.DBAPIError, match="审计记录不可修改"),
            db.engine.begin() as conn,
        ):
            conn.exec_driver_sql(statement)
    assert full_check(db).ok


def test_search_in_summaries_on_either_backend(db: Database) -> None:
    for i, summary in enumerate(["物业费纠纷", "噪声扰民", "100%_退款"]):
        assert register_visit(db, _visit(i, summary), actor=actor()).ok
    found = search_cases(db, SearchQuery(text="物业"))
    assert [row.summary for row in found] == ["物业费纠纷"]
    assert [row.summary for row in search_cases(db, SearchQuery(text="%_"))] == ["100%_退款"]
    assert search_cases(db, SearchQuery(text="来电人1")) != []
    assert search_cases(db, SearchQuery(text="不存在的")) == []


def _start_desk(args: tuple[str, Any]) -> str:
    from petitiondesk.services.bootstrap import ensure_defaults

    url, barrier = args
    barrier.wait()
    db = Database.open(url, create=True)
    ensure_defaults(db)
    revision = current_revision(db.engine) or ""
    db.close()
    return revision


def test_desks_starting_together_on_postgresql(backend: str, request: Any) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite: tests/store/test_db_concurrency.py")
    url = request.getfixturevalue("pg_url")
    ctx = multiprocessing.get_context("spawn")
    with ctx.Manager() as manager:
        barrier = manager.Barrier(4)
        with ctx.Pool(4) as pool:
            results = pool.map(_start_desk, [(url, barrier)] * 4)
    assert results == [head_revision()] * 4
    db = Database.open(url)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM office_settings").scalar() == 1
    db.close()
