"""Ledgers (台账) to Excel, streamed with openpyxl's write-only mode.

The sheet has a title row, a header row frozen under it (and repeated on every printed
page), then one row per record. It prints on landscape A4 fitted to the page width
(:func:`print_scale` says how much a column set shrinks); wrapped rows get a height
computed from their text, because a spreadsheet does not grow a row it did not lay out. What the clerk typed is always written as text: a
complaint starting with "=" stays the literal string, never a formula, and ID or phone
numbers stay text (no 1.10101E+17). Dates are real Excel dates.

Column sets live in ``forms/<name>.toml`` (see ``forms/register_ledger.toml`` and
:mod:`petitiondesk.printing.ledgerspec`, which loads them; the names are re-exported here).
A column with ``date_style = "chinese"`` shows its dates as 2026年10月12日 (still real Excel
dates); ``align`` other than ``auto`` sets the cells' horizontal alignment.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from petitiondesk.printing.atomic import replacing
from petitiondesk.printing.ledgerspec import (
    ColumnKind,
    LedgerColumn,
    LedgerRow,
    LedgerSpec,
    load_ledger,
    load_ledger_columns,
    parse_ledger,
    row_cells,
)
from petitiondesk.printing.ledgerspec import sheet_name as _sheet_name

__all__ = [
    "ColumnKind",
    "LedgerColumn",
    "LedgerRow",
    "LedgerSpec",
    "load_ledger",
    "load_ledger_columns",
    "parse_ledger",
    "print_scale",
    "write_ledger_xlsx",
]

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
CHINESE_DATE_FORMAT = 'yyyy"年"m"月"d"日"'
CHINESE_DATETIME_FORMAT = 'yyyy"年"m"月"d"日" hh:mm'
HEADER_ROW = 2  # row 1 is the title (a subtitle, if any, pushes the header to row 3)
FREEZE_AT = "A3"  # first data cell: title and header stay in view
PROGRESS_EVERY = 200

# Excel would read a text typed with these first characters as a formula or a DDE call.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_EXCEL_MAX_TEXT = 32_767
_INT_TEXT = re.compile(r"[+-]?\d{1,15}")

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_TITLE_FONT = Font(name="宋体", size=14, bold=True)
_SUBTITLE_FONT = Font(name="宋体", size=11)
_HEADER_FONT = Font(name="宋体", size=11, bold=True)
_BODY_FONT = Font(name="宋体", size=10.5)
_HEADER_FILL = PatternFill("solid", fgColor="E7E6E6")
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_TOP = Alignment(vertical="top")
_TOP_WRAP = Alignment(vertical="top", wrap_text=True)

# Printing: a column of width w is w times the digit width of the workbook's default
# font, plus 5 pixels (0.75 pt each). The default font is the body font (宋体), so a unit
# is half a Chinese character in Excel (4.5 pt at 9 pt); LibreOffice counts about
# 5.25 pt (what print_scale assumes). Landscape A4 with 0.15 inch side margins leaves
# 297 mm - 0.3 in for the columns.
_UNIT_PT, _COLUMN_PAD_PT = 5.25, 3.75
_TEXT_UNIT_PT = 4.5  # for wrapping: Excel's own unit, the narrowest
_SIDE_MARGIN_IN, _END_MARGIN_IN = 0.15, 0.5
_PRINT_WIDTH_PT = (297 / 25.4 - 2 * _SIDE_MARGIN_IN) * 72
_CELL_INSET_PT = 4.0  # the cell's own left + right padding
_LINE_HEIGHT = 1.25  # x font size
_MAX_ROW_PT = 409  # the tallest row a spreadsheet allows


# --- writing ---------------------------------------------------------------------------


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


class _Widths(dict[str, int]):
    """Excel character units of each character seen (a Chinese character takes two),
    looked up by the C-level ``map`` instead of a Python loop per character."""

    def __missing__(self, ch: str) -> int:
        width = self[ch] = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        return width


_WIDTHS = _Widths()


def _display_width(text: str) -> int:
    """Width in Excel character units: a Chinese character takes two."""
    return len(text) if text.isascii() else sum(map(_WIDTHS.__getitem__, text))


def _local_naive(value: dt.datetime) -> dt.datetime:
    """Excel has no time zones: show aware times in the PC's local time."""
    return value.astimezone().replace(tzinfo=None) if value.tzinfo else value


