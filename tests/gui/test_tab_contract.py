"""The tab contract: a new tab joins the window through it, with no change to the window."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from petitiondesk.gui import signals
from petitiondesk.gui.main_window import MainWindow
from petitiondesk.gui.tab import Tab, TabMenu
from petitiondesk.gui.tabs import DEFAULT_TABS
from petitiondesk.store.db import Database
from tests.helpers import actor


class DummyTab(Tab):
    title, key, topics = "试验", "dummy", (signals.CASES,)

    def __init__(self, db: Database, hub: signals.DataHub, parent: Any = None) -> None:
        super().__init__(db, hub, parent)
        self.refreshed: list[str] = []
        self.poked = 0
        self.in_front: list[bool] = []
        self.poke_action = self.menu_action("戳一下(&P)", self.poke, "Ctrl+Shift+K")

    def poke(self) -> None:
        self.poked += 1

    def menus(self) -> list[TabMenu]:
        return [TabMenu("试验(&Y)", ((self.poke_action,),), rank=9)]

    def update_actions(self) -> None:
        self.in_front.append(self.current)

    def refresh(self, topic: str = signals.ALL) -> None:
        self.refreshed.append(topic)


@pytest.fixture
def window(db: Database, qtbot: QtBot) -> Iterator[MainWindow]:
    window = MainWindow(db, actor=actor(), tabs=[*DEFAULT_TABS, DummyTab])
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    window.deleteLater()
    QApplication.processEvents()


def test_a_dummy_tab_gets_its_menu_actions_and_refresh_calls(window: MainWindow) -> None:
    dummy: DummyTab = window.dummy  # type: ignore[attr-defined]
    assert window.tabs.tabText(window.tabs.count() - 1) == "试验"
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    assert list(menus) == [
        "文件(&F)",
        "登记(&R)",
        "排班(&D)",
        "交办督办(&J)",
        "办结(&B)",
        "统计(&T)",
        "试验(&Y)",
        "台账(&L)",
        "设置(&S)",
        "工具(&O)",
        "账户(&U)",
        "帮助(&H)",
    ]
    assert menus["试验(&Y)"].actions() == [dummy.poke_action]
    assert dummy.in_front[-1] is False  # update_actions() called, another tab in front

    assert dummy.refreshed == []  # hidden: nothing loaded yet
    dummy.poke_action.trigger()  # shows the tab (its first load), then runs the action
    assert dummy.refreshed == [signals.ALL]
    assert window.tabs.currentWidget() is dummy
    assert dummy.poked == 1
    assert dummy.in_front[-1] is True
    assert dummy.poke_action.shortcut().toString() == "Ctrl+Shift+K"

    window.hub.notify(signals.CASES)
    window.hub.notify(signals.ROSTER)  # not a topic of the tab
    window.hub.notify(signals.ALL)
    assert dummy.refreshed == [signals.ALL, signals.CASES, signals.ALL]


def test_a_tab_changes_its_text_with_title_changed(window: MainWindow) -> None:
    dummy: DummyTab = window.dummy  # type: ignore[attr-defined]
    dummy.title_changed.emit("试验（3）")
    assert window.tabs.tabText(window.tabs.indexOf(dummy)) == "试验（3）"


def test_a_hidden_tab_reloads_once_when_shown_again(window: MainWindow) -> None:
    dummy: DummyTab = window.dummy  # type: ignore[attr-defined]
    window.tabs.setCurrentWidget(dummy)
    assert dummy.refreshed == [signals.ALL] and not dummy.stale
    window.tabs.setCurrentIndex(0)
    window.hub.notify(signals.CASES)
    window.hub.notify(signals.ROSTER)  # not its topic: not missed
    assert dummy.refreshed == [signals.ALL] and dummy.stale
    window.tabs.setCurrentWidget(dummy)
    assert dummy.refreshed == [signals.ALL, signals.CASES] and not dummy.stale
    window.tabs.setCurrentIndex(0)
    window.hub.notify(signals.CASES)
    window.hub.notify(signals.ALL)
    window.tabs.setCurrentWidget(dummy)  # two changes missed: one refresh of everything
    assert dummy.refreshed == [signals.ALL, signals.CASES, signals.ALL]
    window.tabs.setCurrentIndex(0)
    window.tabs.setCurrentWidget(dummy)  # nothing changed meanwhile: no reload
    assert len(dummy.refreshed) == 3
