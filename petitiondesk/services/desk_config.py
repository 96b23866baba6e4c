"""Which database this desk opens at start-up: the local file (one desk) or the office's
PostgreSQL server (several desks), kept in a small JSON file in the user's settings folder
(:func:`petitiondesk.paths.desk_settings_path`).

The file holds the choice and :class:`~.server_connection.ServerSettings` (host, port,
database, user) — never a password (that is for the OS keyring, :mod:`.password_store`).
A missing or damaged file means "local file".
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from petitiondesk.paths import desk_settings_path

from .server_connection import ServerSettings, settings_from_dict

log = logging.getLogger(__name__)

FORMAT_VERSION = 1


class DatabaseChoice(Enum):
    LOCAL = "local"  # 本机数据文件（单窗口）
    SERVER = "server"  # 办公室数据库服务器（多窗口）


@dataclass(frozen=True)
class DeskConfig:
    """The desk's choice; ``server`` is kept even while the local file is chosen."""

    choice: DatabaseChoice = DatabaseChoice.LOCAL
    server: ServerSettings | None = None

    @property
    def uses_server(self) -> bool:
        return self.choice is DatabaseChoice.SERVER and self.server is not None


def load(path: Path | None = None) -> DeskConfig:
    """The saved choice; the default (local file) when there is none or it is unreadable."""
    target = path if path is not None else desk_settings_path()
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return DeskConfig()
    except (OSError, ValueError) as exc:
        log.warning("desk settings %s unreadable (%s): using the local file", target, exc)
        return DeskConfig()
    if not isinstance(data, dict):
        return DeskConfig()
    try:
        choice = DatabaseChoice(data.get("database", DatabaseChoice.LOCAL.value))
    except ValueError:
        choice = DatabaseChoice.LOCAL
    return DeskConfig(choice=choice, server=settings_from_dict(data.get("server")))


def save(config: DeskConfig, path: Path | None = None) -> Path:
    """Write ``config`` (replacing the file in one step); the file's path."""
    target = path if path is not None else desk_settings_path()
    data: dict[str, object] = {"format": FORMAT_VERSION, "database": config.choice.value}
    if config.server is not None:
        data["server"] = config.server.to_dict()
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, target)
    return target
