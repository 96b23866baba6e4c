"""The main window: the menus, the tabs, the status bar, the data-changed hub.

It knows no tab by name: it loops over the tabs of :mod:`tabs` (the contract is in
:mod:`tab`), adds their menus between 文件 and 帮助, and asks them to enable their
actions and whether it may close. A declared tab (:mod:`lazy_tab`) is built when first
shown or used: :meth:`MainWindow.tab` (``window.<key>`` too) builds it on demand.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QWidget

from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission
from petitiondesk.services import cases
from petitiondesk.services.result import Result
from petitiondesk.store.db import Database

from . import backups, errors, operations, prompts, session, window_state
from . import signals as hub_topics
from .accounts.menu import AccountMenu, apply_role
from .disputes import DisputesEntry
from .lazy_tab import LazyTab, TabDeclaration, adopting, declared_key
from .operations import Operation, ProgressFn, run_in_background, run_write
from .settings.menu import SettingsMenu
from .signals import DataHub
from .tab import RoleRule, TabContract, needs
from .tabs import DEFAULT_TABS, START_TAB, TabSource
from .widgets.elided_label import ElidedLabel

APP_TITLE = "PetitionDesk 信访桌面"
#: How often the window asks whether another desk changed the data (issue 14).
CHANGE_POLL_MS = 2000


def freeze_long_lived() -> None:
    """Put what exists now (the modules, the window, a tab just built) out of the garbage
    collector's reach (``gc.freeze``). A full collection otherwise walks all of it with
    every thread stopped: the 100–160 ms UI stall of the first print preview (issue 15)
    was one such pass, set off by reportlab reading the CJK font on a worker thread."""
    gc.freeze()


def ledger_file_name(office_name: str, year: int) -> str:
    return f"{office_name or '信访'}{year}年来信来访登记台账.xlsx"


class MainWindow(QMainWindow):
    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        actor: Actor,
        tabs: Sequence[TabSource] = DEFAULT_TABS,
        start_tab: int = START_TAB,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        session.sign_in(actor)  # before the tabs: they write as the signed-in account
        errors.set_database_path(db.path)
        self.hub = DataHub(self)
        self.export_operation: Operation | None = None
        self.demo_operation: Operation | None = None
        self.backup_operation: Operation | None = None
        self.replaced = False  # its database file was replaced (restore): close quietly
        self.restored_window: QMainWindow | None = None
        self.archive_operation: Operation | None = None
        self.setMinimumSize(window_state.MINIMUM)
        self.resize(window_state.PREFERRED)  # app.run() then fits it to the screen

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tab_pages: list[TabContract] = []
        for index, source in enumerate(tabs):
            self._add_tab(self._make_tab(source, built=index == start_tab))
        self.tabs.setCurrentIndex(start_tab)
        self.tabs.currentChanged.connect(self._build_current)
        self.setCentralWidget(self.tabs)

        self.db_label = ElidedLabel(f"数据库：{self.database_text()}")
        self.user_label = QLabel()
        self.settings_menu = SettingsMenu(self, db, self.hub)
        self.account_menu = AccountMenu(self, db, actor)
        self.account_menu.signed_in.connect(self.set_actor)
        self.statusBar().addPermanentWidget(self.settings_menu.calendar_warning)
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.db_label)
        self.tabs.currentChanged.connect(self._update_actions)
        self.hub.changed.connect(self._data_changed)

        self._build_menus()
        self.set_actor(actor)
        self._update_title()
        self._update_actions()
        QTimer.singleShot(0, freeze_long_lived)  # once shown and painted

        # Other desks' writes (its own announce themselves through run_write).
        self.change_watcher = db.watch_changes()
        self.change_timer = QTimer(self)
        self.change_timer.setInterval(CHANGE_POLL_MS)
        self.change_timer.timeout.connect(self.poll_changes)
        self.change_timer.start()

    def set_actor(self, actor: Actor) -> None:
        """The signed-in account (at start, or another one at the lock screen): what the
        writes name, and which menu actions its role sees."""
        self.actor = actor
        session.sign_in(actor)
        self.user_label.setText(f"{actor.role.label}：{actor.name}")
        apply_role(actor, self.role_rules())

    def role_rules(self) -> list[RoleRule]:
        """Every action the window and its tabs declare a permission for (one list)."""
        menu = self.settings_menu
        rules = [
            *needs(Permission.CALENDAR, menu.holidays_action),
            *needs(Permission.SETTINGS, menu.office_action, menu.rules_action),
            *needs(Permission.BACKUP, self.backup_action, self.restore_action),
            *needs(Permission.EXPORT, self.export_action, self.ledger_action, self.archive_action),
            *needs(Permission.AUDIT, self.audit_action),
        ]
        rules += self.account_menu.role_rules()
        return rules + [rule for tab in self.tab_pages for rule in tab.role_rules()]

    def _make_tab(self, source: TabSource, *, built: bool) -> TabContract:
        """The tab (the one in front, or one with no declared menus), or its placeholder."""
        if not isinstance(source, TabDeclaration):
            return source(self.db, self.hub)
        if built or not source.menus:
            return source.load()(self.db, self.hub)
        placeholder = LazyTab(self.db, self.hub, source)
        placeholder.build = lambda: self._build(placeholder)
        return placeholder

    def tab(self, key: str) -> TabContract:
        """The tab of ``key``, built now if it was not yet (``window.<key>`` does the same)."""
        for page in self.tab_pages:
            if declared_key(page) == key:
                return self._build(page) if isinstance(page, LazyTab) else page
        raise KeyError(key)

    def __getattr__(self, name: str) -> Any:
        # Only called when normal lookup fails: window.<key> of a tab (tests, tools).
        pages = self.__dict__.get("tab_pages", ())
        if any(declared_key(page) == name for page in pages):
            return self.tab(name)
        raise AttributeError(name)

    def _build_current(self, index: int) -> None:
        page = self.tabs.widget(index)
        if isinstance(page, LazyTab):
            self._build(page)

    def _build(self, placeholder: LazyTab) -> TabContract:
        """Import and build a declared tab in its placeholder's place (which it adopts the
        actions of); the placeholder stays, hidden, as the actions' parent."""
        if placeholder.built is not None:
            return placeholder.built
        with adopting(placeholder):
            tab = placeholder.declaration.load()(self.db, self.hub)
        placeholder.built = tab
        assert isinstance(tab, QWidget)
        index, current = self.tabs.indexOf(placeholder), self.tabs.currentIndex()
        blocked = self.tabs.blockSignals(True)
        try:
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, tab, tab.title)
            self.tabs.setCurrentIndex(current)
        finally:
            self.tabs.blockSignals(blocked)
        self.tab_pages[self.tab_pages.index(placeholder)] = tab
        self._connect_tab(tab)
        apply_role(self.actor, tab.role_rules())
        self._update_actions()
        freeze_long_lived()
        return tab

    def _add_tab(self, tab: TabContract) -> None:
        assert isinstance(tab, QWidget)
        self.tab_pages.append(tab)
        self.tabs.addTab(tab, tab.title)
        self._connect_tab(tab)

    def _connect_tab(self, tab: TabContract) -> None:
        assert isinstance(tab, QWidget)
        if tab.key:
            setattr(self, tab.key, tab)  # window.<key>: for tests and tools
        tab.status_message.connect(self.show_status)
        tab.selection_changed.connect(self._update_actions)
        tab.show_requested.connect(lambda: self.tabs.setCurrentWidget(tab))
        tab.title_changed.connect(lambda text: self.tabs.setTabText(self.tabs.indexOf(tab), text))

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
        self.ledger_action = self._action(
            "导出台账(&L)…", self.export_ledger, "Ctrl+Shift+L",
            "任意期间的登记、交办转送、督办、办结台账和领导接待日记录，导出为 PDF 或 Excel",
        )  # fmt: skip
        self.quit_action = self._action("退出(&Q)", self.close, "Ctrl+Q")
        self.open_db_action = self._action(
            "打开数据库(&O)…", self.open_other_database, "Ctrl+O", "切换到另一个数据库文件"
        )
        self.backup_action = self._action(
            "备份数据库(&B)…", self.backup_database, None, "把数据库复制到选定位置（可加密）"
        )
        self.restore_action = self._action(
            "从备份恢复(&R)…", self.restore_database, None, "用备份文件替换当前数据库"
        )
        file_menu = bar.addMenu("文件(&F)")
        file_menu.addAction(self.open_db_action)
        file_menu.addAction(self.backup_action)
        file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        self.archive_action = self._action(
            "年底归档(&Y)…", self.archive_year, None, "把一年的信访事项整理为档案室接收的电子档案"
        )
        file_menu.addAction(self.archive_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        tab_menus = [menu for tab in self.tab_pages for menu in tab.menus()]
        for spec in sorted(tab_menus, key=lambda m: m.rank):
            menu = bar.addMenu(spec.title)
            for group in spec.groups:
                if menu.actions():
                    menu.addSeparator()
                for action in group:
                    menu.addAction(action)

        self.disputes = DisputesEntry(self, self.db)
        ledgers_menu = bar.addMenu("台账(&L)")
        ledgers_menu.addAction(self.ledger_action)
        ledgers_menu.addAction(self.disputes.action)
        bar.addMenu(self.settings_menu.menu)
        self.audit_action = self._action(
            "审计日志(&L)…", self.open_audit_log, None, "查看和导出审计日志（管理员）"
        )
        bar.addMenu("工具(&O)").addAction(self.audit_action)
        bar.addMenu(self.account_menu.menu)
        self.about_action = self._action("关于(&A)", self.about)
        help_menu = bar.addMenu("帮助(&H)")
        help_menu.addAction(self.about_action)

    def _update_actions(self) -> None:
        current = self.tabs.currentIndex()
        for index, tab in enumerate(self.tab_pages):
            tab.current = index == current
            tab.update_actions()

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
        if hub_topics.concerns(what, hub_topics.REFERENCE, hub_topics.SETTINGS):
            self._update_title()
        if hub_topics.concerns(what, hub_topics.SETTINGS):
            self.account_menu.settings_changed()
        self._update_actions()

    def poll_changes(self) -> set[str]:
        """Tell the tabs what another desk changed since the last poll (one cheap query or
        a non-blocking read; hidden tabs only go stale)."""
        if self.replaced:
            return set()
        topics = self.change_watcher.poll()
        for topic in [hub_topics.ALL] if hub_topics.ALL in topics else sorted(topics):
            self.hub.notify(topic)
        return topics

    def stop_watching(self) -> None:
        self.change_timer.stop()
        self.change_watcher.close()

    def open_other_database(self) -> QMainWindow | None:
        """文件 → 打开数据库…: another file in this window's place (a new one only if asked)."""
        from . import database_switch

        return database_switch.choose_and_open(self)

    # --- backups -----------------------------------------------------------------------------------
    def backup_database(self) -> Operation | None:
        """文件 → 备份数据库…: a copy at a chosen place, optionally encrypted."""
        return backups.backup_to_file(self)

    def restore_database(self) -> Operation | None:
        """文件 → 从备份恢复…: check a backup, confirm, restore, reopen the window."""
        from . import restore

        return restore.restore_from_file(self)

    def open_audit_log(self) -> QWidget | None:
        """工具 → 审计日志… (administrators; the service refuses anyone else)."""
        from .audit.dialog import open_audit_log

        return open_audit_log(self, self.db)

    def start_daily_backup(self) -> Operation | None:
        """At start: the automatic backup, if the newest is more than a day old."""
        return backups.start_daily_backup(self)

    # --- export ------------------------------------------------------------------------------------
    def export_register(self) -> Operation | None:
        """文件 → 导出登记台账…: ask the year, internal or outside use (ID numbers and
        phones masked) and the file, export in the background."""
        if self.export_operation is not None and not self.export_operation.done:
            self.show_status("正在导出，请稍候")
            return None
        year = prompts.ask_year(self, "导出登记台账", "导出哪一年的登记：", date.today().year)
        if year is None:
            return None
        outside = prompts.ask_export_use(self, "导出登记台账")
        if outside is None:
            return None
        office = cases.reference_data(self.db).office_name
        suggested = Path.home() / ledger_file_name(office, year)
        if outside:
            suggested = suggested.with_stem(f"{suggested.stem}（{prompts.EXPORT_OUTSIDE}）")
        target = prompts.ask_save_path(self, "导出登记台账", suggested, "Excel 工作簿 (*.xlsx)")
        if target is None:
            return None
        total = cases.count_cases(self.db, day_from=date(year, 1, 1), day_to=date(year, 12, 31))
        db, actor = self.db, self.actor

        def work(progress: ProgressFn) -> Result[int]:
            # Imported here: reportlab/openpyxl are slow to import and not needed to start.
            from petitiondesk.services import printouts

            return printouts.export_register(
                db, year, target, progress=progress, actor=actor, outside=outside
            )

        def done(result: Result[int]) -> None:
            if not result.ok:
                errors.show_error(self, result.message, title="导出未完成")
                return
            use = prompts.EXPORT_OUTSIDE if outside else prompts.EXPORT_INTERNAL
            self.show_status(f"已导出 {year} 年登记台账 {result.value} 条（{use}）：{target}")

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

    def archive_year(self) -> Operation | None:
        """文件 → 年底归档…: see :mod:`petitiondesk.gui.archive_run`."""
        from . import archive_run

        return archive_run.start_archive(self)

    def export_ledger(self) -> QObject | None:
        """台账 → 导出台账…: any ledger, any period, PDF or Excel, in a separate process."""
        from .ledgers import export_ledger_interactively

        return export_ledger_interactively(self, self.db)

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
        db = self.db

        def mark_answered() -> None:
            if hasattr(settings, "mark_demo_offer_answered"):
                settings.mark_demo_offer_answered(db)

        if not wanted:
            run_write(self, lambda _progress: mark_answered())
            return None

        def work(progress: ProgressFn) -> int:
            mark_answered()
            return int(demo.load_demo(db, visits=200, seed=1, progress=progress))

        def done(count: int) -> None:
            self.show_status(f"已载入演示数据：{count} 条登记")

        self.demo_operation = run_write(
            self,
            work,
            topics=(hub_topics.ALL,),
            on_success=done,
            on_failure=lambda exc: errors.show_error(self, exc, title="演示数据未载入"),
            on_cancelled=lambda: self.show_status("已取消载入演示数据"),
            label="正在载入演示数据…",
            maximum=200,
            cancellable=True,
        )
        return self.demo_operation

    # --- help -----------------------------------------------------------------------------------------
    def about(self) -> None:
        """帮助 → 关于 (see :mod:`about`)."""
        from .about import show_about

        show_about(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.replaced:  # a restore replaced its file and a new window took its place
            self.stop_watching()
            gc.unfreeze()  # what the window froze may be collected again
            event.accept()
            return
        if not all(tab.can_close() for tab in self.tab_pages):
            event.ignore()
            return
        # Stop exports at their next step (nothing half-written is left behind: the
        # services write to a temporary file) and let saves finish.
        for operation in operations.active_operations():
            operation.cancel()
        operations.wait_for_all(15_000)
        backups.backup_on_exit(self)
        window_state.save_window(self)
        self.stop_watching()
        gc.unfreeze()  # what the window froze may be collected again
        event.accept()
