"""Copy a register into an empty database of another engine (issue 14: ``migrate-to``),
then verify the copy.

Every table of the models is copied row by row in dependency order with its own ids, so
register numbers, document numbers, attachments' references (paths relative to the
attachments folder: the files themselves stay where they are) and the audit chain (ids,
times, hashes) are the same. Afterwards PostgreSQL's id sequences are set past the
copied ids. The verification compares, table by table, the row count and a SHA-256
over all rows in id order (values as Python reads them); the audit chain is checked on
the copy by the caller. The search index is not copied: SQLite rebuilds it, PostgreSQL
does not use one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any, Final

from sqlalchemy import Connection, Table, func, insert, select, text

from . import dialect
from .db import Database
from .models import Base

BATCH: Final = 1000
MSG_NOT_EMPTY: Final = "目标数据库不是空的（数据表 {table} 已有 {count} 行），未作任何复制。"


class TransferError(Exception):
    """The copy cannot be made or does not match (message in Chinese)."""


@dataclass
class TableCheck:
    table: str
    rows: int
    digest: str


@dataclass
class TransferReport:
    tables: list[TableCheck] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


def _tables() -> list[Table]:
    return [t for t in Base.metadata.sorted_tables if t.name != "alembic_version"]


def _order(table: Table) -> list[Any]:
    return list(table.primary_key.columns) or list(table.columns)


def _plain(value: Any) -> str:
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(int(value))
    return repr(value)


def _rows(conn: Connection, table: Table) -> Iterator[dict[str, Any]]:
    result = conn.execution_options(stream_results=True).execute(
        select(table).order_by(*_order(table))
    )
    for row in result.mappings():
        yield dict(row)


def table_check(conn: Connection, table: Table) -> TableCheck:
    """Row count and SHA-256 of ``table``'s rows in id order."""
    digest = hashlib.sha256()
    count = 0
    for row in _rows(conn, table):
        count += 1
        line = "\x1f".join(_plain(row[c.name]) for c in table.columns)
        digest.update(line.encode("utf-8") + b"\x1e")
    return TableCheck(table.name, count, digest.hexdigest())


def _refuse_nonempty(conn: Connection) -> None:
    for table in _tables():
        count = conn.scalar(select(func.count()).select_from(table)) or 0
        if count:
            raise TransferError(MSG_NOT_EMPTY.format(table=table.name, count=count))


def _reset_sequences(conn: Connection) -> None:
    if dialect.is_sqlite(conn):
        return
    for table in _tables():
        key = list(table.primary_key.columns)
        if len(key) != 1 or not key[0].autoincrement or key[0].type.python_type is not int:
            continue
        sequence = conn.scalar(
            text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": key[0].name}
        )
        if sequence:
            conn.execute(
                text(
                    f"SELECT setval(:s, coalesce((SELECT max({key[0].name}) FROM {table.name}), 0)"
                    " + 1, false)"
                ),
                {"s": sequence},
            )


def copy_register(source: Database, target: Database) -> TransferReport:
    """Copy every row of ``source`` into the empty ``target`` (both open at head), in one
    transaction on ``target``; raises :class:`TransferError` if it is not empty."""
    with (
        source.engine.connect() as src,
        target.engine.execution_options(**{dialect.WRITE_OPTION: True}).begin() as dst,
    ):
        _refuse_nonempty(dst)
        for table in _tables():
            batch: list[dict[str, Any]] = []
            for row in _rows(src, table):
                batch.append(row)
                if len(batch) >= BATCH:
                    dst.execute(insert(table), batch)
                    batch = []
            if batch:
                dst.execute(insert(table), batch)
        _reset_sequences(dst)
    return verify(source, target)


def verify(source: Database, target: Database) -> TransferReport:
    """Compare every table's count and hash; :class:`TransferError` names the first
    table that differs."""
    report = TransferReport()
    with source.engine.connect() as src, target.engine.connect() as dst:
        for table in _tables():
            mine, theirs = table_check(src, table), table_check(dst, table)
            if mine != theirs:
                raise TransferError(
                    f"复制核对不一致：数据表 {table.name}（源 {mine.rows} 行，"
                    f"目标 {theirs.rows} 行，校验值不同）。"
                )
            report.tables.append(mine)
    return report
