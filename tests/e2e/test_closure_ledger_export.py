"""End to end: a demo database → the closure ledger (办结台账) exported as xlsx in a
separate process → read back: every closed case of the period, as the database has it."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select

from petitiondesk.services.bootstrap import ensure_defaults
from petitiondesk.services.demo import load_demo
from petitiondesk.services.ledgers.jobs import ExportJob, ExportRequest, JobState
from petitiondesk.store.db import Database
from petitiondesk.store.models import Closure, Petition


def test_demo_closure_ledger_as_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    db = Database.open(path, create=True)
    ensure_defaults(db)
    load_demo(db, visits=200, seed=1, now=datetime(2026, 11, 20, 12, 0))
    start, end = date(2024, 1, 1), date(2026, 12, 31)
    with db.read() as session:
        expected = list(
            session.execute(
                select(Petition.register_no, Closure.closed_at)
                .join(Closure, Closure.petition_id == Petition.id)
                .where(Closure.closed_at.is_not(None))
                .order_by(Closure.closed_at, Closure.id)
            )
        )
    db.close()
    assert expected

    out = tmp_path / "办结台账.xlsx"
    request = ExportRequest(
        db=str(path), ledger="closure", start=start, end=end, out=str(out), outside=False,
        actor_name="赵丽", actor_role="clerk",
    )  # fmt: skip
    status = ExportJob(request).wait(120)
    assert status.state is JobState.SUCCEEDED, status.message
    assert status.count == len(expected)

    ws = load_workbook(out).active
    assert ws is not None
    header = [c.value for c in ws[3]]
    rows = [
        dict(zip(header, row, strict=True)) for row in ws.iter_rows(min_row=4, values_only=True)
    ]
    assert [(r["登记号"], r["办结日期"].date()) for r in rows] == [
        (number, closed.date()) for number, closed in expected
    ]
    assert all(isinstance(r["用时（天）"], int) and r["用时（天）"] >= 0 for r in rows)
