"""Copies of the database file: SQLite's online backup API, the encrypted file format,
and owner-only files.

A backup is taken from a live database (SQLite copies a consistent snapshot, WAL
included, while others keep working) into a plain single-file database in rollback
journal mode. An encrypted backup is that file sealed with AES-256-GCM under a key
derived from a passphrase with scrypt::

    PDBK | version (1 byte) | salt (16) | nonce (12) | ciphertext + tag

The header is authenticated too (associated data), so a damaged byte anywhere, or a
wrong passphrase, is refused (:class:`BackupError`) before anything is written.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final

from .db import _connect_readonly

MAGIC: Final = b"PDBK"
VERSION: Final = 1
SALT_BYTES: Final = 16
NONCE_BYTES: Final = 12
HEADER_BYTES: Final = len(MAGIC) + 1 + SALT_BYTES + NONCE_BYTES
#: scrypt cost (2**15 * 8 * 128 bytes = 32 MiB of memory, about 0.1 s).
SCRYPT_N: Final = 2**15
SCRYPT_R: Final = 8
SCRYPT_P: Final = 1
FILE_MODE: Final = 0o600
FOLDER_MODE: Final = 0o700

MSG_NOT_ENCRYPTED_FORMAT = "该文件不是 PetitionDesk 加密备份，或文件头已损坏。"
MSG_VERSION = "该加密备份由更新版本的程序创建（格式版本 {version}），无法读取。"
MSG_WRONG_OR_DAMAGED = "口令不正确，或备份文件已损坏，无法解密（未作任何修改）。"
MSG_EMPTY_PASSPHRASE = "口令不能为空。"


class BackupError(Exception):
    """A backup cannot be used; ``str(exc)`` is a Chinese message."""


def owner_only_folder(folder: Path) -> Path:
    """Create ``folder`` (and parents) readable by the owner only (0700 on POSIX); an
    existing folder is left as it is (it may be one the office shares on purpose)."""
    if not folder.exists():
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.mkdir(mode=FOLDER_MODE)
        if sys.platform != "win32":
            folder.chmod(FOLDER_MODE)  # mkdir's mode is reduced by the umask
    return folder


def restrict_file(path: Path) -> None:
    """Make ``path`` readable and writable by the owner only (0600 on POSIX)."""
    if sys.platform != "win32":
        path.chmod(FILE_MODE)


@contextmanager
def owner_only_target(target: Path) -> Iterator[Path]:
    """A private temporary file beside ``target`` (0600), renamed over it on success."""
    fd, name = tempfile.mkstemp(prefix=f".~{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        restrict_file(tmp)
        yield tmp
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def online_copy(source: Path, target: Path) -> None:
    """Copy the live database ``source`` to a new single file ``target`` (0600).

    ``target`` must not be in use; it is replaced atomically.
    """
    src = _connect_readonly(source)
    try:
        with owner_only_target(target) as tmp:
            dest = sqlite3.connect(tmp)
            try:
                src.backup(dest)
                dest.execute("PRAGMA journal_mode=DELETE")  # one file, no -wal beside it
            finally:
                dest.close()
    finally:
        src.close()


def _key(passphrase: str, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    kdf = Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
    return kdf.derive(passphrase.encode("utf-8"))


def encrypt(plain: bytes, passphrase: str) -> bytes:
    """``plain`` sealed under ``passphrase`` (the format in the module docstring)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not passphrase:
        raise BackupError(MSG_EMPTY_PASSPHRASE)
    salt, nonce = os.urandom(SALT_BYTES), os.urandom(NONCE_BYTES)
    header = MAGIC + bytes([VERSION]) + salt + nonce
    return header + AESGCM(_key(passphrase, salt)).encrypt(nonce, plain, header)


def is_encrypted(data: bytes) -> bool:
    return data[: len(MAGIC)] == MAGIC


def decrypt(data: bytes, passphrase: str) -> bytes:
    """The plain bytes of an encrypted backup; :class:`BackupError` when the file is not
    one, is damaged, or the passphrase is wrong."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not is_encrypted(data) or len(data) < HEADER_BYTES + 16:
        raise BackupError(MSG_NOT_ENCRYPTED_FORMAT)
    if data[len(MAGIC)] != VERSION:
        raise BackupError(MSG_VERSION.format(version=data[len(MAGIC)]))
    header = data[:HEADER_BYTES]
    salt = header[len(MAGIC) + 1 : len(MAGIC) + 1 + SALT_BYTES]
    nonce = header[-NONCE_BYTES:]
    try:
        return AESGCM(_key(passphrase, salt)).decrypt(nonce, data[HEADER_BYTES:], header)
    except InvalidTag:
        raise BackupError(MSG_WRONG_OR_DAMAGED) from None


def write_private(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically, readable by the owner only."""
    with owner_only_target(target) as tmp, tmp.open("wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def integrity_problems(path: Path, *, quick: bool = False) -> list[str]:
    """``PRAGMA integrity_check`` (``quick``: ``quick_check``) of a database file
    (read-only); empty when sound."""
    pragma = "quick_check" if quick else "integrity_check"
    conn = _connect_readonly(path)
    try:
        lines = [str(row[0]) for row in conn.execute(f"PRAGMA {pragma}")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()
    return [] if lines == ["ok"] else lines


def in_use(path: Path) -> bool:
    """Whether another program holds ``path`` open (a window, another desk).

    Leaving WAL mode needs every other connection closed, and the exclusive lock taken
    next needs no one reading: either refused means the file is in use. A file too
    damaged to answer is not in use by this program (it could not have opened it).
    """
    conn = sqlite3.connect(path, timeout=0.5, isolation_level=None)
    try:
        mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()
        if mode is None or str(mode[0]).lower() != "delete":
            return True
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        return "locked" in str(exc).lower() or "busy" in str(exc).lower()
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()
    return False
