"""矛盾纠纷排查台账… (the dispute-screening register) and its menu entry."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from petitiondesk.core.identity import Actor, Role, issue
from petitiondesk.store.db import Database

from ..current_user import current_actor
from .dialog import DisputesDialog

__all__ = ["DisputesDialog", "DisputesEntry", "window_actor"]


def window_actor() -> Actor:
    """Who acts in the window. Until sign-in lands (accounts, #13) ``current_actor()``
    is the OS user's name: it is issued here as a clerk; an issued actor is used as is."""
    who: object = current_actor()
    if isinstance(who, Actor):
        return who
    return issue(str(who), Role.CLERK)


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
        dialog = self.dialog
        if dialog is None or not dialog.isVisible():
            dialog = DisputesDialog(self.db, actor=window_actor(), parent=self.window)
            self.dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog
