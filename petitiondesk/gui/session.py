"""Who is signed in to the window: the :class:`~petitiondesk.core.identity.Actor` issued at
sign-in (services/accounts.py), which every write and audit row of the window names.

The operating-system user name plays no part. The main window signs its actor in
(:func:`sign_in`); the lock screen may sign another account in (switch user).
"""

from __future__ import annotations

from petitiondesk.core.identity import Actor

_signed_in: Actor | None = None


class NotSignedIn(RuntimeError):
    """A write was attempted while nobody is signed in (a programming error)."""


def sign_in(actor: Actor) -> None:
    global _signed_in
    _signed_in = actor


def sign_out() -> None:
    global _signed_in
    _signed_in = None


def signed_in() -> Actor | None:
    return _signed_in


def current_actor() -> Actor:
    """The signed-in actor (raises :class:`NotSignedIn` if nobody is)."""
    if _signed_in is None:
        raise NotSignedIn("nobody is signed in")
    return _signed_in
