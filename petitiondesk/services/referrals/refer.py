"""Refer an accepted case (交办 to an internal department / 转送 to another body).

One lead unit (主办) and optional co-handlers (协办); the leader's instruction (领导批示);
the case-owning leader (包案领导, by default the leader on duty who received the visit,
else the leader whose portfolio covers the category); a referral number 交〔2026〕N号 /
转〔2026〕N号 (gap-free per year); the deadline from an office rule, capped by the
source's own deadline when that is earlier. A date resting on a year whose holidays are
not entered is refused unless the clerk acknowledges it. A 检举控告 case is never
referred to the accused unit (Art. 30).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from petitiondesk.core.docno import format_doc_no
from petitiondesk.core.enums import CaseStatus, DepartmentKind, ReferralKind, ReferralStatus
from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.core.referral_rules import ART30_CONFIDENTIAL, is_accused_unit
from petitiondesk.store.counters import allocate_doc_seq
from petitiondesk.store.db import Database
from petitiondesk.store.models import Department, Leader, Petition, Referral, ReferralUnit

from .. import audit
from ..acceptance import find_petition
from ..result import Result
from ..stale import stale_errors
from ._common import counted_from, refuse, text_problems
from .deadline import DeadlinePreview, compute_deadline

#: Document series and the word of each kind's number: 交〔2026〕3号, 转〔2026〕5号.
NUMBER_SERIES: Final = {
    ReferralKind.ASSIGN: ("referral_assign", "交"),
    ReferralKind.FORWARD: ("referral_forward", "转"),
}
#: Statuses from which a case may be referred.
REFERABLE: Final = (CaseStatus.ACCEPTED, CaseStatus.REREFER)
MAX_UNITS: Final = 10


@dataclass
class ReferInput:
    """A referral as the clerk enters it; field names are the error keys.

    ``kind`` None: 交办 when the lead unit is an internal department, else 转送.
    ``case_leader_id`` None: :func:`default_case_leader`. ``start_on`` None: the deadline
    counts from ``referred_on``.
    """

    lead_unit_id: int
    referred_on: date
    rule_code: str
    co_unit_ids: tuple[int, ...] = ()
    kind: ReferralKind | None = None
    leader_instruction: str = ""
    instructing_leader_id: int | None = None
    case_leader_id: int | None = None
    report_requirement: str = ""
    start_on: date | None = None
    acknowledge_estimate: bool = False
    #: The case's version the form listed it with (None: no check; issue 14).
    version: int | None = None


@dataclass(frozen=True)
class ReferralOutcome:
    referral_id: int
    referral_no: str
    petition_id: int
    register_no: str
    kind: ReferralKind
    lead_unit: str
    co_units: tuple[str, ...]
    case_leader: str
    deadline: DeadlinePreview
    redacted: bool  # the case is confidential: unit copies go through unit_view


@dataclass(frozen=True)
class LeaderChoice:
    leader_id: int
    name: str
    why: str  # 受理时已定 / 接待日值班领导 / 分管该类问题


def _default_leader(session: Session, petition: Petition) -> LeaderChoice | None:
    if petition.case_leader is not None:
        return LeaderChoice(petition.case_leader.id, petition.case_leader.name, "受理时已定")
    if petition.duty_leader is not None:
        leader = petition.duty_leader
        return LeaderChoice(leader.id, leader.name, "接待日值班领导")
    if petition.category_id is None:
        return None
    for leader in session.scalars(
        select(Leader).where(Leader.active).order_by(Leader.rotation_order, Leader.id)
    ):
        if any(c.id == petition.category_id for c in leader.categories):
            return LeaderChoice(leader.id, leader.name, "分管该类问题")
    return None


def default_case_leader(db: Database, register_no: str) -> LeaderChoice | None:
    """The 包案领导 the referral form offers: the one set at acceptance, else the leader
    who received the visit (leader on duty), else the first leader whose portfolio
    covers the case's category; None when nobody fits."""
    with db.read() as session:
        petition = find_petition(session, register_no)
        return _default_leader(session, petition) if petition is not None else None


def _unit_errors(
    session: Session, petition: Petition, data: ReferInput
) -> tuple[dict[str, str], list[Department]]:
    errors: dict[str, str] = {}
    ids = [data.lead_unit_id, *data.co_unit_ids]
    if len(set(ids)) != len(ids):
        errors["co_unit_ids"] = "协办单位不能与主办单位或彼此重复"
    if len(ids) > MAX_UNITS:
        errors["co_unit_ids"] = f"承办单位最多{MAX_UNITS}个"
    units: list[Department] = []
    for index, unit_id in enumerate(ids):
        key = "lead_unit_id" if index == 0 else "co_unit_ids"
        unit = session.get(Department, unit_id)
        if unit is None or not unit.active:
            errors.setdefault(key, "所选承办单位不存在或已停用")
            continue
        if is_accused_unit(petition.accused, petition.accused_department_id, unit.id, unit.name):
            errors.setdefault(key, f"不能交办给被检举控告单位“{unit.name}”。{ART30_CONFIDENTIAL}")
        units.append(unit)
    return errors, units


