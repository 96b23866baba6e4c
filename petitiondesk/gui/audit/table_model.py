"""The rows of the 审计日志 screen, a page at a time as the table scrolls
(``canFetchMore``/``fetchMore``): a log of ten years never loads at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor

from petitiondesk.services.audit_view import CHAIN_OK, AuditEntry, AuditPage

from ..widgets.table_model import Index, ReadOnlyTableModel

COL_AT, COL_ACTOR, COL_ACTION, COL_ENTITY, COL_CASE, COL_SUMMARY, COL_CHAIN = range(7)
BROKEN = QColor("#b00020")

#: ``load(offset)`` → the page of rows starting there (None: refused, nothing more).
Loader = Callable[[int], AuditPage | None]


class AuditTableModel(ReadOnlyTableModel[AuditEntry]):
    headers = ("时间", "操作人", "操作", "对象", "案件编号", "摘要", "校验")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._load: Loader | None = None
        self.total = 0

    def reset(self, load: Loader) -> None:
        """Start again from the newest row with ``load``."""
        self.beginResetModel()
        self._load, self._rows, self.total = load, [], 0
        self.endResetModel()
        self._append(load(0))

    def _append(self, page: AuditPage | None) -> None:
        if page is None:
            self._load = None
            return
        self.total = page.total
        if not page.entries:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page.entries) - 1)
        self._rows.extend(page.entries)
        self.endInsertRows()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._load is not None and len(self._rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent) and self._load is not None:
            self._append(self._load(len(self._rows)))

    def display(self, item: AuditEntry, column: int) -> str | None:
        if column == COL_AT:
            return f"{item.at:%Y-%m-%d %H:%M:%S}"
        values = {
            COL_ACTOR: item.actor,
            COL_ACTION: item.action_text,
            COL_ENTITY: item.entity_text,
            COL_CASE: item.register_no,
            COL_SUMMARY: item.summary,
            COL_CHAIN: item.chain,
        }
        return values.get(column)

    def tooltip(self, item: AuditEntry, column: int) -> str | None:
        if column == COL_SUMMARY:
            return item.summary
        if column == COL_ACTION:
            return item.action
        return None

    def decoration(self, item: AuditEntry, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.ForegroundRole and item.chain != CHAIN_OK:
            return QBrush(BROKEN)
        return None
