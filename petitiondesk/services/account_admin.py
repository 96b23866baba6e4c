"""The administrator's account management: list, create, change name/role/leader link,
reset a password (another administrator; never recover), disable or enable; and the
signed-in account's own password change. Every function is gated by
:attr:`Permission.USERS` (own password: any genuine account) and audited without the
password hash."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from petitiondesk.core.identity import Actor, Role
from petitiondesk.core.permissions import Permission, refusal
from petitiondesk.store.db import Database
from petitiondesk.store.models import Account, Leader

from .accounts import (
    ACCOUNT_ROLES,
    MAX_NAME,
    MSG_LAST_ADMIN,
    MSG_NO_ACCOUNT,
    MSG_OWN_DISABLE,
    MSG_OWN_RESET,
    AccountInput,
    AccountView,
    add_account,
    audit_account,
    hasher,
    password_problem,
    public_fields,
    verify,
    view_of,
)
from .result import Result


def list_accounts(db: Database, *, actor: Actor) -> Result[list[AccountView]]:
    if why := refusal(actor, Permission.USERS):
        return Result.failure({"": why})
    with db.read() as session:
        rows = session.scalars(select(Account).order_by(Account.active.desc(), Account.id))
        return Result.success([view_of(a) for a in rows])


def create_account(db: Database, data: AccountInput, *, actor: Actor) -> Result[AccountView]:
    if why := refusal(actor, Permission.USERS):
        return Result.failure({"": why})
    with db.write() as session:
        account = add_account(session, data)
        if isinstance(account, dict):
            return Result.failure(account)
        audit_account(session, actor, "create_account", account, f"建立账户 {account.username}")
        return Result.success(view_of(account), f"已建立账户 {account.username}")


def _other_admins(session: Session, account: Account) -> int:
    return int(
        session.scalar(
            select(func.count(Account.id)).where(
                Account.role == Role.ADMIN, Account.active.is_(True), Account.id != account.id
            )
        )
        or 0
    )


def _admin_edit(
    db: Database,
    account_id: int,
    actor: Actor,
    action: str,
    change: Callable[[Session, Account], dict[str, str] | None],
) -> Result[AccountView]:
    """Run ``change(session, account) -> error | None`` on an account as an administrator,
    audited with before/after."""
    if why := refusal(actor, Permission.USERS):
        return Result.failure({"": why})
    with db.write() as session:
        account = session.get(Account, account_id)
        if account is None:
            return Result.failure({"": MSG_NO_ACCOUNT})
        before = public_fields(account)
        error: dict[str, str] | None = change(session, account)
        if error:  # checked before anything changed
            return Result.failure(error)
        audit_account(session, actor, action, account, f"{action} {account.username}", before)
        return Result.success(view_of(account))


def reset_password(
    db: Database, account_id: int, new_password: str, *, actor: Actor
) -> Result[AccountView]:
    """Another administrator sets a new password; the account must change it at sign-in."""

    def change(_session: Session, account: Account) -> dict[str, str] | None:
        if account.id == actor.account_id:
            return {"": MSG_OWN_RESET}
        if problem := password_problem(new_password, account.username):
            return {"password": problem}
        account.password_hash = hasher.hash(new_password)
        account.must_change_password = True
        account.failed_attempts = 0
        account.locked_until = None
        return None

    return _admin_edit(db, account_id, actor, "reset_password", change)


def set_active(db: Database, account_id: int, active: bool, *, actor: Actor) -> Result[AccountView]:
    """Disable (or enable again) an account; never one's own, never the last administrator."""

    def change(session: Session, account: Account) -> dict[str, str] | None:
        if not active and account.id == actor.account_id:
            return {"": MSG_OWN_DISABLE}
        if not active and account.role is Role.ADMIN and not _other_admins(session, account):
            return {"": MSG_LAST_ADMIN}
        account.active = active
        return None

    return _admin_edit(
        db, account_id, actor, "enable_account" if active else "disable_account", change
    )


def update_account(
    db: Database,
    account_id: int,
    *,
    display_name: str,
    role: Role,
    leader_id: int | None,
    actor: Actor,
) -> Result[AccountView]:
    """Change an account's name, role and (for a leader) the leader it stands for."""

    def change(session: Session, account: Account) -> dict[str, str] | None:
        name = display_name.strip()
        if not name or len(name) > MAX_NAME:
            return {"display_name": f"请填写姓名（不超过 {MAX_NAME} 个字符）"}
        if role not in ACCOUNT_ROLES:
            return {"role": "请选择角色"}
        if role is Role.LEADER and (leader_id is None or session.get(Leader, leader_id) is None):
            return {"leader_id": "领导账户要关联一位领导（其包案件）"}
        demoted = account.role is Role.ADMIN and role is not Role.ADMIN
        if demoted and account.active and not _other_admins(session, account):
            return {"role": MSG_LAST_ADMIN}
        account.display_name, account.role = name, role
        account.leader_id = leader_id if role is Role.LEADER else None
        return None

    return _admin_edit(db, account_id, actor, "update_account", change)


def change_own_password(
    db: Database, old_password: str, new_password: str, *, actor: Actor
) -> Result[AccountView]:
    """The signed-in account changes its own password (the old one first)."""
    if why := refusal(actor, Permission.READ_CASES):  # any genuine account
        return Result.failure({"": why})
    with db.write() as session:
        account = session.get(Account, actor.account_id) if actor.account_id else None
        if account is None:
            return Result.failure({"": MSG_NO_ACCOUNT})
        if not verify(account, old_password):
            return Result.failure({"old_password": "原密码不正确"})
        if problem := password_problem(new_password, account.username):
            return Result.failure({"password": problem})
        if new_password == old_password:
            return Result.failure({"password": "新密码不能与原密码相同"})
        account.password_hash = hasher.hash(new_password)
        account.must_change_password = False
        audit_account(
            session, actor, "change_own_password", account, f"修改密码 {account.username}"
        )
        return Result.success(view_of(account), "密码已修改")
