"""Ledgers (台账) as data: the column set of a ledger, loaded from ``forms/<name>.toml``.

The same column set feeds the Excel export (:mod:`petitiondesk.printing.ledger_xlsx`) and
the printed ledger (:mod:`petitiondesk.printing.ledger_pdf`)::

    id = "register_ledger"
    title = "来信来访登记台账"
    sheet_name = "登记台账"          # optional, default: the title

    [pdf]                           # optional: how the ledger prints
    orientation = "landscape"       # landscape (default) | portrait
    title = "{office}来信来访登记台账"  # templates; the caller passes the values
    subtitle = "{period}"
    letterhead = ""
    font_size = 9                   # body text, pt (default 10)
    footer = [["制表：{clerk}", "打印时间：{printed_at}"]]   # under the table
    # A footer line is a string or an array of segments spread across the width; a
    # segment whose placeholders are all empty (no phone number given) is left out.

    [[columns]]
    key = "register_no"             # the row's key for the value (letters, digits, _)
    header = "登记号"                # printed in the header row
    width = 14                      # Excel column width (characters); PDF widths are
                                    # proportional to it
    kind = "text"                   # text | int | date | datetime
    wrap = false                    # Excel: wrap long text in the cell (PDF always wraps)
    align = "auto"                  # auto | left | center | right; auto: text left,
                                    # numbers and dates centred (PDF; Excel for non-auto)
    date_style = "iso"              # date/datetime: iso (2026-10-12) | chinese (2026年10月12日)
    pdf_width = 8                   # PDF only: the proportional width in print (default:
                                    # width); 0 leaves the column out of the PDF (the
                                    # spreadsheet keeps every column)

A ledger row is a mapping from column key to value (:data:`LedgerRow`); the renderers pick
each cell by its column's key (:func:`row_cells`), so the order of the columns is the
file's alone. A row without a value for one of the columns is an error; a row may carry
more keys than the ledger shows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeAlias, get_args

from petitiondesk.paths import FORMS_DIR
from petitiondesk.printing.tomlcheck import (
    IDENT,
    FormSpecError,
    check_keys,
    check_template,
    load_spec,
    segment_lines,
)

__all__ = [
    "ColumnAlign",
    "ColumnKind",
    "DateStyle",
    "LedgerColumn",
    "LedgerPdfOptions",
    "LedgerRow",
    "LedgerSpec",
    "load_ledger",
    "load_ledger_columns",
    "parse_ledger",
    "row_cells",
    "sheet_name",
]

ColumnKind = Literal["text", "int", "date", "datetime"]
ColumnAlign = Literal["auto", "left", "center", "right"]
DateStyle = Literal["iso", "chinese"]
Orientation = Literal["landscape", "portrait"]

#: One record of a ledger: its values by column key.
LedgerRow: TypeAlias = Mapping[str, object]

_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class LedgerColumn:
    key: str  # the row's key for the value
    header: str  # Chinese header text
    width: float = 12.0  # Excel column width, in characters; PDF widths are proportional
    kind: ColumnKind = "text"
    wrap: bool = False  # wrap long text (反映问题, 诉求)
    align: ColumnAlign = "auto"
    date_style: DateStyle = "iso"
    pdf_width: float | None = None  # None: width; 0: not printed

    @property
    def print_width(self) -> float:
        """The column's proportional width in a PDF (0: left out)."""
        return self.width if self.pdf_width is None else self.pdf_width

    @property
    def resolved_align(self) -> Literal["left", "center", "right"]:
        """``auto``: text left, numbers and dates centred."""
        if self.align != "auto":
            return self.align
        return "left" if self.kind == "text" else "center"


@dataclass(frozen=True)
class LedgerPdfOptions:
    """How a ledger prints (the ``[pdf]`` table); the texts are ``{key}`` templates."""

    orientation: Orientation = "landscape"
    title: str = ""  # "" = the ledger's title
    subtitle: str = ""
    letterhead: str = ""
    font_size: float = 10.0
    footer: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class LedgerSpec:
    id: str
    title: str
    sheet_name: str
    columns: tuple[LedgerColumn, ...]
    pdf: LedgerPdfOptions = field(default_factory=LedgerPdfOptions)


_LEDGER_KEYS = {"id", "title", "sheet_name", "columns", "pdf"}
_COLUMN_KEYS = {"key", "header", "width", "kind", "wrap", "align", "date_style", "pdf_width"}
_PDF_KEYS = {"orientation", "title", "subtitle", "letterhead", "font_size", "footer"}


def load_ledger(name: str | Path) -> LedgerSpec:
    """Load ``FORMS_DIR/<name>.toml`` (or a path). Raises FormSpecError naming the file."""
    if isinstance(name, str) and not IDENT.fullmatch(name):
        raise FormSpecError(f"bad ledger name {name!r} (letters, digits and _ only)")
    path = name if isinstance(name, Path) else FORMS_DIR / f"{name}.toml"
    return load_spec(path, name, "ledger", parse_ledger)


def load_ledger_columns(name: str | Path) -> list[LedgerColumn]:
    return list(load_ledger(name).columns)


