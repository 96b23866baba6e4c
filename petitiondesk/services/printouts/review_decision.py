"""The decision on a 复查 or 复核 (信访事项复查意见书 / 复核意见书, 《信访工作条例》第三十五、
三十六条) when the office is the reviewing body: ``forms/review_decision.toml``, two
copies in one PDF like the opinion. The letter gives the request, the facts, the
decision (维持 / 撤销 / 变更) and its basis; after a 复查 the route to 复核, after a 复核
"本复核意见为终结意见".
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from petitiondesk.core.closure import REVIEW_RULES
from petitiondesk.core.datetext import chinese_date
from petitiondesk.core.enums import ReviewLevel
from petitiondesk.store.db import Database

from ..calendar import office_rule
from ..closure import ClosureView, ReviewView, case_closure
from ..result import Result
from ..settings import get_closure_settings
from .acceptance_notice import two_copies
from .closure_opinion import INDENT, numbered, paragraphs
from .referral_case import PrintCase, not_found, office_values, person_values, read_case

#: The article each level decides under.
BASIS: Final = {
    ReviewLevel.REVIEW: "《信访工作条例》第三十五条",
    ReviewLevel.RE_REVIEW: "《信访工作条例》第三十六条",
}
#: The closing sentence of a 复核 decision (Art. 36: the matter is final).
FINAL_SENTENCE: Final = "本复核意见为终结意见。"
FINAL_NOTE: Final = "信访人对复核意见不服，仍以同一事实和理由提出投诉请求的，不再受理。"


def decision_title(level: ReviewLevel) -> str:
    return f"信访事项{level.label}意见书"


def _previous(view: ClosureView, rv: ReviewView) -> tuple[str, str]:
    """(what was reviewed, its number): the opinion, or the 复查 decision below a 复核."""
    if rv.level is ReviewLevel.RE_REVIEW:
        below = next((r for r in view.reviews if r.review_id == rv.previous_id), None)
        return "复查意见", below.decision_no if below is not None else ""
    opinion = view.opinion
    return (opinion.title if opinion else "处理意见"), (opinion.number if opinion else "")


def review_body(name: str, view: ClosureView, rv: ReviewView, rereview: tuple[int, str]) -> str:
    """The letter; ``rereview``: (days, body) of the route to 复核 after a 复查."""
    what = rv.level.label
    below, number = _previous(view, rv)
    hearing = (
        f"，并于{chinese_date(rv.hearing_start)}至{chinese_date(rv.hearing_end)}举行了听证"
        if rv.hearing_start and rv.hearing_end
        else ""
    )
    opinion = view.opinion
    request = opinion.request if opinion else (view.demands or view.summary)
    facts = opinion.facts if opinion else ""
    decision = rv.decision.replace(FINAL_SENTENCE, "").strip()
    outcome = rv.outcome.label if rv.outcome is not None else ""
    if outcome and not decision.startswith(outcome):
        decision = f"{outcome}。{decision}"
    text = [
        f"{name}：",
        f"{INDENT}您不服{below}（{number or '无文号'}），于{chinese_date(rv.requested_on)}"
        f"提出{what}申请。本机关依法进行了{what}{hearing}。现将{what}意见告知如下：",
        f"一、{what}请求",
        f"{INDENT}请求撤销或者变更{below}。原信访请求：",
        numbered(request) or f"{INDENT}—",
        "二、查明的事实",
        paragraphs(facts) or f"{INDENT}—",
        f"三、{what}意见",
        paragraphs(decision) or f"{INDENT}—",
        f"四、{what}依据",
        INDENT + BASIS[rv.level],
    ]
    if rv.level is ReviewLevel.RE_REVIEW:
        text.append(INDENT + FINAL_SENTENCE + FINAL_NOTE)
    else:
        days, body = rereview
        text.append(
            f"{INDENT}如不服本复查意见，可自收到本复查意见书之日起{days}日内"
            f"向{body or '上一级行政机关'}请求复核。"
        )
    return "\n".join(text)


def review_values(
    case: PrintCase, view: ClosureView, rv: ReviewView, rereview: tuple[int, str]
) -> dict[str, str]:
    """The values of ``forms/review_decision.toml`` (without ``copy_label``)."""
    person = person_values(case.office)
    name = person["name"] or "信访人"
    return {
        **office_values(case.heading),
        "office_address": case.heading.address,
        "office_phone": case.heading.phone,
        "decision_title": decision_title(rv.level),
        "decision_no": rv.decision_no,
        "name": name,
        "register_no": case.register_no,
        "requested_date": chinese_date(rv.requested_on),
        "previous_no": _previous(view, rv)[1],
        "body": review_body(name, view, rv, rereview),
        "decided_date": chinese_date(rv.decided_on) if rv.decided_on else "",
    }


def _pick_review(view: ClosureView, review_id: int | None) -> ReviewView | str:
    """The review to print (the latest decided one by default), or why there is none."""
    if review_id is not None:
        rv = next((r for r in view.reviews if r.review_id == review_id), None)
        if rv is None:
            return f"{view.register_no} 没有编号为 {review_id} 的复查复核记录"
    else:
        decided = [r for r in view.reviews if r.decided_on is not None]
        if not decided:
            return f"{view.register_no} 没有已作出的复查复核意见，不能打印"
        rv = decided[-1]
    if rv.decided_on is None:
        return f"{view.register_no} 的{rv.level.label}意见尚未作出，不能打印"
    if not rv.office_reviews:
        return f"{rv.level.label}由{rv.body or '其他机关'}办理，本机关不出具{rv.level.label}意见书"
    return rv


def print_review_decision(
    db: Database, register_no: str, out: Path, *, review_id: int | None = None
) -> Result[Path]:
    """The 复查 / 复核 意见书 of the case's latest decided review (or ``review_id``) as one
    PDF with two copies."""
    case = read_case(db, register_no)
    if case is None:
        return not_found(register_no)
    view = case_closure(db, case.register_no)
    assert view is not None
    picked = _pick_review(view, review_id)
    if isinstance(picked, str):
        return Result.failure({"case": picked})
    settings = get_closure_settings(db)
    with db.read() as session:
        days = office_rule(session, REVIEW_RULES[ReviewLevel.RE_REVIEW][0]).days
    values = review_values(case, view, picked, (days, settings.rereview_body))
    from petitiondesk.printing.form_pdf import render_form_copies_pdf

    render_form_copies_pdf("review_decision", two_copies(values), Path(out))
    return Result.success(
        Path(out),
        f"已生成{values['decision_title']} {values['decision_no'] or ''}（一式二份）：{out}",
    )
