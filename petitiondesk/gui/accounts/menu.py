"""账户 menu: 锁定, 修改密码…, and for administrators 账户管理…; the idle lock; and which
menu actions the signed-in role sees (the services refuse the rest anyway).

The main window makes one :class:`AccountMenu` and adds :attr:`AccountMenu.menu`. While
locked the window's contents are hidden behind the sign-in dialog; the same account
unlocks with its password, another account signs in instead (switch user).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission, allowed
from petitiondesk.services import accounts, settings
from petitiondesk.store.db import Database

from .. import session
from .dialogs import ChangePasswordDialog, LoginDialog
from .idle import IdleWatcher
from .manage import AccountsDialog


class AccountMenu(QObject):
    """``signed_in(actor)``: another account signed in at the lock screen (or the same
    one again). ``lock_dialog``, ``password_dialog``, ``accounts_dialog``: the dialogs last
    opened (tests, tools)."""

    signed_in = Signal(object)

    def __init__(self, window: QMainWindow, db: Database, actor: Actor) -> None:
        super().__init__(window)
        self.window, self.db, self.actor = window, db, actor
        self.lock_dialog: LoginDialog | None = None
        self.password_dialog: ChangePasswordDialog | None = None
        self.accounts_dialog: AccountsDialog | None = None
        self.lock_action = self._action("锁定(&L)", self.lock, "Ctrl+L")
        self.password_action = self._action("修改密码(&P)…", self.change_password)
        self.manage_action = self._action("账户管理(&M)…", self.manage_accounts)
        self.menu = QMenu("账户(&U)", window)
        self.menu.addAction(self.lock_action)
        self.menu.addAction(self.password_action)
        self.menu.addSeparator()
        self.menu.addAction(self.manage_action)
        self.idle = IdleWatcher(settings.idle_lock_minutes(db), self)
        self.idle.idle.connect(self.lock)
        self.set_actor(actor)

    def _action(self, text: str, slot: Callable[[], object], shortcut: str = "") -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda: slot())
        return action

    def set_actor(self, actor: Actor) -> None:
        """(The window hides 账户管理 from roles without it: :meth:`role_rules`.)"""
        self.actor = actor
        session.sign_in(actor)
        self.password_action.setEnabled(actor.account_id is not None)

    def role_rules(self) -> list[tuple[QAction | QWidget, Permission]]:
        return [(self.manage_action, Permission.USERS)]

    @property
    def locked(self) -> bool:
        return self.lock_dialog is not None and self.lock_dialog.isVisible()

    def lock(self) -> LoginDialog:
        """Hide the window's contents and ask for a password (or another account)."""
        if self.lock_dialog is not None and self.lock_dialog.isVisible():
            return self.lock_dialog
        self.idle.timer.stop()
        central = self.window.centralWidget()
        if central is not None:
            central.hide()
        username = accounts.username_of(self.db, self.actor)
        dialog = LoginDialog(self.db, username=username, locked=True, parent=self.window)
        dialog.saved.connect(lambda _result: self._unlocked(dialog))
        self.lock_dialog = dialog
        dialog.open()
        return dialog

    def _unlocked(self, dialog: LoginDialog) -> None:
        central = self.window.centralWidget()
        if central is not None:
            central.show()
        self.idle.set_minutes(settings.idle_lock_minutes(self.db))
        if dialog.actor is not None:
            self.set_actor(dialog.actor)
            self.signed_in.emit(dialog.actor)

    def settings_changed(self) -> None:
        """The office settings were saved: the idle watcher takes the idle time at once."""
        minutes = settings.idle_lock_minutes(self.db)
        if minutes != self.idle.minutes and not self.locked:
            self.idle.set_minutes(minutes)

    def change_password(self) -> ChangePasswordDialog:
        dialog = ChangePasswordDialog(self.db, self.actor, self.window)
        self.password_dialog = dialog
        dialog.open()
        return dialog

    def manage_accounts(self) -> AccountsDialog | None:
        if not allowed(self.actor, Permission.USERS):
            return None
        dialog = AccountsDialog(self.db, self.actor, self.window)
        self.accounts_dialog = dialog
        dialog.open()
        return dialog


def apply_role(actor: Actor, rules: Iterable[tuple[QAction | QWidget, Permission]]) -> None:
    """Hide each action (or button) the actor's role may not use; show the others again
    (another account signed in at the lock screen)."""
    for item, permission in rules:
        if isinstance(item, QWidget):
            item.setHidden(not allowed(actor, permission))
        else:
            item.setVisible(allowed(actor, permission))
