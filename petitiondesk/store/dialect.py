"""What differs between SQLite (one desk) and PostgreSQL (several desks) — issue 14.

The rest of the store and the services write portable SQLAlchemy; the few statements
that are not portable are built here:

* :func:`insert_ignore` — ``INSERT … ON CONFLICT DO NOTHING`` in either dialect;
* :func:`greatest` — the larger of two values (SQLite's two-argument ``max()``,
  PostgreSQL's ``greatest()``);
* :class:`day_of` / :class:`clock_of` — the day of a DATETIME and the ``HH:MM`` of a
  DATETIME or TIME in a query (SQLite keeps both as text, PostgreSQL as typed values);
* the write lock: on SQLite ``BEGIN IMMEDIATE`` takes the whole file's write lock; on
  PostgreSQL every write transaction takes one transaction-level advisory lock
  (:data:`WRITE_LOCK`) first, so writers queue up exactly as on SQLite: register, queue
  and document numbers, the audit chain's tail — whatever a write reads and then writes —
  never see another desk's half-done write (readers are never blocked);
* :data:`MIGRATE_LOCK` — the advisory lock a desk holds while it upgrades the schema.
"""

from __future__ import annotations

from typing import Any, ClassVar, Final

from sqlalchemy import ColumnElement, Connection, Date, Engine, String, Table, event, func, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.dml import Insert
from sqlalchemy.sql.functions import FunctionElement

# Advisory lock keys (any 64-bit numbers; these read "PD-WRITE" / "PD-MIGR" in ASCII).
WRITE_LOCK: Final = 0x50442D5752495445
MIGRATE_LOCK: Final = 0x50442D4D49475200 & 0x7FFFFFFFFFFFFFFF

# The execution option that marks a write transaction (Database.write, migrations).
WRITE_OPTION: Final = "sqlite_immediate"


def name_of(bind: Connection | Engine) -> str:
    return str(bind.dialect.name)


def is_sqlite(bind: Connection | Engine) -> bool:
    return name_of(bind) == "sqlite"


def insert_ignore(bind: Connection, table: Table | Any, **values: Any) -> Insert:
    """``INSERT INTO table (…) VALUES (…) ON CONFLICT DO NOTHING`` for ``bind``'s dialect."""
    if is_sqlite(bind):
        from sqlalchemy.dialects import sqlite

        return sqlite.insert(table).values(**values).on_conflict_do_nothing()
    from sqlalchemy.dialects import postgresql

    return postgresql.insert(table).values(**values).on_conflict_do_nothing()


def greatest(bind: Connection, left: Any, right: Any) -> ColumnElement[Any]:
    """The larger of two values (both non-NULL)."""
    if is_sqlite(bind):
        return func.max(left, right)
    return func.greatest(left, right)


def lock_writes(conn: Connection) -> None:
    """Take the PostgreSQL write lock for the rest of ``conn``'s transaction."""
    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})


def install_write_lock(engine: Engine) -> None:
    """On PostgreSQL, every transaction begun with :data:`WRITE_OPTION` takes the write
    lock first (SQLite does the same with ``BEGIN IMMEDIATE``, see ``db.py``)."""

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get(WRITE_OPTION):
            lock_writes(conn)


def lock_migrations(conn: Connection) -> None:
    """PostgreSQL: hold the migration lock until ``conn``'s transaction ends; a second desk
    starting at the same time waits here and then finds the schema current."""
    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATE_LOCK})


class _PerDialect(FunctionElement[Any]):
    """A function of one column whose SQL differs by dialect: ``SQL`` maps the dialect
    name ("" for any other) to a template of the column's SQL."""

    SQL: ClassVar[dict[str, str]] = {}
    inherit_cache = True


class day_of(_PerDialect):  # noqa: N801 - used like func.x(...)
    """The day (DATE) of a DATETIME column. SQLite keeps a DATETIME as text
    ``YYYY-MM-DD HH:MM:SS…``: its first ten characters."""

    type = Date()
    name = "day_of"
    inherit_cache = True
    SQL = {"sqlite": "substr({}, 1, 10)", "": "CAST({} AS DATE)"}


class clock_of(_PerDialect):  # noqa: N801 - used like func.x(...)
    """``HH:MM`` of a DATETIME or TIME column."""

    type = String()
    name = "clock_of"
    inherit_cache = True
    SQL = {"sqlite": "strftime('%H:%M', {})", "": "to_char({}, 'HH24:MI')"}


@compiles(_PerDialect)
def _per_dialect(element: _PerDialect, compiler: SQLCompiler, **kw: Any) -> str:
    template = element.SQL.get(compiler.dialect.name, element.SQL[""])
    return template.format(compiler.process(element.clauses, **kw))
