"""Extensions (延期, 信访工作条例 Art. 34) and the case's deadline summary.

An extension needs a reason and an approver; it adds at most 30 days in all (the office
rule ``extension_max``, never beyond the statute's 30). The new due date is the old one
plus the days in calendar days, rolled to a working day — the same rule
services/deadline_recompute.py applies when the holiday calendar changes (spec
``extension:<days>:calendar:1`` from the old due date). The petitioner is told why (the
延期办理告知书, ``petitioner_told``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from petitiondesk.core.deadlines import DeadlineRule as CoreRule
from petitiondesk.core.deadlines import Due, due_date, parse_rule_spec
from petitiondesk.core.enums import DayUnit
from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.core.referral_rules import MAX_EXTENSION_DAYS, extension_problem, rule_text
from petitiondesk.store.db import Database
from petitiondesk.store.models import Extension, Petition, Referral

from .. import audit
from ..calendar import load_calendar, office_rule
from ..result import Result
from ._common import (
    date_problem,
    open_referral,
    referral_stale,
    refuse,
    stored_rule_text,
    text_problems,
)


@dataclass
class ExtensionInput:
    """Field names are the error keys."""

    reason: str
    approved_by: str
    approved_on: date
    days: int
    petitioner_told: bool = False
    #: The referral's version the form was loaded with (None: no check; issue 14).
    version: int | None = None


@dataclass(frozen=True)
class ExtensionView:
    extension_id: int
    referral_id: int
    referral_no: str
    reason: str
    approved_by: str
    approved_on: date
    days: int
    old_due: date
    new_due: date
    estimate: bool  # new_due rests on a year whose holidays are not entered
    petitioner_told: bool

    @property
    def text(self) -> str:
        """``延期30日（张建国批准）→ 2027-03-17``."""
        return f"延期{self.days}日（{self.approved_by}批准）→ {self.new_due.isoformat()}"


def _view(ext: Extension, referral: Referral, estimate: bool = False) -> ExtensionView:
    return ExtensionView(
        ext.id, referral.id, referral.referral_no, ext.reason, ext.approved_by,
        ext.approved_at, ext.days, ext.old_due, ext.new_due, estimate, ext.petitioner_told,
    )  # fmt: skip


def extend_referral(
    db: Database,
    referral_id: int,
    data: ExtensionInput,
    *,
    actor: Actor,
    today: date | None = None,
) -> Result[ExtensionView]:
    if why := refusal(actor, Permission.REFER):
        return Result.failure({"": why})
    today = today or date.today()
    errors = text_problems(
        {"reason": (data.reason, "延期理由"), "approved_by": (data.approved_by, "批准人")},
        required=("reason", "approved_by"),
    )
    if len(data.approved_by.strip()) > 40:
        errors["approved_by"] = "批准人不能超过40个字"
    problem = date_problem(data.approved_on, today, "批准日期")
    if problem:
        errors["approved_on"] = problem
    with db.write() as session:
        referral, why = open_referral(session, referral_id)
        if referral is None:
            return Result.failure({"referral": why})
        if stale := referral_stale(referral, data.version):
            return Result.failure(stale)
        limit = min(office_rule(session, "extension_max").days, MAX_EXTENSION_DAYS)
        already = sum(e.days for e in referral.extensions)
        problem = extension_problem(data.days, already, limit)
        if problem:
            errors["days"] = problem
        if errors:
            return refuse(errors, "延期")
        old_due = referral.due_date
        due = due_date(load_calendar(session), old_due, CoreRule(data.days, DayUnit.CALENDAR, True))
        ext = Extension(
            reason=data.reason.strip(), days=data.days, approved_by=data.approved_by.strip(),
            approved_at=data.approved_on, old_due=old_due, new_due=due.due,
            petitioner_told=data.petitioner_told,
        )  # fmt: skip
        before = audit.snapshot(referral)
        referral.extensions.append(ext)
        referral.due_date, referral.due_uncovered = due.due, not due.covered
        audit.record(
            session, actor=actor, action="extend_referral", entity=referral,
            summary=f"{referral.referral_no} 延期{data.days}日 {old_due.isoformat()} → "
            f"{due.due.isoformat()}（{ext.approved_by}批准）",
            before=before,
        )  # fmt: skip
        value = _view(ext, referral, not due.covered)
    return Result.success(value, f"已延期：{value.referral_no} {value.text}")


def mark_petitioner_told(
    db: Database, extension_id: int, *, actor: Actor, told: bool = True
) -> Result[ExtensionView]:
    """Record that the petitioner was told of the extension (the notice was sent)."""
    if why := refusal(actor, Permission.REFER):
        return Result.failure({"": why})
    with db.write() as session:
        ext = session.get(Extension, extension_id)
        if ext is None:
            return Result.failure({"extension": "找不到该延期记录"})
        before = audit.snapshot(ext)
        ext.petitioner_told = told
        audit.record(
            session, actor=actor, action="extension_told", entity=ext,
            summary=f"{ext.referral.referral_no} 延期{'已' if told else '未'}告知信访人",
            before=before,
        )  # fmt: skip
        value = _view(ext, ext.referral)
    return Result.success(value, "已记录告知信访人")


@dataclass(frozen=True)
class ReferralDeadline:
    referral_id: int
    referral_no: str
    unit: str
    status_label: str
    rule_text: str  # how the first due date was set
    extensions: tuple[ExtensionView, ...]
    due: date  # the date that applies now
    estimate: bool


@dataclass(frozen=True)
class CaseDeadlines:
    """The case's clocks together: the 60-day handling limit, each referral's deadline
    with its extensions, and the source's own deadline."""

    petition_id: int
    register_no: str
    handling_due: date | None
    handling_text: str
    handling_estimate: bool
    source_due: date | None
    referrals: tuple[ReferralDeadline, ...]

    @property
    def lines(self) -> tuple[str, ...]:
        """One line per clock, for the case panel and printouts."""
        out: list[str] = []
        if self.handling_due is not None:
            out.append(f"办理期限：{self.handling_text}")
        if self.source_due is not None:
            out.append(f"来源单位期限：{self.source_due.isoformat()}")
        for r in self.referrals:
            tail = "".join(f"；{e.text}" for e in r.extensions)
            out.append(f"{r.referral_no}（{r.unit}，{r.status_label}）：{r.rule_text}{tail}")
        return tuple(out)


def case_deadlines(db: Database, petition_id: int) -> CaseDeadlines | None:
    with db.read() as session:
        petition = session.get(Petition, petition_id)
        if petition is None:
            return None
        handling_text = ""
        if petition.handling_due is not None:
            try:
                rule = parse_rule_spec(petition.handling_due_rule)[1]
                due = Due(petition.handling_due, not petition.handling_due_uncovered, "")
                handling_text = rule_text(rule, "受理之日", due)
            except ValueError:
                handling_text = petition.handling_due.isoformat()
        rows = session.scalars(
            select(Referral)
            .where(Referral.petition_id == petition_id)
            .order_by(Referral.id)
            .options(selectinload(Referral.extensions), selectinload(Referral.department))
        ).all()
        referrals = tuple(
            ReferralDeadline(
                r.id,
                r.referral_no,
                r.department.name,
                r.status.label,
                stored_rule_text(r),
                tuple(_view(e, r) for e in r.extensions),
                r.due_date,
                r.due_uncovered,
            )  # fmt: skip
            for r in rows
        )
        return CaseDeadlines(
            petition.id, petition.register_no, petition.handling_due, handling_text,
            petition.handling_due_uncovered, petition.source_due, referrals,
        )  # fmt: skip
