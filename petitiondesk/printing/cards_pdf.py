"""Card forms (``[[cards]]`` in ``forms/*.toml``) on one sheet: the 四卡 of a booking.

Seed 000 篇3: when a visitor is booked for a leader's reception day the office issues four
cards — a notice card for the visitor, a notice card for the responsible unit, a report
card (呈报卡) for the leader, and a stub it keeps. :func:`render_cards_pdf` prints the cards
of a card form stacked on ONE page, full width, with a dashed cut line, a pair of scissors
and "沿虚线剪开" between two cards.

Each card is a small form: its header (the letterhead at the left, the title in bold, the
number at the right), then a ruled grid built by the same code as every form
(:func:`petitiondesk.printing.form_pdf.grid_rows`), then its notes. Long values are cut to
their cell's ``max_lines`` with the form's ``overflow_mark``; if the cards are still too
tall for the sheet (a huge address, a letterhead on three lines) the whole sheet is laid
out wider and scaled down, so nothing is clipped and it stays one page.

Confidentiality: a card with ``redact``/``redact_when`` prints ``redact_text`` ("（保密）")
instead of the listed values when the flag value is set — the responsible unit never sees
who reported it (检举控告), while the leader's card and the office stub keep the identity.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from petitiondesk.printing.fonts import register_cjk_font
from petitiondesk.printing.form_pdf import FormValueError, check_values, grid_rows
from petitiondesk.printing.formload import load_form
from petitiondesk.printing.formspec import CardSpec, FormSpec, FormSpecError
from petitiondesk.printing.pdfdraw import (
    CREATOR,
    SegmentLine,
    draw_line,
    fill_line,
    fit_line,
    line_width,
    write_atomic,
)

__all__ = ["card_values", "is_flag_set", "render_card_sheets_pdf", "render_cards_pdf"]

log = logging.getLogger(__name__)

CUT_TEXT_SIZE = 7.5  # pt
CUT_COLOUR = colors.HexColor("#555555")
MIN_SCALE = 0.3  # below this the print is unreadable anyway
MAX_GAP_GROWTH = 2.0  # spare height widens the gaps between cards up to this factor
NOTE_GAP = 0.35  # x font size, between a card's grid and its notes
_UNSET = frozenset({"", "0", "false", "no", "否"})


def is_flag_set(value: str) -> bool:
    """A flag value such as ``confidential``: set unless empty or an explicit no.
    Anything unexpected counts as set, so a confidential case fails closed."""
    return value.strip().lower() not in _UNSET


def card_values(card: CardSpec, values: Mapping[str, str]) -> dict[str, str]:
    """The values one card prints: ``values`` with the card's ``redact`` keys replaced by
    its ``redact_text`` when its ``redact_when`` flag is set."""
    shown = dict(values)
    if card.redact_when and is_flag_set(values.get(card.redact_when, "")):
        for key in card.redact:
            shown[key] = card.redact_text
    return shown


class _CardHeader(Flowable):  # type: ignore[misc]  # reportlab has no type stubs
    """Letterhead at the left, title + subtitle centred in bold, number at the right, on
    one line when they fit side by side; otherwise the title on a line of its own."""

    def __init__(
        self,
        letterhead: str,
        title: str,
        subtitle: str,
        number_line: str,
        *,
        letterhead_size: float,
        title_size: float,
        title_spacing: float,
        small_size: float,
    ) -> None:
        super().__init__()
        self.letterhead = letterhead
        self.title = title
        self.subtitle = subtitle
        self.number_line = number_line
        self.letterhead_size = letterhead_size
        self.title_size = title_size
        self.title_spacing = title_spacing
        self.subtitle_size = max(title_size * 0.75, small_size)
        self.small_size = small_size
        self._one_line = True

    def _title_width(self) -> float:
        return line_width(self.title, self.title_size, self.title_spacing) + line_width(
            self.subtitle, self.subtitle_size
        )

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        side = (availWidth - self._title_width()) / 2 - self.title_size
        self._one_line = (
            line_width(self.letterhead, self.letterhead_size) <= side
            and line_width(self.number_line, self.small_size) <= side
        )
        self.height = self.title_size * 1.75
        if not self._one_line and (self.letterhead or self.number_line):
            self.height += max(self.letterhead_size, self.small_size) * 1.5
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        title_line = self.height - self.title_size * 1.75
        title_base = title_line + self.title_size * 0.55
        # the title, shrunk if a huge title would not fit the card
        scale = min(1.0, self.width / max(self._title_width(), 1.0))
        size, sub_size = self.title_size * scale, self.subtitle_size * scale
        spacing = self.title_spacing * scale
        width = line_width(self.title, size, spacing) + line_width(self.subtitle, sub_size)
        x = (self.width - width) / 2
        draw_line(
            canv, x, title_base, self.title, size, align="left", bold=True, char_space=spacing
        )
        x += line_width(self.title, size, spacing)
        draw_line(canv, x, title_base, self.subtitle, sub_size, align="left")
        if self._one_line:
            base = title_base
            room = self.width
        else:
            base = self.small_size * 0.45
            room = self.width / 2 - self.small_size
        if self.letterhead:
            text, fitted, _ = fit_line(self.letterhead, self.letterhead_size, room)
            draw_line(canv, 0, base, text, fitted, align="left")
        if self.number_line:
            text, fitted, _ = fit_line(self.number_line, self.small_size, room)
            draw_line(canv, self.width, base, text, fitted, align="right")


@dataclass
class _Card:
    parts: list[Flowable]  # header, grid rows, notes (drawn top to bottom, no gaps)
    gaps: list[float]  # space above each part

    def height(self, width: float) -> float:
        return sum(
            gap + float(part.wrap(width, 1e6)[1])
            for part, gap in zip(self.parts, self.gaps, strict=True)
        )


def _layout(spec: FormSpec, values: Mapping[str, str], width: float, page_h: float) -> list[_Card]:
    assert spec.cards is not None
    cards: list[_Card] = []
    for card in spec.cards.cards:
        shown = card_values(card, values)
        letterhead = next(
            (text for template in spec.header.letterhead if (text := fill_line(template, shown))),
            "",
        )
        header = _CardHeader(
            letterhead,
            fill_line(card.title, shown),
            fill_line(card.subtitle, shown),
            fill_line(card.number_line, shown),
            letterhead_size=spec.header.letterhead_size,
            title_size=spec.header.title_size,
            title_spacing=spec.header.title_spacing,
            small_size=spec.font_size - 0.5,
        )
        parts: list[Flowable] = [header]
        gaps = [0.0]
        for row in grid_rows(spec, shown, width, max_row=page_h * 0.5, rows=card.rows):
            parts.append(row)
            gaps.append(0.0)
        leading = spec.font_size * spec.line_spacing
        for i, line in enumerate(card.notes):
            parts.append(SegmentLine([fill_line(s, shown) for s in line], spec.font_size, leading))
            gaps.append(spec.font_size * NOTE_GAP if i == 0 else 0.0)
        cards.append(_Card(parts, gaps))
    return cards


def _draw_scissors(canv: Canvas, x: float, y: float, size: float) -> None:
    """Scissors pointing right along a cut line (the font has no ✂): two finger loops
    at the left, two blades crossing towards the right."""
    r = size * 0.17
    canv.saveState()
    canv.setDash()
    canv.setStrokeColor(CUT_COLOUR)
    canv.setLineWidth(0.8)
    for sign in (1, -1):
        canv.circle(x + r, y + sign * size * 0.26, r, stroke=1, fill=0)
        canv.line(x + 2 * r * 0.9, y + sign * size * 0.2, x + size, y - sign * size * 0.07)
    canv.restoreState()


def _draw_cut_line(canv: Canvas, x0: float, x1: float, y: float, text: str) -> None:
    """A dashed line from x0 to x1, scissors at the left, ``text`` in a gap in the middle
    (the dashes never run through the text)."""
    scissors = CUT_TEXT_SIZE * 1.9
    _draw_scissors(canv, x0, y, scissors)
    start = x0 + scissors + 3
    middle = (start + x1) / 2
    half = line_width(text, CUT_TEXT_SIZE) / 2 + 4 if text else 0.0
    canv.saveState()
    canv.setStrokeColor(CUT_COLOUR)
    canv.setLineWidth(0.6)
    canv.setDash(4, 3)
    if text:
        canv.line(start, y, middle - half, y)
        canv.line(middle + half, y, x1, y)
        canv.setFillColor(CUT_COLOUR)
        draw_line(canv, middle, y - CUT_TEXT_SIZE * 0.35, text, CUT_TEXT_SIZE, align="centre")
    else:
        canv.line(start, y, x1, y)
    canv.restoreState()


def _draw_sheet(canv: Canvas, spec: FormSpec, clean: Mapping[str, str]) -> None:
    """Draw the cards of ``spec`` filled with ``clean`` on the canvas's current page."""
    assert spec.cards is not None
    page_w, page_h = (v * mm for v in spec.page_size_mm)
    m = spec.margins_mm
    frame_w = page_w - (m.left + m.right) * mm
    frame_h = page_h - (m.top + m.bottom) * mm
    gap = spec.cards.gap_mm * mm

    # Lay out at full width; if too tall, lay out wider and scale down until it fits.
    scale = 1.0
    while True:
        width = frame_w / scale
        cards = _layout(spec, clean, width, frame_h / scale)
        total = sum(card.height(width) for card in cards) + gap * (len(cards) - 1)
        if total * scale <= frame_h + 0.01 or scale <= MIN_SCALE:
            break
        scale = max(min(scale * 0.97, frame_h / total), MIN_SCALE)
    if total * scale > frame_h + 0.01:
        log.warning("cards of %s too long even at %d%%: cut at the page", spec.id, scale * 100)
    # Some spare height goes between the cards (more room to cut), the rest stays below.
    if len(cards) > 1:
        spare = frame_h / scale - total
        gap = min(gap + spare / (len(cards) - 1), gap * MAX_GAP_GROWTH)

    canv.saveState()
    canv.translate(m.left * mm, page_h - m.top * mm)
    canv.scale(scale, scale)
    y = 0.0
    for index, card in enumerate(cards):
        if index:
            cut_y = y - gap / 2
            _draw_cut_line(
                canv,
                (-m.left * mm + 5 * mm) / scale,
                (frame_w + m.right * mm - 5 * mm) / scale,
                cut_y,
                fill_line(spec.cards.cut_text, clean),
            )
            y -= gap
        for part, space in zip(card.parts, card.gaps, strict=True):
            y -= space
            _, part_h = part.wrapOn(canv, width, 1e6)
            y -= part_h
            part.drawOn(canv, 0, y)
    canv.restoreState()
    canv.showPage()


