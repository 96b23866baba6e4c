"""Drawing pieces shared by every PDF the program prints (forms, ledgers, cards).

* :func:`clean_text` turns what the clerk typed into printable plain text;
* :func:`draw_line` / :func:`fit_line` draw one line (header, page furniture) with font
  fallback, shrinking or cutting it rather than running off the paper;
* :class:`HeaderBlock` is the letterhead / title / subtitle / number line block;
* :class:`GridRow` is one row of a ruled grid (a form row, a ledger row, a header row);
  it splits inside the row when a value is taller than the rest of the page;
* :class:`SegmentLine` is a footer line of evenly spread segments;
* :class:`SignatureBlock` is an official letter's issuing body and date at the right;
* :func:`write_atomic` writes a finished PDF without ever leaving half a file.

All text goes through :mod:`petitiondesk.printing.textlayout` (Chinese line breaking, drawn
as plain text, never parsed as markup) in the CJK font from
:mod:`petitiondesk.printing.fonts`, which reportlab embeds (subset) in the PDF.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO, Literal

from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from petitiondesk.printing.atomic import replacing
from petitiondesk.printing.fonts import draw_bold_string, font_runs
from petitiondesk.printing.formspec import render_template
from petitiondesk.printing.textlayout import TextBlock

CREATOR = "PetitionDesk 信访办桌面程序"

PAD_X = 4.0  # pt, left/right padding inside a cell
PAD_Y = 3.0  # pt, top/bottom padding inside a cell
INNER_RULE = 0.5  # pt
OUTER_RULE = 1.0  # pt
LABEL_LEADING = 1.3
CONTINUED = "（续）"
MARK_SIZE = 14.0  # pt, the boxed secrecy mark beside a title (保密)
MIN_LINE_SIZE = 7.0  # pt; a one-line header/footer text shrinks down to this, then is cut
_MIN_SPLIT_LINES = 2  # don't leave a sliver of one line at the bottom of a page

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")

LineAlign = Literal["left", "centre", "right"]


def clean_text(text: str, multiline: bool) -> str:
    """Plain text as typed by the clerk -> normalised plain text: NFC, no control
    characters, tabs as spaces; for a one-line field, line breaks become spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    text = _CONTROL.sub("", unicodedata.normalize("NFC", text))
    if not multiline:
        text = " ".join(part.strip() for part in text.split("\n") if part.strip())
    return "\n".join(line.rstrip() for line in text.strip("\n").split("\n"))


def fill_line(template: str, values: Mapping[str, str]) -> str:
    """A header/footer template filled in, as one line of plain text."""
    return clean_text(render_template(template, values), multiline=False)


