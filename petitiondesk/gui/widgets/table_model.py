"""The plumbing every read-only table model of the program shares.

A model keeps its lines as plain objects in ``_rows`` and names its columns in
``headers`` (with ``COL_*`` constants next to it); ``index.data(item_role)`` is the
object of a line. The model only says what a cell shows (:meth:`ReadOnlyTableModel.display`),
its tooltip (:meth:`~ReadOnlyTableModel.tooltip`) and, if it likes, its colours and
alignment (:meth:`~ReadOnlyTableModel.decoration`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

T = TypeVar("T")

Index = QModelIndex | QPersistentModelIndex


class ReadOnlyTableModel(QAbstractTableModel, Generic[T]):
    """Lines of plain objects, selectable, not editable, no tree."""

    headers: tuple[str, ...] = ()
    #: ``index.data(item_role)`` is the object of that line.
    item_role: int = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []

    def item_at(self, row: int) -> T | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # --- what a model says about a cell ---------------------------------------------------
    def display(self, item: T, column: int) -> str | None:  # pragma: no cover - abstract
        raise NotImplementedError

    def tooltip(self, item: T, column: int) -> str | None:
        return None

    def decoration(self, item: T, column: int, role: int) -> object:
        """Any other role (foreground, background, alignment): None by default."""
        return None

    # --- QAbstractTableModel ---------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        item = self.item_at(index.row()) if index.isValid() else None
        if item is None:
            return None
        column = index.column()
        if role == self.item_role:
            return item
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(item, column)
        return self.decoration(item, column, role)


class ListTableModel(ReadOnlyTableModel[T]):
    """A read-only table of plain objects given all at once (:meth:`set_items`)."""

    def set_items(self, items: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(items)
        self.endResetModel()

    @property
    def items(self) -> Sequence[T]:
        return tuple(self._rows)
