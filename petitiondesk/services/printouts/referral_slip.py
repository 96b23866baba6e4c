"""The 交办单 / 转送单 of a referral (``forms/referral_slip.toml``) and the 信访送阅表 of
a case (``forms/routing_slip.toml``).

Both leave the office — the slip goes to the handling units, the routing slip to the
leader, who may pass it on with the instruction — so the petitioner's identity comes from
:func:`~petitiondesk.services.referrals.unit_view` only (via :mod:`.referral_case`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from petitiondesk.core.datetext import chinese_date
from petitiondesk.store.db import Database

from ..referrals import ReferralView, case_referrals
from ..result import Result
from .referral_case import (
    PrintCase,
    contact_text,
    not_found,
    office_values,
    person_values,
    pick,
    read_case,
)

#: The title of the slip by the referral's kind (ReferralKind.label).
SLIP_TITLES = {"交办": "信访事项交办单", "转送": "信访事项转送单"}


def deadline_text(view: ReferralView) -> str:
    """The due date with the rule that set it, and what changed it since."""
    lines = [view.due_text]
    if view.extension_days:
        lines.append(
            f"经批准延期{view.extension_days}日，现办理期限：{chinese_date(view.due_date)}"
        )
    elif view.source_due is not None and view.due_date != view.source_due:
        lines.append(f"来源单位期限：{chinese_date(view.source_due)}")
    if view.due_estimate and "推算" not in view.due_text:
        lines.append("（该期限跨越尚未录入节假日安排的年份，为估算日期）")
    return "\n".join(lines)


def _report_requirement(view: ReferralView, office_name: str) -> str:
    if view.report_requirement.strip():
        return view.report_requirement
    return (
        f"请于{chinese_date(view.due_date)}前将办理结果（含答复意见书及送达回证）"
        f"书面报送{office_name or '信访部门'}；不属于本单位职责的，请于收到之日起5个工作日内说明理由并退回。"
    )


def referral_slip_values(case: PrintCase, view: ReferralView) -> dict[str, str]:
    """The values of ``forms/referral_slip.toml``: the petitioner from the unit's view."""
    co = [u.name for u in view.units if not u.lead]
    instruction = view.leader_instruction
    if instruction and view.instructing_leader:
        instruction = f"{instruction}\n——{view.instructing_leader}"
    person = person_values(case.unit)
    return {
        **office_values(case.heading),
        **{key: person[key] for key in ("register_no", "name", "phone", "address", "category",
                                        "channel", "summary", "secrecy_mark", "redaction_note")},
        "slip_title": SLIP_TITLES.get(view.kind.label, f"信访事项{view.kind.label}单"),
        "referral_no": view.referral_no,
        "referred_on": chinese_date(view.referred_on or view.start_date),
        "lead_unit": view.lead.name,
        "co_units": "、".join(co) or "—",
        "leader_instruction": instruction,
        "deadline": deadline_text(view),
        "report_requirement": _report_requirement(view, case.heading.name),
        "contact": contact_text(case.heading),
        "issued_date": chinese_date(view.referred_on or view.start_date),
    }  # fmt: skip


def print_referral_slip(
    db: Database, register_no: str, out: Path, *, referral_no: str | None = None
) -> Result[Path]:
    """The 交办单 / 转送单 of the case's latest referral (or ``referral_no``) as PDF."""
    case = read_case(db, register_no)
    if case is None:
        return not_found(register_no)
    view = pick(case_referrals(db, case.petition_id), lambda v: v.referral_no, referral_no)
    if view is None:
        which = f"交办号 {referral_no}" if referral_no else "交办记录"
        return Result.failure({"case": f"{case.register_no} 没有{which}，不能打印交办单"})
    values = referral_slip_values(case, view)
    from petitiondesk.printing.form_pdf import render_form_pdf

    render_form_pdf("referral_slip", values, Path(out))
    return Result.success(Path(out), f"已生成{values['slip_title']}（{view.referral_no}）：{out}")


def routing_slip_values(
    case: PrintCase, view: ReferralView | None, *, today: date
) -> dict[str, str]:
    """The values of ``forms/routing_slip.toml``: the instruction box stays blank for the
    leader's hand until an instruction is recorded."""
    proposal = case.handling_opinion
    if not proposal.strip() and view is not None:
        co = "、".join(u.name for u in view.units if not u.lead)
        proposal = f"拟{view.kind.label}{view.lead.name}办理" + (f"，{co}协办" if co else "") + "。"
    person = person_values(case.unit)
    return {
        **office_values(case.heading),
        **{key: person[key] for key in ("register_no", "received_date", "channel", "name",
                                        "people_count", "category", "place", "summary",
                                        "secrecy_mark", "redaction_note")},
        "proposal": proposal,
        "leader_instruction": view.leader_instruction if view else "",
        "instructing_leader": view.instructing_leader if view and view.leader_instruction else "",
        "sent_date": chinese_date(today),
    }  # fmt: skip


def print_routing_slip(
    db: Database, register_no: str, out: Path, *, today: date | None = None
) -> Result[Path]:
    """The 信访送阅表 of the case as PDF (the latest referral's instruction, if any)."""
    case = read_case(db, register_no)
    if case is None:
        return not_found(register_no)
    views = case_referrals(db, case.petition_id)
    values = routing_slip_values(case, views[-1] if views else None, today=today or date.today())
    from petitiondesk.printing.form_pdf import render_form_pdf

    render_form_pdf("routing_slip", values, Path(out))
    return Result.success(Path(out), f"已生成信访送阅表（{case.register_no}）：{out}")
