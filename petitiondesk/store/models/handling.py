"""What happens after acceptance: referrals, extensions, supervision, closure, review."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from petitiondesk.core.enums import (
    OpinionDecision,
    ReferralKind,
    ReferralStatus,
    ReviewLevel,
    ReviewOutcome,
    Satisfaction,
    SurveyMethod,
    UrgeMethod,
)

from .base import Base, Timestamps, enum_column
from .office import Department, Leader
from .petition import Petition


class Referral(Timestamps, Base):
    """交办 (to an internal department) or 转送 (to another unit), with a deadline."""

    __tablename__ = "referral"

    id: Mapped[int] = mapped_column(primary_key=True)
    petition_id: Mapped[int] = mapped_column(ForeignKey("petition.id"), index=True)
    referral_no: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[ReferralKind] = enum_column(ReferralKind)
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    leader_instruction: Mapped[str] = mapped_column(Text, default="")  # 领导批示
    instructing_leader_id: Mapped[int | None] = mapped_column(
        ForeignKey("leader.id"), nullable=True
    )
    case_leader_id: Mapped[int | None] = mapped_column(ForeignKey("leader.id"), nullable=True)
    deadline_rule_code: Mapped[str] = mapped_column(String(40), default="")
    start_date: Mapped[date] = mapped_column(Date)
    due_date: Mapped[date] = mapped_column(Date, index=True)
    due_uncovered: Mapped[bool] = mapped_column(Boolean, default=False)
    # The rule the due date was set with (core.deadlines.format_rule_spec; "" before 0003).
    due_rule: Mapped[str] = mapped_column(String(60), default="", server_default="")
    report_requirement: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[ReferralStatus] = enum_column(ReferralStatus, default=ReferralStatus.OPEN)
    answered_at: Mapped[date | None] = mapped_column(Date, nullable=True)
    answer_text: Mapped[str] = mapped_column(Text, default="")
    # True when the printed slip withholds the petitioner's identity (检举控告).
    redacted: Mapped[bool] = mapped_column(Boolean, default=False)
    # The day of the referral (start_date is the day the deadline counts from; "None"
    # only for rows from before 0004).
    referred_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    # The source's own deadline (上级交办 etc.) when it capped the office rule's date.
    source_due: Mapped[date | None] = mapped_column(Date, nullable=True)

    petition: Mapped[Petition] = relationship()
    department: Mapped[Department] = relationship()
    instructing_leader: Mapped[Leader | None] = relationship(foreign_keys=[instructing_leader_id])
    case_leader: Mapped[Leader | None] = relationship(foreign_keys=[case_leader_id])
    extensions: Mapped[list[Extension]] = relationship(
        back_populates="referral", cascade="all, delete-orphan", order_by="Extension.id"
    )
    units: Mapped[list[ReferralUnit]] = relationship(
        back_populates="referral", cascade="all, delete-orphan", order_by="ReferralUnit.position"
    )
    urges: Mapped[list[ReferralUrge]] = relationship(
        back_populates="referral", cascade="all, delete-orphan", order_by="ReferralUrge.id"
    )
    # Bumped by every change of the row: a form saved with an older one is refused
    # (another desk changed it meanwhile; issue 14).
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}


class ReferralUnit(Base):
    """A handling unit of a referral: the lead (主办, ``lead``) or a co-handler (协办), with
    its receipt (签收), objection (回退, Art. 23) and report-back (办理结果)."""

    __tablename__ = "referral_unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    referral_id: Mapped[int] = mapped_column(
        ForeignKey("referral.id", ondelete="CASCADE"), index=True
    )
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    lead: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=1)
    received_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    received_by: Mapped[str] = mapped_column(String(40), default="")
    objected_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    objection_reason: Mapped[str] = mapped_column(Text, default="")
    objection_due: Mapped[date | None] = mapped_column(Date, nullable=True)
    objection_late: Mapped[bool] = mapped_column(Boolean, default=False)
    reported_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    report_text: Mapped[str] = mapped_column(Text, default="")
    report_doc_no: Mapped[str] = mapped_column(String(60), default="")
    report_attachment: Mapped[str] = mapped_column(String(400), default="")

    referral: Mapped[Referral] = relationship(back_populates="units")
    department: Mapped[Department] = relationship()


class ReferralUrge(Base):
    """A reminder (催办) sent to the handling unit of a referral."""

    __tablename__ = "referral_urge"

    id: Mapped[int] = mapped_column(primary_key=True)
    referral_id: Mapped[int] = mapped_column(
        ForeignKey("referral.id", ondelete="CASCADE"), index=True
    )
    urged_on: Mapped[date] = mapped_column(Date)
    method: Mapped[UrgeMethod] = enum_column(UrgeMethod)
    note: Mapped[str] = mapped_column(Text, default="")
    actor: Mapped[str] = mapped_column(String(40), default="")

    referral: Mapped[Referral] = relationship(back_populates="urges")


class Extension(Base):
    """A deadline extension (延期): reason and approval required (≤ 30 days, Art. 34)."""

    __tablename__ = "extension"

    id: Mapped[int] = mapped_column(primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referral.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(Text)
    days: Mapped[int] = mapped_column(Integer)
    approved_by: Mapped[str] = mapped_column(String(40))
    approved_at: Mapped[date] = mapped_column(Date)
    old_due: Mapped[date] = mapped_column(Date)
    new_due: Mapped[date] = mapped_column(Date)
    petitioner_told: Mapped[bool] = mapped_column(Boolean, default=False)

    referral: Mapped[Referral] = relationship(back_populates="extensions")


class SupervisionSlip(Base):
    """督办单: one slip, copies for up to eight recipients, and the office stub."""

    __tablename__ = "supervision_slip"

    id: Mapped[int] = mapped_column(primary_key=True)
    slip_no: Mapped[str] = mapped_column(String(40), unique=True)
    petition_id: Mapped[int] = mapped_column(ForeignKey("petition.id"), index=True)
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referral.id"), nullable=True)
    subject: Mapped[str] = mapped_column(Text, default="")  # what is supervised
    leader_decision: Mapped[str] = mapped_column(Text, default="")
    original_due: Mapped[date | None] = mapped_column(Date, nullable=True)
    new_due: Mapped[date | None] = mapped_column(Date, nullable=True)
    issued_at: Mapped[date] = mapped_column(Date)
    # core.enums.SupervisionStatus values: issued | returned | closed | archived
    status: Mapped[str] = mapped_column(String(20), default="issued")
    result: Mapped[str] = mapped_column(Text, default="")
    returned_at: Mapped[date | None] = mapped_column(Date, nullable=True)  # every copy back
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True)  # + the unit reported

    recipients: Mapped[list[SupervisionRecipient]] = relationship(
        back_populates="slip",
        cascade="all, delete-orphan",
        order_by="SupervisionRecipient.position",
    )
    # Bumped by every change of the row: a form saved with an older one is refused
    # (another desk changed it meanwhile; issue 14).
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}


class SupervisionRecipient(Base):
    __tablename__ = "supervision_recipient"

    id: Mapped[int] = mapped_column(primary_key=True)
    slip_id: Mapped[int] = mapped_column(ForeignKey("supervision_slip.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)  # 1..8
    role: Mapped[str] = mapped_column(String(40))  # e.g. 县委书记, 责任单位
    name: Mapped[str] = mapped_column(String(40), default="")
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"), nullable=True)
    returned: Mapped[bool] = mapped_column(Boolean, default=False)
    returned_at: Mapped[date | None] = mapped_column(Date, nullable=True)

    slip: Mapped[SupervisionSlip] = relationship(back_populates="recipients")


class Closure(Base):
    """办结: the unit's completion report (办结报告), the written opinion to the petitioner
    (信访处理意见书, Art. 32), its delivery (送达), satisfaction, closing, reopening and
    the archive flag (存档销案). One row per case, filled step by step
    (services/closure/)."""

    __tablename__ = "closure"

    id: Mapped[int] = mapped_column(primary_key=True)
    petition_id: Mapped[int] = mapped_column(ForeignKey("petition.id"), unique=True)
    # 办结报告: the unit, its document number, investigation (completion_report), handling,
    # signer and date.
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"), nullable=True)
    completion_report: Mapped[str] = mapped_column(Text, default="")  # 调查核实情况
    report_doc_no: Mapped[str] = mapped_column(String(60), default="", server_default="")
    report_handling: Mapped[str] = mapped_column(Text, default="", server_default="")
    report_signer: Mapped[str] = mapped_column(String(40), default="", server_default="")
    report_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    # 信访处理意见书: title (office setting when saved), number, request, facts, decision
    # (its wording in reply_opinion), basis, date, and the review route (how, where, days).
    opinion_title: Mapped[str] = mapped_column(String(40), default="", server_default="")
    opinion_no: Mapped[str] = mapped_column(String(40), default="", server_default="")
    opinion_decision: Mapped[OpinionDecision | None] = enum_column(OpinionDecision, nullable=True)
    reply_request: Mapped[str] = mapped_column(Text, default="")
    reply_facts: Mapped[str] = mapped_column(Text, default="")
    reply_opinion: Mapped[str] = mapped_column(Text, default="")
    reply_basis: Mapped[str] = mapped_column(Text, default="")
    reply_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    review_route: Mapped[str] = mapped_column(Text, default="", server_default="")
    review_body: Mapped[str] = mapped_column(String(100), default="", server_default="")
    review_days: Mapped[int] = mapped_column(Integer, default=30, server_default="30")
    # 送达: the method (core.enums.DeliveryMethod value, "" until recorded), the day it was
    # handed over or posted, the tracking number, a note for other methods, who signed,
    # and delivered_at: the day the petitioner RECEIVED it (starts the 复查 window).
    delivery_method: Mapped[str] = mapped_column(String(40), default="")
    delivery_posted_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    delivery_tracking: Mapped[str] = mapped_column(String(40), default="", server_default="")
    delivery_note: Mapped[str] = mapped_column(String(200), default="", server_default="")
    delivery_signer: Mapped[str] = mapped_column(String(40), default="", server_default="")
    delivered_at: Mapped[date | None] = mapped_column(Date, nullable=True)
    signed_by_petitioner: Mapped[bool] = mapped_column(Boolean, default=False)
    satisfaction: Mapped[Satisfaction] = enum_column(Satisfaction, default=Satisfaction.NOT_ASKED)
    satisfaction_method: Mapped[SurveyMethod | None] = enum_column(SurveyMethod, nullable=True)
    satisfaction_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    # When the case was closed (None while open or after a reopening).
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    reopened_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    reopen_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    archived_on: Mapped[date | None] = mapped_column(Date, nullable=True)  # 存档销案

    petition: Mapped[Petition] = relationship()
    department: Mapped[Department | None] = relationship()
    # Bumped by every change of the row: a form saved with an older one is refused
    # (another desk changed it meanwhile; issue 14).
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}


class ReviewRequest(Timestamps, Base):
    """复查 / 复核 request: within 30 days of receiving the decision below, decided within
    30 days (Art. 35–36); a hearing (听证) pushes the due date by its length. A 复核 links
    the 复查 it follows (``previous_id``). ``office_reviews``: False when the office only
    records that the petitioner asked another body."""

    __tablename__ = "review_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    petition_id: Mapped[int] = mapped_column(ForeignKey("petition.id"), index=True)
    level: Mapped[ReviewLevel] = enum_column(ReviewLevel)
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("review_request.id"), nullable=True)
    requested_at: Mapped[date] = mapped_column(Date)
    body: Mapped[str] = mapped_column(String(100), default="")  # the reviewing body
    office_reviews: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    due_rule: Mapped[str] = mapped_column(String(60), default="", server_default="")
    due_uncovered: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    hearing_start: Mapped[date | None] = mapped_column(Date, nullable=True)
    hearing_end: Mapped[date | None] = mapped_column(Date, nullable=True)
    decided_at: Mapped[date | None] = mapped_column(Date, nullable=True)
    outcome: Mapped[ReviewOutcome | None] = enum_column(ReviewOutcome, nullable=True)
    decision: Mapped[str] = mapped_column(Text, default="")
    decision_no: Mapped[str] = mapped_column(String(40), default="", server_default="")
    # The day the petitioner received the decision (starts the 复核 window after a 复查).
    decision_received_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    upheld: Mapped[bool | None] = mapped_column(Boolean, nullable=True)

    petition: Mapped[Petition] = relationship()
