"""The 交办督办 tab's title with its counts (light: the window uses it before the tab is
built, see :mod:`petitiondesk.gui.tabs`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from petitiondesk.core.enums import DueState

if TYPE_CHECKING:
    from petitiondesk.services.referrals import Board

TITLE = "交办督办"


def board_title(board: Board) -> str:
    """The tab's text: the board's counts (``交办督办（超期 3 · 将到期 2）``), or just
    ``交办督办`` when nothing is overdue or due soon."""
    if board.counts[DueState.OVERDUE] or board.counts[DueState.DUE_SOON]:
        return board.title
    return TITLE
