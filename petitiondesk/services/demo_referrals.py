"""Demo referrals in every state the 交办督办 tab knows (called from services/demo.py).

Open on time, due soon, overdue, objected and re-referred, extended, supervised with
copies partly returned, answered, from the 12345 hotline, from above, confidential.
Written inside load_demo's transaction as plain rows (like the rest of the demo), with
dates from the office's rules on the working-day calendar relative to ``now``, and
numbers taken from the same gap-free series the services use, in referral order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from petitiondesk.core.deadlines import DeadlineRule as CoreRule
from petitiondesk.core.deadlines import due_date, format_rule_spec
from petitiondesk.core.docno import format_doc_no
from petitiondesk.core.enums import (
    CaseSource,
    CaseStatus,
    DayUnit,
    DepartmentKind,
    ReferralKind,
    ReferralStatus,
    SupervisionRole,
    SupervisionStatus,
    UrgeMethod,
)
from petitiondesk.core.referral_rules import is_accused_unit
from petitiondesk.core.workcalendar import WorkCalendar
from petitiondesk.store.counters import allocate_doc_seq
from petitiondesk.store.models import (
    Department,
    Extension,
    Petition,
    Referral,
    ReferralUnit,
    ReferralUrge,
    SupervisionRecipient,
    SupervisionSlip,
)

from .calendar import load_calendar, office_rule
from .referrals.refer import NUMBER_SERIES
from .referrals.supervision import SLIP_SERIES, SLIP_WORD

RULE = "dept_reply"  # 20 working days


@dataclass
class _Plan:
    name: str
    days_left: tuple[int, int]  # wanted (due - today) range, calendar days
    finish: Callable[[Session, Referral, date], None] | None = None
    confidential: bool = False
    source: CaseSource = CaseSource.OWN


def _start_for(calendar: WorkCalendar, rule: CoreRule, today: date, want: tuple[int, int]) -> date:
    """The latest working day whose deadline lands ``want`` days from today."""
    day = today
    for _ in range(400):
        if calendar.is_workday(day):
            left = (due_date(calendar, day, rule).due - today).days
            if want[0] <= left <= want[1]:
                return day
        day -= timedelta(days=1)
    return today - timedelta(days=30)


def _pick(pool: list[Petition], start: date, confidential: bool) -> Petition | None:
    for p in pool:
        if p.confidential == confidential and p.acceptance_date and p.acceptance_date <= start:
            pool.remove(p)
            return p
    return None


def _units(session: Session, petition: Petition, internal: bool) -> list[Department]:
    kind = DepartmentKind.INTERNAL if internal else DepartmentKind.EXTERNAL
    rows = session.scalars(
        select(Department).where(Department.kind == kind).order_by(Department.id)
    )
    return [
        d
        for d in rows
        if not is_accused_unit(petition.accused, petition.accused_department_id, d.id, d.name)
    ]


def _refer(
    session: Session, petition: Petition, start: date, unit: Department, rule: CoreRule,
    calendar: WorkCalendar,
) -> Referral:  # fmt: skip
    kind = ReferralKind.ASSIGN if unit.kind is DepartmentKind.INTERNAL else ReferralKind.FORWARD
    series, word = NUMBER_SERIES[kind]
    due = due_date(calendar, start, rule)
    referral = Referral(
        petition=petition,
        referral_no=format_doc_no(word, start.year, allocate_doc_seq(session, series, start.year)),
        kind=kind, department_id=unit.id, deadline_rule_code=RULE, start_date=start,
        referred_on=start, due_date=due.due, due_uncovered=not due.covered,
        due_rule=format_rule_spec(RULE, rule), status=ReferralStatus.OPEN,
        leader_instruction=f"请{unit.name}依法依规调查处理，按期书面答复。",
        case_leader_id=petition.duty_leader_id, redacted=petition.confidential,
        report_requirement="办结后5日内将办理结果书面报送信访局",
    )  # fmt: skip
    referral.units.append(ReferralUnit(department_id=unit.id, lead=True, position=1))
    referral.units[0].received_on, referral.units[0].received_by = start, "办公室"
    session.add(referral)
    petition.status = CaseStatus.REFERRED
    return referral


def _answer(session: Session, r: Referral, today: date) -> None:
    lead = r.units[0]
    lead.reported_on = min(today, r.due_date - timedelta(days=2))
    lead.report_text = "经调查核实，已依法处理并书面答复信访人。"
    lead.report_doc_no = f"办〔{lead.reported_on.year}〕{r.id}号"
    r.status, r.answered_at, r.answer_text = (
        ReferralStatus.ANSWERED,
        lead.reported_on,
        lead.report_text,
    )
    r.petition.status = CaseStatus.ANSWERED


def _extend(session: Session, r: Referral, today: date) -> None:
    """30 days from the old due date, rolled to a working day (as services do)."""
    old = r.due_date
    new = due_date(load_calendar(session), old, CoreRule(30, DayUnit.CALENDAR, True)).due
    r.extensions.append(
        Extension(
            reason="涉及多个部门，需会商处理",
            days=30,
            approved_by="张建国",
            approved_at=old - timedelta(days=3),
            old_due=old,
            new_due=new,
            petitioner_told=True,
        )  # fmt: skip
    )
    r.due_date = new


def _supervise(session: Session, r: Referral, today: date) -> None:
    issued = r.due_date + timedelta(days=1)
    slip = SupervisionSlip(
        slip_no=format_doc_no(SLIP_WORD, issued.year, allocate_doc_seq(session, SLIP_SERIES, issued.year)),
        petition_id=r.petition_id, referral_id=r.id, subject="逾期未报送办理结果，督促限期办结",
        leader_decision="请责任单位五日内办结并报送结果", original_due=r.due_date,
        new_due=issued + timedelta(days=7), issued_at=issued, status=SupervisionStatus.ISSUED.value,
    )  # fmt: skip
    roles = (
        SupervisionRole.COUNTY_HEAD,
        SupervisionRole.DEPUTY_HEAD,
        SupervisionRole.RESPONSIBLE_UNIT,
    )
    for position, role in enumerate(roles, start=1):
        copy = SupervisionRecipient(position=position, role=role.label, name="")
        if role is SupervisionRole.RESPONSIBLE_UNIT:
            copy.department_id = r.department_id
        if position == 1:
            copy.returned, copy.returned_at = True, min(today, issued + timedelta(days=1))
        slip.recipients.append(copy)
    session.add(slip)
    r.urges.append(
        ReferralUrge(urged_on=issued, method=UrgeMethod.PHONE, note="电话催办", actor="demo")
    )


def _object(session: Session, r: Referral, today: date) -> None:
    lead = r.units[0]
    lead.objected_on = r.start_date + timedelta(days=2)
    lead.objection_reason = "该事项不属于本单位职责范围"
    r.status = ReferralStatus.OBJECTED
    r.petition.status = CaseStatus.REREFER


PLANS = (
    _Plan("on_time", (12, 25)),
    _Plan("due_soon", (0, 3)),
    _Plan("overdue", (-9, -4)),
    _Plan("objected", (10, 20), _object),
    _Plan("extended", (-10, -5), _extend),
    _Plan("supervised", (-6, -3), _supervise),
    _Plan("answered", (-3, 5), _answer),
    _Plan("hotline", (6, 12), source=CaseSource.HOTLINE),
    _Plan("above", (4, 8), source=CaseSource.ABOVE_ASSIGN),
    _Plan("confidential", (8, 16), confidential=True),
)


def add_demo_referrals(session: Session, now: datetime, calendar: WorkCalendar) -> int:
    """Add one referral per plan (and a re-referral for the objected one); returns how
    many referrals were written."""
    today = now.date()
    rule = office_rule(session, RULE)
    pool = list(
        session.scalars(
            select(Petition)
            .where(Petition.status == CaseStatus.ACCEPTED)
            .order_by(Petition.acceptance_date.desc(), Petition.id)
        )
    )
    planned = []
    for plan in PLANS:
        start = _start_for(calendar, rule, today, plan.days_left)
        petition = _pick(pool, start, plan.confidential)
        if petition is not None:
            planned.append((start, plan, petition))
    written = 0
    for start, plan, petition in sorted(planned, key=lambda t: (t[0], t[2].id)):
        units = _units(session, petition, internal=written % 2 == 0)
        if not units:
            continue
        if plan.source is not CaseSource.OWN:
            petition.source_kind = plan.source
            hotline = plan.source is CaseSource.HOTLINE
            petition.source_body = "12345政务服务便民热线" if hotline else "青山市信访局"
            petition.source_doc_no = (
                f"GD{start:%Y%m%d}0{petition.seq}"
                if hotline
                else f"青市信交〔{start.year}〕{petition.seq}号"
            )
        referral = _refer(session, petition, start, units[written % len(units)], rule, calendar)
        written += 1
        if plan.source is not CaseSource.OWN:  # the source's own deadline, not earlier
            petition.source_due = referral.due_date + timedelta(days=7)
        if plan.finish is not None:
            plan.finish(session, referral, today)
        if plan.finish is _object:
            again = start + timedelta(days=5)
            _refer(session, petition, again, units[(written + 1) % len(units)], rule, calendar)
            written += 1
    session.flush()
    return written
