"""Demo closures in every state the 办结 tab knows (called from services/demo.py).

Closed without review (delivered in person; by registered mail), closed after a 复查,
one closed lately so its 复查 window is open, one 复查 due in a few days, and one
复核终结 followed by a new visit of the same petitioner on the same matter (the repeat
panel flags it 已复核终结). Written inside load_demo's transaction as plain rows (like
the rest of the demo), dates relative to ``now`` on the working-day calendar, document
numbers from the same gap-free series the services use, in date order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from petitiondesk.core.closure import REVIEW_RULES, decision_due, review_route_text
from petitiondesk.core.deadlines import format_rule_spec
from petitiondesk.core.enums import (
    CaseStatus,
    DeliveryMethod,
    DepartmentKind,
    OpinionDecision,
    ReviewLevel,
    ReviewOutcome,
    Satisfaction,
    SurveyMethod,
)
from petitiondesk.core.workcalendar import WorkCalendar
from petitiondesk.store.models import Closure, Department, Petition, ReviewRequest

from .calendar import office_rule
from .closure._common import new_doc_no
from .closure.opinion import DEFAULT_BASIS, OPINION_SERIES, OPINION_WORD
from .closure.review import DECISION_SERIES
from .settings import DEFAULT_OPINION_TITLE

#: The review bodies the demo office names in its review routes.
REVIEW_BODY = "青山县人民政府"
REREVIEW_BODY = "青山市人民政府"
#: What the new visit on a final matter adds before the old summary.
AGAIN = "再次反映："


@dataclass
class _Review:
    requested: int  # days before today
    decided: int | None = None  # None: still open
    hearing: tuple[int, int] | None = None


@dataclass
class _Plan:
    name: str
    opinion: int  # days before today the opinion is dated
    decision: OpinionDecision
    satisfaction: Satisfaction
    mail: bool = False
    reviews: list[_Review] = field(default_factory=list)


PLANS = (
    _Plan("closed", 150, OpinionDecision.SUPPORT, Satisfaction.SATISFIED),
    _Plan("mailed", 75, OpinionDecision.EXPLAIN, Satisfaction.BASICALLY, mail=True),
    _Plan("reviewed", 220, OpinionDecision.NOT_SUPPORT, Satisfaction.UNSATISFIED,
          reviews=[_Review(200, 175)]),
    _Plan("window_open", 12, OpinionDecision.EXPLAIN, Satisfaction.BASICALLY),
    _Plan("review_due", 47, OpinionDecision.NOT_SUPPORT, Satisfaction.UNSATISFIED,
          reviews=[_Review(-1)]),  # requested so that the decision is due in a few days
    _Plan("final", 330, OpinionDecision.NOT_SUPPORT, Satisfaction.UNSATISFIED,
          reviews=[_Review(310, 280, (300, 298)), _Review(265, 240)]),
)  # fmt: skip

DECISIONS = {
    OpinionDecision.SUPPORT: "经研究，您反映的问题属实，责成承办单位于30日内落实到位。",
    OpinionDecision.EXPLAIN: "经研究，已向您解释说明有关政策规定，相关工作将依法依规推进。",
    OpinionDecision.NOT_SUPPORT: "经研究，您的请求缺乏事实和政策依据，不予支持。",
}


def _workday_on_or_before(calendar: WorkCalendar, day: date) -> date:
    for _ in range(30):
        if calendar.is_workday(day):
            return day
        day -= timedelta(days=1)
    return day


def _pick(pool: list[Petition], opinion_on: date) -> Petition | None:
    for p in pool:
        decided = p.acceptance_date
        if decided and decided <= opinion_on - timedelta(days=20) and p.petitioner is not None:
            pool.remove(p)
            return p
    return None


def _report_and_opinion(
    session: Session, petition: Petition, plan: _Plan, unit: Department, on: date
) -> Closure:
    c = Closure(petition=petition, department_id=unit.id)
    c.report_date = on - timedelta(days=3)
    c.report_doc_no = f"{unit.name[-3:]}〔{on.year}〕{petition.seq}号"
    c.completion_report = f"经{unit.name}调查核实，{petition.summary.rstrip('。')}的情况基本属实。"
    c.report_handling = DECISIONS[plan.decision]
    c.report_signer = unit.head or "王立新"
    c.opinion_title = DEFAULT_OPINION_TITLE
    c.opinion_no = new_doc_no(session, OPINION_SERIES, OPINION_WORD, on)
    c.opinion_decision, c.reply_date = plan.decision, on
    c.reply_request = petition.demands.strip() or petition.summary
    c.reply_facts, c.reply_opinion = c.completion_report, c.report_handling
    c.reply_basis = DEFAULT_BASIS
    days = office_rule(session, "review_request").days
    c.review_body, c.review_days = REVIEW_BODY, days
    c.review_route = review_route_text(days, REVIEW_BODY)
    session.add(c)
    return c


def _deliver_and_close(c: Closure, plan: _Plan, on: date, calendar: WorkCalendar) -> None:
    name = c.petition.petitioner.name if c.petition.petitioner else ""
    if plan.mail:
        c.delivery_method = DeliveryMethod.REGISTERED_MAIL.value
        c.delivery_posted_on, c.delivery_tracking = on, f"XA{on:%Y%m%d}{c.petition.seq:04d}"
        c.delivered_at = on + timedelta(days=3)
    else:
        c.delivery_method = DeliveryMethod.IN_PERSON.value
        c.delivery_posted_on = c.delivered_at = on + timedelta(days=2)
        c.delivery_signer, c.signed_by_petitioner = name, True
    assert c.delivered_at is not None
    closed = _workday_on_or_before(calendar, c.delivered_at + timedelta(days=2))
    closed = max(closed, c.delivered_at)
    c.closed_at = datetime.combine(closed, time(0, 0))
    c.satisfaction, c.satisfaction_on = plan.satisfaction, closed
    c.satisfaction_method = SurveyMethod.FORM if plan.mail else SurveyMethod.PHONE
    c.petition.status = CaseStatus.CLOSED
    c.petition.result = c.report_handling


def _review_due_request(session: Session, calendar: WorkCalendar, today: date) -> date:
    """The request day whose decision falls due 1–4 days from today."""
    rule = office_rule(session, REVIEW_RULES[ReviewLevel.REVIEW][1])
    day = today
    for _ in range(60):
        left = (decision_due(calendar, day, rule).due - today).days
        if 1 <= left <= 4 and calendar.is_workday(day):
            return day
        day -= timedelta(days=1)
    return today - timedelta(days=27)


def _request(
    session: Session, c: Closure, spec: _Review, level: ReviewLevel, previous: ReviewRequest | None,
    on: date, calendar: WorkCalendar, today: date,
) -> ReviewRequest:  # fmt: skip
    rv = ReviewRequest(
        petition=c.petition, level=level, previous_id=previous.id if previous else None,
        requested_at=on, body=REVIEW_BODY if level is ReviewLevel.REVIEW else REREVIEW_BODY,
        office_reviews=True,
    )  # fmt: skip
    if spec.hearing is not None:
        rv.hearing_start = today - timedelta(days=spec.hearing[0])
        rv.hearing_end = today - timedelta(days=spec.hearing[1])
    code = REVIEW_RULES[level][1]
    rule = office_rule(session, code)
    span = 0 if rv.hearing_start is None or rv.hearing_end is None else (
        (rv.hearing_end - rv.hearing_start).days + 1
    )  # fmt: skip
    due = decision_due(calendar, on, rule, span)
    rv.due_date, rv.due_uncovered, rv.due_rule = (
        due.due,
        not due.covered,
        format_rule_spec(code, rule),
    )
    session.add(rv)
    session.flush()
    c.petition.status = CaseStatus.IN_REVIEW
    return rv


def _decide(session: Session, rv: ReviewRequest, on: date) -> None:
    what = rv.level.label
    rv.outcome, rv.upheld, rv.decided_at = ReviewOutcome.UPHOLD, True, on
    rv.decision = f"经{what}，原处理意见认定事实清楚，适用依据正确，程序合法，予以维持。" + (
        "本复核意见为终结意见。" if rv.level is ReviewLevel.RE_REVIEW else ""
    )
    series, word = DECISION_SERIES[rv.level]
    rv.decision_no = new_doc_no(session, series, word, on)
    rv.decision_received_on = on + timedelta(days=2)
    final = rv.level is ReviewLevel.RE_REVIEW
    rv.petition.status = CaseStatus.FINAL if final else CaseStatus.CLOSED


def _new_visit(session: Session, final: Petition) -> Petition | None:
    """The newest undecided visit becomes the same petitioner again on the final matter
    (so the demo keeps its number of petitions); None when there is none."""
    visit = session.scalars(
        select(Petition)
        .where(
            Petition.status == CaseStatus.REGISTERED,
            Petition.confidential.is_(False),
            Petition.people_count == 1,
        )
        .order_by(Petition.received_at.desc(), Petition.id.desc())
        .limit(1)
    ).first()
    if visit is None:
        return None
    visit.petitioner, visit.category, visit.place = final.petitioner, final.category, final.place
    visit.summary, visit.demands = AGAIN + final.summary, final.demands
    visit.accused, visit.repeat_of = "", final
    return visit


def add_demo_closures(session: Session, now: datetime, calendar: WorkCalendar) -> int:
    """Close one accepted case per plan (reviews as planned) and turn the newest visit
    into a new one on the final matter; returns how many cases were closed."""
    today = now.date()
    pool = list(
        session.scalars(
            select(Petition)
            .where(Petition.status == CaseStatus.ACCEPTED, Petition.confidential.is_(False))
            .order_by(Petition.acceptance_date.desc(), Petition.id)
        )
    )
    units = list(
        session.scalars(
            select(Department)
            .where(Department.kind == DepartmentKind.EXTERNAL)
            .order_by(Department.id)
        )
    )
    if not units:
        return 0
    planned: list[tuple[date, _Plan, Petition]] = []
    for plan in PLANS:
        on = _workday_on_or_before(calendar, today - timedelta(days=plan.opinion))
        petition = _pick(pool, on)
        if petition is not None:
            planned.append((on, plan, petition))
    planned.sort(key=lambda t: (t[0], t[2].id))  # opinion numbers in date order
    closures = []
    for index, (on, plan, petition) in enumerate(planned):
        c = _report_and_opinion(session, petition, plan, units[index % len(units)], on)
        _deliver_and_close(c, plan, on, calendar)
        closures.append((plan, c))
    _add_reviews(session, closures, calendar, today)
    for plan, c in closures:
        if plan.name == "final" and c.petition.status is CaseStatus.FINAL:
            _new_visit(session, c.petition)
    session.flush()
    return len(closures)


def _add_reviews(
    session: Session, closures: list[tuple[_Plan, Closure]], calendar: WorkCalendar, today: date
) -> None:
    """The planned reviews, requests first; decisions numbered in date order."""
    decisions: list[tuple[date, int, ReviewRequest]] = []
    for plan, c in closures:
        previous: ReviewRequest | None = None
        for level, spec in zip(
            (ReviewLevel.REVIEW, ReviewLevel.RE_REVIEW), plan.reviews, strict=False
        ):
            if spec.requested < 0:
                on = _review_due_request(session, calendar, today)
            else:
                on = _workday_on_or_before(calendar, today - timedelta(days=spec.requested))
            previous = _request(session, c, spec, level, previous, on, calendar, today)
            if spec.decided is not None:
                decided = _workday_on_or_before(calendar, today - timedelta(days=spec.decided))
                decisions.append((decided, previous.id, previous))
    for decided, _id, rv in sorted(decisions, key=lambda t: (t[0], t[1])):
        _decide(session, rv, decided)
