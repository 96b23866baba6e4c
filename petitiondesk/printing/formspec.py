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
from pathlib import Path
from typing import Any, Literal

from petitiondesk.paths import FORMS_DIR
from petitiondesk.printing.tomlcheck import (
    IDENT,
    check_keys,
    load_spec,
    segment_lines,
)

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

_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


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


# --- loading ---------------------------------------------------------------------------


def form_path(form_id: str) -> Path:
    if not IDENT.fullmatch(form_id):
        raise FormSpecError(f"bad form id {form_id!r} (letters, digits and _ only)")
    return FORMS_DIR / f"{form_id}.toml"


def load_form(form: str | Path) -> FormSpec:
    """Load a form by id (``"registration_slip"`` -> ``FORMS_DIR/registration_slip.toml``)
    or from a path. Raises :class:`FormSpecError` with the file name on any problem."""
    path = Path(form) if isinstance(form, Path) else form_path(form)
    return load_spec(path, form, "form", parse_form)


class _Table:
    """Typed access to one TOML table, remembering where it is for error messages."""

    def __init__(self, data: object, where: str, allowed: set[str]) -> None:
        if not isinstance(data, dict):
            raise FormSpecError(f"{where}: expected a table, got {type(data).__name__}")
        check_keys(data, where, allowed)
        self.data: dict[str, Any] = data
        self.where = where

    def _get(self, key: str, kinds: tuple[type, ...], default: object, what: str) -> Any:
        if key not in self.data:
            if default is _REQUIRED:
                raise FormSpecError(f"{self.where}: missing required key {key!r}")
            return default
        value = self.data[key]
        if isinstance(value, bool) and bool not in kinds or not isinstance(value, kinds):
            raise FormSpecError(f"{self.where}.{key}: expected {what}, got {value!r}")
        return value

    def text(self, key: str, default: object = None) -> str:
        value: str = self._get(key, (str,), default, "a string")
        return value

    def integer(self, key: str, default: object = None) -> int:
        value: int = self._get(key, (int,), default, "an integer")
        return value

    def number(self, key: str, default: object = None) -> float:
        return float(self._get(key, (int, float), default, "a number"))

    def flag(self, key: str, default: object = None) -> bool:
        value: bool = self._get(key, (bool,), default, "true or false")
        return value

    def array(self, key: str, default: object = None) -> list[Any]:
        value: list[Any] = self._get(key, (list,), default, "an array")
        return value

    def choice(self, key: str, choices: tuple[str, ...], default: str) -> str:
        value = self.text(key, default)
        if value not in choices:
            raise FormSpecError(f"{self.where}.{key}: {value!r} is not one of {list(choices)}")
        return value


_REQUIRED = object()

_FORM_KEYS = {
    "id", "title", "page_size", "orientation", "margins_mm", "columns", "column_weights",
    "font_size", "label_font_size", "label_shading", "row_height_mm", "author", "subject",
    "header", "rows", "footer", "overflow_mark", "line_spacing",
}  # fmt: skip
_HEADER_KEYS = {
    "letterhead", "title", "number_line", "letterhead_size", "title_size", "title_spacing",
    "mark",
}  # fmt: skip
_FOOTER_KEYS = {
    "lines", "page_number", "continuation", "signature", "signature_indent", "seal_space_mm",
}  # fmt: skip
_ROW_KEYS = {"cells"}
_CELL_KEYS = {
    "label", "field", "text", "span", "label_span", "min_height_mm", "multiline", "align",
    "max_lines",
}  # fmt: skip
# A card's value cells print at most this many lines unless they say otherwise (max_lines),
# so that the cards of a sheet stay on one page whatever the clerk typed.
CARD_CELL_MAX_LINES = 3
# A card form has [[cards]] (and how to cut them apart) instead of rows and a page footer.
_CARD_FORM_KEYS = (_FORM_KEYS - {"rows", "footer"}) | {"cards", "card_gap_mm", "cut_text"}
_CARD_KEYS = {
    "id", "title", "subtitle", "number_line", "rows", "notes", "redact", "redact_when",
    "redact_text",
}  # fmt: skip
_MARGIN_KEYS = {"top", "right", "bottom", "left"}


