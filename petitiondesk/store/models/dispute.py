"""The dispute-screening register (矛盾纠纷排查台账): one row per screened dispute."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from petitiondesk.core.disputes import DisputeStatus, RiskLevel

from .base import Base, Timestamps, enum_column


class Dispute(Timestamps, Base):
    """A dispute found in a month's screening, who answers for it and how it stands."""

    __tablename__ = "dispute"

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[date] = mapped_column(Date, index=True)  # the first day of the month
    place: Mapped[str] = mapped_column(String(200))
    matter: Mapped[str] = mapped_column(Text)  # 矛盾纠纷简要情况
    parties: Mapped[str] = mapped_column(String(200), default="")  # 涉及人员
    people_count: Mapped[int] = mapped_column(Integer, default=1)
    risk: Mapped[RiskLevel] = enum_column(RiskLevel, default=RiskLevel.MEDIUM)
    leader: Mapped[str] = mapped_column(String(40), default="")  # 责任领导
    unit: Mapped[str] = mapped_column(String(100), default="")  # 责任单位
    person: Mapped[str] = mapped_column(String(40), default="")  # 责任人
    deadline: Mapped[date | None] = mapped_column(Date, nullable=True)  # 化解时限
    status: Mapped[DisputeStatus] = enum_column(DisputeStatus, default=DisputeStatus.OPEN)
    resolved_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")  # 化解措施及进展
