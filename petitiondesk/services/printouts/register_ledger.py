"""The registration ledger (来信来访登记台账) of one year as xlsx: the year export of the
window's 文件 menu and ``export register --year``. The rows and the writing live in the
ledger registry (:mod:`petitiondesk.services.ledgers.register`,
:mod:`petitiondesk.services.ledgers.export`); this keeps the year-shaped entry point."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.store.db import Database

from ..ledgers.register import LedgerExtra, register_ledger_row
from ..result import Result

__all__ = ["LEDGER", "LedgerExtra", "export_register", "register_ledger_row"]

LEDGER = "register_ledger"


def export_register(
    db: Database,
    year: int,
    out: Path,
    *,
    progress: Callable[[int], None] | None = None,
    actor: Actor,
    outside: bool = False,
) -> Result[int]:
    """The registration ledger (来信来访登记台账) of one year as xlsx; returns the row count.
    ``outside``: for outside use, ID numbers and phones masked (the office's own copy keeps
    them). The export is recorded in the audit log (``export_register_ledger``), with its
    use (对外 / 内部) and range."""
    if why := refusal(actor, Permission.EXPORT):
        return Result.failure({"": why})
    from ..ledgers.export import office_name, write_ledger

    title = f"{office_name(db)} {year}年来信来访登记台账"
    result = write_ledger(
        db, "register", date(year, 1, 1), date(year, 12, 31), Path(out), actor=actor,
        outside=outside, progress=progress, heading=(title, ""),
    )  # fmt: skip
    count = result.unwrap()
    return Result.success(count, f"已导出 {count} 条登记：{out}")
