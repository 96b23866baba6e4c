"""Background operations: long work off the UI thread (Anki ``aqt/operations``, ``taskman``).

    run_in_background(parent, work, on_success=..., label="正在导出…", maximum=total)

``work(progress)`` runs on a pool thread. It may call ``progress(n)`` as it goes; the
number moves the progress dialog, and if the clerk pressed 取消 the call raises
:class:`Cancelled` (cooperative cancel: a service that writes inside one transaction
rolls back). ``on_success(value)``, ``on_failure(exc)`` and ``on_cancelled()`` run on the
main thread. Without ``on_failure`` the error goes to :func:`errors.show_error`.

``work`` must not touch widgets. It may call services (each opens its own session).

Every write from the GUI goes through :func:`run_write` (Anki ``CollectionOp``): the
service runs off the UI thread, a refused write shows its message (or the caller's field
messages), and a done write tells the data hub the topics it touched — the only place
that calls ``DataHub.notify``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from . import errors
from .signals import DataHub

ProgressFn = Callable[[int], None]
W = TypeVar("W")

# Progress updates are forwarded to the UI at most this often (seconds).
_PROGRESS_INTERVAL = 0.05
# A progress dialog appears only if the work takes longer than this (milliseconds).
PROGRESS_DELAY_MS = 400


class Cancelled(Exception):
    """Raised inside ``work`` by ``progress()`` after the clerk pressed 取消."""


class _Relay(QObject):
    """Carries results from the pool thread to the main thread (queued signals)."""

    done = Signal(object)
    failed = Signal(object)
    progressed = Signal(int)


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[ProgressFn], Any], progress: ProgressFn, relay: _Relay):
        super().__init__()
        self.setAutoDelete(True)
        self._work = work
        self._progress = progress
        self._relay = relay

    def run(self) -> None:
        try:
            value = self._work(self._progress)
        except BaseException as exc:  # noqa: BLE001 - everything is reported on the UI thread
            self._relay.failed.emit(exc)
        else:
            self._relay.done.emit(value)


_running: set[Operation] = set()


def active_operations() -> frozenset[Operation]:
    """Operations started and not yet finished (tests wait until this is empty)."""
    return frozenset(_running)


class Operation(QObject):
    """One piece of background work; ``finished`` is emitted after the callbacks ran."""

    finished = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        work: Callable[[ProgressFn], Any],
        *,
        on_success: Callable[[Any], object] | None,
        on_failure: Callable[[BaseException], object] | None,
        on_cancelled: Callable[[], object] | None,
        label: str | None,
        maximum: int,
        cancellable: bool,
    ) -> None:
        super().__init__()
        self._parent = parent
        self._work = work
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_cancelled = on_cancelled
        self._cancel = threading.Event()
        self._last_emit = 0.0
        self._done = False
        self._relay = _Relay()
        self._relay.done.connect(self._finish_ok, Qt.ConnectionType.QueuedConnection)
        self._relay.failed.connect(self._finish_failed, Qt.ConnectionType.QueuedConnection)
        self._relay.progressed.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)
        self.dialog: QProgressDialog | None = None
        if label is not None:
            dialog = QProgressDialog(label, "取消", 0, max(maximum, 0), parent)
            dialog.setWindowTitle("请稍候")
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(PROGRESS_DELAY_MS)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            if cancellable:
                dialog.canceled.connect(self.cancel)
            else:
                dialog.setCancelButton(None)
            dialog.setValue(0)
            self.dialog = dialog

    @property
    def done(self) -> bool:
        return self._done

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def start(self) -> Operation:
        _running.add(self)
        QThreadPool.globalInstance().start(_Runnable(self._work, self._progress, self._relay))
        return self

    def cancel(self) -> None:
        """Ask the work to stop at its next ``progress()`` call."""
        if not self._done:
            self._cancel.set()
            if self.dialog is not None:
                self.dialog.setLabelText("正在取消…")

    # --- pool thread -------------------------------------------------------------
    def _progress(self, value: int) -> None:
        if self._cancel.is_set():
            raise Cancelled()
        now = time.monotonic()
        if now - self._last_emit >= _PROGRESS_INTERVAL:
            self._last_emit = now
            self._relay.progressed.emit(int(value))

    # --- main thread -------------------------------------------------------------
    @Slot(int)
    def _show_progress(self, value: int) -> None:
        if self.dialog is not None and not self._done:
            maximum = self.dialog.maximum()
            self.dialog.setValue(min(value, maximum) if maximum else value)

    def _close_dialog(self) -> None:
        self._done = True  # from here on, closing the dialog is not a cancel
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    @Slot(object)
    def _finish_ok(self, value: object) -> None:
        self._close_dialog()
        try:
            if self._on_success is not None:
                self._on_success(value)
        except Exception as exc:  # a bug in a callback must still reach the clerk
            errors.show_error(self._parent, exc)
        finally:
            self._end()

    @Slot(object)
    def _finish_failed(self, exc: BaseException) -> None:
        self._close_dialog()
        try:
            if isinstance(exc, Cancelled):
                if self._on_cancelled is not None:
                    self._on_cancelled()
            elif self._on_failure is not None:
                self._on_failure(exc)
            else:
                errors.show_error(self._parent, exc)
        except Exception as callback_exc:
            errors.show_error(self._parent, callback_exc)
        finally:
            self._end()

    def _end(self) -> None:
        _running.discard(self)
        self.finished.emit()


def run_in_background(
    parent: QWidget | None,
    work: Callable[[ProgressFn], Any],
    *,
    on_success: Callable[[Any], object] | None = None,
    on_failure: Callable[[BaseException], object] | None = None,
    on_cancelled: Callable[[], object] | None = None,
    label: str | None = None,
    maximum: int = 0,
    cancellable: bool = True,
) -> Operation:
    """Start ``work(progress)`` on a pool thread; see the module docstring.

    ``label`` set: a progress dialog (busy indicator when ``maximum`` is 0) appears if
    the work takes longer than :data:`PROGRESS_DELAY_MS`.
    """
    return Operation(
        parent,
        work,
        on_success=on_success,
        on_failure=on_failure,
        on_cancelled=on_cancelled,
        label=label,
        maximum=maximum,
        cancellable=cancellable,
    ).start()


def wait_for_all(timeout_ms: int = 10_000) -> bool:
    """Process events until every operation finished (shutdown, tests). True if all did."""
    deadline = time.monotonic() + timeout_ms / 1000
    app = QApplication.instance()
    while _running and time.monotonic() < deadline:
        QThreadPool.globalInstance().waitForDone(20)
        if app is not None:
            app.processEvents()
    return not _running


def result_ok(value: object) -> bool:
    """A service's :class:`Result` says whether it wrote; other values mean it did."""
    return bool(getattr(value, "ok", True))


