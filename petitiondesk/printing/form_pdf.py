"""Render a form (:mod:`petitiondesk.printing.formspec`) and plain-text values to a PDF.

The grid is drawn by :class:`_GridRow` flowables, one per form row, stacked without gaps:
each row draws its own cells, shading and rules. A value too tall for the rest of the page
is split inside its row and continues on the next page under its label marked "（续）", so
nothing is ever clipped. All text goes through :mod:`petitiondesk.printing.textlayout`
(Chinese line breaking, drawn as plain text, never parsed as markup) in the CJK font from
:mod:`petitiondesk.printing.fonts`, which reportlab embeds (subset) in the PDF.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO, Literal

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
)

from petitiondesk.printing.fonts import draw_bold_string, font_runs, register_cjk_font
from petitiondesk.printing.formspec import CellSpec, FormSpec, load_form, render_template
from petitiondesk.printing.textlayout import TextBlock

__all__ = ["FormValueError", "render_form_pdf"]

CREATOR = "PetitionDesk 信访办桌面程序"

PAD_X = 4.0  # pt, left/right padding inside a cell
PAD_Y = 3.0  # pt, top/bottom padding inside a cell
INNER_RULE = 0.5  # pt
OUTER_RULE = 1.0  # pt
VALUE_LEADING = 1.5  # x font size
LABEL_LEADING = 1.3
CONTINUED = "（续）"
MIN_LINE_SIZE = 7.0  # pt; a one-line header/footer text shrinks down to this, then is cut
_MIN_SPLIT_LINES = 2  # don't leave a sliver of one line at the bottom of a page

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")


class FormValueError(ValueError):
    """The values passed for a form don't match it (unknown key, wrong type)."""


