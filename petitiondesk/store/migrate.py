"""Alembic migrations run programmatically at start-up (no alembic.ini needed)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

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


def check_and_upgrade(engine: Engine, *, upgrade: bool = True) -> str | None:
    """Bring the database to head; refuse files we do not know. Returns the old revision."""
    script = ScriptDirectory.from_config(alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    current = current_revision(engine)
    if current is None:
        tables = set(inspect(engine).get_table_names())
        if tables:
            raise SchemaError(
                "该文件不是 PetitionDesk 数据库（含有未知的数据表），为保护数据未作任何修改。"
            )
    elif current not in known:
        raise SchemaError(
            f"该数据库由更新版本的 PetitionDesk 创建（架构版本 {current}），"
            "当前程序无法打开。请升级程序后再试；数据未作任何修改。"
        )
    if upgrade and current != script.get_current_head():
        cfg = alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    return current
