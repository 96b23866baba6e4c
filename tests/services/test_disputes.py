"""The dispute-screening register: validated, audited, closed, permission-checked."""

from __future__ import annotations

import dataclasses
from datetime import date

from sqlalchemy import select

from petitiondesk.core.disputes import DisputeStatus, RiskLevel, parse_month
from petitiondesk.core.identity import Role
from petitiondesk.services.disputes import (
    MSG_CLOSE_FIRST,
    DisputeInput,
    close_dispute,
    list_disputes,
    save_dispute,
)
from petitiondesk.store.db import Database
from petitiondesk.store.models import AuditLog
from tests.helpers import actor

NOV = date(2026, 11, 1)


def dispute(**changes: object) -> DisputeInput:
    data = DisputeInput(
        month=date(2026, 11, 5),
        place="城关镇新华社区",
        matter="通村公路施工占地补偿未谈妥，村民阻工",
        parties="王某某等12户村民",
        people_count=12,
        risk=RiskLevel.HIGH,
        leader="张建国",
        unit="城关镇人民政府",
        person="刘强",
        deadline=date(2026, 11, 30),
    )
    return dataclasses.replace(data, **changes)  # type: ignore[arg-type]


def audit_actions(db: Database) -> list[str]:
    with db.read() as session:
        return list(session.scalars(select(AuditLog.action).where(AuditLog.entity == "dispute")))


def test_create_update_close_with_audit(db: Database) -> None:
    created = save_dispute(db, dispute(), actor=actor())
    assert created.ok, created.errors
    row = created.unwrap()
    assert row.month == NOV and row.status is DisputeStatus.OPEN
    changed = save_dispute(
        db, dispute(id=row.id, status=DisputeStatus.CONTROLLED, notes="已约谈"), actor=actor()
    )
    assert changed.unwrap().status is DisputeStatus.CONTROLLED
    unchanged = save_dispute(
        db, dispute(id=row.id, status=DisputeStatus.CONTROLLED, notes="已约谈"), actor=actor()
    )
    assert unchanged.message == "没有修改"
    closed = close_dispute(
        db, row.id, resolved_on=date(2026, 11, 20), how="协商达成补偿协议", actor=actor()
    ).unwrap()
    assert closed.status is DisputeStatus.RESOLVED and closed.resolved_on == date(2026, 11, 20)
    assert closed.notes == "已约谈\n2026-11-20 化解：协商达成补偿协议"
    again = close_dispute(db, row.id, resolved_on=date(2026, 11, 21), actor=actor())
    assert not again.ok
    assert audit_actions(db) == ["create_dispute", "update_dispute", "close_dispute"]
    reopened = save_dispute(db, dispute(id=row.id, notes=closed.notes), actor=actor()).unwrap()
    assert reopened.status is DisputeStatus.OPEN and reopened.resolved_on is None


def test_validation_messages(db: Database) -> None:
    result = save_dispute(
        db,
        dispute(place=" ", leader="", unit="", person="", deadline=None, people_count=0),
        actor=actor(),
    )
    assert not result.ok
    assert result.errors["place"] == "请填写发生地点"
    assert result.errors["leader"] == "请填写责任领导"
    assert result.errors["unit"] == "请填写责任单位"
    assert result.errors["person"] == "请填写责任人"
    assert result.errors["deadline"] == "请填写化解时限（限期解决）"
    assert "people_count" in result.errors
    early = save_dispute(db, dispute(deadline=date(2026, 10, 31)), actor=actor())
    assert early.errors == {"deadline": "化解时限不能早于排查月份"}
    resolved = save_dispute(db, dispute(status=DisputeStatus.RESOLVED), actor=actor())
    assert resolved.errors == {"status": MSG_CLOSE_FIRST}
    broken = save_dispute(db, dispute(matter="坏\ud800"), actor=actor())
    assert "matter" in broken.errors
    assert list_disputes(db) == []


def test_close_checks(db: Database) -> None:
    row = save_dispute(db, dispute(), actor=actor()).unwrap()
    early = close_dispute(db, row.id, resolved_on=date(2026, 10, 1), actor=actor())
    assert early.errors == {"resolved_on": "化解日期不能早于排查月份"}
    assert not close_dispute(db, 999, resolved_on=date(2026, 11, 2), actor=actor()).ok


def test_a_leader_may_not_keep_the_register(db: Database) -> None:
    leader = actor("张建国", Role.LEADER)
    refused = save_dispute(db, dispute(), actor=leader)
    assert not refused.ok and refused.errors[""]
    assert list_disputes(db) == []
    assert not save_dispute(db, dispute(), actor="赵丽").ok  # type: ignore[arg-type]


def test_list_by_month_highest_risk_first(db: Database) -> None:
    low = save_dispute(db, dispute(risk=RiskLevel.LOW, place="东风村"), actor=actor()).unwrap()
    high = save_dispute(db, dispute(), actor=actor()).unwrap()
    december = dispute(month=date(2026, 12, 3), deadline=date(2026, 12, 31))
    dec = save_dispute(db, december, actor=actor()).unwrap()
    assert [r.id for r in list_disputes(db, NOV)] == [high.id, low.id]
    assert [r.id for r in list_disputes(db)] == [dec.id, high.id, low.id]
    assert high.overdue(date(2026, 12, 1)) and not high.overdue(date(2026, 11, 30))


def test_parse_month() -> None:
    assert parse_month("2026-11") == NOV
    assert parse_month("2026-11-20") == NOV
    for bad in ("2026/11", "11", "2026-13", ""):
        try:
            parse_month(bad)
        except ValueError:
            continue
        raise AssertionError(bad)
