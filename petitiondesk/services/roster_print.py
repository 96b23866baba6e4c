"""Moved to :mod:`petitiondesk.services.printouts` (``roster`` for the published roster,
``cards`` for the 四卡; ``period_text`` is :func:`petitiondesk.core.periods.period_text`).
This module only keeps the old import path working for the window until its imports
follow; new code imports from ``services.printouts``."""

from __future__ import annotations

from petitiondesk.core.periods import period_text

from .printouts.cards import (
    UnitChoice,
    booking_no_of,
    booking_number,
    card_values,
    cards_file_name,
    print_cards,
    responsible_units,
)
from .printouts.roster import (
    ROSTER_SUFFIXES,
    portfolio_for_print,
    print_roster,
    roster_file_name,
    roster_print_rows,
)

__all__ = [
    "ROSTER_SUFFIXES",
    "UnitChoice",
    "booking_no_of",
    "booking_number",
    "card_values",
    "cards_file_name",
    "period_text",
    "portfolio_for_print",
    "print_cards",
    "print_roster",
    "responsible_units",
    "roster_file_name",
    "roster_print_rows",
]
