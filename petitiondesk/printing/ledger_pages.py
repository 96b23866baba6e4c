"""The page furniture of a ledger PDF (see :mod:`petitiondesk.printing.ledger_pdf`): the
canvas that stamps "第 N 页 共 M 页" once the page count is known, and the document that
repeats the column header on pages 2+, closes each page's table with the outer rule and
reports progress as rows are placed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable

from petitiondesk.printing.formspec import render_template
from petitiondesk.printing.pdfdraw import MIN_LINE_SIZE, OUTER_RULE, GridRow, draw_line, fit_line

__all__ = ["PAGE_NUMBER", "PROGRESS_EVERY", "LedgerDoc", "PageCountCanvas", "stamp_page_number"]

PAGE_NUMBER = "第 {page} 页  共 {pages} 页"
PROGRESS_EVERY = 200  # data rows between two progress reports


class PageCountCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type stubs
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


class LedgerDoc(BaseDocTemplate):  # type: ignore[misc]  # reportlab has no type stubs
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


def stamp_page_number(
    canv: Canvas, page: int, pages: int, *, size: float, bottom_margin: float
) -> None:
    page_w = canv._pagesize[0]
    text = render_template(PAGE_NUMBER, {"page": str(page), "pages": str(pages)})
    canv.saveState()
    canv.setFillColor(colors.HexColor("#333333"))
    draw_line(canv, page_w / 2, bottom_margin / 2 - size / 3, text, size, align="centre")
    canv.restoreState()
