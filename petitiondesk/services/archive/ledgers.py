"""The ledgers and reports that go into a year's archive folder (台账/), each as PDF and
xlsx: ONE list, :data:`ARCHIVE_LEDGERS`, that grows as ledgers land.

A writer takes the database, the year and a progress callback and returns the raw files
by suffix (``{".pdf": ..., ".xlsx": ...}``); the archive makes the PDF a PDF/A, fixes the
xlsx's dates and writes both as ``台账/<stem><suffix>``. To add a ledger (referral,
supervision, closure, reception-day, the statistics report), write a function with the
:data:`LedgerWriter` signature and append an :class:`ArchiveLedger` to the list.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from petitiondesk.store.db import Database

from ..cases import iter_cases, reference_data
from ..printouts.register_ledger import LEDGER, ledger_extras, register_ledger_row

ProgressFn = Callable[[int], None]
#: ``writer(db, year, progress) -> {".pdf": bytes, ".xlsx": bytes}``
LedgerWriter = Callable[[Database, int, ProgressFn | None], Mapping[str, bytes]]


@dataclass(frozen=True)
class ArchiveLedger:
    key: str  # stable identifier (manifest, tests)
    stem: str  # the file name without suffix, in Chinese: 来信来访登记台账
    write: LedgerWriter


def register_ledger_files(
    db: Database, year: int, progress: ProgressFn | None = None
) -> Mapping[str, bytes]:
    """来信来访登记台账 of the year (the office's own copy: nothing masked)."""
    from petitiondesk.printing.ledger_pdf import render_ledger_pdf
    from petitiondesk.printing.ledger_xlsx import write_ledger_xlsx
    from petitiondesk.printing.ledgerspec import load_ledger

    spec = load_ledger(LEDGER)
    office = reference_data(db).office_name
    extras = ledger_extras(db, year)
    rows = [register_ledger_row(r, extras.get(r.id)) for r in iter_cases(db, year=year)]
    xlsx, pdf = io.BytesIO(), io.BytesIO()
    write_ledger_xlsx(
        xlsx, f"{office} {year}年来信来访登记台账", spec.columns, rows, progress,
        sheet_name=spec.sheet_name,
    )  # fmt: skip
    render_ledger_pdf(spec, rows, pdf, values={"office": office, "period": f"{year}年"})
    return {".pdf": pdf.getvalue(), ".xlsx": xlsx.getvalue()}


#: Every ledger and report of the archive, in the order the README lists them.
ARCHIVE_LEDGERS: tuple[ArchiveLedger, ...] = (
    ArchiveLedger("register", "来信来访登记台账", register_ledger_files),
)
