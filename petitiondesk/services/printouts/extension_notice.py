"""The 信访事项延期办理告知书 of a case's extension (《信访工作条例》第三十四条), to the
petitioner: ``forms/extension_notice.toml``, two copies in one PDF like the acceptance
notice. It goes to the petitioner, so it names them (the office's view).

The document number is the office's prefix with 延, the year of approval and the
extension's record number: ``青信延〔2026〕7号`` (stable when printed again).
"""

from __future__ import annotations

from pathlib import Path

from petitiondesk.core.datetext import chinese_date
from petitiondesk.core.docno import format_doc_no
from petitiondesk.store.db import Database

from ..referrals import ExtensionView, case_deadlines
from ..result import Result
from .acceptance_notice import two_copies
from .referral_case import PrintCase, not_found, office_values, person_values, read_case

BASIS = "《信访工作条例》第三十四条"
NOTICE_WORD = "延"


def notice_number(prefix: str, ext: ExtensionView) -> str:
    return format_doc_no(f"{prefix}{NOTICE_WORD}", ext.approved_on.year, ext.extension_id)


def extension_body(name: str, register_no: str, ext: ExtensionView, office: str) -> str:
    """The letter: what was extended, why, until when, and the rule."""
    return (
        f"{name}：\n"
        f"　　您提出的信访事项（登记号 {register_no}），因{ext.reason.rstrip('。')}，"
        f"经{ext.approved_by}批准，办理期限延长{ext.days}日，"
        f"由{chinese_date(ext.old_due)}延长至{chinese_date(ext.new_due)}。\n"
        f"　　根据{BASIS}规定，信访事项应当自受理之日起60日内办结；情况复杂的，"
        f"经批准可以适当延长办理期限，但延长期限不得超过30日，并告知信访人延期理由。\n"
        f"　　特此告知。如有疑问，请与{office or '我单位'}联系。"
    )


def extension_notice_values(case: PrintCase, ext: ExtensionView) -> dict[str, str]:
    """The values of ``forms/extension_notice.toml`` (without ``copy_label``)."""
    person = person_values(case.office)
    name = person["name"] or "信访人"
    return {
        **office_values(case.heading),
        "office_address": case.heading.address,
        "office_phone": case.heading.phone,
        "notice_no": notice_number(case.doc_prefix, ext),
        "name": name,
        "register_no": case.register_no,
        "received_date": person["received_date"],
        "channel": person["channel"],
        "summary": person["summary"],
        "reason": ext.reason,
        "old_due": chinese_date(ext.old_due),
        "new_due": chinese_date(ext.new_due),
        "basis": BASIS,
        "body": extension_body(name, case.register_no, ext, case.heading.name),
        "notice_date": chinese_date(ext.approved_on),
    }


def print_extension_notice(
    db: Database, register_no: str, out: Path, *, extension_id: int | None = None
) -> Result[Path]:
    """The 延期办理告知书 of the case's latest extension (or ``extension_id``) as one PDF
    with two copies (信访人联 + 存档联)."""
    case = read_case(db, register_no)
    if case is None:
        return not_found(register_no)
    deadlines = case_deadlines(db, case.petition_id)
    found = [e for r in deadlines.referrals for e in r.extensions] if deadlines else []
    found.sort(key=lambda e: (e.approved_on, e.extension_id))
    if extension_id is not None:
        found = [e for e in found if e.extension_id == extension_id]
    if not found:
        return Result.failure({"case": f"{case.register_no} 没有延期记录，不能打印延期办理告知书"})
    values = extension_notice_values(case, found[-1])
    copies = two_copies(values)
    from petitiondesk.printing.form_pdf import render_form_copies_pdf

    render_form_copies_pdf("extension_notice", copies, Path(out))
    return Result.success(
        Path(out), f"已生成延期办理告知书 {values['notice_no']}（一式二份）：{out}"
    )
