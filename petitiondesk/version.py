"""The program's version and build date: the one place both are defined.

``__version__`` is the release (pyproject.toml reads it from here). The build date comes
from ``build_info.json`` beside this module, which the bundle build (``make bundle``,
packaging/bundle_common.py) writes; a program run from the source tree has none and says
so (:data:`SOURCE_BUILD`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__version__ = "0.1.0"

BUILD_INFO_FILE = Path(__file__).resolve().parent / "build_info.json"

#: What 关于 and ``--version`` say instead of a build date when run from the source tree.
SOURCE_BUILD = "源代码运行"


@dataclass(frozen=True)
class BuildInfo:
    version: str
    build_date: str  # ISO date of the bundle build, or SOURCE_BUILD
    commit: str = ""
    platform: str = ""

    @property
    def bundled(self) -> bool:
        return self.build_date != SOURCE_BUILD

    def line(self) -> str:
        """One line: ``petitiondesk 0.1.0（构建于 2026-12-04，a56dbe5）``."""
        details = [f"构建于 {self.build_date}" if self.bundled else self.build_date]
        if self.commit:
            details.append(self.commit)
        return f"petitiondesk {self.version}（{'，'.join(details)}）"


def read_build_info(path: Path = BUILD_INFO_FILE) -> BuildInfo:
    """The build info of this program (a bundle's file, or the source tree's version)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return BuildInfo(__version__, SOURCE_BUILD)
    if not isinstance(data, dict):
        return BuildInfo(__version__, SOURCE_BUILD)
    return BuildInfo(
        version=str(data.get("version") or __version__),
        build_date=str(data.get("build_date") or SOURCE_BUILD),
        commit=str(data.get("commit") or ""),
        platform=str(data.get("platform") or ""),
    )


@cache
def build_info() -> BuildInfo:
    """:func:`read_build_info` once per process."""
    return read_build_info()
