"""The 来访登记 tab: the intake form above, the day's register list below."""

from __future__ import annotations

import getpass
from datetime import date

from PySide6.QtCore import QDate, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from petitiondesk.core.registerno import format_register_no, parse_register_no
from petitiondesk.services import cases, intake
from petitiondesk.services.intake import RegisteredVisit, VisitInput
from petitiondesk.services.result import Result
from petitiondesk.store.db import Database

from . import errors, prompts
from . import signals as hub_topics
from .case_table_model import (
    CASE_ROW_ROLE,
    COL_CATEGORY,
    COL_CHANNEL,
    COL_NAME,
    COL_PEOPLE,
    COL_REGISTER_NO,
    COL_STATUS,
    COL_SUMMARY,
    COL_TIME,
    CaseTableModel,
)
from .intake_form import IntakeForm
from .operations import Operation, ProgressFn, run_in_background
from .print_preview import PrintPreviewDialog, open_print_preview
from .signals import DataHub

PRINT_HINT_NONE = "请先在下方列表中选中一条登记（或先保存一条登记）"
MSG_NOT_SAVED = "登记未保存，请按标红的提示修改"
# The register list below the form never gets less than this (pixels).
MIN_LIST_HEIGHT = 180


def qdate_to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def current_actor() -> str:
    """Who is at the keyboard, for the audit log."""
    try:
        return getpass.getuser() or "clerk"
    except Exception:  # no login name (some service accounts)
        return "clerk"


