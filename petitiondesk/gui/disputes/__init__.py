"""矛盾纠纷排查台账… (the dispute-screening register) and its menu entry."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from petitiondesk.store.db import Database

from ..session import current_actor

if TYPE_CHECKING:
    from .dialog import DisputesDialog


def __getattr__(name: str) -> Any:
    # The dialog (and what it imports) only when opened, not at the window's start.
    if name == "DisputesDialog":
        from .dialog import DisputesDialog

        return DisputesDialog
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["DisputesDialog", "DisputesEntry"]


class DisputesEntry(QObject):
    """工具 → 矛盾纠纷排查台账…: :attr:`action` opens one dialog (kept as :attr:`dialog`),
    shown again when it is already open."""

    def __init__(self, window: QWidget, db: Database) -> None:
        super().__init__(window)
        self.window, self.db = window, db
        self.dialog: DisputesDialog | None = None
        self.action = QAction("矛盾纠纷排查台账(&D)…", window)
        self.action.setStatusTip(
            "每月排查的矛盾纠纷：风险等级、责任领导、责任单位、责任人、化解时限"
        )
        self.action.triggered.connect(lambda: self.open())

    def open(self) -> DisputesDialog:
        from .dialog import DisputesDialog

        dialog = self.dialog
        if dialog is None or not dialog.isVisible():
            dialog = DisputesDialog(self.db, actor=current_actor(), parent=self.window)
            self.dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog
