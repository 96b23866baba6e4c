"""A ledger export in a separate process, with progress and cancel (Qt-free).

A year's export holds the interpreter lock for seconds; in a thread it would still
starve the window. :class:`ExportJob` starts the export in a child process ('spawn':
the same on Windows, and no copy of the window's Qt state), passing only plain data
(:class:`ExportRequest`: the database URL, ledger key, range, file, use and the actor's
name and role — an :class:`~petitiondesk.core.identity.Actor` is not picklable by design,
so the child issues its own from the name and role). The child reports progress (rows
done / total) through a one-way pipe; the caller polls it (:meth:`ExportJob.poll`, cheap,
never blocking: a window calls it from a timer). :meth:`ExportJob.cancel` terminates the
child and removes what it left: its half-written ``.part`` file beside the target
(:func:`petitiondesk.printing.atomic.cleanup_stale_parts`) and its own temporary folder
(openpyxl's write-only sheets spool there). The audit row is written by the child only
once the file is complete, in the same step that moves the file into place, so a
cancelled or failed export leaves neither file nor row.
"""

from __future__ import annotations

import multiprocessing
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Final

from petitiondesk.printing.atomic import cleanup_stale_parts

__all__ = ["ExportJob", "ExportRequest", "JobState", "JobStatus"]

SEND_EVERY_S: Final = 0.05  # the child reports progress at most this often
STOP_WAIT_S: Final = 5.0
MSG_CRASHED: Final = "导出进程意外退出（退出代码 {code}），未生成文件"
MSG_CANCELLED: Final = "已取消导出，未生成文件"
MSG_FAILED: Final = "导出失败（错误类型：{reason}），未生成文件"


@dataclass(frozen=True)
class ExportRequest:
    """Everything the child needs, all picklable."""

    db: str  # the database file path or SQLAlchemy URL
    ledger: str  # a key of services.ledgers.LEDGERS
    start: date
    end: date
    out: str  # .pdf or .xlsx
    outside: bool
    actor_name: str
    actor_role: str  # a core.identity.Role value
    account_id: int | None = None
    printed_on: date | None = None
    row_delay_s: float = 0.0  # tests: the row source sleeps this long per row


class JobState(StrEnum):
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass
class JobStatus:
    state: JobState = JobState.RUNNING
    done: int = 0  # rows done (a PDF counts reading and laying out, half each)
    total: int | None = None  # None until the child has counted
    count: int = 0  # rows written, on success
    message: str = ""  # Chinese: the success or failure sentence
    error: BaseException | None = None  # an unexpected failure, for the error dialog

    @property
    def finished(self) -> bool:
        return self.state is not JobState.RUNNING