class _LedgerCell(Cell):  # type: ignore[misc]  # openpyxl has no type stubs
    """A data cell whose style index in the workbook is worked out once per style (the
    base class hashes the style into the workbook's list for every cell it writes), and
    whose repr is cheap (openpyxl formats it into an error message it then catches, for
    every cell appended). openpyxl is pinned (pyproject.toml): these are its names."""

    __slots__ = ("style_id", "has_style")

    def __repr__(self) -> str:
        return "<ledger cell>"


class _ColumnCell:
    """One column's data cell, refilled for every row, with its styles made once.

    openpyxl's write-only sheet writes a row's cells the moment the row is appended (its
    own ``append`` of plain values reuses one cell the same way), so a cell per column
    can carry each row's value in turn; its style is one shared StyleArray per variant
    (plain, text kept literal with a quote prefix, date) — no Font/Border hashing, style
    copying or type guessing per cell."""

    def __init__(self, ws: WriteOnlyWorksheet, column: LedgerColumn, font: Font) -> None:
        self.column = column
        self.cell = _LedgerCell(ws, row=1, column=1)
        self.cell.has_style = True
        chinese = column.date_style == "chinese"
        if column.kind == "datetime":
            moment_format = CHINESE_DATETIME_FORMAT if chinese else DATETIME_FORMAT
        else:
            moment_format = CHINESE_DATE_FORMAT if chinese else DATE_FORMAT
        self.plain = self._style(ws, font, "General", False)
        self.quoted = self._style(ws, font, "General", True)
        self.dated = self._style(ws, font, moment_format, False)

    def _style(
        self, ws: WriteOnlyWorksheet, font: Font, number_format: str, quoted: bool
    ) -> tuple[StyleArray, int]:
        """A data cell's style (font, border, alignment, number format, quote prefix),
        made once through a prototype cell, and its index in the workbook."""
        column = self.column
        proto = WriteOnlyCell(ws)
        proto.font = font
        proto.border = _BORDER
        if column.align == "auto":
            proto.alignment = _TOP_WRAP if column.wrap else _TOP
        else:
            proto.alignment = Alignment(
                horizontal=column.align, vertical="top", wrap_text=column.wrap
            )
        proto.number_format = number_format
        proto.quotePrefix = quoted
        return proto._style, proto.style_id

    def fill(self, value: object) -> Cell:
        """The cell holding ``value`` as the column's kind says (text if it isn't)."""
        kind = self.column.kind
        if value is None or value == "":
            return self._set(None, "n", self.plain)
        if isinstance(value, bool):
            return self._text("是" if value else "否")
        if kind == "int":
            if isinstance(value, int | float):
                return self._set(value, "n", self.plain)
            if isinstance(value, str) and _INT_TEXT.fullmatch(value.strip()):
                return self._set(int(value.strip()), "n", self.plain)
        elif kind == "date" and isinstance(value, dt.date):
            day = value.date() if isinstance(value, dt.datetime) else value
            return self._set(day, "d", self.dated)
        elif kind == "datetime" and isinstance(value, dt.date):
            moment = (
                value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
            )
            return self._set(_local_naive(moment), "d", self.dated)
        return self._text(value)  # text columns, and anything that isn't its kind

    def _text(self, value: object) -> Cell:
        """A literal string, whatever it starts with: openpyxl would make "=..." a
        formula; the quote prefix keeps Excel from doing so when the cell is edited."""
        text = _text(value)
        return self._set(text, "s", self.quoted if text.startswith(_FORMULA_START) else self.plain)

    def _set(self, value: object, data_type: str, style: tuple[StyleArray, int]) -> Cell:
        cell = self.cell
        cell._value = value
        cell.data_type = data_type
        cell._style, cell.style_id = style
        return cell