def _check(
    session: Session, petition: Petition, data: ReferInput, today: date
) -> tuple[dict[str, str], list[Department], ReferralKind]:
    errors, units = _unit_errors(session, petition, data)
    lead_kind = units[0].kind if units and units[0].id == data.lead_unit_id else None
    kind = data.kind or (
        ReferralKind.ASSIGN if lead_kind is DepartmentKind.INTERNAL else ReferralKind.FORWARD
    )
    if lead_kind is not None and data.kind is not None:
        wanted = DepartmentKind.INTERNAL if kind is ReferralKind.ASSIGN else DepartmentKind.EXTERNAL
        if lead_kind is not wanted:
            errors.setdefault(
                "kind",
                "交办的主办单位应为内设科室"
                if kind is ReferralKind.ASSIGN
                else "转送的主办单位应为外单位",
            )
    if data.referred_on > today:
        errors["referred_on"] = "交办日期不能晚于今天"
    elif petition.acceptance_date and data.referred_on < petition.acceptance_date:
        errors["referred_on"] = "交办日期不能早于受理日期"
    if data.start_on is not None and data.start_on > data.referred_on:
        errors["start_on"] = "期限起算日不能晚于交办日期"
    for key in ("instructing_leader_id", "case_leader_id"):
        leader_id = getattr(data, key)
        if leader_id is not None and session.get(Leader, leader_id) is None:
            errors[key] = "所选领导不存在"
    errors.update(
        text_problems(
            {
                "leader_instruction": (data.leader_instruction, "领导批示"),
                "report_requirement": (data.report_requirement, "报结要求"),
            }
        )
    )
    return errors, units, kind


def _case_problem(session: Session, petition: Petition) -> str | None:
    still_open = session.scalar(
        select(Referral.referral_no).where(
            Referral.petition_id == petition.id, Referral.status == ReferralStatus.OPEN
        )
    )
    if still_open:
        return f"该事项已交办（{still_open}）且尚在办理中"
    if petition.status not in REFERABLE:
        return f"该事项当前状态为“{petition.status.label}”，受理后方可交办"
    return None


def _write(
    session: Session,
    petition: Petition,
    data: ReferInput,
    kind: ReferralKind,
    units: list[Department],
    deadline: DeadlinePreview,
) -> Referral:
    series, word = NUMBER_SERIES[kind]
    year = data.referred_on.year
    choice = _default_leader(session, petition) if data.case_leader_id is None else None
    case_leader_id = data.case_leader_id or (choice.leader_id if choice else None)
    referral = Referral(
        petition_id=petition.id,
        referral_no=format_doc_no(word, year, allocate_doc_seq(session, series, year)),
        kind=kind,
        department_id=units[0].id,
        leader_instruction=data.leader_instruction.strip(),
        instructing_leader_id=data.instructing_leader_id,
        case_leader_id=case_leader_id,
        deadline_rule_code=deadline.code,
        start_date=deadline.start,
        referred_on=data.referred_on,
        due_date=deadline.due,
        due_uncovered=deadline.estimate,
        due_rule=deadline.spec,
        source_due=petition.source_due if deadline.capped_by_source else None,
        report_requirement=data.report_requirement.strip(),
        status=ReferralStatus.OPEN,
        redacted=petition.confidential,
    )
    for position, unit in enumerate(units, start=1):
        referral.units.append(
            ReferralUnit(department_id=unit.id, lead=position == 1, position=position)
        )
    session.add(referral)
    petition.status = CaseStatus.REFERRED
    if petition.case_leader_id is None:
        petition.case_leader_id = case_leader_id
    return referral


def refer_case(
    db: Database,
    register_no: str,
    data: ReferInput,
    *,
    actor: Actor,
    today: date | None = None,
) -> Result[ReferralOutcome]:
    """Refer the accepted (or objected and returned) case ``register_no``; see the module
    docstring. One transaction, one audit row."""
    if why := refusal(actor, Permission.REFER):
        return Result.failure({"": why})
    today = today or date.today()
    with db.write() as session:
        petition = find_petition(session, register_no)
        if petition is None:
            return Result.failure({"case": f"找不到登记号为 {register_no} 的信访事项"})
        problem = _case_problem(session, petition)
        if problem:
            return Result.failure({"case": problem})
        if stale := stale_errors(petition, data.version, f"登记 {petition.register_no}"):
            return Result.failure(stale)
        errors, units, kind = _check(session, petition, data, today)
        start = data.start_on or data.referred_on
        found = compute_deadline(
            session, start, data.rule_code,
            counted_from=counted_from(start, petition, data.referred_on),
            source_due=petition.source_due,
        )  # fmt: skip
        if isinstance(found, str):
            errors["rule_code"] = found
        elif found.estimate and not data.acknowledge_estimate:
            errors["acknowledge_estimate"] = (
                f"办理期限 {found.due.isoformat()} 为推算日期：{found.estimate_reason}。"
                "请确认后再交办"
            )
        if errors or isinstance(found, str):
            return refuse(errors, "交办")
        referral = _write(session, petition, data, kind, units, found)
        audit.record(
            session, actor=actor, action="refer_case", entity=referral,
            summary=f"{petition.register_no} {kind.label} {referral.referral_no} → "
            f"{units[0].name}，期限 {found.due.isoformat()}",
        )  # fmt: skip
        leader = session.get(Leader, referral.case_leader_id) if referral.case_leader_id else None
        value = ReferralOutcome(
            referral_id=referral.id,
            referral_no=referral.referral_no,
            petition_id=petition.id,
            register_no=petition.register_no,
            kind=kind,
            lead_unit=units[0].name,
            co_units=tuple(u.name for u in units[1:]),
            case_leader=leader.name if leader else "",
            deadline=found,
            redacted=referral.redacted,
        )
    return Result.success(
        value,
        f"已{kind.label}：{value.referral_no}，主办单位 {value.lead_unit}，"
        f"期限 {found.due.isoformat()}",
    )
