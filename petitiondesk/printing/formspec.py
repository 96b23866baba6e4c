"""Printed forms as data: a TOML file in ``forms/`` describes a form, this module loads it.

A form is a ruled grid (``columns`` wide) of rows; each cell is a shaded label, a value,
or a label followed by its value. ``{key}`` placeholders in the header/footer templates and
``field`` keys in cells name the values the caller passes. See ``forms/registration_slip.toml``
for a commented example; the renderer (:mod:`petitiondesk.printing.form_pdf`) is generic,
so a new form is a new TOML file.

A *card form* (``forms/reception_cards.toml``) has ``[[cards]]`` instead of ``rows``: several
small slips printed on one sheet and cut apart, each with its own title, rows (the same
row/cell schema as a form, checked the same way) and notes; a card can withhold fields
(``redact``) when a flag value is set, e.g. the accuser's identity on the copy that goes to
the responsible unit. :mod:`petitiondesk.printing.cards_pdf` renders them.

Every problem in a form file is reported as :class:`FormSpecError` naming the file and
the place in it (``rows[3].cells[1]``), because forms are edited by hand.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

# Re-exported: the renderers and tests import them from here.
from petitiondesk.printing.tomlcheck import FormSpecError as FormSpecError
from petitiondesk.printing.tomlcheck import check_template as check_template

PageSize = Literal["A3", "A4", "A5"]
Orientation = Literal["portrait", "landscape"]
Align = Literal["left", "center"]

PAGE_SIZES_MM: dict[str, tuple[float, float]] = {
    "A3": (297.0, 420.0),
    "A4": (210.0, 297.0),
    "A5": (148.0, 210.0),
}

# Placeholders the renderer fills itself in the page-number template.
PAGE_PLACEHOLDERS = frozenset({"page", "pages"})

COLOUR_PATTERN = re.compile(r"#[0-9A-Fa-f]{6}")


@dataclass(frozen=True)
class CellSpec:
    """One cell of a grid row: ``label`` (shaded), a value, or both. The value is either
    ``field`` (one value key) or ``text`` (a template such as ``"{day} {weekday}"``).

    ``span`` counts grid columns for the whole cell; when it has both a label and a value
    the label takes ``label_span`` of them and the value the rest. ``max_lines`` (0 = no
    limit) cuts a longer value and ends it with the form's ``overflow_mark``.
    """

    label: str
    field: str | None
    span: int
    label_span: int
    min_height_mm: float
    multiline: bool
    align: Align
    text: str | None = None
    max_lines: int = 0

    @property
    def has_value(self) -> bool:
        return self.field is not None or self.text is not None

    @property
    def value_span(self) -> int:
        return self.span - self.label_span if self.label else self.span

    def value_keys(self) -> list[str]:
        if self.field is not None:
            return [self.field]
        return template_keys(self.text) if self.text is not None else []


@dataclass(frozen=True)
class RowSpec:
    cells: tuple[CellSpec, ...]


@dataclass(frozen=True)
class HeaderSpec:
    letterhead: tuple[str, ...]  # alternatives: the first that renders non-empty is printed
    title: str
    number_line: str
    letterhead_size: float
    title_size: float
    title_spacing: float  # extra space between title characters, pt
    mark: str = ""  # template; when it renders non-empty, printed boxed beside the title (保密)


@dataclass(frozen=True)
class FooterSpec:
    lines: tuple[tuple[str, ...], ...]  # under the grid; each line is 1+ segments spread evenly
    page_number: str  # bottom of every page; "" = none; may use {page} and {pages}
    continuation: str  # top of pages 2+; "" = none
    # the value key each line depends on ("" = always printed), one per line of ``lines``
    line_when: tuple[str, ...] = ()
    # an official letter's signature (issuing body, date) under the grid, right-aligned
    # ``signature_indent`` characters from the right margin, ``seal_space_mm`` above it
    signature: tuple[str, ...] = ()
    signature_indent: float = 4.0
    seal_space_mm: float = 0.0

    def printed_lines(self, values: Mapping[str, str]) -> list[tuple[str, ...]]:
        """The lines printed for ``values``: a line with ``when`` needs that value set."""
        when = self.line_when or ("",) * len(self.lines)
        return [
            line for line, key in zip(self.lines, when, strict=True) if not key or values.get(key)
        ]


@dataclass(frozen=True)
class Margins:
    top: float
    right: float
    bottom: float
    left: float


@dataclass(frozen=True)
class CardSpec:
    """One card of a card form: a slip with its own title and grid, cut from the sheet."""

    id: str
    title: str  # template
    subtitle: str  # template, printed after the title in smaller type: "（来访人联）"
    number_line: str  # template, at the right under the title
    rows: tuple[RowSpec, ...]
    notes: tuple[tuple[str, ...], ...]  # under the grid, like a form's footer lines
    redact: tuple[str, ...]  # value keys withheld from this card when redact_when is set
    redact_when: str  # the flag value key ("confidential"); "" = never
    redact_text: str  # printed instead of a withheld value

    def templates(self) -> list[str]:
        return [
            self.title,
            self.subtitle,
            self.number_line,
            *(s for line in self.notes for s in line),
        ]


@dataclass(frozen=True)
class CardSet:
    """The cards of a card form and how they are cut apart."""

    cards: tuple[CardSpec, ...]
    gap_mm: float  # space between two cards; the dashed cut line runs through its middle
    cut_text: str  # printed on the cut line: "沿虚线剪开"


@dataclass(frozen=True)
class FormSpec:
    id: str
    title: str
    source: str  # the file it came from (for messages)
    page_size: PageSize
    orientation: Orientation
    margins_mm: Margins
    columns: int
    column_weights: tuple[float, ...]
    font_size: float
    label_font_size: float
    label_shading: str
    row_height_mm: float  # minimum height of every grid row
    author: str
    subject: str
    header: HeaderSpec
    rows: tuple[RowSpec, ...]  # empty in a card form
    footer: FooterSpec
    overflow_mark: str = "……"  # ends a value cut at its cell's max_lines
    line_spacing: float = 1.5  # value line height, x font_size
    cards: CardSet | None = None  # a card form: the cards instead of rows

    @property
    def page_size_mm(self) -> tuple[float, float]:
        width, height = PAGE_SIZES_MM[self.page_size]
        return (height, width) if self.orientation == "landscape" else (width, height)

    @property
    def fields(self) -> tuple[str, ...]:
        """Every value key the form uses, in order of first appearance."""
        keys: dict[str, None] = {}
        templates = [
            self.author,
            self.subject,
            *self.header.letterhead,
            self.header.title,
            self.header.number_line,
            self.header.mark,
        ]
        for template in templates:
            keys.update(dict.fromkeys(template_keys(template)))
        for row in self.rows:
            for cell in row.cells:
                keys.update(dict.fromkeys(cell.value_keys()))
        for card in self.cards.cards if self.cards else ():
            for template in card.templates():
                keys.update(dict.fromkeys(template_keys(template)))
            for row in card.rows:
                for cell in row.cells:
                    keys.update(dict.fromkeys(cell.value_keys()))
            if card.redact_when:
                keys[card.redact_when] = None
        keys.update(dict.fromkeys(template_keys(self.overflow_mark)))
        if not self.cards:
            for template in (
                *self.footer.signature,
                *(s for line in self.footer.lines for s in line),
                self.footer.continuation,
            ):
                keys.update(dict.fromkeys(template_keys(template)))
            keys.update(dict.fromkeys(key for key in self.footer.line_when if key))
        return tuple(keys)


# --- templates -------------------------------------------------------------------------


def template_keys(template: str) -> list[str]:
    """The ``{key}`` names in a template (``{{``/``}}`` are literal braces)."""
    return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]


def render_template(template: str, values: Mapping[str, str]) -> str:
    """Fill ``{key}`` placeholders; a missing key prints as empty."""
    out: list[str] = []
    for literal, name, _, _ in string.Formatter().parse(template):
        out.append(literal)
        if name is not None:
            out.append(values.get(name, ""))
    return "".join(out)
