"""The panels under the roster for the selected slot (:class:`.view.RosterView` lays
them out side by side): its change history (替班、调换、递补) and its queue of visitors
(appointments, then walk-ins) with the queue's buttons."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..widgets.tables import fit_columns, make_table
from .table_model import (
    HISTORY_COL_BY,
    HISTORY_COL_CHANGE,
    HISTORY_COL_KIND,
    HISTORY_COL_REASON,
    HISTORY_COL_TIME,
    QUEUE_COL_CATEGORY,
    QUEUE_COL_NAME,
    QUEUE_COL_PHONE,
    QUEUE_COL_POSITION,
    QUEUE_COL_STATUS,
    QUEUE_COL_SUMMARY,
    QUEUE_COL_TICKET,
    HistoryTableModel,
    QueueTableModel,
)

QUEUE_TITLE = "预约与排队"


def bold_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: bold;")
    return label


class HistoryPanel(QWidget):
    """The selected slot's changes (替班、调换、递补) under a title."""

    def __init__(self, metrics: QFontMetrics, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = HistoryTableModel(self)
        self.table = make_table(self.model, stretch=HISTORY_COL_REASON)
        fit_columns(
            self.table,
            metrics,
            {
                HISTORY_COL_TIME: "2026-11-21 09:30",
                HISTORY_COL_KIND: "调换",
                HISTORY_COL_CHANGE: "李红梅→刘文华",
                HISTORY_COL_BY: "办公室 / 赵敏",
            },
        )
        self.table.horizontalHeader().moveSection(HISTORY_COL_REASON, HISTORY_COL_BY)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(bold_label("调整记录（替班、调换、递补）"))
        layout.addWidget(self.table, 1)


class QueuePanel(QWidget):
    """The selected slot's visitors (appointments, then walk-ins) and their actions."""

    def __init__(self, metrics: QFontMetrics, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = QueueTableModel(self)
        self.table = make_table(self.model, stretch=QUEUE_COL_SUMMARY)
        fit_columns(
            self.table,
            metrics,
            {
                QUEUE_COL_POSITION: "顺序",
                QUEUE_COL_TICKET: "预约12号",
                QUEUE_COL_NAME: "欧阳秀英",
                QUEUE_COL_PHONE: "13803710123",
                QUEUE_COL_CATEGORY: "劳动社保",
                QUEUE_COL_STATUS: "待接待",
            },
        )
        self.label = bold_label(QUEUE_TITLE)
        self.book_button = QPushButton("预约… (Ctrl+B)")
        self.book_button.setToolTip("为来访人预约领导接待日：按问题类别推荐分管领导的时段")
        self.walk_in_button = QPushButton("现场登记…")
        self.walk_in_button.setToolTip("未预约的来访人现场排队（排在预约群众之后）")
        self.cancel_button = QPushButton("取消预约")
        self.cards_button = QPushButton("打印四卡…")
        self.cards_button.setToolTip("通知卡（来访人联、责任单位联）、呈报卡、存根")
        buttons = QHBoxLayout()
        for button in (
            self.book_button,
            self.walk_in_button,
            self.cancel_button,
            self.cards_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
