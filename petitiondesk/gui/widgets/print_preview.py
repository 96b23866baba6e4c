"""Print preview of a PDF (来访登记单, 排班公示, 四卡 …): show the PDF, print it, save it.

The PDF comes from a service (laid out by ``printing/``): :func:`open_pdf_preview` takes
a callable that writes it, e.g. :func:`services.printouts.print_registration` behind
:func:`open_print_preview`; this module only shows and prints it. Printing renders each
page of the PDF with QtPdf at the printer's resolution onto a ``QPrinter``, off the UI
thread.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF, QRect, QSize, Qt
from PySide6.QtGui import QKeySequence, QPageSize, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from petitiondesk.services.result import Result
from petitiondesk.store.db import Database

from .. import errors, prompts
from ..errors import PrinterMissingError, PrintFailedError
from ..operations import Operation, ProgressFn, run_in_background
from ..session import current_actor

# Rendering above this resolution only costs memory (an A4 page at 600 dpi is ~140 MB).
MAX_RENDER_DPI = 600


def available_printers() -> list[str]:
    """Names of the installed printers (tests replace this)."""
    return list(QPrinterInfo.availablePrinterNames())


def slip_file_name(register_no: str) -> str:
    return f"来访登记单-{register_no}.pdf"


def render_pdf_to_printer(pdf_path: Path, printer: QPrinter, progress: ProgressFn) -> int:
    """Print every page of ``pdf_path`` on ``printer``; returns the number of pages.

    Runs on a worker thread (QPainter on a QPrinter is allowed there). Each page is
    rendered at the printer's resolution (capped) and fitted to the paper, centred.
    """
    document = QPdfDocument()
    try:
        document.load(str(pdf_path))
        if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
            raise PrintFailedError("待打印的文件无法读取")
        dpi = min(printer.resolution(), MAX_RENDER_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintFailedError("无法连接打印机，请检查打印机是否开机、是否缺纸")
        try:
            for page in range(document.pageCount()):
                if page and not printer.newPage():
                    raise PrintFailedError("打印机未接受下一页")
                points = document.pagePointSize(page)
                image = document.render(
                    page, QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
                )
                target = painter.viewport()
                scaled = QSize(image.width(), image.height()).scaled(
                    target.size(), Qt.AspectRatioMode.KeepAspectRatio
                )
                x = target.x() + (target.width() - scaled.width()) // 2
                y = target.y() + (target.height() - scaled.height()) // 2
                painter.drawImage(QRect(x, y, scaled.width(), scaled.height()), image)
                progress(page + 1)
        finally:
            painter.end()
        return document.pageCount()
    finally:
        document.close()


class PrintPreviewDialog(QDialog):
    """Shows one PDF; 打印…, 另存为PDF…, 关闭. Deletes ``cleanup_dir`` when closed.

    ``title`` names the document (window title, print job); ``file_name`` is offered by
    另存为PDF…. Both default to those of the registration slip ``register_no``.
    """

    def __init__(
        self,
        pdf_path: Path,
        register_no: str = "",
        *,
        cleanup_dir: Path | None = None,
        parent: QWidget | None = None,
        title: str | None = None,
        file_name: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.pdf_path = Path(pdf_path)
        self.register_no = register_no
        self.document_title = title or f"来访登记单 {register_no}"
        self.file_name = file_name or slip_file_name(register_no)
        self._cleanup_dir = cleanup_dir
        self._printer: QPrinter | None = None
        self.print_operation: Operation | None = None
        self.setWindowTitle(f"{self.document_title} — 打印预览")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        self.document = QPdfDocument(self)
        self.document.load(str(self.pdf_path))
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.view.setStyleSheet("background: #808080;")

        pages = self.document.pageCount()
        self.page_label = QLabel()
        self.previous_button = QPushButton("上一页")
        self.next_button = QPushButton("下一页")
        self.previous_button.clicked.connect(lambda: self.go_to_page(self.current_page() - 1))
        self.next_button.clicked.connect(lambda: self.go_to_page(self.current_page() + 1))
        self.view.pageNavigator().currentPageChanged.connect(self._update_page_label)
        for widget in (self.page_label, self.previous_button, self.next_button):
            widget.setVisible(pages > 1)

        self.status_label = QLabel()
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.print_button = QPushButton("打印…")
        self.print_button.setToolTip("选择打印机并打印（Ctrl+P）")
        self.save_button = QPushButton("另存为PDF…")
        self.close_button = QPushButton("关闭")
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_as_pdf)
        self.close_button.clicked.connect(self.reject)
        print_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self)
        print_shortcut.activated.connect(self.print_document)

        buttons = QHBoxLayout()
        buttons.addWidget(self.previous_button)
        buttons.addWidget(self.page_label)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

        self._update_page_label()
        self.finished.connect(self._release)
        self.resize(self._good_size())

    def _good_size(self) -> QSize:
        size = QSize(860, 1040)
        screen = self.screen() or QApplication.primaryScreen()
        if screen is not None:
            available = screen.availableGeometry().size()
            size = size.boundedTo(
                QSize(int(available.width() * 0.9), int(available.height() * 0.92))
            )
        return size

    # --- pages -------------------------------------------------------------------------
    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to_page(self, page: int) -> None:
        if 0 <= page < self.page_count():
            self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())

    def _update_page_label(self) -> None:
        page, pages = self.current_page(), self.page_count()
        self.page_label.setText(f"第 {page + 1} / {pages} 页")
        self.previous_button.setEnabled(page > 0)
        self.next_button.setEnabled(page + 1 < pages)

    # --- actions -----------------------------------------------------------------------
    def print_document(self) -> None:
        if self.print_operation is not None and not self.print_operation.done:
            return
        if not available_printers():
            errors.show_error(self, PrinterMissingError(), title="无法打印")
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setFullPage(True)  # the PDF carries its own margins
        printer.setDocName(self.document_title)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(f"打印 {self.document_title}")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._printer = printer  # kept alive until the job is done
        self.status_label.setText("正在打印…")
        self.print_button.setEnabled(False)
        path = self.pdf_path

        def done(pages: int) -> None:
            self.status_label.setText(f"已送打印机，共 {pages} 页")

        def failed(exc: BaseException) -> None:
            self.status_label.setText("打印失败")
            errors.show_error(self, exc, title="无法打印")

        operation = run_in_background(
            self,
            lambda progress: render_pdf_to_printer(path, printer, progress),
            on_success=done,
            on_failure=failed,
            label="正在打印…",
            maximum=self.page_count(),
        )
        operation.finished.connect(self._print_finished)
        self.print_operation = operation

    def _print_finished(self) -> None:
        self._printer = None
        self.print_button.setEnabled(True)

    def save_as_pdf(self) -> None:
        target = prompts.ask_save_path(
            self, "另存为PDF", Path.home() / self.file_name, "PDF 文件 (*.pdf)"
        )
        if target is None:
            return
        try:
            shutil.copyfile(self.pdf_path, target)
        except OSError as exc:
            errors.show_error(self, exc, title="未能保存")
            return
        self.status_label.setText(f"已保存：{target}")

    def _release(self) -> None:
        self.document.close()
        if self._cleanup_dir is not None:
            shutil.rmtree(self._cleanup_dir, ignore_errors=True)
            self._cleanup_dir = None


def open_pdf_preview(
    parent: QWidget | None,
    produce: Callable[[Path], Result[Any]],
    *,
    file_name: str,
    title: str,
    label: str = "正在生成…",
    error_title: str = "无法打印",
    on_open: Callable[[PrintPreviewDialog], None] | None = None,
) -> Operation:
    """Write a PDF off the UI thread with ``produce(out)`` (a service returning a
    ``Result``; on success the PDF is at ``out``), then show it in the preview.
    A failed result or an exception reaches the clerk through :func:`errors.show_error`."""
    folder = Path(tempfile.mkdtemp(prefix="petitiondesk-print-"))
    out = folder / file_name

    def work(_progress: ProgressFn) -> Result[Any]:
        return produce(out)

    def show(result: Result[Any]) -> None:
        if not result.ok or not out.is_file():
            shutil.rmtree(folder, ignore_errors=True)
            errors.show_error(parent, result.message or f"未能生成{title}", title=error_title)
            return
        dialog = PrintPreviewDialog(
            out, cleanup_dir=folder, parent=parent, title=title, file_name=file_name
        )
        dialog.open()
        if on_open is not None:
            on_open(dialog)

    def failed(exc: BaseException) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        errors.show_error(parent, exc, title=f"无法生成{title}")

    return run_in_background(
        parent, work, on_success=show, on_failure=failed, label=label, cancellable=False
    )


def open_print_preview(
    parent: QWidget | None,
    db: Database,
    register_no: str,
    *,
    on_open: Callable[[PrintPreviewDialog], None] | None = None,
) -> Operation:
    """Render the slip of ``register_no`` off the UI thread, then show the preview
    (the printing is recorded in the audit log under the current user)."""
    actor = current_actor()

    def produce(out: Path) -> Result[Path]:
        # Imported here: reportlab is slow to import and not needed to start.
        from petitiondesk.services import printouts

        return printouts.print_registration(db, register_no, out, actor=actor)

    def opened(dialog: PrintPreviewDialog) -> None:
        dialog.register_no = register_no
        if on_open is not None:
            on_open(dialog)

    return open_pdf_preview(
        parent,
        produce,
        file_name=slip_file_name(register_no),
        title=f"来访登记单 {register_no}",
        label="正在生成登记单…",
        error_title="无法打印",
        on_open=opened,
    )
