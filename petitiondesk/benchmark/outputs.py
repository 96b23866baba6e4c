"""The benchmark's output rows: the year register export (xlsx) and a 3,000-row ledger PDF,
each beside the raw library doing the same work in the same run.

The export runs as the window runs it: the ledger export job (:mod:`petitiondesk.services.
ledgers.jobs`) in a spawned process; raw openpyxl runs in a spawned process too. The PDF
raw side is a reportlab Table of wrapped Paragraphs of the same columns (like for like)."""

from __future__ import annotations

import statistics
import time
from datetime import date, datetime
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from petitiondesk.store.db import Database

from . import bench_actor
from .measure import Row

if TYPE_CHECKING:
    from petitiondesk.services.ledgers.jobs import ExportRequest

# The register ledger's columns, as one plain query (what the raw export writes).
_RAW_SQL = """
SELECT p.register_no, p.received_at, p.channel, coalesce(pe.name, '匿名'), pe.sex,
       pe.id_number, pe.phone, pe.address, p.people_count, c.name, p.place, p.summary,
       p.demands, p.receiving_officer, l.name, p.status, p.acceptance, p.notice_no,
       p.redirect_body, '', p.letter_date
FROM petition p
LEFT JOIN petitioner pe ON pe.id = p.petitioner_id
LEFT JOIN issue_category c ON c.id = p.category_id
LEFT JOIN leader l ON l.id = p.duty_leader_id
WHERE p.year = ? ORDER BY p.id
"""
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def busiest_year(db: Database) -> tuple[int, int]:
    with db.engine.connect() as conn:
        year, count = conn.exec_driver_sql(
            "SELECT year, count(*) FROM petition GROUP BY year ORDER BY 2 DESC LIMIT 1"
        ).one()
    return int(year), int(count)


def raw_xlsx(db_path: Path, year: int, out: Path) -> int:
    """Raw openpyxl write-only, every text a string cell, formula-looking text protected."""
    import sqlite3

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("登记台账")
    conn = sqlite3.connect(db_path)
    count = 0
    try:
        for record in conn.execute(_RAW_SQL, (year,)):
            cells = []
            for value in record:
                cell = WriteOnlyCell(ws, value="" if value is None else str(value))
                cell.data_type = "s"
                if cell.value.startswith(_FORMULA_START):
                    cell.quotePrefix = True
                cells.append(cell)
            ws.append(cells)
            count += 1
    finally:
        conn.close()
    wb.save(out)
    return count


def export_request(db_path: Path, year: int, out: Path) -> ExportRequest:
    """The year's register export as the 台账 menu asks for it (the bench's admin)."""
    from petitiondesk.services.ledgers.jobs import ExportRequest

    actor = bench_actor()
    return ExportRequest(
        db=str(db_path), ledger="register", start=date(year, 1, 1), end=date(year, 12, 31),
        out=str(out), outside=False, actor_name=str(actor), actor_role=actor.role.value,
        account_id=actor.account_id,
    )  # fmt: skip


def job_export(db_path: Path, year: int, out: Path) -> tuple[float, int]:
    """The export as the window runs it: an :class:`ExportJob` (a spawned process that
    counts, writes and audits), polled until done; (seconds, rows)."""
    from petitiondesk.services.ledgers.jobs import ExportJob, JobState

    started = time.perf_counter()
    job = ExportJob(export_request(db_path, year, out))
    status = job.wait()
    seconds = time.perf_counter() - started
    if status.state is not JobState.SUCCEEDED:
        raise RuntimeError(f"bench export failed: {status.message} {status.error!r}")
    return seconds, status.count


def raw_job(db_path: Path, year: int, out: Path) -> float:
    """:func:`raw_xlsx` the same way: in a spawned process, timed from its start."""
    import multiprocessing

    started = time.perf_counter()
    child = multiprocessing.get_context("spawn").Process(
        target=raw_xlsx, args=(db_path, year, out), daemon=True
    )
    child.start()
    child.join()
    if child.exitcode != 0:
        raise RuntimeError(f"raw export process exited with {child.exitcode}")
    return time.perf_counter() - started


def export_row(db: Database, db_path: Path, folder: Path, runs: int) -> Row:
    """The year register export through the ledger export job (what 台账 → 导出台账 runs)
    beside raw openpyxl write-only, each in a fresh spawned process."""
    year, count = busiest_year(db)
    ours, bare = [], []
    for run in range(runs):
        seconds, written = job_export(db_path, year, folder / f"ours{run}.xlsx")
        if written != count:
            raise RuntimeError(f"bench export wrote {written} rows, the year has {count}")
        ours.append(seconds)
        bare.append(raw_job(db_path, year, folder / f"raw{run}.xlsx"))
    mine, raw = statistics.median(ours), statistics.median(bare)
    return Row(
        f"year register export, {count:,} rows",
        mine,
        raw,
        "≤ 1.25× raw",
        mine <= 1.25 * raw,
        "s",
        note="export job in its own process (count, write, audit) vs raw in its own process",
    )


def pdf_row(db: Database, folder: Path, runs: int, rows: int = 3000) -> Row:
    from petitiondesk.printing.ledger_pdf import render_ledger_pdf
    from petitiondesk.printing.ledger_xlsx import load_ledger
    from petitiondesk.services.ledgers import ledger

    spec = load_ledger("register_ledger")
    year, _count = busiest_year(db)
    data = list(islice(ledger("register").rows(db, date(year, 1, 1), date(year, 12, 31)), rows))
    columns = [column for column in spec.columns if column.print_width > 0]
    table = [[_pdf_text(row[c.key]) for c in columns] for row in data]
    widths = [column.print_width for column in columns]
    ours, bare = [], []
    for run in range(runs):
        t = time.perf_counter()
        render_ledger_pdf(spec, data, folder / f"ledger{run}.pdf", values={"period": str(year)})
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        raw_pdf([c.header for c in columns], widths, table, folder / f"raw{run}.pdf")
        bare.append(time.perf_counter() - t)
    mine, raw = statistics.median(ours), statistics.median(bare)
    return Row(
        f"ledger PDF, {len(data):,} rows", mine, raw, "keep (≈ raw)", None, "s",
        note="raw: reportlab Table of CJK-wrapped Paragraphs, same columns, widths, font",
    )  # fmt: skip


def _pdf_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d")
    return str(value)


def raw_pdf(headers: list[str], widths: list[float], rows: list[list[str]], out: Path) -> None:
    """Raw reportlab doing the ledger's work: landscape A4, a table of the same columns
    (proportional widths), every cell a Paragraph wrapped the CJK way in the same font
    and size, the header repeated on every page, ruled."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    from petitiondesk.printing.fonts import register_cjk_font

    font = register_cjk_font()
    style = ParagraphStyle("cell", fontName=font, fontSize=7.5, leading=9.5, wordWrap="CJK")
    page = landscape(A4)
    doc = SimpleDocTemplate(str(out), pagesize=page, leftMargin=28, rightMargin=28,
                            topMargin=28, bottomMargin=28)  # fmt: skip
    scale = (page[0] - 56) / sum(widths)
    data = [[Paragraph(escape(text), style) for text in line] for line in [headers, *rows]]
    table = Table(data, colWidths=[w * scale for w in widths], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E7E6E6")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    doc.build([table])
