"""The 信访事项办结单 of a case: ``forms/closure_form.toml``, one table page with the
unit, the result, the opinion's number and reply date, delivery, satisfaction and the
signature lines, filled from :func:`petitiondesk.services.closure.closure_form`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from petitiondesk.core.datetext import chinese_date
from petitiondesk.core.enums import Satisfaction
from petitiondesk.store.db import Database

from ..closure import ClosureFormData, case_closure, closure_form
from ..result import Result
from .referral_case import not_found, office_values, read_case


def _day(value: date | None) -> str:
    return chinese_date(value) if value is not None else ""


def closure_form_values(data: ClosureFormData, reviews: str) -> dict[str, str]:
    """The values of ``forms/closure_form.toml`` (without the office heading)."""
    asked = data.satisfaction is not Satisfaction.NOT_ASKED
    return {
        "register_no": data.register_no,
        "name": data.name,
        "received_date": _day(data.received_on),
        "category": data.category,
        "unit": data.unit or data.office,
        "summary": data.summary,
        "result": data.result,
        "opinion_no": data.opinion_no,
        "reply_date": _day(data.reply_date),
        "delivered_date": _day(data.delivered_on),
        "satisfaction": data.satisfaction.label if asked else "未回访",
        "closed_date": _day(data.closed_on) or "（未办结）",
        "review": reviews or "无",
    }


def print_closure_form(db: Database, register_no: str, out: Path) -> Result[Path]:
    """The case's 办结单 as a one-copy PDF (refused while nothing of closure is recorded)."""
    case = read_case(db, register_no)
    if case is None:
        return not_found(register_no)
    data = closure_form(db, case.register_no)
    if data is None:
        return Result.failure({"case": f"{case.register_no} 尚未记录办结情况，不能打印办结单"})
    view = case_closure(db, case.register_no)
    reviews = "；".join(
        f"{rv.level.label}{rv.outcome.label if rv.outcome else '办理中'}"
        for rv in (view.reviews if view is not None else ())
    )
    values = {**office_values(case.heading), **closure_form_values(data, reviews)}
    from petitiondesk.printing.form_pdf import render_form_pdf

    render_form_pdf("closure_form", values, Path(out))
    return Result.success(Path(out), f"已生成办结单 {case.register_no}：{out}")
