"""What every ledger's row source shares: the date range as SQL conditions, one Core
query streamed in batches (plain rows, no ORM objects), and its row count."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from typing import Any, TypeAlias

from sqlalchemy import ColumnElement, Row, Select, func, select

from petitiondesk.core.enums import LabeledEnum
from petitiondesk.store.db import Database
from petitiondesk.store.models import IssueCategory, Petition, Petitioner

BATCH = 500  # rows fetched from SQLite at a time
ANONYMOUS = "匿名"  # the name of a case without a petitioner

#: A SELECT of any columns (SQLAlchemy 2.1 types a Select by its column types).
Query: TypeAlias = Select[*tuple[Any, ...]]


def day_range(column: Any, start: date, end: date) -> ColumnElement[bool]:
    """``start <= column <= end`` for a DATE column."""
    condition: ColumnElement[bool] = column.between(start, end)
    return condition


def moment_range(column: Any, start: date, end: date) -> ColumnElement[bool]:
    """``column`` (a DATETIME) falls on a day from ``start`` to ``end``, both included."""
    low = datetime.combine(start, time.min)
    high = datetime.combine(end + timedelta(days=1), time.min)
    condition: ColumnElement[bool] = (column >= low) & (column < high)
    return condition


def stream(
    db: Database, stmt: Query, convert: Callable[[Row[Any]], dict[str, object]]
) -> Iterator[dict[str, object]]:
    """The rows of ``stmt``, each converted to a ledger row, fetched ``BATCH`` at a time
    from one open cursor (the read transaction stays open while the caller consumes).
    Run on the session's connection (Core): the ORM's row handling is not needed for
    plain columns and costs as much as the fetch."""
    with db.read() as session:
        result = session.connection().execute(stmt.execution_options(yield_per=BATCH))
        for row in result:
            yield convert(row)


def count(db: Database, stmt: Query) -> int:
    """How many rows ``stmt`` yields (for the progress bar)."""
    with db.read() as session:
        total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
        return int(total or 0)


def label(value: Any) -> str:
    """An enum's Chinese label, "" for None."""
    return "" if value is None else str(value.label)


def stored_label(enum: type[LabeledEnum], value: str) -> str:
    """The Chinese label of an enum value stored as plain text ("" stays "", an unknown
    value shows as it is)."""
    if not value:
        return ""
    try:
        return enum(value).label
    except ValueError:
        return value


def with_case(stmt: Query, petition_id: Any) -> Query:
    """``stmt`` joined to its case (``petition_id`` = the petition's id) and, where they
    exist, the case's petitioner and category (select their columns in ``stmt``)."""
    return (
        stmt.join(Petition, petition_id == Petition.id)
        .outerjoin(Petitioner, Petition.petitioner_id == Petitioner.id)
        .outerjoin(IssueCategory, Petition.category_id == IssueCategory.id)
    )
