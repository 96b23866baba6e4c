"""The benchmark's output rows: the year register export (xlsx) and a 3,000-row ledger PDF,
each beside the raw library doing the same work in the same run."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from petitiondesk.store.db import Database

from . import bench_actor
from .measure import Row

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


def export_row(db: Database, db_path: Path, folder: Path, runs: int) -> Row:
    from petitiondesk.services.printouts import export_register

    year, count = busiest_year(db)
    ours, bare = [], []
    for run in range(runs):
        t = time.perf_counter()
        export_register(db, year, folder / f"ours{run}.xlsx", actor=bench_actor()).unwrap()
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        raw_xlsx(db_path, year, folder / f"raw{run}.xlsx")
        bare.append(time.perf_counter() - t)
    mine, raw = statistics.median(ours), statistics.median(bare)
    return Row(
        f"year register export, {count:,} rows",
        mine,
        raw,
        "≤ 1.25× raw",
        mine <= 1.25 * raw,
        "s",
    )


def pdf_row(db: Database, folder: Path, runs: int, rows: int = 3000) -> Row:
    from petitiondesk.printing.ledger_pdf import render_ledger_pdf
    from petitiondesk.services.cases import iter_cases
    from petitiondesk.services.printouts.register_ledger import LEDGER, register_ledger_row

    year, _count = busiest_year(db)
    data = []
    for case in iter_cases(db, year=year):
        data.append(register_ledger_row(case))
        if len(data) >= rows:
            break
    ours, bare = [], []
    for run in range(runs):
        t = time.perf_counter()
        render_ledger_pdf(LEDGER, data, folder / f"ledger{run}.pdf", values={"year": str(year)})
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        raw_pdf([[str(v) for v in row.values()] for row in data], folder / f"raw{run}.pdf")
        bare.append(time.perf_counter() - t)
    mine, raw = statistics.median(ours), statistics.median(bare)
    return Row(f"ledger PDF, {len(data):,} rows", mine, raw, "keep (≈ raw)", None, "s")


def raw_pdf(rows: list[list[str]], out: Path) -> None:
    """Raw reportlab: the same texts, the same font, one line per row, landscape A4."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    from petitiondesk.printing.fonts import register_cjk_font

    font = register_cjk_font()
    width, height = landscape(A4)
    canvas = Canvas(str(out), pagesize=(width, height))
    y = height - 40
    for row in rows:
        canvas.setFont(font, 7)
        x = 30.0
        for text in row:
            canvas.drawString(x, y, text[:30])
            x += (width - 60) / len(row)
        y -= 12
        if y < 40:
            canvas.showPage()
            y = height - 40
    canvas.save()
