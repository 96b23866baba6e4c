"""Sign in to a database before its window opens: the first start creates the
administrator, otherwise the login dialog (a demo database prefills its clerk).

Tests replace :func:`ask` (tests/conftest.py): it runs a modal dialog. An unattended
start (the bundle's smoke test) may name an account and its password in
``PETITIONDESK_SIGNIN=username:password``: the password is checked like the dialog's (and
audited); a wrong one falls back to the dialog."""

from __future__ import annotations

import os
from typing import Final

from PySide6.QtWidgets import QDialog, QWidget

from petitiondesk.core.identity import Actor
from petitiondesk.services import accounts
from petitiondesk.store.db import Database

from .dialogs import ChangePasswordDialog, FirstAdminDialog, LoginDialog

SIGNIN_ENV: Final = "PETITIONDESK_SIGNIN"


def unattended(db: Database) -> Actor | None:
    """The account named in :data:`SIGNIN_ENV` when its password is right, else None."""
    username, colon, password = os.environ.get(SIGNIN_ENV, "").partition(":")
    if not colon or not username:
        return None
    signed = accounts.login(db, username, password)
    return signed.value if signed.ok and signed.value is not None else None


def ask(db: Database, parent: QWidget | None = None) -> Actor | None:
    """The signed-in actor, or None when the clerk cancelled."""
    if (actor := unattended(db)) is not None and not accounts.must_change_password(db, actor):
        return actor
    if accounts.first_admin_needed(db):
        first = FirstAdminDialog(db, parent)
        return first.actor if first.exec() == QDialog.DialogCode.Accepted else None
    dialog = LoginDialog(db, username=accounts.suggested_username(db), parent=parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.actor is None:
        return None
    if accounts.must_change_password(db, dialog.actor):  # reset by an administrator
        change = ChangePasswordDialog(db, dialog.actor, parent)
        change.setWindowTitle("请设置新密码（管理员已重置您的密码）")
        if change.exec() != QDialog.DialogCode.Accepted:
            return None
    return dialog.actor
