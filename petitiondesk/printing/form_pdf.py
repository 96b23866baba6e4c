"""Render a form (:mod:`petitiondesk.printing.formspec`) and plain-text values to a PDF.

The grid is drawn by :class:`~petitiondesk.printing.pdfdraw.GridRow` flowables, one per
form row, stacked without gaps: each row draws its own cells, shading and rules. A value
too tall for the rest of the page is split inside its row and continues on the next page
under its label marked "（续）", so nothing is ever clipped. All text goes through :mod:`petitiondesk.printing.textlayout`
(Chinese line breaking, drawn as plain text, never parsed as markup) in the CJK font from
:mod:`petitiondesk.printing.fonts`, which reportlab embeds (subset) in the PDF.

:func:`render_form_copies_pdf` puts several filled copies of one form in one document
(一式二份: one print job, one preview), each copy starting on a new page with its own page
numbers and continuation line; :func:`render_form_pdf` is its one-copy case.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
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
    PageBreak,
    PageTemplate,
    Spacer,
)

from petitiondesk.printing.fonts import register_cjk_font
from petitiondesk.printing.formload import load_form
from petitiondesk.printing.formspec import (
    CellSpec,
    FormSpec,
    FormSpecError,
    RowSpec,
    render_template,
)
from petitiondesk.printing.pdfdraw import (
    CREATOR,
    LABEL_LEADING,
    MIN_LINE_SIZE,
    PAD_X,
    GridCell,
    GridRow,
    HeaderBlock,
    SegmentLine,
    SignatureBlock,
    clean_text,
    draw_line,
    fill_line,
    fit_line,
    write_atomic,
)
from petitiondesk.printing.textlayout import TextBlock, cut_to_lines

__all__ = [
    "FormValueError",
    "check_values",
    "grid_rows",
    "render_form_copies_pdf",
    "render_form_pdf",
]


class FormValueError(ValueError):
    """The values passed for a form don't match it (unknown key, wrong type)."""


# --- building --------------------------------------------------------------------------


def check_values(spec: FormSpec, values: Mapping[str, Any]) -> dict[str, str]:
    known = set(spec.fields)
    unknown = sorted(str(key) for key in values if key not in known)
    if unknown:
        raise FormValueError(
            f"form {spec.id!r} ({spec.source}) has no field(s) {', '.join(map(repr, unknown))}; "
            f"it uses: {', '.join(spec.fields)}"
        )
    clean: dict[str, str] = {}
    for key, value in values.items():
        if value is None:
            clean[key] = ""
        elif isinstance(value, str):
            clean[key] = value
        elif isinstance(value, int | float) and not isinstance(value, bool):
            clean[key] = str(value)
        else:
            raise FormValueError(
                f"form {spec.id!r}: value for {key!r} must be text, got {type(value).__name__}"
            )
    return clean


def grid_rows(
    spec: FormSpec,
    values: Mapping[str, str],
    width: float,
    max_row: float,
    rows: Sequence[RowSpec] | None = None,
) -> list[GridRow]:
    """The grid rows of ``spec`` (or of ``rows`` laid out on its grid: a card's rows) as
    flowables ``width`` wide; no row's minimum height exceeds ``max_row``."""
    rows = spec.rows if rows is None else rows
    unit = width / sum(spec.column_weights)
    col_x = [0.0]
    for weight in spec.column_weights:
        col_x.append(col_x[-1] + weight * unit)
    col_x[-1] = width  # no rounding gap at the right edge
    shading = colors.HexColor(spec.label_shading)
    base_height = min(spec.row_height_mm * mm, max_row)

    out: list[GridRow] = []
    for r, row in enumerate(rows):
        cells: list[GridCell] = []
        col = 0
        min_height = base_height
        for cell in row.cells:
            min_height = max(min_height, min(cell.min_height_mm * mm, max_row))
            cells.extend(_cells_for(spec, cell, col_x[col : col + cell.span + 1], values))
            col += cell.span
        out.append(
            GridRow(
                cells,
                min_height,
                base_height=base_height,
                shading=shading,
                label_size=spec.label_font_size,
                first=r == 0,
                last=r == len(rows) - 1,
            )
        )
    return out


def cell_text(cell: CellSpec, values: Mapping[str, str]) -> str:
    """The value a cell prints: its field's value, or its text template filled in."""
    if cell.field is not None:
        raw = values.get(cell.field, "")
    elif cell.text is not None:
        raw = render_template(cell.text, values)
    else:
        return ""
    return clean_text(raw, cell.multiline)


