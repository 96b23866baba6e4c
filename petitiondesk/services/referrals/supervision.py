"""Supervision (督办, 八单督办 of seed 000 篇3).

One slip for a case (optionally naming one referral) with up to eight recipients chosen
from roles (core.referral_rules.supervision_roles: the standing roles plus the office's
own from settings); a slip number 督〔2026〕N号 (gap-free per year); the issue date,
what is supervised, the leader's decision, the original and the new deadline. Each
recipient's return (回执) is recorded with its date. When every copy is back and the
unit has reported, the slip is closed (SupervisionStatus.CLOSED: 存档销案 is offered;
the closure step sets ARCHIVED).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from petitiondesk.core.docno import format_doc_no
from petitiondesk.core.enums import ReferralStatus, SupervisionRole, SupervisionStatus
from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.core.referral_rules import recipient_count_problem, supervision_roles
from petitiondesk.store.counters import allocate_doc_seq
from petitiondesk.store.db import Database
from petitiondesk.store.models import (
    Department,
    OfficeSettings,
    Petition,
    Referral,
    SupervisionRecipient,
    SupervisionSlip,
)

from .. import audit
from ..acceptance import find_petition
from ..result import Result
from ..stale import stale_errors
from ._common import (
    date_problem,
    referral_stale,
    refuse,
    settle_slips,
    text_problems,
    unit_reported,
)

SLIP_SERIES: Final = "supervision"
SLIP_WORD: Final = "督"


@dataclass(frozen=True)
class RecipientInput:
    """One copy of the slip: a role (one of :func:`available_supervision_roles`), the
    person's name, and for 责任单位 the unit (None: the referral's lead unit)."""

    role: str
    name: str = ""
    department_id: int | None = None


@dataclass
class SupervisionInput:
    """Field names are the error keys (``recipients`` for the list)."""

    issued_on: date
    subject: str  # what is supervised (督办事项)
    recipients: tuple[RecipientInput, ...]
    leader_decision: str = ""
    new_due: date | None = None
    referral_id: int | None = None
    #: The named referral's version the form was loaded with (None: no check; issue 14).
    version: int | None = None


@dataclass(frozen=True)
class RecipientView:
    position: int  # 1..8, the copy number
    role: str
    name: str
    unit: str  # the department's name for 责任单位, else ""
    returned: bool
    returned_on: date | None


@dataclass(frozen=True)
class SupervisionView:
    slip_id: int
    slip_no: str
    petition_id: int
    register_no: str
    referral_id: int | None
    referral_no: str
    unit: str  # the referral's lead unit ("" without a referral)
    subject: str
    leader_decision: str
    issued_on: date
    original_due: date | None
    new_due: date | None
    status: SupervisionStatus
    recipients: tuple[RecipientView, ...]
    unit_reported: bool
    closed_on: date | None
    redacted: bool  # the case is confidential: copies omit the petitioner's identity
    result: str = field(default="")
    #: The slip row's version when read (the 回执 form hands it back; issue 14).
    version: int | None = field(default=None, compare=False)

    @property
    def returned_count(self) -> int:
        return sum(1 for r in self.recipients if r.returned)

    @property
    def all_returned(self) -> bool:
        return all(r.returned for r in self.recipients)

    @property
    def archive_offered(self) -> bool:
        """Every copy back and the unit reported: offer 存档销案."""
        return self.status is SupervisionStatus.CLOSED


def _extra_roles(session: Session) -> list[str]:
    office = session.get(OfficeSettings, 1)
    return office.supervision_roles.splitlines() if office else []


def available_supervision_roles(db: Database) -> tuple[str, ...]:
    """The roles the clerk chooses recipients from: 县委书记 … 责任单位, then the office's."""
    with db.read() as session:
        return supervision_roles(_extra_roles(session))


