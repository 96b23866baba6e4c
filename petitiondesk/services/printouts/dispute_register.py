"""The dispute-screening register (矛盾纠纷排查台账) of a month as PDF or Excel, by the
column keys of ``forms/dispute_register.toml``; every file written leaves an audit row
(it holds the names of the people involved). An export for outside use (对外提供) masks
the ID and mobile numbers written in its free text; the audit row records the use."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Final

from sqlalchemy.orm import Session

from petitiondesk.core.disputes import month_start, month_text
from petitiondesk.core.identity import Actor
from petitiondesk.core.masking import mask_text
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.store.db import Database

from .. import audit
from ..disputes import DisputeRow, list_disputes
from ..result import Result
from .audited import audited_output
from .office import office_heading

LEDGER: Final = "dispute_register"
LABEL: Final = "矛盾纠纷排查台账"
SUFFIXES: Final = {".pdf": "PDF", ".xlsx": "Excel"}
MSG_SUFFIX: Final = "导出文件应以 .pdf 或 .xlsx 结尾：{name}"


#: The free-text columns that may hold personal numbers (masked for outside use).
MASKED_COLUMNS: Final = ("place", "matter", "parties", "person", "notes")


def dispute_ledger_rows(
    rows: Sequence[DisputeRow], *, outside: bool = False
) -> Iterator[dict[str, object]]:
    """The disputes as ledger rows (numbered from 1), keyed by the ledger's columns;
    ``outside``: ID and mobile numbers in the free text masked."""
    for values in _ledger_rows(rows):
        if outside:
            values.update({key: mask_text(str(values[key])) for key in MASKED_COLUMNS})
        yield values


def _ledger_rows(rows: Sequence[DisputeRow]) -> Iterator[dict[str, object]]:
    for number, row in enumerate(rows, start=1):
        status = row.status.label
        if row.resolved_on is not None:
            status += f"（{row.resolved_on:%m-%d}）"
        yield {
            "number": number,
            "month": f"{row.month.year}-{row.month.month:02d}",
            "place": row.place,
            "matter": row.matter,
            "parties": row.parties,
            "people_count": row.people_count,
            "risk": row.risk.label,
            "leader": row.leader,
            "unit": row.unit,
            "person": row.person,
            "deadline": row.deadline,
            "status": status,
            "notes": row.notes,
        }


def dispute_file_name(office: str, month: date, suffix: str = ".pdf") -> str:
    """``青山县信访局矛盾纠纷排查台账（2026年11月）.pdf``."""
    return f"{office or '信访'}{LABEL}（{month_text(month_start(month))}）{suffix}"


def export_disputes(
    db: Database,
    month: date,
    out: Path,
    *,
    actor: Actor,
    progress: Callable[[int], None] | None = None,
    printed_on: date | None = None,
    outside: bool = False,
) -> Result[int]:
    """The register of ``month`` at ``out``: PDF for ``.pdf`` (needs PRINT), Excel for
    ``.xlsx`` (needs EXPORT); an audit row (with the use: 内部使用 / 对外提供) is committed
    before the file appears. Returns the number of disputes (an empty month prints an
    empty register); ``outside``: numbers in the free text masked."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        return Result.failure({"out": MSG_SUFFIX.format(name=out.name)})
    permission = Permission.PRINT if suffix == ".pdf" else Permission.EXPORT
    if why := refusal(actor, permission):
        return Result.failure({"": why})
    first = month_start(month)
    rows = list_disputes(db, first)
    with db.read() as session:
        office = office_heading(session)
    period = month_text(first)
    written: list[int] = []

    def record(session: Session) -> None:
        audit.record_export(
            session, actor=actor, ledger=LEDGER, label=f"{period}{LABEL}", out=out,
            count=written[0], outside=outside,
        )  # fmt: skip

    with audited_output(db, out, record) as tmp:
        if suffix == ".pdf":
            from petitiondesk.printing.ledger_pdf import render_ledger_pdf

            values = {
                "office": office.name,
                "period": period,
                "clerk": str(actor),
                "printed_on": f"{printed_on or date.today():%Y-%m-%d}",
            }
            count = render_ledger_pdf(
                LEDGER,
                dispute_ledger_rows(rows, outside=outside),
                tmp,
                values=values,
                progress=progress,
            )
        else:
            from petitiondesk.printing.ledger_xlsx import write_ledger_xlsx
            from petitiondesk.printing.ledgerspec import load_ledger

            spec = load_ledger(LEDGER)
            count = write_ledger_xlsx(
                tmp, f"{office.name}{LABEL}", spec.columns, dispute_ledger_rows(rows, outside=outside),
                progress, sheet_name=spec.sheet_name, subtitle=period,
            )  # fmt: skip
        written.append(count)
    return Result.success(count, f"已导出{period}{LABEL}（{SUFFIXES[suffix]}，{count} 条）：{out}")
