"""The candidates of similar open petitions come off the partial index of open petitions
(migration 0014): the statuses the service sends are the index's, written as the index's
predicate is, so both engines use it. Plans are checked, never timings."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import event, inspect

from petitiondesk.core.enums import CaseStatus
from petitiondesk.services.intake import register_visit
from petitiondesk.services.repeats import (
    OPEN_STATUSES,
    SIMILAR_STATUSES,
    similar_open_petitions,
)
from petitiondesk.store.db import Database
from petitiondesk.store.models import Petition
from petitiondesk.store.models.petition import SIMILAR_INDEX_STATUSES
from tests.helpers import actor, visit_input

NOW = datetime(2026, 11, 20, 17, 0)
INDEX = "ix_petition_open_category_received"
TYPED = "拆迁补偿款未按协议发放"


def test_the_index_holds_the_statuses_the_service_asks_for_in_its_order() -> None:
    assert tuple(status.value for status in SIMILAR_STATUSES) == SIMILAR_INDEX_STATUSES


def _candidate_sql(db: Database) -> tuple[str, Any]:
    sent: list[tuple[str, Any]] = []

    def listen(_c: Any, _cur: Any, statement: str, params: Any, *_: Any) -> None:
        if "petition.summary" in statement and "LIMIT" in statement.upper():
            sent.append((statement, params))

    event.listen(db.engine, "before_cursor_execute", listen)
    try:
        similar_open_petitions(db, category_id=1, summary=TYPED, now=NOW)
    finally:
        event.remove(db.engine, "before_cursor_execute", listen)
    assert len(sent) == 1
    return sent[0]


def test_the_candidate_query_reads_the_partial_index(db: Database) -> None:
    assert INDEX in {ix["name"] for ix in inspect(db.engine).get_indexes("petition")}
    statement, params = _candidate_sql(db)
    for status in SIMILAR_INDEX_STATUSES:  # literals, as in the index's WHERE
        assert f"'{status}'" in statement
    with db.engine.connect() as conn:
        if db.engine.dialect.name == "sqlite":
            plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params).all()
            text = " ".join(str(row[-1]) for row in plan)
        else:  # a tiny table: forbid the sequential scan to see the index is usable
            conn.exec_driver_sql("SET enable_seqscan = off")
            plan = conn.exec_driver_sql(f"EXPLAIN {statement}", params).all()
            text = " ".join(str(row[0]) for row in plan)
            conn.rollback()
    assert INDEX in text, text
    assert "TEMP B-TREE" not in text  # newest first straight off the index


def test_every_open_status_and_final_is_offered_and_nothing_else(db: Database) -> None:
    ids: dict[CaseStatus, int] = {}
    for minute, status in enumerate(CaseStatus):
        data = visit_input(
            received_at=datetime(2026, 11, 20, 9, 0) + timedelta(minutes=minute),
            summary="反映拆迁补偿款未按协议发放。",
        )
        ids[status] = register_visit(db, data, actor=actor("赵丽"), now=NOW).unwrap().petition_id
        with db.write() as session:
            petition = session.get(Petition, ids[status])
            assert petition is not None
            petition.status = status
    found = similar_open_petitions(db, category_id=1, summary=TYPED, now=NOW, limit=50)
    assert {c.petition_id for c in found} == {ids[s] for s in SIMILAR_STATUSES}
    assert [c.petition_id for c in found if c.final] == [ids[CaseStatus.FINAL]]
    assert set(OPEN_STATUSES) < set(SIMILAR_STATUSES)
    # newest first among equal scores
    assert [c.petition_id for c in found] == sorted(
        (ids[s] for s in SIMILAR_STATUSES), key=lambda pid: -pid
    )
