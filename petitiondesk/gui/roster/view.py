"""The 排班 tab's widgets and what they show (:class:`RosterView`); what the clerk does
with them is in :mod:`.tab`.

Top: the period (month / quarter / year / custom, with 上一期 / 下一期), 生成排班,
打印排班公示, 导出排班 and 领导与接待规则…. Under it the result of the last action and a
note when dates rest on a year whose holidays are not entered (（待核）). Left: the
roster. Below: the selected slot with its change buttons, its change history and its
queue (appointments, then walk-ins) with 预约…, 现场登记…, 取消预约, 打印四卡….
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from petitiondesk.core.periods import (
    PERIOD_KINDS,
    PERIOD_QUARTER,
    period_containing,
    period_text,
)
from petitiondesk.services import appointments, roster
from petitiondesk.services.roster import RosterRow
from petitiondesk.store.db import Database

from .. import signals as hub_topics
from ..signals import DataHub
from ..tab import Tab
from ..widgets.dates import to_date, to_qdate
from ..widgets.report_panel import ReportPanel
from ..widgets.tables import fit_columns, fit_width, make_table
from .slot_panels import QUEUE_TITLE, HistoryPanel, QueuePanel
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
    ITEM_ROLE,
    ROSTER_ROW_ROLE,
    RosterTableModel,
    slot_label,
)

HINT_NO_SLOT = "请先在上方排班表中选中一个接待时段"
HINT_EMPTY = (
    "还没有排班。请先在 排班 → 领导与接待规则 中添加领导和接待日规则，再按 Ctrl+G 生成排班。"
)
HINT_NO_VISITOR = "请先在“预约与排队”中选中一位来访人"
NOTICE_STYLE = "color: #b26a00;"


class RosterView(Tab):
    """The roster of a period, the selected slot, its history and queue (no writes here)."""

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
        self._build()

    # --- construction ----------------------------------------------------------------------
    def _build(self) -> None:
        start, end = period_containing(PERIOD_QUARTER, self.today())
        top = self._build_period_bar(start, end)
        self._build_report()
        left_box = self._build_roster_table(start, end)
        change_row = self._build_slot_panel()
        self._build_details()
        self._lay_out(top, left_box, change_row)
        self._set_tab_order()
        self._period_loaded()

    def _build_period_bar(self, start: date, end: date) -> QHBoxLayout:
        """The period and the period's actions."""
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
        return top

    def _build_report(self) -> None:
        """The result of the last action, and the note on dates to check."""
        self.report = ReportPanel()
        self.report_title = self.report.title

        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.notice.hide()

    def _build_roster_table(self, start: date, end: date) -> QWidget:
        """The roster of the period and its counts."""
        self.model = RosterTableModel(self.db, start, end, parent=self, load=False)
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
        self.count_label = QLabel()
        self.empty_hint = QLabel(HINT_EMPTY)
        self.empty_hint.setObjectName("empty_hint")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setStyleSheet(NOTICE_STYLE)
        self.empty_hint.hide()

        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.empty_hint)
        left.addWidget(self.table, 1)
        left.addWidget(self.count_label)
        left_box = QWidget()
        left_box.setLayout(left)
        return left_box

    def _build_slot_panel(self) -> QHBoxLayout:
        """The selected slot: its title and the changes that can be made to it."""
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
        self.accompany_action = self.tab_action("陪同(&A)…", "Ctrl+Shift+A")
        self.add_slot_action = self.tab_action("手工加排(&M)…", "Ctrl+Shift+N")
        self.accompany_button = QPushButton("陪同…")
        self.accompany_button.setToolTip("设置陪同领导接访的职能部门和人员（Ctrl+Shift+A）")
        self.add_slot_button = QPushButton("手工加排…")
        self.add_slot_button.setToolTip(
            "在接待日规则之外加排一个接待时段，默认取选中时段的日期、时间和地点（Ctrl+Shift+N）"
        )
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
        return change_row

    def _build_details(self) -> None:
        """The selected slot's history and queue (see :mod:`.slot_panels`)."""
        metrics = self.table.fontMetrics()
        self.history_panel = HistoryPanel(metrics)
        self.history_model, self.history = self.history_panel.model, self.history_panel.table
        self.queue_panel = panel = QueuePanel(metrics)
        self.queue_model, self.queue, self.queue_label = panel.model, panel.table, panel.label
        self.book_button, self.walk_in_button = panel.book_button, panel.walk_in_button
        self.cancel_button, self.cards_button = panel.cancel_button, panel.cards_button

    def _lay_out(self, top: QHBoxLayout, left_box: QWidget, change_row: QHBoxLayout) -> None:
        """Under the roster: the slot, its history (left) and its queue (right)."""
        head_row = QHBoxLayout()
        head_row.addWidget(self.slot_title, 1)
        head_row.addLayout(change_row)
        self.detail_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.detail_splitter.addWidget(self.history_panel)
        self.detail_splitter.addWidget(self.queue_panel)
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

    def _set_tab_order(self) -> None:
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

    def show_report(self, title: str, lines: Sequence[str], *, level: str = "ok") -> None:
        """The result panel above the roster (``level``: ok / warn / error)."""
        self.report.show_report(title, lines, level=level)

    def report_lines(self) -> list[str]:
        return self.report.lines()

    # --- the period ---------------------------------------------------------------------------
    def period(self) -> tuple[date, date]:
        return to_date(self.date_from.date()), to_date(self.date_to.date())

    def period_kind_value(self) -> str:
        return str(self.period_kind.currentData())

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
        self.empty_hint.setVisible(not has_rows)
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
            self.queue_label.setText(QUEUE_TITLE)
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
