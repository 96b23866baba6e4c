"""Actors are issued, not built; permissions follow the role."""

from __future__ import annotations

import pytest

from petitiondesk.core.identity import Actor, Role, issue
from petitiondesk.core.permissions import ROLE_PERMISSIONS, Permission, allowed, refusal


def test_an_actor_cannot_be_built_by_hand() -> None:
    with pytest.raises(TypeError):
        Actor("局长")
    with pytest.raises(TypeError):
        Actor("局长", Role.ADMIN, 1)


def test_an_issued_actor_is_its_name() -> None:
    clerk = issue("赵丽", Role.CLERK, 3)
    assert clerk == "赵丽" and clerk.name == "赵丽"
    assert clerk.role is Role.CLERK and clerk.account_id == 3
    assert clerk.genuine()


def test_a_plain_string_or_an_altered_actor_is_refused() -> None:
    assert not allowed("赵丽", Permission.REGISTER)
    assert refusal("赵丽", Permission.REGISTER) == "操作人身份无效：请重新登录后再试"
    clerk = issue("赵丽", Role.CLERK, 3)
    clerk.role = Role.ADMIN  # promoting oneself breaks the token
    assert not clerk.genuine()
    assert not allowed(clerk, Permission.USERS)


@pytest.mark.parametrize("role", list(Role))
def test_each_role_gets_exactly_its_permissions(role: Role) -> None:
    who = issue("某人", role)
    for permission in Permission:
        assert allowed(who, permission) == (permission in ROLE_PERMISSIONS[role])
        assert (refusal(who, permission) is None) == allowed(who, permission)


def test_a_clerk_is_refused_administration_with_a_chinese_sentence() -> None:
    clerk = issue("赵丽", Role.CLERK)
    assert refusal(clerk, Permission.USERS) == "登记员（赵丽）无权进行此项操作：账户管理"
    assert allowed(issue("王局", Role.ADMIN), Permission.USERS)
    assert not allowed(issue("李书记", Role.LEADER), Permission.REGISTER)
