"""The 通报 of a period (seed 000 篇3): ``forms/overdue_notice.toml``, a letter on the
office's letterhead listing the units that missed their deadlines, each case by register
number and category (never the summary — :func:`~petitiondesk.services.referrals.overdue_notice`
gives none), its due date and days overdue. Excluded cases are not listed, only counted.

The document number is left blank after the year for the clerk to write in by hand
(``青信通〔2026〕　号``): the notice is drafted, then numbered when it is signed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from petitiondesk.core.datetext import chinese_date
from petitiondesk.store.db import Database
from petitiondesk.store.models import OfficeSettings

from ..referrals import Exclusion, OverdueCase, OverdueNotice, overdue_notice
from ..result import Result
from .office import office_heading

NOTICE_WORD = "通"
_NUMERALS = "一二三四五六七八九十"


def _numeral(n: int) -> str:
    """1 → 一 … 10 → 十, 11 → 十一 … 99 (enough for the units of one notice)."""
    if n <= 10:
        return _NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    head = "十" if tens == 1 else _NUMERALS[tens - 1] + "十"
    return head + (_NUMERALS[ones - 1] if ones else "")


def period_text(start: date, end: date) -> str:
    return f"{chinese_date(start)}至{chinese_date(end)}"


def _case_line(index: int, case: OverdueCase) -> str:
    state = (
        f"于{chinese_date(case.reported_on)}报送办理结果"
        if case.reported_on
        else "截至通报期末仍未报送办理结果"
    )
    category = f"，问题类别：{case.category}" if case.category else ""
    return (
        f"　　{index}. 登记号 {case.register_no}（{case.referral_no}）{category}，"
        f"办理期限{chinese_date(case.due_date)}，超期{case.days_overdue}天，{state}。"
    )


def notice_body(notice: OverdueNotice, office: str) -> str:
    """The letter: the rule, each unit (一、二、…) with its cases, what the units must do."""
    office = office or "我单位"
    period = period_text(notice.start, notice.end)
    lines = [
        "各有关单位：",
        f"　　根据《信访工作条例》有关规定，交办、转送的信访事项应当在规定期限内办结并报送结果。"
        f"现将{period}信访事项超期办理情况通报如下：",
    ]
    if not notice.units:
        lines.append("　　本期内交办、转送的信访事项均在期限内办结，无超期事项。")
    for number, unit in enumerate(notice.units, start=1):
        lines.append(f"{_numeral(number)}、{unit.unit}（{len(unit.cases)}件）")
        lines.extend(_case_line(i, case) for i, case in enumerate(unit.cases, start=1))
    if notice.excluded:
        lines.append(f"　　另有{len(notice.excluded)}件经审核不列入本次通报。")
    if notice.units:
        lines.append(
            f"　　请上述单位高度重视，自收到本通报之日起5个工作日内将办理结果及超期原因书面报送"
            f"{office}。对仍未办结的事项，{office}将继续督办。"
        )
    lines.append("　　特此通报。")
    return "\n".join(lines)


def overdue_notice_values(db: Database, notice: OverdueNotice, *, today: date) -> dict[str, str]:
    with db.read() as session:
        heading = office_heading(session)
        settings = session.get(OfficeSettings, 1)
        prefix = settings.doc_prefix if settings is not None else ""
    return {
        "office_name": heading.name,
        "letterhead": heading.letterhead,
        "notice_no": f"{prefix}{NOTICE_WORD}〔{today.year}〕　　号",
        "period": period_text(notice.start, notice.end),
        "body": notice_body(notice, heading.name),
        "notice_date": chinese_date(today),
    }


def print_overdue_notice(
    db: Database,
    start: date,
    end: date,
    out: Path,
    *,
    exclusions: Sequence[Exclusion] = (),
    today: date | None = None,
) -> Result[Path]:
    """The 通报 of ``start``–``end`` (excluded cases left out) as PDF."""
    found = overdue_notice(db, start, end, exclusions)
    if not found.ok or found.value is None:
        return Result.failure(found.errors, found.message)
    notice = found.value
    values = overdue_notice_values(db, notice, today=today or date.today())
    from petitiondesk.printing.form_pdf import render_form_pdf

    render_form_pdf("overdue_notice", values, Path(out))
    units = len(notice.units)
    return Result.success(
        Path(out), f"已生成超期通报（{units}个单位，{notice.case_count}件）：{out}"
    )
