"""Printing and exporting personal data leaves an audit row: the file appears at its
target only once its row is committed (a refused audit write leaves no file)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from petitiondesk.printing.atomic import replacing
from petitiondesk.store.db import Database

from .. import audit


@contextmanager
def audited_output(db: Database, out: Path, record: Callable[[Session], object]) -> Iterator[Path]:
    """A temporary path to render to; when the block succeeds, ``record(session)`` runs in
    one write transaction and the file is then moved to ``out``."""
    with replacing(Path(out)) as tmp:
        yield tmp
        with db.write() as session:
            record(session)


@dataclass
class ExportTarget:
    """Where an export renders (``path``) and how many rows it wrote (``count``, set by
    the exporter before the block ends: the audit row records it)."""

    path: Path
    count: int = 0


@contextmanager
def audited_export(
    db: Database, out: Path, *, actor: str, ledger: str, label: str, outside: bool = False
) -> Iterator[ExportTarget]:
    """:func:`audited_output` for a ledger export: the audit row (``export_<ledger>``)
    names the file, the row count and the use (内部 / 对外)."""
    target = ExportTarget(Path(out))

    def record(session: Session) -> None:
        audit.record_export(
            session, actor=actor, ledger=ledger, label=label, out=out, count=target.count,
            outside=outside,
        )  # fmt: skip

    with audited_output(db, out, record) as tmp:
        target.path = tmp
        yield target
