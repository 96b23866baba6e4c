"""The actor a role-gated service call is made with: whoever is signed in.

:func:`current_user.current_actor` hands out the signed-in account's issued
:class:`~petitiondesk.core.identity.Actor` (accounts, #13); a plain name (no accounts yet)
is passed on as it is and the service refuses it, as it refuses any forged identity.
"""

from __future__ import annotations

from typing import cast

from petitiondesk.core.identity import Actor

from . import current_user


def signed_in() -> Actor:
    """The signed-in actor, looked up at each call (the session may have changed)."""
    return cast(Actor, current_user.current_actor())
