"""台账 → 导出台账…: choose a ledger, period, format and use (:mod:`.dialog`), then export
it in a separate process with a progress dialog that cancels (:mod:`.runner`)."""

from __future__ import annotations

from .runner import LedgerExportRun, export_ledger_interactively

__all__ = ["LedgerExportRun", "export_ledger_interactively"]
