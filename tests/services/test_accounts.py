"""Accounts: first administrator, sign-in, resets by another administrator, disabled
accounts, argon2 hashes, and the role checks of the services (issue 13)."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from petitiondesk.core.identity import Role, issue
from petitiondesk.services import account_admin, accounts, holidays, settings
from petitiondesk.services.accounts import AccountInput
from petitiondesk.services.intake import register_visit
from petitiondesk.store.db import Database
from petitiondesk.store.models import Account, AuditLog
from tests.helpers import actor, visit_input

PASSWORD = "secret-2026"


def first_admin(db: Database) -> accounts.Actor:
    data = AccountInput("admin", "钱卫东", PASSWORD, password_again=PASSWORD)
    return accounts.create_first_admin(db, data).unwrap()


def clerk_account(db: Database, admin: accounts.Actor, username: str = "zhaoli") -> int:
    data = AccountInput(username, "赵丽", PASSWORD, Role.CLERK)
    return account_admin.create_account(db, data, actor=admin).unwrap().id


@dataclass(frozen=True)
class Row:
    actor: str
    summary: str
    after: str


def audit_rows(db: Database, action: str) -> list[Row]:
    with db.read() as session:
        rows = session.scalars(select(AuditLog).where(AuditLog.action == action))
        return [Row(r.actor, r.summary, r.after) for r in rows]


def test_first_start_creates_the_administrator_once(db: Database) -> None:
    assert accounts.first_admin_needed(db)
    admin = first_admin(db)
    assert admin.role is Role.ADMIN and admin.genuine() and admin.name == "钱卫东"
    assert not accounts.first_admin_needed(db)
    again = accounts.create_first_admin(db, AccountInput("x2", "某", PASSWORD))
    assert not again.ok and "已经建立" in again.message


def test_first_admin_password_rules_are_chinese_field_messages(db: Database) -> None:
    short = accounts.create_first_admin(db, AccountInput("admin", "钱卫东", "abc"))
    assert short.errors["password"] == "密码至少 8 个字符"
    mismatch = accounts.create_first_admin(
        db, AccountInput("admin", "钱卫东", PASSWORD, password_again="other-2026")
    )
    assert mismatch.errors["password_again"] == "两次输入的密码不一致"
    same = accounts.create_first_admin(db, AccountInput("adminadmin", "钱", "adminadmin"))
    assert "用户名" in same.errors["password"]
    assert accounts.first_admin_needed(db)


def test_the_stored_password_is_an_argon2_hash_never_the_password(db: Database) -> None:
    first_admin(db)
    with db.read() as session:
        account = session.scalar(select(Account))
        assert account is not None
        assert account.password_hash.startswith("$argon2id$")
        assert PASSWORD not in account.password_hash
    for row in audit_rows(db, "create_first_admin"):
        assert "password_hash" not in row.after and "argon2" not in row.after


def test_login_right_and_wrong_password(db: Database) -> None:
    admin = first_admin(db)
    clerk_account(db, admin)
    good = accounts.login(db, "zhaoli", PASSWORD)
    assert good.ok
    who = good.unwrap()
    assert who.role is Role.CLERK and who.name == "赵丽" and who.genuine()
    wrong = accounts.login(db, "zhaoli", "not-the-password")
    unknown = accounts.login(db, "nobody", PASSWORD)
    # The same sentence: it never tells which part was wrong.
    assert wrong.message == unknown.message == "用户名或密码不正确"
    assert [r.summary for r in audit_rows(db, "login")] == ["登录：zhaoli"]
    assert len(audit_rows(db, "login_failed")) == 2


def test_too_many_wrong_passwords_lock_the_account_for_a_while(db: Database) -> None:
    admin = first_admin(db)
    clerk_account(db, admin)
    now = datetime(2026, 12, 5, 9, 0)
    for _ in range(accounts.MAX_FAILURES):
        assert not accounts.login(db, "zhaoli", "wrong-wrong", now=now).ok
    locked = accounts.login(db, "zhaoli", PASSWORD, now=now)
    assert not locked.ok and "分钟后再试" in locked.message
    later = now + accounts.LOCKOUT + timedelta(seconds=1)
    assert accounts.login(db, "zhaoli", PASSWORD, now=later).ok


def test_reset_by_another_administrator_then_must_change(db: Database) -> None:
    admin = first_admin(db)
    clerk_id = clerk_account(db, admin)
    own = account_admin.reset_password(db, admin.account_id or 0, "new-pass-2026", actor=admin)
    assert not own.ok and "修改密码" in own.message
    reset = account_admin.reset_password(db, clerk_id, "reset-pass-2026", actor=admin)
    assert reset.ok and reset.unwrap().must_change_password
    assert not accounts.login(db, "zhaoli", PASSWORD).ok
    who = accounts.login(db, "zhaoli", "reset-pass-2026").unwrap()
    assert accounts.must_change_password(db, who)
    changed = account_admin.change_own_password(db, "reset-pass-2026", "mine-2026!", actor=who)
    assert changed.ok and not accounts.must_change_password(db, who)
    clerk = accounts.login(db, "zhaoli", "mine-2026!").unwrap()
    refused = account_admin.reset_password(db, admin.account_id or 0, "x-2026-xyz", actor=clerk)
    assert not refused.ok and "无权" in refused.message


def test_a_disabled_account_is_refused_and_the_last_admin_stays(db: Database) -> None:
    admin = first_admin(db)
    clerk_id = clerk_account(db, admin)
    assert account_admin.set_active(db, clerk_id, False, actor=admin).ok
    refused = accounts.login(db, "zhaoli", PASSWORD)
    assert not refused.ok and "停用" in refused.message
    own = account_admin.set_active(db, admin.account_id or 0, False, actor=admin)
    assert not own.ok
    demote = account_admin.update_account(
        db, admin.account_id or 0, display_name="钱卫东", role=Role.CLERK, leader_id=None,
        actor=admin,
    )  # fmt: skip
    assert not demote.ok and "至少要保留" in demote.message


def test_a_clerk_is_refused_the_administrators_services(db: Database) -> None:
    clerk = actor()
    users = account_admin.list_accounts(db, actor=clerk)
    assert not users.ok and users.message == "登记员（赵丽）无权进行此项操作：账户管理"
    office = settings.get_office_settings(db)
    refused = settings.update_office_settings(db, replace(office, name="某局"), actor=clerk)
    assert not refused.ok and "办公室设置" in refused.message
    year = holidays.YearInput(year=2027, days=(), source="office")
    calendar = holidays.save_year(db, year, actor=clerk)
    assert not calendar.ok and "节假日安排" in calendar.message
    assert settings.get_office_settings(db).name == office.name


@pytest.mark.parametrize("who", ["赵丽", "forged"])
def test_a_plain_string_or_altered_actor_is_refused(db: Database, who: str) -> None:
    forged: object = who
    if who == "forged":
        forged = issue("赵丽", Role.CLERK)
        forged.role = Role.ADMIN  # type: ignore[attr-defined]
    result = register_visit(db, visit_input(), actor=forged)  # type: ignore[arg-type]
    assert not result.ok and result.message == "操作人身份无效：请重新登录后再试"
    with db.read() as session:
        assert session.scalar(select(AuditLog).where(AuditLog.action == "register_visit")) is None


def test_the_audit_row_names_the_signed_in_account(db: Database) -> None:
    admin = first_admin(db)
    clerk_account(db, admin)
    who = accounts.login(db, "zhaoli", PASSWORD).unwrap()
    register_visit(db, visit_input(), actor=who).unwrap()
    (row,) = audit_rows(db, "register_visit")
    assert row.actor == "赵丽"


def test_command_line_actor_names_the_os_user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts.getpass, "getuser", lambda: "wang")
    who = accounts.command_line_actor()
    assert who == "命令行:wang" and who.role is Role.COMMAND_LINE and who.genuine()


def test_account_changes_are_audited_without_the_hash(db: Database) -> None:
    admin = first_admin(db)
    clerk_id = clerk_account(db, admin)
    account_admin.reset_password(db, clerk_id, "reset-pass-2026", actor=admin).unwrap()
    (row,) = audit_rows(db, "reset_password")
    assert row.actor == "钱卫东"
    assert "password_hash" not in json.loads(row.after)
    assert json.loads(row.after)["must_change_password"] is True
