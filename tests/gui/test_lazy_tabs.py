"""Tabs load lazily (issue 15, start-up): only the tab in front reads its data at start; a
hidden tab reads nothing until it is shown; a change made while it is hidden shows when it
is shown; the title badges (counts) stay right meanwhile, from one cheap query."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from functools import partial
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from petitiondesk.core.identity import Role
from petitiondesk.gui import operations, signals
from petitiondesk.gui.closure.tab import ClosureTab
from petitiondesk.gui.intake.tab import IntakeTab
from petitiondesk.gui.main_window import MainWindow
from petitiondesk.gui.referral.tab import ReferralTab
from petitiondesk.gui.roster.tab import RosterTab
from petitiondesk.gui.statistics.tab import StatisticsTab
from petitiondesk.services import closure, referrals, roster, statistics
from petitiondesk.services.referrals import ReportInput, report_back
from petitiondesk.store.db import Database
from tests.helpers import actor
from tests.services.referrals.setup import accepted_case, add_units, refer

OVERDUE_DAY = date(2026, 12, 28)  # a referral of 2026-11-25 is due 2026-12-23
DUE_SOON_DAY = date(2026, 12, 21)


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often each tab's loading service was called."""
    counted: Counter[str] = Counter()

    def counting(module: Any, name: str) -> None:
        real = getattr(module, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            counted[name] += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapper)

    counting(referrals, "referral_board")
    counting(closure, "closure_board")
    counting(roster, "list_roster")
    counting(statistics, "load_report")
    return counted


def open_window(db: Database, qtbot: QtBot, today: Callable[[], date] = date.today) -> MainWindow:
    tabs = (
        partial(RosterTab, today=today),
        IntakeTab,
        partial(ReferralTab, today=today),
        partial(ClosureTab, today=today),
        StatisticsTab,
    )
    window = MainWindow(db, tabs=tabs, actor=actor("赵丽", Role.ADMIN))
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def windows() -> Iterator[list[MainWindow]]:
    made: list[MainWindow] = []
    yield made
    operations.wait_for_all(20_000)
    for window in made:
        window.close()
        window.deleteLater()
    QApplication.processEvents()


def tab_text(window: MainWindow, tab: Any) -> str:
    return window.tabs.tabText(window.tabs.indexOf(tab))


def test_only_the_tab_in_front_loads_at_start(
    db: Database, qtbot: QtBot, calls: Counter[str], windows: list[MainWindow]
) -> None:
    window = open_window(db, qtbot)
    windows.append(window)
    assert window.tabs.currentWidget() is window.intake and window.intake.loaded
    hidden = [window.roster, window.referral, window.closure, window.statistics]
    assert not any(tab.loaded for tab in hidden)
    assert calls == Counter()  # no hidden tab read its data
    window.tabs.setCurrentWidget(window.referral)
    assert calls == Counter({"referral_board": 1}) and window.referral.loaded
    window.tabs.setCurrentWidget(window.closure)
    window.tabs.setCurrentWidget(window.roster)
    assert calls["closure_board"] == 1 and calls["list_roster"] >= 1
    window.tabs.setCurrentWidget(window.statistics)
    qtbot.waitUntil(lambda: not window.statistics.is_loading(), timeout=20_000)
    assert calls["load_report"] == 1
    window.tabs.setCurrentWidget(window.referral)  # nothing changed: no reload
    assert calls["referral_board"] == 1


def test_a_change_while_hidden_shows_when_shown_and_the_badge_follows(
    db: Database, qtbot: QtBot, calls: Counter[str], windows: list[MainWindow]
) -> None:
    units = add_units(db)
    window = open_window(db, qtbot, today=lambda: OVERDUE_DAY)
    windows.append(window)
    tab: ReferralTab = window.referral  # type: ignore[attr-defined]
    window.tabs.setCurrentWidget(tab)
    assert tab.model.rowCount() == 0 and tab_text(window, tab) == "交办督办"
    window.tabs.setCurrentWidget(window.intake)

    refer(db, accepted_case(db), units["城关镇人民政府"])
    window.hub.notify(signals.REFERRALS)  # as the write helper does after a write
    assert calls["referral_board"] == 1  # hidden: the board is not read again...
    assert tab.stale and tab_text(window, tab) == "交办督办（超期 1 · 将到期 0）"  # ...the badge is

    window.tabs.setCurrentWidget(tab)
    assert calls["referral_board"] == 2 and not tab.stale
    assert tab.model.rowCount() == 1
    assert tab_text(window, tab) == "交办督办（超期 1 · 将到期 0）"


def test_badges_are_right_at_start_without_loading_the_tabs(
    db: Database, qtbot: QtBot, calls: Counter[str], windows: list[MainWindow]
) -> None:
    units = add_units(db)
    refer(db, accepted_case(db), units["城关镇人民政府"])
    window = open_window(db, qtbot, today=lambda: DUE_SOON_DAY)
    windows.append(window)
    assert tab_text(window, window.referral) == "交办督办（超期 0 · 将到期 1）"
    assert tab_text(window, window.closure) == "办结"
    assert calls == Counter()
    window.tabs.setCurrentWidget(window.referral)  # loading the board agrees
    assert tab_text(window, window.referral) == "交办督办（超期 0 · 将到期 1）"


def test_a_hidden_badge_follows_the_board_filters(
    db: Database, qtbot: QtBot, windows: list[MainWindow]
) -> None:
    units = add_units(db)
    refer(db, accepted_case(db), units["城关镇人民政府"])
    window = open_window(db, qtbot, today=lambda: OVERDUE_DAY)
    windows.append(window)
    tab: ReferralTab = window.referral  # type: ignore[attr-defined]
    assert tab_text(window, tab) == "交办督办（超期 1 · 将到期 0）"
    window.tabs.setCurrentWidget(tab)
    tab.unit_filter.setCurrentIndex(tab.unit_filter.findData(units["督查科"]))
    assert tab.model.rowCount() == 0 and tab_text(window, tab) == "交办督办"
    window.tabs.setCurrentWidget(window.intake)
    window.hub.notify(signals.REFERRALS)
    assert tab_text(window, tab) == "交办督办"  # the filtered counts, as on the board


def test_the_closure_badge_is_counted_off_the_ui_thread_without_the_queues(
    db: Database, qtbot: QtBot, calls: Counter[str], windows: list[MainWindow]
) -> None:
    units = add_units(db)
    unit = units["城关镇人民政府"]
    out = refer(db, accepted_case(db), unit)
    report = ReportInput("经调查，补偿款已拨付。", date(2026, 11, 30))
    report_back(db, out.referral_id, unit, report, actor=actor(), today=date(2026, 11, 30))
    window = open_window(db, qtbot, today=lambda: date(2026, 12, 1))
    windows.append(window)
    qtbot.waitUntil(lambda: tab_text(window, window.closure) == "办结 (1/0/0)", timeout=10_000)
    assert calls["closure_board"] == 0
    window.tabs.setCurrentWidget(window.closure)
    assert calls["closure_board"] == 1 and tab_text(window, window.closure) == "办结 (1/0/0)"