def draw_line(
    canv: Canvas,
    x: float,
    y: float,
    text: str,
    size: float,
    *,
    align: LineAlign,
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


def line_width(text: str, size: float, char_space: float = 0.0) -> float:
    return sum(
        float(pdfmetrics.stringWidth(run, font, size)) + char_space * len(run)
        for font, run in font_runs(text)
    )


def fit_line(
    text: str, size: float, width: float, spacing: float = 0.0
) -> tuple[str, float, float]:
    """Make one line of ``text`` fit ``width``: drop the letter spacing, shrink the font
    (not below MIN_LINE_SIZE), and as a last resort cut it with "…". Returns (text, size,
    spacing)."""
    if line_width(text, size, spacing) <= width:
        return text, size, spacing
    natural = line_width(text, size)
    if natural <= width:
        return text, size, 0.0
    if natural * MIN_LINE_SIZE / size <= width:
        return text, size * width / natural, 0.0
    size = MIN_LINE_SIZE
    while text and line_width(text + "…", size) > width:
        text = text[: max(len(text) - max(len(text) // 8, 1), 0)]
    return text + "…", size, 0.0


class HeaderBlock(Flowable):  # type: ignore[misc]  # reportlab has no type stubs
    """Letterhead, title (fake bold, letter-spaced), an optional subtitle (the period of a
    ledger) and the number line at the right. A line too long for the page is shrunk to
    fit (header lines never wrap). ``mark`` (保密) is printed boxed at the left of the
    title line, as the secrecy mark of an official document."""

    def __init__(
        self,
        letterhead: str,
        title: str,
        number_line: str,
        sizes: tuple[float, float, float],
        title_spacing: float,
        *,
        subtitle: str = "",
        subtitle_size: float = 0.0,
        mark: str = "",
    ) -> None:
        super().__init__()
        self.mark = mark
        self.title_line = -1
        # (text, size, line height, bold, char spacing)
        self.lines: list[tuple[str, float, float, bool, float]] = []
        letterhead_size, title_size, number_size = sizes
        if letterhead:
            self.lines.append((letterhead, letterhead_size, letterhead_size * 1.6, False, 0.0))
        if title:
            self.title_line = len(self.lines)
            self.lines.append((title, title_size, title_size * 1.55, True, title_spacing))
        if subtitle:
            size = subtitle_size or number_size * 1.3
            self.lines.append((subtitle, size, size * 1.6, False, 0.0))
        self.number_line = number_line
        self.number_size = number_size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        number_height = self.number_size * 1.9 if self.number_line else self.number_size * 0.6
        self.height = sum(line[2] for line in self.lines) + number_height
        return self.width, self.height

    def draw(self) -> None:
        y = self.height
        for index, (text, size, height, bold, spacing) in enumerate(self.lines):
            text, size, spacing = fit_line(text, size, self.width, spacing)
            y -= height
            baseline = y + (height - size) / 2 + 0.12 * size
            if index == self.title_line and self.mark:
                self._draw_mark(baseline + size * 0.3)
            draw_line(
                self.canv, self.width / 2, baseline, text, size,
                align="centre", bold=bold, char_space=spacing,
            )  # fmt: skip
        if self.number_line:
            text, size, _ = fit_line(self.number_line, self.number_size, self.width)
            draw_line(self.canv, self.width, size * 0.55, text, size, align="right")

    def _draw_mark(self, middle: float) -> None:
        """The mark in a ruled box at the left margin, vertically centred on ``middle``."""
        size = MARK_SIZE
        text, size, _ = fit_line(self.mark, size, self.width / 4)
        pad = size * 0.35
        width = line_width(text, size) + 2 * pad
        height = size + 2 * pad
        self.canv.saveState()
        self.canv.setLineWidth(OUTER_RULE)
        self.canv.rect(0, middle - height / 2, width, height, stroke=1, fill=0)
        draw_line(self.canv, pad, middle - size * 0.35, text, size, align="left", bold=True)
        self.canv.restoreState()


@dataclass(frozen=True)
class GridCell:
    x: float
    width: float
    content: TextBlock | None
    shaded: bool
    valign: Literal["top", "middle"]
    label: str = ""  # the label text, for the "（续）" label of a continued row


class GridRow(Flowable):  # type: ignore[misc]  # reportlab has no type stubs
    """One row of a ruled grid. Splits inside the row when a value is too tall.

    ``first``/``last`` draw the thick outer rule above/below the row. ``tag`` is carried
    over to both pieces of a split row (a ledger counts its rows by it); ``drawn_y`` is
    where the row's bottom edge was last drawn, in page coordinates. A row no taller than
    ``keep_whole`` is never split: it moves to the next page as a whole (ledger rows).
    """

    def __init__(
        self,
        cells: list[GridCell],
        min_height: float,
        *,
        base_height: float,
        shading: colors.Color,
        label_size: float,
        first: bool,
        last: bool,
        tag: int | None = None,
        keep_whole: float = 0.0,
    ) -> None:
        super().__init__()
        self.cells = cells
        self.min_height = min_height
        self.base_height = base_height  # the grid's plain row height
        self.shading = shading
        self.label_size = label_size
        self.first = first
        self.last = last
        self.tag = tag
        self.keep_whole = keep_whole
        self.drawn_y: float | None = None
        self._content_heights: list[float] = []

    def _clone(
        self, cells: list[GridCell], min_height: float, *, first: bool, last: bool
    ) -> GridRow:
        return GridRow(
            cells,
            min_height,
            base_height=self.base_height,
            shading=self.shading,
            label_size=self.label_size,
            first=first,
            last=last,
            tag=self.tag,
            keep_whole=self.keep_whole,
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
        if self.height <= self.keep_whole:
            return []
        room = availHeight - 2 * PAD_Y
        values = [c for c in self.cells if not c.shaded and c.content is not None]
        if not values or max(self._content_heights) <= room:
            return []  # nothing needs splitting: move the whole row to the next page
        if room < max(c.content.leading for c in values if c.content) * _MIN_SPLIT_LINES:
            return []
        top: list[GridCell] = []
        rest: list[GridCell] = []
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

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        self.drawn_y = y
        super().drawOn(canvas, x, y, _sW)

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


class SegmentLine(Flowable):  # type: ignore[misc]  # reportlab has no type stubs
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


class SignatureBlock(Flowable):  # type: ignore[misc]  # reportlab has no type stubs
    """The signature of an official letter (GB/T 9704): the last line (the date) ends
    ``indent`` characters from the right margin, the lines above it (the issuing body) are
    centred on the date, moved left if they would come closer to the margin than it.
    The seal is pressed over them by hand (the space above is the caller's Spacer)."""

    def __init__(self, lines: list[str], size: float, leading: float, indent: float) -> None:
        super().__init__()
        self.lines = [line for line in lines if line]
        self.size = size
        self.leading = leading
        self.indent = indent

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self.height = self.leading * len(self.lines)
        return self.width, self.height

    def draw(self) -> None:
        right = self.width - self.indent * self.size
        fitted = [fit_line(line, self.size, right) for line in self.lines]
        date_width = line_width(fitted[-1][0], fitted[-1][1])
        centre = right - date_width / 2
        y = self.height
        for index, (text, size, _) in enumerate(fitted):
            y -= self.leading
            baseline = y + (self.leading - size) / 2 + 0.12 * size
            if index == len(fitted) - 1:
                draw_line(self.canv, right, baseline, text, size, align="right")
            else:
                half = line_width(text, size) / 2
                x = min(centre, right - half)
                draw_line(self.canv, max(x, half), baseline, text, size, align="centre")


def write_atomic(data: bytes, out: Path | BinaryIO) -> None:
    """Write a finished document to a file or binary stream. A file is written beside
    the target and renamed into place, so a failure never leaves half a PDF."""
    if isinstance(out, Path):
        with replacing(out) as tmp:
            tmp.write_bytes(data)
    else:
        out.write(data)
