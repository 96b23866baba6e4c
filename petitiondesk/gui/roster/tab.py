"""The 排班 tab: the leaders' reception-day roster of a period, changes, appointments.

Top: the period (month / quarter / year / custom, with 上一期 / 下一期), 生成排班,
打印排班公示, 导出排班 and 领导与接待规则…. Under it the result of the last action
(the generation report with its messages, a change's warnings) and a note when dates
rest on a year whose holidays are not entered (（待核）). Left: the roster. Right: the
selected slot — 替班…, 调换…, 按值班顺序递补, 陪同… (Ctrl+Shift+A), 手工加排…
(Ctrl+Shift+N, starting from the selected slot), 删除时段…, its change history, and its
queue (appointments, then walk-ins) with 预约…, 现场登记…, 取消预约, 打印四卡….

Every write goes through a service off the UI thread (:func:`operations.run_write`, which
tells the data-changed hub: topic :data:`signals.ROSTER`); the tab refreshes on the
hub's signal like every other tab.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from petitiondesk.core.periods import (
    PERIOD_CUSTOM,
    PERIOD_KINDS,
    PERIOD_MONTH,
    PERIOD_QUARTER,
    period_containing,
    period_text,
    shift_period,
)
from petitiondesk.services import appointments, cases, roster
from petitiondesk.services.result import Result
from petitiondesk.services.roster import ChangeOutcome, GenerationReport, RosterRow, Saved
from petitiondesk.services.roster_print import booking_no_of, cards_file_name, roster_file_name
from petitiondesk.store.db import Database

from .. import errors, prompts
from .. import signals as hub_topics
from ..operations import Operation, ProgressFn, run_in_background, run_write
from ..signals import ROSTER, DataHub
from ..tab import Tab, TabMenu
from ..widgets.dates import to_date, to_qdate
from ..widgets.form_dialog import FormDialog
from ..widgets.print_preview import PrintPreviewDialog, open_pdf_preview
from ..widgets.tables import fit_columns, fit_width, make_table
from .dialogs import (
    AccompanyDialog,
    AddSlotDialog,
    BookingDialog,
    ReasonDialog,
    SubstituteDialog,
    SwapDialog,
    WalkInDialog,
)
from .leaders_dialog import LeadersRulesDialog
from .table_model import (
    COL_ACCOMPANY,
    COL_BOOKED,
    COL_DAY,
    COL_FLAGS,
    COL_LEADER,
    COL_PLACE,
    COL_PORTFOLIO,
    COL_TIME,
    COL_TITLE,
    COL_WEEKDAY,
    HISTORY_COL_BY,
    HISTORY_COL_CHANGE,
    HISTORY_COL_KIND,
    HISTORY_COL_REASON,
    HISTORY_COL_TIME,
    ITEM_ROLE,
    QUEUE_COL_CATEGORY,
    QUEUE_COL_NAME,
    QUEUE_COL_PHONE,
    QUEUE_COL_POSITION,
    QUEUE_COL_STATUS,
    QUEUE_COL_SUMMARY,
    QUEUE_COL_TICKET,
    ROSTER_ROW_ROLE,
    HistoryTableModel,
    QueueTableModel,
    RosterTableModel,
    slot_label,
)

HINT_NO_SLOT = "请先在左侧排班表中选中一个接待时段"
HINT_NO_VISITOR = "请先在“预约与排队”中选中一位来访人"
REPORT_OK = "QFrame#report { background: #edf7ed; border: 1px solid #a5d6a7; border-radius: 3px; }"
REPORT_WARN = (
    "QFrame#report { background: #fff8e1; border: 1px solid #ffcc80; border-radius: 3px; }"
)
REPORT_ERROR = (
    "QFrame#report { background: #fdecea; border: 1px solid #ef9a9a; border-radius: 3px; }"
)
NOTICE_STYLE = "color: #b26a00;"
#: The report shows this many messages before it scrolls.
REPORT_MAX_LINES = 4


D = TypeVar("D", bound=FormDialog)
D_co = TypeVar("D_co", bound=FormDialog, covariant=True)


class _SlotDialogClass(Protocol[D_co]):
    """A dialog about one slot of the roster (替班, 调换, 陪同, 现场登记)."""

    def __call__(
        self, db: Database, row: RosterRow, *, actor: str, parent: QWidget | None = None
    ) -> D_co: ...


def _bold(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: bold;")
    return label


class RosterTab(Tab):
    """The duty roster of a period and what is done with its slots."""

    title = "排班"
    key = "roster"
    topics = (ROSTER, hub_topics.REFERENCE)

    def __init__(
        self,
        db: Database,
        hub: DataHub,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(db, hub, parent)
        self.today = today
        self._syncing = False
        self.generate_operation: Operation | None = None
        self.export_operation: Operation | None = None
        self.print_operation: Operation | None = None
        self.preview: PrintPreviewDialog | None = None
        self.dialog: QDialog | None = None
        self.last_report: GenerationReport | None = None
        self._build()
        self._build_menu_actions()

    # --- construction ----------------------------------------------------------------------
    def _build(self) -> None:
        start, end = period_containing(PERIOD_QUARTER, self.today())

        # the period and the period's actions
        self.period_kind = QComboBox()
        for label, kind in PERIOD_KINDS:
            self.period_kind.addItem(label, kind)
        self.period_kind.setCurrentIndex(self.period_kind.findData(PERIOD_QUARTER))
        self.period_kind.setToolTip("按月、按季度或按年排班；自定义时直接修改起止日期")
        self.prev_button = QPushButton("◀ 上一期")
        self.next_button = QPushButton("下一期 ▶")
        self.current_button = QPushButton("本期")
        self.date_from = QDateEdit(to_qdate(start))
        self.date_to = QDateEdit(to_qdate(end))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.period_label = QLabel()
        self.period_label.setStyleSheet("font-weight: bold;")
        self.generate_button = QPushButton("生成排班 (Ctrl+G)")
        self.generate_button.setToolTip(
            "按启用的接待日规则和值班顺序，为本期补齐排班（已有的排班和手工调整保持不变）"
        )
        self.generate_button.setStyleSheet("font-weight: bold;")
        self.print_button = QPushButton("打印排班公示…")
        self.print_button.setToolTip("预览并打印本期的领导接待日安排表（Ctrl+Shift+P）")
        self.export_button = QPushButton("导出排班…")
        self.export_button.setToolTip("把本期排班导出为 Excel 表格")
        self.leaders_button = QPushButton("领导与接待规则…")
        self.leaders_button.setToolTip("领导的值班顺序和分管领域，接待日规则")
        self.period_kind.currentIndexChanged.connect(self._kind_changed)
        self.prev_button.clicked.connect(lambda: self.step_period(-1))
        self.next_button.clicked.connect(lambda: self.step_period(1))
        self.current_button.clicked.connect(self.current_period_clicked)
        self.date_from.dateChanged.connect(self._dates_edited)
        self.date_to.dateChanged.connect(self._dates_edited)
        self.generate_button.clicked.connect(self.generate)
        self.print_button.clicked.connect(self.print_roster)
        self.export_button.clicked.connect(self.export_roster)
        self.leaders_button.clicked.connect(self.manage_leaders)

        top = QHBoxLayout()
        top.setContentsMargins(8, 8, 8, 0)
        top.addWidget(QLabel("期间"))
        top.addWidget(self.period_kind)
        top.addWidget(self.prev_button)
        top.addWidget(self.date_from)
        top.addWidget(QLabel("至"))
        top.addWidget(self.date_to)
        top.addWidget(self.next_button)
        top.addWidget(self.current_button)
        top.addSpacing(8)
        top.addWidget(self.period_label)
        top.addStretch(1)
        top.addWidget(self.generate_button)
        top.addWidget(self.print_button)
        top.addWidget(self.export_button)
        top.addWidget(self.leaders_button)

        # the result of the last action
        self.report = QFrame()
        self.report.setObjectName("report")
        self.report_title = QLabel()
        self.report_title.setWordWrap(True)
        self.report_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report_list = QListWidget()
        self.report_list.setAlternatingRowColors(True)
        self.report_close = QPushButton("关闭")
        self.report_close.setToolTip("关闭这条提示")
        self.report_close.clicked.connect(self.report.hide)
        report_head = QHBoxLayout()
        report_head.addWidget(self.report_title, 1)
        report_head.addWidget(self.report_close, 0, Qt.AlignmentFlag.AlignTop)
        report_layout = QVBoxLayout(self.report)
        report_layout.setContentsMargins(8, 6, 8, 6)
        report_layout.addLayout(report_head)
        report_layout.addWidget(self.report_list)
        self.report.hide()

        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.notice.hide()

        # the roster
        self.model = RosterTableModel(self.db, start, end, parent=self)
        self.table = make_table(self.model, stretch=COL_PORTFOLIO)
        metrics = self.table.fontMetrics()
        fit_columns(
            self.table,
            metrics,
            {
                COL_DAY: "2026-10-12（待核）",
                COL_WEEKDAY: "星期一",
                COL_TIME: "08:30-12:00",
                COL_PLACE: "县信访局一楼接待大厅",
                COL_LEADER: "张建国",
                COL_TITLE: "纪检组长",
                COL_ACCOMPANY: "县人社局 王建军",  # 陪同… sets it
                COL_BOOKED: "10/12 +现场2",
                COL_FLAGS: "手工调整",
            },
        )
        self.table.horizontalHeader().setMinimumSectionSize(fit_width(metrics, "星期"))
        self.table.setToolTip("Enter：为选中的接待时段预约来访人")
        self.table.activated.connect(self._row_activated)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.count_label = QLabel()

        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.table, 1)
        left.addWidget(self.count_label)
        left_box = QWidget()
        left_box.setLayout(left)

        # the selected slot
        self.slot_title = QLabel(HINT_NO_SLOT)
        self.slot_title.setWordWrap(True)
        self.slot_title.setStyleSheet("font-weight: bold;")
        self.slot_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.substitute_button = QPushButton("替班…")
        self.substitute_button.setToolTip("由另一位领导接待该时段")
        self.swap_button = QPushButton("调换…")
        self.swap_button.setToolTip("与另一位领导的接待时段互换")
        self.fill_button = QPushButton("按值班顺序递补")
        self.fill_button.setToolTip("由值班顺序中的下一位有空的领导接待该时段")
        self.remove_button = QPushButton("删除时段…")
        self.remove_button.setToolTip("删除没有预约的接待时段（如改为节假日的日期）")
        self.accompany_action = self.tab_action("陪同(&A)…", "Ctrl+Shift+A", self.accompany)
        self.add_slot_action = self.tab_action("手工加排(&M)…", "Ctrl+Shift+N", self.add_slot)
        self.accompany_button = QPushButton("陪同…")
        self.accompany_button.setToolTip("设置陪同领导接访的职能部门和人员（Ctrl+Shift+A）")
        self.add_slot_button = QPushButton("手工加排…")
        self.add_slot_button.setToolTip(
            "在接待日规则之外加排一个接待时段，默认取选中时段的日期、时间和地点（Ctrl+Shift+N）"
        )
        self.substitute_button.clicked.connect(self.substitute)
        self.swap_button.clicked.connect(self.swap)
        self.fill_button.clicked.connect(self.fill_next)
        self.accompany_button.clicked.connect(self.accompany_action.trigger)
        self.add_slot_button.clicked.connect(self.add_slot_action.trigger)
        self.remove_button.clicked.connect(self.remove_slot)
        change_row = QHBoxLayout()
        for button in (
            self.substitute_button,
            self.swap_button,
            self.fill_button,
            self.accompany_button,
            self.add_slot_button,
            self.remove_button,
        ):
            change_row.addWidget(button)

        self.history_model = HistoryTableModel(self)
        self.history = make_table(self.history_model, stretch=HISTORY_COL_REASON)
        fit_columns(
            self.history,
            metrics,
            {
                HISTORY_COL_TIME: "2026-11-21 09:30",
                HISTORY_COL_KIND: "调换",
                HISTORY_COL_CHANGE: "李红梅→刘文华",
                HISTORY_COL_BY: "办公室 / 赵敏",
            },
        )
        self.history.horizontalHeader().moveSection(HISTORY_COL_REASON, HISTORY_COL_BY)

        self.queue_model = QueueTableModel(self)
        self.queue = make_table(self.queue_model, stretch=QUEUE_COL_SUMMARY)
        fit_columns(
            self.queue,
            metrics,
            {
                QUEUE_COL_POSITION: "顺序",
                QUEUE_COL_TICKET: "预约12号",
                QUEUE_COL_NAME: "欧阳秀英",
                QUEUE_COL_PHONE: "13803710123",
                QUEUE_COL_CATEGORY: "劳动社保",
                QUEUE_COL_STATUS: "待接待",
            },
        )
        self.queue.selectionModel().selectionChanged.connect(self._update_buttons)
        self.queue.activated.connect(lambda _index: self.print_cards())
        self.queue_label = _bold("预约与排队")
        self.book_button = QPushButton("预约… (Ctrl+B)")
        self.book_button.setToolTip("为来访人预约领导接待日：按问题类别推荐分管领导的时段")
        self.walk_in_button = QPushButton("现场登记…")
        self.walk_in_button.setToolTip("未预约的来访人现场排队（排在预约群众之后）")
        self.cancel_button = QPushButton("取消预约")
        self.cards_button = QPushButton("打印四卡…")
        self.cards_button.setToolTip("通知卡（来访人联、责任单位联）、呈报卡、存根")
        self.book_button.clicked.connect(lambda: self.book())
        self.walk_in_button.clicked.connect(self.walk_in)
        self.cancel_button.clicked.connect(self.cancel_booking)
        self.cards_button.clicked.connect(lambda: self.print_cards())
        queue_row = QHBoxLayout()
        for button in (
            self.book_button,
            self.walk_in_button,
            self.cancel_button,
            self.cards_button,
        ):
            queue_row.addWidget(button)
        queue_row.addStretch(1)

        # under the roster: the slot, its history (left) and its queue (right)
        head_row = QHBoxLayout()
        head_row.addWidget(self.slot_title, 1)
        head_row.addLayout(change_row)
        history_box = QWidget()
        history_layout = QVBoxLayout(history_box)
        history_layout.setContentsMargins(0, 0, 0, 0)
        history_layout.addWidget(_bold("调整记录（替班、调换、递补）"))
        history_layout.addWidget(self.history, 1)
        queue_box = QWidget()
        queue_layout = QVBoxLayout(queue_box)
        queue_layout.setContentsMargins(0, 0, 0, 0)
        queue_layout.addWidget(self.queue_label)
        queue_layout.addWidget(self.queue, 1)
        queue_layout.addLayout(queue_row)
        self.detail_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.detail_splitter.addWidget(history_box)
        self.detail_splitter.addWidget(queue_box)
        self.detail_splitter.setStretchFactor(0, 2)
        self.detail_splitter.setStretchFactor(1, 3)
        self.detail_splitter.setChildrenCollapsible(False)
        self.detail_splitter.setSizes([520, 740])
        details = QVBoxLayout()
        details.setContentsMargins(0, 4, 0, 0)
        details.addLayout(head_row)
        details.addWidget(self.detail_splitter, 1)
        details_box = QWidget()
        details_box.setLayout(details)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(left_box)
        self.splitter.addWidget(details_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([380, 240])

        body = QVBoxLayout()
        body.setContentsMargins(8, 0, 8, 8)
        body.addWidget(self.report)
        body.addWidget(self.notice)
        body.addWidget(self.splitter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(body, 1)

        order: Sequence[QWidget] = (
            self.period_kind,
            self.prev_button,
            self.date_from,
            self.date_to,
            self.next_button,
            self.current_button,
            self.generate_button,
            self.print_button,
            self.export_button,
            self.leaders_button,
            self.table,
            self.substitute_button,
            self.swap_button,
            self.fill_button,
            self.accompany_button,
            self.add_slot_button,
            self.remove_button,
            self.history,
            self.queue,
            self.book_button,
            self.walk_in_button,
            self.cancel_button,
            self.cards_button,
        )
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self._period_loaded()

    def _build_menu_actions(self) -> None:
        """The window's 排班 menu (each shows the tab first)."""
        act = self.menu_action
        self.generate_roster_action = act(
            "生成排班(&G)", self.generate, "Ctrl+G", "按接待日规则生成本期排班"
        )
        self.substitute_action = act("替班(&T)…", self.substitute, tip="由另一位领导接待选中的时段")
        self.swap_action = act("调换(&W)…", self.swap, tip="与另一位领导的接待时段互换")
        self.fill_next_action = act(
            "按值班顺序递补(&N)…", self.fill_next, tip="由下一位有空的领导接待"
        )
        self.book_action = act("预约(&B)…", self.book, "Ctrl+B", "为来访人预约领导接待日")
        self.walk_in_action = act("现场登记(&K)…", self.walk_in, tip="未预约的来访人现场排队")
        self.cancel_booking_action = act(
            "取消预约(&C)", self.cancel_booking, tip="取消选中来访人的预约"
        )
        self.cards_action = act(
            "打印四卡(&4)…", self.print_cards, tip="打印选中预约的领导接待日四卡"
        )
        self.print_roster_action = act(
            "打印排班公示(&P)…",
            self.print_roster,
            "Ctrl+Shift+P",
            "预览并打印本期的领导接待日安排表",
        )
        self.export_roster_action = act(
            "导出排班(&X)…", self.export_roster, tip="把本期排班导出为 Excel"
        )
        self.leaders_action = act("领导与接待规则(&L)…", self.manage_leaders)

    def slot_actions(self) -> list[QAction]:
        """陪同… and 手工加排… (with mnemonics, for a menu)."""
        return [self.accompany_action, self.add_slot_action]

    def menus(self) -> list[TabMenu]:
        groups: tuple[tuple[QAction, ...], ...] = (
            (self.generate_roster_action,),
            (self.substitute_action, self.swap_action, self.fill_next_action),
            tuple(self.slot_actions()),  # 陪同…, 手工加排… (enabled with the buttons)
            (self.book_action, self.walk_in_action, self.cancel_booking_action, self.cards_action),
            (self.print_roster_action, self.export_roster_action),
            (self.leaders_action,),
        )
        return [TabMenu("排班(&D)", groups, rank=2)]

    def update_actions(self) -> None:
        slot = self.has_selection()
        for action in (
            self.substitute_action,
            self.swap_action,
            self.fill_next_action,
            self.walk_in_action,
        ):
            action.setEnabled(slot)
        visitor = self.selected_queue_item()
        self.cancel_booking_action.setEnabled(visitor is not None and visitor.status == "booked")
        self.cards_action.setEnabled(visitor is not None)

    # --- the period --------------------------------------------------------------------------
    def period(self) -> tuple[date, date]:
        return to_date(self.date_from.date()), to_date(self.date_to.date())

    def period_kind_value(self) -> str:
        return str(self.period_kind.currentData())

    def set_period(self, date_from: date, date_to: date, kind: str | None = None) -> None:
        """Show ``[date_from, date_to]``; ``kind`` also sets the period selector."""
        self._syncing = True
        try:
            if kind is not None:
                self.period_kind.setCurrentIndex(self.period_kind.findData(kind))
            self.date_from.setDate(to_qdate(date_from))
            self.date_to.setDate(to_qdate(date_to))
        finally:
            self._syncing = False
        self._period_loaded()

    def step_period(self, steps: int) -> None:
        start, end = shift_period(self.period_kind_value(), *self.period(), steps)
        self.set_period(start, end)

    def current_period_clicked(self) -> None:
        kind = self.period_kind_value()
        if kind == PERIOD_CUSTOM:
            kind = PERIOD_QUARTER
        self.set_period(*period_containing(kind, self.today()), kind)

    def _kind_changed(self) -> None:
        if self._syncing:
            return
        kind = self.period_kind_value()
        if kind != PERIOD_CUSTOM:
            self.set_period(*period_containing(kind, self.period()[0]))

    def _dates_edited(self) -> None:
        if self._syncing:
            return
        kind = self.period_kind_value()
        start, end = self.period()
        if kind != PERIOD_CUSTOM and period_containing(kind, start) != (start, end):
            self._syncing = True
            self.period_kind.setCurrentIndex(self.period_kind.findData(PERIOD_CUSTOM))
            self._syncing = False
        self._period_loaded()

    def _period_loaded(self) -> None:
        start, end = self.period()
        if end < start:
            self.period_label.setText("结束日期早于开始日期")
            self.period_label.setStyleSheet("font-weight: bold; color: #c62828;")
        else:
            self.period_label.setText(period_text(start, end))
            self.period_label.setStyleSheet("font-weight: bold;")
        keep = self.selected_entry_id()
        self.model.set_period(start, end)
        self._after_reload(keep)

    # --- refresh -----------------------------------------------------------------------------
    def refresh(self, topic: str = hub_topics.ALL) -> None:
        """Reload the roster, keeping the selected slot."""
        keep = self.selected_entry_id()
        self.model.refresh()
        self._after_reload(keep)

    def _after_reload(self, keep: int | None) -> None:
        self._update_counts()
        if keep is None or not self.select_entry(keep):
            self._show_slot(None)

    def _update_counts(self) -> None:
        rows = self.model.rows
        booked = sum(r.booked for r in rows)
        days = len({r.day for r in rows})
        self.count_label.setText(f"共 {days} 个接待日、{len(rows)} 个接待时段，已预约 {booked} 人")
        notes = []
        years = self.model.uncovered_years()
        if years:
            year_text = "、".join(f"{y}年" for y in years)
            notes.append(
                f"标“（待核）”的日期：{year_text}的法定节假日安排尚未录入，日期按星期一至星期五推算，"
                "仅供参考；录入该年节假日后请重新生成排班。"
            )
        off = self.model.day_off_count()
        if off:
            notes.append(
                f"有{off}个接待时段按现在的节假日安排落在休息日（标红），请调换、替班到其他日期或删除。"
            )
        self.notice.setText("\n".join(notes))
        self.notice.setVisible(bool(notes))
        has_rows = bool(rows)
        self.print_button.setEnabled(has_rows)
        self.export_button.setEnabled(has_rows)

    # --- selection -----------------------------------------------------------------------------
    def selected_row(self) -> RosterRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        value = rows[0].data(ROSTER_ROW_ROLE)
        return value if isinstance(value, RosterRow) else None

    def selected_entry_id(self) -> int | None:
        row = self.selected_row()
        return row.entry_id if row is not None else None

    def has_selection(self) -> bool:
        return self.selected_row() is not None

    def select_entry(self, entry_id: int) -> bool:
        """Select the slot ``entry_id`` if the period shows it."""
        row = self.model.row_of(entry_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        flags |= QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().select(index, flags)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.NoUpdate
        )
        self.table.scrollTo(index)
        self._show_slot(self.model.entry_at(row))
        return True

    def select_row(self, row: int) -> bool:
        entry = self.model.entry_at(row)
        return entry is not None and self.select_entry(entry.entry_id)

    def _selection_changed(self) -> None:
        self._show_slot(self.selected_row())

    def _show_slot(self, row: RosterRow | None) -> None:
        if row is None:
            self.slot_title.setText(HINT_NO_SLOT)
            self.history_model.set_items([])
            self.queue_model.set_items([])
            self.queue_label.setText("预约与排队")
        else:
            title = slot_label(row)
            if row.leader_title:
                title += f" {row.leader_title}"
            if row.accompany:
                title += f"\n陪同：{row.accompany}"
            if row.note:
                title += f"\n{row.note}"
            self.slot_title.setText(title)
            self.history_model.set_items(roster.roster_history(self.db, row.entry_id))
            visitor = self.selected_queue_item()
            self.queue_model.set_items(appointments.day_queue(self.db, row.entry_id))
            if visitor is not None:
                self.select_visitor(visitor.appointment_id)
            self.queue_label.setText(
                f"预约与排队（预约 {row.booked}/{row.capacity}，现场 {row.walk_ins}）"
            )
        self._update_buttons()
        self.selection_changed.emit()

    def selected_queue_item(self) -> appointments.QueueItem | None:
        rows = self.queue.selectionModel().selectedRows()
        if not rows:
            return None
        value = rows[0].data(ITEM_ROLE)
        return value if isinstance(value, appointments.QueueItem) else None

    def select_visitor(self, appointment_id: int) -> bool:
        row = self.queue_model.row_of(appointment_id)
        if row is None:
            return False
        self.queue.selectRow(row)
        return True

    def _update_buttons(self) -> None:
        slot = self.selected_row()
        item = self.selected_queue_item()
        for button in (
            self.substitute_button,
            self.swap_button,
            self.fill_button,
            self.accompany_button,
            self.remove_button,
            self.walk_in_button,
        ):
            button.setEnabled(slot is not None)
            if slot is None:
                button.setStatusTip(HINT_NO_SLOT)
        self.accompany_action.setEnabled(slot is not None)
        active = item is not None and item.status == "booked"
        self.cancel_button.setEnabled(active)
        self.cards_button.setEnabled(item is not None)

    # --- generation ----------------------------------------------------------------------------
    def is_generating(self) -> bool:
        return self.generate_operation is not None and not self.generate_operation.done

    def generate(self) -> Operation | None:
        """生成排班 for the shown period, in the background; then the report."""
        if self.is_generating():
            return None
        start, end = self.period()
        if end < start:
            self.show_report("未生成排班：结束日期不能早于开始日期", [], level="error")
            return None
        db, actor = self.db, self.actor()

        def work(_progress: ProgressFn) -> Result[GenerationReport]:
            return roster.generate_roster(db, start, end, actor=actor)

        self.generate_button.setEnabled(False)
        self.status_message.emit(f"正在生成{period_text(start, end)}排班…")
        operation = run_write(
            self,
            work,
            topics=(ROSTER,),
            on_success=self._generated,
            on_refused=self._generated,
            on_failure=lambda exc: errors.show_error(self, exc, title="排班未生成"),
            label="正在生成排班…",
            cancellable=False,
        )
        operation.finished.connect(lambda: self.generate_button.setEnabled(True))
        self.generate_operation = operation
        return operation

    def _generated(self, result: Result[GenerationReport]) -> None:
        report = result.value
        if not result.ok or report is None:
            self.show_report("未生成排班：" + result.message, [], level="error")
            self.status_message.emit("未生成排班")
            return
        self.last_report = report
        title = f"{period_text(report.date_from, report.date_to)}：{report.summary}"
        level = "warn" if (report.uncovered or report.unassigned or report.messages) else "ok"
        self.show_report(title, report.messages, level=level)
        self.status_message.emit(f"已生成排班：{report.summary}")
        if report.added_entry_ids and not self.has_selection():
            self.select_entry(report.added_entry_ids[0])

    def show_report(self, title: str, lines: Sequence[str], *, level: str = "ok") -> None:
        """The result panel above the roster (``level``: ok / warn / error)."""
        style = {"ok": REPORT_OK, "warn": REPORT_WARN}.get(level, REPORT_ERROR)
        self.report.setStyleSheet(style)
        self.report_title.setText(title)
        self.report_list.clear()
        self.report_list.addItems(list(lines))
        self.report_list.setVisible(bool(lines))
        if lines:
            shown = min(len(lines), REPORT_MAX_LINES)
            row = self.report_list.sizeHintForRow(0)
            self.report_list.setFixedHeight(row * shown + 2 * self.report_list.frameWidth() + 2)
        self.report.show()

    def report_lines(self) -> list[str]:
        return [self.report_list.item(i).text() for i in range(self.report_list.count())]

    # --- changes -------------------------------------------------------------------------------
    def _need_slot(self) -> RosterRow | None:
        row = self.selected_row()
        if row is None:
            self.status_message.emit(HINT_NO_SLOT)
        return row

    def _open(self, dialog: QDialog) -> QDialog:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.open()
        return dialog

    def _show(self, dialog: D, on_saved: Callable[[Any], object]) -> D:
        """Open ``dialog``; ``on_saved(result)`` after each of its saves."""
        dialog.saved.connect(on_saved)
        self._open(dialog)
        return dialog

    def _for_slot(
        self, dialog_class: _SlotDialogClass[D], on_saved: Callable[[Any], object]
    ) -> D | None:
        """Open a dialog about the selected slot (None, and a hint, without one)."""
        row = self._need_slot()
        if row is None:
            return None
        dialog = dialog_class(self.db, row, actor=self.actor(), parent=self)
        return self._show(dialog, on_saved)

    def substitute(self) -> SubstituteDialog | None:
        """替班…"""
        return self._for_slot(SubstituteDialog, self._change_saved)

    def swap(self) -> SwapDialog | None:
        """调换…"""
        return self._for_slot(SwapDialog, self._change_saved)

    def fill_next(self) -> ReasonDialog | None:
        """按值班顺序递补: asks the reason, then the next free leader in rota order."""
        row = self._need_slot()
        if row is None:
            return None
        db, actor, entry_id = self.db, self.actor(), row.entry_id

        def submit(reason: str, requested_by: str) -> Result[ChangeOutcome]:
            return roster.fill_next_in_rotation(
                db, entry_id, reason=reason, requested_by=requested_by, actor=actor
            )

        dialog = ReasonDialog(
            "按值班顺序递补",
            f"{slot_label(row)}\n{row.leader_name}不能接待，由值班顺序中的下一位有空的在岗领导递补。",
            submit,
            button_text="递补",
            reason_label="递补原因",
            placeholder="如：因公外出",
            parent=self,
        )
        return self._show(dialog, self._change_saved)

    def remove_slot(self) -> ReasonDialog | None:
        """删除时段…: a slot without bookings (e.g. one left on a new holiday)."""
        row = self._need_slot()
        if row is None:
            return None
        db, actor, entry_id = self.db, self.actor(), row.entry_id

        def submit(reason: str, _requested_by: str) -> Result[Any]:
            return roster.remove_entry(db, entry_id, reason=reason, actor=actor)

        dialog = ReasonDialog(
            "删除接待时段",
            f"删除 {slot_label(row)}。已有预约或排队的时段不能删除，请改为替班。",
            submit,
            button_text="删除",
            reason_label="删除原因",
            placeholder="如：该日调整为法定节假日",
            ask_requested_by=False,
            parent=self,
        )
        return self._show(dialog, self._removed)

    def _removed(self, result: Result[Any]) -> None:
        self._tell(result.message or "已删除该接待时段")

    def accompany(self) -> AccompanyDialog | None:
        """陪同…: the functional department (and person) accompanying the leader."""
        dialog = self._for_slot(AccompanyDialog, self._accompany_saved)
        if dialog is not None:
            dialog.department.setFocus()
        return dialog

    def _accompany_saved(self, result: Result[Saved]) -> None:
        self._tell(result.message)
        self._keep_slot()

    def add_slot(self) -> AddSlotDialog:
        """手工加排…: a slot outside the rules, starting from the selected slot."""
        dialog = AddSlotDialog(
            self.db,
            actor=self.actor(),
            template=self.selected_row(),
            today=self.today(),
            parent=self,
        )
        self._show(dialog, lambda result: self._slot_added(result, dialog.added_day))
        dialog.day.setFocus()
        return dialog

    def _slot_added(self, result: Result[Saved], day: date | None) -> None:
        saved = result.value
        self._tell(result.message, saved.warnings if saved is not None else ())
        if saved is None or self.select_entry(saved.id) or day is None:
            return
        # A day outside the shown period: show the period that contains it.
        kind = self.period_kind_value()
        if kind == PERIOD_CUSTOM:
            kind = PERIOD_MONTH
        self.set_period(*period_containing(kind, day), kind)
        self.select_entry(saved.id)

    def _change_saved(self, result: Result[ChangeOutcome]) -> None:
        outcome = result.value
        self._tell(result.message, outcome.warnings if outcome is not None else ())
        self._keep_slot()

    def _tell(self, message: str, warnings: Sequence[str] = ()) -> None:
        """The result panel (warnings, if any, under it) and the status bar."""
        self.show_report(message, warnings, level="warn" if warnings else "ok")
        self.status_message.emit(message)

    def _keep_slot(self) -> None:
        """After a write (the roster reloaded): the selected slot stays selected."""
        keep = self.selected_entry_id()
        if keep is not None:
            self.select_entry(keep)

    # --- appointments --------------------------------------------------------------------------
    def book(self, entry_id: int | None = None) -> BookingDialog:
        """预约…: the slots of the next days, the owners of the visitor's issue first;
        ``entry_id`` (Enter on a slot of the roster) is preselected while it is listed."""
        dialog = BookingDialog(
            self.db,
            actor=self.actor(),
            preferred_entry_id=entry_id,
            today=self.today(),
            parent=self,
        )
        dialog.print_requested.connect(self.print_cards)
        self._show(dialog, self._booking_saved)
        dialog.visitor_name.setFocus()
        return dialog

    def _booking_saved(self, result: Result[Any]) -> None:
        self.status_message.emit(result.message)
        booking = result.value
        if isinstance(booking, appointments.Booking):
            lines = list(booking.warnings)
            self.show_report(result.message.split("。")[0], lines, level="warn" if lines else "ok")
            if self.select_entry(booking.entry_id):
                self.select_visitor(booking.appointment_id)

    def walk_in(self) -> WalkInDialog | None:
        """现场登记…: queue a visitor without appointment in the selected slot."""
        return self._for_slot(WalkInDialog, self._booking_saved)

    def cancel_booking(self) -> Operation | None:
        """取消预约 of the selected visitor (asks first)."""
        item = self.selected_queue_item()
        if item is None:
            self.status_message.emit(HINT_NO_VISITOR)
            return None
        if not prompts.confirm(
            self, "取消预约", f"取消 {item.visitor_name} 的{item.ticket}？号码不会再分配给别人。"
        ):
            return None
        db, appointment_id, actor = self.db, item.appointment_id, self.actor()
        return run_write(
            self,
            lambda _progress: appointments.cancel_appointment(
                db, appointment_id, reason="来访人取消", actor=actor
            ),
            topics=(ROSTER,),
            on_success=lambda _result: self.status_message.emit(
                f"已取消 {item.visitor_name} 的{item.ticket}"
            ),
            refused_title="未能取消预约",
        )

    # --- printing ----------------------------------------------------------------------------------
    def _preview_opened(self, dialog: PrintPreviewDialog) -> None:
        self.preview = dialog
        dialog.destroyed.connect(lambda: setattr(self, "preview", None))

    def print_cards(self, appointment_id: int | None = None) -> Operation | None:
        """打印四卡 of a booking (default: the selected visitor) → print preview."""
        if appointment_id is None:
            item = self.selected_queue_item()
            if item is None:
                self.status_message.emit(HINT_NO_VISITOR)
                return None
            appointment_id = item.appointment_id
        number = booking_no_of(self.db, appointment_id) or str(appointment_id)
        db, wanted = self.db, appointment_id

        def produce(out: Path) -> Result[Path]:
            from petitiondesk.services import roster_print

            return roster_print.print_cards(db, wanted, out)

        self.print_operation = open_pdf_preview(
            self,
            produce,
            file_name=cards_file_name(number),
            title=f"领导接待日四卡 {number}",
            label="正在生成四卡…",
            on_open=self._preview_opened,
        )
        return self.print_operation

    def print_roster(self) -> Operation | None:
        """打印排班公示: the period's roster as PDF → print preview."""
        start, end = self.period()
        if end < start:
            self.status_message.emit("结束日期不能早于开始日期")
            return None
        db = self.db
        office = cases.reference_data(db).office_name

        def produce(out: Path) -> Result[int]:
            from petitiondesk.services import roster_print

            return roster_print.print_roster(db, start, end, out)

        self.print_operation = open_pdf_preview(
            self,
            produce,
            file_name=roster_file_name(office, start, end, ".pdf"),
            title=f"排班公示 {period_text(start, end)}",
            label="正在生成排班公示…",
            on_open=self._preview_opened,
        )
        return self.print_operation

    def export_roster(self) -> Operation | None:
        """导出排班: the period's roster as an Excel sheet, in the background."""
        if self.export_operation is not None and not self.export_operation.done:
            self.status_message.emit("正在导出，请稍候")
            return None
        start, end = self.period()
        if end < start:
            self.status_message.emit("结束日期不能早于开始日期")
            return None
        office = cases.reference_data(self.db).office_name
        suggested = Path.home() / roster_file_name(office, start, end, ".xlsx")
        target = prompts.ask_save_path(self, "导出排班", suggested, "Excel 工作簿 (*.xlsx)")
        if target is None:
            return None
        db, total = self.db, self.model.rowCount()

        def work(progress: ProgressFn) -> Result[int]:
            from petitiondesk.services import roster_print

            return roster_print.print_roster(db, start, end, target, progress=progress)

        def done(result: Result[int]) -> None:
            if not result.ok:
                errors.show_error(self, result.message, title="导出未完成")
                return
            self.status_message.emit(f"已导出排班 {result.value} 个接待时段：{target}")

        self.status_message.emit("正在导出排班…")
        self.export_operation = run_in_background(
            self,
            work,
            on_success=done,
            on_failure=lambda exc: errors.show_error(self, exc, title="导出失败"),
            on_cancelled=lambda: self.status_message.emit("已取消导出，未生成文件"),
            label=f"正在导出排班（共 {total} 个接待时段）…",
            maximum=total,
        )
        return self.export_operation

    # --- leaders and rules --------------------------------------------------------------------------
    def manage_leaders(self) -> LeadersRulesDialog:
        dialog = LeadersRulesDialog(
            self.db, actor=self.actor(), topic=hub_topics.REFERENCE, parent=self
        )
        self._open(dialog)
        return dialog

    # --- keyboard ------------------------------------------------------------------------------------
    def _row_activated(self, index: QModelIndex) -> None:
        row = index.data(ROSTER_ROW_ROLE)
        if isinstance(row, RosterRow):
            self.book(row.entry_id)
