"""The status-bar line about the holiday calendar (``services.calendar.calendar_status``).

From 1 October, while next year's holidays are not complete (or when this year's are
missing), the status bar says so in one line, with a button 录入节假日… that opens the
节假日 screen. Refreshed on the CALENDAR topic and once an hour (the date may change
while the program runs). ``today`` is injectable for tests.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from petitiondesk.services.calendar import CalendarStatus, calendar_status
from petitiondesk.store.db import Database

from .. import signals
from ..signals import DataHub

WARNING_STYLE = "color: #b71c1c; font-weight: bold;"
RECHECK_MS = 60 * 60 * 1000


class CalendarWarning(QWidget):
    """The warning and its button; hidden when nothing is missing.

    ``open_requested``: the clerk pressed 录入节假日…."""

    open_requested = Signal()

    def __init__(
        self,
        db: Database,
        hub: DataHub,
        *,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today
        self.status: CalendarStatus | None = None
        self.label = QLabel()
        self.label.setStyleSheet(WARNING_STYLE)
        self.button = QPushButton("录入节假日…")
        self.button.setAutoDefault(False)
        self.button.clicked.connect(self.open_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        layout.addStretch(1)  # on a wide row (the board) the button stays its own size
        hub.changed.connect(self._changed)
        self.timer = QTimer(self)
        self.timer.setInterval(RECHECK_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    @property
    def text(self) -> str:
        """The warning shown ("" when hidden)."""
        return self.label.text() if not self.isHidden() else ""

    def _changed(self, what: str) -> None:
        if signals.concerns(what, signals.CALENDAR):
            self.refresh()

    def refresh(self) -> None:
        self.status = calendar_status(self.db, self.today())
        warning = self.status.warning
        self.label.setText(warning)
        self.label.setToolTip(warning)
        self.setVisible(bool(warning))
