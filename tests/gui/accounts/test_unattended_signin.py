"""PETITIONDESK_SIGNIN (the bundle's smoke test): an unattended start signs in only with
the right password, checked and audited like the dialog's."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from petitiondesk.core.identity import Role
from petitiondesk.gui.accounts import signin
from petitiondesk.services import accounts
from petitiondesk.store.db import Database
from petitiondesk.store.models import AuditLog

PASSWORD = "guanliyuan-2026"


@pytest.fixture
def with_admin(db: Database) -> Database:
    data = accounts.AccountInput("admin", "钱卫东", PASSWORD, Role.ADMIN, None, PASSWORD)
    assert accounts.create_first_admin(db, data).ok
    return db


def test_the_right_password_signs_in(with_admin: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(signin.SIGNIN_ENV, f"admin:{PASSWORD}")
    who = signin.unattended(with_admin)
    assert who is not None and who.name == "钱卫东" and who.role is Role.ADMIN and who.genuine()


@pytest.mark.parametrize("value", ["admin:wrong-password", "admin", "", f"nobody:{PASSWORD}"])
def test_anything_else_falls_back_to_the_dialog(
    with_admin: Database, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv(signin.SIGNIN_ENV, value)
    assert signin.unattended(with_admin) is None
    if ":" in value:  # a password was tried: audited as a failed sign-in
        with with_admin.read() as session:
            actions = list(session.scalars(select(AuditLog.action)))
        assert any("fail" in action for action in actions), actions
