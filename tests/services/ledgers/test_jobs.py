"""services.ledgers.jobs: an export in a spawned process reports rows done / total, is
audited on success only, and a cancel or failure leaves no file (nor part file)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from petitiondesk.services.ledgers.jobs import ExportJob, ExportRequest, JobState
from petitiondesk.store.db import Database
from petitiondesk.store.models import AuditLog
from tests.helpers import url_of
from tests.services.ledgers.conftest import ALL

TIMEOUT = 120


def request(db: str, out: Path, **changes: object) -> ExportRequest:
    data: dict[str, object] = {
        "db": db, "ledger": "register", "start": ALL[0], "end": ALL[1],
        "out": str(out), "outside": False, "actor_name": "赵丽", "actor_role": "clerk",
        "printed_on": date(2026, 12, 1),
    }  # fmt: skip
    data.update(changes)
    return ExportRequest(**data)  # type: ignore[arg-type]


def exports(db: Database) -> int:
    with db.read() as session:
        stmt = select(func.count(AuditLog.id)).where(AuditLog.entity == "export")
        return int(session.scalar(stmt) or 0)


def test_a_job_exports_with_progress_and_is_audited(demo: Database, tmp_path: Path) -> None:
    before = exports(demo)
    out = tmp_path / "register.xlsx"
    job = ExportJob(request(url_of(demo), out))
    status = job.wait(TIMEOUT)
    assert status.state is JobState.SUCCEEDED, status.message
    assert status.total == 200 and status.done == 200 and status.count == 200
    assert out.exists() and "200" in status.message
    assert exports(demo) == before + 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["register.xlsx"]


def test_cancel_halfway_leaves_no_file_and_no_audit_row(demo: Database, tmp_path: Path) -> None:
    before = exports(demo)
    out = tmp_path / "register.xlsx"
    job = ExportJob(request(url_of(demo), out, row_delay_s=0.05))
    while (status := job.poll()).done < 20 and not status.finished:
        job.wait(0.1)
    assert not status.finished and status.total == 200
    assert job.cancel().state is JobState.CANCELLED
    assert list(tmp_path.iterdir()) == []  # no file, no .part
    assert exports(demo) == before


def test_a_failure_is_reported_and_leaves_no_file(demo: Database, tmp_path: Path) -> None:
    before = exports(demo)
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder", encoding="utf-8")
    status = ExportJob(request(url_of(demo), blocker / "x.pdf")).wait(TIMEOUT)
    assert status.state is JobState.FAILED and "未生成文件" in status.message
    assert isinstance(status.error, OSError)
    refused = ExportJob(request(url_of(demo), tmp_path / "y.pdf", actor_role="leader")).wait(
        TIMEOUT
    )
    assert refused.state is JobState.FAILED and "无权" in refused.message
    assert [p.name for p in tmp_path.iterdir()] == ["blocker"]
    assert exports(demo) == before
