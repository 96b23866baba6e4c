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
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO, Literal

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageTemplate,
    Spacer,
)

from petitiondesk.printing.fonts import register_cjk_font
from petitiondesk.printing.formspec import render_template, template_keys
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
    OUTER_RULE,
    PAD_X,
    PAD_Y,
    GridCell,
    GridRow,
    HeaderBlock,
    SegmentLine,
    clean_text,
    draw_line,
    fill_line,
    fit_line,
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
PAGE_NUMBER = "第 {page} 页  共 {pages} 页"
PROGRESS_EVERY = 200
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


# --- page furniture --------------------------------------------------------------------


class _PageCountCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type stubs
    """Keeps every finished page until :meth:`save`, then stamps "第 N 页 共 M 页" on
    each: one layout pass, however long the ledger (no second build to learn M)."""

    def __init__(self, *args: Any, stamp: Callable[[Canvas, int, int], None], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._stamp = stamp
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        for number, state in enumerate(self._held, start=1):
            self.__dict__.update(state)
            self._stamp(self, number, total)
            Canvas.showPage(self)
        Canvas.save(self)


class _LedgerDoc(BaseDocTemplate):  # type: ignore[misc]  # reportlab has no type stubs
    """Repeats the column header on pages 2+, closes each page's table with the outer
    rule, and reports progress as data rows are placed on pages."""

    def __init__(
        self,
        buffer: BinaryIO,
        *,
        header_row: GridRow,
        header_height: float,
        continuation: str,
        font_size: float,
        progress: Callable[[int], None] | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(buffer, **kwargs)
        self.header_row = header_row
        self.header_height = header_height
        self.continuation = continuation
        self.font_size = font_size
        self.progress = progress
        self.rows_placed = 0
        self._page_bottom: float | None = None

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802
        if isinstance(flowable, GridRow) and flowable.tag is not None:
            self._page_bottom = flowable.drawn_y
            if flowable.tag > self.rows_placed:  # the first piece of a split row counts
                self.rows_placed = flowable.tag
                if self.progress is not None and self.rows_placed % PROGRESS_EVERY == 0:
                    self.progress(self.rows_placed)

    def first_page(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        self._page_bottom = None

    def later_page(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        self._page_bottom = None
        top = self.pagesize[1] - self.topMargin
        self.header_row.wrapOn(canv, self.width, self.header_height)
        self.header_row.drawOn(canv, self.leftMargin, top - self.header_height)
        if self.continuation:
            size = max(self.font_size - 1, MIN_LINE_SIZE)
            text, fitted, _ = fit_line(self.continuation, size, self.width)
            canv.saveState()
            canv.setFillColor(colors.HexColor("#333333"))
            draw_line(canv, self.leftMargin, top + fitted * 0.8, text, fitted, align="left")
            canv.restoreState()

    def page_end(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        """The table's outer rule under the last row on the page (rows draw thin rules)."""
        if self._page_bottom is None:
            return
        canv.saveState()
        canv.setLineWidth(OUTER_RULE)
        canv.setLineCap(2)
        canv.line(
            self.leftMargin, self._page_bottom, self.leftMargin + self.width, self._page_bottom
        )
        canv.restoreState()
        self._page_bottom = None


def _stamp_page_number(
    canv: Canvas, page: int, pages: int, *, size: float, bottom_margin: float
) -> None:
    page_w = canv._pagesize[0]
    text = render_template(PAGE_NUMBER, {"page": str(page), "pages": str(pages)})
    canv.saveState()
    canv.setFillColor(colors.HexColor("#333333"))
    draw_line(canv, page_w / 2, bottom_margin / 2 - size / 3, text, size, align="centre")
    canv.restoreState()


# --- building --------------------------------------------------------------------------


def _column_edges(
    columns: Sequence[LedgerColumn], width: float, needs: Sequence[float]
) -> list[float]:
    """Column edges: widths proportional to ``LedgerColumn.width``, except that a column
    too narrow for its widest number or word (an ID number, 2026-00012) gets what it
    needs, taken from the columns with room to spare (the wrapping text columns)."""
    total = sum(column.width for column in columns)
    widths = [width * column.width / total for column in columns]
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
    short, long = (side * mm for side in A4_MM)
    page_w, page_h = (long, short) if orientation == "landscape" else (short, long)
    left = (BINDING_MARGIN_MM if orientation == "portrait" else MARGIN_MM) * mm
    right = top = bottom = MARGIN_MM * mm
    frame_w = page_w - left - right
    frame_h = page_h - top - bottom
    shading = colors.HexColor(HEADER_SHADING)
    leading = font_size * BODY_LEADING
    row_min = leading + 2 * PAD_Y + 2

    def grid_row(
        cells: list[GridCell], min_height: float, *, first: bool, tag: int | None
    ) -> GridRow:
        return GridRow(
            cells, min_height, base_height=row_min, shading=shading, label_size=font_size,
            first=first, last=False, tag=tag, keep_whole=frame_h * KEEP_WHOLE_SHARE,
        )  # fmt: skip

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
    edges = _column_edges(columns, frame_w, needs)

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
    header_row = grid_row(header_cells, font_size * 2.4, first=True, tag=None)
    header_height = header_row.wrap(frame_w, frame_h)[1]

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
        body.append(grid_row(cells, row_min, first=False, tag=number))
    count = len(body)
    if not body:  # an empty period still prints its table, saying so
        empty = GridCell(0.0, frame_w, TextBlock(EMPTY_LEDGER, font_size, leading, "center"),
                         shaded=False, valign="middle")  # fmt: skip
        body.append(grid_row([empty], row_min, first=False, tag=0))
    body[-1].last = True

    buffer = io.BytesIO()
    doc = _LedgerDoc(
        buffer,
        header_row=header_row,
        header_height=header_height,
        continuation=f"{title}{CONTINUED}" + (f"    {subtitle}" if subtitle else ""),
        font_size=font_size,
        progress=progress,
        pagesize=(page_w, page_h),
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
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
    first = Frame(left, bottom, frame_w, frame_h, id="first", **frame_args)
    later = Frame(left, bottom, frame_w, frame_h - header_height, id="later", **frame_args)
    doc.addPageTemplates(
        [
            PageTemplate("first", [first], onPage=doc.first_page, onPageEnd=doc.page_end),
            PageTemplate("later", [later], onPage=doc.later_page, onPageEnd=doc.page_end),
        ]
    )
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
    story: list[Flowable] = [
        NextPageTemplate("later"),
        heading,
        header_row,
        *body[:-1],
        KeepTogether(tail),
    ]
    stamp = partial(
        _stamp_page_number, size=max(font_size - 1, MIN_LINE_SIZE), bottom_margin=bottom
    )
    doc.build(story, canvasmaker=partial(_PageCountCanvas, stamp=stamp))
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
    footer lines. Returns the number of data rows."""
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
        spec.columns,
        rows,
        subtitle=fill_line(pdf.subtitle, values),
        letterhead=fill_line(pdf.letterhead, values),
        orientation=pdf.orientation,
        footer_lines=footer,
        progress=progress,
        font_size=pdf.font_size,
    )
