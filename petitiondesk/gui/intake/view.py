"""The 来访登记 tab's widgets and what they show (:class:`IntakeView`); what the clerk does
with them is in :mod:`.tab`.

Above: the form (:mod:`.form`) and, at its right, the panel of known petitioners and
possible repeat visits (:mod:`.repeats`). Below: the register — one day's entries or a
search (:mod:`.search`) — and under it the selected case: its state, the 15-day limit to
tell the petitioner whether the matter is accepted, and what can be done with it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDateEdit,
    QDialog,
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
    cases,
)
from petitiondesk.services.acceptance import PendingAcceptance, PendingNotices
from petitiondesk.services.cases import CaseRow
from petitiondesk.store.db import Database

from ..signals import DataHub
from ..tab import Tab
from ..widgets.dates import to_date
from ..widgets.field_messages import ERROR_COLOR
from ..widgets.tables import make_table, set_widths
from .acceptance_dialog import DECIDED, can_decide, due_text
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
from .cluster_hint import ClusterHint
from .form import IntakeForm
from .repeats import RepeatBanner, RepeatPanel
from .search import SearchControls

PRINT_HINT_NONE = "请先在下方列表中选中一条登记（或先保存一条登记）"
MSG_NOT_SAVED = "登记未保存，请按标红的提示修改"
NO_SELECTION = "选中一条登记后，可打印登记单、作出受理决定、记录接谈、管理附件"
# The register list below the form never gets less than this (pixels).
MIN_LIST_HEIGHT = 180
# The 查重 panel beside the form (pixels).
PANEL_WIDTH = 330
# Cases due within this many days are shown in red (until the office's setting is read).
DUE_SOON_DAYS = 3
WARN_COLOR = "#b45309"


class IntakeView(Tab):
    """The form, the 查重 panel, the register and the selected case (no writes here)."""

    def __init__(self, db: Database, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(db, hub, parent)
        self.pending: dict[str, PendingAcceptance] = {}
        self.notices: PendingNotices | None = None
        self.pending_dialog: QDialog | None = None
        self._kept_selection: str | None = None
        self._before_panel: QWidget | None = None
        self._build()

    # --- construction ------------------------------------------------------------------------
    def _build(self) -> None:
        self._build_form_panel()
        header = self._build_register_header()
        self._build_register_table()
        case_bar = self._build_case_bar()
        self._lay_out(header, case_bar)
        self._update_list_labels()
        self._update_case_bar()

    def _build_form_panel(self) -> None:
        """The form with 保存登记 / 清空 under it, and the 查重 panel at its right."""
        self.form = IntakeForm(self.db)
        self.repeat_panel = RepeatPanel()
        self.repeat_banner = RepeatBanner()
        self.cluster_hint = ClusterHint()  # above the 查重 list: the cluster joined
        panel_layout = self.repeat_panel.layout()
        assert isinstance(panel_layout, QVBoxLayout)
        panel_layout.insertWidget(1, self.cluster_hint)

        self.save_button = QPushButton("保存登记 (Ctrl+S)")
        self.save_button.setObjectName("save_button")
        self.save_button.setToolTip("检查并保存本条登记，分配登记号")
        self.clear_button = QPushButton("清空")
        self.clear_button.setToolTip("清空表单，登记下一位（保留渠道、接待人、值班领导）")
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

    def _build_register_header(self) -> QHBoxLayout:
        """The register's title, counts, 待告知, the day shown and the search."""
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
        return header

    def _build_register_table(self) -> None:
        """The register: one day, or the results of a search."""
        today = date.today()
        self.model = CaseTableModel(self.db, day_from=today, day_to=today, parent=self, load=False)
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

    def _build_case_bar(self) -> QHBoxLayout:
        """The selected case and what can be done with it."""
        self.case_info = QLabel(NO_SELECTION)
        self.case_info.setObjectName("case_info")
        self.case_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.due_label = QLabel()
        self.due_label.setObjectName("due_label")
        self.print_button = QPushButton("打印登记单 (Ctrl+P)")
        self.print_button.setObjectName("print_button")
        self.accept_action = self.tab_action("受理决定(&J)…", "Ctrl+J")
        self.notice_action = self.tab_action("打印告知书(&G)…", None)
        self.conversation_action = self.tab_action("接谈记录(&T)…", "Ctrl+T")
        self.attachments_action = self.tab_action("附件(&U)…", "Ctrl+U")
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
        return case_bar

    def _lay_out(self, header: QHBoxLayout, case_bar: QHBoxLayout) -> None:
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

    def fit_form(self) -> None:
        """Give the form the height it needs (messages under fields included); the list
        keeps at least :data:`MIN_LIST_HEIGHT`."""
        self.form_panel.adjustSize()
        needed = self.form_panel.sizeHint().height() + 2
        total = sum(self.splitter.sizes()) or self.splitter.height()
        top = max(min(needed, total - MIN_LIST_HEIGHT), 0)
        self.splitter.setSizes([top, max(total - top, 0)])

    def shown_day(self) -> date:
        return to_date(self.day.date())

    def _update_list_labels(self) -> None:
        if self.model.query is not None:
            self.list_title.setText("查询结果")
            self.count_label.setText(
                "正在查询…" if self.model.loading else f"共 {self.model.total_text} 条"
            )
            return
        day = self.shown_day()
        if day == date.today():
            self.list_title.setText("今日登记")
        else:
            self.list_title.setText(f"{day.year}年{day.month}月{day.day}日登记")
        self.count_label.setText(f"共 {self.model.total} 条")

    def _show_pending_count(self, notices: PendingNotices) -> None:
        rows, soon_days = notices.rows, notices.due_soon_days
        overdue, soon = notices.overdue, notices.due_soon
        text = f"待告知 {len(rows)} 件"
        if overdue:
            text += f"（超期 {overdue}）"
        elif soon:
            text += f"（{soon_days}天内到期 {soon}）"
        self.pending_button.setText(text)
        color = ERROR_COLOR if overdue else WARN_COLOR if soon or rows else "#555"
        self.pending_button.setStyleSheet(f"color: {color}; font-weight: bold; padding: 0 4px;")
        lines = ["尚未作出受理决定、须在期限内书面告知的事项（单击按期限列出）："]
        for row in rows[:8]:
            lines.append(
                f"{row.register_no} {row.name} {due_text(row.acceptance_due, row.days_remaining)}"
            )
        if len(rows) > 8:
            lines.append(f"……共 {len(rows)} 件")
        self.pending_button.setToolTip("\n".join(lines))
        self.pending_button.setEnabled(bool(rows))

    def selected_case(self) -> CaseRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        case = rows[0].data(CASE_ROW_ROLE)
        return case if isinstance(case, CaseRow) else None

    def selected_register_no(self) -> str | None:
        case = self.selected_case()
        return case.register_no if case is not None else None

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
        soon_days = self.notices.due_soon_days if self.notices is not None else DUE_SOON_DAYS
        urgent = left is not None and left <= soon_days
        self.due_label.setStyleSheet(f"color: {ERROR_COLOR if urgent else WARN_COLOR};")

    def can_print(self) -> bool:
        return self.selected_register_no() is not None

    # --- keyboard ------------------------------------------------------------------------------
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

    def focus_results(self) -> None:
        """Into the list, on its first row (or the row already selected)."""
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.model.rowCount() and self.selected_register_no() is None:
            self.table.selectRow(0)
        if self.model.query is not None:
            total = self.model.total
            self.status_message.emit(
                f"找到 {self.model.total_text} 条，回车打开登记单"
                if total
                else "没有找到符合条件的登记"
            )

    def focus_find(self) -> None:
        """Ctrl+F: to the search box."""
        self.find_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_box.selectAll()
