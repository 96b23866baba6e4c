"""Alembic migrations run programmatically at start-up (no alembic.ini needed)."""

from __future__ import annotations

import time
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect
from sqlalchemy.exc import OperationalError

LOCK_RETRIES = 5
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class SchemaError(Exception):
    """The file's schema cannot be used by this program (message in Chinese)."""


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def check_schema(tables: set[str], current: str | None) -> None:
    """Refuse a file that is not ours or was written by a newer program (SchemaError)."""
    known = {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if current is None:
        if tables:
            raise SchemaError(
                "该文件不是 PetitionDesk 数据库（含有未知的数据表），为保护数据未作任何修改。"
            )
    elif current not in known:
        raise SchemaError(
            f"该数据库由更新版本的 PetitionDesk 创建（架构版本 {current}），"
            "当前程序无法打开。请升级程序后再试；数据未作任何修改。"
        )


def _check(conn: Connection) -> str | None:
    current = MigrationContext.configure(conn).get_current_revision()
    check_schema(set(inspect(conn).get_table_names()), current)
    return current


def check_and_upgrade(engine: Engine, *, upgrade: bool = True) -> str | None:
    """Bring the database to head; refuse files we do not know. Returns the old revision.

    The upgrade runs inside one write transaction taken up front (``BEGIN IMMEDIATE`` on
    SQLite), and the revision is read again under that lock: of several programs starting
    together on a new or older file, one migrates and the others wait and find it done.
    """
    with engine.connect() as conn:
        current = _check(conn)
    head = head_revision()
    if not upgrade or current == head:
        return current
    for attempt in range(LOCK_RETRIES):
        try:
            _upgrade_locked(engine)
            return current
        except OperationalError as exc:
            if attempt == LOCK_RETRIES - 1 or "locked" not in str(exc.orig).lower():
                raise
            time.sleep(0.2 * (attempt + 1))
    return current  # pragma: no cover - the loop returns or raises


def _upgrade_locked(engine: Engine) -> None:
    locked = engine.execution_options(sqlite_immediate=True)
    with locked.begin() as conn:
        if _check(conn) != head_revision():
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
