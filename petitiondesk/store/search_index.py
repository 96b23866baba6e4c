"""The register's substring index (SQLite FTS5) — the only SQLite-specific search code.

What it answers: "which petitions have this fragment anywhere in the petitioner's name,
address or the summary", exactly as ``LIKE '%fragment%'`` would (ASCII letters ignore
case, like SQLite's LIKE), for fragments of any length — one or two Chinese characters
included, which a trigram index cannot answer.

How: every character of the text is its own token. The text is NFKC-folded, each ASCII
character that is not a letter or digit (punctuation, spaces) is replaced by a private-use
character (so it is a token too), and the characters are joined with spaces; the FTS5
``ascii`` tokenizer then makes one token of every character (it treats every non-ASCII
character as part of a token and folds only ASCII case). A fragment becomes the same
token sequence, queried as an FTS5 *phrase*: consecutive tokens in one column, that is,
a substring. (A private-use character U+F0000–U+F007F typed into a petition would match
the ASCII character it stands for; nobody types those.)

Order: the index row's rowid is a *time key* — seconds since 2000 of ``received_at``
times 2³¹, plus the petition id — so walking the index by descending rowid lists matches
newest first and stops after a page, and a date range is a rowid range. The petition id
is ``rowid & ID_MASK``. Within the same second, register order decides.

``petition_search_key`` maps a petition to its current key, so a changed ``received_at``
finds the old row to replace.

Kept in step by :func:`install` (an ``after_flush`` hook on write sessions: every ORM
write that adds, deletes or changes a petition's summary, time or petitioner, or a
petitioner's name or address, re-indexes those petitions), rebuilt by migration 0007 and
by ``petitiondesk maintenance reindex``; bulk Core inserts (the benchmark) call
:func:`rebuild` themselves. Nothing else knows FTS5.

On PostgreSQL (several desks, issue 14) there is no index table: :func:`like_match` is
the fallback, an ``ILIKE '%fragment%'`` over the same three columns (a sequential scan; a
few desks' register of some ten thousand cases a year answers in milliseconds). The
hook and :func:`rebuild` do nothing there.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from typing import Any, Final

from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    event,
    inspect,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy import table as sa_table
from sqlalchemy.orm import Session

TABLE: Final = "petition_search"
KEY_TABLE: Final = "petition_search_key"
ID_BITS: Final = 31
ID_MASK: Final = (1 << ID_BITS) - 1
EPOCH: Final = datetime(2000, 1, 1)
COLUMNS: Final = ("name", "address", "summary")

CREATE: Final = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    "name, address, summary, tokenize = 'ascii')",
    f"CREATE TABLE IF NOT EXISTS {KEY_TABLE} ("
    "petition_id INTEGER PRIMARY KEY, key INTEGER NOT NULL)",
)
DROP: Final = (f"DROP TABLE IF EXISTS {KEY_TABLE}", f"DROP TABLE IF EXISTS {TABLE}")

_PRIVATE: Final = 0xF0000
# ASCII non-alphanumerics become private-use characters (tokens for the ascii tokenizer).
_TRANSLATE: Final = {code: chr(_PRIVATE + code) for code in range(128) if not chr(code).isalnum()}

# The FTS table as a FROM item (its rowid and MATCH column are named in full below).
index_table = sa_table(TABLE)
_ROWID: Final[ColumnElement[int]] = literal_column(f"{TABLE}.rowid")
_MATCH_COLUMN: Final[ColumnElement[str]] = literal_column(TABLE)


def is_index_table(name: str) -> bool:
    """True for the tables this module owns (FTS5 and its shadow tables, the key map):
    they are not in the models' metadata."""
    return name in (KEY_TABLE, TABLE) or name.startswith(TABLE + "_")


# --- text -----------------------------------------------------------------------------


def tokens(value: str) -> str:
    """``value`` as indexed: NFKC, ASCII punctuation as private-use characters, one
    character per space-separated token."""
    return " ".join(unicodedata.normalize("NFKC", value).translate(_TRANSLATE))


def phrase(fragment: str) -> str:
    """An FTS5 phrase matching ``fragment`` as a substring ("" for an empty one)."""
    spaced = tokens(fragment)
    return f'"{spaced}"' if spaced else ""


def time_key(received_at: datetime, petition_id: int = 0) -> int:
    """The rowid of a petition received at ``received_at`` (see the module)."""
    seconds = (received_at - EPOCH) // timedelta(seconds=1)
    return (seconds << ID_BITS) + petition_id


# --- queries ----------------------------------------------------------------------------


def match_rows(
    fragment: str,
    *,
    columns: Sequence[str] = COLUMNS,
    since: datetime | None = None,
    until: datetime | None = None,
) -> tuple[ColumnElement[bool], ColumnElement[int], ColumnElement[int]]:
    """``(condition, petition_id, order_key)`` for a query joined with :data:`index_table`:
    the condition selects the index rows containing ``fragment`` in one of ``columns``
    (received in ``[since, until)`` if given); order by ``order_key`` descending for
    newest first."""
    expr = f"{{{' '.join(columns)}}} : {phrase(fragment)}"
    return _conditions(expr, since, until)


