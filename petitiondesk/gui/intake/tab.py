"""The 来访登记 tab: the intake form and its 查重 panel above, the register below.

Above: the form (:mod:`intake_form`) and, at its right, the panel of known petitioners
and possible repeat visits (:mod:`intake_repeats`), filled while the clerk types.

Below: the register — one day's entries, or, as soon as something is typed in the search
box or a filter is set (:mod:`intake_search`), the matching entries of the whole
register, searched in the background. Under the list, the selected case: its state and
the 15-day limit to tell the petitioner whether the matter is accepted, and what can be
done with it — 打印登记单 (Ctrl+P), 受理决定… (Ctrl+J), 打印告知书, 接谈记录… (Ctrl+T),
附件… (Ctrl+U). The header counts the cases still waiting for the acceptance notice
(待告知); clicking it lists them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from petitiondesk.core.enums import CaseStatus, Channel
from petitiondesk.services import (
    acceptance,
    cases,
    conversations,
    intake,
    notices,
    repeats,
    settings,
)
from petitiondesk.services.acceptance import AcceptanceOutcome, PendingAcceptance
from petitiondesk.services.cases import CaseRow, Choice
from petitiondesk.services.intake import RegisteredVisit, VisitInput
from petitiondesk.services.repeats import RepeatLink
from petitiondesk.services.result import Result
from petitiondesk.store.db import Database

from .. import errors, prompts
from .. import signals as hub_topics
from ..operations import Operation, ProgressFn, run_in_background, run_write
from ..signals import DataHub
from ..tab import Tab, TabMenu
from ..widgets.dates import to_date, to_qdate
from ..widgets.field_messages import ERROR_COLOR
from ..widgets.print_preview import PrintPreviewDialog, open_pdf_preview, open_print_preview
from ..widgets.tables import make_table, set_widths
from .acceptance_dialog import DECIDED, NOTICE_TITLES, AcceptanceDialog, can_decide, due_text
from .attachments_panel import AttachmentsDialog
from .case_table_model import (
    CASE_ROW_ROLE,
    COL_CATEGORY,
    COL_CHANNEL,
    COL_FLAGS,
    COL_NAME,
    COL_PEOPLE,
    COL_REGISTER_NO,
    COL_STATUS,
    COL_SUMMARY,
    COL_TIME,
    CaseTableModel,
)
from .conversation_dialog import ConversationDialog
from .form import IntakeForm
from .repeats import RepeatBanner, RepeatPanel, RepeatWatcher
from .search import SearchControls

PRINT_HINT_NONE = "请先在下方列表中选中一条登记（或先保存一条登记）"
MSG_NOT_SAVED = "登记未保存，请按标红的提示修改"
NO_SELECTION = "选中一条登记后，可打印登记单、作出受理决定、记录接谈、管理附件"
# The register list below the form never gets less than this (pixels).
MIN_LIST_HEIGHT = 180
# The 查重 panel beside the form (pixels).
PANEL_WIDTH = 330
# Cases due within this many days are shown in red.
DUE_SOON_DAYS = 3
WARN_COLOR = "#b45309"


SaveOutcome = tuple[Result[RegisteredVisit], Result[RepeatLink] | None]


class IntakeTab(Tab):
    """Registers visits and letters; lists and searches the register; decides acceptance."""

    title = "来访登记"
    key = "intake"
    topics = (hub_topics.CASES, hub_topics.REFERENCE)

    def __init__(self, db: Database, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(db, hub, parent)
        self.save_operation: Operation | None = None
        self.print_operation: Operation | None = None
        self.pending_operation: Operation | None = None
        self.preview: PrintPreviewDialog | None = None
        self.acceptance_dialog: AcceptanceDialog | None = None
        self.conversation_dialog: ConversationDialog | None = None
        self.attachments_dialog: AttachmentsDialog | None = None
        self.last_saved: RegisteredVisit | None = None
        #: Where attachments are copied (None: the user's data folder).
        self.attachments_dir: Path | None = None
        self.pending: dict[str, PendingAcceptance] = {}
        self.leaders: tuple[Choice, ...] = ()
        self.default_officer = ""
        self._focus_results = False
        self._sized = False
        self._pending_generation = 0
        self._build()
        self._build_menu_actions()
        self.reload_reference()
        self.load_pending()

    # --- construction ------------------------------------------------------------------------
    def _build(self) -> None:
        self.form = IntakeForm(self.db)
        self.repeat_panel = RepeatPanel()
        self.repeat_banner = RepeatBanner()
        self.watcher = RepeatWatcher(
            self.db, self.form, self.repeat_panel, self.repeat_banner, self
        )

        self.save_button = QPushButton("保存登记 (Ctrl+S)")
        self.save_button.setObjectName("save_button")
        self.save_button.setToolTip("检查并保存本条登记，分配登记号")
        self.clear_button = QPushButton("清空")
        self.clear_button.setToolTip("清空表单，登记下一位（保留渠道、接待人、值班领导）")
        self.save_button.clicked.connect(self.save)
        self.clear_button.clicked.connect(self.clear_form)
        for button in (self.save_button, self.clear_button):
            button.setMinimumHeight(30)
        self.save_button.setStyleSheet("font-weight: bold;")

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 2, 0, 0)
        buttons.addWidget(self.repeat_banner)
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.save_button)

        form_panel = QWidget()
        form_layout = QVBoxLayout(form_panel)
        form_layout.setContentsMargins(8, 8, 8, 4)
        form_layout.addWidget(self.form)
        form_layout.addLayout(buttons)
        form_layout.addStretch(1)
        self.form_panel = form_panel
        scroll = QScrollArea()
        scroll.setWidget(form_panel)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll = scroll

        self.top_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.top_splitter.addWidget(scroll)
        self.top_splitter.addWidget(self.repeat_panel)
        self.top_splitter.setStretchFactor(0, 1)
        self.top_splitter.setStretchFactor(1, 0)
        self.top_splitter.setCollapsible(0, False)
        self.repeat_panel.setMinimumWidth(220)
        self.top_splitter.setSizes([1000, PANEL_WIDTH])

        # The register: one day, or a search.
        self.list_title = QLabel()
        self.list_title.setStyleSheet("font-weight: bold;")
        self.day = QDateEdit(QDate.currentDate())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setToolTip("显示哪一天的登记")
        self.today_button = QPushButton("今天")
        self.search = SearchControls(self)
        self.find_box = self.search.box
        self.count_label = QLabel()
        self.pending_button = QPushButton("待告知")
        self.pending_button.setObjectName("pending_button")
        self.pending_button.setFlat(True)
        self.pending_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.pending_button.clicked.connect(self.show_pending)
        self.day.dateChanged.connect(self._day_changed)
        self.today_button.clicked.connect(self.show_today)
        self.search.changed.connect(self.apply_search)
        self.search.submitted.connect(self._search_submitted)
        to_panel = QShortcut(QKeySequence(Qt.Key.Key_F4), self)
        to_panel.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        to_panel.activated.connect(self.focus_repeat_panel)
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.repeat_panel.list)
        back.setContext(Qt.ShortcutContext.WidgetShortcut)
        back.activated.connect(self._back_from_panel)
        self._before_panel: QWidget | None = None
        to_list = QShortcut(QKeySequence(Qt.Key.Key_Down), self.find_box)
        to_list.setContext(Qt.ShortcutContext.WidgetShortcut)
        to_list.activated.connect(self.focus_results)

        header = QHBoxLayout()
        header.setContentsMargins(8, 4, 8, 0)
        header.addWidget(self.list_title)
        header.addSpacing(12)
        header.addWidget(self.count_label)
        header.addSpacing(12)
        header.addWidget(self.pending_button)
        header.addStretch(1)
        header.addWidget(QLabel("日期"))
        header.addWidget(self.day)
        header.addWidget(self.today_button)
        header.addSpacing(12)
        header.addWidget(self.find_box)
        header.addWidget(self.search.filter_button)

        today = date.today()
        self.model = CaseTableModel(self.db, day_from=today, day_to=today, parent=self)
        self.table = make_table(self.model, stretch=COL_SUMMARY, row_metrics=self.fontMetrics())
        set_widths(
            self.table,
            {
                COL_REGISTER_NO: 110,
                COL_TIME: 120,
                COL_CHANNEL: 50,
                COL_NAME: 80,
                COL_PEOPLE: 50,
                COL_CATEGORY: 80,
                COL_STATUS: 80,
                COL_FLAGS: 130,
            },
        )
        self.table.activated.connect(self._row_activated)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._kept_selection: str | None = None
        self.model.modelAboutToBeReset.connect(self._keep_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.model.modelReset.connect(self._update_list_labels)
        self.model.modelReset.connect(self._selection_changed)
        self.model.rowsInserted.connect(self._update_list_labels)
        self.model.search_finished.connect(self._search_done)
        self.model.search_failed.connect(lambda exc: errors.show_error(self, exc, title="搜索失败"))

        # The selected case and what can be done with it.
        self.case_info = QLabel(NO_SELECTION)
        self.case_info.setObjectName("case_info")
        self.case_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.due_label = QLabel()
        self.due_label.setObjectName("due_label")
        self.print_button = QPushButton("打印登记单 (Ctrl+P)")
        self.print_button.setObjectName("print_button")
        self.print_button.clicked.connect(self.print_selected)
        self.accept_action = self.tab_action("受理决定(&J)…", "Ctrl+J", self.decide_acceptance)
        self.notice_action = self.tab_action("打印告知书(&G)…", None, self.print_notice)
        self.conversation_action = self.tab_action(
            "接谈记录(&T)…", "Ctrl+T", self.edit_conversation
        )
        self.attachments_action = self.tab_action("附件(&U)…", "Ctrl+U", self.show_attachments)
        self.accept_button = self._action_button(self.accept_action, "受理决定… (Ctrl+J)")
        self.notice_button = self._action_button(self.notice_action, "打印告知书")
        self.conversation_button = self._action_button(
            self.conversation_action, "接谈记录… (Ctrl+T)"
        )
        self.attachments_button = self._action_button(self.attachments_action, "附件… (Ctrl+U)")
        case_bar = QHBoxLayout()
        case_bar.setContentsMargins(8, 2, 8, 4)
        case_bar.addWidget(self.case_info)
        case_bar.addSpacing(10)
        case_bar.addWidget(self.due_label)
        case_bar.addStretch(1)
        for button in (
            self.print_button,
            self.accept_button,
            self.notice_button,
            self.conversation_button,
            self.attachments_button,
        ):
            case_bar.addWidget(button)

        list_panel = QWidget()
        list_layout = QVBoxLayout(list_panel)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.setSpacing(4)
        list_layout.addLayout(header)
        list_layout.addWidget(self.search.filters)
        list_layout.addWidget(self.table, 1)
        list_layout.addLayout(case_bar)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.top_splitter)
        self.splitter.addWidget(list_panel)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        QWidget.setTabOrder(self.form.duty_leader, self.save_button)
        QWidget.setTabOrder(self.save_button, self.clear_button)
        QWidget.setTabOrder(self.clear_button, self.repeat_panel.list)
        QWidget.setTabOrder(self.repeat_panel.list, self.day)
        self.form.layout_changed.connect(lambda: QTimer.singleShot(0, self.fit_form))
        self._update_list_labels()
        self._update_case_bar()

    def _build_menu_actions(self) -> None:
        """新登记, 保存, 打印登记单, 查找 (the window's 登记 menu; they show the tab)."""
        self.new_action = self.menu_action(
            "新登记(&N)", self.new_visit, "Ctrl+N", "清空表单，登记下一位"
        )
        self.save_action = self.menu_action("保存(&S)", self.save, "Ctrl+S", "保存本条登记")
        self.print_action = self.menu_action(
            "打印登记单(&P)…", self.print_selected, "Ctrl+P", "预览并打印选中的来访登记单"
        )
        self.find_action = self.menu_action(
            "查找(&F)", self.focus_find, "Ctrl+F", "按姓名、身份证号、电话、登记号或内容搜索登记"
        )

    def menus(self) -> list[TabMenu]:
        register = (self.new_action, self.save_action, self.print_action, self.find_action)
        return [TabMenu("登记(&R)", (register, self.case_actions()), rank=1)]

    def update_actions(self) -> None:
        for action in (self.new_action, self.save_action, self.find_action):
            action.setEnabled(self.current)
        self.print_action.setEnabled(self.current and self.can_print())

    def can_close(self) -> bool:
        return not self.form.is_dirty() or prompts.confirm(
            self, "退出", "表单中还有未保存的登记内容，确定退出吗？"
        )

    @staticmethod
    def _action_button(action: QAction, text: str) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(action.trigger)
        return button

    def case_actions(self) -> list[QAction]:
        """What can be done with the selected case (the main window's 登记 menu lists them)."""
        return [
            self.accept_action,
            self.notice_action,
            self.conversation_action,
            self.attachments_action,
        ]

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:  # first show: the form gets the room it needs
            self._sized = True
            self.fit_form()
        self.watcher.resume()

    def hideEvent(self, event: QHideEvent) -> None:
        self.watcher.pause()  # no look-ups while another tab is shown or the window closes
        super().hideEvent(event)

    def fit_form(self) -> None:
        """Give the form the height it needs (messages under fields included); the list
        keeps at least :data:`MIN_LIST_HEIGHT`."""
        self.form_panel.adjustSize()
        needed = self.form_panel.sizeHint().height() + 2
        total = sum(self.splitter.sizes()) or self.splitter.height()
        top = max(min(needed, total - MIN_LIST_HEIGHT), 0)
        self.splitter.setSizes([top, max(total - top, 0)])

    def focus_repeat_panel(self) -> None:
        """F4: to the 查重 panel (Enter there chooses; Esc goes back to the form)."""
        panel = self.repeat_panel
        choices = panel.petitioner_items() + panel.case_items()
        if not choices:
            self.status_message.emit("查重面板中暂无可选的档案或事项")
            return
        focused = QApplication.focusWidget()
        if focused is not panel.list:
            self._before_panel = focused
        if panel.list.currentItem() not in choices:
            panel.list.setCurrentItem(choices[0])
        panel.list.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _back_from_panel(self) -> None:
        target = self._before_panel or self.form.id_number
        self._before_panel = None
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # --- reference data and refresh ------------------------------------------------------------
    def reload_reference(self) -> None:
        ref = cases.reference_data(self.db)
        self.form.set_reference(ref)
        self.form.set_rules(settings.group_visit_rules(self.db))
        self.search.set_categories(ref.categories)
        self.leaders = ref.leaders
        self.default_officer = ref.default_receiving_officer

    def refresh(self, topic: str = hub_topics.ALL) -> None:
        """Reference data: the form's lists and rules; cases: the register and 待告知."""
        if hub_topics.concerns(topic, hub_topics.REFERENCE):
            self.reload_reference()
        if hub_topics.concerns(topic, hub_topics.CASES):
            self.model.refresh()
            self.load_pending()

    def _day_changed(self, value: QDate) -> None:
        day = to_date(value)
        if self.search.is_active():
            self.search.clear(quiet=True)
        self.model.set_day_range(day, day)
        self._update_list_labels()

    def shown_day(self) -> date:
        return to_date(self.day.date())

    def show_today(self) -> None:
        """今天: back to today's register (leaves a search)."""
        self.search.clear(quiet=True)
        if self.shown_day() != date.today():
            self.day.setDate(QDate.currentDate())
        else:
            self.model.set_day_range(date.today(), date.today())
            self._update_list_labels()

    def _update_list_labels(self) -> None:
        if self.model.query is not None:
            self.list_title.setText("查询结果")
            self.count_label.setText(
                "正在查询…" if self.model.loading else f"共 {self.model.total} 条"
            )
            return
        day = self.shown_day()
        if day == date.today():
            self.list_title.setText("今日登记")
        else:
            self.list_title.setText(f"{day.year}年{day.month}月{day.day}日登记")
        self.count_label.setText(f"共 {self.model.total} 条")

    # --- the 15-day notices (待告知) -------------------------------------------------------------
    def load_pending(self) -> None:
        """Count the cases still waiting for the acceptance notice (in the background)."""
        self._pending_generation += 1
        generation, db, today = self._pending_generation, self.db, date.today()

        def done(rows: list[PendingAcceptance]) -> None:
            if generation == self._pending_generation:
                self.pending = {row.register_no: row for row in rows}
                self._show_pending_count(rows)
                self._update_case_bar()

        self.pending_operation = run_in_background(
            None,
            lambda _progress: acceptance.pending_acceptance(db, today),
            on_success=done,
            on_failure=lambda exc: errors.show_error(self, exc, title="待告知事项未能统计"),
        )

    def _show_pending_count(self, rows: list[PendingAcceptance]) -> None:
        overdue = sum(1 for row in rows if row.overdue)
        soon = sum(
            1
            for row in rows
            if row.days_remaining is not None and 0 <= row.days_remaining <= DUE_SOON_DAYS
        )
        text = f"待告知 {len(rows)} 件"
        if overdue:
            text += f"（超期 {overdue}）"
        elif soon:
            text += f"（{DUE_SOON_DAYS}天内到期 {soon}）"
        self.pending_button.setText(text)
        color = ERROR_COLOR if overdue or soon else ("#555" if not rows else WARN_COLOR)
        self.pending_button.setStyleSheet(f"color: {color}; font-weight: bold; padding: 0 4px;")
        lines = ["尚未作出受理决定、须在期限内书面告知的事项（单击列出）："]
        for row in rows[:8]:
            lines.append(
                f"{row.register_no} {row.name} {due_text(row.acceptance_due, row.days_remaining)}"
            )
        if len(rows) > 8:
            lines.append(f"……共 {len(rows)} 件")
        self.pending_button.setToolTip("\n".join(lines))
        self.pending_button.setEnabled(bool(rows))

    def show_pending(self) -> None:
        """List the registered cases without an acceptance decision (status 已登记)."""
        self.search.show_status(CaseStatus.REGISTERED)

    # --- search -------------------------------------------------------------------------------
    def apply_search(self) -> None:
        query = self.search.query()
        if query is None:
            day = self.shown_day()
            self.model.set_day_range(day, day)
        else:
            self.model.set_query(query)
        self._update_list_labels()

    def _search_submitted(self) -> None:
        """Enter in the search box: to the results (once they are there)."""
        if self.model.loading:
            self._focus_results = True
        else:
            self.focus_results()

    def _search_done(self) -> None:
        self._update_list_labels()
        if self._focus_results and not self.model.loading:
            self._focus_results = False
            self.focus_results()

    def focus_results(self) -> None:
        """Into the list, on its first row (or the row already selected)."""
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.model.rowCount() and self.selected_register_no() is None:
            self.table.selectRow(0)
        if self.model.query is not None:
            total = self.model.total
            self.status_message.emit(
                f"找到 {total} 条，回车打开登记单" if total else "没有找到符合条件的登记"
            )

    def is_searching(self) -> bool:
        """A search is waiting for its debounce or loading (tests wait on this)."""
        return self.search.pending() or self.model.loading

    # --- selection ----------------------------------------------------------------------------
    def selected_case(self) -> CaseRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        case = rows[0].data(CASE_ROW_ROLE)
        return case if isinstance(case, CaseRow) else None

    def selected_register_no(self) -> str | None:
        case = self.selected_case()
        return case.register_no if case is not None else None

    def select_case(self, register_no: str, day: date | None = None) -> bool:
        """Show ``day``'s register (if given; leaves a search) and select ``register_no``."""
        if day is not None:
            if self.search.is_active():
                self.search.clear(quiet=True)
            if day != self.shown_day():
                self.day.setDate(to_qdate(day))
            else:
                self.model.set_day_range(day, day)
                self._update_list_labels()
        row = self.model.row_of(register_no)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.NoUpdate
        )
        self.table.scrollTo(index)
        return True

    def _keep_selection(self) -> None:
        self._kept_selection = self.selected_register_no()

    def _restore_selection(self) -> None:
        """A refresh keeps the selected case selected if it is still listed."""
        number, self._kept_selection = self._kept_selection, None
        row = self.model.row_of(number, fetch=False) if number else None
        if row is not None:
            self.table.selectRow(row)

    def _selection_changed(self) -> None:
        self._update_case_bar()
        self.selection_changed.emit()

    def _update_case_bar(self) -> None:
        case = self.selected_case()
        self.print_button.setEnabled(case is not None)
        self.print_button.setToolTip(
            f"预览并打印 {case.register_no} 的来访登记单（Ctrl+P）" if case else PRINT_HINT_NONE
        )
        if case is None:
            self.case_info.setText(NO_SELECTION)
            self.case_info.setStyleSheet("color: #666;")
            self.due_label.setText("")
            for action in self.case_actions():
                action.setEnabled(False)
        else:
            self.case_info.setStyleSheet("")
            self.case_info.setText(
                f"<b>{case.register_no}</b> {case.name} · {case.channel.label} · "
                f"{case.status.label}"
            )
            self._show_due(case)
            self.accept_action.setEnabled(can_decide(case.status))
            self.accept_action.setToolTip(
                "更正受理决定（原告知书作废）"
                if case.status in DECIDED
                else "作出受理决定"
                if can_decide(case.status)
                else f"该事项已进入“{case.status.label}”阶段，不能再作受理决定"
            )
            self.notice_action.setEnabled(case.status is not CaseStatus.REGISTERED)
            self.conversation_action.setEnabled(case.channel is Channel.VISIT)
            self.attachments_action.setEnabled(True)
        for action, button in (
            (self.accept_action, self.accept_button),
            (self.notice_action, self.notice_button),
            (self.conversation_action, self.conversation_button),
            (self.attachments_action, self.attachments_button),
        ):
            button.setEnabled(action.isEnabled())
        if case is not None and case.channel is not Channel.VISIT:
            self.conversation_button.setToolTip(
                f"接谈记录只用于走访登记（本事项为{case.channel.label}）"
            )
        else:
            self.conversation_button.setToolTip("领导接谈的记录，可打印（Ctrl+T）")

    def _show_due(self, case: CaseRow) -> None:
        """The 15-day notice limit of an undecided case, and how much of it is left."""
        if case.status is not CaseStatus.REGISTERED:
            self.due_label.setText("")
            return
        pending = self.pending.get(case.register_no)
        if pending is not None:
            due, left = pending.acceptance_due, pending.days_remaining
        else:
            detail = cases.case_detail(self.db, case.register_no)
            due = detail.acceptance_due if detail is not None else None
            left = (due - date.today()).days if due is not None else None
        self.due_label.setText(due_text(due, left))
        urgent = left is not None and left <= DUE_SOON_DAYS
        self.due_label.setStyleSheet(f"color: {ERROR_COLOR if urgent else WARN_COLOR};")

    def can_print(self) -> bool:
        return self.selected_register_no() is not None

    # --- saving -------------------------------------------------------------------------------
    def is_saving(self) -> bool:
        return self.save_operation is not None and not self.save_operation.done

    def save(self) -> None:
        """保存登记: check and save in the background; messages under the fields on failure.
        A repeat chosen in the 查重 panel is linked right after a good save."""
        if self.is_saving():
            return
        self.form.clear_messages()
        data, problems = self.form.collect()
        if data is None:
            self.form.show_errors(problems)
            self.fit_form()
            self.status_message.emit(MSG_NOT_SAVED)
            return
        self.save_button.setEnabled(False)
        db, actor = self.db, self.actor()
        earlier = self.form.repeat_of

        def work(_progress: ProgressFn) -> SaveOutcome:
            result = intake.register_visit(db, data, actor=actor)
            link: Result[RepeatLink] | None = None
            if result.ok and result.value is not None and earlier is not None:
                link = repeats.link_repeat(
                    db, result.value.petition_id, earlier.petition_id, actor=actor
                )
            return result, link

        operation = run_write(
            self,
            work,
            topics=(hub_topics.CASES,),
            succeeded=lambda outcome: outcome[0].ok and outcome[0].value is not None,
            on_success=lambda outcome: self._saved(data, outcome),
            on_refused=lambda outcome: self._saved(data, outcome),
            on_failure=self._save_failed,
            label="正在保存…",
        )
        operation.finished.connect(lambda: self.save_button.setEnabled(True))
        self.save_operation = operation

    def _saved(self, data: VisitInput, outcome: SaveOutcome) -> None:
        result, link = outcome
        if not result.ok or result.value is None:
            self.form.show_errors(result.errors)
            self.fit_form()
            self.status_message.emit(MSG_NOT_SAVED)
            return
        visit = result.value
        self.last_saved = visit
        message = result.message or f"已登记，登记号 {visit.register_no}"
        if visit.reused_petitioner:
            message += "（来访人已有档案）"
        if link is not None and link.ok and link.value is not None:
            message += f"；已关联为 {link.value.repeat_of_register_no} 的重复访"
        if visit.acceptance_due is not None:
            message += f"；告知是否受理期限 {visit.acceptance_due:%Y-%m-%d}"
        if visit.acceptance_due_uncovered:
            message += "（节假日数据未覆盖，请核对）"
        self.status_message.emit(message)
        self.form.clear_for_next()
        self.watcher.reset()
        self.fit_form()
        self.select_case(visit.register_no, data.received_at.date())
        self.form.focus_first()
        if link is not None and not link.ok:
            errors.show_error(
                self,
                f"已登记 {visit.register_no}，但未能关联为重复访：{link.message}",
                title="重复访未关联",
            )

    def _save_failed(self, exc: BaseException) -> None:
        # Nothing typed is lost: the form keeps its content.
        self.status_message.emit("登记未保存")
        errors.show_error(self, exc, title="登记未保存")

    # --- clearing -----------------------------------------------------------------------------
    def clear_form(self) -> bool:
        """清空 (asks first if something was typed). True if the form is now empty."""
        if self.form.is_dirty() and not prompts.confirm(
            self, "清空表单", "表单中已填写的内容将被清除，确定清空吗？"
        ):
            return False
        self.form.clear_for_next()
        self.watcher.reset()
        self.fit_form()
        self.form.focus_first()
        return True

    def new_visit(self) -> None:
        """新登记 (Ctrl+N)."""
        self.clear_form()

    # --- printing -----------------------------------------------------------------------------
    def print_selected(self) -> None:
        """打印登记单: preview the selected case (the one just saved is selected)."""
        number = self.selected_register_no()
        if number is None:
            self.status_message.emit(PRINT_HINT_NONE)
            return
        self.open_preview(number)

    def _opened(self, dialog: PrintPreviewDialog) -> None:
        self.preview = dialog
        dialog.destroyed.connect(lambda: setattr(self, "preview", None))

    def open_preview(self, register_no: str) -> Operation:
        self.print_operation = open_print_preview(self, self.db, register_no, on_open=self._opened)
        return self.print_operation

    def open_notice_preview(self, register_no: str, title: str = "告知书") -> Operation:
        """The acceptance notice of ``register_no`` (两联) in the print preview."""
        db, actor = self.db, self.actor()

        def produce(out: Path) -> Result[Path]:
            return notices.print_acceptance_notice(db, register_no, out, actor=actor)

        self.print_operation = open_pdf_preview(
            self,
            produce,
            file_name=f"{title}-{register_no}.pdf",
            title=f"{title} {register_no}",
            label=f"正在生成{title}…",
            on_open=self._opened,
        )
        return self.print_operation

    def open_conversation_preview(self, register_no: str) -> Operation:
        """The 接谈记录 of ``register_no`` in the print preview."""
        db = self.db

        def produce(out: Path) -> Result[Path]:
            return notices.print_conversation_record(db, register_no, out)

        self.print_operation = open_pdf_preview(
            self,
            produce,
            file_name=f"接谈记录-{register_no}.pdf",
            title=f"接谈记录 {register_no}",
            label="正在生成接谈记录…",
            on_open=self._opened,
        )
        return self.print_operation

    def _row_activated(self, index: QModelIndex) -> None:
        case = index.data(CASE_ROW_ROLE)
        if case is not None:
            self.open_preview(case.register_no)

    # --- acceptance ---------------------------------------------------------------------------
    def decide_acceptance(self) -> AcceptanceDialog | None:
        """受理决定… for the selected case (a decided one: correct it)."""
        case = self.selected_case()
        if case is None:
            self.status_message.emit(PRINT_HINT_NONE)
            return None
        if not can_decide(case.status):
            self.status_message.emit(
                f"{case.register_no} 已进入“{case.status.label}”阶段，不能再作受理决定"
            )
            return None
        dialog = AcceptanceDialog(
            self.db,
            case,
            self.leaders,
            actor=self.actor(),
            due=self.due_label.text(),
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.decided.connect(self._decided)
        dialog.print_requested.connect(self.open_notice_preview)
        dialog.destroyed.connect(lambda: setattr(self, "acceptance_dialog", None))
        self.acceptance_dialog = dialog
        dialog.open()
        return dialog

    def _decided(self, outcome: AcceptanceOutcome) -> None:
        self.select_case(outcome.register_no)
        text = f"{outcome.register_no} {outcome.decision.label}，告知书文号 {outcome.notice_no}"
        if outcome.forward_due is not None:
            text += f"；请于 {outcome.forward_due.isoformat()} 前转送"
        self.status_message.emit(text)

    def print_notice(self) -> Operation | None:
        """打印告知书 of the selected (decided) case."""
        case = self.selected_case()
        if case is None or case.status is CaseStatus.REGISTERED:
            self.status_message.emit("请先选中一条已作出受理决定的登记")
            return None
        decision = DECIDED.get(case.status)
        title = NOTICE_TITLES[decision] if decision is not None else "告知书"
        return self.open_notice_preview(case.register_no, title)

    # --- conversation record --------------------------------------------------------------------
    def edit_conversation(self) -> ConversationDialog | None:
        """接谈记录… of the selected visit (an existing record is corrected)."""
        case = self.selected_case()
        if case is None:
            self.status_message.emit(PRINT_HINT_NONE)
            return None
        if case.channel is not Channel.VISIT:
            self.status_message.emit(
                f"接谈记录只用于走访登记（{case.register_no} 为{case.channel.label}）"
            )
            return None
        dialog = ConversationDialog(
            self.db,
            case,
            self.leaders,
            actor=self.actor(),
            record=conversations.conversation_record(self.db, case.register_no),
            recorder=case.receiving_officer or self.default_officer,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(
            lambda info: self.status_message.emit(f"已保存 {info.register_no} 的接谈记录")
        )
        dialog.print_requested.connect(self.open_conversation_preview)
        dialog.destroyed.connect(lambda: setattr(self, "conversation_dialog", None))
        self.conversation_dialog = dialog
        dialog.open()
        return dialog

    # --- attachments --------------------------------------------------------------------------
    def show_attachments(self) -> AttachmentsDialog | None:
        case = self.selected_case()
        if case is None:
            self.status_message.emit(PRINT_HINT_NONE)
            return None
        dialog = AttachmentsDialog(
            self.db, case, actor=self.actor(), data_dir=self.attachments_dir, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: setattr(self, "attachments_dialog", None))
        self.attachments_dialog = dialog
        dialog.open()
        return dialog

    # --- finding ------------------------------------------------------------------------------
    def focus_find(self) -> None:
        """Ctrl+F: to the search box."""
        self.find_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_box.selectAll()
