"""A database file on a network share is recognised (Windows UNC and mapped drives, Linux
cifs/nfs/sshfs mounts from /proc/mounts) so the desk can warn before several desks write it."""

from __future__ import annotations

import pytest

from petitiondesk.store.network_share import (
    DRIVE_REMOTE,
    filesystem_type,
    is_network_path,
    parse_mounts,
)

MOUNTS = """\
sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
/dev/sda2 / ext4 rw,relatime 0 0
/dev/sda3 /home ext4 rw,relatime 0 0
//fileserver/xinfang /mnt/office\\040share cifs rw,relatime,vers=3.1.1 0 0
fileserver:/export/data /srv/nfs nfs4 rw,relatime 0 0
clerk@host:/data /home/clerk/remote fuse.sshfs rw,nosuid 0 0
tmpfs /home/clerk/remote/cache tmpfs rw 0 0
"""


def test_mount_points_are_unescaped() -> None:
    assert ("/mnt/office share", "cifs") in parse_mounts(MOUNTS)


@pytest.mark.parametrize(
    ("path", "network"),
    [
        ("/home/clerk/petitiondesk.sqlite", False),
        ("/mnt/office share/登记簿/petitiondesk.sqlite", True),
        ("/mnt/office sharex/petitiondesk.sqlite", False),
        ("/srv/nfs/petitiondesk.sqlite", True),
        ("/home/clerk/remote/petitiondesk.sqlite", True),
        ("/home/clerk/remote/cache/petitiondesk.sqlite", False),  # the innermost mount counts
        ("/srv/nfsx/petitiondesk.sqlite", False),
    ],
)
def test_linux_network_file_systems(path: str, network: bool) -> None:
    assert is_network_path(path, platform="linux", mounts_text=MOUNTS) is network


def test_an_unknown_mount_table_means_local() -> None:
    assert filesystem_type("/a/b", []) is None
    assert not is_network_path("/a/b", platform="linux", mounts_text="")


def test_this_machines_temporary_folder_is_local(tmp_path: object) -> None:
    assert not is_network_path(str(tmp_path))


@pytest.mark.parametrize(
    "path",
    [
        r"\\fileserver\xinfang\petitiondesk.sqlite",
        "//fileserver/xinfang/petitiondesk.sqlite",
        r"\\?\UNC\fileserver\xinfang\petitiondesk.sqlite",
    ],
)
def test_windows_unc_paths_are_network(path: str) -> None:
    def never(_root: str) -> int:
        raise AssertionError("a UNC path needs no drive type")

    assert is_network_path(path, platform="win32", drive_type=never)


def test_windows_mapped_drives_are_asked_for_their_type() -> None:
    asked: list[str] = []

    def drive_type(root: str) -> int:
        asked.append(root)
        return DRIVE_REMOTE if root.upper() == "Z:\\" else 3  # DRIVE_FIXED

    assert is_network_path(
        r"Z:\登记簿\petitiondesk.sqlite", platform="win32", drive_type=drive_type
    )
    assert not is_network_path(
        r"C:\Users\clerk\petitiondesk.sqlite", platform="win32", drive_type=drive_type
    )
    assert not is_network_path(
        r"\\?\C:\data\petitiondesk.sqlite", platform="win32", drive_type=drive_type
    )
    assert asked == ["Z:\\", "C:\\", "C:\\"]