def set_extra_supervision_roles(
    db: Database, roles: tuple[str, ...], *, actor: Actor
) -> Result[tuple[str, ...]]:
    """Save the office's own recipient roles (beyond the standing ones)."""
    if why := refusal(actor, Permission.REFER):
        return Result.failure({"": why})
    names = [r.strip() for r in roles if r.strip()]
    if any(len(n) > 40 for n in names):
        return Result.failure({"roles": "督办对象名称不能超过40个字"})
    with db.write() as session:
        office = session.get(OfficeSettings, 1)
        if office is None:
            return Result.failure({"": "数据库尚未初始化（缺少单位设置）"})
        before = audit.snapshot(office)
        office.supervision_roles = "\n".join(dict.fromkeys(names))
        audit.record(
            session, actor=actor, action="set_supervision_roles", entity=office,
            summary="修改督办对象", before=before,
        )  # fmt: skip
        value = supervision_roles(_extra_roles(session))
    return Result.success(value, "督办对象已保存")


def slip_view(session: Session, slip: SupervisionSlip) -> SupervisionView:
    petition = session.get(Petition, slip.petition_id)
    assert petition is not None
    referral = session.get(Referral, slip.referral_id) if slip.referral_id else None
    names = {d.id: d.name for d in session.scalars(select(Department))}
    return SupervisionView(
        slip_id=slip.id, slip_no=slip.slip_no, petition_id=petition.id,
        register_no=petition.register_no, referral_id=slip.referral_id,
        referral_no=referral.referral_no if referral else "",
        unit=referral.department.name if referral else "",
        subject=slip.subject, leader_decision=slip.leader_decision, issued_on=slip.issued_at,
        original_due=slip.original_due, new_due=slip.new_due,
        status=SupervisionStatus(slip.status),
        recipients=tuple(
            RecipientView(
                r.position, r.role, r.name,
                names.get(r.department_id, "") if r.department_id else "",
                r.returned, r.returned_at,
            )  # fmt: skip
            for r in slip.recipients
        ),
        unit_reported=unit_reported(session, slip), closed_on=slip.closed_on,
        redacted=petition.confidential, result=slip.result, version=slip.version,
    )  # fmt: skip


def _check(
    session: Session, petition: Petition, data: SupervisionInput, today: date
) -> tuple[dict[str, str], Referral | None]:
    errors = text_problems(
        {
            "subject": (data.subject, "督办事项"),
            "leader_decision": (data.leader_decision, "领导意见"),
        },
        required=("subject",),
    )
    for key, problem in (
        ("issued_on", date_problem(data.issued_on, today, "督办日期")),
        ("recipients", recipient_count_problem(len(data.recipients))),
    ):
        if problem:
            errors[key] = problem
    roles = supervision_roles(_extra_roles(session))
    for r in data.recipients:
        if r.role not in roles:
            errors.setdefault("recipients", f"督办对象“{r.role}”不在可选范围内")
        if len(r.name) > 40:
            errors.setdefault("recipients", "督办对象姓名不能超过40个字")
    referral: Referral | None = None
    if data.referral_id is not None:
        referral = session.get(Referral, data.referral_id)
        if referral is None or referral.petition_id != petition.id:
            errors["referral_id"] = "所选交办不属于该事项"
        elif referral.status is not ReferralStatus.OPEN:
            errors["referral_id"] = f"该交办已{referral.status.label}，无需督办"
    if data.new_due is not None and data.new_due < data.issued_on:
        errors["new_due"] = "新的办理期限不能早于督办日期"
    return errors, referral