def _card_spec(form: FormSpec | str) -> FormSpec:
    spec = form if isinstance(form, FormSpec) else load_form(form)
    if spec.cards is None:
        raise FormSpecError(f"{spec.source}: {spec.id!r} has no [[cards]]; use render_form_pdf")
    return spec


def render_card_sheets_pdf(
    sheets: Sequence[tuple[FormSpec | str, Mapping[str, str]]],
    out: Path | BinaryIO,
) -> None:
    """Several card sheets in one PDF, one page each: ``(form, values)`` per sheet, e.g.
    the copies of a 督办单 (slip + 回执 per recipient) and its stub. The document's
    title, author and subject come from the first sheet. Same errors as
    :func:`render_cards_pdf`, and FormValueError for no sheets."""
    if not sheets:
        raise FormValueError("no card sheets to print")
    checked = [(spec, check_values(spec, values)) for spec, values in
               ((_card_spec(form), values) for form, values in sheets)]  # fmt: skip
    font = register_cjk_font()
    first, first_values = checked[0]
    page_w, page_h = (v * mm for v in first.page_size_mm)
    buffer = io.BytesIO()
    # initialFontName: else the page references an unembedded Helvetica
    canv = Canvas(buffer, pagesize=(page_w, page_h), initialFontName=font, lang="zh-CN")
    canv.setTitle(first.title)
    canv.setAuthor(fill_line(first.author, first_values))
    canv.setSubject(fill_line(first.subject, first_values))
    canv.setCreator(CREATOR)
    canv.setProducer(CREATOR)
    for spec, clean in checked:
        canv.setPageSize(tuple(v * mm for v in spec.page_size_mm))
        _draw_sheet(canv, spec, clean)
    canv.save()
    write_atomic(buffer.getvalue(), out)


def render_cards_pdf(
    values: Mapping[str, str],
    out: Path | BinaryIO,
    form: FormSpec | str = "reception_cards",
) -> None:
    """Print the cards of a card form (default ``forms/reception_cards.toml``) with
    ``values`` (plain text; a missing key prints empty) on one page, to a PDF file or
    binary stream. Raises FormValueError for a key the form does not use, FormSpecError
    for a broken form file or one that has no cards."""
    render_card_sheets_pdf([(form, values)], out)
