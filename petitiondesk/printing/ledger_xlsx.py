"""Ledgers (台账) to Excel, streamed with openpyxl's write-only mode.

The sheet has a title row, a header row frozen under it (and repeated on every printed
page), then one row per record. What the clerk typed is always written as text: a
complaint starting with "=" stays the literal string, never a formula, and ID or phone
numbers stay text (no 1.10101E+17). Dates are real Excel dates.

Column sets live in ``forms/<name>.toml`` (see ``forms/register_ledger.toml``)::

    id = "register_ledger"
    title = "来信来访登记台账"
    sheet_name = "登记台账"          # optional, default: the title
    [[columns]]
    key = "register_no"             # the caller's name for the value (letters, digits, _)
    header = "登记号"                # printed in the header row
    width = 14                      # Excel column width (characters)
    kind = "text"                   # text | int | date | datetime
    wrap = false                    # wrap long text in the cell
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Callable, Iterable, Sequence
from copy import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal, get_args

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from petitiondesk.paths import FORMS_DIR
from petitiondesk.printing.formspec import FormSpecError

__all__ = [
    "LedgerColumn",
    "LedgerSpec",
    "load_ledger",
    "load_ledger_columns",
    "write_ledger_xlsx",
]

ColumnKind = Literal["text", "int", "date", "datetime"]

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
HEADER_ROW = 2  # row 1 is the title
FREEZE_AT = "A3"  # first data cell: title and header stay in view
PROGRESS_EVERY = 200

# Excel would read a text typed with these first characters as a formula or a DDE call.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_EXCEL_MAX_TEXT = 32_767
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_INT_TEXT = re.compile(r"[+-]?\d{1,15}")

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_TITLE_FONT = Font(name="宋体", size=14, bold=True)
_HEADER_FONT = Font(name="宋体", size=11, bold=True)
_BODY_FONT = Font(name="宋体", size=10.5)
_HEADER_FILL = PatternFill("solid", fgColor="E7E6E6")
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_TOP = Alignment(vertical="top")
_TOP_WRAP = Alignment(vertical="top", wrap_text=True)


@dataclass(frozen=True)
class LedgerColumn:
    key: str  # the caller's name for the value
    header: str  # Chinese header text
    width: float = 12.0  # Excel column width, in characters
    kind: ColumnKind = "text"
    wrap: bool = False  # wrap long text (反映问题, 诉求)


@dataclass(frozen=True)
class LedgerSpec:
    id: str
    title: str
    sheet_name: str
    columns: tuple[LedgerColumn, ...]


# --- column sets as data ---------------------------------------------------------------

_LEDGER_KEYS = {"id", "title", "sheet_name", "columns"}
_COLUMN_KEYS = {"key", "header", "width", "kind", "wrap"}


def load_ledger(name: str | Path) -> LedgerSpec:
    """Load ``FORMS_DIR/<name>.toml`` (or a path). Raises FormSpecError naming the file."""
    if isinstance(name, str) and not _IDENT.fullmatch(name):
        raise FormSpecError(f"bad ledger name {name!r} (letters, digits and _ only)")
    path = name if isinstance(name, Path) else FORMS_DIR / f"{name}.toml"
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise FormSpecError(f"{path}: ledger file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise FormSpecError(f"{path}: not valid TOML: {exc}") from None
    spec = parse_ledger(data, str(path))
    if isinstance(name, str) and spec.id != name:
        raise FormSpecError(f"{path}: id = {spec.id!r} but the file is named {name!r}")
    return spec


def load_ledger_columns(name: str | Path) -> list[LedgerColumn]:
    return list(load_ledger(name).columns)


def parse_ledger(data: dict[str, Any], source: str) -> LedgerSpec:
    unknown = sorted(set(data) - _LEDGER_KEYS)
    if unknown:
        raise FormSpecError(f"{source}: unknown key(s) {', '.join(unknown)}")
    ledger_id = data.get("id")
    title = data.get("title")
    if not isinstance(ledger_id, str) or not _IDENT.fullmatch(ledger_id):
        raise FormSpecError(f"{source}.id: expected a name like register_ledger")
    if not isinstance(title, str) or not title:
        raise FormSpecError(f"{source}.title: expected a non-empty string")
    sheet_name = data.get("sheet_name", title)
    if not isinstance(sheet_name, str):
        raise FormSpecError(f"{source}.sheet_name: expected a string")
    raw_columns = data.get("columns")
    if not isinstance(raw_columns, list) or not raw_columns:
        raise FormSpecError(f"{source}.columns: expected [[columns]] tables")
    columns = [_parse_column(raw, f"{source}: columns[{i}]") for i, raw in enumerate(raw_columns)]
    keys = [c.key for c in columns]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise FormSpecError(f"{source}.columns: duplicate key(s) {', '.join(duplicates)}")
    return LedgerSpec(ledger_id, title, _sheet_name(sheet_name), tuple(columns))


def _parse_column(raw: object, where: str) -> LedgerColumn:
    if not isinstance(raw, dict):
        raise FormSpecError(f"{where}: expected a table")
    unknown = sorted(set(raw) - _COLUMN_KEYS)
    if unknown:
        raise FormSpecError(
            f"{where}: unknown key(s) {', '.join(unknown)} (allowed: {', '.join(sorted(_COLUMN_KEYS))})"
        )
    key, header = raw.get("key"), raw.get("header")
    width = raw.get("width", 12)
    kind = raw.get("kind", "text")
    wrap = raw.get("wrap", False)
    if not isinstance(key, str) or not _IDENT.fullmatch(key):
        raise FormSpecError(f"{where}.key: expected a name like register_no, got {key!r}")
    if not isinstance(header, str) or not header:
        raise FormSpecError(f"{where}.header: expected a non-empty string")
    if isinstance(width, bool) or not isinstance(width, int | float) or not 2 <= width <= 120:
        raise FormSpecError(f"{where}.width: expected a number from 2 to 120, got {width!r}")
    if kind not in get_args(ColumnKind):
        raise FormSpecError(f"{where}.kind: {kind!r} is not one of {list(get_args(ColumnKind))}")
    if not isinstance(wrap, bool):
        raise FormSpecError(f"{where}.wrap: expected true or false")
    return LedgerColumn(key, header, float(width), kind, wrap)


# --- writing ---------------------------------------------------------------------------


def _sheet_name(name: str) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, not quoted."""
    cleaned = _SHEET_NAME_BAD.sub("_", name).strip().strip("'")[:31]
    return cleaned or "Sheet1"


