"""The server password in the OS keyring (Windows Credential Manager, macOS Keychain,
the Secret Service on Linux) through the ``keyring`` package — never in a file.

Entries are stored under service :data:`SERVICE` and user ``user@host:port/db``
(:meth:`ServerSettings.label`). Where no usable backend exists (a headless Linux: keyring's
``fail`` or ``null`` backend) :func:`available` is False: nothing is saved, and the desk
asks for the password at every start. Errors of the backend are logged (without the
password) and reported as "not saved" / "not found".
"""

from __future__ import annotations

import logging
from typing import Any

from .server_connection import ServerSettings

log = logging.getLogger(__name__)

SERVICE = "PetitionDesk"
MSG_NO_KEYRING = "本机没有可用的密码保管库，密码不会保存，每次启动时询问"


def _keyring() -> Any | None:
    try:
        import keyring
    except ImportError:
        return None
    return keyring


def _usable(backend: Any) -> bool:
    from keyring.backends import chainer, fail, null

    if isinstance(backend, fail.Keyring | null.Keyring):
        return False
    if isinstance(backend, chainer.ChainerBackend):
        return any(_usable(inner) for inner in backend.backends)
    return True


def available() -> bool:
    """True when passwords can be kept in a keyring on this computer."""
    keyring = _keyring()
    if keyring is None:
        return False
    try:
        return _usable(keyring.get_keyring())
    except Exception as exc:  # noqa: BLE001 — a broken backend is "none"
        log.warning("keyring backend unusable: %s", type(exc).__name__)
        return False


def save(settings: ServerSettings, password: str) -> bool:
    """Keep ``password`` for ``settings``; False when no keyring could take it."""
    keyring = _keyring()
    if keyring is None or not available():
        return False
    try:
        keyring.set_password(SERVICE, settings.label(), password)
    except Exception as exc:  # noqa: BLE001
        log.warning("password for %s not saved: %s", settings.label(), type(exc).__name__)
        return False
    return True


def load(settings: ServerSettings) -> str | None:
    """The kept password for ``settings``, or None."""
    keyring = _keyring()
    if keyring is None or not available():
        return None
    try:
        value = keyring.get_password(SERVICE, settings.label())
    except Exception as exc:  # noqa: BLE001
        log.warning("password for %s not read: %s", settings.label(), type(exc).__name__)
        return None
    return value if isinstance(value, str) and value else None


def delete(settings: ServerSettings) -> None:
    """Forget the kept password for ``settings`` (nothing happens when there is none)."""
    keyring = _keyring()
    if keyring is None or not available():
        return
    try:
        keyring.delete_password(SERVICE, settings.label())
    except Exception as exc:  # noqa: BLE001 — PasswordDeleteError: there was none
        log.debug("no password deleted for %s: %s", settings.label(), type(exc).__name__)
