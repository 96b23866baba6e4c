"""Leaders' reception days (领导接待日): rules, roster entries, changes, appointments."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from petitiondesk.core.enums import (
    AppointmentKind,
    AppointmentStatus,
    DayOffPolicy,
    ReceptionRuleKind,
    RosterChangeKind,
)

from .base import Base, enum_column
from .office import Department, IssueCategory, Leader


class ReceptionRule(Base):
    __tablename__ = "reception_rule"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    kind: Mapped[ReceptionRuleKind] = enum_column(ReceptionRuleKind)
    weekday: Mapped[int | None] = mapped_column(Integer, nullable=True)  # 0 = Monday
    nth: Mapped[int | None] = mapped_column(Integer, nullable=True)  # 1..5, -1 = last
    # Time slots as "08:30-12:00;14:30-18:00"
    slots: Mapped[str] = mapped_column(String(100), default="08:30-12:00")
    place: Mapped[str] = mapped_column(String(100), default="")
    on_day_off: Mapped[DayOffPolicy] = enum_column(DayOffPolicy, default=DayOffPolicy.SKIP)
    capacity: Mapped[int] = mapped_column(Integer, default=10)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    valid_from: Mapped[date | None] = mapped_column(Date, nullable=True)
    valid_to: Mapped[date | None] = mapped_column(Date, nullable=True)


class RosterEntry(Base):
    """One reception slot: a date, a time span, a place and the leader on duty."""

    __tablename__ = "roster_entry"
    __table_args__ = (UniqueConstraint("day", "start_time", "place", name="uq_roster_entry_slot"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_id: Mapped[int | None] = mapped_column(ForeignKey("reception_rule.id"), nullable=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)
    place: Mapped[str] = mapped_column(String(100), default="")
    leader_id: Mapped[int] = mapped_column(ForeignKey("leader.id"))
    accompany_department_id: Mapped[int | None] = mapped_column(
        ForeignKey("department.id"), nullable=True
    )
    accompany_person: Mapped[str] = mapped_column(String(40), default="")
    capacity: Mapped[int] = mapped_column(Integer, default=10)
    manual: Mapped[bool] = mapped_column(Boolean, default=False)
    calendar_uncovered: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(String(200), default="")

    leader: Mapped[Leader] = relationship()
    accompany_department: Mapped[Department | None] = relationship()
    rule: Mapped[ReceptionRule | None] = relationship()
    # Bumped by every change of the row: a form saved with an older one is refused
    # (another desk changed it meanwhile; issue 14).
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}


class RosterChange(Base):
    """History of substitutions (替班), swaps (调换) and fill-ins (递补)."""

    __tablename__ = "roster_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("roster_entry.id", ondelete="CASCADE"))
    kind: Mapped[RosterChangeKind] = enum_column(RosterChangeKind, length=20)
    from_leader_id: Mapped[int] = mapped_column(ForeignKey("leader.id"))
    to_leader_id: Mapped[int] = mapped_column(ForeignKey("leader.id"))
    other_entry_id: Mapped[int | None] = mapped_column(ForeignKey("roster_entry.id"), nullable=True)
    reason: Mapped[str] = mapped_column(String(200), default="")
    requested_by: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class Appointment(Base):
    """A booking (预约) or a walk-in (现场排队) for a reception slot."""

    __tablename__ = "appointment"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("roster_entry.id"))
    kind: Mapped[AppointmentKind] = enum_column(
        AppointmentKind, length=20, default=AppointmentKind.APPOINTMENT
    )
    queue_no: Mapped[int] = mapped_column(Integer)
    visitor_name: Mapped[str] = mapped_column(String(40))
    phone: Mapped[str] = mapped_column(String(40), default="")
    petitioner_id: Mapped[int | None] = mapped_column(ForeignKey("petitioner.id"), nullable=True)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("issue_category.id"), nullable=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    responsible_department_id: Mapped[int | None] = mapped_column(
        ForeignKey("department.id"), nullable=True
    )
    status: Mapped[AppointmentStatus] = enum_column(
        AppointmentStatus, length=20, default=AppointmentStatus.BOOKED
    )
    petition_id: Mapped[int | None] = mapped_column(ForeignKey("petition.id"), nullable=True)
    booked_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())

    entry: Mapped[RosterEntry] = relationship()
    category: Mapped[IssueCategory | None] = relationship()