class ExportJob:
    """One export running in a child process (started on construction)."""

    def __init__(self, request: ExportRequest) -> None:
        self.request = request
        self.status = JobStatus()
        self._tempdir = tempfile.mkdtemp(prefix="petitiondesk-export-")
        context = multiprocessing.get_context("spawn")
        self._conn, child_conn = context.Pipe(duplex=False)
        self._process = context.Process(
            target=run_child, args=(request, child_conn, self._tempdir), daemon=True
        )
        self._process.start()
        child_conn.close()  # the child holds the sending end now

    @property
    def pid(self) -> int | None:
        return self._process.pid

    def poll(self) -> JobStatus:
        """Read what the child reported so far (never blocks) and return the status."""
        if self.status.finished:
            if self._process.exitcode is None:
                self._process.join(0)  # reap the child once it has exited (no waiting)
            return self.status
        self._drain()
        if not self.status.finished and not self._process.is_alive():
            self._process.join()
            self._drain()  # a last message may have arrived as it exited
            if not self.status.finished:
                code = self._process.exitcode
                self._finish(JobState.FAILED, MSG_CRASHED.format(code=code))
        return self.status

    def wait(self, timeout: float | None = None) -> JobStatus:
        """Poll until the job finishes or ``timeout`` seconds pass."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self.poll().finished:
            if deadline is not None and time.monotonic() >= deadline:
                break
            self._conn.poll(0.05)
        return self.status

    def cancel(self) -> JobStatus:
        """Stop the child and remove what it left; a job that finished meanwhile keeps
        its result (its file is complete and recorded)."""
        if self.poll().finished:
            return self.status
        self._process.terminate()
        self._process.join(STOP_WAIT_S)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._drain()
        if not self.status.finished:
            self._finish(JobState.CANCELLED, MSG_CANCELLED)
        return self.status

    # --- internals ----------------------------------------------------------------------
    def _drain(self) -> None:
        try:
            while not self.status.finished and self._conn.poll():
                self._handle(self._conn.recv())
        except (EOFError, OSError):
            pass  # the child closed its end

    def _handle(self, message: tuple[Any, ...]) -> None:
        kind = message[0]
        if kind == "total":
            self.status.total = int(message[1])
        elif kind == "progress":
            self.status.done = int(message[1])
        elif kind == "done":
            _, ok, count, text = message
            self.status.count = int(count)
            if ok:
                self.status.done = self.status.total or int(count)
            self._finish(JobState.SUCCEEDED if ok else JobState.FAILED, str(text))
        elif kind == "error":
            _, error, text = message
            self.status.error = error
            self._finish(JobState.FAILED, str(text))

    def _finish(self, state: JobState, message: str) -> None:
        """Record the outcome and tidy up, without waiting for a child that reported it is
        done (it exits on its own; :meth:`poll` reaps it)."""
        self.status.state = state
        self.status.message = message
        self._conn.close()
        if not self._process.is_alive():  # killed or crashed: it may have left a part
            cleanup_stale_parts(Path(self.request.out).parent)
        shutil.rmtree(self._tempdir, ignore_errors=True)


# --- the child ------------------------------------------------------------------------


class _Reporter:
    """Counts rows on their way to the writer and sends progress, at most every
    :data:`SEND_EVERY_S` seconds."""

    def __init__(self, conn: Connection, pdf: bool, delay: float) -> None:
        self.conn = conn
        self.pdf = pdf
        self.delay = delay
        self.read = 0
        self.placed = 0
        self._sent = 0.0

    def observe(self, rows: Iterator[dict[str, object]]) -> Iterator[dict[str, object]]:
        for row in rows:
            if self.delay:
                time.sleep(self.delay)
            self.read += 1
            self._send()
            yield row

    def written(self, count: int) -> None:
        self.placed = count
        self._send()

    def _send(self) -> None:
        now = time.monotonic()
        if now - self._sent < SEND_EVERY_S:
            return
        self._sent = now
        done = (self.read + self.placed) // 2 if self.pdf else self.read
        self.conn.send(("progress", done))


def _picklable(exc: BaseException) -> BaseException:
    """The error as the parent can receive it (OSError and the like are; others become
    a RuntimeError naming their type, never their text: it may hold personal data)."""
    import pickle

    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(type(exc).__name__)
    return exc


def run_child(request: ExportRequest, conn: Connection, tempdir: str) -> None:
    """The child process: open the database, count, export, report."""
    tempfile.tempdir = tempdir  # openpyxl's spool files: removed by the parent
    try:
        from petitiondesk.core.identity import Role, issue
        from petitiondesk.store.db import Database

        from . import ledger
        from .export import export_ledger

        actor = issue(request.actor_name, Role(request.actor_role), request.account_id)
        db = Database.open(request.db, upgrade=False)
        try:
            conn.send(("total", ledger(request.ledger).count(db, request.start, request.end)))
            out = Path(request.out)
            reporter = _Reporter(conn, out.suffix.lower() == ".pdf", request.row_delay_s)
            result = export_ledger(
                db, request.ledger, request.start, request.end, out, actor=actor,
                outside=request.outside, progress=reporter.written,
                printed_on=request.printed_on, observe_rows=reporter.observe,
            )  # fmt: skip
        finally:
            db.close()
        conn.send(("done", result.ok, result.value or 0, result.message))
    except BaseException as exc:  # reported, never raised: the parent shows it
        conn.send(("error", _picklable(exc), MSG_FAILED.format(reason=type(exc).__name__)))
    finally:
        conn.close()
