"""Accounts: sign-in, the first administrator, and the administrator's account management.

Passwords are kept only as argon2 hashes (argon2-cffi); a forgotten password is reset by
another administrator (the account must then choose a new one), never recovered. A
successful :func:`login` issues the :class:`~petitiondesk.core.identity.Actor` every
later write is made with; a wrong user name or password gets one sentence that never
says which part was wrong. Sign-ins, failed sign-ins and every change are audited; the
audit rows never hold a password hash.

The command line needs no sign-in: :func:`command_line_actor` is ``命令行:<OS user>``.
"""

from __future__ import annotations

import getpass
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from petitiondesk.core.identity import Actor, Role, issue
from petitiondesk.store.db import Database
from petitiondesk.store.models import Account, AuditLog, Leader

from . import audit
from .result import Result

MIN_PASSWORD = 8
MAX_PASSWORD = 128
MAX_NAME = 40
#: After this many wrong passwords in a row the account waits :data:`LOCKOUT`.
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=5)
#: Roles an account can have (the command line is no account).
ACCOUNT_ROLES = (Role.CLERK, Role.LEADER, Role.ADMIN)

MSG_WRONG = "用户名或密码不正确"
MSG_LOCKED_OUT = "密码错误次数过多，请 {minutes} 分钟后再试"
MSG_DISABLED = "该账户已停用，请联系管理员"
MSG_NO_ACCOUNT = "找不到该账户"
MSG_FIRST_DONE = "管理员账户已经建立，请登录"
MSG_OWN_RESET = "不能重置自己的密码：请用“修改密码”"
MSG_OWN_DISABLE = "不能停用自己的账户"
MSG_LAST_ADMIN = "至少要保留一个启用的管理员账户"

hasher = PasswordHasher()


@dataclass(frozen=True)
class AccountInput:
    """What the administrator types for a new account (``password`` twice in the form)."""

    username: str
    display_name: str
    password: str
    role: Role = Role.CLERK
    leader_id: int | None = None
    password_again: str | None = None  # None: not asked (services, CLI)


@dataclass(frozen=True)
class AccountView:
    id: int
    username: str
    display_name: str
    role: Role
    active: bool
    leader_id: int | None
    leader_name: str
    must_change_password: bool

    @property
    def role_label(self) -> str:
        return self.role.label


def view_of(account: Account) -> AccountView:
    return AccountView(
        id=account.id,
        username=account.username,
        display_name=account.display_name,
        role=account.role,
        active=account.active,
        leader_id=account.leader_id,
        leader_name=account.leader.name if account.leader is not None else "",
        must_change_password=account.must_change_password,
    )


# --- rules ------------------------------------------------------------------------------------
def password_problem(password: str, username: str = "") -> str | None:
    """Why ``password`` may not be used (a Chinese sentence), or None."""
    if len(password) < MIN_PASSWORD:
        return f"密码至少 {MIN_PASSWORD} 个字符"
    if len(password) > MAX_PASSWORD:
        return f"密码不能超过 {MAX_PASSWORD} 个字符"
    if password.strip() != password:
        return "密码首尾不能是空格"
    if username and password.casefold() == username.casefold():
        return "密码不能与用户名相同"
    if len(set(password)) < 3:
        return "密码太简单：请混用不同的字母、数字或符号"
    return None


