"""The tab contract: what every tab of the main window has and does (Vorta ``views/*_tab.py``).

A tab gets the database, the data-changed hub and the actor; it says what it shows
(:attr:`TabContract.title`), which menus and actions it adds to the menu bar
(:meth:`TabContract.menus`, actions made with :meth:`Tab.menu_action` bring the tab to
the front first), how it enables them (:meth:`TabContract.update_actions`) and which
change topics of :mod:`signals` it listens to (:attr:`TabContract.topics`: the base
connects the hub and calls :meth:`TabContract.refresh` when one of them changed).

Tabs load lazily (issue 15, start-up): a tab reads nothing in its constructor; the first
time it is shown the base calls ``refresh(ALL)`` (:attr:`TabContract.loaded` turns True).
A topic that arrives while the tab is hidden only marks it stale
(:attr:`TabContract.stale`): it refreshes when it is shown again, once. So only the tab
in front reads the database at start. A tab whose title carries counts (badges) keeps
them right while hidden with :meth:`TabContract.update_badge` (a cheap count, or one run
off the UI thread; called at start and for each change of its topics while hidden).

The main window loops over the tabs (:mod:`tabs`) and knows none of them by name.

    class NotesTab(Tab):
        title, key, topics = "笔记", "notes", (signals.CASES,)

        def __init__(self, db, hub, parent=None):
            super().__init__(db, hub, parent)
            self.note_action = self.menu_action("新笔记(&N)", self.new_note, "Ctrl+Shift+J")

        def menus(self):
            return [TabMenu("笔记(&O)", ((self.note_action,),))]

        def role_rules(self):
            return needs(Permission.REGISTER, self.note_action)

        def refresh(self, topic):
            ...
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import QLabel, QWidget

from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission
from petitiondesk.store.db import Database

from . import signals
from .session import current_actor
from .signals import DataHub

#: An action (or a button) and the permission it needs: the window hides it from a role
#: without that permission (:func:`petitiondesk.gui.accounts.menu.apply_role`).
RoleRule = tuple[QAction | QWidget, Permission]


def needs(permission: Permission, *items: QAction | QWidget) -> list[RoleRule]:
    """The rules of ``items`` that all need ``permission``."""
    return [(item, permission) for item in items]


@dataclass(frozen=True)
class TabMenu:
    """A menu of the menu bar a tab adds: ``groups`` of actions, separated by a line."""

    title: str
    groups: Sequence[Sequence[QAction]]
    #: Menus are ordered by rank (the 文件 menu comes first, 帮助 last).
    rank: int = 0


class TabContract:
    """What the main window relies on, whatever widget the tab is (mixed into a Qt class).

    ``status_message(text)``: a line for the status bar; ``selection_changed``: the
    tab's actions may need enabling anew; ``show_requested``: bring this tab to the front;
    ``title_changed(text)``: the text on the tab changed (e.g. counts in it).
    """

    #: The text on the tab.
    title: str = ""
    #: The window exposes the tab as ``window.<key>`` (tests, tools).
    key: ClassVar[str] = ""
    #: The change topics (:mod:`signals`) that make the tab refresh.
    topics: ClassVar[tuple[str, ...]] = ()

    status_message = Signal(str)
    selection_changed = Signal()
    show_requested = Signal()
    title_changed = Signal(str)

    db: Database
    hub: DataHub
    #: Set by the main window: is this the tab in front?
    current: bool = False
    #: The tab has read its data once (its first ``refresh(ALL)`` when first shown).
    loaded: bool = False
    #: Topics that changed while the tab was hidden: it refreshes when shown again.
    missed: frozenset[str] = frozenset()

    def _attach(self, db: Database, hub: DataHub) -> None:
        self.db = db
        self.hub = hub
        hub.changed.connect(self._hub_changed)

    @property
    def stale(self) -> bool:
        """What the tab shows is not known to be current: it reloads when shown."""
        return not self.loaded or bool(self.missed)

    def is_shown(self) -> bool:
        """Is the tab on screen (its window shown and the tab in front)?"""
        return isinstance(self, QWidget) and self.isVisible()

    def update_badge(self) -> None:
        """The tab is hidden and its data changed (or the window starts): bring the counts
        in its title up to date cheaply, without loading the tab. Default: nothing."""

    def actor(self) -> Actor:
        """The signed-in account, for every write and audit row."""
        return current_actor()

    def menus(self) -> Sequence[TabMenu]:
        """The menus this tab adds to the menu bar."""
        return ()

    def role_rules(self) -> Sequence[RoleRule]:
        """The tab's actions and buttons with the permission each needs (a leader sees no
        registration, referral, closure or roster writes): the window hides the ones the
        signed-in role may not use. Default: none."""
        return ()

    def update_actions(self) -> None:
        """Enable the tab's menu actions for what is selected and shown (:attr:`current`)."""

    def refresh(self, topic: str = signals.ALL) -> None:
        """Data of ``topic`` (one of :attr:`topics`, or ``ALL``) changed: show it anew."""

    def can_close(self) -> bool:
        """The window is about to close: False keeps it open (unsaved input)."""
        return True

    def _hub_changed(self, what: str) -> None:
        if not (self.topics and signals.concerns(what, *self.topics)):
            return
        if self.is_shown():
            self.loaded = True
            self.missed = frozenset()
            self.refresh(what)
        else:
            self.missed = self.missed | {what}
            self.update_badge()

    def ensure_loaded(self) -> None:
        """Load now if stale: the first time ``refresh(ALL)``, later a refresh for what
        changed meanwhile (called when the tab is shown; or by a tab that needs its data
        before it is shown)."""
        if self.loaded and not self.missed:
            return
        missed = self.missed
        topic = next(iter(missed)) if self.loaded and len(missed) == 1 else signals.ALL
        self.loaded = True
        self.missed = frozenset()
        self.refresh(topic)


class Tab(QWidget, TabContract):
    """A tab page; see the module docstring."""

    def __init__(self, db: Database, hub: DataHub, parent: QWidget | None = None) -> None:
        QWidget.__init__(self, parent)
        self._attach(db, hub)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.ensure_loaded()

    def menu_action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | str | None = None,
        tip: str = "",
    ) -> QAction:
        """An action for the tab's menu, its shortcut live in the whole window: it brings
        the tab to the front, then runs ``slot``. (A tab built on first use adopts the
        declared action: :mod:`lazy_tab`.)"""
        from .lazy_tab import adopt

        def triggered() -> None:
            self.show_requested.emit()
            slot()

        adopted = adopt(text, triggered)
        action = adopted or QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip:
            action.setStatusTip(tip)
        if adopted is None:
            action.triggered.connect(triggered)
        return action

    def tab_action(
        self, text: str, shortcut: str | None, slot: Callable[[], object] | None = None
    ) -> QAction:
        """An action about what the tab shows, its shortcut live while the focus is in it
        (``slot``: what it does; or connect ``triggered`` later)."""
        from .lazy_tab import adopt

        adopted = adopt(text, slot)
        action = adopted or QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        if slot is not None and adopted is None:
            action.triggered.connect(lambda: slot())
        self.addAction(action)
        return action


class PlaceholderTab(QLabel, TabContract):
    """A tab still to come: an honest note, no dead buttons."""

    def __init__(
        self, db: Database, hub: DataHub, title: str, text: str, parent: QWidget | None = None
    ) -> None:
        QLabel.__init__(self, text, parent)
        self._attach(db, hub)
        self.title = title
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet("color: #666; font-size: 15px;")
