"""Printing and exporting personal data leaves an audit row: the file appears at its
target only once its row is committed (a refused audit write leaves no file)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.orm import Session

from petitiondesk.printing.atomic import replacing
from petitiondesk.store.db import Database


@contextmanager
def audited_output(db: Database, out: Path, record: Callable[[Session], object]) -> Iterator[Path]:
    """A temporary path to render to; when the block succeeds, ``record(session)`` runs in
    one write transaction and the file is then moved to ``out``."""
    with replacing(Path(out)) as tmp:
        yield tmp
        with db.write() as session:
            record(session)
