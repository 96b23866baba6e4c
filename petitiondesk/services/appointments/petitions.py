"""The visitor's petition behind a booking (登记号): looked up by its register number or
among the visitor's recent petitions, and checked against the booking.

A booking linked to its petition carries the petition's confidentiality (检举控告): the
responsible unit's card of the 四卡 then withholds the visitor's identity
(``services/printouts/cards.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from petitiondesk.core import validation
from petitiondesk.core.datetext import chinese_date
from petitiondesk.core.registerno import parse_register_no
from petitiondesk.store.db import Database
from petitiondesk.store.models import Petition, Petitioner

from ..result import Result

#: How many of the visitor's petitions the booking dialog offers, newest first.
RECENT_LIMIT: Final = 10


@dataclass(frozen=True)
class PetitionChoice:
    """A petition the booking can be linked to, as the clerk checks it."""

    id: int
    register_no: str
    name: str
    phone: str
    petitioner_id: int | None
    category_id: int | None
    category: str
    received_on: date
    summary: str
    confidential: bool

    @property
    def label(self) -> str:
        """``2026-00031 孙桂兰 劳动社保 2026年10月8日（保密）``."""
        parts = [
            self.register_no,
            self.name or "（匿名）",
            self.category,
            chinese_date(self.received_on),
        ]
        mark = "（检举控告，保密）" if self.confidential else ""
        return " ".join(p for p in parts if p) + mark


def _choice(petition: Petition) -> PetitionChoice:
    person = petition.petitioner
    return PetitionChoice(
        id=petition.id,
        register_no=petition.register_no,
        name=person.name if person is not None else "",
        phone=person.phone if person is not None else "",
        petitioner_id=petition.petitioner_id,
        category_id=petition.category_id,
        category=petition.category.name if petition.category is not None else "",
        received_on=petition.received_at.date(),
        summary=petition.summary,
        confidential=petition.confidential,
    )


def petition_by_register_no(
    session: Session, register_no: str
) -> tuple[Petition | None, str | None]:
    """The petition with ``register_no`` (full-width digits accepted), else a message."""
    if validation.has_lone_surrogate(register_no):
        return None, validation.MSG_UNSTORABLE_TEXT
    try:
        year, seq = parse_register_no(register_no)
    except ValueError as exc:
        return None, str(exc)
    petition = session.scalar(select(Petition).where(Petition.year == year, Petition.seq == seq))
    if petition is None:
        return None, f"找不到登记号 {year:04d}-{seq:05d}"
    return petition, None


def find_petition(db: Database, register_no: str) -> Result[PetitionChoice]:
    """The petition with ``register_no`` for the booking dialog's look-up (name, category,
    confidentiality), or a message under the field ``petition_register_no``."""
    with db.read() as session:
        petition, problem = petition_by_register_no(session, register_no)
        if petition is None:
            message = problem or "找不到该登记号"
            return Result.failure({"petition_register_no": message}, message)
        return Result.success(_choice(petition))


def recent_petitions(
    db: Database, *, name: str = "", petitioner_id: int | None = None, limit: int = RECENT_LIMIT
) -> list[PetitionChoice]:
    """The visitor's petitions, newest first: those of ``petitioner_id`` if given, else
    those whose petitioner is called ``name`` (exactly, spaces trimmed)."""
    name = name.strip()
    if validation.storable_values(name=name, petitioner_id=petitioner_id):
        return []
    if petitioner_id is None and not name:
        return []
    stmt = select(Petition).join(Petition.petitioner)
    if petitioner_id is not None:
        stmt = stmt.where(Petition.petitioner_id == petitioner_id)
    else:
        stmt = stmt.where(Petitioner.name == name)
    stmt = (
        stmt.options(selectinload(Petition.petitioner), selectinload(Petition.category))
        .order_by(Petition.received_at.desc(), Petition.id.desc())
        .limit(max(limit, 0))
    )
    with db.read() as session:
        return [_choice(p) for p in session.scalars(stmt)]
