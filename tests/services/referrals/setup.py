"""The office the referral tests share: units, an accepted case, a referral."""

from __future__ import annotations

from datetime import date, datetime

from petitiondesk.core.enums import AcceptanceDecision, DepartmentKind
from petitiondesk.services.acceptance import AcceptanceInput, decide_acceptance
from petitiondesk.services.intake import register_visit
from petitiondesk.services.referrals import ReferInput, ReferralOutcome, refer_case
from petitiondesk.store.db import Database
from petitiondesk.store.models import Department
from tests.helpers import actor, visit_input

NOW = datetime(2026, 11, 25, 12, 0)
ACCEPTED = date(2026, 11, 23)
TODAY = date(2026, 11, 25)

UNITS = {
    "信访科": DepartmentKind.INTERNAL,
    "督查科": DepartmentKind.INTERNAL,
    "城关镇人民政府": DepartmentKind.EXTERNAL,
    "青山县自然资源局": DepartmentKind.EXTERNAL,
    "青山县住房和城乡建设局": DepartmentKind.EXTERNAL,
}


def add_units(db: Database) -> dict[str, int]:
    with db.write() as session:
        rows = [Department(name=n, kind=k) for n, k in UNITS.items()]
        session.add_all(rows)
        session.flush()
        return {d.name: d.id for d in rows}


def accepted_case(db: Database, **changes: object) -> str:
    data = visit_input(**{"duty_leader_id": 1, **changes})
    number = register_visit(db, data, actor=actor("赵丽"), now=NOW).unwrap().register_no
    decide_acceptance(
        db,
        number,
        AcceptanceInput(AcceptanceDecision.ACCEPT, ACCEPTED),
        actor=actor("赵丽"),
        today=TODAY,
    ).unwrap()
    return number


def refer(
    db: Database, number: str, lead: int, *co: int, rule: str = "dept_reply", on: date = TODAY
) -> ReferralOutcome:
    data = ReferInput(lead_unit_id=lead, referred_on=on, rule_code=rule, co_unit_ids=co)
    return refer_case(db, number, data, actor=actor("赵丽"), today=on).unwrap()
