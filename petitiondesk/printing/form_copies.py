"""Several filled copies of one form in one PDF: 一式二份 (信访人联 + 存档联) and the like.

The renderer lives in :mod:`petitiondesk.printing.form_pdf` (a one-copy form is its
special case); this module keeps the name importable where callers expect it.
"""

from __future__ import annotations

from petitiondesk.printing.form_pdf import render_form_copies_pdf

__all__ = ["render_form_copies_pdf"]
