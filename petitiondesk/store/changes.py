"""Did another desk change the data? (issue 14) — Qt-free change detection.

Every write transaction of :meth:`Database.write` announces which *topics* it changed
(the hub's topic names: cases, roster, referrals, …, worked out from the tables its
flushes touched) and which connection made it (the :class:`Origin` of its Database):

* on SQLite it writes one row of ``change_log`` (the newest :data:`KEEP` rows are kept);
  a :class:`ChangeWatcher` keeps a dedicated connection whose ``PRAGMA data_version``
  changes only when another connection committed, and only then reads the new rows;
* on PostgreSQL it sends ``NOTIFY petitiondesk, '<origin> <topics>'`` (delivered at
  commit, dropped on rollback); the watcher LISTENs on its own psycopg connection and
  drains the notifications without blocking.

:meth:`ChangeWatcher.poll` answers the topics other Database objects (other windows,
other programs, other desks) changed since the last poll; its own Database's writes are
left out (the window already announced them). A change nobody logged (a write outside
:meth:`Database.write`, another tool) answers :data:`ALL`.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterable
from typing import Any, Final, Protocol

from sqlalchemy import delete, event, insert, text, update
from sqlalchemy.engine import URL
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from .models import ChangeLog

CHANNEL: Final = "petitiondesk"
#: How many change_log rows are kept (a watcher polls every few seconds).
KEEP: Final = 1000
ALL: Final = "all"
CASES, REFERENCE, ROSTER, SETTINGS = "cases", "reference", "roster", "settings"
CALENDAR, REFERRALS, CLOSURE = "calendar", "referrals", "closure"

#: Which hub topics a change of a table concerns (tables not listed: :data:`ALL`).
TABLE_TOPICS: Final[dict[str, tuple[str, ...]]] = {
    "petition": (CASES,),
    "petitioner": (CASES,),
    "representative": (CASES,),
    "attachment": (CASES,),
    "conversation_record": (CASES,),
    "dispute": (CASES,),
    "referral": (REFERRALS,),
    "referral_unit": (REFERRALS,),
    "referral_urge": (REFERRALS,),
    "extension": (REFERRALS,),
    "supervision_slip": (REFERRALS,),
    "supervision_recipient": (REFERRALS,),
    "closure": (CLOSURE,),
    "review_request": (CLOSURE,),
    "reception_rule": (ROSTER,),
    "roster_entry": (ROSTER,),
    "roster_change": (ROSTER,),
    "appointment": (ROSTER,),
    "leader": (ROSTER, REFERENCE),
    "leader_category": (ROSTER, REFERENCE),
    "issue_category": (REFERENCE,),
    "department": (REFERENCE,),
    "office_settings": (SETTINGS,),
    "deadline_rule": (SETTINGS,),
    "account": (SETTINGS,),
    "holiday": (CALENDAR,),
    "calendar_year": (CALENDAR,),
}
#: Tables whose changes no tab shows (bookkeeping written along with other changes).
QUIET_TABLES: Final = frozenset(
    {"audit_log", "register_counter", "doc_counter", "program_version", "change_log"}
)

_STATE: Final = "petitiondesk.changes"  # session.info key: _Pending of this transaction
ORIGIN_KEY: Final = "petitiondesk.origin"  # session.info key: the Database's Origin


class Origin:
    """Who writes: one per Database object (``name`` is random); ``commits`` counts its
    committed write transactions (so a watcher can tell an unlogged change of its own)."""

    def __init__(self) -> None:
        self.name = uuid.uuid4().hex[:16]
        self.commits = 0


def topics_of(tables: Iterable[str]) -> set[str]:
    """The hub topics a change of ``tables`` concerns (empty if only bookkeeping)."""
    found: set[str] = set()
    for table in tables:
        if table in QUIET_TABLES or table.startswith("petition_search"):
            continue
        found.update(TABLE_TOPICS.get(table, (ALL,)))
    return {ALL} if ALL in found else found


# --- announcing (the write session's hooks) ------------------------------------------------


class _Pending:
    def __init__(self) -> None:
        self.row_id: int | None = None
        self.topics: set[str] = set()


def install(target: Any) -> None:
    """Announce the changes of every transaction of ``target`` (a Session class) whose
    ``info`` names an :class:`Origin` (``info[ORIGIN_KEY]``)."""
    event.listen(target, "after_flush", _after_flush)
    event.listen(target, "do_orm_execute", _on_execute)
    event.listen(target, "after_commit", _after_commit)
    event.listen(target, "after_transaction_end", _after_transaction_end)


def _after_flush(session: Session, _flush: UOWTransaction) -> None:
    objects = [*session.new, *session.dirty, *session.deleted]
    tables = {str(getattr(obj, "__tablename__", "")) for obj in objects}
    _announce(session, tables - {""})


def _on_execute(state: ORMExecuteState) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    name = getattr(table, "name", None)
    if name and name != ChangeLog.__tablename__:
        _announce(state.session, {str(name)})


def _announce(session: Session, tables: set[str]) -> None:
    origin = session.info.get(ORIGIN_KEY)
    if origin is None or not tables:
        return
    pending = session.info.get(_STATE)
    first = pending is None
    if pending is None:
        pending = session.info[_STATE] = _Pending()
    new = topics_of(tables) - pending.topics
    pending.topics |= new
    payload = ",".join(sorted(pending.topics))
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        if new:
            conn.execute(
                text("SELECT pg_notify(:channel, :payload)"),
                {"channel": CHANNEL, "payload": f"{origin.name} {payload}"},
            )
    elif first:
        # A row even for bookkeeping only (topics ""): the other desks' data_version
        # changes, and the row tells them it was nothing they show.
        row_id = conn.execute(
            insert(ChangeLog).values(origin=origin.name, topics=payload).returning(ChangeLog.id)
        ).scalar_one()
        pending.row_id = row_id
        conn.execute(delete(ChangeLog).where(ChangeLog.id <= row_id - KEEP))
    elif new:
        conn.execute(update(ChangeLog).where(ChangeLog.id == pending.row_id).values(topics=payload))


def _after_commit(session: Session) -> None:
    origin = session.info.get(ORIGIN_KEY)
    if origin is not None:
        origin.commits += 1


def _after_transaction_end(session: Session, transaction: Any) -> None:
    if transaction.parent is None:
        session.info.pop(_STATE, None)


# --- watching -------------------------------------------------------------------------------


class ChangeWatcher(Protocol):
    def poll(self) -> set[str]:
        """The topics other connections changed since the last poll (cheap, no wait)."""

    def close(self) -> None: ...


class NullWatcher:
    """For a database nobody else can reach (in memory)."""

    def poll(self) -> set[str]:
        return set()

    def close(self) -> None:
        pass


def _others(rows: Iterable[tuple[str, str]], own: str) -> set[str]:
    found: set[str] = set()
    for origin, topics in rows:
        if origin != own:
            found.update(part for part in topics.split(",") if part)
    return {ALL} if ALL in found else found


class SqliteWatcher:
    """``PRAGMA data_version`` on a dedicated connection; ``change_log`` rows on change."""

    def __init__(self, path: str, origin: Origin) -> None:
        self.origin = origin
        self.conn = sqlite3.connect(
            path, timeout=1.0, isolation_level=None, check_same_thread=False
        )
        self.conn.execute("PRAGMA query_only=ON")
        self.version = self._data_version()
        self.last_id = int(
            self.conn.execute("SELECT coalesce(max(id), 0) FROM change_log").fetchone()[0]
        )
        self.commits = origin.commits

    def _data_version(self) -> int:
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def poll(self) -> set[str]:
        try:
            return self._poll()
        except sqlite3.Error:
            return set()  # locked, or the file went away (restore): try again next time

    def _poll(self) -> set[str]:
        version = self._data_version()
        own_commits, self.commits = self.commits != self.origin.commits, self.origin.commits
        if version == self.version:
            return set()
        self.version = version
        rows = self.conn.execute(
            "SELECT id, origin, topics FROM change_log WHERE id > ? ORDER BY id", (self.last_id,)
        ).fetchall()
        if rows:
            # Rows already pruned (more than KEEP writes since the last poll): unknown.
            missed = int(rows[0][0]) > self.last_id + 1
            self.last_id = int(rows[-1][0])
            if missed:
                return {ALL}
            return _others(((row[1], row[2]) for row in rows), self.origin.name)
        # Committed by a connection that logged nothing: ours (already announced) or
        # something outside Database.write (another tool): everything may have changed.
        return set() if own_commits else {ALL}

    def close(self) -> None:
        self.conn.close()


class PostgresWatcher:
    """LISTEN on a dedicated autocommit psycopg connection; notifications are drained
    without waiting."""

    def __init__(self, url: URL, origin: Origin) -> None:
        import psycopg

        self.origin = origin
        conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
        self.conn = psycopg.connect(conninfo, autocommit=True)
        self.conn.execute(f"LISTEN {CHANNEL}")

    def poll(self) -> set[str]:
        import psycopg

        try:
            rows = [
                tuple(note.payload.split(" ", 1) + [""])[:2]
                for note in self.conn.notifies(timeout=0)
            ]
        except psycopg.Error:
            return set()
        return _others(((origin, topics) for origin, topics in rows), self.origin.name)

    def close(self) -> None:
        self.conn.close()


def watch(url: URL, origin: Origin) -> ChangeWatcher:
    """A watcher for the database at ``url`` that leaves out ``origin``'s own writes
    (a :class:`NullWatcher` if it cannot connect: the desk then only sees its own)."""
    backend = url.get_backend_name()
    try:
        if backend == "sqlite" and url.database and url.database != ":memory:":
            return SqliteWatcher(str(url.database), origin)
        if backend == "postgresql":
            return PostgresWatcher(url, origin)
    except (sqlite3.Error, OSError, ImportError):
        return NullWatcher()
    except Exception as exc:  # psycopg.Error without importing psycopg here
        if type(exc).__module__.startswith("psycopg"):
            return NullWatcher()
        raise
    return NullWatcher()
