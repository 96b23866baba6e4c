"""One hub that says "the data changed" (Anki ``operation_did_execute``).

Whoever calls a writing service emits :attr:`DataHub.changed` once the write succeeded;
tabs listen and refresh what they show. Tabs never poke each other.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

#: Register entries (petitions) were added or changed.
CASES = "cases"
#: Reference data changed: office name, categories, leaders.
REFERENCE = "reference"
#: Anything may have changed (demo data loaded, database switched).
ALL = "all"


class DataHub(QObject):
    """``changed(what)``: ``what`` is :data:`CASES`, :data:`REFERENCE` or :data:`ALL`."""

    changed = Signal(str)

    def notify(self, what: str = ALL) -> None:
        self.changed.emit(what)


def concerns(what: str, *topics: str) -> bool:
    """True if a change of ``what`` matters to a listener interested in ``topics``."""
    return what == ALL or what in topics