def _text(value: object) -> str:
    text: str = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    if len(text) > _EXCEL_MAX_TEXT:  # Excel refuses longer cells
        text = text[: _EXCEL_MAX_TEXT - 1] + "…"
    return text


def _text_cell(ws: WriteOnlyWorksheet, value: object) -> Cell:
    """A cell that holds ``value`` as a literal string, whatever it starts with."""
    text = _text(value)
    cell = WriteOnlyCell(ws, value=text)
    cell.data_type = "s"  # openpyxl makes "=..." a formula ('f'); force a string
    if text.startswith(_FORMULA_START):
        cell.quotePrefix = True  # and Excel keeps it text when the clerk edits the cell
    return cell


def _local_naive(value: dt.datetime) -> dt.datetime:
    """Excel has no time zones: show aware times in the PC's local time."""
    return value.astimezone().replace(tzinfo=None) if value.tzinfo else value


class _Styler:
    """Styles for data cells, computed once per (column, variant) and copied to each cell:
    assigning Font/Border objects per cell makes openpyxl hash them every time, which
    triples the export time of a large ledger. (Copying ``_style`` is the documented way
    to copy a cell's style in openpyxl.)"""

    def __init__(self, ws: WriteOnlyWorksheet) -> None:
        self.ws = ws
        self._cache: dict[tuple[int, str], Any] = {}

    def apply(self, cell: Cell, index: int, column: LedgerColumn) -> Cell:
        variant = f"{cell.number_format}|{bool(cell.quotePrefix)}"
        style = self._cache.get((index, variant))
        if style is None:
            proto = WriteOnlyCell(self.ws)
            proto.font = _BODY_FONT
            proto.border = _BORDER
            proto.alignment = _TOP_WRAP if column.wrap else _TOP
            proto.number_format = cell.number_format
            proto.quotePrefix = cell.quotePrefix
            style = self._cache[(index, variant)] = proto._style
        cell._style = copy(style)
        return cell


