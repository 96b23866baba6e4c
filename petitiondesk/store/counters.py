"""Register-number allocation: gap-free per year, inside the caller's write transaction."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from .models import Petition, RegisterCounter


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
