"""The tabs of the main window, in their order (the one place that names them)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from petitiondesk.store.db import Database

from .closure.tab import ClosureTab
from .intake.tab import IntakeTab
from .referral.tab import ReferralTab
from .roster.tab import RosterTab
from .signals import DataHub
from .statistics.tab import StatisticsTab
from .tab import TabContract

#: Makes a tab for the window: ``factory(db, hub)``.
TabFactory = Callable[[Database, DataHub], TabContract]

TAB_ROSTER = 0
TAB_INTAKE = 1
TAB_REFERRAL = 2
TAB_CLOSURE = 3
TAB_STATISTICS = 4

DEFAULT_TABS: Sequence[TabFactory] = (
    RosterTab,
    IntakeTab,
    ReferralTab,
    ClosureTab,
    StatisticsTab,
)
#: The tab in front when the window opens.
START_TAB = TAB_INTAKE