def _data_cell(ws: WriteOnlyWorksheet, column: LedgerColumn, value: object) -> Cell:
    """An unstyled cell holding ``value`` as ``column.kind`` says (text if it isn't)."""
    if value is None or value == "":
        return WriteOnlyCell(ws, value=None)
    if isinstance(value, bool):
        return _text_cell(ws, "是" if value else "否")
    if column.kind == "int" and isinstance(value, int | float):
        return WriteOnlyCell(ws, value=value)
    if column.kind == "int" and isinstance(value, str) and _INT_TEXT.fullmatch(value.strip()):
        return WriteOnlyCell(ws, value=int(value.strip()))
    if column.kind == "date" and isinstance(value, dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        cell = WriteOnlyCell(ws, value=day)
        cell.number_format = DATE_FORMAT
        return cell
    if column.kind == "datetime" and isinstance(value, dt.date):
        moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
        cell = WriteOnlyCell(ws, value=_local_naive(moment))
        cell.number_format = DATETIME_FORMAT
        return cell
    return _text_cell(ws, value)  # text columns, and anything that isn't its kind


def write_ledger_xlsx(
    out: Path | BinaryIO,
    title: str,
    columns: Sequence[LedgerColumn],
    rows: Iterable[Sequence[object]],
    progress: Callable[[int], None] | None = None,
    *,
    sheet_name: str | None = None,
) -> int:
    """Write a ledger and return the number of data rows.

    ``rows`` is consumed lazily (a generator from the store is fine); each row holds the
    values in ``columns`` order. ``progress(n)`` is called every few hundred rows and at
    the end; raise from it to cancel (with a Path target, no partial file is left).
    """
    if not columns:
        raise ValueError("a ledger needs at least one column")
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=_sheet_name(sheet_name or title))
    last_col = get_column_letter(len(columns))
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = FREEZE_AT
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"  # header on every printed page
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True

    title_cell = _text_cell(ws, title)
    title_cell.font = _TITLE_FONT
    title_cell.alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 28
    ws.append([title_cell])
    if len(columns) > 1:
        ws.merged_cells.add(f"A1:{last_col}1")

    headers = []
    for column in columns:
        cell = _text_cell(ws, column.header)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = _CENTRE
        headers.append(cell)
    ws.append(headers)

    styler = _Styler(ws)
    count = 0
    try:
        for row in rows:
            if len(row) != len(columns):
                raise ValueError(
                    f"ledger row {count + 1}: {len(row)} values for {len(columns)} columns"
                )
            ws.append(
                [
                    styler.apply(_data_cell(ws, column, value), index, column)
                    for index, (column, value) in enumerate(zip(columns, row, strict=True))
                ]
            )
            count += 1
            if progress is not None and count % PROGRESS_EVERY == 0:
                progress(count)
    except BaseException:
        _discard(ws)
        raise
    if count:
        ws.auto_filter.ref = f"A{HEADER_ROW}:{last_col}{HEADER_ROW + count}"
    if progress is not None:
        progress(count)
    _save(wb, out)
    return count


def _discard(ws: WriteOnlyWorksheet) -> None:
    """Abandon a half-written sheet: finish openpyxl's XML stream and delete its temp
    file (left alone, the open stream breaks on garbage collection)."""
    ws.close()
    writer = getattr(ws, "_writer", None)
    if writer is not None:
        writer.cleanup()


def _save(wb: Workbook, out: Path | BinaryIO) -> None:
    if isinstance(out, Path):
        # Write beside the target and rename: a failed export never leaves half a file.
        tmp = out.with_name(out.name + ".part")
        try:
            wb.save(tmp)
            tmp.replace(out)
        finally:
            tmp.unlink(missing_ok=True)
    else:
        wb.save(out)