class IntakeTab(QWidget):
    """Registers visits and letters; lists the register of one day.

    ``status_message(text)`` asks the main window to show a line in the status bar.
    """

    status_message = Signal(str)
    selection_changed = Signal()

    def __init__(self, db: Database, hub: DataHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.hub = hub
        self.save_operation: Operation | None = None
        self.print_operation: Operation | None = None
        self.preview: PrintPreviewDialog | None = None
        self.last_saved: RegisteredVisit | None = None
        self._sized = False
        self._build()
        self.reload_reference()
        hub.changed.connect(self._data_changed)

    # --- construction ------------------------------------------------------------------------
    def _build(self) -> None:
        self.form = IntakeForm(self.db)

        self.save_button = QPushButton("保存登记 (Ctrl+S)")
        self.save_button.setObjectName("save_button")
        self.save_button.setToolTip("检查并保存本条登记，分配登记号")
        self.clear_button = QPushButton("清空")
        self.clear_button.setToolTip("清空表单，登记下一位（保留渠道、接待人、值班领导）")
        self.print_button = QPushButton("打印登记单 (Ctrl+P)")
        self.print_button.setObjectName("print_button")
        self.save_button.clicked.connect(self.save)
        self.clear_button.clicked.connect(self.clear_form)
        self.print_button.clicked.connect(self.print_selected)
        for button in (self.save_button, self.clear_button, self.print_button):
            button.setMinimumHeight(30)
        self.save_button.setStyleSheet("font-weight: bold;")

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 2, 0, 0)
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.print_button)
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

        # The register list of one day.
        self.list_title = QLabel()
        self.list_title.setStyleSheet("font-weight: bold;")
        self.day = QDateEdit(QDate.currentDate())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setToolTip("显示哪一天的登记")
        self.today_button = QPushButton("今天")
        self.find_box = QLineEdit()
        self.find_box.setPlaceholderText("按登记号查找，如 2026-00012（Ctrl+F）")
        self.find_box.setClearButtonEnabled(True)
        self.find_box.setMinimumWidth(260)
        self.count_label = QLabel()
        self.day.dateChanged.connect(self._day_changed)
        self.today_button.clicked.connect(lambda: self.day.setDate(QDate.currentDate()))
        self.find_box.returnPressed.connect(self.find_case)

        header = QHBoxLayout()
        header.setContentsMargins(8, 4, 8, 0)
        header.addWidget(self.list_title)
        header.addSpacing(12)
        header.addWidget(self.count_label)
        header.addStretch(1)
        header.addWidget(QLabel("日期"))
        header.addWidget(self.day)
        header.addWidget(self.today_button)
        header.addSpacing(12)
        header.addWidget(self.find_box)

        today = date.today()
        self.model = CaseTableModel(self.db, day_from=today, day_to=today, parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        head = self.table.horizontalHeader()
        head.setHighlightSections(False)
        widths = {
            COL_REGISTER_NO: 110,
            COL_TIME: 120,
            COL_CHANNEL: 50,
            COL_NAME: 80,
            COL_PEOPLE: 50,
            COL_CATEGORY: 80,
            COL_STATUS: 70,
        }
        for column, width in widths.items():
            head.resizeSection(column, width)
        head.setSectionResizeMode(COL_SUMMARY, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._row_activated)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._update_list_labels)
        self.model.rowsInserted.connect(self._update_list_labels)

        list_panel = QWidget()
        list_layout = QVBoxLayout(list_panel)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.setSpacing(4)
        list_layout.addLayout(header)
        list_layout.addWidget(self.table, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(list_panel)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        QWidget.setTabOrder(self.form.duty_leader, self.save_button)
        QWidget.setTabOrder(self.save_button, self.clear_button)
        QWidget.setTabOrder(self.clear_button, self.print_button)
        QWidget.setTabOrder(self.print_button, self.day)
        self._update_list_labels()
        self._update_print_button()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:  # first show: the form gets the room it needs
            self._sized = True
            self.fit_form()

    def fit_form(self) -> None:
        """Give the form the height it needs (messages under fields included); the list
        keeps at least :data:`MIN_LIST_HEIGHT`."""
        self.form_panel.adjustSize()
        needed = self.form_panel.sizeHint().height() + 2
        total = sum(self.splitter.sizes()) or self.splitter.height()
        top = max(min(needed, total - MIN_LIST_HEIGHT), 0)
        self.splitter.setSizes([top, max(total - top, 0)])

    # --- reference data and refresh ------------------------------------------------------------
    def reload_reference(self) -> None:
        self.form.set_reference(cases.reference_data(self.db))

    def _data_changed(self, what: str) -> None:
        if hub_topics.concerns(what, hub_topics.REFERENCE):
            self.reload_reference()
        if hub_topics.concerns(what, hub_topics.CASES):
            self.model.refresh()

    def _day_changed(self, value: QDate) -> None:
        day = qdate_to_date(value)
        self.model.set_day_range(day, day)

    def shown_day(self) -> date:
        return qdate_to_date(self.day.date())

    def _update_list_labels(self) -> None:
        day = self.shown_day()
        if day == date.today():
            self.list_title.setText("今日登记")
        else:
            self.list_title.setText(f"{day.year}年{day.month}月{day.day}日登记")
        self.count_label.setText(f"共 {self.model.total} 条")

    # --- selection ----------------------------------------------------------------------------
    def selected_register_no(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        case = rows[0].data(CASE_ROW_ROLE)
        return case.register_no if case is not None else None

    def select_case(self, register_no: str, day: date | None = None) -> bool:
        """Show ``day`` (if given) and select ``register_no`` in the list."""
        if day is not None and day != self.shown_day():
            self.day.setDate(QDate(day.year, day.month, day.day))
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

    def _selection_changed(self) -> None:
        self._update_print_button()
        self.selection_changed.emit()

    def _update_print_button(self) -> None:
        number = self.selected_register_no()
        self.print_button.setEnabled(number is not None)
        self.print_button.setToolTip(
            f"预览并打印 {number} 的来访登记单（Ctrl+P）" if number else PRINT_HINT_NONE
        )

    def can_print(self) -> bool:
        return self.selected_register_no() is not None

    # --- saving -------------------------------------------------------------------------------
    def is_saving(self) -> bool:
        return self.save_operation is not None and not self.save_operation.done

    def save(self) -> None:
        """保存登记: check and save in the background; messages under the fields on failure."""
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
        db, actor = self.db, current_actor()

        def work(_progress: ProgressFn) -> Result[RegisteredVisit]:
            return intake.register_visit(db, data, actor=actor)

        operation = run_in_background(
            self,
            work,
            on_success=lambda result: self._saved(data, result),
            on_failure=self._save_failed,
            label="正在保存…",
            cancellable=False,
        )
        operation.finished.connect(lambda: self.save_button.setEnabled(True))
        self.save_operation = operation

    def _saved(self, data: VisitInput, result: Result[RegisteredVisit]) -> None:
        if not result.ok or result.value is None:
            self.form.show_errors(result.errors)
            self.fit_form()
            self.status_message.emit(MSG_NOT_SAVED)
            return
        visit = result.value
        self.last_saved = visit
        self.hub.notify(hub_topics.CASES)
        message = result.message or f"已登记，登记号 {visit.register_no}"
        if visit.reused_petitioner:
            message += "（来访人已有档案）"
        if visit.acceptance_due is not None:
            message += f"；告知是否受理期限 {visit.acceptance_due:%Y-%m-%d}"
        if visit.acceptance_due_uncovered:
            message += "（节假日数据未覆盖，请核对）"
        self.status_message.emit(message)
        self.form.clear_for_next()
        self.fit_form()
        self.select_case(visit.register_no, data.received_at.date())
        self.form.focus_first()

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

    def open_preview(self, register_no: str) -> Operation:
        def opened(dialog: PrintPreviewDialog) -> None:
            self.preview = dialog
            dialog.destroyed.connect(lambda: setattr(self, "preview", None))

        self.print_operation = open_print_preview(self, self.db, register_no, on_open=opened)
        return self.print_operation

    def _row_activated(self, index: QModelIndex) -> None:
        case = index.data(CASE_ROW_ROLE)
        if case is not None:
            self.open_preview(case.register_no)

    # --- finding ------------------------------------------------------------------------------
    def focus_find(self) -> None:
        self.find_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_box.selectAll()

    def find_case(self) -> bool:
        text = self.find_box.text().strip()
        if not text:
            return False
        try:
            year, seq = parse_register_no(text)
        except ValueError as exc:
            self.status_message.emit(str(exc))
            return False
        number = format_register_no(year, seq)
        detail = cases.case_detail(self.db, number)
        if detail is None:
            self.status_message.emit(f"找不到登记号 {number}")
            return False
        self.select_case(number, detail.row.received_at.date())
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.status_message.emit(f"已找到 {number}：{detail.row.name}")
        return True
