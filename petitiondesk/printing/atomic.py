"""Writing an output file (PDF, Excel) so that a failure never leaves half of it."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A fresh path beside ``target`` to write to: renamed over ``target`` when the block
    ends without an error, and removed in any case (no ``.part`` file is ever left behind).

    The parent folder is created if needed; the temporary name is unique, so two writers
    of the same target never share a half-written file.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
