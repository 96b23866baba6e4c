"""Chinese line breaking and a plain-text flowable for the printed forms.

reportlab's ``wordWrap='CJK'`` starts lines with "，" and lets punctuation hang past the
cell edge, which a Chinese reader sees at once. This module breaks lines the way Chinese
typesetting expects (避头尾): closing punctuation never starts a line, opening punctuation
never ends one, Latin words and numbers (ID numbers, 2025-00012, 3.2亩) stay whole when
they fit, and wrapped lines are justified (两端对齐). Text is drawn as plain text, never
parsed as markup, so "<b>&" or "=SUM(A1)" from a complaint prints exactly as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from petitiondesk.printing.fonts import BOLD_STROKE_RATIO, font_for_char

Align = Literal["left", "center", "right", "justify"]

# 避头: may not start a line. 避尾: may not end a line.
CANNOT_START = frozenset("，。、；：？！）》」』】〕〉〗〙〛”’…‥—～·・．％‰℃°,.;:?!)]}%")
CANNOT_END = frozenset("（《「『【〔〈〖〘〚“‘￥＄([{$#")

# A Latin word / number, kept together: 2025-00012, 3.2, user@example.com, A1.
_WORD = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._\-/:@+%'&]*[A-Za-z0-9%])?")

# Justify only while letter spacing stays modest; otherwise leave the line ragged.
_MAX_JUSTIFY_SPACE = 0.35  # x font size per character gap


@lru_cache(maxsize=65536)
def _char_width(char: str, font: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(char, font, size))


@dataclass(frozen=True)
class Line:
    """One laid-out line: (font, text) runs, its natural width, and whether the text was
    wrapped after it (only wrapped lines are justified)."""

    runs: tuple[tuple[str, str], ...]
    width: float
    wrapped: bool

    @property
    def text(self) -> str:
        return "".join(text for _, text in self.runs)


def _glyphs(text: str) -> list[tuple[str, str]]:
    """(font, char) per character, with the font fallback applied."""
    return [font_for_char(ch) for ch in text]


def _units(glyphs: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Group glyphs into unbreakable units: a Latin word, a space, or one CJK character,
    with 避头 punctuation glued to the unit before it and 避尾 punctuation to the unit
    after it."""
    text = "".join(ch for _, ch in glyphs)
    tokens: list[list[tuple[str, str]]] = []
    i = 0
    while i < len(text):
        match = _WORD.match(text, i)
        end = match.end() if match else i + 1
        tokens.append(glyphs[i:end])
        i = end
    units: list[list[tuple[str, str]]] = []
    glue_next = False
    for token in tokens:
        first = token[0][1]
        is_space = first == " "
        if units and not is_space and (glue_next or first in CANNOT_START):
            units[-1].extend(token)
        else:
            units.append(list(token))
        last = token[-1][1]
        glue_next = last in CANNOT_END
    return units


def _runs(glyphs: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    runs: list[tuple[str, str]] = []
    for font, ch in glyphs:
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + ch)
        else:
            runs.append((font, ch))
    return tuple(runs)


def _width(glyphs: list[tuple[str, str]], size: float) -> float:
    return sum(_char_width(ch, font, size) for font, ch in glyphs)


def break_lines(text: str, width: float, size: float) -> list[Line]:
    """Lay out plain ``text`` (``\\n`` = hard break) in lines at most ``width`` wide."""
    lines: list[Line] = []
    width = max(width, size)  # at least one character per line
    for paragraph in text.split("\n"):
        current: list[tuple[str, str]] = []
        current_w = 0.0

        def flush(wrapped: bool) -> None:
            nonlocal current, current_w
            while current and current[-1][1] == " ":  # no trailing spaces
                current_w -= _char_width(" ", current[-1][0], size)
                current.pop()
            lines.append(Line(_runs(current), max(current_w, 0.0), wrapped))
            current, current_w = [], 0.0

        for unit in _units(_glyphs(paragraph)):
            unit_w = _width(unit, size)
            if unit[0][1] == " ":
                if not current and lines and lines[-1].wrapped:
                    continue  # a wrapped line never starts with a space
                current.extend(unit)  # spaces inside a line, or a paragraph's indent
                current_w += unit_w
                continue
            if current_w + unit_w <= width + 0.01:
                current.extend(unit)
                current_w += unit_w
                continue
            if current and any(ch != " " for _, ch in current):
                flush(wrapped=True)
            if unit_w <= width + 0.01:
                current, current_w = list(unit), unit_w
                continue
            # A unit wider than the line (a very long number or URL): cut it by character,
            # still never starting a line with 避头 or ending one with 避尾 punctuation.
            for glyph in unit:
                glyph_w = _char_width(glyph[1], glyph[0], size)
                if current and current_w + glyph_w > width + 0.01:
                    carry: list[tuple[str, str]] = []
                    while len(current) > 1 and (
                        (carry[0] if carry else glyph)[1] in CANNOT_START
                        or current[-1][1] in CANNOT_END
                    ):
                        carry.insert(0, current.pop())
                    current_w = _width(current, size)
                    flush(wrapped=True)
                    current, current_w = carry, _width(carry, size)
                current.append(glyph)
                current_w += glyph_w
        flush(wrapped=False)
    return lines


