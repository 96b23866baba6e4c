"""Who acts: an :class:`Actor` is the identity every service write is made with.

An actor is a ``str`` (its name, which is what audit rows record) that also carries a role
and the account it was issued for. Actors are *issued*, never built by hand: the accounts
service issues one after a password check (the window), the CLI issues ``命令行:<OS user>``
(whoever holds the database file maintains it). ``Actor("局长")`` raises, and a copy with
another role fails :meth:`Actor.genuine`, so a service can tell an issued identity from a
string that merely looks like one (:func:`petitiondesk.core.permissions.allowed`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from enum import StrEnum

# A per-process key: tokens are valid only for actors issued by this process.
_KEY = secrets.token_bytes(32)
_ISSUER = object()


class Role(StrEnum):
    """A role an account (or the command line) acts in; the stored value is the English
    name, the label is what the clerk reads."""

    CLERK = "clerk"
    LEADER = "leader"
    ADMIN = "admin"
    COMMAND_LINE = "command_line"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.CLERK: "登记员",
    Role.LEADER: "领导",
    Role.ADMIN: "管理员",
    Role.COMMAND_LINE: "命令行",
}


def _token(name: str, role: Role, account_id: int | None) -> str:
    message = f"{name}\x1f{role.value}\x1f{account_id}".encode()
    return hmac.new(_KEY, message, hashlib.sha256).hexdigest()


class Actor(str):
    """An issued identity: the name (the ``str`` value), its role and account id."""

    role: Role
    account_id: int | None
    _token: str

    def __new__(
        cls,
        name: str,
        role: Role = Role.CLERK,
        account_id: int | None = None,
        *,
        _by: object = None,
    ) -> Actor:
        if _by is not _ISSUER:
            raise TypeError("actors are issued (petitiondesk.core.identity.issue), not built")
        self = super().__new__(cls, name)
        self.role = Role(role)
        self.account_id = account_id
        self._token = _token(name, self.role, account_id)
        return self

    @property
    def name(self) -> str:
        return str.__str__(self)

    def genuine(self) -> bool:
        """True for an actor issued by this process and not altered since."""
        expected = _token(self.name, self.role, self.account_id)
        return hmac.compare_digest(expected, self._token)

    def __repr__(self) -> str:
        return f"Actor({self.name!r}, {self.role.value}, account={self.account_id})"


def issue(name: str, role: Role, account_id: int | None = None) -> Actor:
    """Issue an actor. Called by the accounts service after a password check, by the CLI
    for ``命令行:<OS user>``, and by tests; nothing else should need it."""
    if not name.strip():
        raise ValueError("an actor needs a name")
    return Actor(name, role, account_id, _by=_ISSUER)
