"""Number allocation, gap-free per year, inside the caller's write transaction: register
numbers (登记号) and document numbers (文号, e.g. acceptance notices 〔2026〕12号)."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from .models import DocCounter, Petition, RegisterCounter


def allocate_register_seq(session: Session, year: int) -> int:
    """Take the next sequence number of ``year``.

    Must run inside a write transaction (``Database.write``, BEGIN IMMEDIATE): the
    counter row is updated under SQLite's write lock, so concurrent saves queue up
    and each gets the next number; a rolled-back save gives its number back.
    """
    session.execute(
        sqlite_insert(RegisterCounter).values(year=year, last_seq=0).on_conflict_do_nothing()
    )
    # Never hand out a number already used (e.g. rows imported without the counter).
    used = session.scalar(
        select(func.coalesce(func.max(Petition.seq), 0)).where(Petition.year == year)
    )
    seq = session.execute(
        update(RegisterCounter)
        .where(RegisterCounter.year == year)
        .values(last_seq=func.max(RegisterCounter.last_seq, used or 0) + 1)
        .returning(RegisterCounter.last_seq)
    ).scalar_one()
    return int(seq)


def allocate_doc_seq(session: Session, kind: str, year: int) -> int:
    """Take the next number of document series ``kind`` (e.g. ``"acceptance_notice"``) in
    ``year``. Same rules as :func:`allocate_register_seq`: call inside ``Database.write``;
    a rolled-back save gives its number back, so the series has no gaps."""
    session.execute(
        sqlite_insert(DocCounter).values(kind=kind, year=year, last_seq=0).on_conflict_do_nothing()
    )
    seq = session.execute(
        update(DocCounter)
        .where(DocCounter.kind == kind, DocCounter.year == year)
        .values(last_seq=DocCounter.last_seq + 1)
        .returning(DocCounter.last_seq)
    ).scalar_one()
    return int(seq)
