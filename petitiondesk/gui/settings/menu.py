"""设置 menu: 节假日安排…, 办公室设置…, 期限规则…, 数据库服务器…, and the calendar warning of the status
bar. The main window makes one :class:`SettingsMenu` and adds :attr:`SettingsMenu.menu`
and :attr:`SettingsMenu.calendar_warning`; it needs to know nothing else about them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu, QWidget

from petitiondesk.services.desk_config import DeskConfig
from petitiondesk.store.db import Database

from ..session import current_actor
from ..signals import DataHub
from .calendar_warning import CalendarWarning

if TYPE_CHECKING:  # the dialogs are imported when opened (start-up time, issue 15)
    from .holidays_dialog import HolidaysDialog
    from .office_dialog import OfficeSettingsDialog
    from .rules_dialog import DeadlineRulesDialog
    from .server_dialog import ServerDialog


class SettingsMenu(QObject):
    """The 设置 menu of ``window``; the dialog last opened of each kind is kept
    (``holidays_dialog``, ``office_dialog``, ``rules_dialog``) for tests and tools."""

    def __init__(
        self,
        window: QWidget,
        db: Database,
        hub: DataHub,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(window)
        self.window, self.db, self.hub = window, db, hub
        self.holidays_dialog: HolidaysDialog | None = None
        self.office_dialog: OfficeSettingsDialog | None = None
        self.rules_dialog: DeadlineRulesDialog | None = None
        self.server_dialog: ServerDialog | None = None
        self.holidays_action = self._action(
            "节假日安排(&H)…", self.open_holidays, "按国务院办公厅通知录入每年的放假和调休上班日"
        )
        self.office_action = self._action(
            "办公室设置(&O)…", self.open_office, "单位名称、文头、文号、接待人、集体访代表人数"
        )
        self.rules_action = self._action(
            "期限规则(&R)…", self.open_rules, "各类办理期限的天数和计算方式"
        )
        self.server_action = self._action(
            "数据库服务器(&D)…", self.open_server, "本机数据文件或办公室数据库服务器（多窗口）"
        )
        self.menu = QMenu("设置(&S)", window)
        self.menu.addAction(self.holidays_action)
        self.menu.addSeparator()
        self.menu.addAction(self.office_action)
        self.menu.addAction(self.rules_action)
        self.menu.addSeparator()
        self.menu.addAction(self.server_action)
        self.calendar_warning = CalendarWarning(db, hub, today=today)
        self.calendar_warning.open_requested.connect(self.open_holidays_for_warning)

    def _action(self, text: str, slot: Callable[[], object], tip: str) -> QAction:
        action = QAction(text, self.window)
        action.setStatusTip(tip)
        action.triggered.connect(lambda: slot())
        return action

    @staticmethod
    def _show(dialog: QDialog) -> None:
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def open_holidays(self, year: int | None = None) -> HolidaysDialog:
        """节假日安排…: one window; shown again (on ``year`` if given) when open."""
        from .holidays_dialog import HolidaysDialog

        dialog = self.holidays_dialog
        if dialog is None or not dialog.isVisible():
            dialog = HolidaysDialog(
                self.db, actor=current_actor(), year=year, today=self.calendar_warning.today,
                parent=self.window,
            )  # fmt: skip
            self.holidays_dialog = dialog
        elif year is not None:
            dialog.set_year(year)
        self._show(dialog)
        return dialog

    def open_holidays_for_warning(self) -> HolidaysDialog:
        """录入节假日… in the status bar: the first year that is missing."""
        status = self.calendar_warning.status
        year = status.today.year if status is not None else None
        if status is not None and status.today.year in status.covered_years:
            year = status.today.year + 1
        return self.open_holidays(year)

    def open_office(self) -> OfficeSettingsDialog:
        from .office_dialog import OfficeSettingsDialog

        dialog = OfficeSettingsDialog(self.db, actor=current_actor(), parent=self.window)
        self.office_dialog = dialog
        dialog.open()
        return dialog

    def open_rules(self) -> DeadlineRulesDialog:
        from .rules_dialog import DeadlineRulesDialog

        dialog = DeadlineRulesDialog(self.db, actor=current_actor(), parent=self.window)
        self.rules_dialog = dialog
        self._show(dialog)
        return dialog

    def open_server(self) -> ServerDialog:
        """数据库服务器…: this desk's choice; after 保存 the window may switch at once."""
        from .. import server_start
        from .server_dialog import ServerDialog

        dialog = ServerDialog(parent=self.window)
        self.server_dialog = dialog
        window = self.window

        def saved(config: object) -> None:
            from ..main_window import MainWindow

            if isinstance(window, MainWindow) and isinstance(config, DeskConfig):
                server_start.after_save(window, config, dialog.password_text)

        dialog.saved.connect(saved)
        dialog.open()
        return dialog