def _cells_for(
    spec: FormSpec, cell: CellSpec, col_x: list[float], values: Mapping[str, str]
) -> list[GridCell]:
    """The label and/or value cell of one form cell; ``col_x`` are its column edges."""
    out: list[GridCell] = []
    start = 0
    if cell.label:
        text = clean_text(cell.label, multiline=True)
        size = spec.label_font_size
        out.append(
            GridCell(
                x=col_x[0],
                width=col_x[cell.label_span] - col_x[0],
                content=TextBlock(text, size, size * LABEL_LEADING, "center"),
                shaded=True,
                valign="middle",
                label=text,
            )
        )
        start = cell.label_span
    if cell.has_value:
        text = cell_text(cell, values)
        size = spec.font_size
        align: Literal["justify", "center"] = "center" if cell.align == "center" else "justify"
        width = col_x[-1] - col_x[start]
        if cell.max_lines:
            mark = fill_line(spec.overflow_mark, values)
            text = cut_to_lines(text, width - 2 * PAD_X, size, cell.max_lines, mark)
        out.append(
            GridCell(
                x=col_x[start],
                width=width,
                content=TextBlock(text, size, size * spec.line_spacing, align) if text else None,
                shaded=False,
                valign="top" if cell.multiline else "middle",
            )
        )
    return out


@dataclass
class _CopyState:
    current: int = 0
    page_copies: list[int] = field(default_factory=list)  # copy index of each page


class _CopyStart(Flowable):  # type: ignore[misc]  # reportlab has no type stubs
    """Invisible marker at the start of a copy: the pages after it belong to that copy."""

    def __init__(self, index: int, state: _CopyState) -> None:
        super().__init__()
        self.index = index
        self.state = state

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return 0.0, 0.0

    def draw(self) -> None:
        self.state.current = self.index


