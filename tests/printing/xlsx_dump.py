"""Read a written xlsx back as plain data (values, types, styles, sheet settings), to
compare two writers' output cell by cell (tests only)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from openpyxl import load_workbook


def _value(value: Any) -> Any:
    if isinstance(value, str) and len(value) > 200:  # long texts by length and digest
        return f"{len(value)}:{hashlib.sha1(value.encode()).hexdigest()}"
    return value.isoformat() if hasattr(value, "isoformat") else value


def dump_xlsx(path: Path) -> dict[str, Any]:
    """Everything a reader sees of the first sheet, as JSON-able data."""
    ws = load_workbook(path).worksheets[0]
    cells = []
    for row in ws.iter_rows():
        for c in row:
            if c.value is None and not c.has_style:
                continue
            cells.append(
                [
                    c.coordinate,
                    _value(c.value),
                    c.data_type,
                    c.number_format,
                    bool(c.quotePrefix),
                    c.font.name,
                    c.font.sz,
                    bool(c.font.b),
                    c.border.left.style,
                    c.alignment.horizontal,
                    c.alignment.vertical,
                    bool(c.alignment.wrap_text),
                    c.fill.fgColor.rgb if c.fill.fill_type else None,
                ]
            )
    return {
        "title": ws.title,
        "cells": cells,
        "heights": {str(k): d.height for k, d in ws.row_dimensions.items() if d.height},
        "widths": {k: d.width for k, d in ws.column_dimensions.items()},
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "freeze": ws.freeze_panes,
        "filter": ws.auto_filter.ref,
        "print_titles": ws.print_title_rows,
    }