def print_scale(columns: Sequence[LedgerColumn]) -> float:
    """How much the columns shrink when fitted to the width of landscape A4 (1.0: not)."""
    total = sum(_UNIT_PT * column.width + _COLUMN_PAD_PT for column in columns)
    return min(1.0, _PRINT_WIDTH_PT / total)


def _text_lines(text: str, width: float, size: float) -> int:
    """Lines ``text`` takes wrapped in a column ``width`` (Excel units) at ``size`` pt."""
    room = max(_TEXT_UNIT_PT * width + _COLUMN_PAD_PT - _CELL_INSET_PT, size)
    lines = 0
    for paragraph in text.split("\n") if "\n" in text else (text,):
        if len(paragraph) * size <= room:  # fits even if every character is wide
            lines += 1
            continue
        points = _display_width(paragraph) * size / 2
        lines += max(1, math.ceil(points / room))
    return lines


def _wrapped_height(
    wrapped: Sequence[tuple[int, float]], values: Sequence[object], size: float
) -> float | None:
    """The height (pt) a row of wrapped text needs; None: one line is enough.
    ``wrapped``: the wrapped columns as (index in ``values``, width)."""
    lines = 1
    for index, width in wrapped:
        value = values[index]
        if isinstance(value, str) and value:
            lines = max(lines, _text_lines(value, width, size))
    return None if lines == 1 else min(lines * size * _LINE_HEIGHT + 4, _MAX_ROW_PT)


def _set_default_font(wb: Workbook, font: Font) -> None:
    """Make ``font`` the workbook's default (the Normal style): column widths are counted
    in its digit width, so they mean the same in Excel and LibreOffice whatever fonts
    the PC has (the default Calibri is missing on many, and its stand-in is wider)."""
    wb._fonts = IndexedList([font])  # font 0 is the Normal style's
    wb._named_styles["Normal"].font = font


def _set_up_printing(ws: WriteOnlyWorksheet, header_row: int) -> None:
    """Landscape A4 fitted to the page width, header on every page, frozen header."""
    ws.freeze_panes = f"A{header_row + 1}"
    ws.print_title_rows = f"{header_row}:{header_row}"  # header on every printed page
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(
        left=_SIDE_MARGIN_IN, right=_SIDE_MARGIN_IN, top=_END_MARGIN_IN,
        bottom=_END_MARGIN_IN, header=0.2, footer=0.2,
    )  # fmt: skip
    ws.print_options.horizontalCentered = True


def write_ledger_xlsx(
    out: Path | BinaryIO,
    title: str,
    columns: Sequence[LedgerColumn],
    rows: Iterable[LedgerRow],
    progress: Callable[[int], None] | None = None,
    *,
    sheet_name: str | None = None,
    subtitle: str = "",
    footer_lines: Sequence[str] = (),
    font_size: float = 9.0,
) -> int:
    """Write a ledger and return the number of data rows.

    ``rows`` is consumed lazily (a generator from the store is fine); each row maps every
    column's key to its value (a missing key raises ValueError). ``progress(n)`` is called every few hundred rows and at
    the end; raise from it to cancel (with a Path target, no partial file is left).
    ``subtitle`` (the period) goes in a row under the title, ``footer_lines`` (notes, the
    publishing unit) under the data, after one empty row. Header and data are in
    ``font_size`` pt (9: still 9 pt when printed if :func:`print_scale` is 1).
    """
    size = font_size
    if not columns:
        raise ValueError("a ledger needs at least one column")
    wb = Workbook(write_only=True)
    _set_default_font(wb, Font(name=_BODY_FONT.name, size=font_size))
    ws = wb.create_sheet(title=_sheet_name(sheet_name or title))
    last_col = get_column_letter(len(columns))
    header_row = HEADER_ROW + 1 if subtitle else HEADER_ROW
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    _set_up_printing(ws, header_row)

    _append_heading(ws, 1, title, _TITLE_FONT, 28, last_col)
    if subtitle:
        _append_heading(ws, 2, subtitle, _SUBTITLE_FONT, 20, last_col)

    _append_header(ws, columns, header_row, size)
    count = _append_data(ws, columns, rows, header_row, size, progress)
    if count:
        ws.auto_filter.ref = f"A{header_row}:{last_col}{header_row + count}"
    if footer_lines:
        _append_footer(ws, columns, footer_lines, header_row + count + 2, last_col)
    if progress is not None:
        progress(count)
    _save(wb, out)
    return count