@dataclass(frozen=True)
class _PageFurniture:
    """Page number at the bottom of every page, continuation line on pages 2+, both
    counted within each copy (drawn at page end, when the page's copy is known)."""

    spec: FormSpec
    copies: Sequence[Mapping[str, str]]
    state: _CopyState
    # page → copy of the whole document, for "共 N 页"; None: first pass, not known yet
    # (no page numbers drawn); [] when the page-number template needs no page count.
    known: Sequence[int] | None

    def __call__(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        spec = self.spec
        copy = self.state.current
        self.state.page_copies.append(copy)
        page_in_copy = self.state.page_copies.count(copy)
        values = self.copies[copy]
        page_w, page_h = doc.pagesize
        frame_w = page_w - (spec.margins_mm.left + spec.margins_mm.right) * mm
        size = max(spec.font_size - 1.5, MIN_LINE_SIZE)
        canv.saveState()
        canv.setFillColor(colors.HexColor("#333333"))
        if spec.footer.page_number and self.known is not None:
            pages = {"page": str(page_in_copy), "pages": str(list(self.known).count(copy))}
            text, fitted, _ = fit_line(fill_line(spec.footer.page_number, pages), size, frame_w)
            y = spec.margins_mm.bottom * mm / 2 - fitted / 3
            draw_line(canv, page_w / 2, y, text, fitted, align="centre")
        if page_in_copy > 1 and spec.footer.continuation:
            text, fitted, _ = fit_line(fill_line(spec.footer.continuation, values), size, frame_w)
            y = page_h - spec.margins_mm.top * mm + fitted * 0.8
            right = page_w - spec.margins_mm.right * mm
            draw_line(canv, right, y, text, fitted, align="right")
        canv.restoreState()


def _form_story(
    spec: FormSpec, values: Mapping[str, str], frame_w: float, frame_h: float
) -> list[Flowable]:
    """One filled copy of a form as flowables for a ``frame_w`` x ``frame_h`` frame: the
    header, the grid rows, and the last row kept on one page with the footer lines."""
    letterhead = next(
        (text for template in spec.header.letterhead if (text := fill_line(template, values))), ""
    )
    header = HeaderBlock(
        letterhead,
        fill_line(spec.header.title, values),
        fill_line(spec.header.number_line, values),
        (spec.header.letterhead_size, spec.header.title_size, spec.font_size),
        spec.header.title_spacing,
        mark=fill_line(spec.header.mark, values),
    )
    rows = grid_rows(spec, values, frame_w, max_row=frame_h * 0.8)
    leading = spec.font_size * spec.line_spacing
    footer: list[Flowable] = [
        SegmentLine([fill_line(s, values) for s in segments], spec.font_size, leading)
        for segments in spec.footer.printed_lines(values)
    ]
    tail: list[Flowable] = [rows[-1]]
    signature = [fill_line(line, values) for line in spec.footer.signature]
    if any(signature):
        tail += [
            Spacer(1, max(spec.footer.seal_space_mm * mm, spec.font_size * 0.6)),
            SignatureBlock(signature, spec.font_size, leading, spec.footer.signature_indent),
        ]
    if footer:
        tail += [Spacer(1, spec.font_size * 0.6), *footer]
    return [header, *rows[:-1], KeepTogether(tail)]


def _build(
    spec: FormSpec, copies: Sequence[Mapping[str, str]], known: Sequence[int] | None
) -> tuple[bytes, list[int]]:
    """One pass: the PDF and the copy index of each of its pages."""
    font = register_cjk_font()
    page_w, page_h = (v * mm for v in spec.page_size_mm)
    m = spec.margins_mm
    frame_w = page_w - (m.left + m.right) * mm
    frame_h = page_h - (m.top + m.bottom) * mm
    first = copies[0]
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(page_w, page_h),
        leftMargin=m.left * mm,
        rightMargin=m.right * mm,
        topMargin=m.top * mm,
        bottomMargin=m.bottom * mm,
        title=fill_line(spec.header.title, first) or spec.title,
        author=fill_line(spec.author, first),
        subject=fill_line(spec.subject, first),
        creator=CREATOR,
        producer=CREATOR,
        lang="zh-CN",
        initialFontName=font,  # else every page references an unembedded Helvetica
    )
    frame = Frame(
        m.left * mm, m.bottom * mm, frame_w, frame_h,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body",
    )  # fmt: skip
    state = _CopyState()
    furniture = _PageFurniture(spec, copies, state, known)
    doc.addPageTemplates([PageTemplate(id="form", frames=[frame], onPageEnd=furniture)])
    story: list[Flowable] = []
    for index, values in enumerate(copies):
        if index:
            story.append(PageBreak())
        story.append(_CopyStart(index, state))
        story.extend(_form_story(spec, values, frame_w, frame_h))
    doc.build(story)
    return buffer.getvalue(), state.page_copies


def render_form_copies_pdf(
    form: FormSpec | str,
    copies: Sequence[Mapping[str, str]],
    out: Path | BinaryIO,
) -> None:
    """Render ``form`` once per value set in ``copies`` into one PDF (一式二份: 信访人联 +
    存档联 in one print job), each copy starting on a new page with its own page numbers
    ("第 1 页 共 1 页" counts the pages of that copy) and continuation line.

    Same value rules and errors as :func:`render_form_pdf`, and :class:`FormValueError`
    for an empty ``copies``; a file is written atomically (a failure never leaves half a
    PDF).
    """
    spec = form if isinstance(form, FormSpec) else load_form(form)
    if spec.cards is not None:
        raise FormSpecError(
            f"{spec.source}: {spec.id!r} is a card form; print it with render_cards_pdf"
        )
    if not copies:
        raise FormValueError(f"form {spec.id!r}: no copies to print")
    clean = [check_values(spec, values) for values in copies]
    needs_total = "{pages}" in spec.footer.page_number
    pdf, page_copies = _build(spec, clean, known=None if needs_total else [])
    if needs_total:  # second pass with each copy's page count known; same layout
        pdf, _ = _build(spec, clean, known=page_copies)
    write_atomic(pdf, out)


def render_form_pdf(
    form: FormSpec | str,
    values: Mapping[str, str],
    out: Path | BinaryIO,
) -> None:
    """Render ``form`` (a :class:`FormSpec`, or a form id loaded from ``FORMS_DIR``) with
    ``values`` (plain text; a missing key prints empty) to a PDF file or binary stream.

    Raises :class:`FormValueError` for a key the form does not use (a typo would otherwise
    silently print an empty box), :class:`~petitiondesk.printing.formspec.FormSpecError`
    for a broken form file, :class:`~petitiondesk.printing.fonts.FontError` if no CJK
    font can be loaded.
    """
    render_form_copies_pdf(form, [values], out)
