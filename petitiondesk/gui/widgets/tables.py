"""Table views as every tab shows them: whole rows, one at a time, read only, compact."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

#: Room for a cell's text beside its sample (padding and the sort mark).
COLUMN_PADDING = 18


def make_table(
    model: Any, *, stretch: int | None = None, row_metrics: QFontMetrics | None = None
) -> QTableView:
    """A view of ``model``: single row selection, no editing, alternating rows, column
    ``stretch`` taking the room left; rows as high as a line of ``row_metrics`` (default:
    the view's font) plus a little."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    metrics = row_metrics if row_metrics is not None else view.fontMetrics()
    view.verticalHeader().setDefaultSectionSize(metrics.height() + 8)
    head = view.horizontalHeader()
    head.setHighlightSections(False)
    if stretch is not None:
        head.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def fit_width(metrics: QFontMetrics, sample: str) -> int:
    """A column as wide as ``sample``."""
    return metrics.horizontalAdvance(sample) + COLUMN_PADDING


def fit_columns(view: QTableView, metrics: QFontMetrics, samples: dict[int, str]) -> None:
    """Each column of ``samples`` as wide as its sample text."""
    head = view.horizontalHeader()
    for column, sample in samples.items():
        head.resizeSection(column, fit_width(metrics, sample))


def set_widths(view: QTableView, widths: dict[int, int]) -> None:
    """Columns of fixed widths (pixels)."""
    head = view.horizontalHeader()
    for column, width in widths.items():
        head.resizeSection(column, width)
