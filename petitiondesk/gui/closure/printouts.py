"""Printing from the 办结 tab: 信访处理意见书, 办结单, 复查/复核意见书 (in the background,
into the print preview).

The print functions (``services.printouts.print_opinion`` / ``print_closure_form`` /
``print_review_decision``, each ``(db, register_no, out) -> Result``) are imported inside
the functions; while they are missing the actions are disabled with a tooltip.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from petitiondesk.services.result import Result

from ..operations import Operation
from ..widgets.print_preview import open_pdf_preview

if TYPE_CHECKING:
    from .tab import ClosureTab

NOT_AVAILABLE = "本版本尚不能打印此表"


def _printer(name: str) -> Callable[..., Result[Any]] | None:
    """``services.printouts.<name>``, or None when that printout is not there yet."""
    try:
        module = importlib.import_module("petitiondesk.services.printouts")
    except ImportError:  # pragma: no cover - the package is always there
        return None
    found = getattr(module, name, None)
    return found if callable(found) else None


def _available(name: str) -> bool:
    """Is ``services.printouts.<name>`` there (its module is imported when printing)?"""
    from petitiondesk.services import printouts

    return printouts.available(name)


def enable_actions(tab: ClosureTab, *, opinion: bool, closed: bool) -> None:
    """Enable each print action for the selected case, or disable it with a tooltip
    when its print function is missing."""
    pending = tab.view is not None and any(rv.decided_on for rv in tab.view.reviews)
    for action, name, wanted in (
        (tab.print_opinion_action, "print_opinion", opinion),
        (tab.print_closure_action, "print_closure_form", closed),
        (tab.print_decision_action, "print_review_decision", pending),
    ):
        available = _available(name)
        action.setEnabled(available and wanted)
        action.setToolTip("" if available else NOT_AVAILABLE)
        action.setStatusTip("" if available else NOT_AVAILABLE)


def _print(tab: ClosureTab, name: str, what: str) -> Operation | None:
    if tab.view is None:
        tab.status_message.emit("请先选择一件事项")
        return None
    printer = _printer(name)
    if printer is None:
        tab.status_message.emit(NOT_AVAILABLE)
        return None
    db, number = tab.db, tab.view.register_no

    def produce(out: Path) -> Result[Any]:
        return printer(db, number, out)

    return open_pdf_preview(
        tab,
        produce,
        file_name=f"{what}_{number}.pdf",
        title=f"{what} {number}",
        label=f"正在生成{what}…",
    )


def print_opinion(tab: ClosureTab) -> Operation | None:
    return _print(tab, "print_opinion", "信访处理意见书")


def print_closure_form(tab: ClosureTab) -> Operation | None:
    return _print(tab, "print_closure_form", "办结单")


def print_review_decision(tab: ClosureTab) -> Operation | None:
    return _print(tab, "print_review_decision", "复查复核意见书")
