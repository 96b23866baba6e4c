"""A ledger of any date range to PDF or xlsx: streamed from its row source into the
writer (openpyxl write-only, reportlab flowables), written atomically, and recorded in
the audit log (who, which ledger, which range, inside or outside use, which file) only
when the file is complete — a failed or cancelled export leaves neither file nor row.

The renderers (reportlab, openpyxl) are imported only when a file is written."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO, Final, Literal, get_args

from sqlalchemy.orm import Session

from petitiondesk.core.datetext import chinese_date
from petitiondesk.core.identity import Actor
from petitiondesk.core.periods import period_text
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.store.db import Database

from .. import audit
from ..printouts.audited import audited_output
from ..printouts.office import office_heading
from ..result import Result
from . import LEDGERS, ledger

Format = Literal["pdf", "xlsx"]
FORMATS: Final[tuple[Format, ...]] = get_args(Format)
FORMAT_LABELS: Final[dict[Format, str]] = {"pdf": "PDF（打印）", "xlsx": "Excel 工作簿"}
USE_INSIDE: Final = "内部使用"
USE_OUTSIDE: Final = "对外提供"

MSG_UNKNOWN_LEDGER: Final = "没有这种台账：{key}"
MSG_BAD_RANGE: Final = "起始日期不能晚于截止日期"
MSG_BAD_FORMAT: Final = "台账只能导出为 PDF 或 Excel（.pdf / .xlsx）：{name}"
MSG_DONE: Final = "已导出{title} {count} 条（{use}）：{out}"

#: Sees the rows on their way to the writer (the export job counts them for its progress).
RowObserver = Callable[[Iterator[dict[str, object]]], Iterator[dict[str, object]]]


def format_of(out: Path) -> Format | None:
    """The format a file name asks for (its suffix), None if neither."""
    suffix = out.suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else None


def office_name(db: Database) -> str:
    with db.read() as session:
        return office_heading(session).name


def ledger_file_name(office: str, key: str, start: date, end: date, fmt: Format) -> str:
    """``青山县信访局2026年第一季度交办转送台账.xlsx``."""
    return f"{office or '信访'}{period_text(start, end)}{LEDGERS[key].title}.{fmt}"


def check_request(key: str, start: date, end: date, out: Path) -> str | None:
    """Why this export cannot run (a Chinese sentence), or None."""
    if key not in LEDGERS:
        return MSG_UNKNOWN_LEDGER.format(key=key)
    if start > end:
        return MSG_BAD_RANGE
    if format_of(out) is None:
        return MSG_BAD_FORMAT.format(name=out.name)
    return None


def export_ledger(
    db: Database,
    key: str,
    start: date,
    end: date,
    out: Path,
    *,
    actor: Actor,
    outside: bool = False,
    progress: Callable[[int], None] | None = None,
    printed_on: date | None = None,
    observe_rows: RowObserver | None = None,
) -> Result[int]:
    """Export ledger ``key`` for ``start``–``end`` to ``out`` (.pdf or .xlsx, by its
    suffix); returns the row count. ``outside``: ID numbers and phones masked.
    ``progress(rows_done)`` is called as rows are written; raise from it to cancel."""
    if why := refusal(actor, Permission.EXPORT):
        return Result.failure({"": why})
    if why := check_request(key, start, end, Path(out)):
        return Result.failure({"": why})
    return write_ledger(
        db, key, start, end, Path(out), actor=actor.name, outside=outside, progress=progress,
        printed_on=printed_on, observe_rows=observe_rows,
    )  # fmt: skip


def write_ledger(
    db: Database,
    key: str,
    start: date,
    end: date,
    out: Path,
    *,
    actor: str,
    outside: bool = False,
    progress: Callable[[int], None] | None = None,
    printed_on: date | None = None,
    heading: tuple[str, str] | None = None,
    observe_rows: RowObserver | None = None,
) -> Result[int]:
    """:func:`export_ledger` without the permission check (for callers that made it:
    the archive, the old year export). ``heading``: (title, subtitle) of the xlsx
    instead of "<office><ledger>" and "<period>  打印日期：<day>"."""
    item = ledger(key)
    fmt = format_of(out) or "xlsx"
    period = period_text(start, end)
    rows = item.rows(db, start, end, outside=outside)
    if observe_rows is not None:
        rows = observe_rows(rows)
    written: list[int] = []

    def record(session: Session) -> None:
        audit.record_export(
            session, actor=actor, ledger=item.form, label=f"{period}{item.title}", out=out,
            count=written[0], outside=outside, period=(start, end),
        )  # fmt: skip

    with audited_output(db, out, record) as tmp:  # atomic: no file unless recorded
        written.append(
            render_ledger(
                db,
                key,
                start,
                end,
                rows,
                tmp,
                fmt,
                printed_on=printed_on,
                progress=progress,
                heading=heading,
            )  # fmt: skip
        )
    use = USE_OUTSIDE if outside else USE_INSIDE
    count = written[0]
    return Result.success(count, MSG_DONE.format(title=item.title, count=count, use=use, out=out))


def render_ledger(
    db: Database,
    key: str,
    start: date,
    end: date,
    rows: Iterator[dict[str, object]],
    target: Path | BinaryIO,
    fmt: Format,
    *,
    printed_on: date | None = None,
    progress: Callable[[int], None] | None = None,
    heading: tuple[str, str] | None = None,
) -> int:
    """Write ledger ``key`` of ``rows`` as ``fmt`` to ``target`` (no audit, no permission
    check: the callers make them); the number of rows written."""
    from petitiondesk.printing.ledger_pdf import render_ledger_pdf
    from petitiondesk.printing.ledger_xlsx import load_ledger, write_ledger_xlsx

    item = ledger(key)
    spec = load_ledger(item.form)
    office = office_name(db)
    period = period_text(start, end)
    printed = chinese_date(printed_on or date.today())
    if fmt == "pdf":
        values = {"office": office, "period": period, "printed_on": printed}
        return render_ledger_pdf(spec, rows, target, values=values, progress=progress)
    title, subtitle = heading or (f"{office}{item.title}", f"{period}　　打印日期：{printed}")
    return write_ledger_xlsx(
        target, title, spec.columns, rows, progress, sheet_name=spec.sheet_name, subtitle=subtitle
    )


def ledger_files(
    db: Database, key: str, start: date, end: date, *, printed_on: date
) -> dict[str, bytes]:
    """The office's own copy of ledger ``key`` as ``{".pdf": ..., ".xlsx": ...}`` (for the
    year-end archive: nothing masked, nothing audited here)."""
    files: dict[str, bytes] = {}
    for fmt in ("pdf", "xlsx"):
        buffer = io.BytesIO()
        rows = ledger(key).rows(db, start, end, outside=False)
        render_ledger(db, key, start, end, rows, buffer, fmt, printed_on=printed_on)
        files[f".{fmt}"] = buffer.getvalue()
    return files
