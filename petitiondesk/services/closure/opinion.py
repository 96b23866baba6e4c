"""The written opinion to the petitioner (信访处理意见书, Art. 32; the title is an office
setting): each request answered, the facts found, the decision (支持 / 解释说明 /
不予支持) and its basis, and the review route — how, where (the body above, from the
settings) and within how many days (30, Art. 35) to ask for 复查.

:func:`draft_opinion` drafts it from the case and the unit's report-back; the clerk
edits; :func:`save_opinion` saves it, and the first save takes the document number
(office prefix + 复, e.g. 青信复〔2026〕3号, gap-free per year). Once delivered it is
not edited any more.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from sqlalchemy.orm import Session

from petitiondesk.core.closure import STATUTE_REVIEW_DAYS, review_route_text
from petitiondesk.core.enums import CaseStatus, OpinionDecision
from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.store.db import Database
from petitiondesk.store.models import Closure, Petition

from ..calendar import office_rule
from ..result import Result
from ..settings import DEFAULT_OPINION_TITLE, get_closure_settings
from ._common import (
    answered_referral,
    case_or_errors,
    closure_of,
    date_problem,
    new_doc_no,
    text_problems,
)
from ._write import Outcome, edit_closure
from .views import ClosureView

#: The document series of opinions (store/counters.py) and the word after the prefix.
OPINION_SERIES: Final = "closure_opinion"
OPINION_WORD: Final = "复"
#: The statute the basis line cites by default.
DEFAULT_BASIS: Final = "《信访工作条例》第三十二条"


@dataclass
class OpinionInput:
    """The opinion as the clerk edits it; field names are the error keys. A blank
    ``review_body`` / ``review_route`` is filled from the settings when saved."""

    request: str  # 信访请求: each request, answered in the decision text
    facts: str  # 查明的事实
    decision: OpinionDecision | None
    decision_text: str  # 处理意见
    basis: str  # 依据
    opinion_date: date
    review_body: str = ""
    review_days: int = STATUTE_REVIEW_DAYS
    review_route: str = ""


def draft_opinion(
    db: Database, register_no: str, *, today: date | None = None
) -> OpinionInput | None:
    """The saved opinion, or a draft from the case (requests: its demands or summary)
    and the report-back (facts, decision text); None when there is no such case.
    The decision is left for the clerk to choose."""
    settings = get_closure_settings(db)
    with db.read() as session:
        found = case_or_errors(session, register_no)
        if isinstance(found, dict):
            return None
        c = closure_of(session, found)
        if c is not None and c.opinion_no:
            return OpinionInput(
                c.reply_request, c.reply_facts, c.opinion_decision, c.reply_opinion,
                c.reply_basis, c.reply_date or (today or date.today()), c.review_body,
                c.review_days, c.review_route,
            )  # fmt: skip
        days = office_rule(session, "review_request").days
        facts, handling = _from_report(session, found, c)
        request = found.demands.strip() or found.summary.strip()
    return OpinionInput(
        request=request,
        facts=facts,
        decision=None,
        decision_text=handling,
        basis=DEFAULT_BASIS,
        opinion_date=today or date.today(),
        review_body=settings.review_body,
        review_days=days,
        review_route=review_route_text(days, settings.review_body),
    )


def _from_report(session: Session, petition: Petition, c: Closure | None) -> tuple[str, str]:
    """(facts, handling) from the completion report, else the lead unit's report-back."""
    if c is not None and (c.completion_report or c.report_handling):
        return c.completion_report, c.report_handling
    answered = answered_referral(session, petition.id)
    if answered is None:
        return "", ""
    _referral, lead = answered
    return "", lead.report_text


def _errors(data: OpinionInput, petition: Petition, today: date) -> dict[str, str]:
    errors = text_problems(
        {
            "request": (data.request, "信访请求"),
            "facts": (data.facts, "查明的事实"),
            "decision_text": (data.decision_text, "处理意见"),
            "basis": (data.basis, "依据"),
            "review_body": (data.review_body, "复查机关"),
            "review_route": (data.review_route, "复查途径"),
        },
        ("request", "facts", "decision_text", "basis"),
    )
    if not isinstance(data.decision, OpinionDecision):
        errors["decision"] = "请选择处理决定（支持、解释说明或不予支持）"
    if len(data.review_body.strip()) > 100:
        errors["review_body"] = "复查机关不能超过100个字"
    if not 1 <= data.review_days <= 90:
        errors["review_days"] = "申请复查的期限应在1至90日之间"
    problem = date_problem(data.opinion_date, today, "意见书日期")
    if problem is None and data.opinion_date < petition.received_at.date():
        problem = "意见书日期不能早于收到信访事项的日期"
    if problem:
        errors["opinion_date"] = problem
    return errors


def save_opinion(
    db: Database,
    register_no: str,
    data: OpinionInput,
    *,
    actor: Actor,
    today: date | None = None,
    version: int | None = None,
) -> Result[ClosureView]:
    """Save the opinion; the first save numbers it (the number stays on later edits)."""
    if why := refusal(actor, Permission.CLOSE):
        return Result.failure({"": why})
    day = today or date.today()
    settings = get_closure_settings(db)

    def change(session: Session, petition: Petition, c: Closure) -> Outcome:
        if petition.status in (CaseStatus.CLOSED, CaseStatus.IN_REVIEW, CaseStatus.FINAL):
            return {"case": f"事项已{petition.status.label}，不能修改意见书"}
        if c.delivery_method:
            return {"case": "意见书已送达，不能再修改"}
        errors = _errors(data, petition, day)
        if errors:
            return errors
        first = not c.opinion_no
        if first:
            c.opinion_no = new_doc_no(session, OPINION_SERIES, OPINION_WORD, data.opinion_date)
            c.opinion_title = settings.opinion_title or DEFAULT_OPINION_TITLE
        body = data.review_body.strip() or settings.review_body
        c.reply_request, c.reply_facts = data.request.strip(), data.facts.strip()
        c.opinion_decision, c.reply_opinion = data.decision, data.decision_text.strip()
        c.reply_basis, c.reply_date = data.basis.strip(), data.opinion_date
        c.review_body, c.review_days = body, data.review_days
        c.review_route = data.review_route.strip() or review_route_text(data.review_days, body)
        verb = "保存" if first else "修改"
        return (
            c,
            f"{verb}{c.opinion_title} {c.opinion_no}（{data.decision.label if data.decision else ''}）",
        )

    return edit_closure(
        db, register_no, change, actor=actor, action="save_opinion", what="意见书",
        done="意见书已保存", version=version,
    )  # fmt: skip
