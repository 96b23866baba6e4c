"""Tabs built on first use (issue 15, start-up): a declaration per tab and its placeholder.

The window would otherwise import every tab's module (and the services it calls) to make
the menus and shortcuts. A :class:`TabDeclaration` says, without importing the tab, what
the window needs before the tab exists: its title and key, its menus (the text, shortcut,
tip and permission of each action, and whether it is enabled while the tab is hidden and
nothing is selected) and, for a tab whose title carries counts, a badge function.

The window puts a :class:`LazyTab` placeholder in the tab's place and makes the declared
actions. The first time the tab is shown, or one of its actions is triggered, the window
imports the tab's module and builds it (``MainWindow.tab(key)``); the tab *adopts* the
declared actions: :meth:`Tab.menu_action` and :meth:`Tab.tab_action` of a tab built under
:func:`adopting` return the declared action of the same text instead of a new one, and
register their slot with the placeholder's dispatcher (so each action fires once). A test
checks that every declaration agrees with the tab it declares (tests/gui/test_lazy_build.py).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission
from petitiondesk.store.db import Database

from .operations import Operation, run_in_background
from .session import signed_in
from .signals import DataHub
from .tab import RoleRule, TabContract, TabMenu


@dataclass(frozen=True)
class ActionDeclaration:
    """One action of a declared menu (as the tab's ``menu_action``/``tab_action`` makes it)."""

    text: str
    permission: Permission | None = None
    shortcut: str | None = None
    tip: str = ""
    #: Enabled while the tab is hidden with nothing selected (its ``update_actions``).
    enabled: bool = False
    #: A ``tab_action``: its shortcut is live only while the focus is in the tab.
    in_tab: bool = False


@dataclass(frozen=True)
class MenuDeclaration:
    title: str
    groups: tuple[tuple[ActionDeclaration, ...], ...]
    rank: int = 0


#: ``badge(db, actor) -> title``: the tab's title with its counts, run off the UI thread.
BadgeFn = Callable[[Database, Actor], str]


@dataclass(frozen=True)
class TabDeclaration:
    """What the window knows of a tab before it is built."""

    key: str
    title: str
    #: ``"package.module:Class"``: the tab, made as ``Class(db, hub)``.
    factory: str
    menus: tuple[MenuDeclaration, ...] = ()
    #: The change topics that bring the badge up to date while the tab is not built.
    topics: tuple[str, ...] = ()
    badge: BadgeFn | None = None

    def load(self) -> Callable[[Database, DataHub], TabContract]:
        module, _, name = self.factory.partition(":")
        factory: Callable[[Database, DataHub], TabContract] = getattr(
            importlib.import_module(module), name
        )
        return factory

    def actions(self) -> Iterator[ActionDeclaration]:
        for menu in self.menus:
            for group in menu.groups:
                yield from group


# --- adoption ------------------------------------------------------------------------------
_adopting: list[LazyTab] = []


@contextmanager
def adopting(placeholder: LazyTab) -> Iterator[None]:
    """While a tab is built: its menu and tab actions are the placeholder's."""
    _adopting.append(placeholder)
    try:
        yield
    finally:
        _adopting.pop()


def adopt(text: str, slot: Callable[[], object] | None) -> QAction | None:
    """The declared action of ``text`` for the tab being built (``slot``: what it runs,
    through the placeholder's dispatcher), or None (no declaration: make a new one)."""
    if not _adopting:
        return None
    placeholder = _adopting[-1]
    action = placeholder.declared_actions.get(text)
    if action is not None and slot is not None:
        placeholder.slots[text] = slot
    return action


#: Milliseconds after start before a placeholder counts its badge.
BADGE_DELAY_MS = 500


# --- the placeholder -------------------------------------------------------------------------
class LazyTab(QWidget, TabContract):
    """Stands in the tab's place until it is built: the declared title (and badge), the
    declared actions; building is the window's (``build`` is set by it)."""

    def __init__(self, db: Database, hub: DataHub, declaration: TabDeclaration) -> None:
        QWidget.__init__(self)
        self.declaration = declaration
        self.title = declaration.title
        self.key_name = declaration.key
        self.topics_declared = declaration.topics
        self._attach(db, hub)
        self.build: Callable[[], object] = lambda: None
        self.built: TabContract | None = None
        self.declared_actions: dict[str, QAction] = {}
        self.slots: dict[str, Callable[[], object]] = {}
        self.badge_operation: Operation | None = None
        self._generation = 0
        for item in declaration.actions():
            self.declared_actions[item.text] = self._make_action(item)
        # The counts come a moment after start: their query (and its imports) must not
        # compete with the window's first paint.
        QTimer.singleShot(BADGE_DELAY_MS, self, self.update_badge)

    def _make_action(self, item: ActionDeclaration) -> QAction:
        action = QAction(item.text, self)
        if item.shortcut:
            action.setShortcut(QKeySequence(item.shortcut))
            context = Qt.ShortcutContext.WindowShortcut
            if item.in_tab:
                context = Qt.ShortcutContext.WidgetWithChildrenShortcut
            action.setShortcutContext(context)
        if item.tip:
            action.setStatusTip(item.tip)
        action.setEnabled(item.enabled)
        action.triggered.connect(lambda: self._dispatch(item.text))
        return action

    def _dispatch(self, text: str) -> None:
        just_built = self.built is None
        if just_built:
            self.build()
        slot = self.slots.get(text)
        if slot is not None:
            slot()
        elif just_built:  # the tab connected ``triggered`` itself, after this emission began
            self.declared_actions[text].trigger()

    def _hub_changed(self, what: str) -> None:
        from . import signals

        if self.built is None and signals.concerns(what, *self.topics_declared):
            self.update_badge()

    def update_badge(self) -> None:
        badge, who = self.declaration.badge, signed_in()
        if badge is None or self.built is not None or who is None:  # None: window closed
            return
        self._generation += 1
        generation, db = self._generation, self.db

        def done(title: str) -> None:
            if generation == self._generation and self.built is None and isValid(self):
                self.title = title
                self.title_changed.emit(title)

        self.badge_operation = run_in_background(
            self,
            lambda _progress: badge(db, who),
            on_success=done,
            on_failure=lambda _exc: None,  # only the counts in the title: shown when built
        )

    def menus(self) -> Sequence[TabMenu]:
        return [
            TabMenu(
                menu.title,
                tuple(tuple(self.declared_actions[a.text] for a in group) for group in menu.groups),
                rank=menu.rank,
            )
            for menu in self.declaration.menus
        ]

    def role_rules(self) -> Sequence[RoleRule]:
        return [
            (self.declared_actions[a.text], a.permission)
            for a in self.declaration.actions()
            if a.permission is not None
        ]


def declared_key(tab: Any) -> str:
    """The key of a tab or of a placeholder."""
    if isinstance(tab, LazyTab):
        return tab.key_name
    return str(getattr(tab, "key", ""))
