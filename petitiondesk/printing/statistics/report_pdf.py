"""The printed monthly statistics (每月统计分类, seed 001 §5) and the situation analysis
(信访形势分析, seed 001 §6): A4 portrait, the office's name, the tables of the report with
their change columns and the three charts (vector, :mod:`.charts`), page x / y.

Deterministic: a fixed print date comes in, and the PDF is written with reportlab's
``invariant`` (no creation time or random ID), so the year-end archive can re-run it."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO, Final
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from petitiondesk.core.datetext import chinese_date
from petitiondesk.core.statistics import (
    Paragraph as AnalysisParagraph,
)
from petitiondesk.core.statistics import (
    StatisticsReport,
    StatTable,
    cell_text,
    report_tables,
)
from petitiondesk.printing.fonts import register_cjk_font
from petitiondesk.printing.ledger_pages import PageCountCanvas, stamp_page_number
from petitiondesk.printing.pdfdraw import write_atomic
from petitiondesk.printing.textlayout import TextBlock

from .charts import report_charts

MARGIN: Final = 18 * mm
BODY_SIZE: Final = 10.5
TABLE_SIZE: Final = 9.0
TITLE_SIZE: Final = 18.0
HEADER_FILL: Final = colors.HexColor("#e8edf3")
FLAG_COLOUR: Final = colors.HexColor("#c0392b")


def _doc(buffer: BinaryIO, title: str, author: str) -> SimpleDocTemplate:
    return SimpleDocTemplate(
        buffer,
        initialFontName=register_cjk_font(),  # else the pages reference unembedded Helvetica
        lang="zh-CN",
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author=author,
        creator="PetitionDesk",
        invariant=1,
    )


def _heading(report: StatisticsReport, title: str, printed_on: date) -> list[Flowable]:
    subtitle = (
        f"统计时段：{chinese_date(report.period.start)}至{chinese_date(report.period.end)}"
        f"　　制表日期：{chinese_date(printed_on)}"
    )
    return [
        TextBlock(f"{report.office}{title}", TITLE_SIZE, TITLE_SIZE * 1.5, "center", bold=True),
        Spacer(1, 2 * mm),
        TextBlock(subtitle, BODY_SIZE - 1, BODY_SIZE * 1.6, "center"),
        Spacer(1, 4 * mm),
    ]


def _section(text: str) -> Flowable:
    return TextBlock(text, BODY_SIZE + 1, (BODY_SIZE + 1) * 1.8, "left", bold=True)


def stat_table_flowable(table: StatTable, width: float, font: str) -> Flowable:
    """One table of the report: the header shaded, numbers right-aligned, a flagged row
    (a unit above the 续报率 limit) in red."""
    style = ParagraphStyle("cell", fontName=font, fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.3,
                           wordWrap="CJK")  # fmt: skip
    data: list[list[Any]] = [list(table.headers)]
    for row in table.rows:
        values = [cell_text(table, row, i) for i in range(len(row.values))]
        data.append([Paragraph(escape(row.label), style), *values])
    if not table.rows:
        data.append(["（无）"] + [""] * (len(table.headers) - 1))
    first = min(width * 0.3, 48 * mm)
    rest = (width - first) / max(len(table.headers) - 1, 1)
    result = Table(data, colWidths=[first] + [rest] * (len(table.headers) - 1), repeatRows=1)
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), font, TABLE_SIZE),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    for index, row in enumerate(table.rows, start=1):
        if row.flagged:
            commands.append(("TEXTCOLOR", (1, index), (-1, index), FLAG_COLOUR))
    result.setStyle(TableStyle(commands))
    return result


def _tables(report: StatisticsReport, width: float, font: str) -> list[Flowable]:
    story: list[Flowable] = []
    for table in report_tables(report):
        story.append(KeepTogether([_section(table.title), stat_table_flowable(table, width, font)]))
        story.append(Spacer(1, 3 * mm))
    return story


def _charts(report: StatisticsReport) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(80 * mm), _section("统计图")]
    for drawing in report_charts(report):
        story += [KeepTogether([drawing]), Spacer(1, 4 * mm)]
    return story


def _build(story: list[Flowable], out: Path | BinaryIO, title: str, author: str) -> None:
    buffer = io.BytesIO()
    doc = _doc(buffer, title, author)
    stamp = partial(stamp_page_number, size=TABLE_SIZE, bottom_margin=MARGIN)
    doc.build(story, canvasmaker=partial(PageCountCanvas, stamp=stamp))
    write_atomic(buffer.getvalue(), out)


def write_monthly_report_pdf(
    report: StatisticsReport, out: Path | BinaryIO, *, printed_on: date
) -> None:
    """每月统计分类 (or of a quarter / year): every table, then the three charts."""
    font = register_cjk_font()
    width = A4[0] - 2 * MARGIN
    story = _heading(report, report.title, printed_on)
    story += _tables(report, width, font)
    story += _charts(report)
    _build(story, out, f"{report.office}{report.title}", report.office)


def analysis_title(report: StatisticsReport) -> str:
    return f"{report.period.label}信访形势分析"


def write_analysis_pdf(
    report: StatisticsReport,
    paragraphs: Sequence[AnalysisParagraph],
    out: Path | BinaryIO,
    *,
    printed_on: date,
) -> None:
    """信访形势分析: the (edited) paragraphs, then the overview table and the charts."""
    font = register_cjk_font()
    width = A4[0] - 2 * MARGIN
    title = analysis_title(report)
    story = _heading(report, title, printed_on)
    for paragraph in paragraphs:
        story.append(_section(paragraph.heading))
        for line in paragraph.text.splitlines() or [""]:
            story.append(TextBlock("　　" + line.strip(), BODY_SIZE + 1, (BODY_SIZE + 1) * 1.7))
        story.append(Spacer(1, 2 * mm))
    overview = report_tables(report)[0]
    story += [CondPageBreak(60 * mm), _section("附：主要数据")]
    story.append(stat_table_flowable(overview, width, font))
    story += _charts(report)
    _build(story, out, f"{report.office}{title}", report.office)
