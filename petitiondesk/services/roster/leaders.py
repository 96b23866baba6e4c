"""Leaders (接待领导): rota order, portfolio (分管领域), the form and the list."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from petitiondesk.core import validation
from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.store.db import Database
from petitiondesk.store.models import IssueCategory, Leader, RosterEntry

from .. import audit
from ..result import Result
from ..stale import stale_errors
from ._shared import Saved


def portfolio_text(leader: Leader) -> str:
    names = "、".join(c.name for c in leader.categories)
    note = leader.portfolio_note.strip()
    if names and note:
        return f"{names}（{note}）"
    return names or note


@dataclass
class LeaderInput:
    """The leader form. ``rotation_order`` None puts a new leader at the end of the rota.
    ``category_ids`` is the portfolio (分管领域) used to match visitors' issues."""

    name: str
    id: int | None = None
    title: str = ""
    phone: str = ""
    rotation_order: int | None = None
    active: bool = True
    category_ids: list[int] = field(default_factory=list)
    portfolio_note: str = ""
    #: The leader's version the form was loaded with (None: no check; issue 14).
    version: int | None = None


@dataclass(frozen=True)
class LeaderRow:
    id: int
    name: str
    title: str
    phone: str
    rotation_order: int
    active: bool
    category_ids: tuple[int, ...]
    portfolio: str
    version: int | None = field(default=None, compare=False)


#: The form's text fields, their labels and the columns' lengths.
LENGTHS: tuple[tuple[str, str, int], ...] = (
    ("name", "领导姓名", 40),
    ("title", "职务", 40),
    ("phone", "电话", 40),
    ("portfolio_note", "分管说明", 200),
)


def save_leader(
    db: Database, data: LeaderInput, *, actor: Actor, today: date | None = None
) -> Result[Saved]:
    """Create or update a leader. Deactivating one who still has slots from ``today`` on
    saves, with a warning listing how many need a substitute."""
    if why := refusal(actor, Permission.ROSTER):
        return Result.failure({"": why})
    today = today or date.today()
    errors = validation.storable_problems(data)
    if errors:
        return Result.failure(errors, "领导信息未保存：" + "；".join(errors.values()))

    def put(key: str, message: str | None) -> None:
        if message and key not in errors:
            errors[key] = message

    put("name", validation.check_required(data.name, "领导姓名"))
    put("phone", validation.check_phone(data.phone))
    for key, label, limit in LENGTHS:  # PostgreSQL refuses longer text (SQLite keeps it)
        if len(str(getattr(data, key)).strip()) > limit:
            put(key, f"{label}过长（最多 {limit} 字）")
    if data.rotation_order is not None and data.rotation_order < 0:
        put("rotation_order", "值班顺序应为0或正整数")
    with db.write() as session:
        leader = session.get(Leader, data.id) if data.id is not None else None
        if data.id is not None and leader is None:
            put("id", "该领导不存在")
        if stale := stale_errors(leader, data.version, f"领导 {leader.name if leader else ''}"):
            return Result.failure(stale)
        wanted = list(dict.fromkeys(data.category_ids))
        categories = (
            list(session.scalars(select(IssueCategory).where(IssueCategory.id.in_(wanted))))
            if wanted
            else []
        )
        if len(categories) != len(wanted):
            put("category_ids", "所选分管问题类别不存在")
        if errors:
            return Result.failure(errors, "领导信息未保存：" + "；".join(errors.values()))
        before = audit.snapshot(leader) if leader is not None else None
        order = data.rotation_order
        if order is None:
            if leader is not None:
                order = leader.rotation_order
            else:
                order = int(session.scalar(select(func.max(Leader.rotation_order))) or 0) + 1
        if leader is None:
            leader = Leader()
            session.add(leader)
        leader.name = data.name.strip()
        leader.title = data.title.strip()
        leader.phone = data.phone.strip()
        leader.rotation_order = order
        leader.active = data.active
        leader.portfolio_note = data.portfolio_note.strip()
        by_id = {c.id: c for c in categories}
        leader.categories = [by_id[i] for i in wanted]
        audit.record(
            session,
            actor=actor,
            action="save_leader" if before else "create_leader",
            entity=leader,
            summary=f"{'修改' if before else '新增'}领导 {leader.name}，分管："
            + ("、".join(c.name for c in leader.categories) or "无"),
            before=before,
        )
        warnings: tuple[str, ...] = ()
        if not leader.active:
            upcoming = int(
                session.scalar(
                    select(func.count(RosterEntry.id)).where(
                        RosterEntry.leader_id == leader.id, RosterEntry.day >= today
                    )
                )
                or 0
            )
            if upcoming:
                warnings = (f"{leader.name}今后还有{upcoming}个接待时段，请安排替班或递补",)
        saved = Saved(leader.id, warnings)
    message = f"已保存领导 {data.name.strip()}"
    if warnings:
        message += "。" + warnings[0]
    return Result.success(saved, message)


def list_leaders(db: Database, *, include_inactive: bool = True) -> list[LeaderRow]:
    with db.read() as session:
        stmt = (
            select(Leader)
            .options(selectinload(Leader.categories))
            .order_by(Leader.rotation_order, Leader.id)
        )
        if not include_inactive:
            stmt = stmt.where(Leader.active)
        return [
            LeaderRow(
                id=ld.id,
                name=ld.name,
                title=ld.title,
                phone=ld.phone,
                rotation_order=ld.rotation_order,
                active=ld.active,
                category_ids=tuple(c.id for c in ld.categories),
                portfolio=portfolio_text(ld),
                version=ld.version,
            )
            for ld in session.scalars(stmt)
        ]
