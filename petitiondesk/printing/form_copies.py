"""Several filled copies of one form in one PDF: 一式二份 (信访人联 + 存档联) and the like.

:func:`petitiondesk.printing.form_pdf.render_form_pdf` renders one value set per
document. A notice printed in two copies needs both in one file (one print job, one
preview), each copy starting on a new page with its own page numbers ("第 1 页 共 1 页"
counts the pages of that copy) and its own continuation line. This module builds such a
document from the same pieces form_pdf uses (its public ``check_values``/``grid_rows``
and :mod:`petitiondesk.printing.pdfdraw`), without changing form_pdf.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

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
from petitiondesk.printing.form_pdf import FormValueError, check_values, grid_rows
from petitiondesk.printing.formspec import FormSpec, FormSpecError, load_form
from petitiondesk.printing.pdfdraw import (
    CREATOR,
    MIN_LINE_SIZE,
    HeaderBlock,
    SegmentLine,
    draw_line,
    fill_line,
    fit_line,
    write_atomic,
)

__all__ = ["render_form_copies_pdf"]


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
class _Furniture:
    """Page number and continuation line, counted within each copy (drawn at page end,
    when the page's copy is known)."""

    spec: FormSpec
    copies: Sequence[Mapping[str, str]]
    state: _CopyState
    known: Sequence[int] | None  # page → copy from the first pass (for "共 N 页")

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


def _copy_story(
    spec: FormSpec, values: Mapping[str, str], frame_w: float, frame_h: float
) -> list[Flowable]:
    letterhead = next(
        (text for template in spec.header.letterhead if (text := fill_line(template, values))), ""
    )
    header = HeaderBlock(
        letterhead,
        fill_line(spec.header.title, values),
        fill_line(spec.header.number_line, values),
        (spec.header.letterhead_size, spec.header.title_size, spec.font_size),
        spec.header.title_spacing,
    )
    rows = grid_rows(spec, values, frame_w, max_row=frame_h * 0.8)
    leading = spec.font_size * spec.line_spacing
    footer: list[Flowable] = [
        SegmentLine([fill_line(s, values) for s in segments], spec.font_size, leading)
        for segments in spec.footer.lines
    ]
    tail: list[Flowable] = [rows[-1]]
    if footer:
        tail += [Spacer(1, spec.font_size * 0.6), *footer]
    return [header, *rows[:-1], KeepTogether(tail)]


def _build(
    spec: FormSpec, copies: Sequence[Mapping[str, str]], known: Sequence[int] | None
) -> tuple[bytes, list[int]]:
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
    furniture = _Furniture(spec, copies, state, known)
    doc.addPageTemplates([PageTemplate(id="form", frames=[frame], onPageEnd=furniture)])
    story: list[Flowable] = []
    for index, values in enumerate(copies):
        if index:
            story.append(PageBreak())
        story.append(_CopyStart(index, state))
        story.extend(_copy_story(spec, values, frame_w, frame_h))
    doc.build(story)
    return buffer.getvalue(), state.page_copies


def render_form_copies_pdf(
    form: FormSpec | str,
    copies: Sequence[Mapping[str, str]],
    out: Path | BinaryIO,
) -> None:
    """Render ``form`` once per value set in ``copies`` into one PDF, each copy starting
    on a new page. Same value rules and errors as ``render_form_pdf``; a file is written
    atomically (a failure never leaves half a PDF)."""
    spec = form if isinstance(form, FormSpec) else load_form(form)
    if spec.cards is not None:
        raise FormSpecError(
            f"{spec.source}: {spec.id!r} is a card form; print it with render_cards_pdf"
        )
    if not copies:
        raise FormValueError(f"form {spec.id!r}: no copies to print")
    clean = [check_values(spec, values) for values in copies]
    needs_total = "{pages}" in spec.footer.page_number
    pdf, page_copies = _build(spec, clean, known=None)
    if needs_total:  # second pass with each copy's page count known; same layout
        pdf, _ = _build(spec, clean, known=page_copies)
    write_atomic(pdf, out)
