"""Who may see which cases, and how much of them (issue 13).

- A leader's account sees only the cases it owns (包案: ``Petition.case_leader_id`` is the
  account's leader); other roles see every case.
- A confidential case (检举控告, ``Petition.confidential``) is shown in full only to the
  roles the office settings name (``confidential_roles``, default: administrators);
  everyone else reads the petitioner's identity as （保密） and masked numbers
  (:mod:`petitiondesk.core.masking`).

Read functions take ``actor=None`` for the office's own paths (CLI, exports, printing
the office's file copy) and an :class:`Actor` for what the window shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TypeVar

from sqlalchemy import ColumnElement, false, true
from sqlalchemy.orm import Session

from petitiondesk.core.identity import Actor, Role
from petitiondesk.core.masking import mask_id, mask_phone
from petitiondesk.core.referral_rules import REDACTED
from petitiondesk.store.models import Account, OfficeSettings, Petition

R = TypeVar("R")


@dataclass(frozen=True)
class Visibility:
    #: Only the cases this leader owns (a leader's account); None with ``leader_only``:
    #: an account linked to no leader sees no case.
    leader_id: int | None = None
    leader_only: bool = False
    #: Confidential cases in full (else redacted).
    full_confidential: bool = True


EVERYTHING = Visibility()


def confidential_roles(office: OfficeSettings | None) -> frozenset[str]:
    text = office.confidential_roles if office is not None else Role.ADMIN.value
    return frozenset(part.strip() for part in text.split(",") if part.strip())


def visibility(session: Session, actor: Actor | None) -> Visibility:
    """What ``actor`` may see (None: the office's own paths, everything)."""
    if actor is None:
        return EVERYTHING
    office = session.get(OfficeSettings, 1)
    full = actor.role is Role.COMMAND_LINE or actor.role.value in confidential_roles(office)
    if actor.role is not Role.LEADER:
        return Visibility(full_confidential=full)
    account = session.get(Account, actor.account_id) if actor.account_id else None
    leader_id = account.leader_id if account is not None else None
    return Visibility(leader_id=leader_id, leader_only=True, full_confidential=full)


def case_condition(vis: Visibility) -> ColumnElement[bool]:
    """The WHERE condition on :class:`Petition` for the cases ``vis`` may see."""
    if not vis.leader_only:
        return true()
    if vis.leader_id is None:
        return false()
    return Petition.case_leader_id == vis.leader_id


def may_see(vis: Visibility, petition: Petition) -> bool:
    return not vis.leader_only or (
        vis.leader_id is not None and petition.case_leader_id == vis.leader_id
    )


def case_refusal(vis: Visibility, petition: Petition) -> str | None:
    """The Chinese sentence when one case (its detail, its printed forms) is not this
    reader's: a leader's account opening a case another leader owns (包案)."""
    if may_see(vis, petition):
        return None
    if vis.leader_id is None:
        return "本账户未关联领导，不能查看信访事项；请管理员在账户管理中关联"
    return f"{petition.register_no} 不是本账户包案的信访事项，领导只能查看、打印自己包案的事项"


def hidden(vis: Visibility, petition: Petition) -> bool:
    """True when ``petition``'s identity fields must be redacted for this reader."""
    return petition.confidential and not vis.full_confidential


def redact_identity(row: R, hide: bool) -> R:
    """A row (a dataclass with some of name/id_number/phone/address) with the identity
    redacted when ``hide``: the name and address read （保密）, numbers masked."""
    if not hide:
        return row
    return replace(row, **redact_values(vars(row), True))  # type: ignore[type-var]


def redact_values(values: Mapping[str, object], hide: bool) -> dict[str, str]:
    """The identity fields of ``values`` (a form's values, a row's fields) redacted when
    ``hide`` (only those fields are returned: merge them over the values)."""
    if not hide:
        return {}
    changes: dict[str, str] = {}
    for field, value in values.items():
        text = value if isinstance(value, str) else ""
        if field in ("name", "address", "work_unit"):
            changes[field] = REDACTED
        elif field == "id_number":
            changes[field] = mask_id(text) if text else ""
        elif field == "phone":
            changes[field] = mask_phone(text) if text else ""
    return changes
