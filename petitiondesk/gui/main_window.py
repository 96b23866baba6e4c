"""The main window: menus, the four tabs, the status bar, the data-changed hub."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

import petitiondesk
from petitiondesk.services import cases
from petitiondesk.services.result import Result
from petitiondesk.store.db import Database

from . import errors, operations, prompts
from . import signals as hub_topics
from .intake.tab import IntakeTab
from .operations import Operation, ProgressFn, run_in_background
from .roster.tab import RosterTab
from .signals import DataHub

APP_TITLE = "PetitionDesk 信访桌面"

TAB_ROSTER = 0
TAB_INTAKE = 1
TAB_REFERRAL = 2
TAB_CLOSURE = 3

PLACEHOLDERS = {
    TAB_REFERRAL: ("交办督办", "交办、转送和督办功能将在后续版本提供。"),
    TAB_CLOSURE: ("办结", "办结登记和答复意见书功能将在后续版本提供。"),
}

ABOUT_TEXT = (
    "<h3>PetitionDesk 信访桌面 {version}</h3>"
    "<p>信访办公室的离线桌面程序：来信来访登记、打印登记单、导出登记台账。</p>"
    "<p>数据只保存在本机数据库文件中：<br><code>{path}</code></p>"
    "<p>以 GNU GPL 3.0 或更高版本发布。打印字体：文泉驿微米黑（GPL，含字体例外）。</p>"
)


def ledger_file_name(office_name: str, year: int) -> str:
    return f"{office_name or '信访'}{year}年来信来访登记台账.xlsx"


class MainWindow(QMainWindow):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.hub = DataHub(self)
        self.export_operation: Operation | None = None
        self.demo_operation: Operation | None = None
        self.setMinimumSize(960, 640)
        self.resize(1280, 800)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.intake = IntakeTab(db, self.hub)
        self.roster = RosterTab(db, self.hub)
        for index in range(4):
            if index == TAB_INTAKE:
                self.tabs.addTab(self.intake, "来访登记")
            elif index == TAB_ROSTER:
                self.tabs.addTab(self.roster, "排班")
            else:
                title, text = PLACEHOLDERS[index]
                label = QLabel(text)
                label.setAlignment(Qt.AlignmentFlag.AlignCenter)
                label.setStyleSheet("color: #666; font-size: 15px;")
                self.tabs.addTab(label, title)
        self.tabs.setCurrentIndex(TAB_INTAKE)
        self.setCentralWidget(self.tabs)

        self.db_label = QLabel(f"数据库：{self.database_text()}")
        self.db_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self.db_label)
        self.intake.status_message.connect(self.show_status)
        self.intake.selection_changed.connect(self._update_actions)
        self.roster.status_message.connect(self.show_status)
        self.roster.selection_changed.connect(self._update_actions)
        self.tabs.currentChanged.connect(self._update_actions)
        self.hub.changed.connect(self._data_changed)

        self._build_menus()
        self._update_title()
        self._update_actions()

    # --- menus ---------------------------------------------------------------------------------
    def _action(
        self, text: str, slot: object, shortcut: QKeySequence | str | None = None, tip: str = ""
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.export_action = self._action(
            "导出登记台账(&E)…", self.export_register, "Ctrl+E", "把一年的登记导出为 Excel 台账"
        )
        self.quit_action = self._action("退出(&Q)", self.close, "Ctrl+Q")
        file_menu = bar.addMenu("文件(&F)")
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        self.new_action = self._action(
            "新登记(&N)", self.new_visit, "Ctrl+N", "清空表单，登记下一位"
        )
        self.save_action = self._action("保存(&S)", self.save_visit, "Ctrl+S", "保存本条登记")
        self.print_action = self._action(
            "打印登记单(&P)…", self.print_slip, "Ctrl+P", "预览并打印选中的来访登记单"
        )
        self.find_action = self._action(
            "查找(&F)", self.find_case, "Ctrl+F", "按姓名、身份证号、电话、登记号或内容搜索登记"
        )
        register_menu = bar.addMenu("登记(&R)")
        for action in (self.new_action, self.save_action, self.print_action, self.find_action):
            register_menu.addAction(action)
        register_menu.addSeparator()
        for action in self.intake.case_actions():  # 受理决定…, 打印告知书…, 接谈记录…, 附件…
            register_menu.addAction(action)

        roster_menu = bar.addMenu("排班(&D)")
        roster = self.roster
        self.generate_roster_action = self._action(
            "生成排班(&G)", self._on_roster(roster.generate), "Ctrl+G", "按接待日规则生成本期排班"
        )
        self.substitute_action = self._action(
            "替班(&T)…", self._on_roster(roster.substitute), tip="由另一位领导接待选中的时段"
        )
        self.swap_action = self._action(
            "调换(&W)…", self._on_roster(roster.swap), tip="与另一位领导的接待时段互换"
        )
        self.fill_next_action = self._action(
            "按值班顺序递补(&N)…", self._on_roster(roster.fill_next), tip="由下一位有空的领导接待"
        )
        self.book_action = self._action(
            "预约(&B)…", self._on_roster(roster.book), "Ctrl+B", "为来访人预约领导接待日"
        )
        self.walk_in_action = self._action(
            "现场登记(&K)…", self._on_roster(roster.walk_in), tip="未预约的来访人现场排队"
        )
        self.cancel_booking_action = self._action(
            "取消预约(&C)", self._on_roster(roster.cancel_booking), tip="取消选中来访人的预约"
        )
        self.cards_action = self._action(
            "打印四卡(&4)…", self._on_roster(roster.print_cards), tip="打印选中预约的领导接待日四卡"
        )
        self.print_roster_action = self._action(
            "打印排班公示(&P)…",
            self._on_roster(roster.print_roster),
            "Ctrl+Shift+P",
            "预览并打印本期的领导接待日安排表",
        )
        self.export_roster_action = self._action(
            "导出排班(&X)…", self._on_roster(roster.export_roster), tip="把本期排班导出为 Excel"
        )
        self.leaders_action = self._action(
            "领导与接待规则(&L)…", self._on_roster(roster.manage_leaders)
        )
        for group in (
            (self.generate_roster_action,),
            (self.substitute_action, self.swap_action, self.fill_next_action),
            tuple(roster.slot_actions()),  # 陪同…, 手工加排… (enabled by the tab)
            (self.book_action, self.walk_in_action, self.cancel_booking_action, self.cards_action),
            (self.print_roster_action, self.export_roster_action),
            (self.leaders_action,),
        ):
            if roster_menu.actions():
                roster_menu.addSeparator()
            for action in group:
                roster_menu.addAction(action)

        self.about_action = self._action("关于(&A)", self.about)
        help_menu = bar.addMenu("帮助(&H)")
        help_menu.addAction(self.about_action)

    def _update_actions(self) -> None:
        on_intake = self.tabs.currentIndex() == TAB_INTAKE
        for action in (self.new_action, self.save_action, self.find_action):
            action.setEnabled(on_intake)
        self.print_action.setEnabled(on_intake and self.intake.can_print())
        slot = self.roster.has_selection()
        for action in (
            self.substitute_action,
            self.swap_action,
            self.fill_next_action,
            self.walk_in_action,
        ):
            action.setEnabled(slot)
        visitor = self.roster.selected_queue_item()
        self.cancel_booking_action.setEnabled(visitor is not None and visitor.status == "booked")
        self.cards_action.setEnabled(visitor is not None)

    # --- status and title ------------------------------------------------------------------------
    def database_text(self) -> str:
        path = self.db.path
        return str(path) if path is not None else self.db.url.render_as_string(hide_password=True)

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 30_000)

    def _update_title(self) -> None:
        office = cases.reference_data(self.db).office_name
        self.setWindowTitle(f"{APP_TITLE} — {office}" if office else APP_TITLE)

    def _data_changed(self, what: str) -> None:
        if hub_topics.concerns(what, hub_topics.REFERENCE):
            self._update_title()
        self._update_actions()

    # --- roster -------------------------------------------------------------------------------
    def _on_roster(self, method: Callable[[], object]) -> Callable[[], None]:
        """A menu action of the 排班 tab: show the tab, then do it."""

        def triggered() -> None:
            self.tabs.setCurrentIndex(TAB_ROSTER)
            method()

        return triggered

    # --- registration ----------------------------------------------------------------------------
    def _to_intake(self) -> None:
        self.tabs.setCurrentIndex(TAB_INTAKE)

    def new_visit(self) -> None:
        self._to_intake()
        self.intake.new_visit()

    def save_visit(self) -> None:
        self._to_intake()
        self.intake.save()

    def print_slip(self) -> None:
        self._to_intake()
        self.intake.print_selected()

    def find_case(self) -> None:
        self._to_intake()
        self.intake.focus_find()

    # --- export ------------------------------------------------------------------------------------
    def export_register(self) -> Operation | None:
        """文件 → 导出登记台账…: ask the year and the file, export in the background."""
        if self.export_operation is not None and not self.export_operation.done:
            self.show_status("正在导出，请稍候")
            return None
        year = prompts.ask_year(self, "导出登记台账", "导出哪一年的登记：", date.today().year)
        if year is None:
            return None
        office = cases.reference_data(self.db).office_name
        suggested = Path.home() / ledger_file_name(office, year)
        target = prompts.ask_save_path(self, "导出登记台账", suggested, "Excel 工作簿 (*.xlsx)")
        if target is None:
            return None
        total = cases.count_cases(self.db, day_from=date(year, 1, 1), day_to=date(year, 12, 31))
        db = self.db

        def work(progress: ProgressFn) -> Result[int]:
            # Imported here: reportlab/openpyxl are slow to import and not needed to start.
            from petitiondesk.services import printouts

            return printouts.export_register(db, year, target, progress=progress)

        def done(result: Result[int]) -> None:
            if not result.ok:
                errors.show_error(self, result.message, title="导出未完成")
                return
            self.show_status(f"已导出 {year} 年登记台账 {result.value} 条：{target}")

        self.show_status(f"正在导出 {year} 年登记台账…")
        self.export_operation = run_in_background(
            self,
            work,
            on_success=done,
            on_failure=lambda exc: errors.show_error(self, exc, title="导出失败"),
            on_cancelled=lambda: self.show_status("已取消导出，未生成文件"),
            label=f"正在导出 {year} 年登记台账（共 {total} 条）…",
            maximum=total,
        )
        return self.export_operation

    # --- demo data ----------------------------------------------------------------------------------
    def offer_demo_data(self) -> Operation | None:
        """First start: offer to load demo data (asked once per database)."""
        try:
            from petitiondesk.services import demo, settings
        except ImportError:
            return None
        if not (hasattr(settings, "demo_offer_pending") and hasattr(demo, "load_demo")):
            return None
        if not settings.demo_offer_pending(self.db):
            return None
        wanted = prompts.confirm(
            self,
            "演示数据",
            "这是一个新的空数据库。\n\n是否载入演示数据？\n"
            "（虚构的领导、科室和约200条来访登记，便于熟悉程序；正式使用请另建数据库）",
            default_yes=False,
        )
        if hasattr(settings, "mark_demo_offer_answered"):
            settings.mark_demo_offer_answered(self.db)
        if not wanted:
            return None
        db = self.db

        def work(progress: ProgressFn) -> int:
            return int(demo.load_demo(db, visits=200, seed=1, progress=progress))

        def done(count: int) -> None:
            self.hub.notify(hub_topics.ALL)
            self.show_status(f"已载入演示数据：{count} 条登记")

        self.demo_operation = run_in_background(
            self,
            work,
            on_success=done,
            on_failure=lambda exc: errors.show_error(self, exc, title="演示数据未载入"),
            on_cancelled=lambda: self.show_status("已取消载入演示数据"),
            label="正在载入演示数据…",
            maximum=200,
        )
        return self.demo_operation

    # --- help -----------------------------------------------------------------------------------------
    def about(self) -> None:
        QMessageBox.about(
            self,
            "关于 PetitionDesk",
            ABOUT_TEXT.format(version=petitiondesk.__version__, path=self.database_text()),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.intake.form.is_dirty() and not prompts.confirm(
            self, "退出", "表单中还有未保存的登记内容，确定退出吗？"
        ):
            event.ignore()
            return
        # Stop exports at their next step (nothing half-written is left behind: the
        # services write to a temporary file) and let saves finish.
        for operation in operations.active_operations():
            operation.cancel()
        operations.wait_for_all(15_000)
        event.accept()