def issue_supervision(
    db: Database,
    register_no: str,
    data: SupervisionInput,
    *,
    actor: Actor,
    today: date | None = None,
) -> Result[SupervisionView]:
    """Issue one 督办单 with its recipients (at most eight)."""
    if why := refusal(actor, Permission.REFER):
        return Result.failure({"": why})
    today = today or date.today()
    with db.write() as session:
        petition = find_petition(session, register_no)
        if petition is None:
            return Result.failure({"case": f"找不到登记号为 {register_no} 的信访事项"})
        errors, referral = _check(session, petition, data, today)
        if errors:
            return refuse(errors, "督办单")
        if referral is not None and (stale := referral_stale(referral, data.version)):
            return Result.failure(stale)
        year = data.issued_on.year
        slip = SupervisionSlip(
            slip_no=format_doc_no(SLIP_WORD, year, allocate_doc_seq(session, SLIP_SERIES, year)),
            petition_id=petition.id, referral_id=referral.id if referral else None,
            subject=data.subject.strip(), leader_decision=data.leader_decision.strip(),
            original_due=referral.due_date if referral else petition.handling_due,
            new_due=data.new_due, issued_at=data.issued_on,
            status=SupervisionStatus.ISSUED.value,
        )  # fmt: skip
        unit_label = SupervisionRole.RESPONSIBLE_UNIT.label
        for position, r in enumerate(data.recipients, start=1):
            dept = r.department_id
            if dept is None and r.role == unit_label and referral is not None:
                dept = referral.department_id
            slip.recipients.append(
                SupervisionRecipient(
                    position=position, role=r.role, name=r.name.strip(), department_id=dept
                )
            )
        session.add(slip)
        audit.record(
            session, actor=actor, action="issue_supervision", entity=slip,
            summary=f"{petition.register_no} 督办单 {slip.slip_no}，{len(data.recipients)}份",
        )  # fmt: skip
        value = slip_view(session, slip)
    return Result.success(value, f"已开具督办单 {value.slip_no}（{len(value.recipients)}份）")


def record_slip_return(
    db: Database,
    slip_id: int,
    position: int,
    *,
    returned_on: date,
    actor: Actor,
    today: date | None = None,
    version: int | None = None,
) -> Result[SupervisionView]:
    """Record the return (回执) of copy ``position``; closes the slip when it was the
    last copy out and the unit has reported. ``version``: the slip's version the form
    was loaded with (None: no check)."""
    if why := refusal(actor, Permission.REFER):
        return Result.failure({"": why})
    today = today or date.today()
    problem = date_problem(returned_on, today, "回执日期")
    if problem:
        return Result.failure({"returned_on": problem})
    with db.write() as session:
        slip = session.scalar(
            select(SupervisionSlip)
            .where(SupervisionSlip.id == slip_id)
            .options(selectinload(SupervisionSlip.recipients))
        )
        if slip is None:
            return Result.failure({"slip": "找不到该督办单"})
        copy = next((r for r in slip.recipients if r.position == position), None)
        if copy is None:
            return Result.failure({"position": f"督办单 {slip.slip_no} 没有第{position}份"})
        if copy.returned:
            return Result.failure({"position": f"第{position}份（{copy.role}）回执已收到"})
        if stale := stale_errors(slip, version, f"督办单 {slip.slip_no}"):
            return Result.failure(stale)
        if returned_on < slip.issued_at:
            return Result.failure({"returned_on": "回执日期不能早于督办日期"})
        before = audit.snapshot(copy)
        copy.returned, copy.returned_at = True, returned_on
        session.flush()
        settle_slips(session, slip.petition_id, returned_on)
        audit.record(
            session, actor=actor, action="return_supervision_copy", entity=copy,
            summary=f"督办单 {slip.slip_no} 第{position}份（{copy.role}）回执", before=before,
        )  # fmt: skip
        session.flush()  # the slip's version as saved
        value = slip_view(session, slip)
    text = f"已收到督办单 {value.slip_no} 第{position}份回执（{value.returned_count}/{len(value.recipients)}）"
    if value.archive_offered:
        text += "；督办已办结，可存档销案"
    return Result.success(value, text)


def case_supervision(db: Database, petition_id: int) -> list[SupervisionView]:
    """The case's supervision slips, oldest first."""
    with db.read() as session:
        slips = session.scalars(
            select(SupervisionSlip)
            .where(SupervisionSlip.petition_id == petition_id)
            .order_by(SupervisionSlip.issued_at, SupervisionSlip.id)
            .options(selectinload(SupervisionSlip.recipients))
        ).all()
        return [slip_view(session, s) for s in slips]


def supervision_slip(db: Database, slip_id: int) -> SupervisionView | None:
    with db.read() as session:
        slip = session.get(SupervisionSlip, slip_id)
        return slip_view(session, slip) if slip is not None else None
