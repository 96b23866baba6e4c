"""The office the 交办督办 printout tests share: a confidential and an ordinary case,
referred, supervised with eight recipients and extended."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from petitiondesk.core.enums import SupervisionRole
from petitiondesk.services.referrals import (
    ExtensionInput,
    RecipientInput,
    ReferInput,
    SupervisionInput,
    extend_referral,
    issue_supervision,
    refer_case,
    set_extra_supervision_roles,
)
from petitiondesk.store.db import Database
from tests.helpers import GOOD_ID, actor
from tests.services.printouts.case_setup import set_up_office
from tests.services.referrals.setup import TODAY, accepted_case, add_units

EXTRA_ROLE = "县人大常委会主任"
#: The petitioner of every test case (tests/helpers.visit_input).
IDENTITY = {
    "name": "王秀英",
    "id": GOOD_ID,
    "phone": "13912345678",
    "address": "青山县城关镇前进村8号",
}


@dataclass(frozen=True)
class Office:
    confidential: str  # register number of a 检举控告 case, referred, supervised, extended
    ordinary: str
    units: dict[str, int]


def referred(db: Database, number: str, lead: int, co: int, *, instruction: str = "") -> int:
    data = ReferInput(
        lead_unit_id=lead, referred_on=TODAY, rule_code="dept_reply", co_unit_ids=(co,),
        leader_instruction=instruction,
    )  # fmt: skip
    return refer_case(db, number, data, actor=actor("赵丽"), today=TODAY).unwrap().referral_id


def supervised(db: Database, number: str, referral_id: int, unit: int) -> None:
    set_extra_supervision_roles(db, (EXTRA_ROLE,), actor=actor("赵丽")).unwrap()
    roles = [r.label for r in SupervisionRole if r is not SupervisionRole.RESPONSIBLE_UNIT]
    recipients = tuple(RecipientInput(role=r) for r in [*roles, EXTRA_ROLE]) + (
        RecipientInput(role=SupervisionRole.RESPONSIBLE_UNIT.label, department_id=unit),
    )
    data = SupervisionInput(
        issued_on=TODAY, subject="逾期未报送办理结果，督促限期办结", recipients=recipients,
        leader_decision="请责任单位五日内办结", new_due=date(2026, 12, 10), referral_id=referral_id,
    )  # fmt: skip
    issue_supervision(db, number, data, actor=actor("赵丽"), today=TODAY).unwrap()


def set_up(db: Database) -> Office:
    set_up_office(db)
    units = add_units(db)
    secret = accepted_case(db, confidential=True, accused="城关镇某干部",
                           summary="检举某干部在危房改造补助发放中优亲厚友。")  # fmt: skip
    plain = accepted_case(db)
    for number in (secret, plain):
        rid = referred(db, number, units["青山县自然资源局"], units["督查科"],
                       instruction="请依法依规调查处理。" if number == plain else "")  # fmt: skip
        supervised(db, number, rid, units["青山县自然资源局"])
        ext = ExtensionInput(reason="涉及多个部门，需会商处理", approved_by="张建国",
                             approved_on=TODAY, days=30)  # fmt: skip
        extend_referral(db, rid, ext, actor=actor("赵丽"), today=TODAY).unwrap()
    return Office(secret, plain, units)
