"""The stale-edit refusal as the two-desk tests expect it (issue 14; the ``desk_b``
fixture is in this folder's conftest)."""

from __future__ import annotations

from typing import Any

from petitiondesk.services.result import Result
from petitiondesk.services.stale import MSG_STALE


def assert_stale(result: Result[Any], what: str) -> None:
    assert not result.ok
    message = result.message
    assert message == MSG_STALE.format(what=what)
    assert "该记录已被其他窗口修改" in message and "您的修改未保存" in message