def _clean_text(text: str, multiline: bool) -> str:
    """Plain text as typed by the clerk -> normalised plain text: NFC, no control
    characters, tabs as spaces; for a one-line field, line breaks become spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    text = _CONTROL.sub("", unicodedata.normalize("NFC", text))
    if not multiline:
        text = " ".join(part.strip() for part in text.split("\n") if part.strip())
    return "\n".join(line.rstrip() for line in text.strip("\n").split("\n"))


def _fill(template: str, values: Mapping[str, str]) -> str:
    """A header/footer template filled in, as one line of plain text."""
    return _clean_text(render_template(template, values), multiline=False)


# --- flowables -------------------------------------------------------------------------


def _draw_line(
    canv: Canvas,
    x: float,
    y: float,
    text: str,
    size: float,
    *,
    align: Literal["left", "centre", "right"],
    bold: bool = False,
    char_space: float = 0.0,
) -> None:
    """Draw one line of plain text with font fallback (header lines, page furniture)."""
    runs = font_runs(text)
    widths = [pdfmetrics.stringWidth(run, font, size) + char_space * len(run) for font, run in runs]
    total = sum(widths) - (char_space if text else 0)
    if align == "centre":
        x -= total / 2
    elif align == "right":
        x -= total
    for (font, run), width in zip(runs, widths, strict=True):
        if bold:
            draw_bold_string(canv, x, y, run, font, size, char_space=char_space)
        else:
            obj = canv.beginText(x, y)
            obj.setFont(font, size)
            obj.setCharSpace(char_space)
            obj.textOut(run)
            canv.drawText(obj)
        x += width


def _line_width(text: str, size: float, char_space: float = 0.0) -> float:
    return sum(
        float(pdfmetrics.stringWidth(run, font, size)) + char_space * len(run)
        for font, run in font_runs(text)
    )


def _fit_line(
    text: str, size: float, width: float, spacing: float = 0.0
) -> tuple[str, float, float]:
    """Make one line of ``text`` fit ``width``: drop the letter spacing, shrink the font
    (not below MIN_LINE_SIZE), and as a last resort cut it with "…". Returns (text, size,
    spacing)."""
    if _line_width(text, size, spacing) <= width:
        return text, size, spacing
    natural = _line_width(text, size)
    if natural <= width:
        return text, size, 0.0
    if natural * MIN_LINE_SIZE / size <= width:
        return text, size * width / natural, 0.0
    size = MIN_LINE_SIZE
    while text and _line_width(text + "…", size) > width:
        text = text[: max(len(text) - max(len(text) // 8, 1), 0)]
    return text + "…", size, 0.0


class _HeaderBlock(Flowable):  # type: ignore[misc]  # reportlab has no type stubs
    """Letterhead, title (fake bold, letter-spaced) and the number line at the right.
    A line too long for the page is shrunk to fit (header lines never wrap)."""

    def __init__(
        self,
        letterhead: str,
        title: str,
        number_line: str,
        sizes: tuple[float, float, float],
        title_spacing: float,
    ) -> None:
        super().__init__()
        # (text, size, line height, bold, char spacing)
        self.lines: list[tuple[str, float, float, bool, float]] = []
        letterhead_size, title_size, number_size = sizes
        if letterhead:
            self.lines.append((letterhead, letterhead_size, letterhead_size * 1.6, False, 0.0))
        if title:
            self.lines.append((title, title_size, title_size * 1.55, True, title_spacing))
        self.number_line = number_line
        self.number_size = number_size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        number_height = self.number_size * 1.9 if self.number_line else self.number_size * 0.6
        self.height = sum(line[2] for line in self.lines) + number_height
        return self.width, self.height

    def draw(self) -> None:
        y = self.height
        for text, size, height, bold, spacing in self.lines:
            text, size, spacing = _fit_line(text, size, self.width, spacing)
            y -= height
            baseline = y + (height - size) / 2 + 0.12 * size
            _draw_line(
                self.canv, self.width / 2, baseline, text, size,
                align="centre", bold=bold, char_space=spacing,
            )  # fmt: skip
        if self.number_line:
            text, size, _ = _fit_line(self.number_line, self.number_size, self.width)
            _draw_line(self.canv, self.width, size * 0.55, text, size, align="right")


@dataclass(frozen=True)
class _Cell:
    x: float
    width: float
    content: TextBlock | None
    shaded: bool
    valign: Literal["top", "middle"]
    label: str = ""  # the label text, for the "（续）" label of a continued row


class _GridRow(Flowable):  # type: ignore[misc]  # reportlab has no type stubs
    """One row of the ruled grid. Splits inside the row when a value is too tall."""

    def __init__(
        self,
        cells: list[_Cell],
        min_height: float,
        *,
        base_height: float,
        shading: colors.Color,
        label_size: float,
        first: bool,
        last: bool,
    ) -> None:
        super().__init__()
        self.cells = cells
        self.min_height = min_height
        self.base_height = base_height  # the form's plain row height
        self.shading = shading
        self.label_size = label_size
        self.first = first
        self.last = last
        self._content_heights: list[float] = []

    def _clone(self, cells: list[_Cell], min_height: float, *, first: bool, last: bool) -> _GridRow:
        return _GridRow(
            cells,
            min_height,
            base_height=self.base_height,
            shading=self.shading,
            label_size=self.label_size,
            first=first,
            last=last,
        )

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._content_heights = [
            cell.content.wrap(cell.width - 2 * PAD_X, 1e9)[1] if cell.content else 0.0
            for cell in self.cells
        ]
        self.width = sum(cell.width for cell in self.cells)
        self.height = max(self.min_height, max(self._content_heights, default=0.0) + 2 * PAD_Y)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self.wrap(availWidth, availHeight)
        room = availHeight - 2 * PAD_Y
        values = [c for c in self.cells if not c.shaded and c.content is not None]
        if not values or max(self._content_heights) <= room:
            return []  # nothing needs splitting: move the whole row to the next page
        if room < max(c.content.leading for c in values if c.content) * _MIN_SPLIT_LINES:
            return []
        top: list[_Cell] = []
        rest: list[_Cell] = []
        for cell in self.cells:
            if cell.shaded:
                top.append(cell)
                label = TextBlock(
                    cell.label + "\n" + CONTINUED if cell.label else CONTINUED,
                    self.label_size,
                    self.label_size * LABEL_LEADING,
                    "center",
                )
                rest.append(replace(cell, content=label))
            elif cell.content is None:
                top.append(cell)
                rest.append(cell)
            else:
                parts = cell.content.split(cell.width - 2 * PAD_X, room)
                if not parts:
                    return []
                top.append(replace(cell, content=_as_block(parts[0])))
                rest.append(replace(cell, content=_as_block(parts[1]) if len(parts) > 1 else None))
        head = self._clone(top, availHeight - 0.5, first=self.first, last=True)
        tail_min = max(self.base_height, self.min_height - availHeight)
        return [head, self._clone(rest, tail_min, first=True, last=self.last)]

    def draw(self) -> None:
        canv = self.canv
        height = self.height
        canv.saveState()
        for cell, content_height in zip(self.cells, self._content_heights, strict=True):
            if cell.shaded:
                canv.setFillColor(self.shading)
                canv.rect(cell.x, 0, cell.width, height, stroke=0, fill=1)
                canv.setFillColor(colors.black)
            if cell.content is not None:
                if cell.valign == "middle":
                    y = (height - content_height) / 2
                else:
                    y = height - PAD_Y - content_height
                cell.content.drawOn(canv, cell.x + PAD_X, y)
        canv.setStrokeColor(colors.black)
        canv.setLineCap(2)  # square caps: thick and thin rules meet cleanly at corners
        canv.setLineWidth(INNER_RULE)
        for cell in self.cells[1:]:
            canv.line(cell.x, 0, cell.x, height)
        canv.setLineWidth(OUTER_RULE if self.first else INNER_RULE)
        canv.line(0, height, self.width, height)
        canv.setLineWidth(OUTER_RULE if self.last else INNER_RULE)
        canv.line(0, 0, self.width, 0)
        canv.setLineWidth(OUTER_RULE)
        canv.line(0, 0, 0, height)
        canv.line(self.width, 0, self.width, height)
        canv.restoreState()


def _as_block(flowable: Flowable) -> TextBlock:
    if not isinstance(flowable, TextBlock):  # pragma: no cover - TextBlock splits in two
        raise TypeError(f"unexpected flowable {flowable!r}")
    return flowable


class _SegmentLine(Flowable):  # type: ignore[misc]  # reportlab has no type stubs
    """A footer line of segments (接待人 / 值班领导 / 打印时间) in equal columns; if a
    segment is too wide for that, first flush left, last flush right, the rest spread
    between; if they don't fit on one line at all, one segment per line."""

    def __init__(self, segments: list[str], size: float, leading: float) -> None:
        super().__init__()
        self.blocks = [TextBlock(s, size, leading, "left") for s in segments]
        self.leading = leading
        self._one_line = True

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        natural = [b.natural_width() for b in self.blocks]
        gap = self.leading  # at least about one character between segments
        self._one_line = sum(natural) + gap * (len(natural) - 1) <= availWidth
        if self._one_line:
            self.height = self.leading
        else:
            self.height = sum(b.wrap(availWidth, availHeight)[1] for b in self.blocks)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self.wrap(availWidth, availHeight)
        if self._one_line:
            return []
        # Stacked: the segments that fit, then the one that doesn't split by lines.
        done: list[Flowable] = []
        room = availHeight
        for index, block in enumerate(self.blocks):
            height = block.wrap(availWidth, room)[1]
            if height <= room:
                done.append(block)
                room -= height
                continue
            parts = block.split(availWidth, room)
            if not parts and not done:
                return []
            return [*done, *parts, *self.blocks[index + (1 if parts else 0) :]]
        return done

    def draw(self) -> None:
        if not self._one_line:
            y = self.height
            for block in self.blocks:
                _, h = block.wrap(self.width, y)
                y -= h
                block.drawOn(self.canv, 0, y)
            return
        natural = [b.natural_width() + 0.5 for b in self.blocks]
        slot = self.width / len(natural)
        if max(natural) <= slot - self.leading:
            # Equal columns: the same places on every slip, room to sign on a blank one.
            starts = [i * slot for i in range(len(natural))]
        else:
            spare = (self.width - sum(natural)) / max(len(natural) - 1, 1)
            starts = [sum(natural[:i]) + i * spare for i in range(len(natural))]
        for block, width, x in zip(self.blocks, natural, starts, strict=True):
            block.wrap(width, self.leading)
            block.drawOn(self.canv, x, 0)


