"""Petitioners and petitions (信访事项): the numbered register."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from petitiondesk.core.enums import (
    AcceptanceDecision,
    CaseSource,
    CaseStatus,
    Channel,
    RejectionReason,
    Sex,
)

from .base import Base, Timestamps, enum_column
from .office import Department, IssueCategory, Leader

#: The statuses of the similar-petition candidates (services/repeats.SIMILAR_STATUSES,
#: same order) as the partial index ix_petition_open_category_received holds them.
SIMILAR_INDEX_STATUSES = (
    "registered",
    "accepted",
    "forwarded",
    "referred",
    "answered",
    "in_review",
    "final",
)
SIMILAR_PREDICATE = "status IN ({})".format(", ".join(f"'{s}'" for s in SIMILAR_INDEX_STATUSES))


class Petitioner(Timestamps, Base):
    """A person who petitions; reused across petitions (look-up by ID, phone, name)."""

    __tablename__ = "petitioner"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), index=True)
    sex: Mapped[Sex] = enum_column(Sex, default=Sex.UNKNOWN)
    id_number: Mapped[str | None] = mapped_column(String(18), unique=True, nullable=True)
    birth_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    phone: Mapped[str] = mapped_column(String(40), default="", index=True)
    address: Mapped[str] = mapped_column(String(200), default="")
    work_unit: Mapped[str] = mapped_column(String(100), default="")


class RegisterCounter(Base):
    """Last register sequence number used per year (allocated inside the saving transaction)."""

    __tablename__ = "register_counter"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)


class DocCounter(Base):
    """Last number used per kind of document and year (e.g. acceptance notices
    青信〔2026〕12号); gap-free, allocated inside the saving transaction like register
    numbers (see store/counters.py)."""

    __tablename__ = "doc_counter"

    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)


class Petition(Timestamps, Base):
    """One petition (信访事项) in the register, numbered YYYY-NNNNN."""

    __tablename__ = "petition"
    __table_args__ = (
        UniqueConstraint("year", "seq", name="uq_petition_year_seq"),
        # Similar open petitions of a category, newest first (services/repeats.py).
        Index("ix_petition_category_status_received", "category_id", "status", "received_at"),
        # ... and only the open (or final) ones, the candidates: migration 0014 (the
        # predicate is the one services/repeats.py sends, word for word).
        Index(
            "ix_petition_open_category_received",
            "category_id",
            "received_at",
            sqlite_where=text(SIMILAR_PREDICATE),
            postgresql_where=text(SIMILAR_PREDICATE),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    register_no: Mapped[str] = mapped_column(String(12), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    channel: Mapped[Channel] = enum_column(Channel)
    received_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    petitioner_id: Mapped[int | None] = mapped_column(ForeignKey("petitioner.id"), index=True)
    people_count: Mapped[int] = mapped_column(Integer, default=1)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("issue_category.id"), nullable=True)
    place: Mapped[str] = mapped_column(String(200), default="")  # 问题发生地
    summary: Mapped[str] = mapped_column(Text)
    demands: Mapped[str] = mapped_column(Text, default="")
    receiving_officer: Mapped[str] = mapped_column(String(40), default="")
    duty_leader_id: Mapped[int | None] = mapped_column(ForeignKey("leader.id"), nullable=True)
    handling_opinion: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[CaseStatus] = enum_column(CaseStatus, default=CaseStatus.REGISTERED, index=True)

    # Letters: the date on the letter and the postmark.
    letter_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    postmark: Mapped[str] = mapped_column(String(100), default="")

    # Flags
    repeat_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("petition.id"), nullable=True, index=True
    )
    is_group: Mapped[bool] = mapped_column(Boolean, default=False)  # 集体访
    skipped_level: Mapped[bool] = mapped_column(Boolean, default=False)  # 越级访
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    # Confidential: a report against a person or unit (检举控告); the accused never sees it.
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    accused: Mapped[str] = mapped_column(String(200), default="")
    accused_department_id: Mapped[int | None] = mapped_column(
        ForeignKey("department.id"), nullable=True
    )

    # Acceptance (受理) — 信访工作条例 2022 第二十三条: written notice within 15 days.
    acceptance_due: Mapped[date | None] = mapped_column(Date, nullable=True)
    # Each deadline keeps the rule it was set with (core.deadlines.format_rule_spec, ""
    # for rows from before 0003) and whether it rests on a guessed calendar (待核).
    acceptance_due_rule: Mapped[str] = mapped_column(String(60), default="", server_default="")
    acceptance_due_uncovered: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default="0"
    )
    acceptance: Mapped[AcceptanceDecision | None] = enum_column(AcceptanceDecision, nullable=True)
    acceptance_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    rejection_reason: Mapped[RejectionReason | None] = enum_column(RejectionReason, nullable=True)
    redirect_body: Mapped[str] = mapped_column(String(200), default="")  # where to go instead
    notice_no: Mapped[str] = mapped_column(String(40), default="")  # 〔2026〕12号
    notice_printed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    acceptance_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    # A forwarded matter goes to the other body within the forward_other_body rule (3 days).
    forward_due: Mapped[date | None] = mapped_column(Date, nullable=True)
    forward_due_rule: Mapped[str] = mapped_column(String(60), default="", server_default="")
    forward_due_uncovered: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # Handling limit (办理期限): 60 days from acceptance (Art. 34), set when accepted.
    handling_due: Mapped[date | None] = mapped_column(Date, nullable=True)
    handling_due_rule: Mapped[str] = mapped_column(String(60), default="", server_default="")
    handling_due_uncovered: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    case_leader_id: Mapped[int | None] = mapped_column(ForeignKey("leader.id"), nullable=True)
    # Cases from above (上级交办/转送, 领导批示件, 12345 热线): the source, its document
    # number, its own deadline (caps the office rule when earlier) and the report-back to it.
    source_kind: Mapped[CaseSource] = enum_column(
        CaseSource, default=CaseSource.OWN, server_default=CaseSource.OWN.value
    )
    source_body: Mapped[str] = mapped_column(String(100), default="", server_default="")
    source_doc_no: Mapped[str] = mapped_column(String(60), default="", server_default="")
    source_due: Mapped[date | None] = mapped_column(Date, nullable=True)
    source_reported_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    source_report_doc_no: Mapped[str] = mapped_column(String(60), default="", server_default="")
    source_report_note: Mapped[str] = mapped_column(Text, default="", server_default="")

    petitioner: Mapped[Petitioner | None] = relationship()
    category: Mapped[IssueCategory | None] = relationship()
    duty_leader: Mapped[Leader | None] = relationship(foreign_keys=[duty_leader_id])
    case_leader: Mapped[Leader | None] = relationship(foreign_keys=[case_leader_id])
    accused_department: Mapped[Department | None] = relationship()
    repeat_of: Mapped[Petition | None] = relationship(remote_side=[id])
    representatives: Mapped[list[Representative]] = relationship(
        back_populates="petition", cascade="all, delete-orphan", order_by="Representative.position"
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="petition", cascade="all, delete-orphan", order_by="Attachment.id"
    )
    # Bumped by every change of the row: a form saved with an older one is refused
    # (another desk changed it meanwhile; issue 14).
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}


class Representative(Base):
    """A named representative of a group visit (≤ 5, 信访工作条例 2022 第二十条)."""

    __tablename__ = "representative"

    id: Mapped[int] = mapped_column(primary_key=True)
    petition_id: Mapped[int] = mapped_column(ForeignKey("petition.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=1)
    name: Mapped[str] = mapped_column(String(40))
    id_number: Mapped[str] = mapped_column(String(18), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")

    petition: Mapped[Petition] = relationship(back_populates="representatives")


class Attachment(Base):
    """A scanned letter or photo, copied into the data folder and hashed."""

    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    petition_id: Mapped[int] = mapped_column(
        ForeignKey("petition.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(200))
    # Relative to the attachments folder (posix separators), so the data folder can move.
    stored_path: Mapped[str] = mapped_column(String(400))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    added_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())

    petition: Mapped[Petition] = relationship(back_populates="attachments")


class ConversationRecord(Timestamps, Base):
    """接谈记录: what was said when a leader received the visitor on a reception day,
    and the leader's instruction. One per petition (saved again to correct it)."""

    __tablename__ = "conversation_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    petition_id: Mapped[int] = mapped_column(
        ForeignKey("petition.id", ondelete="CASCADE"), unique=True
    )
    leader_id: Mapped[int] = mapped_column(ForeignKey("leader.id"))
    roster_entry_id: Mapped[int | None] = mapped_column(
        ForeignKey("roster_entry.id"), nullable=True
    )
    held_at: Mapped[datetime] = mapped_column(DateTime)
    place: Mapped[str] = mapped_column(String(100), default="")
    attendees: Mapped[str] = mapped_column(Text, default="")  # 陪同接谈人员
    content: Mapped[str] = mapped_column(Text)  # 谈话内容
    leader_instruction: Mapped[str] = mapped_column(Text, default="")  # 领导意见
    recorder: Mapped[str] = mapped_column(String(40))  # 记录人

    petition: Mapped[Petition] = relationship()
    leader: Mapped[Leader] = relationship()