def find_hub(widget: QObject | None) -> DataHub | None:
    """The data hub of the window ``widget`` is in (the first ``hub`` up its parents)."""
    while widget is not None:
        hub = getattr(widget, "hub", None)
        if isinstance(hub, DataHub):
            return hub
        widget = widget.parent()
    return None


def run_write(
    parent: QWidget | None,
    work: Callable[[ProgressFn], W],
    *,
    topics: Sequence[str] = (),
    on_success: Callable[[W], object] | None = None,
    on_refused: Callable[[W], object] | None = None,
    on_failure: Callable[[BaseException], object] | None = None,
    on_cancelled: Callable[[], object] | None = None,
    succeeded: Callable[[W], bool] = result_ok,
    refused_title: str = "未能保存",
    label: str | None = None,
    maximum: int = 0,
    cancellable: bool = False,
    hub: DataHub | None = None,
) -> Operation:
    """Run the writing ``work(progress)`` off the UI thread (usually one service call
    returning a :class:`Result`); then, on the main thread:

    - written (``succeeded(value)``, default: ``value.ok``): ``hub.notify(topic)`` for each
      of ``topics``, then ``on_success(value)``;
    - refused: ``on_refused(value)`` (e.g. messages under the fields), default: the
      result's message in an error box titled ``refused_title``;
    - raised: ``on_failure(exc)``, default :func:`errors.show_error`.

    ``hub`` defaults to the hub of ``parent``'s window (:func:`find_hub`).
    """
    target = hub if hub is not None else find_hub(parent)

    def finished(value: W) -> None:
        if not succeeded(value):
            if on_refused is not None:
                on_refused(value)
            else:
                message = str(getattr(value, "message", "") or "操作未完成")
                errors.show_error(parent, message, title=refused_title)
            return
        if target is not None:
            for topic in topics:
                target.notify(topic)
        if on_success is not None:
            on_success(value)

    return run_in_background(
        parent,
        work,
        on_success=finished,
        on_failure=on_failure,
        on_cancelled=on_cancelled,
        label=label,
        maximum=maximum,
        cancellable=cancellable,
    )
