"""Ledgers (台账) and published lists (公示) as PDF: one generic, data-driven renderer.

A4, a letterhead line, a big title, a subtitle (the period), then a ruled table whose
shaded header row is repeated at the top of every page, then footer lines (公示单位 /
公示日期 / 监督电话, notes) under the table, and "第 N 页 共 M 页" at the bottom of every
page. What the table shows is data: the :class:`~petitiondesk.printing.ledgerspec.LedgerColumn`
list (header, width → proportional column width, kind and date_style → how dates print,
align), usually loaded from ``forms/<ledger>.toml`` whose ``[pdf]`` table carries the
orientation, title, subtitle and footer templates (see :func:`render_ledger_pdf`).

Every cell wraps with the Chinese line breaker of
:mod:`petitiondesk.printing.textlayout` in the embedded CJK font; a row taller than a page
continues on the next one, so nothing is ever clipped. The PDF is built in memory and
written only when complete: an error, or a cancel raised from ``progress``, leaves no file.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO, Literal

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageTemplate,
    Spacer,
)

from petitiondesk.printing.fonts import register_cjk_font
from petitiondesk.printing.formspec import template_keys
from petitiondesk.printing.ledger_pages import LedgerDoc, PageCountCanvas, stamp_page_number
from petitiondesk.printing.ledgerspec import (
    LedgerColumn,
    LedgerRow,
    LedgerSpec,
    load_ledger,
    row_cells,
)
from petitiondesk.printing.pdfdraw import (
    CONTINUED,
    CREATOR,
    MIN_LINE_SIZE,
    PAD_X,
    PAD_Y,
    GridCell,
    GridRow,
    HeaderBlock,
    SegmentLine,
    clean_text,
    fill_line,
    write_atomic,
)
from petitiondesk.printing.textlayout import TextBlock, longest_word_width

__all__ = [
    "FooterLine",
    "chinese_date",
    "format_cell",
    "render_ledger_pdf",
    "write_ledger_pdf",
]

FooterLine = str | Sequence[str]  # one line, or segments spread across the width

A4_MM = (210.0, 297.0)
MARGIN_MM = 15.0
BINDING_MARGIN_MM = 22.0  # portrait ledgers are bound on the left at year end (装订线)
BODY_LEADING = 1.35  # x font size; a ledger is denser than a form
HEADER_LEADING = 1.25
HEADER_SHADING = "#E4E4E4"
KEEP_WHOLE_SHARE = 0.25  # a row up to this share of the page never splits across pages
SHORT_TEXT = 4  # a value this short (a name, 已登记) is kept on one line when possible
MAX_WORD_SHARE = 0.3  # a single long word never claims more than this share of the width
EMPTY_LEDGER = "（无记录）"


def chinese_date(day: dt.date) -> str:
    """2026年10月12日 (no leading zeros, as printed on official documents)."""
    return f"{day.year}年{day.month}月{day.day}日"


def _local_naive(value: dt.datetime) -> dt.datetime:
    return value.astimezone().replace(tzinfo=None) if value.tzinfo else value


def format_cell(column: LedgerColumn, value: object) -> str:
    """The text a ledger cell prints for ``value``: dates as the column's date_style says
    (a "date" column drops the time of a datetime), booleans as 是/否, the rest as text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        moment = _local_naive(value)
        if column.kind == "date":
            return _date_text(column, moment.date())
        return f"{_date_text(column, moment.date())} {moment:%H:%M}"
    if isinstance(value, dt.date):
        return _date_text(column, value)
    return str(value)


def _date_text(column: LedgerColumn, day: dt.date) -> str:
    return chinese_date(day) if column.date_style == "chinese" else day.isoformat()


# --- building --------------------------------------------------------------------------


