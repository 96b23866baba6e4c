"""The items' PDFs on every core (:func:`rendered`).

Rendering a case's forms is pure-Python reportlab work (about 0.3–0.5 s a case) that
holds the interpreter lock, so a large year is spread over worker processes ('spawn':
the same on Windows, no copy of a window's Qt state). Each worker opens the database
read-only once and prints into its own scratch folder, reused from item to item.
Results come back in job order, a few jobs in flight per worker (the next job — its
attachments copied first — is made only as a result is taken, so a 100,000-item year
starts at once and holds little memory), so item numbers, progress and the manifest are
the same as in one process, byte for byte. Closing the iterator early (cancel, an
exception from the progress callback) terminates the workers and removes the scratch
folders. Small years, in-memory databases and a frozen (PyInstaller) program without
``multiprocessing.freeze_support`` run in this process.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import shutil
import sys
import tempfile
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from pathlib import Path
from typing import Any, Final

from petitiondesk.store.db import Database

from .items import ItemJob, RenderedItem, render_item

MAX_WORKERS: Final = 4
#: Fewer items than this are rendered in this process (starting a worker costs ~1–2 s).
MIN_PARALLEL: Final = 40
IN_FLIGHT_PER_WORKER: Final = 4

_worker_db: Database | None = None
_worker_scratch: Path | None = None


def default_workers(items: int) -> int:
    """How many processes render ``items`` items when the caller does not say."""
    if items < MIN_PARALLEL or getattr(sys, "frozen", False):
        return 1
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


def _start_worker(url: str, scratch_root: str) -> None:
    global _worker_db, _worker_scratch
    _worker_db = Database.open(url, readonly=True)
    _worker_scratch = Path(tempfile.mkdtemp(prefix=f"w{os.getpid()}-", dir=scratch_root))


def _render_in_worker(job: ItemJob) -> RenderedItem:
    assert _worker_db is not None
    return render_item(_worker_db, job, _worker_scratch)


def _ordered(pool: Any, jobs: Iterator[ItemJob], window: int) -> Iterator[RenderedItem]:
    """Results in job order, at most ``window`` jobs in flight; the next job is made
    (by the caller's iterator, in this thread) only as one is taken."""
    pending: deque[Any] = deque()
    for job in itertools.islice(jobs, window):
        pending.append(pool.apply_async(_render_in_worker, (job,)))
    while pending:
        result = pending.popleft().get()
        for job in itertools.islice(jobs, 1):
            pending.append(pool.apply_async(_render_in_worker, (job,)))
        yield result


def rendered(
    db: Database, jobs: Iterable[ItemJob], count: int, workers: int | None = None
) -> Generator[RenderedItem, None, None]:
    """Each of the ``count`` jobs' items, in order; ``workers`` processes (None:
    :func:`default_workers`; 1: this process). ``jobs`` is consumed lazily, a few jobs
    ahead of the results."""
    processes = default_workers(count) if workers is None else max(1, min(workers, count))
    scratch = Path(tempfile.mkdtemp(prefix="petitiondesk-archive-"))
    try:
        if processes == 1 or db.path is None:
            for job in jobs:
                yield render_item(db, job, scratch)
            return
        context = multiprocessing.get_context("spawn")
        pool = context.Pool(processes, _start_worker, (str(db.path), str(scratch)))
        try:
            yield from _ordered(pool, iter(jobs), IN_FLIGHT_PER_WORKER * processes)
            pool.close()
        finally:
            pool.terminate()
            pool.join()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
