"""A ledger export from the window: the child process does the work
(:class:`~petitiondesk.services.ledgers.jobs.ExportJob`); the UI thread only polls it from
a timer, so the window never stalls, and shows a progress dialog whose 取消 terminates the
child (no file is left)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QProgressDialog, QWidget

from petitiondesk.services.ledgers import LEDGERS
from petitiondesk.services.ledgers.jobs import ExportJob, ExportRequest, JobState, JobStatus
from petitiondesk.store.db import Database

from .. import errors
from ..session import current_actor
from .dialog import LedgerChoice, LedgerExportDialog, office_name

POLL_MS = 100
PROGRESS_DELAY_MS = 300
MSG_STARTING = "正在准备导出{title}…"
MSG_RUNNING = "正在导出{title}：{done} / {total} 条"
MSG_CANCELLING = "正在取消…"
MSG_BUSY = "正在导出台账，请稍候"

_runs: set[LedgerExportRun] = set()


def active_runs() -> frozenset[LedgerExportRun]:
    return frozenset(_runs)


class LedgerExportRun(QObject):
    """One export: started on construction, ``finished(status)`` once it ends."""

    finished = Signal(object)

    def __init__(self, parent: QWidget | None, request: ExportRequest) -> None:
        super().__init__(parent)
        self.request = request
        self.title = LEDGERS[request.ledger].title
        self.dialog = QProgressDialog(MSG_STARTING.format(title=self.title), "取消", 0, 0, parent)
        self.dialog.setWindowTitle("导出台账")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(PROGRESS_DELAY_MS)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.job = ExportJob(request)
        self.status: JobStatus = self.job.status
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.cancel)
        _runs.add(self)

    @property
    def done(self) -> bool:
        return self.status.finished

    def poll(self) -> None:
        """Read the child's progress (never blocks) and show it."""
        if self.done:
            return
        status = self.job.poll()
        if status.finished:
            self._end(status)
            return
        if status.total is not None:
            self.dialog.setMaximum(max(status.total, 1))
            self.dialog.setValue(min(status.done, status.total))
            text = MSG_RUNNING.format(title=self.title, done=status.done, total=status.total)
            self.dialog.setLabelText(text)

    def cancel(self) -> None:
        if self.done:
            return
        self.dialog.setLabelText(MSG_CANCELLING)
        self._end(self.job.cancel())

    def _end(self, status: JobStatus) -> None:
        self.status = status
        self.timer.stop()
        self.dialog.blockSignals(True)  # closing it is not a cancel
        self.dialog.close()
        self.dialog.deleteLater()
        _runs.discard(self)
        self.finished.emit(status)


def export_ledger_interactively(window: QMainWindow, db: Database) -> LedgerExportRun | None:
    """台账 → 导出台账…: the dialog, then the export with progress; the outcome goes to
    the status bar (success, cancel) or an error box (failure, in Chinese)."""
    if _runs:
        window.statusBar().showMessage(MSG_BUSY, 5000)
        return None
    dialog = LedgerExportDialog(office_name(db), window)
    if dialog.exec() != LedgerExportDialog.DialogCode.Accepted:
        return None
    return start_export(window, db, dialog.choice())


def start_export(window: QMainWindow, db: Database, choice: LedgerChoice) -> LedgerExportRun:
    """Start the export ``choice`` as the clerk at the keyboard (the child issues the
    actor again from the name and role); report its outcome in the window."""
    actor = current_actor()
    request = ExportRequest(
        db=db.url.render_as_string(hide_password=False),
        ledger=choice.key,
        start=choice.start,
        end=choice.end,
        out=str(choice.out),
        outside=choice.outside,
        actor_name=str(actor),
        actor_role=actor.role.value,
        account_id=actor.account_id,
    )
    run = LedgerExportRun(window, request)
    run.finished.connect(lambda status: report(window, status))
    return run


def report(window: QMainWindow, status: JobStatus) -> None:
    if status.state is JobState.SUCCEEDED or status.state is JobState.CANCELLED:
        window.statusBar().showMessage(status.message, 15_000)
        return
    errors.show_error(window, status.error or status.message, title="导出未完成")
