"""What each role sees (issue 13): the tabs declare the permission of each action and
button (``role_rules``) and the window hides what the signed-in role may not use; the
services refuse it anyway."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from petitiondesk.core.identity import Actor, Role
from petitiondesk.core.permissions import Permission, allowed
from petitiondesk.gui.main_window import MainWindow
from tests.helpers import actor

WRITES = {Permission.REGISTER, Permission.REFER, Permission.CLOSE, Permission.ROSTER}


def shown(item: QAction | QWidget) -> bool:
    return not item.isHidden() if isinstance(item, QWidget) else item.isVisible()


def test_a_leaders_window_shows_no_write_actions(main_window: MainWindow) -> None:
    leader = actor("张建国", Role.LEADER)
    main_window.set_actor(leader)
    for key in ("roster", "referral", "closure", "statistics"):
        main_window.tab(key)  # built after the sign-in: the role applies to its buttons too
    rules = main_window.role_rules()
    writes = [item for item, permission in rules if permission in WRITES]
    assert len(writes) > 40  # every tab declares its writes
    assert not any(shown(item) for item in writes)
    assert not main_window.intake.save_button.isVisible()
    assert not main_window.intake.new_action.isVisible()
    assert not main_window.referral.refer_action.isVisible()
    assert main_window.intake.print_action.isVisible()  # leaders print and read
    assert main_window.intake.find_action.isVisible()
    for item, permission in rules:
        assert shown(item) == allowed(leader, permission), item
    clerk = actor("赵丽", Role.CLERK)
    main_window.set_actor(clerk)  # another account at the lock screen: shown again
    assert all(shown(item) for item, permission in rules if permission in WRITES)


def test_a_clerks_window_has_no_accounts_audit_or_settings(
    main_window: MainWindow, gui_actor: Actor
) -> None:
    main_window.set_actor(actor("赵丽", Role.CLERK))
    menu = main_window.settings_menu
    hidden = (
        main_window.account_menu.manage_action,
        main_window.audit_action,
        menu.office_action,
        menu.rules_action,
        menu.holidays_action,
    )
    assert not any(action.isVisible() for action in hidden)
    assert main_window.intake.save_action.isVisible()
    main_window.set_actor(gui_actor)  # the administrator sees them all
    assert all(action.isVisible() for action in hidden)
