"""The items' PDFs on every core (:func:`rendered`).

Rendering a case's forms is pure-Python reportlab work (about 0.3–0.5 s a case) that
holds the interpreter lock, so a large year is spread over worker processes ('spawn':
the same on Windows, no copy of a window's Qt state). Each worker opens the database
read-only once and prints into its own scratch folder, reused from item to item.
Results come back in job order (``imap``), so item numbers, progress and the manifest
are the same as in one process, byte for byte. Closing the iterator early (cancel, an
exception from the progress callback) terminates the workers and removes the scratch
folders. Small years, in-memory databases and a frozen (PyInstaller) program without
``multiprocessing.freeze_support`` run in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sys
import tempfile
from collections.abc import Generator, Iterator, Sequence
from pathlib import Path
from typing import Final

from petitiondesk.store.db import Database

from .items import ItemJob, RenderedItem, render_item

MAX_WORKERS: Final = 4
#: Fewer items than this are rendered in this process (starting a worker costs ~1–2 s).
MIN_PARALLEL: Final = 40

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


def _serial(db: Database, jobs: Sequence[ItemJob], scratch: Path) -> Iterator[RenderedItem]:
    for job in jobs:
        yield render_item(db, job, scratch)


def rendered(
    db: Database, jobs: Sequence[ItemJob], workers: int | None = None
) -> Generator[RenderedItem, None, None]:
    """Each job's item, in order; ``workers`` processes (None: :func:`default_workers`;
    1: this process)."""
    count = default_workers(len(jobs)) if workers is None else max(1, min(workers, len(jobs)))
    scratch = Path(tempfile.mkdtemp(prefix="petitiondesk-archive-"))
    try:
        if count == 1 or db.path is None:
            yield from _serial(db, jobs, scratch)
            return
        context = multiprocessing.get_context("spawn")
        pool = context.Pool(count, _start_worker, (str(db.path), str(scratch)))
        try:
            yield from pool.imap(_render_in_worker, jobs, chunksize=1)
            pool.close()
        finally:
            pool.terminate()
            pool.join()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
