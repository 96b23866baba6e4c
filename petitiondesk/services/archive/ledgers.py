"""The ledgers and reports that go into a year's archive folder (台账/), each as PDF and
xlsx: ONE list, :data:`ARCHIVE_LEDGERS`, that grows as ledgers land.

A writer takes the database, the year and a progress callback and returns the raw files
by suffix (``{".pdf": ..., ".xlsx": ...}``); the archive makes the PDF a PDF/A, fixes the
xlsx's dates and writes both as ``台账/<stem><suffix>``. To add a ledger (referral,
supervision, closure, reception-day, the statistics report), write a function with the
:data:`LedgerWriter` signature and append an :class:`ArchiveLedger` to the list.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from tempfile import TemporaryDirectory

from petitiondesk.store.db import Database

from ..ledgers import LEDGERS

ProgressFn = Callable[[int], None]
#: ``writer(db, year, progress) -> {".pdf": bytes, ".xlsx": bytes}``
LedgerWriter = Callable[[Database, int, ProgressFn | None], Mapping[str, bytes]]


@dataclass(frozen=True)
class ArchiveLedger:
    key: str  # stable identifier (manifest, tests)
    stem: str  # the file name without suffix, in Chinese: 来信来访登记台账
    write: LedgerWriter


def _closing_day(year: int) -> date:
    """The print date of every archived ledger and report: the year's last day (fixed, so
    a second run gives the same bytes)."""
    return date(year, 12, 31)


def _ledger_writer(key: str) -> LedgerWriter:
    """The office's own copy (nothing masked) of ledger ``key`` for the whole year."""

    def write(db: Database, year: int, progress: ProgressFn | None = None) -> Mapping[str, bytes]:
        from ..ledgers.export import ledger_files

        return ledger_files(
            db, key, date(year, 1, 1), _closing_day(year), printed_on=_closing_day(year)
        )

    return write


def statistics_files(
    db: Database, year: int, progress: ProgressFn | None = None
) -> Mapping[str, bytes]:
    """The year's statistics report (每月统计分类 of the whole year) with its charts."""
    from petitiondesk.core.statistics.period import Period

    from ..statistics.reports import write_statistics_report

    with TemporaryDirectory(prefix="petitiondesk-archive-") as folder:
        pdf, xlsx = Path(folder) / "report.pdf", Path(folder) / "report.xlsx"
        write_statistics_report(db, Period.whole_year(year), pdf, xlsx, as_of=_closing_day(year))
        return {".pdf": pdf.read_bytes(), ".xlsx": xlsx.read_bytes()}


#: Every ledger and report of the archive, in the order the README lists them.
ARCHIVE_LEDGERS: tuple[ArchiveLedger, ...] = (
    *(ArchiveLedger(key, item.title, _ledger_writer(key)) for key, item in LEDGERS.items()),
    ArchiveLedger("statistics", "信访统计年报", statistics_files),
)
