"""Loading a form file: ``forms/<id>.toml`` checked key by key into a :class:`FormSpec`.

Every problem is reported as :class:`FormSpecError` naming the file and the place in it
(``rows[3].cells[1]``), because forms are edited by hand. The spec types are in
:mod:`petitiondesk.printing.formspec`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from petitiondesk.paths import FORMS_DIR
from petitiondesk.printing.formspec import (
    COLOUR_PATTERN,
    PAGE_PLACEHOLDERS,
    PAGE_SIZES_MM,
    CardSet,
    CardSpec,
    CellSpec,
    FooterSpec,
    FormSpec,
    HeaderSpec,
    Margins,
    RowSpec,
)
from petitiondesk.printing.tomlcheck import (
    IDENT,
    FormSpecError,
    check_keys,
    check_template,
    load_spec,
    segment_lines,
)


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
    if not COLOUR_PATTERN.fullmatch(shading):
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