# --- building --------------------------------------------------------------------------


def _check_values(spec: FormSpec, values: Mapping[str, Any]) -> dict[str, str]:
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


def _grid_rows(
    spec: FormSpec, values: Mapping[str, str], width: float, max_row: float
) -> list[_GridRow]:
    unit = width / sum(spec.column_weights)
    col_x = [0.0]
    for weight in spec.column_weights:
        col_x.append(col_x[-1] + weight * unit)
    col_x[-1] = width  # no rounding gap at the right edge
    shading = colors.HexColor(spec.label_shading)
    base_height = min(spec.row_height_mm * mm, max_row)

    rows: list[_GridRow] = []
    for r, row in enumerate(spec.rows):
        cells: list[_Cell] = []
        col = 0
        min_height = base_height
        for cell in row.cells:
            min_height = max(min_height, min(cell.min_height_mm * mm, max_row))
            cells.extend(_cells_for(spec, cell, col_x[col : col + cell.span + 1], values))
            col += cell.span
        rows.append(
            _GridRow(
                cells,
                min_height,
                base_height=base_height,
                shading=shading,
                label_size=spec.label_font_size,
                first=r == 0,
                last=r == len(spec.rows) - 1,
            )
        )
    return rows


def _cells_for(
    spec: FormSpec, cell: CellSpec, col_x: list[float], values: Mapping[str, str]
) -> list[_Cell]:
    """The label and/or value cell of one form cell; ``col_x`` are its column edges."""
    out: list[_Cell] = []
    start = 0
    if cell.label:
        text = _clean_text(cell.label, multiline=True)
        size = spec.label_font_size
        out.append(
            _Cell(
                x=col_x[0],
                width=col_x[cell.label_span] - col_x[0],
                content=TextBlock(text, size, size * LABEL_LEADING, "center"),
                shaded=True,
                valign="middle",
                label=text,
            )
        )
        start = cell.label_span
    if cell.field is not None:
        text = _clean_text(values.get(cell.field, ""), cell.multiline)
        size = spec.font_size
        align: Literal["justify", "center"] = "center" if cell.align == "center" else "justify"
        out.append(
            _Cell(
                x=col_x[start],
                width=col_x[-1] - col_x[start],
                content=TextBlock(text, size, size * VALUE_LEADING, align) if text else None,
                shaded=False,
                valign="top" if cell.multiline else "middle",
            )
        )
    return out


