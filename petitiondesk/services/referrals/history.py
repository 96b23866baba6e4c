"""A case's referrals as the clerk and the printers read them: each referral with its
units (:func:`case_referrals`, :func:`referral_detail`) and every event in order
(:func:`referral_history`: referred, received, objected, urged, extended, supervised,
slip returned, reported, reported to the source)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from petitiondesk.core.enums import DepartmentKind, ReferralEvent, ReferralKind, ReferralStatus
from petitiondesk.store.db import Database
from petitiondesk.store.models import Petition, Referral, ReferralUnit, SupervisionSlip

from ._common import stored_rule_text


@dataclass(frozen=True)
class UnitState:
    unit_id: int
    name: str
    kind: DepartmentKind
    lead: bool  # 主办 (else 协办)
    contact: str
    phone: str
    address: str
    received_on: date | None
    received_by: str
    objection_due: date | None
    objected_on: date | None
    objection_reason: str
    objection_late: bool
    reported_on: date | None
    report_text: str
    report_doc_no: str
    report_attachment: str


@dataclass(frozen=True)
class ReferralView:
    """One referral as the case panel, the board's detail and the printers read it."""

    referral_id: int
    petition_id: int
    register_no: str
    referral_no: str
    kind: ReferralKind
    status: ReferralStatus
    referred_on: date | None
    start_date: date
    due_date: date  # what applies now (after extensions / the source's deadline)
    due_text: str  # the rule that set the first due date
    due_estimate: bool
    source_due: date | None
    units: tuple[UnitState, ...]  # the lead unit first
    leader_instruction: str
    instructing_leader: str
    case_leader: str
    report_requirement: str
    redacted: bool  # the case is confidential: unit copies go through unit_view
    answered_at: date | None
    answer_text: str
    extension_days: int
    #: The referral row's version when read (a form hands it back; issue 14).
    version: int | None = field(default=None, compare=False)

    @property
    def lead(self) -> UnitState:
        return self.units[0]


def _unit(u: ReferralUnit) -> UnitState:
    d = u.department
    return UnitState(
        d.id, d.name, d.kind, u.lead, d.contact, d.phone, d.address, u.received_on,
        u.received_by, u.objection_due, u.objected_on, u.objection_reason, u.objection_late,
        u.reported_on, u.report_text, u.report_doc_no, u.report_attachment,
    )  # fmt: skip


def _view(r: Referral) -> ReferralView:
    return ReferralView(
        referral_id=r.id, petition_id=r.petition_id, register_no=r.petition.register_no,
        referral_no=r.referral_no, kind=r.kind, status=r.status, referred_on=r.referred_on,
        start_date=r.start_date, due_date=r.due_date, due_text=stored_rule_text(r),
        due_estimate=r.due_uncovered, source_due=r.source_due,
        units=tuple(_unit(u) for u in sorted(r.units, key=lambda u: (not u.lead, u.position))),
        leader_instruction=r.leader_instruction,
        instructing_leader=r.instructing_leader.name if r.instructing_leader else "",
        case_leader=r.case_leader.name if r.case_leader else "",
        report_requirement=r.report_requirement, redacted=r.redacted,
        answered_at=r.answered_at, answer_text=r.answer_text,
        extension_days=sum(e.days for e in r.extensions), version=r.version,
    )  # fmt: skip


def _referrals(session: Session, *where: object) -> list[Referral]:
    stmt = (
        select(Referral)
        .where(*where)  # type: ignore[arg-type]
        .order_by(Referral.id)
        .options(
            joinedload(Referral.petition),
            joinedload(Referral.instructing_leader),
            joinedload(Referral.case_leader),
            selectinload(Referral.units).joinedload(ReferralUnit.department),
            selectinload(Referral.extensions),
            selectinload(Referral.urges),
        )
    )
    return list(session.scalars(stmt).unique())


def case_referrals(db: Database, petition_id: int) -> list[ReferralView]:
    """Every referral of the case, oldest first."""
    with db.read() as session:
        return [_view(r) for r in _referrals(session, Referral.petition_id == petition_id)]