def input_errors(session: Session, data: AccountInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    username = data.username.strip()
    if not username:
        errors["username"] = "请填写用户名"
    elif len(username) > MAX_NAME or any(ch.isspace() for ch in username):
        errors["username"] = f"用户名不超过 {MAX_NAME} 个字符，不能含空格"
    elif session.scalar(select(Account.id).where(Account.username == username)) is not None:
        errors["username"] = "该用户名已被使用"
    name = data.display_name.strip()
    if not name:
        errors["display_name"] = "请填写姓名"
    elif len(name) > MAX_NAME:
        errors["display_name"] = f"姓名不超过 {MAX_NAME} 个字符"
    if data.role not in ACCOUNT_ROLES:
        errors["role"] = "请选择角色"
    elif data.role is Role.LEADER and data.leader_id is None:
        errors["leader_id"] = "领导账户要关联一位领导（其包案件）"
    if data.leader_id is not None and session.get(Leader, data.leader_id) is None:
        errors["leader_id"] = "找不到该领导"
    problem = password_problem(data.password, username)
    if problem:
        errors["password"] = problem
    elif data.password_again is not None and data.password_again != data.password:
        errors["password_again"] = "两次输入的密码不一致"
    return errors


def add_account(session: Session, data: AccountInput) -> Account | dict[str, str]:
    """Check ``data`` and add the account (flushed: it has its id), or the field errors."""
    errors = input_errors(session, data)
    if errors:
        return errors
    account = new_account(data)
    session.add(account)
    session.flush()
    return account


# --- audit -------------------------------------------------------------------------------------
def public_fields(account: Account) -> dict[str, Any]:
    """An account's audited fields: everything but the password hash."""
    data = audit.snapshot(account)
    data.pop("password_hash", None)
    return data


def audit_account(
    session: Session,
    actor: str,
    action: str,
    account: Account | None,
    summary: str,
    before: dict[str, Any] | None = None,
) -> None:
    session.flush()
    after = public_fields(account) if account is not None else {}
    audit.append(
        session,
        AuditLog(
            actor=str(actor)[:MAX_NAME],
            action=action,
            entity="account",
            entity_id=account.id if account is not None else None,
            summary=summary[:200],
            before=json.dumps(before, ensure_ascii=False, sort_keys=True) if before else "",
            after=json.dumps(after, ensure_ascii=False, sort_keys=True) if after else "",
        ),
    )


def _actor_of(account: Account) -> Actor:
    return issue(account.display_name, account.role, account.id)


def new_account(data: AccountInput) -> Account:
    return Account(
        username=data.username.strip(),
        display_name=data.display_name.strip(),
        role=data.role,
        password_hash=hasher.hash(data.password),
        active=True,
        leader_id=data.leader_id if data.role is Role.LEADER else None,
        must_change_password=False,
        failed_attempts=0,
    )


# --- first start and sign-in ---------------------------------------------------------------------
def first_admin_needed(db: Database) -> bool:
    """True while the database has no account at all (the first start)."""
    with db.read() as session:
        return not session.scalar(select(func.count(Account.id)))


def create_first_admin(db: Database, data: AccountInput) -> Result[Actor]:
    """The first start: make the administrator and sign them in (only while no account
    exists)."""
    data = AccountInput(
        data.username, data.display_name, data.password, Role.ADMIN, None, data.password_again
    )
    with db.write() as session:
        if session.scalar(select(func.count(Account.id))):
            return Result.failure({"": MSG_FIRST_DONE})
        added = add_account(session, data)
        if isinstance(added, dict):
            return Result.failure(added)
        account = added
        actor = _actor_of(account)
        audit_account(
            session, actor, "create_first_admin", account, f"建立首个管理员 {account.username}"
        )
        return Result.success(actor, f"已建立管理员账户 {account.username}")


def _verify_hash(password_hash: str, password: str) -> bool:
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def verify(account: Account, password: str) -> bool:
    return _verify_hash(account.password_hash, password)


@cache
def _dummy_hash() -> str:
    return hasher.hash("petitiondesk-no-such-account")


def _check_password(session: Session, account: Account, password: str, now: datetime) -> str:
    """'' when ``password`` is right (failures reset), else the refusal (counted)."""
    if account.locked_until is not None and account.locked_until > now:
        minutes = max(1, int((account.locked_until - now).total_seconds() // 60) + 1)
        return MSG_LOCKED_OUT.format(minutes=minutes)
    if not verify(account, password):
        account.failed_attempts += 1
        if account.failed_attempts >= MAX_FAILURES:
            account.locked_until = now + LOCKOUT
            account.failed_attempts = 0
        return MSG_WRONG
    account.failed_attempts = 0
    account.locked_until = None
    if hasher.check_needs_rehash(account.password_hash):
        account.password_hash = hasher.hash(password)
    return ""


def login(
    db: Database, username: str, password: str, *, now: datetime | None = None
) -> Result[Actor]:
    """Sign in: the issued actor of the account, or one sentence (never which part was
    wrong). Both outcomes are audited."""
    now = now or datetime.now()
    name = username.strip()
    with db.write() as session:
        account = session.scalar(select(Account).where(Account.username == name))
        if account is None:
            _verify_hash(_dummy_hash(), password)  # the same time whether or not the user exists
            audit_account(session, name or "?", "login_failed", None, f"登录失败：{name}")
            return Result.failure({"": MSG_WRONG})
        why = _check_password(session, account, password, now)
        if not why and not account.active:
            why = MSG_DISABLED
        if why:
            audit_account(session, name, "login_failed", account, f"登录失败：{name}")
            return Result.failure({"": why})
        actor = _actor_of(account)
        audit_account(session, actor, "login", account, f"登录：{name}")
        return Result.success(actor)


def unlock(db: Database, actor: Actor, password: str) -> Result[Actor]:
    """The lock screen: the same account's password signs it in again."""
    with db.read() as session:
        account = session.get(Account, actor.account_id) if actor.account_id else None
        username = account.username if account is not None else ""
    if not username:
        return Result.failure({"": MSG_NO_ACCOUNT})
    return login(db, username, password)


def username_of(db: Database, actor: Actor) -> str:
    """The user name of the actor's account ('' for the command line)."""
    with db.read() as session:
        account = session.get(Account, actor.account_id) if actor.account_id else None
        return account.username if account is not None else ""


def must_change_password(db: Database, actor: Actor) -> bool:
    """True after an administrator reset this account's password."""
    with db.read() as session:
        account = session.get(Account, actor.account_id) if actor.account_id else None
        return bool(account is not None and account.must_change_password)


def leader_of(db: Database, actor: Actor) -> int | None:
    """The leader (``leader.id``) a leader's account stands for, else None."""
    if actor.role is not Role.LEADER or not actor.account_id:
        return None
    with db.read() as session:
        account = session.get(Account, actor.account_id)
        return account.leader_id if account is not None else None


#: The demo database's accounts (services/demo.py; documented in the README):
#: (username, name, role, password, the leader's name for a leader account).
DEMO_ACCOUNTS = (
    ("admin", "钱卫东", Role.ADMIN, "admin-demo-2026", None),
    ("zhaoli", "赵丽", Role.CLERK, "zhaoli-demo-2026", None),
    ("leader", "", Role.LEADER, "leader-demo-2026", 1),
)
DEMO_CLERK = "zhaoli"
DEMO_CLERK_PASSWORD = "zhaoli-demo-2026"


def add_demo_accounts(session: Session) -> int:
    """The demo accounts (skipping user names already taken); the leader account stands
    for the first leader in rotation. Returns how many were added."""
    added = 0
    first_leader = session.scalar(select(Leader).order_by(Leader.rotation_order, Leader.id))
    for username, name, role, password, leader in DEMO_ACCOUNTS:
        if session.scalar(select(Account.id).where(Account.username == username)):
            continue
        if role is Role.LEADER and (leader is None or first_leader is None):
            continue
        leader_id = first_leader.id if role is Role.LEADER and first_leader else None
        display = first_leader.name if role is Role.LEADER and first_leader else name
        data = AccountInput(username, display, password, role, leader_id)
        session.add(new_account(data))
        added += 1
    session.flush()
    return added


def suggested_username(db: Database) -> str:
    """The user name the sign-in dialog prefills: the demo clerk on a demo database."""
    with db.read() as session:
        found = session.scalar(
            select(Account.username).where(Account.username == DEMO_CLERK, Account.active.is_(True))
        )
        return found or ""


def command_line_actor() -> Actor:
    """The command line's identity: ``命令行:<OS user>`` (whoever holds the file)."""
    try:
        user = getpass.getuser() or "unknown"
    except (OSError, KeyError, ImportError):  # no login name (e.g. a bare container)
        user = "unknown"
    return issue(f"命令行:{user}"[:MAX_NAME], Role.COMMAND_LINE)
