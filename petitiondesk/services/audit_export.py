"""导出审计日志: the rows the 审计日志 screen shows, as an Excel sheet or a PDF.

For outside use (对外提供) every ID number and phone in the summary and in before/after is
masked (:func:`audit_view.masked_entry`); the office's own copy keeps them. The export is
itself an audit row (``export_audit_log``, with its use); the file appears only once that
row is committed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Final

from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.store.db import Database

from .audit_view import AuditFilter, iter_entries, masked_entry, row_values
from .printouts.audited import audited_export
from .printouts.office import office_heading
from .result import Result

LEDGER: Final = "audit_log"
LABEL: Final = "审计日志"
SUFFIXES: Final = {".xlsx": "Excel", ".pdf": "PDF"}
MSG_SUFFIX: Final = "导出文件应以 .xlsx 或 .pdf 结尾：{name}"
MSG_DONE: Final = "已导出审计日志 {count} 条（{use}）：{out}"
USE_INTERNAL: Final = "内部使用"
USE_OUTSIDE: Final = "对外提供"


def filter_text(filters: AuditFilter) -> str:
    """The filter in words, for the sheet's subtitle."""
    parts = []
    if filters.day_from or filters.day_to:
        start = filters.day_from.isoformat() if filters.day_from else "…"
        end = filters.day_to.isoformat() if filters.day_to else "…"
        parts.append(f"{start} 至 {end}")
    if filters.actor.strip():
        parts.append(f"操作人：{filters.actor.strip()}")
    if filters.register_no.strip():
        parts.append(f"案件：{filters.register_no.strip()}")
    if filters.action:
        parts.append(f"操作：{filters.action}")
    if filters.entity:
        parts.append(f"对象：{filters.entity}")
    return "；".join(parts) or "全部记录"


def _rows(db: Database, filters: AuditFilter, outside: bool) -> Iterator[Mapping[str, object]]:
    for entry in iter_entries(db, filters):
        yield row_values(masked_entry(entry) if outside else entry)


def export_audit_log(
    db: Database,
    actor: Actor,
    filters: AuditFilter,
    out: Path,
    *,
    outside: bool,
    progress: Callable[[int], None] | None = None,
) -> Result[int]:
    """The audit rows matching ``filters`` at ``out`` (.xlsx or .pdf); the row count."""
    if why := refusal(actor, Permission.AUDIT):
        return Result.failure({"": why})
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        return Result.failure({"out": MSG_SUFFIX.format(name=out.name)})
    use = USE_OUTSIDE if outside else USE_INTERNAL
    with db.read() as session:
        office = office_heading(session).name
    period = filter_text(filters)
    rows = _rows(db, filters, outside)
    audited = audited_export(db, out, actor=actor, ledger=LEDGER, label=LABEL, outside=outside)
    with audited as target:
        if suffix == ".pdf":
            from petitiondesk.printing.ledger_pdf import render_ledger_pdf

            values = {"office": office, "period": period, "use": use, "exporter": str(actor)}
            target.count = render_ledger_pdf(
                LEDGER, rows, target.path, values=values, progress=progress
            )
        else:
            from petitiondesk.printing.ledger_xlsx import load_ledger_columns, write_ledger_xlsx

            title = f"{office}审计日志（{use}）"
            columns = load_ledger_columns(LEDGER)
            target.count = write_ledger_xlsx(
                target.path, title, columns, rows, progress=progress, subtitle=period
            )
    count = target.count
    return Result.success(count, MSG_DONE.format(count=count, use=use, out=out))