@dataclass(frozen=True)
class _PageFurniture:
    """Page number at the bottom of every page; continuation line on pages 2+."""

    spec: FormSpec
    values: Mapping[str, str]
    total_pages: int | None  # None: first pass, page count not known yet

    def __call__(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        spec = self.spec
        page = canv.getPageNumber()
        page_w, page_h = doc.pagesize
        frame_w = page_w - (spec.margins_mm.left + spec.margins_mm.right) * mm
        size = max(spec.font_size - 1.5, MIN_LINE_SIZE)
        canv.saveState()
        canv.setFillColor(colors.HexColor("#333333"))
        if spec.footer.page_number and self.total_pages is not None:
            pages = {"page": str(page), "pages": str(self.total_pages)}
            text, fitted, _ = _fit_line(_fill(spec.footer.page_number, pages), size, frame_w)
            y = spec.margins_mm.bottom * mm / 2 - fitted / 3
            _draw_line(canv, page_w / 2, y, text, fitted, align="centre")
        if page > 1 and spec.footer.continuation:
            text, fitted, _ = _fit_line(_fill(spec.footer.continuation, self.values), size, frame_w)
            y = page_h - spec.margins_mm.top * mm + fitted * 0.8
            right = page_w - spec.margins_mm.right * mm
            _draw_line(canv, right, y, text, fitted, align="right")
        canv.restoreState()


def _build(spec: FormSpec, values: Mapping[str, str], total_pages: int | None) -> tuple[bytes, int]:
    font = register_cjk_font()
    page_w, page_h = (v * mm for v in spec.page_size_mm)
    m = spec.margins_mm
    frame_w = page_w - (m.left + m.right) * mm
    frame_h = page_h - (m.top + m.bottom) * mm
    buffer = io.BytesIO()
    letterhead = next(
        (text for template in spec.header.letterhead if (text := _fill(template, values))), ""
    )
    title = _fill(spec.header.title, values)
    doc = BaseDocTemplate(
        buffer,
        pagesize=(page_w, page_h),
        leftMargin=m.left * mm,
        rightMargin=m.right * mm,
        topMargin=m.top * mm,
        bottomMargin=m.bottom * mm,
        title=title or spec.title,
        author=_fill(spec.author, values),
        subject=_fill(spec.subject, values),
        creator=CREATOR,
        producer=CREATOR,
        lang="zh-CN",
        initialFontName=font,  # else every page references an unembedded Helvetica
    )
    frame = Frame(
        m.left * mm, m.bottom * mm, frame_w, frame_h,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body",
    )  # fmt: skip
    furniture = _PageFurniture(spec, values, total_pages)
    doc.addPageTemplates([PageTemplate(id="form", frames=[frame], onPage=furniture)])

    header = _HeaderBlock(
        letterhead,
        title,
        _fill(spec.header.number_line, values),
        (spec.header.letterhead_size, spec.header.title_size, spec.font_size),
        spec.header.title_spacing,
    )
    rows = _grid_rows(spec, values, frame_w, max_row=frame_h * 0.8)
    leading = spec.font_size * VALUE_LEADING
    footer: list[Flowable] = [
        _SegmentLine([_fill(s, values) for s in segments], spec.font_size, leading)
        for segments in spec.footer.lines
    ]
    tail: list[Flowable] = [rows[-1]]
    if footer:
        tail += [Spacer(1, spec.font_size * 0.6), *footer]
    story: list[Flowable] = [header, *rows[:-1], KeepTogether(tail)]
    doc.build(story)
    return buffer.getvalue(), doc.page


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
    spec = form if isinstance(form, FormSpec) else load_form(form)
    clean = _check_values(spec, values)
    needs_total = "{pages}" in spec.footer.page_number
    pdf, pages = _build(spec, clean, total_pages=None if needs_total else 0)
    if needs_total:  # second pass with "共 N 页" known; the layout is identical
        pdf, _ = _build(spec, clean, total_pages=pages)
    _write(pdf, out)


def _write(data: bytes, out: Path | BinaryIO) -> None:
    if isinstance(out, Path):
        # Write beside the target and rename, so a failure never leaves half a PDF.
        tmp = out.with_name(out.name + ".part")
        try:
            tmp.write_bytes(data)
            tmp.replace(out)
        finally:
            tmp.unlink(missing_ok=True)
    else:
        out.write(data)
