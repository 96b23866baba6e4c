"""Engine, sessions and start-up migration of the local database.

``Database.open(target)`` accepts a file path or any SQLAlchemy URL, applies pending
migrations (a new file is created at head, an older one upgraded) and refuses a file
written by a newer program.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy.exc
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from . import migrate


class DatabaseError(Exception):
    """The database cannot be used; ``str(exc)`` is a message for the clerk (Chinese)."""


def to_url(target: str | Path) -> URL:
    """A file path becomes ``sqlite:///<absolute path>``; anything with ``://`` is a URL."""
    text = str(target)
    if "://" in text:
        return make_url(text)
    return make_url("sqlite:///" + str(Path(text).expanduser().resolve()))


def _sqlite_pragmas(engine: Engine, *, file_backed: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy (not the sqlite3 module) decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        if file_backed:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers take the write lock up front so two saves never deadlock or
        # fail with SQLITE_BUSY_SNAPSHOT half-way; readers stay deferred.
        if conn.get_execution_options().get("sqlite_immediate"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


@dataclass
class Database:
    engine: Engine
    url: URL

    @classmethod
    def open(cls, target: str | Path, *, upgrade: bool = True) -> Database:
        url = to_url(target)
        is_sqlite = url.get_backend_name() == "sqlite"
        if is_sqlite and url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        kwargs: dict[str, Any] = {}
        if is_sqlite and (not url.database or url.database == ":memory:"):
            from sqlalchemy.pool import StaticPool

            kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
        engine = create_engine(url, **kwargs)
        if is_sqlite:
            _sqlite_pragmas(engine, file_backed=bool(url.database) and url.database != ":memory:")
        db = cls(engine=engine, url=url)
        try:
            migrate.check_and_upgrade(engine, upgrade=upgrade)
        except migrate.SchemaError as exc:
            engine.dispose()
            raise DatabaseError(str(exc)) from exc
        except sqlalchemy.exc.DatabaseError as exc:  # e.g. "file is not a database"
            engine.dispose()
            raise DatabaseError(
                f"无法打开数据库文件：{url.database or url}。该文件已损坏或不是数据库文件，"
                "未作任何修改。"
            ) from exc
        return db

    @property
    def path(self) -> Path | None:
        if self.url.get_backend_name() == "sqlite" and self.url.database not in (
            None,
            "",
            ":memory:",
        ):
            return Path(str(self.url.database))
        return None

    def table_names(self) -> list[str]:
        return inspect(self.engine).get_table_names()

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work (rolled back at the end)."""
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: BEGIN IMMEDIATE, commit on success, roll back on error."""
        factory = sessionmaker(
            bind=self.engine.execution_options(sqlite_immediate=True), expire_on_commit=False
        )
        with factory() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()
