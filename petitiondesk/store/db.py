"""Engine, sessions and start-up migration of the local database.

``Database.open(target, create=..., readonly=...)`` accepts a file path or any SQLAlchemy
URL. An existing file is checked read-only first (a refused file stays byte-identical),
then switched to WAL and upgraded under the write lock; a missing file is created at head
only when asked to (``create=True``). ``readonly=True`` opens without writing anything.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlalchemy.exc
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from . import changes, dialect, errors, migrate, search_index


class WriteSession(Session):
    """The session of :meth:`Database.write`: its flushes keep the search index in step."""


search_index.install(WriteSession)
changes.install(WriteSession)  # announce each transaction's changes to other desks


class DatabaseError(Exception):
    """The database cannot be used; ``str(exc)`` is a message for the clerk (Chinese)."""


def to_url(target: str | Path) -> URL:
    """A file path becomes ``sqlite:///<absolute path>``; anything with ``://`` is a URL."""
    text = str(target)
    if "://" in text:
        return make_url(text)
    return make_url("sqlite:///" + str(Path(text).expanduser().resolve()))


def _sqlite_pragmas(engine: Engine, *, file_backed: bool, readonly: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy (not the sqlite3 module) decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
        if readonly:
            cursor.execute("PRAGMA query_only=ON")
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


BUSY_TIMEOUT_S = 10.0
MSG_NEEDS_UPGRADE = (
    "数据库文件需要先升级：{path}。请先用本程序正常打开一次（会自动升级），再执行只读操作；"
    "未作任何修改。"
)


def _file_path(url: URL) -> Path | None:
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database)
    return None


def _engine(url: URL, *, file_backed: bool) -> Engine:
    kwargs: dict[str, Any] = {}
    is_sqlite = url.get_backend_name() == "sqlite"
    if is_sqlite and not file_backed:
        from sqlalchemy.pool import StaticPool

        kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    engine = create_engine(url, **kwargs)
    if is_sqlite:
        _sqlite_pragmas(engine, file_backed=file_backed)
    else:
        dialect.install_write_lock(engine)
    return engine


def _readonly_engine(path: Path) -> Engine:
    engine = create_engine("sqlite://", creator=lambda: _connect_readonly(path))
    _sqlite_pragmas(engine, file_backed=False, readonly=True)
    return engine


def _explain(exc: BaseException, path: Path | None, url: URL) -> str:
    message = errors.describe_db_error(exc, path)
    if message:
        return message
    return errors.MSG_CANNOT_OPEN.format(path=path or url.render_as_string(hide_password=True))


def _file_uri(path: Path, **params: str) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"file:{quote(str(path))}?{query}"


def _connect_readonly(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(
        _file_uri(path, mode="ro"), uri=True, timeout=BUSY_TIMEOUT_S, check_same_thread=False
    )


def inspect_file(path: Path) -> tuple[set[str], str | None]:
    """Tables and schema revision of an existing SQLite file, read without writing to it."""
    conn = _connect_readonly(path)
    try:
        conn.execute("PRAGMA query_only=ON")
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        current = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            current = row[0] if row else None
        return tables, current
    finally:
        conn.close()


def _create_private(path: Path) -> None:
    """The new database file, empty and readable by the owner only (0600; its folder
    0700 when created here). SQLite gives its -wal and -shm files the same mode."""
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    os.close(fd)
    if sys.platform != "win32":
        path.chmod(0o600)


def _preflight(path: Path, *, create: bool, readonly: bool) -> bool:
    """Check a database file before anything may write to it; True if it is to be created.

    A file that is missing or empty (0 bytes) is only used when ``create`` is true. An
    existing file is checked read-only, so a refused file stays byte-identical.
    """
    size = path.stat().st_size if path.exists() else None
    if size is None or size == 0:
        if readonly or not create:
            template = errors.MSG_MISSING if size is None else errors.MSG_EMPTY
            raise DatabaseError(template.format(path=path))
        _create_private(path)
        return True
    tables, current = inspect_file(path)
    migrate.check_schema(tables, current)
    if readonly and current != migrate.head_revision():
        raise DatabaseError(MSG_NEEDS_UPGRADE.format(path=path))
    return False


@dataclass
class Database:
    engine: Engine
    url: URL
    readonly: bool = False
    #: Who this Database is to change watchers (its own writes are not news to it).
    origin: changes.Origin = field(default_factory=changes.Origin)
    watchers: list[changes.ChangeWatcher] = field(default_factory=list, repr=False)

    @classmethod
    def open(
        cls,
        target: str | Path,
        *,
        create: bool = False,
        readonly: bool = False,
        upgrade: bool = True,
    ) -> Database:
        """Open ``target`` (a file path or SQLAlchemy URL).

        ``create``: a missing (or 0-byte) file is created at head; without it such a file
        is refused with a message naming the path. Only the first start of the default
        database, ``demo`` and ``init`` should pass it.
        ``readonly``: nothing is written (no WAL switch, no migration, no defaults) and the
        file must already be current; reading works while another program writes.
        Every refusal raises :class:`DatabaseError` with a Chinese message; a refused file
        is left byte-identical.
        """
        url = to_url(target)
        path = _file_path(url)
        try:
            if path is not None:
                _preflight(path, create=create, readonly=readonly)
            if readonly and path is not None:
                engine = _readonly_engine(path)
            else:
                engine = _engine(url, file_backed=path is not None)
        except migrate.SchemaError as exc:
            raise DatabaseError(str(exc)) from exc
        except (sqlalchemy.exc.SQLAlchemyError, sqlite3.Error, OSError) as exc:
            raise DatabaseError(_explain(exc, path, url)) from exc
        db = cls(engine=engine, url=url, readonly=readonly and path is not None)
        if db.readonly:
            return db
        try:
            migrate.check_and_upgrade(engine, upgrade=upgrade)
        except migrate.SchemaError as exc:
            engine.dispose()
            raise DatabaseError(str(exc)) from exc
        except (sqlalchemy.exc.SQLAlchemyError, sqlite3.Error, OSError) as exc:
            engine.dispose()
            raise DatabaseError(_explain(exc, path, url)) from exc
        return db

    @classmethod
    def unopened(cls, target: str | Path) -> Database:
        """A handle naming ``target`` without opening it (no file is read or created):
        for commands that replace the file itself (restore)."""
        url = to_url(target)
        return cls(engine=create_engine(url), url=url)

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
        """One write transaction under the write lock (BEGIN IMMEDIATE on SQLite, an
        advisory lock on PostgreSQL), commit on success, roll back on error."""
        factory = sessionmaker(
            bind=self.engine.execution_options(**{dialect.WRITE_OPTION: True}),
            class_=WriteSession,
            expire_on_commit=False,
        )
        with factory(info={changes.ORIGIN_KEY: self.origin}) as session, session.begin():
            yield session

    def watch_changes(self) -> changes.ChangeWatcher:
        """A watcher answering what other connections changed since its last poll
        (see :mod:`changes`); closed with the Database (its file may then be replaced)."""
        watcher = changes.watch(self.url, self.origin)
        self.watchers.append(watcher)
        return watcher

    def close(self) -> None:
        for watcher in self.watchers:
            watcher.close()
        self.watchers.clear()
        self.engine.dispose()
