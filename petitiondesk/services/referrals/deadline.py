"""The deadline of a referral from an office rule, with the text of the rule behind it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from petitiondesk.core.deadlines import Due, due_date, format_rule_spec
from petitiondesk.core.referral_rules import rule_text
from petitiondesk.store.db import Database
from petitiondesk.store.models import DeadlineRule

from ..calendar import load_calendar, office_rule
from ..result import Result


@dataclass(frozen=True)
class DeadlinePreview:
    """What a rule gives for a referral starting on ``start``.

    ``text``: ``60日，自受理之日起，遇节假日顺延 → 2027-02-15`` (plus a note when the
    source's earlier deadline applies); ``estimate``: the date rests on a year whose
    holidays are not entered — the clerk must acknowledge it (``estimate_reason`` says
    why); ``capped_by_source``: the source's own deadline was earlier and applies.
    """

    code: str
    rule_name: str
    start: date
    due: date
    text: str
    estimate: bool
    estimate_reason: str
    capped_by_source: bool
    spec: str  # the rule spec stored beside the date (core.deadlines.format_rule_spec)


def compute_deadline(
    session: Session,
    start: date,
    code: str,
    *,
    counted_from: str = "交办之日",
    source_due: date | None = None,
) -> DeadlinePreview | str:
    """The preview, or a Chinese message when the rule is unknown or inactive."""
    row = session.scalar(select(DeadlineRule).where(DeadlineRule.code == code))
    if row is None:
        return f"期限规则“{code}”不存在"
    if not row.active:
        return f"期限规则“{row.name}”已停用"
    rule = office_rule(session, code)
    due: Due = due_date(load_calendar(session), start, rule)
    text = rule_text(rule, counted_from, due)
    capped = source_due is not None and source_due < due.due
    if capped:
        assert source_due is not None
        text = f"来源单位期限 {source_due.isoformat()}（早于{text}，从其期限）"
        due = Due(source_due, True, "")
    return DeadlinePreview(
        code=code,
        rule_name=row.name,
        start=start,
        due=due.due,
        text=text,
        estimate=not due.covered,
        estimate_reason=due.reason,
        capped_by_source=capped,
        spec=format_rule_spec(code, rule),
    )


def deadline_preview(
    db: Database,
    start: date,
    code: str,
    *,
    counted_from: str = "交办之日",
    source_due: date | None = None,
) -> Result[DeadlinePreview]:
    """The due date the office rule ``code`` gives for a referral whose deadline counts
    from ``start`` (``counted_from`` names that day in the text: 交办之日, 受理之日)."""
    with db.read() as session:
        found = compute_deadline(
            session, start, code, counted_from=counted_from, source_due=source_due
        )
    if isinstance(found, str):
        return Result.failure({"rule_code": found})
    return Result.success(found, found.text)
