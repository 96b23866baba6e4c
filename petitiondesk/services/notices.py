"""Moved to :mod:`petitiondesk.services.printouts` (``acceptance_notice``,
``conversation_record``). This module only keeps the old import path working for the
window until its imports follow; new code imports from ``services.printouts``."""

from __future__ import annotations

from .printouts.acceptance_notice import COPY_LABELS, notice_values, print_acceptance_notice
from .printouts.conversation_record import print_conversation_record

__all__ = [
    "COPY_LABELS",
    "notice_values",
    "print_acceptance_notice",
    "print_conversation_record",
]
