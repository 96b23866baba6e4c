"""One hub that says "the data changed" (Anki ``operation_did_execute``).

The write helper (:func:`operations.run_write`) emits :attr:`DataHub.changed` with the
topics a write touched once it succeeded; tabs listen (:attr:`tab.TabContract.topics`)
and refresh what they show. Tabs never poke each other. Every topic is declared here.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

#: Register entries (petitions) were added or changed.
CASES = "cases"
#: Reference data changed: office name, categories, leaders.
REFERENCE = "reference"
#: The roster: slots, changes (替班/调换/递补), bookings, leaders and reception rules.
ROSTER = "roster"
#: Office settings (设置): name, letterhead, officers, group-visit rules, deadline rules.
SETTINGS = "settings"
#: The holiday calendar (节假日安排): days off, make-up days, years marked complete.
CALENDAR = "calendar"
#: Referrals and supervision: 交办/转送, 签收, 回退, 办理结果, 延期, 催办, 督办单, 回执.
REFERRALS = "referrals"
#: Closure and review (办结): completion reports, opinions, delivery, 复查/复核.
CLOSURE = "closure"
#: Anything may have changed (demo data loaded, database switched).
ALL = "all"


class DataHub(QObject):
    """``changed(what)``: ``what`` is one of the topics above."""

    changed = Signal(str)

    def notify(self, what: str = ALL) -> None:
        self.changed.emit(what)


def concerns(what: str, *topics: str) -> bool:
    """True if a change of ``what`` matters to a listener interested in ``topics``."""
    return what == ALL or what in topics