def _append_header(
    ws: WriteOnlyWorksheet, columns: Sequence[LedgerColumn], header_row: int, size: float
) -> None:
    """Append the shaded column header (sheet row ``header_row``), tall enough for its
    longest header."""
    headers = []
    header_lines = max(_text_lines(column.header, column.width, size) for column in columns)
    ws.row_dimensions[header_row].height = max(header_lines * size * _LINE_HEIGHT + 4, 18)
    for column in columns:
        cell = _text_cell(ws, column.header)
        cell.font = Font(name=_HEADER_FONT.name, size=size, bold=True)
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = _CENTRE
        headers.append(cell)
    ws.append(headers)


def _append_data(
    ws: WriteOnlyWorksheet,
    columns: Sequence[LedgerColumn],
    rows: Iterable[LedgerRow],
    header_row: int,
    size: float,
    progress: Callable[[int], None] | None,
) -> int:
    """Append the data rows under the header; return how many. On any error (a cancel
    from ``progress`` too) the sheet is discarded and the error re-raised."""
    font = Font(name=_BODY_FONT.name, size=size)
    makers = [_ColumnCell(ws, column, font) for column in columns]
    keys = [column.key for column in columns]
    wrapped = [(i, column.width) for i, column in enumerate(columns) if column.wrap]
    dimensions = ws.row_dimensions
    count = 0
    try:
        for row in rows:
            try:
                values = [row[key] for key in keys]
            except KeyError:
                values = row_cells(columns, row, count + 1)  # raises, naming the columns
            height = _wrapped_height(wrapped, values, size)
            if height is not None:
                dimensions[header_row + count + 1].height = height
            ws.append([maker.fill(value) for maker, value in zip(makers, values, strict=True)])
            count += 1
            if progress is not None and count % PROGRESS_EVERY == 0:
                progress(count)
    except BaseException:
        _discard(ws)
        raise
    return count


def _append_footer(
    ws: WriteOnlyWorksheet,
    columns: Sequence[LedgerColumn],
    footer_lines: Sequence[str],
    first_row: int,
    last_col: str,
) -> None:
    """Append an empty row, then each footer line (sheet rows from ``first_row``) merged
    across all columns."""
    ws.append([])
    total_width = sum(column.width for column in columns)
    for offset, line in enumerate(footer_lines, start=first_row):
        cell = _text_cell(ws, line)
        cell.font = _BODY_FONT
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        # Excel does not grow a merged row to fit its text: give it the lines it needs.
        lines = max(1, math.ceil(_display_width(line) * 1.1 / total_width))
        ws.row_dimensions[offset].height = 15 * lines
        ws.append([cell])
        if len(columns) > 1:
            ws.merged_cells.add(f"A{offset}:{last_col}{offset}")


def _append_heading(
    ws: WriteOnlyWorksheet, row: int, text: str, font: Font, height: float, last_col: str
) -> None:
    """Append sheet row ``row``: ``text`` centred across all columns (``A`` to ``last_col``)."""
    cell = _text_cell(ws, text)
    cell.font = font
    cell.alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[row].height = height
    ws.append([cell])
    if last_col != "A":  # more than one column
        ws.merged_cells.add(f"A{row}:{last_col}{row}")


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
        try:
            with replacing(out) as tmp:
                wb.save(tmp)
        except BaseException:
            # The target could not be written (e.g. its folder cannot be created): close
            # the sheets' open XML streams now, or their generators complain on exit.
            for ws in wb.worksheets:
                if isinstance(ws, WriteOnlyWorksheet) and not ws.closed:
                    _discard(ws)
            raise
    else:
        wb.save(out)