def like_match(fragment: str) -> ColumnElement[bool]:
    """PostgreSQL's answer to :func:`match_rows`: the petition (joined with nothing else)
    whose petitioner's name or address or whose summary contains ``fragment``."""
    from .models import Petition, Petitioner

    escaped = fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    people = select(Petitioner.id).where(
        or_(
            Petitioner.name.ilike(pattern, escape="\\"),
            Petitioner.address.ilike(pattern, escape="\\"),
        )
    )
    return or_(
        Petition.summary.ilike(pattern, escape="\\"),
        Petition.petitioner_id.in_(people.scalar_subquery()),
    )


def _conditions(
    expr: str, since: datetime | None, until: datetime | None
) -> tuple[ColumnElement[bool], ColumnElement[int], ColumnElement[int]]:
    parts: list[ColumnElement[bool]] = [_MATCH_COLUMN.op("MATCH")(expr)]
    if since is not None:
        parts.append(time_key(since) <= _ROWID)
    if until is not None:
        parts.append(time_key(until) > _ROWID)
    return and_(*parts), _ROWID.op("&")(ID_MASK), _ROWID


# --- keeping in step ---------------------------------------------------------------------

_SOURCE: Final = (
    "SELECT p.id, p.received_at, coalesce(pe.name, ''), coalesce(pe.address, ''), "
    "p.summary FROM petition p LEFT JOIN petitioner pe ON pe.id = p.petitioner_id "
)


def _parse_time(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _rows(raw: Iterable[Sequence[Any]]) -> Iterator[dict[str, Any]]:
    for pid, received, name, address, summary in raw:
        yield {
            "pid": pid,
            "key": time_key(_parse_time(received), pid),
            "name": tokens(name),
            "address": tokens(address),
            "summary": tokens(summary or ""),
        }


_INSERT: Final = text(
    f"INSERT INTO {TABLE} (rowid, name, address, summary) VALUES (:key, :name, :address, :summary)"
)
_INSERT_KEY: Final = text(
    f"INSERT OR REPLACE INTO {KEY_TABLE} (petition_id, key) VALUES (:pid, :key)"
)


def forget(conn: Connection, petition_ids: Iterable[int]) -> None:
    """Remove these petitions from the index."""
    for pid in petition_ids:
        key = conn.execute(
            text(f"SELECT key FROM {KEY_TABLE} WHERE petition_id = :pid"), {"pid": pid}
        ).scalar()
        if key is not None:
            conn.execute(text(f"DELETE FROM {TABLE} WHERE rowid = :key"), {"key": key})
            conn.execute(text(f"DELETE FROM {KEY_TABLE} WHERE petition_id = :pid"), {"pid": pid})


def refresh(conn: Connection, petition_ids: Iterable[int]) -> None:
    """Re-index these petitions from what the database holds now (gone ones are removed)."""
    ids = sorted(set(petition_ids))
    if not ids:
        return
    forget(conn, ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join(str(int(pid)) for pid in chunk)
        rows = list(_rows(conn.exec_driver_sql(_SOURCE + f"WHERE p.id IN ({marks})")))
        if rows:
            conn.execute(_INSERT, rows)
            conn.execute(_INSERT_KEY, rows)


def rebuild(conn: Connection, *, batch: int = 20_000) -> int:
    """Drop and rebuild the whole index from the petitions; returns how many rows
    (0 on PostgreSQL, which has no index table)."""
    if conn.dialect.name != "sqlite":
        return 0
    for statement in DROP:
        conn.exec_driver_sql(statement)
    for statement in CREATE:
        conn.exec_driver_sql(statement)
    count, last = 0, 0
    while True:
        raw = conn.exec_driver_sql(
            _SOURCE + "WHERE p.id > ? ORDER BY p.id LIMIT ?", (last, batch)
        ).all()
        if not raw:
            break
        rows = list(_rows(raw))
        conn.execute(_INSERT, rows)
        conn.execute(_INSERT_KEY, rows)
        count += len(rows)
        last = raw[-1][0]
    conn.exec_driver_sql(f"INSERT INTO {TABLE}({TABLE}) VALUES ('optimize')")
    return count


# --- the session hook -------------------------------------------------------------------

_PETITION_FIELDS: Final = ("summary", "received_at", "petitioner_id")
_PERSON_FIELDS: Final = ("name", "address")


def _changed(obj: Any, fields: Sequence[str]) -> bool:
    state = inspect(obj)
    return any(state.attrs[f].history.has_changes() for f in fields)


def _after_flush(session: Session, _context: Any) -> None:
    from .models import Petition, Petitioner

    touched: set[int] = set()
    gone: set[int] = set()
    people: set[int] = set()
    for obj in session.new:
        if isinstance(obj, Petition):
            touched.add(obj.id)
    for obj in session.dirty:
        if isinstance(obj, Petition) and _changed(obj, _PETITION_FIELDS):
            touched.add(obj.id)
        elif isinstance(obj, Petitioner) and _changed(obj, _PERSON_FIELDS):
            people.add(obj.id)
    for obj in session.deleted:
        if isinstance(obj, Petition):
            gone.add(obj.id)
    if not (touched or gone or people):
        return
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        return
    if people:
        marks = ", ".join(str(int(pid)) for pid in people)
        touched.update(
            row[0]
            for row in conn.exec_driver_sql(
                f"SELECT id FROM petition WHERE petitioner_id IN ({marks})"
            )
        )
    forget(conn, gone - touched)
    refresh(conn, touched)


def install(target: Any) -> None:
    """Keep the index in step with every ORM flush of ``target`` (a session factory)."""
    event.listen(target, "after_flush", _after_flush)