def referral_detail(db: Database, referral_id: int) -> ReferralView | None:
    with db.read() as session:
        found = _referrals(session, Referral.id == referral_id)
        return _view(found[0]) if found else None


@dataclass(frozen=True)
class HistoryEvent:
    on: date
    kind: ReferralEvent
    referral_no: str  # "" for events of the case (督办 without a referral, 报结)
    unit: str
    text: str


def _referral_events(r: Referral) -> list[HistoryEvent]:
    no, lead = r.referral_no, r.department.name
    out = [
        HistoryEvent(
            r.referred_on or r.start_date,
            ReferralEvent.REFERRED,
            no,
            lead,
            f"{r.kind.label}{lead}，期限 {r.due_date.isoformat() if not r.extensions else r.extensions[0].old_due.isoformat()}",
        )  # fmt: skip
    ]
    for u in r.units:
        name = u.department.name
        if u.received_on:
            out.append(
                HistoryEvent(
                    u.received_on, ReferralEvent.RECEIVED, no, name, f"签收人：{u.received_by}"
                )
            )
        if u.objected_on:
            late = "（逾期提出）" if u.objection_late else ""
            out.append(
                HistoryEvent(
                    u.objected_on,
                    ReferralEvent.OBJECTED,
                    no,
                    name,
                    f"回退{late}：{u.objection_reason}",
                )
            )
        if u.reported_on:
            doc = f"（{u.report_doc_no}）" if u.report_doc_no else ""
            out.append(
                HistoryEvent(
                    u.reported_on, ReferralEvent.REPORTED, no, name, f"{u.report_text}{doc}"
                )
            )
    for g in r.urges:
        out.append(
            HistoryEvent(
                g.urged_on, ReferralEvent.URGED, no, lead, f"{g.method.label}催办 {g.note}".strip()
            )
        )
    for e in r.extensions:
        text = f"延期{e.days}日（{e.approved_by}批准）{e.old_due.isoformat()} → {e.new_due.isoformat()}：{e.reason}"
        out.append(HistoryEvent(e.approved_at, ReferralEvent.EXTENDED, no, lead, text))
    return out


_ORDER = {kind: index for index, kind in enumerate(ReferralEvent)}


def referral_history(db: Database, petition_id: int) -> list[HistoryEvent]:
    """Every referral event of the case in date order (same day: workflow order)."""
    with db.read() as session:
        petition = session.get(Petition, petition_id)
        if petition is None:
            return []
        referrals = _referrals(session, Referral.petition_id == petition_id)
        out = [event for r in referrals for event in _referral_events(r)]
        numbers = {r.id: (r.referral_no, r.department.name) for r in referrals}
        slips = session.scalars(
            select(SupervisionSlip)
            .where(SupervisionSlip.petition_id == petition_id)
            .options(selectinload(SupervisionSlip.recipients))
        )
        for s in slips:
            no, unit = numbers.get(s.referral_id or 0, ("", ""))
            out.append(
                HistoryEvent(
                    s.issued_at,
                    ReferralEvent.SUPERVISED,
                    no,
                    unit,
                    f"督办单 {s.slip_no}：{s.subject}",
                )
            )
            for c in s.recipients:
                if c.returned_at:
                    out.append(
                        HistoryEvent(
                            c.returned_at,
                            ReferralEvent.SLIP_RETURNED,
                            no,
                            unit,
                            f"督办单 {s.slip_no} 第{c.position}份（{c.role}）回执",
                        )
                    )
        if petition.source_reported_on:
            out.append(
                HistoryEvent(
                    petition.source_reported_on,
                    ReferralEvent.REPORTED_TO_SOURCE,
                    "",
                    petition.source_body,
                    f"向{petition.source_body}报结 {petition.source_report_doc_no}".strip(),
                )
            )
    out.sort(key=lambda e: (e.on, _ORDER[e.kind]))
    return out
