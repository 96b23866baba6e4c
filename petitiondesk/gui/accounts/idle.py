"""The idle lock: after ``minutes`` without keyboard or mouse input anywhere in the
program, :attr:`IdleWatcher.idle` is emitted (the main window locks). An application
event filter restarts a single-shot timer on every input event; tests fire
:meth:`IdleWatcher.fire` instead of waiting."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class IdleWatcher(QObject):
    idle = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle.emit)
        self.set_minutes(minutes)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        """0 (or less): never lock."""
        self.minutes = max(0, minutes)
        self.timer.stop()
        if self.minutes:
            self.timer.start(self.minutes * 60_000)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS and self.minutes:
            self.timer.start()  # restart the countdown
        return False

    def fire(self) -> None:
        """The idle time has passed (tests; the timer calls it too)."""
        self.timer.stop()
        self.idle.emit()

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