def longest_word_width(text: str, size: float, *, whole_up_to: int = 0) -> float:
    """Width of the widest unit :func:`break_lines` keeps whole when it can (a number or
    an ID with the punctuation glued to it, a Latin word, one character): what a column
    needs so that no word is cut. A text of at most ``whole_up_to`` characters (a name,
    a status) counts as one unit."""
    text = text.strip()
    if not text:
        return 0.0
    if len(text) <= whole_up_to and "\n" not in text:
        return _width(_glyphs(text), size)
    units = [unit for paragraph in text.split("\n") for unit in _units(_glyphs(paragraph))]
    return max((_width(unit, size) for unit in units if unit[0][1] != " "), default=0.0)


def cut_to_lines(text: str, width: float, size: float, max_lines: int, mark: str) -> str:
    """``text`` if it takes at most ``max_lines`` lines at ``width``; otherwise the longest
    beginning of it that, followed by ``mark`` ("……（详见来访登记单）"), still does."""
    if max_lines <= 0 or len(break_lines(text, width, size)) <= max_lines:
        return text
    low, high = 0, len(text)  # the answer's length is in [low, high)
    while high - low > 1:
        middle = (low + high) // 2
        if len(break_lines(text[:middle].rstrip() + mark, width, size)) <= max_lines:
            low = middle
        else:
            high = middle
    return text[:low].rstrip() + mark


class TextBlock(Flowable):  # type: ignore[misc]  # reportlab has no type stubs
    """Plain text laid out with :func:`break_lines`; splits between lines. ``bold`` draws
    it in fake bold (fill + stroke, see :func:`petitiondesk.printing.fonts.draw_bold_string`)."""

    def __init__(
        self,
        text: str,
        size: float,
        leading: float,
        align: Align = "justify",
        *,
        lines: list[Line] | None = None,
        bold: bool = False,
    ) -> None:
        super().__init__()
        self.text = text
        self.size = size
        self.leading = leading
        self.align = align
        self.bold = bold
        self._lines = lines
        self._laid_width: float | None = None if lines is None else -1.0

    def lines_for(self, width: float) -> list[Line]:
        if self._laid_width == -1.0 and self._lines is not None:
            return self._lines  # a piece of a split block: its lines are fixed
        if self._lines is None or self._laid_width != width:
            self._lines = break_lines(self.text, width, self.size)
            self._laid_width = width
        return self._lines

    def natural_width(self) -> float:
        """Width of the longest hard line (no wrapping)."""
        return max((line.width for line in break_lines(self.text, 1e9, self.size)), default=0.0)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self.height = len(self.lines_for(availWidth)) * self.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        lines = self.lines_for(availWidth)
        fit = int((availHeight + 0.01) // self.leading)
        if fit <= 0:
            return []
        if fit >= len(lines):
            return [self]
        head = TextBlock(
            self.text, self.size, self.leading, self.align, lines=lines[:fit], bold=self.bold
        )
        tail = TextBlock(
            self.text, self.size, self.leading, self.align, lines=lines[fit:], bold=self.bold
        )
        return [head, tail]

    def draw(self) -> None:
        canv = self.canv
        lines = self.lines_for(self.width)
        top = len(lines) * self.leading
        if self.bold:
            canv.saveState()
            canv.setLineWidth(self.size * BOLD_STROKE_RATIO)
            canv.setLineJoin(1)
        for index, line in enumerate(lines):
            # centre the em box (descent ~0.12 em) in the line box
            baseline = top - index * self.leading - self.leading / 2 - 0.38 * self.size
            chars = len(line.text)
            spacing = 0.0
            x = 0.0
            if self.align == "justify" and line.wrapped and chars > 1:
                spacing = (self.width - line.width) / (chars - 1)
                if spacing < 0 or spacing > _MAX_JUSTIFY_SPACE * self.size:
                    spacing = 0.0
            elif self.align == "center":
                x = (self.width - line.width) / 2
            elif self.align == "right":
                x = self.width - line.width
            obj = canv.beginText(x, baseline)
            obj.setCharSpace(spacing)
            if self.bold:
                obj.setTextRenderMode(2)
            for font, run in line.runs:
                obj.setFont(font, self.size)
                obj.textOut(run)
            canv.drawText(obj)
        if self.bold:
            canv.restoreState()