def _column_edges(
    columns: Sequence[LedgerColumn], width: float, needs: Sequence[float]
) -> list[float]:
    """Column edges: widths proportional to ``LedgerColumn.width``, except that a column
    too narrow for its widest number or word (an ID number, 2026-00012) gets what it
    needs, taken from the columns with room to spare (the wrapping text columns)."""
    total = sum(column.print_width for column in columns)
    widths = [width * column.print_width / total for column in columns]
    needs = [min(need, width * MAX_WORD_SHARE) for need in needs]
    deficit = sum(max(need - w, 0.0) for need, w in zip(needs, widths, strict=True))
    slack = [max(w - need, 0.0) for need, w in zip(needs, widths, strict=True)]
    if deficit > 0 and sum(slack) > 0:
        take = min(deficit / sum(slack), 1.0)
        widths = [
            max(w, need) if need > w else w - s * take
            for w, need, s in zip(widths, needs, slack, strict=True)
        ]
        scale = width / sum(widths)  # not everything fitted: share the shortfall
        widths = [w * scale for w in widths]
    edges = [0.0]
    for w in widths:
        edges.append(edges[-1] + w)
    edges[-1] = width  # no rounding gap at the right edge
    return edges


def _footer_flowables(lines: Sequence[FooterLine], size: float) -> list[Flowable]:
    leading = size * 1.6
    out: list[Flowable] = []
    for line in lines:
        segments = [line] if isinstance(line, str) else list(line)
        texts = [clean_text(s, multiline=False) for s in segments]
        texts = [t for t in texts if t]
        if texts:
            out.append(SegmentLine(texts, size, leading))
    return out


@dataclass(frozen=True)
class _Layout:
    """The page geometry and type sizes of one ledger print."""

    page_w: float
    page_h: float
    left: float
    margin: float  # right, top and bottom
    font_size: float
    shading: colors.Color

    @property
    def frame_w(self) -> float:
        return self.page_w - self.left - self.margin

    @property
    def frame_h(self) -> float:
        return self.page_h - 2 * self.margin

    @property
    def leading(self) -> float:
        return self.font_size * BODY_LEADING

    @property
    def row_min(self) -> float:
        return self.leading + 2 * PAD_Y + 2

    def grid_row(
        self, cells: list[GridCell], min_height: float, *, first: bool, tag: int | None
    ) -> GridRow:
        return GridRow(
            cells, min_height, base_height=self.row_min, shading=self.shading,
            label_size=self.font_size, first=first, last=False, tag=tag,
            keep_whole=self.frame_h * KEEP_WHOLE_SHARE,
        )  # fmt: skip


def _page_layout(orientation: str, font_size: float) -> _Layout:
    short, long = (side * mm for side in A4_MM)
    page_w, page_h = (long, short) if orientation == "landscape" else (short, long)
    left = (BINDING_MARGIN_MM if orientation == "portrait" else MARGIN_MM) * mm
    return _Layout(page_w, page_h, left, MARGIN_MM * mm, font_size, colors.HexColor(HEADER_SHADING))


def _cell_texts(
    columns: Sequence[LedgerColumn], rows: Iterable[LedgerRow], font_size: float
) -> tuple[list[list[str]], list[float]]:
    """Every row's cell texts, and the width each column needs for its widest word."""
    texts: list[list[str]] = []
    needs = [longest_word_width(column.header, font_size) + 2 * PAD_X + 1 for column in columns]
    for number, row in enumerate(rows, start=1):
        line = [
            clean_text(format_cell(column, value), multiline=True)
            for column, value in zip(columns, row_cells(columns, row, number), strict=True)
        ]
        for i, text in enumerate(line):
            if text:
                need = longest_word_width(text, font_size, whole_up_to=SHORT_TEXT)
                needs[i] = max(needs[i], need + 2 * PAD_X + 1)
        texts.append(line)
    return texts, needs


def _header_row(layout: _Layout, columns: Sequence[LedgerColumn], edges: list[float]) -> GridRow:
    font_size = layout.font_size
    header_cells = [
        GridCell(
            x=edges[i],
            width=edges[i + 1] - edges[i],
            content=TextBlock(
                clean_text(column.header, multiline=True),
                font_size,
                font_size * HEADER_LEADING,
                "center",
                bold=True,
            ),  # fmt: skip
            shaded=True,
            valign="middle",
            label=column.header,
        )
        for i, column in enumerate(columns)
    ]
    return layout.grid_row(header_cells, font_size * 2.4, first=True, tag=None)


