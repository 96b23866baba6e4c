"""Accounts: who may sign in to the window, in which role (core.identity.Role).

Passwords are stored only as argon2 hashes (services/accounts.py); a forgotten password
is reset by another administrator, never recovered. A leader's account names the
leader (``leader_id``) whose 包案 cases it sees.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from petitiondesk.core.identity import Role

from .base import Base, enum_column
from .office import Leader


class Account(Base):
    __tablename__ = "account"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(40))
    role: Mapped[Role] = enum_column(Role)
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    leader_id: Mapped[int | None] = mapped_column(ForeignKey("leader.id"), nullable=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())

    leader: Mapped[Leader | None] = relationship(foreign_keys=[leader_id])
