"""Is a database file on a network share? (issue 14: one SQLite file written by several
desks over a network folder corrupts the register.)

Windows: a UNC path (``\\\\server\\share\\…``) or a drive letter whose type is
``DRIVE_REMOTE`` (``GetDriveTypeW``); Linux and other Unix: the file system type of the
mount that holds the file, from ``/proc/mounts`` (cifs, smb3, nfs, sshfs, …). The inputs
(platform, mounts text, drive-type function) can be given, so the rules are unit-tested.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path, PurePosixPath, PureWindowsPath

NETWORK_FILESYSTEMS = frozenset(
    {"cifs", "smb3", "smbfs", "nfs", "nfs4", "sshfs", "fuse.sshfs", "afs", "ncpfs", "9p"}
)
DRIVE_REMOTE = 4
PROC_MOUNTS = Path("/proc/mounts")


def _unescape(field: str) -> str:
    """``/proc/mounts`` writes space, tab, newline and backslash as octal escapes."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def parse_mounts(text: str) -> list[tuple[str, str]]:
    """``(mount point, file system type)`` for each line of ``/proc/mounts``."""
    mounts = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            mounts.append((_unescape(parts[1]), parts[2]))
    return mounts


def filesystem_type(path: str, mounts: list[tuple[str, str]]) -> str | None:
    """The type of the innermost mount that holds ``path`` (an absolute POSIX path)."""
    target = PurePosixPath(path)
    best: tuple[int, str] | None = None
    for point, fstype in mounts:
        mount = PurePosixPath(point)
        if (target == mount or mount in target.parents) and (
            best is None or len(mount.parts) >= best[0]
        ):
            best = (len(mount.parts), fstype)
    return best[1] if best is not None else None


def _windows_drive_type(root: str) -> int:
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]


def is_unc(path: str) -> bool:
    """``\\\\server\\share\\…`` (or ``//server/share/…``, ``\\\\?\\UNC\\…``)."""
    if path.startswith("\\\\?\\"):
        return path[4:].upper().startswith("UNC\\")
    return path.startswith(("\\\\", "//")) and len(path) > 2 and path[2] not in "\\/?."


def _on_windows_share(path: str, drive_type: Callable[[str], int] | None) -> bool:
    if is_unc(path):
        return True
    if path.startswith("\\\\?\\"):  # \\?\C:\… : a long local path
        path = path[4:]
    drive = PureWindowsPath(path).drive
    if len(drive) != 2 or drive[1] != ":":
        return False
    query = drive_type if drive_type is not None else _windows_drive_type
    try:
        return query(drive + "\\") == DRIVE_REMOTE
    except OSError:
        return False


def _read_mounts() -> str:
    try:
        return PROC_MOUNTS.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def is_network_path(
    path: str | Path,
    *,
    platform: str | None = None,
    mounts_text: str | None = None,
    drive_type: Callable[[str], int] | None = None,
) -> bool:
    """True when ``path`` (a database file or folder) lies on a network share."""
    system = platform if platform is not None else sys.platform
    text = str(path)
    if system.startswith("win"):
        return _on_windows_share(text, drive_type)
    if mounts_text is None:
        text = os.path.realpath(text)
        mounts_text = _read_mounts()
    fstype = filesystem_type(text, parse_mounts(mounts_text))
    return fstype is not None and fstype in NETWORK_FILESYSTEMS
