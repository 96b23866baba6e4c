"""Office-wide settings and reference data: leaders, departments, categories, calendar."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from petitiondesk.core.enums import DayUnit, DepartmentKind

from .base import Base, enum_column

leader_category = Table(
    "leader_category",
    Base.metadata,
    Column("leader_id", ForeignKey("leader.id", ondelete="CASCADE"), primary_key=True),
    Column("category_id", ForeignKey("issue_category.id", ondelete="CASCADE"), primary_key=True),
)


class OfficeSettings(Base):
    """One row (id=1): who the office is and how it works."""

    __tablename__ = "office_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    letterhead: Mapped[str] = mapped_column(String(200), default="")
    # Prefix of document numbers, e.g. "某信访" → 某信访〔2026〕12号
    doc_prefix: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    # Group visits (信访工作条例 2022 第二十条): at most 5 representatives;
    # some provinces allow only 3 when the group has 10 or fewer people.
    group_rep_limit: Mapped[int] = mapped_column(Integer, default=5)
    small_group_rep_limit: Mapped[int | None] = mapped_column(Integer, nullable=True)
    small_group_max_people: Mapped[int] = mapped_column(Integer, default=10)
    default_receiving_officer: Mapped[str] = mapped_column(String(40), default="")
    demo_offer_answered: Mapped[bool] = mapped_column(Boolean, default=False)
    seal_text: Mapped[str] = mapped_column(String(100), default="", server_default="")
    # One name per line; the intake form offers them as receiving officers (接待人).
    receiving_officers: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The boards show a case as 即将到期 this many days before its deadline.
    due_soon_days: Mapped[int] = mapped_column(Integer, default=3, server_default="3")
    # A visit of at least this many people counts as 集体访 (not tied to the rep limits).
    group_visit_min_people: Mapped[int] = mapped_column(Integer, default=5, server_default="5")
    # Recipients of a 督办单 beyond the standing roles (core.enums.SupervisionRole), one a line.
    supervision_roles: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The written opinion's title (Art. 32; many offices say 答复意见书) and the bodies
    # the petitioner asks for 复查 (the body above the office) and 复核 (the one above that).
    opinion_title: Mapped[str] = mapped_column(
        String(40), default="信访处理意见书", server_default="信访处理意见书"
    )
    review_body: Mapped[str] = mapped_column(String(100), default="", server_default="")
    rereview_body: Mapped[str] = mapped_column(String(100), default="", server_default="")
    # How many automatic backups the data folder keeps (services/backup.py).
    backup_keep: Mapped[int] = mapped_column(Integer, default=10, server_default="10")
    # The year-end archive (DA/T 22-2015): 全宗号, 机构(问题)代码, 门类代码 and the default
    # 保管期限 (Y 永久 / D30 / D10) of a category that names none (services/archive).
    fonds_no: Mapped[str] = mapped_column(String(20), default="", server_default="")
    archive_org_code: Mapped[str] = mapped_column(String(20), default="", server_default="")
    archive_class_code: Mapped[str] = mapped_column(String(10), default="WS", server_default="WS")
    archive_retention: Mapped[str] = mapped_column(String(4), default="D30", server_default="D30")
    # Early warning (core/clusters.py): this many similar petitions on one place within
    # this many days form a cluster (苗头性、倾向性问题).
    cluster_window_days: Mapped[int] = mapped_column(Integer, default=30, server_default="30")
    cluster_threshold: Mapped[int] = mapped_column(Integer, default=3, server_default="3")
    # The window locks after this many minutes without input (0: never).
    idle_lock_minutes: Mapped[int] = mapped_column(Integer, default=10, server_default="10")
    # Roles (core.identity.Role values, comma-separated) that see confidential cases in full.
    confidential_roles: Mapped[str] = mapped_column(
        String(100), default="admin", server_default="admin"
    )
    # Bumped by every change of the row: a form saved with an older one is refused
    # (another desk changed it meanwhile; issue 14).
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}


class DeadlineRule(Base):
    """A deadline the office applies: N calendar or working days (an office setting)."""

    __tablename__ = "deadline_rule"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    days: Mapped[int] = mapped_column(Integer)
    unit: Mapped[DayUnit] = enum_column(DayUnit)
    roll_to_workday: Mapped[bool] = mapped_column(Boolean, default=True)
    basis: Mapped[str] = mapped_column(String(200), default="")
    # An inactive rule is no longer offered for new deadlines; old ones keep their dates.
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")


class IssueCategory(Base):
    __tablename__ = "issue_category"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # 保管期限 of this category's cases in the year-end archive ("" = the office default).
    retention: Mapped[str] = mapped_column(String(4), default="", server_default="")


class Leader(Base):
    __tablename__ = "leader"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(40), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    rotation_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    portfolio_note: Mapped[str] = mapped_column(String(200), default="")
    categories: Mapped[list[IssueCategory]] = relationship(
        secondary=leader_category, order_by=IssueCategory.sort_order
    )
    # Bumped by every change of the row: a form saved with an older one is refused
    # (another desk changed it meanwhile; issue 14).
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}


class Department(Base):
    """An internal department (科室, 交办) or an external unit (外单位, 转送)."""

    __tablename__ = "department"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[DepartmentKind] = enum_column(DepartmentKind)
    head: Mapped[str] = mapped_column(String(40), default="")
    contact: Mapped[str] = mapped_column(String(40), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Holiday(Base):
    """The office's own holiday table; overrides chinesecalendar and extends it."""

    __tablename__ = "holiday"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    is_workday: Mapped[bool] = mapped_column(Boolean)
    name: Mapped[str] = mapped_column(String(40), default="")
    source: Mapped[str] = mapped_column(String(80), default="office")


class CalendarYear(Base):
    """A year whose State Council holiday notice the office has entered in full."""

    __tablename__ = "calendar_year"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    notice: Mapped[str] = mapped_column(Text, default="")
    entered_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
