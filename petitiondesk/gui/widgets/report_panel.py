"""The result of the clerk's last action above a list (:class:`ReportPanel`): a title,
the messages under it (scrolling after a few), 关闭; green, amber or red."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QListWidget, QPushButton, QVBoxLayout

REPORT_OK = "QFrame#report { background: #edf7ed; border: 1px solid #a5d6a7; border-radius: 3px; }"
REPORT_WARN = (
    "QFrame#report { background: #fff8e1; border: 1px solid #ffcc80; border-radius: 3px; }"
)
REPORT_ERROR = (
    "QFrame#report { background: #fdecea; border: 1px solid #ef9a9a; border-radius: 3px; }"
)
#: The report shows this many messages before it scrolls.
REPORT_MAX_LINES = 4


class ReportPanel(QFrame):
    """Hidden until :meth:`show_report`; 关闭 hides it again."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("report")
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.list = QListWidget()
        self.list.setAlternatingRowColors(True)
        self.close_button = QPushButton("关闭")
        self.close_button.setToolTip("关闭这条提示")
        self.close_button.clicked.connect(self.hide)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(head)
        layout.addWidget(self.list)
        self.hide()

    def show_report(self, title: str, lines: Sequence[str], *, level: str = "ok") -> None:
        """``level``: ok / warn / error."""
        self.setStyleSheet({"ok": REPORT_OK, "warn": REPORT_WARN}.get(level, REPORT_ERROR))
        self.title.setText(title)
        self.list.clear()
        self.list.addItems(list(lines))
        self.list.setVisible(bool(lines))
        if lines:
            shown = min(len(lines), REPORT_MAX_LINES)
            row = self.list.sizeHintForRow(0)
            self.list.setFixedHeight(row * shown + 2 * self.list.frameWidth() + 2)
        self.show()

    def lines(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]
