"""The 办结 tab's queues: cases awaiting closure (reported, not yet closed), review
windows open (with the days left to ask), reviews due (with their due dates)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.interfaces import ORMOption

from petitiondesk.core.enums import CaseStatus, ReviewLevel
from petitiondesk.core.identity import Actor
from petitiondesk.core.referral_rules import REDACTED
from petitiondesk.store.db import Database
from petitiondesk.store.models import Closure, Petition, ReviewRequest

from ..visibility import EVERYTHING, Visibility, case_condition, hidden, may_see, visibility
from .review import open_window
from .views import missing_lines


@dataclass(frozen=True)
class AwaitingRow:
    register_no: str
    name: str
    category: str
    summary: str
    reported_on: date | None  # the completion report's date
    missing: tuple[str, ...]


@dataclass(frozen=True)
class WindowRow:
    register_no: str
    name: str
    level: ReviewLevel  # what may be asked for
    received_on: date
    last_day: date
    days_left: int  # 0 = last day today
    estimate: bool  # the last day rests on a guessed calendar (待核)


@dataclass(frozen=True)
class ReviewDueRow:
    review_id: int
    register_no: str
    name: str
    level: ReviewLevel
    body: str
    office_reviews: bool
    requested_on: date
    due_date: date | None
    days_left: int | None  # negative: overdue
    hearing: bool


@dataclass(frozen=True)
class ClosureBoard:
    as_of: date
    awaiting: tuple[AwaitingRow, ...]
    windows_open: tuple[WindowRow, ...]
    reviews_due: tuple[ReviewDueRow, ...]

    @property
    def counts(self) -> tuple[int, int, int]:
        """(awaiting closure, windows open, reviews due) — for the tab title."""
        return len(self.awaiting), len(self.windows_open), len(self.reviews_due)


#: A review window (复查/复核: 30 days by law) can only be open for a decision delivered
#: or received within this many days; older closed cases are not looked at, so the board
#: costs the same on a ten-year register (it used to run two queries per closed case).
WINDOW_LOOKBACK_DAYS = 400


def _recent_closed(as_of: date) -> list[ColumnElement[bool]]:
    """Conditions: closed cases with a decision delivered or received recently."""
    since = as_of - timedelta(days=WINDOW_LOOKBACK_DAYS)
    delivered = select(Closure.petition_id).where(Closure.delivered_at >= since)
    decided = select(ReviewRequest.petition_id).where(ReviewRequest.decision_received_on >= since)
    return [
        Petition.status == CaseStatus.CLOSED,
        or_(Petition.id.in_(delivered), Petition.id.in_(decided)),
    ]


def _name(p: Petition, vis: Visibility | None = None) -> str:
    if hidden(vis or EVERYTHING, p):
        return REDACTED
    return p.petitioner.name if p.petitioner else "匿名"


def _open_windows(
    session: Session,
    as_of: date,
    opts: Sequence[ORMOption] = (),
    vis: Visibility = EVERYTHING,
) -> list[WindowRow]:
    """Recently closed cases whose review window is still open on ``as_of`` (of those
    ``vis`` may see; confidential names redacted as it must)."""
    windows: list[WindowRow] = []
    closed = session.scalars(
        select(Petition).where(*_recent_closed(as_of), case_condition(vis)).options(*opts)
    ).unique()
    for p in closed:
        w = open_window(session, p)
        if w is not None and w.last_day >= as_of:
            windows.append(
                WindowRow(
                    p.register_no,
                    _name(p, vis),
                    w.level,
                    w.received_on,
                    w.last_day,
                    (w.last_day - as_of).days,
                    not w.covered,
                )  # fmt: skip
            )
    return windows


def closure_counts(
    db: Database, as_of: date, *, actor: Actor | None = None
) -> tuple[int, int, int]:
    """:attr:`ClosureBoard.counts` without reading the queues' rows (the tab title), of
    the cases ``actor`` may see."""
    with db.read() as session:
        vis = visibility(session, actor)
        seen = case_condition(vis)
        awaiting = session.scalar(
            select(func.count())
            .select_from(Petition)
            .where(Petition.status == CaseStatus.ANSWERED, seen)
        )
        due = session.scalar(
            select(func.count())
            .select_from(ReviewRequest)
            .join(Petition, Petition.id == ReviewRequest.petition_id)
            .where(ReviewRequest.decided_at.is_(None), seen)
        )
        windows = len(_open_windows(session, as_of, (joinedload(Petition.petitioner),), vis))
    return int(awaiting or 0), windows, int(due or 0)


def closure_board(db: Database, as_of: date, *, actor: Actor | None = None) -> ClosureBoard:
    """The three queues on ``as_of``, most urgent first; with ``actor`` only the cases it
    may see (a leader: the cases it owns), confidential names redacted as it must."""
    with db.read() as session:
        vis = visibility(session, actor)
        opts = (joinedload(Petition.petitioner), joinedload(Petition.category))
        answered = session.scalars(
            select(Petition).where(Petition.status == CaseStatus.ANSWERED).options(*opts)
        ).unique()
        closures = {
            c.petition_id: c
            for c in session.scalars(select(Closure).join(Petition).where(
                Petition.status.in_((CaseStatus.ANSWERED, CaseStatus.CLOSED))
            ))
        }  # fmt: skip
        awaiting = [
            AwaitingRow(
                p.register_no,
                _name(p, vis),
                p.category.name if p.category else "",
                p.summary,
                closures[p.id].report_date if p.id in closures else None,
                tuple(missing_lines(p, closures.get(p.id))),
            )  # fmt: skip
            for p in answered
            if may_see(vis, p)
        ]
        windows = _open_windows(session, as_of, opts, vis)
        due_rows = [
            ReviewDueRow(
                rv.id,
                rv.petition.register_no,
                _name(rv.petition, vis),
                rv.level,
                rv.body,
                rv.office_reviews,
                rv.requested_at,
                rv.due_date,
                (rv.due_date - as_of).days if rv.due_date else None,
                rv.hearing_start is not None,
            )  # fmt: skip
            for rv in session.scalars(
                select(ReviewRequest)
                .where(ReviewRequest.decided_at.is_(None))
                .options(joinedload(ReviewRequest.petition).joinedload(Petition.petitioner))
            ).unique()
            if may_see(vis, rv.petition)
        ]
    awaiting.sort(key=lambda r: (r.reported_on or date.max, r.register_no))
    windows.sort(key=lambda r: (r.last_day, r.register_no))
    due_rows.sort(key=lambda r: (r.due_date or date.max, r.register_no))
    return ClosureBoard(as_of, tuple(awaiting), tuple(windows), tuple(due_rows))
