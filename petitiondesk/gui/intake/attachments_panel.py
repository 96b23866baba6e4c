"""附件…: the scanned letters and photos of one case.

Lists :func:`services.attachments.list_attachments` (name, size, the start of the
SHA-256, when added). 添加… (Insert) asks for a file and copies it in the background
(:func:`services.attachments.add_attachment`: copied into the data folder and hashed);
打开 (Enter) opens the stored copy with the program the PC uses for it; 校验 re-reads
the file and compares it with the hash taken when it was added.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from petitiondesk.core.identity import Actor
from petitiondesk.services import attachments
from petitiondesk.services.attachments import AttachmentInfo
from petitiondesk.services.cases import CaseRow
from petitiondesk.services.result import Result
from petitiondesk.store.db import Database

from .. import prompts
from ..operations import Operation, ProgressFn, run_in_background, run_write
from ..widgets.field_messages import ERROR_COLOR, OK_COLOR, FieldMessage

COL_NAME, COL_SIZE, COL_HASH, COL_ADDED, COL_CHECK = range(5)
HEADERS = ("文件名", "大小", "SHA-256", "添加时间", "校验")
HASH_CHARS = 12
FILE_FILTER = "扫描件和照片 (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.bmp);;所有文件 (*)"
INFO_ROLE = Qt.ItemDataRole.UserRole + 1


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def open_file(path: Path) -> bool:
    """Open ``path`` with the program the PC uses for it (tests replace this)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class AttachmentsDialog(QDialog):
    """The attachments of one case. ``changed`` after one was added."""

    changed = Signal()

    def __init__(
        self,
        db: Database,
        case: CaseRow,
        *,
        actor: Actor,
        data_dir: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.case = case
        self.actor = actor
        self.data_dir = data_dir
        self.operation: Operation | None = None
        self.setWindowTitle(f"附件 — {case.register_no} {case.name}")
        self.resize(760, 360)

        title = QLabel(f"<b>{case.register_no}</b>　{case.name}　扫描的来信、照片等材料")
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("attachments_table")
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COL_SIZE, 80), (COL_HASH, 120), (COL_ADDED, 130), (COL_CHECK, 90)):
            head.resizeSection(column, width)
        self.table.activated.connect(lambda _i: self.open_selected())
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.message = FieldMessage("attachments", self)
        self.add_button = QPushButton("添加… (Ins)")
        self.add_button.setObjectName("add_button")
        self.open_button = QPushButton("打开 (Enter)")
        self.verify_button = QPushButton("校验")
        self.verify_button.setToolTip("重新读取选中的文件，与添加时的校验码比对")
        self.close_button = QPushButton("关闭")
        self.add_button.clicked.connect(self.add)
        self.open_button.clicked.connect(self.open_selected)
        self.verify_button.clicked.connect(self.verify_selected)
        self.close_button.clicked.connect(self.accept)
        for button in (self.add_button, self.open_button, self.verify_button, self.close_button):
            button.setAutoDefault(False)  # Enter in the list opens the file, nothing else
        QShortcut(QKeySequence(Qt.Key.Key_Insert), self).activated.connect(self.add)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.verify_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.reload()
        self.table.setFocus()

    # --- list ----------------------------------------------------------------------------------
    def reload(self, select: int | None = None) -> None:
        rows = attachments.list_attachments(self.db, self.case.id)
        self.table.setRowCount(len(rows))
        for row, info in enumerate(rows):
            cells = (
                info.filename,
                size_text(info.size),
                info.sha256[:HASH_CHARS],
                f"{info.added_at:%Y-%m-%d %H:%M}",
                "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(INFO_ROLE, info)
                if column == COL_HASH:
                    item.setToolTip(info.sha256)
                if column == COL_SIZE:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
            if info.id == select:
                self.table.selectRow(row)
        if select is None and rows:
            self.table.selectRow(0)
        self._update_buttons()

    def infos(self) -> list[AttachmentInfo]:
        out = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, COL_NAME)
            if item is not None:
                out.append(item.data(INFO_ROLE))
        return out

    def selected(self) -> AttachmentInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), COL_NAME)
        return item.data(INFO_ROLE) if item is not None else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.open_button.setEnabled(chosen)
        self.verify_button.setEnabled(chosen)

    def _busy(self) -> bool:
        return self.operation is not None and not self.operation.done

    # --- actions ---------------------------------------------------------------------------------
    def add(self) -> None:
        if self._busy():
            return
        source = prompts.ask_open_path(self, "添加附件", FILE_FILTER)
        if source is None:
            return
        db, petition, actor, data_dir = self.db, self.case.id, self.actor, self.data_dir

        def work(_progress: ProgressFn) -> Result[AttachmentInfo]:
            return attachments.add_attachment(db, petition, source, actor=actor, data_dir=data_dir)

        def done(result: Result[AttachmentInfo]) -> None:
            if not result.ok or result.value is None:
                self.message.set_error(result.message)
                return
            self.reload(select=result.value.id)
            self.message.set_ok(
                f"✓ {result.message}（SHA-256 {result.value.sha256[:HASH_CHARS]}…）"
            )
            self.changed.emit()

        self.message.set_ok(f"正在复制 {source.name}…")
        # The register does not show attachments: no topic to tell.
        self.operation = run_write(
            self, work, on_success=done, on_refused=done, label="正在复制附件…"
        )

    def open_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        located = attachments.attachment_path(self.db, info.id, data_dir=self.data_dir)
        if not located.ok or located.value is None:
            self.message.set_error(located.message)
            return
        if not open_file(located.value):
            self.message.set_error(f"没有能打开 {info.filename} 的程序")
            return
        self.message.set_ok(f"已打开 {info.filename}")

    def verify_selected(self) -> None:
        info = self.selected()
        if info is None or self._busy():
            return
        db, data_dir = self.db, self.data_dir

        def work(_progress: ProgressFn) -> Result[AttachmentInfo]:
            return attachments.verify_attachment(db, info.id, data_dir=data_dir)

        def done(result: Result[AttachmentInfo]) -> None:
            good = result.ok
            if good:
                self._mark(info.id, "✓ 完好", OK_COLOR)
            else:
                lost = "丢失" in result.message
                self._mark(info.id, "✗ 文件丢失" if lost else "✗ 不一致", ERROR_COLOR)
            if good:
                self.message.set_ok(f"✓ {result.message}")
            else:
                self.message.set_error(result.message)

        self.operation = run_in_background(
            self, work, on_success=done, label="正在校验…", cancellable=False
        )

    def _mark(self, attachment_id: int, text: str, color: str) -> None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, COL_CHECK)
            if item is not None and item.data(INFO_ROLE).id == attachment_id:
                item.setText(text)
                item.setForeground(QBrush(QColor(color)))

    def check_text(self, row: int) -> str:
        item = self.table.item(row, COL_CHECK)
        return item.text() if item is not None else ""
