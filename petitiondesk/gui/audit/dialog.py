"""审计日志: filters (操作人, 案件编号, 操作, 对象, 日期), the rows newest first, the chosen
row's before/after in words, and 导出… (Excel or PDF, asking 内部使用/对外提供).

Only administrators may read the log; the service refuses anyone else
(:func:`open_audit_log` then shows its sentence and opens nothing).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from petitiondesk.services import audit_view
from petitiondesk.services.audit_view import AuditChoices, AuditEntry, AuditFilter, AuditPage
from petitiondesk.services.result import Result

from .. import errors, prompts
from ..operations import Operation, ProgressFn, run_in_background
from ..session import current_actor
from ..widgets.dates import to_date, to_qdate
from ..widgets.tables import make_table, set_widths
from .table_model import COL_ACTION, COL_ACTOR, COL_AT, COL_CASE, COL_ENTITY, AuditTableModel

if TYPE_CHECKING:
    from petitiondesk.store.db import Database

TITLE = "审计日志"
ALL_ACTIONS = "全部操作"
ALL_ENTITIES = "全部对象"
DETAIL_HEADERS = ("字段", "修改前", "修改后")
HINT_PICK = "选中一条记录，这里显示修改前后的内容"


class AuditLogDialog(QDialog):
    """The 审计日志 window (not modal: the clerk may keep it beside the main window)."""

    def __init__(self, db: Database, choices: AuditChoices, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.export_operation: Operation | None = None
        self.setWindowTitle(TITLE)
        self.resize(1100, 700)
        self._build_filters(choices)
        self.model = AuditTableModel(self)
        self.table = make_table(self.model, stretch=5)
        set_widths(self.table, {COL_AT: 150, COL_ACTOR: 90, COL_ACTION: 130, COL_ENTITY: 130})
        self.table.horizontalHeader().resizeSection(COL_CASE, 100)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.detail_title = QLabel(HINT_PICK)
        self.detail_title.setWordWrap(True)
        self.detail_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail = QTableWidget(0, len(DETAIL_HEADERS))
        self.detail.setHorizontalHeaderLabels(DETAIL_HEADERS)
        self.detail.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.detail.verticalHeader().setVisible(False)
        self.detail.horizontalHeader().setStretchLastSection(True)
        self.detail.horizontalHeader().resizeSection(1, 300)
        self.status = QLabel("")
        self._lay_out()
        self.search()

    # --- layout ------------------------------------------------------------------------------------
    def _build_filters(self, choices: AuditChoices) -> None:
        self.actor_box = QComboBox()
        self.actor_box.setEditable(True)
        self.actor_box.addItems(["", *choices.actors])
        self.case_edit = QLineEdit()
        self.case_edit.setPlaceholderText("登记号，例如 2026-00012")
        self.action_box = QComboBox()
        self.action_box.addItem(ALL_ACTIONS, "")
        for value, label in choices.actions:
            self.action_box.addItem(label, value)
        self.entity_box = QComboBox()
        self.entity_box.addItem(ALL_ENTITIES, "")
        for value, label in choices.entities:
            self.entity_box.addItem(label, value)
        self.by_date = QCheckBox("按日期")
        self.date_from = QDateEdit(to_qdate(date.today() - timedelta(days=30)))
        self.date_to = QDateEdit(to_qdate(date.today()))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            self.by_date.toggled.connect(edit.setEnabled)
        self.search_button = QPushButton("查询")
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.search)
        self.export_button = QPushButton("导出…")
        self.export_button.clicked.connect(self.export)
        self.close_button = QPushButton("关闭")
        self.close_button.clicked.connect(self.close)
        self.case_edit.returnPressed.connect(self.search)

    def _lay_out(self) -> None:
        form = QFormLayout()
        row1 = QHBoxLayout()
        for label, widget in (("操作人", self.actor_box), ("案件编号", self.case_edit)):
            row1.addWidget(QLabel(label))
            row1.addWidget(widget, 1)
        row1.addWidget(self.action_box, 1)
        row1.addWidget(self.entity_box, 1)
        form.addRow(row1)
        row2 = QHBoxLayout()
        row2.addWidget(self.by_date)
        row2.addWidget(self.date_from)
        row2.addWidget(QLabel("至"))
        row2.addWidget(self.date_to)
        row2.addStretch(1)
        for button in (self.search_button, self.export_button):
            row2.addWidget(button)
        form.addRow(row2)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addWidget(self.detail, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

    # --- filters and rows --------------------------------------------------------------------------
    def filters(self) -> AuditFilter:
        day_from = day_to = None
        if self.by_date.isChecked():
            day_from, day_to = to_date(self.date_from.date()), to_date(self.date_to.date())
        return AuditFilter(
            actor=self.actor_box.currentText().strip(),
            register_no=self.case_edit.text().strip(),
            action=str(self.action_box.currentData() or ""),
            entity=str(self.entity_box.currentData() or ""),
            day_from=day_from,
            day_to=day_to,
        )

    def set_dates(self, day_from: date, day_to: date) -> None:
        self.by_date.setChecked(True)
        self.date_from.setDate(QDate(to_qdate(day_from)))
        self.date_to.setDate(QDate(to_qdate(day_to)))

    def search(self) -> None:
        """查询: the rows of the filters, newest first (more load as the table scrolls)."""
        filters = self.filters()
        messages: list[str] = []

        def load(offset: int) -> AuditPage | None:
            result = audit_view.search(self.db, current_actor(), filters, offset=offset)
            messages.append(result.message)
            return result.value if result.ok else None

        self.model.reset(load)
        self._show_entry(None)
        self.status.setText(messages[0] if messages else "")

    def _selected(self, _now: QItemSelection, _before: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        self._show_entry(self.model.item_at(rows[0].row()) if rows else None)

    def _show_entry(self, entry: AuditEntry | None) -> None:
        self.detail.setRowCount(0)
        if entry is None:
            self.detail_title.setText(HINT_PICK)
            return
        self.detail_title.setText(
            f"#{entry.id}  {entry.at:%Y-%m-%d %H:%M:%S}  {entry.actor}  {entry.action_text}"
            f"  {entry.entity_text}  {entry.register_no}\n{entry.summary}\n校验：{entry.chain}"
        )
        changes = audit_view.field_changes(entry)
        self.detail.setRowCount(len(changes))
        for row, change in enumerate(changes):
            for column, text in enumerate((change.label, change.before, change.after)):
                item = QTableWidgetItem(text)
                item.setToolTip(change.key if column == 0 else text)
                if change.changed:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.detail.setItem(row, column, item)

    def detail_rows(self) -> list[tuple[str, str, str]]:
        """What the detail pane shows (tests)."""
        rows = []
        for row in range(self.detail.rowCount()):
            cells = [self.detail.item(row, col) for col in range(3)]
            label, before, after = (c.text() if c is not None else "" for c in cells)
            rows.append((label, before, after))
        return rows

    # --- export ------------------------------------------------------------------------------------
    def export(self) -> Operation | None:
        """导出…: the rows of the current filters to Excel or PDF, internal or outside use."""
        if self.export_operation is not None and not self.export_operation.done:
            self.status.setText("正在导出，请稍候")
            return None
        outside = prompts.ask_export_use(self, "导出审计日志")
        if outside is None:
            return None
        name = f"审计日志-{date.today():%Y%m%d}"
        if outside:
            name += f"（{prompts.EXPORT_OUTSIDE}）"
        target = prompts.ask_save_path(
            self,
            "导出审计日志",
            Path.home() / f"{name}.xlsx",
            "Excel 工作簿 (*.xlsx);;PDF 文件 (*.pdf)",
        )
        if target is None:
            return None
        db, filters, actor = self.db, self.filters(), current_actor()

        def work(progress: ProgressFn) -> Result[int]:
            from petitiondesk.services.audit_export import export_audit_log

            return export_audit_log(db, actor, filters, target, outside=outside, progress=progress)

        def done(result: Result[int]) -> None:
            if not result.ok:
                errors.show_error(self, result.message, title="导出未完成")
                return
            self.search()  # the export itself is a new row
            self.status.setText(result.message)

        self.export_operation = run_in_background(
            self,
            work,
            on_success=done,
            on_failure=lambda exc: errors.show_error(self, exc, title="导出失败"),
            on_cancelled=lambda: self.status.setText("已取消导出，未生成文件"),
            label="正在导出审计日志…",
            maximum=self.model.total,
        )
        return self.export_operation


def open_audit_log(parent: QWidget, db: Database) -> AuditLogDialog | None:
    """工具 → 审计日志…: the window, or the service's refusal (not an administrator)."""
    found = audit_view.choices(db, current_actor())
    if not found.ok or found.value is None:
        errors.show_error(parent, found.message, title=TITLE)
        return None
    dialog = AuditLogDialog(db, found.value, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
