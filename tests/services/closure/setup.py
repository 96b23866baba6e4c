"""Cases the closure tests share: a case handled by the office itself up to closing."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from petitiondesk.core.enums import (
    AcceptanceDecision,
    CaseStatus,
    DeliveryMethod,
    OpinionDecision,
)
from petitiondesk.services.acceptance import AcceptanceInput, decide_acceptance
from petitiondesk.services.closure import (
    CompletionReportInput,
    DeliveryInput,
    OpinionInput,
    close_case,
    record_completion_report,
    record_delivery,
    save_opinion,
)
from petitiondesk.services.intake import register_visit
from petitiondesk.store.db import Database
from petitiondesk.store.models import AuditLog, Petition
from tests.helpers import actor, visit_input

CLERK = actor("赵丽")


def status(db: Database, number: str) -> CaseStatus:
    with db.read() as session:
        p = session.scalar(select(Petition).where(Petition.register_no == number))
        assert p is not None
        return p.status


@dataclass(frozen=True)
class AuditRow:
    action: str
    actor: str
    summary: str
    after: str


def last_audit(db: Database) -> AuditRow:
    with db.read() as session:
        row = session.scalar(select(AuditLog).order_by(AuditLog.id.desc()).limit(1))
        assert row is not None
        return AuditRow(row.action, row.actor, row.summary, row.after)


def audit_after(row: AuditRow) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(row.after)
    return data


def audit_count(db: Database) -> int:
    with db.read() as session:
        return len(session.scalars(select(AuditLog.id)).all())


def opinion(on: date, **changes: Any) -> OpinionInput:
    data = OpinionInput(
        request="要求按协议发放拆迁补偿款。",
        facts="经核实，补偿款已于本月拨付到位。",
        decision=OpinionDecision.SUPPORT,
        decision_text="支持信访人的请求，补偿款已足额发放。",
        basis="《国有土地上房屋征收与补偿条例》第二十七条",
        opinion_date=on,
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def own_case(db: Database, received: datetime, accepted: date, **changes: object) -> str:
    """A case registered on ``received`` and accepted on ``accepted`` (no referral)."""
    data = visit_input(received_at=received, **changes)
    number = register_visit(db, data, actor=CLERK, now=received).unwrap().register_no
    decide_acceptance(
        db, number, AcceptanceInput(AcceptanceDecision.ACCEPT, accepted), actor=CLERK,
        today=accepted,
    ).unwrap()  # fmt: skip
    return number


def closed_case(db: Database, received_opinion: date, **changes: object) -> str:
    """A case handled by the office itself and closed; the petitioner received the
    opinion in person on ``received_opinion``."""
    received = datetime(2026, 8, 3, 9, 0)
    assert received_opinion > received.date()
    number = own_case(db, received, received.date(), **changes)
    on = received_opinion
    record_completion_report(
        db, number, CompletionReportInput(None, on, "已处理完毕。"), actor=CLERK, today=on
    ).unwrap()
    save_opinion(db, number, opinion(on), actor=CLERK, today=on).unwrap()
    record_delivery(
        db, number, DeliveryInput(DeliveryMethod.IN_PERSON, on, signer="王秀英"),
        actor=CLERK, today=on,
    ).unwrap()  # fmt: skip
    close_case(db, number, closed_on=on, actor=CLERK, today=on).unwrap()
    return number