def parse_form(data: Mapping[str, Any], source: str) -> FormSpec:
    """Validate a decoded TOML document and build the :class:`FormSpec`."""
    is_card_form = "cards" in data
    top = _Table(dict(data), source, _CARD_FORM_KEYS if is_card_form else _FORM_KEYS)
    form_id = top.text("id", _REQUIRED)
    if not IDENT.fullmatch(form_id):
        raise FormSpecError(f"{source}.id: {form_id!r} must be letters, digits and _")
    title = top.text("title", _REQUIRED)
    page_size = top.choice("page_size", tuple(PAGE_SIZES_MM), "A4")
    orientation = top.choice("orientation", ("portrait", "landscape"), "portrait")
    columns = top.integer("columns", _REQUIRED)
    if not 1 <= columns <= 48:
        raise FormSpecError(f"{source}.columns: {columns} must be between 1 and 48")

    margins = _parse_margins(top.data.get("margins_mm", 18), f"{source}.margins_mm")

    weights_raw = top.array("column_weights", [1] * columns)
    if len(weights_raw) != columns or not all(
        isinstance(w, int | float) and not isinstance(w, bool) and w > 0 for w in weights_raw
    ):
        raise FormSpecError(
            f"{source}.column_weights: need {columns} positive numbers (one per column), "
            f"got {weights_raw!r}"
        )
    font_size = top.number("font_size", 10.5)
    label_font_size = top.number("label_font_size", font_size)
    for key, size in (("font_size", font_size), ("label_font_size", label_font_size)):
        if not 5 <= size <= 30:
            raise FormSpecError(f"{source}.{key}: {size} pt is not a sensible size (5-30)")
    shading = top.text("label_shading", "#EEEEEE")
    if not _COLOUR.fullmatch(shading):
        raise FormSpecError(f"{source}.label_shading: {shading!r} must look like #RRGGBB")

    line_spacing = top.number("line_spacing", 1.5)
    if not 1.0 <= line_spacing <= 3.0:
        raise FormSpecError(f"{source}.line_spacing: {line_spacing} is out of range (1.0-3.0)")
    row_height = top.number("row_height_mm", 8)
    if not 0 <= row_height <= 40:
        raise FormSpecError(f"{source}.row_height_mm: {row_height} is out of range (0-40)")

    header = _parse_header(top.data.get("header", {}), f"{source}.header", title)
    cards: CardSet | None = None
    if is_card_form:
        rows: tuple[RowSpec, ...] = ()
        cards = _parse_cards(top, source, columns)
    else:
        rows = _parse_rows(top.array("rows", _REQUIRED), source, columns)
    footer = _parse_footer(top.data.get("footer", {}), f"{source}.footer", header)

    return FormSpec(
        id=form_id,
        title=title,
        source=source,
        page_size=page_size,  # type: ignore[arg-type]  # checked by choice()
        orientation=orientation,  # type: ignore[arg-type]
        margins_mm=margins,
        columns=columns,
        column_weights=tuple(float(w) for w in weights_raw),
        font_size=font_size,
        label_font_size=label_font_size,
        label_shading=shading,
        row_height_mm=row_height,
        author=check_template(top.text("author", ""), f"{source}.author"),
        subject=check_template(top.text("subject", ""), f"{source}.subject"),
        header=header,
        rows=rows,
        footer=footer,
        overflow_mark=check_template(top.text("overflow_mark", "……"), f"{source}.overflow_mark"),
        cards=cards,
        line_spacing=line_spacing,
    )


def _parse_margins(raw: object, where: str) -> Margins:
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        values = dict.fromkeys(_MARGIN_KEYS, float(raw))
    else:
        table = _Table(raw, where, _MARGIN_KEYS)
        values = {key: table.number(key, 18) for key in _MARGIN_KEYS}
    for key, value in values.items():
        if not 0 <= value <= 60:
            raise FormSpecError(f"{where}.{key}: {value} mm is not a sensible margin (0-60)")
    return Margins(**values)