def _body_rows(
    layout: _Layout,
    columns: Sequence[LedgerColumn],
    edges: list[float],
    texts: list[list[str]],
) -> list[GridRow]:
    """One row per data row (tagged with its number), or one 无记录 row; the last is
    marked last."""
    font_size, leading = layout.font_size, layout.leading
    body: list[GridRow] = []
    for number, line in enumerate(texts, start=1):
        cells = []
        for i, (column, text) in enumerate(zip(columns, line, strict=True)):
            cells.append(
                GridCell(
                    x=edges[i],
                    width=edges[i + 1] - edges[i],
                    content=TextBlock(text, font_size, leading, column.resolved_align)
                    if text
                    else None,
                    shaded=False,
                    valign="middle",
                )
            )
        body.append(layout.grid_row(cells, layout.row_min, first=False, tag=number))
    if not body:  # an empty period still prints its table, saying so
        empty = GridCell(0.0, layout.frame_w, TextBlock(EMPTY_LEDGER, font_size, leading,
                         "center"), shaded=False, valign="middle")  # fmt: skip
        body.append(layout.grid_row([empty], layout.row_min, first=False, tag=0))
    body[-1].last = True
    return body


def _ledger_doc(
    buffer: BinaryIO,
    layout: _Layout,
    header_row: GridRow,
    *,
    title: str,
    subtitle: str,
    author: str,
    font: str,
    progress: Callable[[int], None] | None,
) -> LedgerDoc:
    """The document with its two page templates: the first page, and the later pages
    whose frame leaves room for the repeated column header."""
    header_height = header_row.wrap(layout.frame_w, layout.frame_h)[1]
    left, margin = layout.left, layout.margin
    doc = LedgerDoc(
        buffer,
        header_row=header_row,
        header_height=header_height,
        continuation=f"{title}{CONTINUED}" + (f"    {subtitle}" if subtitle else ""),
        font_size=layout.font_size,
        progress=progress,
        pagesize=(layout.page_w, layout.page_h),
        leftMargin=left,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=title,
        author=author,
        subject=subtitle,
        creator=CREATOR,
        producer=CREATOR,
        lang="zh-CN",
        initialFontName=font,  # else every page references an unembedded Helvetica
    )
    frame_args: dict[str, Any] = {
        "leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0,
    }  # fmt: skip
    frame_w, frame_h = layout.frame_w, layout.frame_h
    first = Frame(left, margin, frame_w, frame_h, id="first", **frame_args)
    later = Frame(left, margin, frame_w, frame_h - header_height, id="later", **frame_args)
    doc.addPageTemplates(
        [
            PageTemplate("first", [first], onPage=doc.first_page, onPageEnd=doc.page_end),
            PageTemplate("later", [later], onPage=doc.later_page, onPageEnd=doc.page_end),
        ]
    )
    return doc


def _story(
    font_size: float,
    header_row: GridRow,
    body: list[GridRow],
    *,
    letterhead: str,
    title: str,
    subtitle: str,
    footer_lines: Sequence[FooterLine],
) -> list[Flowable]:
    """Heading, header row, the body rows; the last row stays with the footer lines."""
    heading = HeaderBlock(
        clean_text(letterhead, multiline=False),
        clean_text(title, multiline=False),
        "",
        (font_size + 4, 20.0, font_size),
        2.0,
        subtitle=clean_text(subtitle, multiline=False),
        subtitle_size=font_size + 3,
    )
    footer = _footer_flowables(footer_lines, font_size)
    tail: list[Flowable] = [body[-1]]
    if footer:
        tail += [Spacer(1, font_size * 0.8), *footer]
    return [
        NextPageTemplate("later"),
        heading,
        header_row,
        *body[:-1],
        KeepTogether(tail),
    ]


