"""The 办结 tab's title with its counts (light: the window uses it before the tab is
built, see :mod:`petitiondesk.gui.tabs`)."""

from __future__ import annotations


def board_title(counts: tuple[int, int, int]) -> str:
    """The tab's text from :attr:`ClosureBoard.counts` (awaiting, windows open, due)."""
    awaiting, windows, due = counts
    return f"办结 ({awaiting}/{windows}/{due})" if any(counts) else "办结"