def _parse_header(raw: object, where: str, form_title: str) -> HeaderSpec:
    table = _Table(raw, where, _HEADER_KEYS)
    letterhead_raw = table.data.get("letterhead", [])
    if isinstance(letterhead_raw, str):
        letterhead_raw = [letterhead_raw]
    if not isinstance(letterhead_raw, list) or not all(isinstance(x, str) for x in letterhead_raw):
        raise FormSpecError(f"{where}.letterhead: expected a string or an array of strings")
    letterhead = tuple(
        check_template(t, f"{where}.letterhead[{i}]") for i, t in enumerate(letterhead_raw)
    )
    return HeaderSpec(
        letterhead=letterhead,
        title=check_template(table.text("title", form_title), f"{where}.title"),
        number_line=check_template(table.text("number_line", ""), f"{where}.number_line"),
        letterhead_size=table.number("letterhead_size", 16),
        title_size=table.number("title_size", 22),
        title_spacing=table.number("title_spacing", 0),
        mark=check_template(table.text("mark", ""), f"{where}.mark"),
    )


def _parse_footer(raw: object, where: str, header: HeaderSpec) -> FooterSpec:
    table = _Table(raw, where, _FOOTER_KEYS)
    raw_lines, line_when = _conditional_lines(table.array("lines", []), f"{where}.lines")
    lines = segment_lines(raw_lines, f"{where}.lines")
    signature = segment_lines(table.array("signature", []), f"{where}.signature")
    if any(len(line) != 1 for line in signature):
        raise FormSpecError(f"{where}.signature: one string per line (issuing body, date)")
    indent = table.number("signature_indent", 4)
    seal = table.number("seal_space_mm", 0)
    if not 0 <= indent <= 20 or not 0 <= seal <= 60:
        raise FormSpecError(
            f"{where}: signature_indent {indent} (0-20 characters) or seal_space_mm {seal} "
            "(0-60 mm) is out of range"
        )
    default_continuation = f"{header.title}（续）"
    if header.number_line:
        default_continuation += "    " + header.number_line
    return FooterSpec(
        lines=lines,
        page_number=check_template(
            table.text("page_number", "第 {page} 页  共 {pages} 页"),
            f"{where}.page_number",
            PAGE_PLACEHOLDERS,
        ),
        continuation=check_template(
            table.text("continuation", default_continuation), f"{where}.continuation"
        ),
        line_when=line_when,
        signature=tuple(line[0] for line in signature),
        signature_indent=indent,
        seal_space_mm=seal,
    )


def _conditional_lines(raw: list[Any], where: str) -> tuple[list[Any], tuple[str, ...]]:
    """Footer lines as plain lines and the value key each one needs: a line written as
    ``{ line = [...], when = "key" }`` prints only when the value ``key`` is not empty
    (the 签收 line of a notice's 存档联)."""
    plain: list[Any] = []
    when: list[str] = []
    for i, line in enumerate(raw):
        if isinstance(line, dict):
            table = _Table(line, f"{where}[{i}]", {"line", "when"})
            key = table.text("when", _REQUIRED)
            if not IDENT.fullmatch(key):
                raise FormSpecError(f"{where}[{i}].when: {key!r} must be a value key")
            plain.append(table.data.get("line", ""))
            when.append(key)
        else:
            plain.append(line)
            when.append("")
    return plain, tuple(when)


def _parse_cards(top: _Table, source: str, columns: int) -> CardSet:
    raw_cards = top.array("cards", _REQUIRED)
    if not raw_cards:
        raise FormSpecError(f"{source}.cards: a card form needs at least one [[cards]] table")
    cards = tuple(_parse_card(raw, source, i, columns) for i, raw in enumerate(raw_cards))
    ids = [card.id for card in cards]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise FormSpecError(f"{source}.cards: duplicate card id(s) {', '.join(duplicates)}")
    gap = top.number("card_gap_mm", 8)
    if not 2 <= gap <= 40:
        raise FormSpecError(f"{source}.card_gap_mm: {gap} mm is out of range (2-40)")
    return CardSet(
        cards, gap, check_template(top.text("cut_text", "沿虚线剪开"), f"{source}.cut_text")
    )


