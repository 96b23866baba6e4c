"""Number allocation, gap-free per year, inside the caller's write transaction: register
numbers (登记号) and document numbers (文号, e.g. acceptance notices 〔2026〕12号)."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from . import dialect
from .models import DocCounter, Petition, RegisterCounter


def allocate_register_seq(session: Session, year: int) -> int:
    """Take the next sequence number of ``year``.

    Must run inside a write transaction (``Database.write``: BEGIN IMMEDIATE on SQLite,
    the write advisory lock on PostgreSQL): the counter row is updated under the write
    lock, so concurrent saves queue up and each gets the next number; a rolled-back save
    gives its number back.
    """
    conn = session.connection()
    session.execute(dialect.insert_ignore(conn, RegisterCounter, year=year, last_seq=0))
    # Never hand out a number already used (e.g. rows imported without the counter).
    used = session.scalar(
        select(func.coalesce(func.max(Petition.seq), 0)).where(Petition.year == year)
    )
    seq = session.execute(
        update(RegisterCounter)
        .where(RegisterCounter.year == year)
        .values(last_seq=dialect.greatest(conn, RegisterCounter.last_seq, used or 0) + 1)
        .returning(RegisterCounter.last_seq)
    ).scalar_one()
    return int(seq)


def allocate_doc_seq(session: Session, kind: str, year: int) -> int:
    """Take the next number of document series ``kind`` (e.g. ``"acceptance_notice"``) in
    ``year``. Same rules as :func:`allocate_register_seq`: call inside ``Database.write``;
    a rolled-back save gives its number back, so the series has no gaps."""
    conn = session.connection()
    session.execute(dialect.insert_ignore(conn, DocCounter, kind=kind, year=year, last_seq=0))
    seq = session.execute(
        update(DocCounter)
        .where(DocCounter.kind == kind, DocCounter.year == year)
        .values(last_seq=DocCounter.last_seq + 1)
        .returning(DocCounter.last_seq)
    ).scalar_one()
    return int(seq)
