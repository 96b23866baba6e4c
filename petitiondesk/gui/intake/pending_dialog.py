"""The 待告知 list: registered petitions still waiting for the written acceptance notice,
earliest deadline first; overdue ones red (已超期 N 天), those due within the office's
due-soon window amber; deadlines on a year whose holidays are unknown marked 估算."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from petitiondesk.services.acceptance import PendingAcceptance, PendingNotices

from ..widgets.field_messages import ERROR_COLOR

WARN_COLOR = "#b45309"
HEADERS = ("登记号", "姓名", "类别", "登记时间", "告知期限", "剩余")
COL_DUE, COL_LEFT = 4, 5
ESTIMATE_MARK = "（估算）"
REGISTER_NO_ROLE = Qt.ItemDataRole.UserRole


def left_text(row: PendingAcceptance) -> str:
    """已超期 3 天 / 今天到期 / 还剩 5 天 / 期限未定."""
    left = row.days_remaining
    if left is None:
        return "期限未定"
    if left < 0:
        return f"已超期 {-left} 天"
    return "今天到期" if left == 0 else f"还剩 {left} 天"


def due_cell_text(row: PendingAcceptance) -> str:
    if row.acceptance_due is None:
        return "未定"
    return row.acceptance_due.isoformat() + (ESTIMATE_MARK if row.estimate else "")


def row_color(row: PendingAcceptance, soon_days: int) -> str | None:
    if row.overdue:
        return ERROR_COLOR
    return WARN_COLOR if row.due_soon(soon_days) else None


class PendingDialog(QDialog):
    """The list; Enter or a double click on a row emits ``chosen(register_no, day)``."""

    chosen = Signal(str, object)

    def __init__(self, notices: PendingNotices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("待告知事项")
        self.notices = notices
        summary = f"尚未作出受理决定、须书面告知的事项共 {len(notices.rows)} 件"
        if notices.overdue:
            summary += f"，已超期 {notices.overdue} 件"
        if notices.due_soon:
            summary += f"，{notices.due_soon_days} 天内到期 {notices.due_soon} 件"
        self.summary = QLabel(summary + "。按告知期限排列，最早的在前；双击或回车打开该登记。")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(len(notices.rows), len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for number, row in enumerate(notices.rows):
            self._fill(number, row)
        self.table.doubleClicked.connect(lambda _index: self._choose())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self._choose)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, 420)
        if notices.rows:
            self.table.selectRow(0)

    def _fill(self, number: int, row: PendingAcceptance) -> None:
        texts = (
            row.register_no,
            row.name,
            row.category,
            row.received_at.strftime("%Y-%m-%d %H:%M"),
            due_cell_text(row),
            left_text(row),
        )
        color = row_color(row, self.notices.due_soon_days)
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            item.setData(REGISTER_NO_ROLE, row.register_no)
            if color is not None and column in (COL_DUE, COL_LEFT):
                item.setForeground(QBrush(QColor(color)))
            if column == COL_DUE and row.estimate:
                item.setToolTip("该年节假日安排尚未录入，期限为推算日期（待核）")
            self.table.setItem(number, column, item)

    def _choose(self) -> None:
        selected = self.table.selectionModel().selectedRows()
        if not selected:
            return
        row = self.notices.rows[selected[0].row()]
        self.accept()
        self.chosen.emit(row.register_no, row.received_at.date())