def write_ledger_pdf(
    out: Path | BinaryIO,
    title: str,
    columns: Sequence[LedgerColumn],
    rows: Iterable[LedgerRow],
    *,
    subtitle: str = "",
    letterhead: str = "",
    orientation: Literal["landscape", "portrait"] = "landscape",
    footer_lines: Sequence[FooterLine] = (),
    progress: Callable[[int], None] | None = None,
    font_size: float = 10.0,
    author: str = "",
) -> int:
    """Print a ledger to a PDF file or binary stream; return the number of data rows.

    ``rows`` map every column's key to its value (any iterable; a generator is fine; a
    missing key raises ValueError).
    Dates print as the column's ``date_style`` says, everything else as text, exactly as
    given (never parsed as markup). ``footer_lines`` are printed under the table; each is
    a string or a list of segments spread across the width. ``progress(n)`` is called as
    data rows are laid out (every few hundred) and at the end; raise from it to cancel —
    nothing is written then.
    """
    if not columns:
        raise ValueError("a ledger needs at least one column")
    if orientation not in ("landscape", "portrait"):
        raise ValueError(f"orientation must be 'landscape' or 'portrait', not {orientation!r}")
    font = register_cjk_font()
    layout = _page_layout(orientation, font_size)
    texts, needs = _cell_texts(columns, rows, font_size)
    edges = _column_edges(columns, layout.frame_w, needs)
    header_row = _header_row(layout, columns, edges)
    body = _body_rows(layout, columns, edges, texts)
    count = len(texts)
    buffer = io.BytesIO()
    doc = _ledger_doc(
        buffer, layout, header_row, title=title, subtitle=subtitle, author=author, font=font,
        progress=progress,
    )  # fmt: skip
    story = _story(
        font_size, header_row, body, letterhead=letterhead, title=title, subtitle=subtitle,
        footer_lines=footer_lines,
    )  # fmt: skip
    stamp = partial(
        stamp_page_number, size=max(font_size - 1, MIN_LINE_SIZE), bottom_margin=layout.margin
    )
    doc.build(story, canvasmaker=partial(PageCountCanvas, stamp=stamp))
    if progress is not None:
        progress(count)
    write_atomic(buffer.getvalue(), out)
    return count


def _fill_optional(template: str, values: Mapping[str, str]) -> str:
    """A footer segment filled in; "" when it has placeholders and all of them are empty
    (no supervision phone given: no "监督电话：" with nothing after it)."""
    keys = template_keys(template)
    if keys and not any(values.get(key, "").strip() for key in keys):
        return ""
    return fill_line(template, values)


def render_ledger_pdf(
    ledger: LedgerSpec | str | Path,
    rows: Iterable[LedgerRow],
    out: Path | BinaryIO,
    *,
    values: Mapping[str, str] | None = None,
    notes: Sequence[str] = (),
    progress: Callable[[int], None] | None = None,
) -> int:
    """Print a ledger described by a ledger file (``forms/<ledger>.toml``): its columns,
    and its ``[pdf]`` options with ``values`` filled into the title, subtitle, letterhead
    and footer templates. ``notes`` (e.g. an explanation of a marker) print above the
    footer lines. Columns with ``pdf_width = 0`` are left out. Returns the number of
    data rows."""
    spec = ledger if isinstance(ledger, LedgerSpec) else load_ledger(ledger)
    values = values or {}
    pdf = spec.pdf
    footer: list[FooterLine] = list(notes)
    for line in pdf.footer:
        segments = [text for s in line if (text := _fill_optional(s, values))]
        if segments:
            footer.append(segments)
    return write_ledger_pdf(
        out,
        fill_line(pdf.title or spec.title, values),
        [column for column in spec.columns if column.print_width > 0],
        rows,
        subtitle=fill_line(pdf.subtitle, values),
        letterhead=fill_line(pdf.letterhead, values),
        orientation=pdf.orientation,
        footer_lines=footer,
        progress=progress,
        font_size=pdf.font_size,
    )
