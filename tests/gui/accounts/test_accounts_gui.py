"""The window's accounts: sign-in, first start, lock (idle and menu), 修改密码, 账户管理
only for administrators, and the audit naming the signed-in account whatever the OS user
(issue 13)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from petitiondesk.core.identity import Actor, Role
from petitiondesk.gui.accounts.dialogs import FirstAdminDialog, LoginDialog
from petitiondesk.gui.accounts.manage import AccountsDialog
from petitiondesk.gui.main_window import MainWindow
from petitiondesk.services import account_admin, accounts
from petitiondesk.services.accounts import AccountInput
from petitiondesk.store.db import Database
from petitiondesk.store.models import Account, AuditLog

PASSWORD = "secret-2026"


@pytest.fixture
def gui_actor(db: Database) -> Actor:
    """The window is signed in as a real administrator account (钱卫东 / admin)."""
    data = AccountInput("admin", "钱卫东", PASSWORD)
    return accounts.create_first_admin(db, data).unwrap()


def add_clerk(db: Database, admin: Actor) -> None:
    data = AccountInput("zhaoli", "赵丽", PASSWORD, Role.CLERK)
    account_admin.create_account(db, data, actor=admin).unwrap()


def submit(qtbot: QtBot, dialog: Any) -> None:
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=10_000)


def test_login_dialog_signs_in_and_refuses_a_wrong_password(
    qtbot: QtBot, db: Database, gui_actor: Actor
) -> None:
    add_clerk(db, gui_actor)
    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "zhaoli")
    qtbot.keyClicks(dialog.password, "wrong-password")
    submit(qtbot, dialog)
    assert dialog.actor is None and dialog.isVisible()
    assert dialog.message_text("") == "用户名或密码不正确"
    assert dialog.password.text() == ""
    qtbot.keyClicks(dialog.password, PASSWORD)
    submit(qtbot, dialog)
    assert dialog.actor is not None and dialog.actor.role is Role.CLERK
    assert dialog.actor.name == "赵丽" and not dialog.isVisible()


def test_first_start_creates_the_administrator(qtbot: QtBot, tmp_path: Any) -> None:
    from petitiondesk.services.bootstrap import ensure_defaults

    fresh = Database.open(tmp_path / "new.sqlite", create=True)
    ensure_defaults(fresh)
    try:
        assert accounts.first_admin_needed(fresh)
        dialog = FirstAdminDialog(fresh)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.keyClicks(dialog.username, "admin")
        dialog.display_name.setText("钱卫东")
        qtbot.keyClicks(dialog.password, PASSWORD)
        qtbot.keyClicks(dialog.password_again, "secret-2027")
        submit(qtbot, dialog)
        assert dialog.actor is None and "不一致" in dialog.message_text("password_again")
        dialog.password_again.clear()
        qtbot.keyClicks(dialog.password_again, PASSWORD)
        submit(qtbot, dialog)
        assert dialog.actor is not None and dialog.actor.role is Role.ADMIN
        assert not accounts.first_admin_needed(fresh)
    finally:
        fresh.close()


def test_idle_lock_hides_the_window_until_the_password(
    qtbot: QtBot, main_window: MainWindow, gui_actor: Actor
) -> None:
    menu = main_window.account_menu
    assert menu.idle.minutes == 10 and menu.idle.timer.isActive()
    menu.idle.fire()  # ten minutes without input
    dialog = menu.lock_dialog
    assert dialog is not None and dialog.isVisible() and menu.locked
    assert not main_window.centralWidget().isVisible()
    assert dialog.username.text() == "admin"
    qtbot.keyClicks(dialog.password, "wrong-password")
    submit(qtbot, dialog)
    assert menu.locked and not main_window.centralWidget().isVisible()
    qtbot.keyClicks(dialog.password, PASSWORD)
    submit(qtbot, dialog)
    assert not menu.locked and main_window.centralWidget().isVisible()
    assert main_window.actor == gui_actor


def test_the_lock_screen_may_switch_to_another_account(
    qtbot: QtBot, main_window: MainWindow, db: Database, gui_actor: Actor
) -> None:
    add_clerk(db, gui_actor)
    main_window.account_menu.lock_action.trigger()
    dialog = main_window.account_menu.lock_dialog
    assert dialog is not None
    dialog.username.clear()
    qtbot.keyClicks(dialog.username, "zhaoli")
    qtbot.keyClicks(dialog.password, PASSWORD)
    submit(qtbot, dialog)
    assert main_window.actor.name == "赵丽" and main_window.actor.role is Role.CLERK
    assert not main_window.account_menu.manage_action.isVisible()
    assert main_window.user_label.text() == "登记员：赵丽"


def test_an_administrator_manages_accounts(
    qtbot: QtBot, main_window: MainWindow, db: Database
) -> None:
    assert main_window.account_menu.manage_action.isVisible()
    dialog = main_window.account_menu.manage_accounts()
    assert isinstance(dialog, AccountsDialog) and dialog.table.rowCount() == 1
    dialog.new_button.click()
    form = dialog.child
    assert form is not None
    qtbot.keyClicks(form.username, "zhaoli")  # type: ignore[attr-defined]
    form.display_name.setText("赵丽")  # type: ignore[attr-defined]
    qtbot.keyClicks(form.password, PASSWORD)  # type: ignore[attr-defined]
    qtbot.keyClicks(form.password_again, PASSWORD)  # type: ignore[attr-defined]
    submit(qtbot, form)
    assert dialog.table.rowCount() == 2
    dialog.select_username("zhaoli")
    dialog.active_button.click()
    assert not accounts.login(db, "zhaoli", PASSWORD).ok
    dialog.close()


@pytest.mark.parametrize("role", [Role.CLERK, Role.LEADER])
def test_a_clerk_or_leader_does_not_see_the_administrators_menus(
    qtbot: QtBot, db: Database, role: Role
) -> None:
    from tests.helpers import actor

    window = MainWindow(db, actor=actor("赵丽", role))
    qtbot.addWidget(window)
    assert not window.account_menu.manage_action.isVisible()
    assert window.account_menu.manage_accounts() is None
    assert not window.settings_menu.holidays_action.isVisible()
    assert not window.settings_menu.office_action.isVisible()
    assert window.backup_action.isVisible() is (role is Role.CLERK)


def test_the_os_user_name_does_not_change_the_audit_actor(
    monkeypatch: pytest.MonkeyPatch,
    db: Database,
    main_window: MainWindow,
    fill: Callable[..., None],
    save: Callable[[], None],
) -> None:
    monkeypatch.setenv("USER", "局长")
    monkeypatch.setenv("LOGNAME", "局长")
    fill()
    save()
    with db.read() as session:
        row = session.scalar(select(AuditLog).where(AuditLog.action == "register_visit"))
        assert row is not None and row.actor == "钱卫东"


def test_change_own_password_from_the_menu(
    qtbot: QtBot, main_window: MainWindow, db: Database
) -> None:
    dialog = main_window.account_menu.change_password()
    qtbot.keyClicks(dialog.old_password, PASSWORD)
    qtbot.keyClicks(dialog.password, "changed-2026")
    qtbot.keyClicks(dialog.password_again, "changed-2026")
    submit(qtbot, dialog)
    assert not dialog.isVisible()
    assert accounts.login(db, "admin", "changed-2026").ok
    with db.read() as session:
        assert session.scalar(select(Account.must_change_password)) is False


def test_first_start_may_use_the_demo_and_sign_in_as_the_demo_clerk(
    qtbot: QtBot, tmp_path: Any
) -> None:
    from petitiondesk.services.bootstrap import ensure_defaults

    fresh = Database.open(tmp_path / "demo.sqlite", create=True)
    ensure_defaults(fresh)
    try:
        dialog = FirstAdminDialog(fresh)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.demo_button.isVisible()
        dialog.demo_button.click()
        qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=60_000)
        assert dialog.actor is not None and dialog.actor.name == "赵丽"
        assert dialog.actor.role is Role.CLERK
        # The next start prefills the demo clerk; the demo administrator signs in too.
        assert accounts.suggested_username(fresh) == "zhaoli"
        login = LoginDialog(fresh, username=accounts.suggested_username(fresh))
        qtbot.addWidget(login)
        assert login.username.text() == "zhaoli"
        assert accounts.login(fresh, "admin", "admin-demo-2026").unwrap().role is Role.ADMIN
        leader = accounts.login(fresh, "leader", "leader-demo-2026").unwrap()
        assert leader.role is Role.LEADER and accounts.leader_of(fresh, leader) is not None
    finally:
        fresh.close()