def parse_ledger(data: dict[str, Any], source: str) -> LedgerSpec:
    unknown = sorted(set(data) - _LEDGER_KEYS)
    if unknown:
        raise FormSpecError(f"{source}: unknown key(s) {', '.join(unknown)}")
    ledger_id = data.get("id")
    title = data.get("title")
    if not isinstance(ledger_id, str) or not IDENT.fullmatch(ledger_id):
        raise FormSpecError(f"{source}.id: expected a name like register_ledger")
    if not isinstance(title, str) or not title:
        raise FormSpecError(f"{source}.title: expected a non-empty string")
    sheet = data.get("sheet_name", title)
    if not isinstance(sheet, str):
        raise FormSpecError(f"{source}.sheet_name: expected a string")
    raw_columns = data.get("columns")
    if not isinstance(raw_columns, list) or not raw_columns:
        raise FormSpecError(f"{source}.columns: expected [[columns]] tables")
    columns = [_parse_column(raw, f"{source}: columns[{i}]") for i, raw in enumerate(raw_columns)]
    keys = [c.key for c in columns]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise FormSpecError(f"{source}.columns: duplicate key(s) {', '.join(duplicates)}")
    pdf = _parse_pdf(data.get("pdf", {}), f"{source}.pdf")
    return LedgerSpec(ledger_id, title, sheet_name(sheet), tuple(columns), pdf)


def _parse_column(raw: object, where: str) -> LedgerColumn:
    if not isinstance(raw, dict):
        raise FormSpecError(f"{where}: expected a table")
    check_keys(raw, where, _COLUMN_KEYS)
    key, header = raw.get("key"), raw.get("header")
    width = raw.get("width", 12)
    kind = raw.get("kind", "text")
    wrap = raw.get("wrap", False)
    align = raw.get("align", "auto")
    date_style = raw.get("date_style", "iso")
    if not isinstance(key, str) or not IDENT.fullmatch(key):
        raise FormSpecError(f"{where}.key: expected a name like register_no, got {key!r}")
    if not isinstance(header, str) or not header:
        raise FormSpecError(f"{where}.header: expected a non-empty string")
    if isinstance(width, bool) or not isinstance(width, int | float) or not 2 <= width <= 120:
        raise FormSpecError(f"{where}.width: expected a number from 2 to 120, got {width!r}")
    if kind not in get_args(ColumnKind):
        raise FormSpecError(f"{where}.kind: {kind!r} is not one of {list(get_args(ColumnKind))}")
    if not isinstance(wrap, bool):
        raise FormSpecError(f"{where}.wrap: expected true or false")
    if align not in get_args(ColumnAlign):
        raise FormSpecError(f"{where}.align: {align!r} is not one of {list(get_args(ColumnAlign))}")
    if date_style not in get_args(DateStyle):
        raise FormSpecError(
            f"{where}.date_style: {date_style!r} is not one of {list(get_args(DateStyle))}"
        )
    pdf_width = raw.get("pdf_width")
    if pdf_width is not None and (
        isinstance(pdf_width, bool)
        or not isinstance(pdf_width, int | float)
        or not (pdf_width == 0 or 2 <= pdf_width <= 120)
    ):
        raise FormSpecError(f"{where}.pdf_width: expected 0 or a number from 2 to 120")
    print_width = None if pdf_width is None else float(pdf_width)
    return LedgerColumn(key, header, float(width), kind, wrap, align, date_style, print_width)


def _parse_pdf(raw: object, where: str) -> LedgerPdfOptions:
    if not isinstance(raw, dict):
        raise FormSpecError(f"{where}: expected a table")
    check_keys(raw, where, _PDF_KEYS)
    orientation = raw.get("orientation", "landscape")
    if orientation not in get_args(Orientation):
        raise FormSpecError(
            f"{where}.orientation: {orientation!r} is not one of {list(get_args(Orientation))}"
        )
    texts: dict[str, str] = {}
    for key in ("title", "subtitle", "letterhead"):
        value = raw.get(key, "")
        if not isinstance(value, str):
            raise FormSpecError(f"{where}.{key}: expected a string")
        texts[key] = check_template(value, f"{where}.{key}")
    size = raw.get("font_size", 10)
    if isinstance(size, bool) or not isinstance(size, int | float) or not 6 <= size <= 16:
        raise FormSpecError(f"{where}.font_size: expected a number from 6 to 16, got {size!r}")
    raw_footer = raw.get("footer", [])
    if not isinstance(raw_footer, list):
        raise FormSpecError(f"{where}.footer: expected an array of lines")
    footer = segment_lines(raw_footer, f"{where}.footer")
    return LedgerPdfOptions(
        orientation=orientation,
        title=texts["title"],
        subtitle=texts["subtitle"],
        letterhead=texts["letterhead"],
        font_size=float(size),
        footer=footer,
    )


def sheet_name(name: str) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, not quoted."""
    cleaned = _SHEET_NAME_BAD.sub("_", name).strip().strip("'")[:31]
    return cleaned or "Sheet1"


def row_cells(columns: Sequence[LedgerColumn], row: LedgerRow, number: int) -> list[object]:
    """The values of ledger row ``number`` (1-based, for the message) in column order,
    picked by column key. Raises ValueError naming the columns the row has no value for."""
    missing = [column.key for column in columns if column.key not in row]
    if missing:
        raise ValueError(f"ledger row {number}: no value for column(s) {', '.join(missing)}")
    return [row[column.key] for column in columns]