def _parse_card(raw: object, source: str, index: int, columns: int) -> CardSpec:
    where = f"{source}: cards[{index}]"
    table = _Table(raw, where, _CARD_KEYS)
    card_id = table.text("id", _REQUIRED)
    if not IDENT.fullmatch(card_id):
        raise FormSpecError(f"{where}.id: {card_id!r} must be letters, digits and _")
    notes = segment_lines(table.array("notes", []), f"{where}.notes")
    redact = table.array("redact", [])
    for i, key in enumerate(redact):
        if not isinstance(key, str) or not IDENT.fullmatch(key):
            raise FormSpecError(f"{where}.redact[{i}]: expected a value key, got {key!r}")
    redact_when = table.text("redact_when", "")
    if redact_when and not IDENT.fullmatch(redact_when):
        raise FormSpecError(f"{where}.redact_when: {redact_when!r} must be a value key")
    if bool(redact) != bool(redact_when):
        raise FormSpecError(f"{where}: redact and redact_when go together (give both or neither)")
    return CardSpec(
        id=card_id,
        title=check_template(table.text("title", _REQUIRED), f"{where}.title"),
        subtitle=check_template(table.text("subtitle", ""), f"{where}.subtitle"),
        number_line=check_template(table.text("number_line", ""), f"{where}.number_line"),
        rows=_parse_rows(
            table.array("rows", _REQUIRED),
            source,
            columns,
            f"cards[{index}].",
            default_max_lines=CARD_CELL_MAX_LINES,
        ),
        notes=notes,
        redact=tuple(redact),
        redact_when=redact_when,
        redact_text=table.text("redact_text", "（保密）"),
    )


def _parse_rows(
    raw_rows: list[Any],
    source: str,
    columns: int,
    prefix: str = "",
    *,
    default_max_lines: int = 0,
) -> tuple[RowSpec, ...]:
    if not raw_rows:
        raise FormSpecError(f"{source}: {prefix}rows: a form needs at least one row")
    rows: list[RowSpec] = []
    for r, raw_row in enumerate(raw_rows):
        where = f"{source}: {prefix}rows[{r}]"
        row_table = _Table(raw_row, where, _ROW_KEYS)
        raw_cells = row_table.array("cells", _REQUIRED)
        if not raw_cells:
            raise FormSpecError(f"{where}.cells: a row needs at least one cell")
        cells = tuple(
            _parse_cell(c, f"{where}.cells[{i}]", default_max_lines)
            for i, c in enumerate(raw_cells)
        )
        total = sum(cell.span for cell in cells)
        if total != columns:
            spans = " + ".join(str(cell.span) for cell in cells)
            raise FormSpecError(
                f"{where}: cell spans {spans} = {total}, but the form grid is "
                f"{columns} columns wide (columns = {columns})"
            )
        rows.append(RowSpec(cells))
    return tuple(rows)


def _parse_cell(raw: object, where: str, default_max_lines: int = 0) -> CellSpec:
    table = _Table(raw, where, _CELL_KEYS)
    label = table.text("label", "")
    field = table.text("field", None) if "field" in table.data else None
    if field is not None and not IDENT.fullmatch(field):
        raise FormSpecError(f"{where}.field: {field!r} must be a plain name like register_no")
    text = table.text("text", None) if "text" in table.data else None
    if text is not None:
        if field is not None:
            raise FormSpecError(f"{where}: a cell has a field or a text template, not both")
        check_template(text, f"{where}.text")
    has_value = field is not None or text is not None
    if not label and not has_value:
        raise FormSpecError(f"{where}: a cell needs a label, a field, or both")
    span = table.integer("span", _REQUIRED)
    if span < 1:
        raise FormSpecError(f"{where}.span: must be at least 1, got {span}")
    max_lines = table.integer("max_lines", default_max_lines if has_value else 0)
    if (max_lines and not has_value) or not 0 <= max_lines <= 200:
        raise FormSpecError(
            f"{where}.max_lines: {max_lines} must be 1-200 and only on a cell with a value"
        )
    if label and has_value:
        label_span = table.integer("label_span", 1)
        if not 1 <= label_span < span:
            raise FormSpecError(
                f"{where}.label_span: {label_span} must leave room for the value "
                f"(1 <= label_span < span = {span})"
            )
    else:
        if "label_span" in table.data:
            raise FormSpecError(f"{where}.label_span: only for cells with both label and field")
        label_span = span if label else 0
    min_height = table.number("min_height_mm", 0)
    if not 0 <= min_height <= 250:
        raise FormSpecError(f"{where}.min_height_mm: {min_height} is out of range (0-250)")
    return CellSpec(
        label=label,
        field=field,
        span=span,
        label_span=label_span,
        min_height_mm=min_height,
        multiline=table.flag("multiline", False),
        align=table.choice("align", ("left", "center"), "left"),  # type: ignore[arg-type]
        text=text,
        max_lines=max_lines,
    )
