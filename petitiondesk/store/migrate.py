"""Alembic migrations run programmatically at start-up (no alembic.ini needed).

Alembic (and Mako under it) costs about a third of a second to import, so it is imported
only when the file needs an upgrade: the revisions are read from the migration scripts'
``revision = …`` / ``down_revision = …`` lines and the file's revision from its
``alembic_version`` table with plain SQL (``tests/store`` checks both against alembic).
"""

from __future__ import annotations

import functools
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import OperationalError

from . import dialect

if TYPE_CHECKING:
    from alembic.config import Config

LOCK_RETRIES = 5
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class SchemaError(Exception):
    """The file's schema cannot be used by this program (message in Chinese)."""


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


_REVISION = re.compile(r"""^(down_revision|revision)\s*=\s*['"]?([^'"\s]+)['"]?""", re.M)


@functools.cache
def _revisions() -> tuple[frozenset[str], str]:
    """The revisions of the migration scripts and their head, without importing alembic."""
    known: set[str] = set()
    parents: set[str] = set()
    for script in (MIGRATIONS_DIR / "versions").glob("*.py"):
        fields = dict(_REVISION.findall(script.read_text(encoding="utf-8")))
        if "revision" in fields:
            known.add(fields["revision"])
            parents.add(fields.get("down_revision", "None"))
    heads = known - parents
    if len(heads) != 1:
        raise RuntimeError(f"migration scripts have {len(heads)} heads: {sorted(heads)}")
    return frozenset(known), heads.pop()


def head_revision() -> str:
    return _revisions()[1]


def _revision_of(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    value = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return str(value) if value is not None else None


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return _revision_of(conn)


def check_schema(tables: set[str], current: str | None) -> None:
    """Refuse a file that is not ours or was written by a newer program (SchemaError)."""
    known = _revisions()[0]
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
    current = _revision_of(conn)
    check_schema(set(inspect(conn).get_table_names()), current)
    return current


def check_and_upgrade(engine: Engine, *, upgrade: bool = True) -> str | None:
    """Bring the database to head; refuse files we do not know. Returns the old revision.

    The upgrade runs inside one write transaction taken up front (``BEGIN IMMEDIATE`` on
    SQLite, advisory locks on PostgreSQL), and the revision is read again under that
    lock: of several programs starting together on a new or older file (or desks on one
    PostgreSQL database), one migrates and the others wait and find it done.
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
    locked = engine.execution_options(**{dialect.WRITE_OPTION: True})
    with locked.begin() as conn:
        if not dialect.is_sqlite(conn):
            dialect.lock_migrations(conn)  # a second desk waits here, then finds it done
        if _check(conn) != head_revision():
            from alembic import command

            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
