"""One archived item (件) as one PDF: the case's printed forms concatenated, the archive
stamp (归档章, DA/T 22-2015) on the first page's top right, every page numbered with the
item's archival code (档号), then PDF/A-2b (:mod:`petitiondesk.printing.pdfa`).

The stamp is the standard two-row grid — 全宗号 / 年度 / 件号 over 机构(问题) / 保管期限 /
页数 — drawn smaller than the paper stamp (45 × 12 mm) so that it fits in the top margin
of the forms. It and the page numbers are drawn by reportlab on an overlay that pikepdf
lays over each page.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass

import pikepdf
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from petitiondesk.printing.fonts import register_cjk_font
from petitiondesk.printing.pdfa import DocInfo, save_pdfa

STAMP_COLOUR = colors.HexColor("#C00000")  # archive stamps are red
CELL_W, CELL_H = 15 * mm, 6 * mm
STAMP_TOP, STAMP_RIGHT = 2 * mm, 10 * mm  # from the page's top and right edges
NUMBER_BOTTOM = 5 * mm  # the page number's baseline above the bottom edge
OVERLAY_NAME = pikepdf.Name("/PetitionDeskArchiveStamp")


@dataclass(frozen=True)
class ArchiveStamp:
    """What the 归档章 shows."""

    fonds_no: str  # 全宗号
    year: int  # 年度
    item_no: str  # 件号 (four digits)
    org_code: str  # 机构(问题)
    retention: str  # 保管期限 as printed: 永久 / 30年 / 10年
    code: str  # 档号, printed with the page numbers


def _fit(canvas: Canvas, font: str, text: str, width: float, size: float) -> float:
    while size > 4 and canvas.stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def _draw_stamp(canvas: Canvas, font: str, page_w: float, page_h: float, stamp: ArchiveStamp,
                pages: int) -> None:  # fmt: skip
    right, top = page_w - STAMP_RIGHT, page_h - STAMP_TOP
    left, bottom = right - 3 * CELL_W, top - 2 * CELL_H
    canvas.setFillColor(colors.white)
    canvas.setStrokeColor(STAMP_COLOUR)
    canvas.setLineWidth(0.8)
    canvas.rect(left, bottom, 3 * CELL_W, 2 * CELL_H, stroke=1, fill=1)
    canvas.setLineWidth(0.5)
    canvas.line(left, bottom + CELL_H, right, bottom + CELL_H)
    for column in (1, 2):
        canvas.line(left + column * CELL_W, bottom, left + column * CELL_W, top)
    cells = (
        (stamp.fonds_no, str(stamp.year), stamp.item_no),
        (stamp.org_code, stamp.retention, str(pages)),
    )
    canvas.setFillColor(STAMP_COLOUR)
    for row, texts in enumerate(cells):
        baseline = top - (row + 1) * CELL_H + CELL_H * 0.32
        for column, text in enumerate(texts):
            size = _fit(canvas, font, text, CELL_W - 1.5 * mm, 8.0)
            canvas.setFont(font, size)
            canvas.drawCentredString(left + (column + 0.5) * CELL_W, baseline, text)


def stamp_overlay(sizes: Sequence[tuple[float, float]], stamp: ArchiveStamp) -> bytes:
    """One overlay page per page size: the stamp on the first, on every page
    ``档号 … 第 n 页 共 N 页`` at the bottom right."""
    font = register_cjk_font()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, initialFontName=font)
    total = len(sizes)
    for number, (page_w, page_h) in enumerate(sizes, start=1):
        canvas.setPageSize((page_w, page_h))
        if number == 1:
            _draw_stamp(canvas, font, page_w, page_h, stamp, total)
        canvas.setFillColor(colors.black)
        canvas.setFont(font, 7.5)
        text = f"档号：{stamp.code}　件内第 {number} 页 共 {total} 页"
        canvas.drawRightString(page_w - STAMP_RIGHT, NUMBER_BOTTOM, text)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _page_size(page: pikepdf.Page) -> tuple[float, float]:
    box = page.mediabox
    return float(box[2]) - float(box[0]), float(box[3]) - float(box[1])


def _overlay(pdf: pikepdf.Pdf, page: pikepdf.Page, layer: pikepdf.Page) -> None:
    """``layer`` over ``page`` under a fixed resource name (pikepdf's own add_overlay picks
    a random one, which would make every run's bytes differ)."""
    form = pdf.copy_foreign(layer.as_form_xobject())
    name = page.add_resource(form, pikepdf.Name.XObject, OVERLAY_NAME)
    placement = page.calc_form_xobject_placement(form, name, pikepdf.Rectangle(page.trimbox))
    page.contents_add(b"q\n", prepend=True)
    page.contents_add(b"Q\n" + placement)
    page.contents_coalesce()


def assemble_item(parts: Sequence[bytes], stamp: ArchiveStamp, info: DocInfo) -> tuple[bytes, int]:
    """The item's PDF/A from its forms (each a finished PDF, in order) and its page
    count."""
    if not parts:
        raise ValueError("an archived item needs at least one document")
    with ExitStack() as stack:
        merged = stack.enter_context(pikepdf.new())
        for part in parts:
            source = stack.enter_context(pikepdf.open(io.BytesIO(part)))
            merged.pages.extend(source.pages)
        sizes = [_page_size(page) for page in merged.pages]
        overlay = stack.enter_context(pikepdf.open(io.BytesIO(stamp_overlay(sizes, stamp))))
        for page, layer in zip(merged.pages, overlay.pages, strict=True):
            _overlay(merged, page, layer)
        return save_pdfa(merged, info), len(sizes)


def page_count(pdf: bytes) -> int:
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        return len(doc.pages)
