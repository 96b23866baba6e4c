"""An edit of a record another desk changed meanwhile is refused (issue 14).

The rows two desks edit carry a ``version`` (bumped by every change, see migration
0013). A form remembers the version it was loaded with and hands it to the service in
its input (``version``; None: the caller loaded nothing, no check); the service calls
:func:`stale_errors` inside its write transaction, before changing anything, and answers
the errors as its failure: nothing is overwritten and the form keeps what was typed.
"""

from __future__ import annotations

from typing import Any, Final

MSG_STALE: Final = "该记录已被其他窗口修改（{what}），请刷新后重新编辑；您的修改未保存"


def stale_errors(row: Any, expected: int | None, what: str) -> dict[str, str]:
    """``{"": message}`` if ``row`` (a versioned model; None: not there, version 0) is
    no longer at ``expected``, else ``{}``; ``what`` names the record for the clerk
    (e.g. ``登记 2026-0001``)."""
    current = row.version if row is not None else 0
    if expected is None or current == expected:
        return {}
    return {"": MSG_STALE.format(what=what)}
