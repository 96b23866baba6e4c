"""The written opinion to the petitioner (信访处理意见书, 《信访工作条例》第三十二条; the
title is the office's setting saved with the opinion): ``forms/closure_opinion.toml``,
two copies in one PDF (信访人联 + 存档联 with the 送达回证), like the acceptance notice.

The letter answers each request, states the facts found, the decision (支持 / 解释说明 /
不予支持) with its basis, and the review route: "如不服本处理意见，可自收到本意见书之日起
30日内向××请求复查。" (the clerk's own wording when they edited the route).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Final

from petitiondesk.core.closure import review_route_text
from petitiondesk.core.datetext import chinese_date
from petitiondesk.store.db import Database

from ..closure import OpinionView, case_closure
from ..result import Result
from .acceptance_notice import two_copies
from .referral_case import PrintCase, not_found, office_values, person_values, read_case

#: Paragraph indent of the letter (two full-width spaces).
INDENT: Final = "　　"
#: The 复查 body when the office has not named one.
DEFAULT_REVIEW_BODY: Final = "上一级行政机关"
#: Headings of the letter's parts (GB/T 9704: 一、二、…).
HEADINGS: Final = ("一、信访请求", "二、查明的事实", "三、处理意见", "四、处理依据")


def paragraphs(text: str) -> str:
    """The clerk's text as indented paragraphs; several requests are numbered 1. 2. …"""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return "\n".join(INDENT + line for line in lines)


def numbered(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) < 2 or any(line[0].isdigit() or line[0] in "（(" for line in lines):
        return paragraphs(text)
    return "\n".join(f"{INDENT}{n}. {line}" for n, line in enumerate(lines, start=1))


def route_sentence(opinion: OpinionView) -> str:
    """The review route as printed: the statute's wording, or the clerk's edited text."""
    body = opinion.review_body.strip() or DEFAULT_REVIEW_BODY
    route = opinion.review_route.strip()
    if route and route != review_route_text(opinion.review_days, opinion.review_body):
        return route
    return f"如不服本处理意见，可自收到本意见书之日起{opinion.review_days}日内向{body}请求复查。"


def opinion_body(name: str, person: Mapping[str, str], opinion: OpinionView) -> str:
    """The letter: salutation, the four parts, the review route."""
    decision = opinion.decision.label if opinion.decision is not None else ""
    handling = opinion.decision_text.strip()
    if decision and not handling.startswith(decision):
        handling = f"{decision}。{handling}"
    parts = (
        numbered(opinion.request),
        paragraphs(opinion.facts),
        paragraphs(handling),
        paragraphs(opinion.basis),
    )
    text = [
        f"{name}：",
        f"{INDENT}您于{person['received_date']}以{person['channel']}形式提出的信访事项"
        f"（登记号 {person['register_no']}）收悉。经调查核实，现将处理意见告知如下：",
    ]
    for heading, part in zip(HEADINGS, parts, strict=True):
        text += [heading, part or f"{INDENT}—"]
    text.append(INDENT + route_sentence(opinion))
    return "\n".join(text)


def opinion_values(case: PrintCase, opinion: OpinionView) -> dict[str, str]:
    """The values of ``forms/closure_opinion.toml`` (without ``copy_label``)."""
    person = person_values(case.office)
    name = person["name"] or "信访人"
    return {
        **office_values(case.heading),
        "office_address": case.heading.address,
        "office_phone": case.heading.phone,
        "opinion_title": opinion.title,
        "opinion_no": opinion.number,
        "name": name,
        "register_no": case.register_no,
        "received_date": person["received_date"],
        "decision": opinion.decision.label if opinion.decision is not None else "",
        "body": opinion_body(name, person, opinion),
        "opinion_date": chinese_date(opinion.opinion_date) if opinion.opinion_date else "",
    }


def print_opinion(db: Database, register_no: str, out: Path) -> Result[Path]:
    """The case's saved 信访处理意见书 as one PDF with two copies."""
    case = read_case(db, register_no)
    if case is None:
        return not_found(register_no)
    view = case_closure(db, case.register_no)
    if view is None or view.opinion is None:
        return Result.failure(
            {"case": f"{case.register_no} 尚未保存处理意见书（未编文号），不能打印"}
        )
    values = opinion_values(case, view.opinion)
    from petitiondesk.printing.form_pdf import render_form_copies_pdf

    render_form_copies_pdf("closure_opinion", two_copies(values), Path(out))
    return Result.success(
        Path(out), f"已生成{values['opinion_title']} {values['opinion_no']}（一式二份）：{out}"
    )
