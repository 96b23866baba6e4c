"""The supervision board (督办看板) and the overdue lists.

* :func:`referral_board`: open referrals classified 已超期 / N 日内到期 (N = the office's
  ``due_soon_days``) / 正常 as of a day, with counts, filtered and sorted by due date;
* :func:`referral_counts`: the same counts, unfiltered, by one cheap query (the tab title
  while the board is not loaded);
* :func:`overdue_referrals`: the rows of ``petitiondesk overdue`` (TSV);
* :func:`overdue_notice`: the data of the 通报 for a period — the units that missed
  deadlines, each case and its days overdue — with cases the clerk excluded (and why).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from petitiondesk.core.enums import CaseSource, DueState, ReferralKind, ReferralStatus
from petitiondesk.core.identity import Actor
from petitiondesk.core.referral_rules import days_overdue, due_state
from petitiondesk.store.db import Database
from petitiondesk.store.models import OfficeSettings, Petition, Referral, SupervisionSlip

from ..result import Result
from ..visibility import case_condition, may_see, visibility
from ._common import lead_unit


@dataclass(frozen=True)
class BoardFilter:
    """None: any. ``unit_id`` matches the lead unit or a co-handler; ``leader_id`` the
    case-owning leader (包案领导)."""

    unit_id: int | None = None
    leader_id: int | None = None
    category_id: int | None = None
    source: CaseSource | None = None
    state: DueState | None = None


@dataclass(frozen=True)
class BoardRow:
    referral_id: int
    petition_id: int
    register_no: str
    referral_no: str
    kind: ReferralKind
    unit: str  # the lead unit
    co_units: tuple[str, ...]
    case_leader: str
    category: str
    source: CaseSource
    summary: str
    referred_on: date | None
    due_date: date
    due_estimate: bool
    state: DueState
    days_left: int  # calendar days; negative when overdue
    received: bool  # the lead unit signed for it
    extended: bool
    supervised: bool
    urged: int  # reminders so far

    @property
    def days_overdue(self) -> int:
        return max(0, -self.days_left)


@dataclass(frozen=True)
class Board:
    as_of: date
    soon_days: int
    rows: tuple[BoardRow, ...]
    counts: dict[DueState, int]  # over the filtered rows, before the state filter

    @property
    def title(self) -> str:
        """``交办督办（超期 3 · 将到期 2）`` for the tab title."""
        over, soon = self.counts[DueState.OVERDUE], self.counts[DueState.DUE_SOON]
        return f"交办督办（超期 {over} · 将到期 {soon}）"


def _soon_days(session: Session) -> int:
    office = session.get(OfficeSettings, 1)
    return office.due_soon_days if office else 3


def _open_referrals(session: Session) -> list[Referral]:
    return list(
        session.scalars(
            select(Referral)
            .where(Referral.status == ReferralStatus.OPEN)
            .options(
                joinedload(Referral.petition).joinedload(Petition.category),
                joinedload(Referral.department),
                joinedload(Referral.case_leader),
                selectinload(Referral.units),
                selectinload(Referral.extensions),
                selectinload(Referral.urges),
            )
        ).unique()
    )


def _matches(r: Referral, f: BoardFilter) -> bool:
    p = r.petition
    return (
        (f.unit_id is None or any(u.department_id == f.unit_id for u in r.units))
        and (f.leader_id is None or r.case_leader_id == f.leader_id)
        and (f.category_id is None or p.category_id == f.category_id)
        and (f.source is None or p.source_kind is f.source)
    )


def _row(r: Referral, as_of: date, soon: int, supervised: set[int]) -> BoardRow:
    p = r.petition
    lead = lead_unit(r)
    return BoardRow(
        referral_id=r.id, petition_id=p.id, register_no=p.register_no,
        referral_no=r.referral_no, kind=r.kind, unit=r.department.name,
        co_units=tuple(u.department.name for u in r.units if not u.lead),
        case_leader=r.case_leader.name if r.case_leader else "",
        category=p.category.name if p.category else "", source=p.source_kind,
        summary=p.summary, referred_on=r.referred_on, due_date=r.due_date,
        due_estimate=r.due_uncovered, state=due_state(as_of, r.due_date, soon),
        days_left=(r.due_date - as_of).days,
        received=lead is not None and lead.received_on is not None,
        extended=bool(r.extensions), supervised=r.id in supervised or -p.id in supervised,
        urged=len(r.urges),
    )  # fmt: skip


def referral_board(
    db: Database,
    as_of: date,
    where: BoardFilter | None = None,
    *,
    descending: bool = False,
    actor: Actor | None = None,
) -> Board:
    """Open referrals as of ``as_of``, sorted by due date (then register number); with
    ``actor`` only those of the cases it may see (a leader: the cases it owns)."""
    where = where or BoardFilter()
    with db.read() as session:
        vis = visibility(session, actor)
        soon = _soon_days(session)
        supervised: set[int] = set()  # referral ids, and petition ids negated (whole case)
        for rid, pid in session.execute(
            select(SupervisionSlip.referral_id, SupervisionSlip.petition_id)
        ):
            supervised.add(rid if rid is not None else -pid)
        rows = [
            _row(r, as_of, soon, supervised)
            for r in _open_referrals(session)
            if _matches(r, where) and may_see(vis, r.petition)
        ]
    counts = {s: sum(1 for row in rows if row.state is s) for s in DueState}
    if where.state is not None:
        rows = [row for row in rows if row.state is where.state]
    rows.sort(key=lambda row: (row.due_date, row.register_no), reverse=descending)
    return Board(as_of, soon, tuple(rows), counts)


def referral_counts(db: Database, as_of: date, *, actor: Actor | None = None) -> Board:
    """The counts of :func:`referral_board` (no filter) without its rows: one query (of the
    cases ``actor`` may see)."""
    with db.read() as session:
        seen = case_condition(visibility(session, actor))
        soon = _soon_days(session)
        due = Referral.due_date
        overdue = func.sum(case((due < as_of, 1), else_=0))
        due_soon = func.sum(case((due.between(as_of, as_of + timedelta(days=soon)), 1), else_=0))
        row = session.execute(
            select(overdue, due_soon, func.count())
            .join(Petition, Petition.id == Referral.petition_id)
            .where(Referral.status == ReferralStatus.OPEN, seen)
        ).one()
    over, near, total = (int(n or 0) for n in row)
    counts = {DueState.OVERDUE: over, DueState.DUE_SOON: near, DueState.NORMAL: total - over - near}
    return Board(as_of, soon, (), counts)


@dataclass(frozen=True)
class OverdueRow:
    """One line of ``petitiondesk overdue`` (TSV, header :data:`OVERDUE_HEADER`)."""

    register_no: str
    referral_no: str
    unit: str
    due_date: date
    days_overdue: int

    def cells(self) -> tuple[str, ...]:
        return (
            self.register_no, self.referral_no, self.unit,
            self.due_date.isoformat(), str(self.days_overdue),
        )  # fmt: skip


OVERDUE_HEADER: tuple[str, ...] = ("登记号", "交办号", "承办单位", "办理期限", "超期天数")


def overdue_referrals(db: Database, as_of: date) -> list[OverdueRow]:
    """Open referrals past their due date on ``as_of``, most overdue first."""
    board = referral_board(db, as_of, BoardFilter(state=DueState.OVERDUE))
    return [
        OverdueRow(r.register_no, r.referral_no, r.unit, r.due_date, r.days_overdue)
        for r in board.rows
    ]


@dataclass(frozen=True)
class Exclusion:
    """A case the clerk leaves out of the notice: register or referral number + reason."""

    case: str
    reason: str


@dataclass(frozen=True)
class OverdueCase:
    register_no: str
    referral_no: str
    category: str  # never the summary: the notice goes to every unit (Art. 30)
    due_date: date
    reported_on: date | None  # None: still not reported at the end of the period
    days_overdue: int


@dataclass(frozen=True)
class UnitOverdue:
    unit: str
    cases: tuple[OverdueCase, ...]


@dataclass(frozen=True)
class ExcludedCase:
    register_no: str
    referral_no: str
    unit: str
    reason: str


@dataclass(frozen=True)
class OverdueNotice:
    start: date
    end: date
    units: tuple[UnitOverdue, ...]  # by most cases, then name
    excluded: tuple[ExcludedCase, ...]

    @property
    def case_count(self) -> int:
        return sum(len(u.cases) for u in self.units)


def _late_in_period(r: Referral, start: date, end: date) -> OverdueCase | None:
    """The referral missed its deadline inside [start, end]: due before ``end`` and not
    reported by its due date, with the lateness reaching into the period."""
    lead = lead_unit(r)
    reported = lead.reported_on if lead else r.answered_at
    if r.due_date >= end or (reported is not None and reported <= r.due_date):
        return None
    if reported is not None and reported < start:
        return None
    stop = min(reported, end) if reported is not None else end
    p = r.petition
    return OverdueCase(
        p.register_no, r.referral_no, p.category.name if p.category else "",
        r.due_date, reported if reported is not None and reported <= end else None,
        days_overdue(stop, r.due_date),
    )  # fmt: skip


def overdue_notice(
    db: Database, start: date, end: date, exclusions: Sequence[Exclusion] = ()
) -> Result[OverdueNotice]:
    """The 通报 data for the period ``start``–``end`` (inclusive)."""
    if end < start:
        return Result.failure({"end": "结束日期不能早于开始日期"})
    for ex in exclusions:
        if not ex.reason.strip():
            return Result.failure({"exclusions": f"请填写不列入通报的理由（{ex.case}）"})
    reasons = {ex.case.strip(): ex.reason.strip() for ex in exclusions}
    statuses = (ReferralStatus.OPEN, ReferralStatus.ANSWERED, ReferralStatus.CLOSED)
    by_unit: dict[str, list[OverdueCase]] = {}
    excluded: list[ExcludedCase] = []
    with db.read() as session:
        referrals = session.scalars(
            select(Referral)
            .where(Referral.status.in_(statuses), Referral.due_date < end)
            .options(
                joinedload(Referral.petition).joinedload(Petition.category),
                joinedload(Referral.department),
                selectinload(Referral.units),
            )
        ).unique()
        for r in referrals:
            case = _late_in_period(r, start, end)
            if case is None:
                continue
            reason = reasons.get(case.register_no) or reasons.get(case.referral_no)
            if reason:
                excluded.append(
                    ExcludedCase(case.register_no, case.referral_no, r.department.name, reason)
                )
                continue
            by_unit.setdefault(r.department.name, []).append(case)
    units = sorted(
        (UnitOverdue(u, tuple(sorted(c, key=lambda x: x.register_no))) for u, c in by_unit.items()),
        key=lambda u: (-len(u.cases), u.unit),
    )
    return Result.success(OverdueNotice(start, end, tuple(units), tuple(excluded)))
