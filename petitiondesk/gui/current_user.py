"""Who is at the keyboard, for the audit log (later: the signed-in account)."""

from __future__ import annotations

import getpass


def current_actor() -> str:
    """The login name of the clerk ("clerk" when the system has none)."""
    try:
        return getpass.getuser() or "clerk"
    except Exception:  # no login name (some service accounts)
        return "clerk"
