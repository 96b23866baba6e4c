from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from petitiondesk.core.identity import Actor


def bench_actor() -> Actor:
    """Who the benchmark's writes, prints and exports are made as (an administrator, so
    every measured path is allowed; the window is signed in with it too)."""
    from petitiondesk.core.identity import Role, issue

    return issue("基准测试", Role.ADMIN)
