"""Hidden tabs are built on first use (issue 15, start-up): the window makes each declared
tab's menus and shortcuts from its declaration (:mod:`petitiondesk.gui.tabs`) and builds the
tab when it is first shown or one of its actions is used. Each declaration must say what
the tab itself makes: the same menus, texts, shortcuts, tips, permissions and enabled
states, and the tab adopts the declared actions."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QAction

from petitiondesk.gui.lazy_tab import LazyTab, TabDeclaration
from petitiondesk.gui.main_window import MainWindow
from petitiondesk.gui.tabs import DEFAULT_TABS, TAB_REFERRAL

DECLARED = [d for d in DEFAULT_TABS if isinstance(d, TabDeclaration) and d.menus]


def described(menus: Any, rules: Any) -> list[Any]:
    permission = {id(item): p for item, p in rules}
    return [
        (
            menu.title,
            menu.rank,
            [
                [
                    (
                        a.text(),
                        a.shortcut().toString(),
                        a.statusTip(),
                        permission.get(id(a)),
                        a.isEnabled(),
                    )
                    for a in group
                ]
                for group in menu.groups
            ],
        )
        for menu in menus
    ]


def page(window: MainWindow, key: str) -> Any:
    return next(p for p in window.tab_pages if getattr(p, "key_name", p.key) == key)


@pytest.mark.parametrize("declaration", DECLARED, ids=lambda d: d.key)
def test_a_declaration_says_what_its_tab_makes(
    main_window: MainWindow, declaration: TabDeclaration
) -> None:
    placeholder = page(main_window, declaration.key)
    assert isinstance(placeholder, LazyTab) and placeholder.title == declaration.title
    before = described(placeholder.menus(), placeholder.role_rules())
    actions = [a for menu in placeholder.menus() for group in menu.groups for a in group]

    tab = main_window.tab(declaration.key)  # built hidden: nothing selected
    assert page(main_window, declaration.key) is tab and tab.title.startswith(declaration.title)
    assert described(tab.menus(), tab.role_rules()) == before
    assert [a for menu in tab.menus() for group in menu.groups for a in group] == actions
    assert main_window.tab(declaration.key) is tab  # built once


def test_only_the_tab_in_front_is_built_at_start(main_window: MainWindow) -> None:
    built = [p for p in main_window.tab_pages if not isinstance(p, LazyTab)]
    assert [p.key for p in built] == ["intake"]
    bar = [a.text() for a in main_window.menuBar().actions()]
    assert bar[:6] == ["文件(&F)", "登记(&R)", "排班(&D)", "交办督办(&J)", "办结(&B)", "统计(&T)"]


def test_showing_a_hidden_tab_builds_and_loads_it(main_window: MainWindow) -> None:
    main_window.tabs.setCurrentIndex(TAB_REFERRAL)
    tab = main_window.tabs.currentWidget()
    assert not isinstance(tab, LazyTab) and tab is main_window.referral
    assert tab.loaded and tab.isVisible()


def test_an_action_of_a_hidden_tab_builds_it_shows_it_and_runs_once(
    main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    placeholder = page(main_window, "referral")
    refresh: QAction = placeholder.declared_actions["刷新看板"]
    from petitiondesk.gui.referral.tab import ReferralTab

    loads: list[int] = []
    real = ReferralTab.load_board
    monkeypatch.setattr(ReferralTab, "load_board", lambda self: loads.append(1) or real(self))
    refresh.trigger()
    tab = main_window.tabs.currentWidget()
    assert isinstance(tab, ReferralTab) and main_window.referral is tab
    assert tab.refresh_action is refresh
    assert len(loads) == 2  # the first show's load, then 刷新看板 itself (once)
    refresh.trigger()
    assert len(loads) == 3


def test_a_placeholder_shows_its_badge_a_moment_after_start(
    db: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    from petitiondesk.gui import lazy_tab, operations
    from tests.helpers import admin

    monkeypatch.setattr(lazy_tab, "BADGE_DELAY_MS", 0)
    counted = replace(DECLARED[1], badge=lambda _db, who: f"交办督办（{who.role.label}）")
    window = MainWindow(db, actor=admin(), tabs=[DEFAULT_TABS[1], counted], start_tab=0)
    try:
        placeholder = window.tab_pages[1]
        assert isinstance(placeholder, LazyTab) and window.tabs.tabText(1) == "交办督办"
        qtbot.waitUntil(lambda: window.tabs.tabText(1) != "交办督办", timeout=10_000)
        assert window.tabs.tabText(1) == f"交办督办（{admin().role.label}）"
    finally:
        operations.wait_for_all(10_000)
        window.deleteLater()


def test_the_shown_window_freezes_what_start_made_until_it_closes(
    main_window: MainWindow, qtbot: Any
) -> None:
    """A full garbage collection over everything start-up made stalled the UI (issue 15):
    once shown, the window puts it out of the collector's reach; closing gives it back."""
    import gc

    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0, timeout=5_000)
    main_window.intake.form.clear_for_next()
    main_window.close()
    assert gc.get_freeze_count() == 0


def test_the_packaged_program_bundles_every_declared_tab() -> None:
    """Declared tabs are imported by name: the packager must be told of them."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "bundle_common", Path(__file__).parents[2] / "packaging" / "bundle_common.py"
    )
    assert spec is not None and spec.loader is not None
    bundle = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bundle)
    for declaration in DEFAULT_TABS:
        assert isinstance(declaration, TabDeclaration)
        module = declaration.factory.partition(":")[0]
        assert module in bundle.HIDDEN_IMPORTS, module
