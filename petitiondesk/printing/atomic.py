"""Writing an output file (PDF, Excel) so that a failure never leaves half of it.

The half-written file lives beside its target under a recognisable hidden name,
``.~<target name>.<pid>-<random>.part``. A failure removes it at once; a process that is
killed cannot, so :func:`cleanup_stale_parts` removes the ones whose writer is gone.
"""

from __future__ import annotations

import errno
import os
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PART_PATTERN = re.compile(r"^\.~(?P<name>.+)\.(?P<pid>\d+)-[A-Za-z0-9_]+\.part$")
# Where a writer's liveness cannot be asked cheaply (Windows), a part file this old is stale.
STALE_AFTER_S = 6 * 3600


def part_prefix(target: Path) -> str:
    return f".~{target.name}.{os.getpid()}-"


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A fresh path beside ``target`` to write to: renamed over ``target`` when the block
    ends without an error, and removed in any case (no ``.part`` file is ever left behind).

    The parent folder is created if needed; the temporary name is unique, so two writers
    of the same target never share a half-written file. The file is created readable by
    the owner only (``mkstemp``: 0600), and a folder created here is 0700. A target that
    is an existing folder is refused up front (the error names the target, not a
    temporary file).
    """
    target = Path(target)
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "目标是一个文件夹，不是文件", str(target))
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    cleanup_stale_parts(target.parent)  # left by an export that was killed
    fd, name = tempfile.mkstemp(prefix=part_prefix(target), suffix=".part", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)


def _writer_is_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # os.kill would terminate it there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def cleanup_stale_parts(folder: Path, *, now: float | None = None) -> list[Path]:
    """Remove half-written files in ``folder`` left by a writer that was killed.

    A part file is stale when its writer process no longer runs, or (where that cannot
    be asked) when it is older than :data:`STALE_AFTER_S`. Returns the removed paths.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    moment = time.time() if now is None else now
    removed: list[Path] = []
    for path in folder.iterdir():
        match = PART_PATTERN.match(path.name)
        if match is None or not path.is_file():
            continue
        try:
            old = moment - path.stat().st_mtime > STALE_AFTER_S
            if old or not _writer_is_alive(int(match["pid"])):
                path.unlink()
                removed.append(path)
        except OSError:
            continue  # gone already, or not ours to remove
    return removed
